"""The only code that writes records: validate against the schema, then write atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import jsonschema

from extract.errors import RecordInvalid
from extract.models import Report
from extract.schema import committed_schema


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = committed_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(data: Any, schema: str = "report.schema.json") -> list[str]:
    """Each violation of `schema` (a file in schemas/) as "json.path: message", stably sorted."""
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def _validated(report: Report) -> dict[str, Any]:
    """The record as plain data, once it has passed the schema: nothing invalid is written."""
    data = report.model_dump(mode="json")
    errors = schema_errors(data)
    if errors:
        raise RecordInvalid("record does not match the schema: " + "; ".join(errors[:5]))
    return data


def record_json(report: Report) -> str:
    """The record as stable JSON: model field order, UTF-8, 2-space indent."""
    return json.dumps(_validated(report), indent=2, ensure_ascii=False) + "\n"


def jsonl_line(report: Report) -> str:
    """The record on one line (JSON Lines), validated like every record."""
    return json.dumps(_validated(report), ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "report_id", "published", "fieldwork_start", "fieldwork_end", "question_id", "figure",
    "question_text", "kind", "base", "option_label", "percent", "qualifier", "source",
)  # fmt: skip


def csv_rows(report: Report) -> list[dict[str, object]]:
    """The tidy table analysts load: one row per option, report and question facts repeated."""
    rows = []
    for question in report.questions:
        for option in question.options:
            rows.append(
                {
                    "report_id": report.id,
                    "published": report.published.date if report.published else None,
                    "fieldwork_start": report.fieldwork.start if report.fieldwork else None,
                    "fieldwork_end": report.fieldwork.end if report.fieldwork else None,
                    "question_id": question.id,
                    "figure": question.figure,
                    "question_text": question.text,
                    "kind": question.kind,
                    "base": question.base.n if question.base else None,
                    "option_label": option.label,
                    "percent": option.percent,
                    "qualifier": option.qualifier,
                    "source": option.source,
                }
            )
    return rows


def csv_text(reports: list[Report], *, header: bool = True) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled) of every report's options; empty cells for
    values the text does not state. Without the header, rows of several runs concatenate."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    for report in reports:
        for row in csv_rows(report):
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet reads as data: text starting like a formula
    (`=HYPERLINK(…)`, `+1`, `@SUM`) gets a leading single quote; a value not stated is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A file that appears at `path` complete, or not at all: written through a temporary file
    in the same folder, renamed into place on success, removed on any failure or Ctrl-C."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEMPORARY = re.compile(r"\..+\.(\d+)\.[a-z0-9_]{8}\.tmp")
"""The name `open_atomic` gives a temporary file: .<name>.<pid>.<random>.tmp"""


def remove_stale_temporary_files(folder: Path) -> None:
    """Remove the temporary files of `open_atomic` whose process is gone (a run killed with
    kill -9 cannot remove its own); those of a run still writing into the folder are kept."""
    for path in folder.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or a number no process can have
        return False
    except PermissionError:  # another user's process
        return True
    return True


def check_writable(folder: Path) -> None:
    """Raise the OSError a write into `folder` would (read-only, permission denied), by
    creating and removing an empty temporary file there."""
    fd, tmp = tempfile.mkstemp(prefix=f".probe.{os.getpid()}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(tmp)


def write_atomic(path: Path, content: str) -> None:
    with open_atomic(path) as handle:
        handle.write(content)
