"""Table-driven tests for the report-level facts (extract/report_fields.py): title, publication
date, fieldwork, respondents, invited and publisher.

tests/cases/report_fields.json lists cases {"call", "text", "expect", "note"}: sentences written
for these tests in the shapes real publications use (the note names the shape), with negatives
whose `expect` is null: the function must find nothing. A date is an ISO string (or, for a date
the text gives without a year, {"date": null, "text": …}); a fieldwork range is [start, end].
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract import report_fields
from extract.document import Document
from extract.models import Count, DateRange, DateValue
from extract.vocab import words

CASES = json.loads(
    (Path(__file__).resolve().parent / "cases" / "report_fields.json").read_text(encoding="utf-8")
)
CALLS = {"find_title", "find_published", "find_fieldwork", "find_respondents", "find_invited",
         "find_publisher"}  # fmt: skip


def _value(result: Any) -> Any:
    """What a case's `expect` states about a result, checking its span on the way."""
    if isinstance(result, DateValue):
        if result.date is None:
            return {"date": None, "text": result.text}
        return result.date.isoformat()
    if isinstance(result, DateRange):
        return [d.isoformat() if d else None for d in (result.start, result.end)]
    if isinstance(result, Count):
        return result.n
    return result


def _check_span(doc: Document, result: Any) -> None:
    if isinstance(result, DateValue | DateRange | Count):
        assert doc.text[result.span.start : result.span.end] == result.text, result


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c['call']}: {c['note']}") for c in CASES])
def test_report_field(case: dict[str, Any]) -> None:
    assert set(case) == {"call", "text", "expect", "note"} and case["call"] in CALLS
    doc = Document(case["text"])
    result = getattr(report_fields, case["call"])(doc)
    _check_span(doc, result)
    assert _value(result) == case["expect"]


@pytest.mark.parametrize("phrase", words("facts", "furniture") + words("facts", "section_labels"))
def test_every_furniture_entry_is_skipped(phrase: str) -> None:
    """Each vocabulary entry, alone on a line above a headline, is not taken for the title."""
    doc = Document(f"{phrase.title()}\n\nRiver swimmers want cleaner water\n\nText.")
    assert report_fields.find_title(doc) == "River swimmers want cleaner water"


@pytest.mark.parametrize("hedge", words("facts", "hedges"))
def test_every_hedge_leaves_respondents_null(hedge: str) -> None:
    doc = Document(f"The survey was completed by {hedge} 1,200 nurses.")
    assert report_fields.find_respondents(doc) is None
