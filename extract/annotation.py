"""Hand-made truth files (the annotation format the README describes), read and checked.

A truth file is written by a person, so it is checked as strictly as a record: every field the
scorer reads must have its type, and a mistake is one `AnnotationError` naming the file and the
field (`truth/x.json: questions[3].options[0].percent: expected a number`). Keys the scorer does
not read (notes, codes, aggregates…) are allowed: annotators keep their working there.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from extract.errors import ExtractError
from extract.inputs import printable
from extract.models import QuestionKind
from extract.records import BadRecord, parse, read_text

KINDS = frozenset(get_args(QuestionKind))


class AnnotationError(ExtractError):
    """A truth file that cannot be read, or that does not follow the annotation format."""

    code = "bad_annotation"


@dataclass(frozen=True)
class TruthOption:
    label: str
    percent: float | None


@dataclass(frozen=True)
class TruthQuestion:
    text: str
    figure: int | None
    kind: str | None
    base: int | None
    options: tuple[TruthOption, ...]
    free_text_responses: int | None


@dataclass(frozen=True)
class Truth:
    """One document's truth: what a careful analyst would extract from it."""

    doc: str
    """The record's id it is scored against (the document's file stem)."""
    title: str | None
    published: str | None
    fieldwork_start: str | None
    fieldwork_end: str | None
    respondents: int | None
    invited: int | None
    questions: tuple[TruthQuestion, ...]
    quotes: tuple[str, ...]
    """Quotes given in full."""
    quote_starts: tuple[str, ...]
    """Quotes given by their first words only."""
    pages: frozenset[int] | None
    """With `partial: true`, the only pages annotated; None: the whole document."""


class _Reader:
    """Typed access to one parsed truth file; every wrong type is an AnnotationError."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, wanted: str) -> AnnotationError:
        return AnnotationError(f"{self.where}: {path}: expected {wanted}")

    def obj(self, value: object, path: str) -> dict[str, object]:
        if not isinstance(value, dict):
            raise self.fail(path, "an object")
        return value

    def items(self, data: dict[str, object], key: str, path: str) -> list[object]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{path}{key}", "a list")
        return value

    def text(self, data: dict[str, object], key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key)
        if isinstance(value, str) and (value.strip() or not required):
            return value
        if value is None and not required:
            return ""
        raise self.fail(f"{path}{key}", "a non-empty string" if required else "a string or null")

    def whole(self, data: dict[str, object], key: str, path: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{path}{key}", "a whole number of at least 0, or null")
        return value

    def percent(self, data: dict[str, object], path: str) -> float | None:
        value = data.get("percent")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise self.fail(f"{path}percent", "a number from 0 to 100, or null")
        return float(value)

    def date(self, data: dict[str, object], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        raise self.fail(f"{path}{key}", "a date YYYY-MM-DD, or null")

    def pages(self, data: dict[str, object]) -> frozenset[int] | None:
        """`pages` of a partial annotation: "1-10", "3", "1-4, 7", or a list of numbers."""
        if data.get("partial") is not True:
            return None
        value = data.get("pages")
        if isinstance(value, list) and all(type(v) is int and v >= 1 for v in value):
            return frozenset(value)
        if isinstance(value, str) and re.fullmatch(
            r"\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*", value
        ):
            found: set[int] = set()
            for first, last in re.findall(r"(\d+)(?:\s*-\s*(\d+))?", value):
                found.update(range(int(first), int(last or first) + 1))
            return frozenset(found)
        raise self.fail("pages", 'the pages annotated ("1-10", "3", or a list of numbers)')


def truth_from_data(data: object, where: str, *, default_doc: str) -> Truth:
    """A `Truth` from the parsed JSON of a truth file; `where` names it in errors."""
    read = _Reader(where)
    top = read.obj(data, "the file")
    fieldwork = read.obj(top.get("fieldwork") or {}, "fieldwork")
    questions = []
    for i, item in enumerate(read.items(top, "questions", "")):
        path = f"questions[{i}]."
        question = read.obj(item, path.rstrip("."))
        kind = question.get("kind")
        if kind is not None and kind not in KINDS:
            raise read.fail(f"{path}kind", "one of " + ", ".join(sorted(KINDS)) + ", or null")
        options = []
        for j, raw in enumerate(read.items(question, "options", path)):
            where_option = f"{path}options[{j}]."
            option = read.obj(raw, where_option.rstrip("."))
            label = read.text(option, "label", where_option)
            options.append(TruthOption(label, read.percent(option, where_option)))
        questions.append(
            TruthQuestion(
                text=read.text(question, "text", path, required=True),
                figure=read.whole(question, "figure", path),
                kind=kind if isinstance(kind, str) else None,
                base=read.whole(question, "base", path),
                options=tuple(options),
                free_text_responses=read.whole(question, "free_text_responses", path),
            )
        )
    quotes = []
    for i, raw in enumerate(read.items(top, "quotes", "")):
        quotes.append(
            read.text(read.obj(raw, f"quotes[{i}]"), "text", f"quotes[{i}].", required=True)
        )
    starts = read.items(top, "quote_starts", "")
    if not all(isinstance(s, str) and s.strip() for s in starts):
        raise read.fail("quote_starts", "a list of non-empty strings")
    doc = top.get("doc", default_doc)
    if not isinstance(doc, str) or not doc.strip():
        raise read.fail("doc", "the document's file stem, a non-empty string")
    return Truth(
        doc=doc,
        title=read.text(top, "title", "") or None,
        published=read.date(top, "published", ""),
        fieldwork_start=read.date(fieldwork, "start", "fieldwork."),
        fieldwork_end=read.date(fieldwork, "end", "fieldwork."),
        respondents=read.whole(top, "respondents", ""),
        invited=read.whole(top, "invited", ""),
        questions=tuple(questions),
        quotes=tuple(quotes),
        quote_starts=tuple(str(s) for s in starts),
        pages=read.pages(top),
    )


def read_truth(path: Path) -> Truth:
    """The truth file at `path`, bounded like a record file and checked field by field."""
    where = printable(path)
    try:
        data = parse(read_text(path), where)
    except BadRecord as exc:
        message = exc.message.replace("a JSON record", "JSON").replace("a record", "a truth file")
        raise AnnotationError(message) from None
    return truth_from_data(data, where, default_doc=path.stem)
