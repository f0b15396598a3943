"""Record files read back, for `diff` and `validate`: bounded and type-checked, never trusted.

A record file may come from anywhere: a named pipe called `x.json` (a read would wait forever),
a link to `/dev/zero` (a read would never end), numbers of thousands of digits, nesting deep
enough to exhaust the stack, strings holding lone surrogates that cannot be printed. Each of these
is a `BadRecord` naming the file (and the line of a .jsonl file), never a crash: the reader
reads through the loaders' `read_regular` (no blocking, regular files only, at most
`MAX_FILE_MB`) and checks every value before anything else looks at it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

from extract.errors import ExtractError, InputError
from extract.inputs import printable
from extract.loaders import TooLarge, Unopened, read_regular

MAX_FILE_MB = 256
"""Largest record file read: a record is well under 1 MB, a records.jsonl of a big run less
than this."""
MAX_DEPTH = 32
"""Deepest nesting of objects and lists: a record nests 6 deep."""
MAX_DIGITS = 30
"""Longest number: Python's int() of thousands of digits is slow, and no record field needs it."""


class BadRecord(ExtractError):
    """A record file that cannot be read, or holds something that is not a record; `problems`
    holds one sentence per bad file when several are refused at once."""

    code = "bad_record"

    def __init__(self, message: str, *, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class UnreadableRecordFile(BadRecord):
    """A record file the system would not open or read (missing, permission denied): `reason`
    is the system's own words, for `validate` to say `PATH: cannot read the file: reason`."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_text(path: Path) -> str:
    """The file's text, from a regular file of at most MAX_FILE_MB in UTF-8, or `BadRecord`."""
    where = printable(path)
    try:
        data = read_regular(path, int(MAX_FILE_MB * 1_000_000))
    except TooLarge:
        raise BadRecord(f"{where}: larger than {MAX_FILE_MB} MB; not a record file") from None
    except Unopened as exc:
        raise UnreadableRecordFile(f"{where}: {exc.message}", reason=exc.reason) from None
    except InputError as exc:
        raise BadRecord(f"{where}: {exc.message}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRecord(f"{where}: not UTF-8 text (byte {exc.start})") from None


def _number(text: str) -> str:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"a number of {len(text)} characters")
    return text


def _int(text: str) -> int:
    return int(_number(text))


def _float(text: str) -> float:
    value = float(_number(text))
    if not math.isfinite(value):
        raise ValueError(f"a number too large for a record ({text})")
    return value


def _constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _checked(value: object) -> object:
    """`value` once every string in it is text and it nests at most MAX_DEPTH deep; walked
    with a stack, not recursion."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(
                    f"a string holding a lone surrogate (\\u{ord(item[exc.start]):04x})"
                ) from None
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise ValueError(f"nested more than {MAX_DEPTH} deep")
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return value


def parse(text: str, where: str) -> object:
    """One JSON value, bounded and checked (see the module), or `BadRecord` naming `where`."""
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
        return _checked(value)
    except json.JSONDecodeError as exc:
        raise BadRecord(
            f"{where}: not a JSON record: {exc.msg} (invalid JSON at line {exc.lineno} column "
            f"{exc.colno})"
        ) from None
    except ValueError as exc:
        raise BadRecord(f"{where}: not a record: {exc}") from None
    except RecursionError:
        raise BadRecord(f"{where}: not a record: nested more than {MAX_DEPTH} deep") from None


def records_in(path: Path) -> Iterator[tuple[str, object]]:
    """(where, value) of every JSON value in a .json file (one) or a .jsonl file (one a line,
    blank lines skipped); `where` names the file, and the line in a .jsonl file (`PATH:LINE`).
    A value that cannot be read is the `BadRecord` saying why, so that a reader can go on past
    it; a file that cannot be read at all raises it."""
    text = read_text(path)
    where = printable(path)
    if path.suffix.lower() != ".jsonl":
        yield where, _parsed(text, where)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield f"{where}:{number}", _parsed(line, f"{where}:{number}")


def _parsed(text: str, where: str) -> object:
    try:
        return parse(text, where)
    except BadRecord as exc:
        return exc


def values_in(path: Path) -> Iterator[tuple[str, object]]:
    """`records_in`, raising the `BadRecord` of the first value that cannot be read."""
    for where, value in records_in(path):
        if isinstance(value, BadRecord):
            raise value
        yield where, value
