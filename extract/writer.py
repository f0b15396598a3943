"""The only code that writes records: validate against the schema, then write atomically."""

from __future__ import annotations

import csv
import io
import json
import os
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
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def _umask() -> int:
    """The process's umask (which can only be read by setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A file that appears at `path` complete, or not at all: written through a temporary file
    in the same folder, renamed into place on success, removed on any failure or Ctrl-C."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a record is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str) -> None:
    with open_atomic(path) as handle:
        handle.write(content)
