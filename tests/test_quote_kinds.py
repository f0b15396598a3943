"""Which quoted words are respondents' (extract/fields/quotes.py `kind`): a table of attribution
shapes written for these tests (tests/cases/quote_kinds.json: {"text", "expect", "note"}, expect
being [[words, kind], …] for the quotes of kind other than `label`).

Only `quote` reaches a record's `quotes`; statements of officials and spokespeople and question
wordings (`question`) go to its `statements`, with their kind, so that nothing quoted is lost; a
writer's scare quotes and quoted names and headline phrases (`term`) are the report's own words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract import extract_text
from extract.fields.quotes import find_quotes
from extract.fields.speakers import find_speaker

CASES = json.loads(
    (Path(__file__).resolve().parent / "cases" / "quote_kinds.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"]) for c in CASES])
def test_quote_kind(case: dict[str, Any]) -> None:
    assert set(case) == {"text", "expect", "note"}
    found = [[q.text, q.kind] for q in find_quotes(case["text"]) if q.kind != "label"]
    assert found == case["expect"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"]) for c in CASES])
def test_only_respondent_quotes_reach_the_record(case: dict[str, Any]) -> None:
    quotes = [q.text for q in extract_text(case["text"]).quotes]
    assert quotes == [words for words, kind in case["expect"] if kind == "quote"]


_RECORD_KIND = {"statement": "statement", "question": "question"}


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"]) for c in CASES])
def test_other_quoted_words_are_statements_of_their_kind(case: dict[str, Any]) -> None:
    report = extract_text(case["text"])
    found = [[q.text, q.kind] for q in report.statements]
    expected = [[w, _RECORD_KIND[k]] for w, k in case["expect"] if k in _RECORD_KIND]
    assert found == expected
    assert all(q.kind == "respondent" for q in report.quotes)


SPEAKERS = json.loads(
    (Path(__file__).resolve().parent / "cases" / "speaker_shapes.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["note"]) for c in SPEAKERS])
def test_speaker_shape(case: dict[str, Any]) -> None:
    """The speaker named for the first quote of each attribution shape (None: nobody)."""
    quote = find_quotes(case["text"])[0]
    assert find_speaker(case["text"], quote.start, quote.end, None) == case["expect"]
