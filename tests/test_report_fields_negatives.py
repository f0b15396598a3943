"""The five shapes issue 13 names as what must give nothing, put to every fact extractor that a
number or a date in them could fool: a salary range, a margin of error, a date inside a web
address, a browser's print stamp heading a PDF page, and a count of a subgroup. Sentences
written for this test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from extract import report_fields
from extract.document import Document
from extract.fields.bases import find_bases
from extract.fields.percentages import find_percentages

NEGATIVES = {
    "a salary range": "Starting salaries range from £24,000 to £31,500 a year for 300 posts.",
    "a margin of error": "The margin of error is plus or minus 3 percentage points.",
    "a date in a web address": (
        "Read the results at https://news.example.org/2022/06/14/staff-poll-results online."
    ),
    "a print stamp heading a PDF page": "14/06/2022, 09:41    Staff poll results | Example News",
    "a subgroup count": "Of these, 212 were nurses and 40 were midwives.",
}

REPORT_FACTS: dict[str, Callable[[Document], Any]] = {
    name: getattr(report_fields, name)
    for name in (
        "find_published",
        "find_fieldwork",
        "find_respondents",
        "find_respondents_approx",
        "find_invited",
    )
}


@pytest.mark.parametrize("finder", REPORT_FACTS)
@pytest.mark.parametrize("shape", NEGATIVES)
def test_report_fact_finds_nothing(shape: str, finder: str) -> None:
    assert REPORT_FACTS[finder](Document(NEGATIVES[shape])) is None


@pytest.mark.parametrize("shape", NEGATIVES)
def test_no_base_and_no_share(shape: str) -> None:
    """None of them states a question's base or an answer's share."""
    assert find_bases(NEGATIVES[shape]) == []
    assert find_percentages(NEGATIVES[shape]) == []
