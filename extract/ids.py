"""Stable ids: a question is named by what the report itself prints for it, so that two releases
of one report (and the rows an analyst joined on) keep their ids when a question is added or
removed.

A question's id is, in order: its code as printed ("Q3." -> `q3`, "Question 12b" -> `q12b`,
"POL1_2" -> `pol1_2`, a numbered "3." -> `q3`), else its figure (`fig3`), else a short hash of
its normalised wording (`q-3fa9c1`). Questions that would share an id (the rows of a grid under
one code, a code printed twice) each add a hash of their wording (`q3-5e1f`), and questions
whose wording is the same too are numbered in document order (`q3-5e1f~2`). An option's id is
its question's id and its normalised label (`fig4.monthly`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel

from extract.document import Document
from extract.layout import printed_code
from extract.models import Question, Quote, Report

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
_EDGE = " \t\n'\"*_.,;:!?…"
_SLUG_CHARS = 40
"""The longest label part of an option id: long labels are cut at a word."""
_Model = TypeVar("_Model", bound=BaseModel)
_WHITE_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise(text: object) -> str:
    """Wording as a reader compares it: case, spacing, typographic quotes and edges ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    return _WHITE_SPACE.sub(" ", folded).strip(_EDGE)


def short_hash(text: str, length: int = 6) -> str:
    """The first `length` hex digits of the SHA-1 of `text`: the same on every machine and run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def code_id(code: str) -> str:
    """A printed question code as an id: "Q3" -> q3, "Question 12b" -> q12b, "3" -> q3."""
    flat = re.sub(r"\s+", "", code).casefold()
    flat = re.sub(r"^question", "q", flat)
    return f"q{flat}" if flat.isdigit() else flat


def question_id(code: str | None, figure: int | None, text: str) -> str:
    """The id a question's own evidence gives it, before telling it apart from the others."""
    if code:
        return code_id(code)
    if figure is not None:
        return f"fig{figure}"
    return f"q-{short_hash(normalise(text))}"


def disambiguate(bases: list[str], keys: list[str] | None = None) -> list[str]:
    """Ids that are unique, each the base where it is: a base shared by several gains a hash
    of that one's key (its wording), and what is still shared is numbered `~2`, `~3`… in
    order. A made id never equals a base: codes and figures hold no `-`, a hash base holds one
    right after its `q`, and no base holds `~`."""
    shared = Counter(bases)
    ids = [
        f"{base}-{short_hash(normalise(keys[i]), 4)}" if keys and shared[base] > 1 else base
        for i, base in enumerate(bases)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for made in ids:
        seen[made] += 1
        unique.append(made if seen[made] == 1 else f"{made}~{seen[made]}")
    return unique


def _codes(doc: Document) -> dict[int, str]:
    """{offset: code} of each question or heading line printed with a code ("Q3.", "1.")."""
    found = ((block.start, printed_code(block)) for block in doc.blocks)
    return {start: code for start, code in found if code}


def with_question_ids(doc: Document, report: Report) -> Report:
    """The report with each question's stable id, and the grids and quotes that name
    questions following them. Pure: the ids depend only on the document and its questions."""
    codes = _codes(doc)
    questions = report.questions
    bases = [question_id(codes.get(q.span.start), q.figure, q.text) for q in questions]
    ids = disambiguate(bases, [q.text for q in questions])
    renamed = {q.id: new for q, new in zip(questions, ids, strict=True)}
    updated = [
        _with_fields(q, id=new, grid=renamed.get(q.grid, q.grid) if q.grid else None)
        for q, new in zip(questions, ids, strict=True)
    ]

    def relinked(quotes: list[Quote]) -> list[Quote]:
        return [
            _with_fields(quote, question=renamed.get(quote.question, quote.question))
            for quote in quotes
        ]

    return report.model_copy(
        update={
            "questions": updated,
            "quotes": relinked(report.quotes),
            "statements": relinked(report.statements),
        }
    )


def _with_fields(model: _Model, **values: object) -> _Model:
    """`model` with these field values: itself where it holds them all already (a question
    whose id is its stable one, a quote whose question keeps its id), else a copy. A record
    is written from its fields' values, so either gives the same record; a copy shares its
    other fields' objects with `model` anyway."""
    if all(getattr(model, name) == value for name, value in values.items()):
        return model
    return model.model_copy(update=values)


@lru_cache(maxsize=4096)
def label_slug(label: str) -> str:
    """A label as the part of an option id: its words joined by `_`, cut at a word after
    _SLUG_CHARS; a label with no word characters ("—") is a hash of itself. Kept by label: the
    same few ("Yes", "Don't know") recur under question after question."""
    words = _WORD.findall(normalise(label))
    slug = ""
    for word in words:
        if slug and len(slug) + 1 + len(word) > _SLUG_CHARS:
            break
        slug = f"{slug}_{word}" if slug else word[:_SLUG_CHARS]
    return slug or short_hash(label)


def with_option_ids(question: Question) -> Question:
    """The question with an id on each option: the question's id and the option's label, a
    label that repeats numbered in order (`~2`)."""
    ids = disambiguate([f"{question.id}.{label_slug(o.label)}" for o in question.options])
    options = [o.model_copy(update={"id": i}) for o, i in zip(question.options, ids, strict=True)]
    return question.model_copy(update={"options": options})
