"""The only code that writes records: validate against the schema, then write atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import jsonschema_rs
from pydantic_core import PydanticSerializationError

from extract.errors import RecordInvalid
from extract.schema import committed_schema

if TYPE_CHECKING:
    import jsonschema

    from extract.models import Report


@cache
def _compiled(name: str) -> jsonschema_rs.Validator:
    """The schema compiled once per process (jsonschema-rs): every record is checked with it
    before it is written, a few hundred times faster than the jsonschema package (0.1 ms a
    record against 20-45 ms: it was a quarter of the time of a text report)."""
    return jsonschema_rs.validator_for(committed_schema(name), validate_formats=True)


@cache
def _explainer(name: str) -> jsonschema.protocols.Validator:
    """The jsonschema package's validator, loaded only to word the errors of an invalid
    record, as `extract validate` has always worded them."""
    import jsonschema

    schema = committed_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(data: Any, schema: str = "report.schema.json") -> list[str]:
    """Each violation of `schema` (a file in schemas/) as "json.path: message", stably sorted.
    A test holds the two validators to the same verdicts (tests/test_schema.py)."""
    if _compiled(schema).is_valid(data):
        return []
    found = sorted(_explainer(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if found:
        return [f"{e.json_path}: {e.message}" for e in found]
    # the two disagree (the test says they do not): the compiled one's word is kept, so that
    # nothing it refuses is written
    return [
        f"{_json_path(e.instance_path)}: {e.message}" for e in _compiled(schema).iter_errors(data)
    ]


def _json_path(path: list[str | int]) -> str:
    """A path in the jsonschema package's spelling: $.questions[0].text"""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _validated(report: Report) -> dict[str, Any]:
    """The record as plain data, once it has passed the schema: nothing invalid is written."""
    data = report.model_dump(mode="json")
    errors = schema_errors(data)
    if errors:
        raise RecordInvalid("record does not match the schema: " + "; ".join(errors[:5]))
    return data


def record_json(report: Report) -> str:
    """The record as stable JSON: model field order, UTF-8, 2-space indent.

    pydantic-core writes the same text as `json.dumps(..., indent=2, ensure_ascii=False)` four
    times as fast (Python's encoder is pure Python when it indents), except for a float that
    Python writes with an exponent (5e-05, which pydantic writes 0.00005) and a string holding
    a lone surrogate (which pydantic refuses): those records are written by `json.dumps`."""
    data = _validated(report)
    if all(_written_alike(number) for number in _floats(report)):
        with suppress(PydanticSerializationError):
            return report.model_dump_json(indent=2) + "\n"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _floats(report: Report) -> Iterator[float | None]:
    """Every float in the record (tests/test_writer.py holds the models to these fields)."""
    for statistic in report.statistics:
        yield statistic.value
    for question in report.questions:
        for option in question.options:
            yield option.percent
        for statistic in question.statistics:
            yield statistic.value


def _written_alike(number: float | None) -> bool:
    """Whether Python writes this float without an exponent, as pydantic-core does."""
    return number is None or number == 0 or 1e-4 <= abs(number) < 1e16


def jsonl_line(report: Report) -> str:
    """The record on one line (JSON Lines), validated like every record."""
    return json.dumps(_validated(report), ensure_ascii=False) + "\n"


QUESTION_COLUMNS = (
    "report_id", "published", "fieldwork_start", "fieldwork_end", "respondents",
    "question_order", "question_id", "figure", "question_text", "kind", "base", "base_basis",
    "options", "statistics", "free_text_responses",
)  # fmt: skip
CSV_COLUMNS = (
    "report_id", "published", "fieldwork_start", "fieldwork_end", "question_order",
    "question_id", "figure", "question_text", "kind", "base", "option_order", "option_id",
    "option_label", "percent", "qualifier", "source",
)  # fmt: skip
"""The columns of options.csv."""
STATISTIC_COLUMNS = (
    "report_id", "question_order", "question_id", "statistic_order", "label", "value", "unit",
    "qualifier", "of", "text",
)  # fmt: skip
QUOTE_COLUMNS = (
    "report_id", "quote_order", "question_id", "theme", "speaker", "text",
)  # fmt: skip
CSV_TABLES = {
    "questions.csv": QUESTION_COLUMNS,
    "options.csv": CSV_COLUMNS,
    "statistics.csv": STATISTIC_COLUMNS,
    "quotes.csv": QUOTE_COLUMNS,
}
"""The tables `--format csv` writes, each with its columns; rows join on report_id and
question_id (or question_order)."""

Row = dict[str, object]


def _report_rows(report: Report) -> dict[str, list[Row]]:
    """The report as tidy rows: a row per question, option, statistic and quote; orders count
    from 1 in document order."""
    facts: Row = {
        "report_id": report.id,
        "published": report.published.date if report.published else None,
        "fieldwork_start": report.fieldwork.start if report.fieldwork else None,
        "fieldwork_end": report.fieldwork.end if report.fieldwork else None,
    }
    tables: dict[str, list[Row]] = {name: [] for name in CSV_TABLES}
    for order, question in enumerate(report.questions, 1):
        asked: Row = {
            "question_order": order,
            "question_id": question.id,
            "figure": question.figure,
            "question_text": question.text,
            "kind": question.kind,
            "base": question.base.n if question.base else None,
        }
        free_text = question.free_text_responses
        tables["questions.csv"].append(
            {
                **facts,
                "respondents": report.respondents.n if report.respondents else None,
                **asked,
                "base_basis": question.base.basis if question.base else None,
                "options": len(question.options),
                "statistics": len(question.statistics),
                "free_text_responses": free_text.n if free_text else None,
            }
        )
        for option_order, option in enumerate(question.options, 1):
            tables["options.csv"].append(
                {
                    **facts,
                    **asked,
                    "option_order": option_order,
                    "option_id": option.id,
                    "option_label": option.label,
                    "percent": option.percent,
                    "qualifier": option.qualifier,
                    "source": option.source,
                }
            )
        for statistic_order, stat in enumerate(question.statistics, 1):
            counted = stat.unit == "count" and stat.value.is_integer()
            tables["statistics.csv"].append(
                {
                    "report_id": report.id,
                    "question_order": order,
                    "question_id": question.id,
                    "statistic_order": statistic_order,
                    "label": stat.label,
                    "value": int(stat.value) if counted else stat.value,
                    "unit": stat.unit,
                    "qualifier": stat.qualifier,
                    "of": stat.of,
                    "text": stat.text,
                }
            )
    for quote_order, quote in enumerate(report.quotes, 1):
        tables["quotes.csv"].append(
            {
                "report_id": report.id,
                "quote_order": quote_order,
                "question_id": quote.question,
                "theme": quote.theme,
                "speaker": quote.speaker,
                "text": quote.text,
            }
        )
    return tables


def csv_header(table: str) -> str:
    """The header line of one of `CSV_TABLES`."""
    return _csv_lines(table, [], header=True)


def _csv_lines(table: str, rows: list[Row], *, header: bool) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_TABLES[table], lineterminator="\r\n")
    if header:
        writer.writeheader()
    for row in rows:
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


def csv_tables(reports: list[Report], *, header: bool = True) -> dict[str, str]:
    """RFC 4180 CSV (CRLF line ends, quotes doubled) of each table in `CSV_TABLES`; empty cells
    for values the text does not state; text starting like a formula quoted (`_cell`). Without
    the header, rows of several runs concatenate."""
    rows: dict[str, list[Row]] = {name: [] for name in CSV_TABLES}
    for report in reports:
        for name, table_rows in _report_rows(report).items():
            rows[name].extend(table_rows)
    return {name: _csv_lines(name, rows[name], header=header) for name in CSV_TABLES}


_NEW_FILE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_BINARY", 0)
)
"""The flags `tempfile.mkstemp` opens its file with (write-only here): a new file, never an
existing one or a symbolic link, not inherited by a child process."""


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file next to `path`, named as `_TEMPORARY` says, open for writing.

    Not `tempfile.mkstemp`: it makes the file 0600, and a record is an ordinary file, so each
    write had to chmod it to 0666 less the umask, which can only be read by setting it: the
    process's umask changed twice a file, under any thread creating files at that moment.
    Created 0666, the file gets the umask from the system, as any file a program writes."""
    while True:
        tmp = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:  # a name another write holds: draw again
            continue


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A file that appears at `path` complete, or not at all: written through a temporary file
    in the same folder, renamed into place on success, removed on any failure or Ctrl-C."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
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
    fd, tmp = _create_temporary(folder / "probe")
    os.close(fd)
    os.unlink(tmp)


def write_atomic(path: Path, content: str) -> None:
    with open_atomic(path) as handle:
        handle.write(content)
