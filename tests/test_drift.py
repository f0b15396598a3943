"""Template drift: one-phrase changes a publisher could make between releases (the figure word,
the numbering style, the heading style, a dropped "?", the date format, the base line's wording)
keep every question, option and base of the reference record. Each case was written from the
reference document's own line."""

from __future__ import annotations

import pytest

from extract.models import Report
from extract.pipeline import extract_text
from tests.conftest import RAW


def _shape(report: Report) -> list[tuple[str, list[tuple[str, float | None]], int | None]]:
    return [
        (q.kind, [(o.label, o.percent) for o in q.options], q.base.n if q.base else None)
        for q in report.questions
    ]


DRIFTS = [
    ("000", "Fig 1", "Graph 1"),  # the chart word
    ("000", "Figure 1", "Chart 1"),
    ("000", "(see Figure", "(see Fig."),
    ("000", "How did you hear about the review?", "## How did you hear about the review?"),
    ("000", "Do you feel able to provide", "Question 3: Do you feel able to provide"),
    ("001", "Fig.1", "Graph 1"),
    ("001", "Would you have the vaccination?", "Would you have the vaccination"),  # no "?"
    ("001", "Polling results report: 10 February 2021", "Polling results report: 10/02/2021"),
    ("002", "## **", "### **"),  # heading level
    ("002", "Base:", "Base ="),  # the base line's wording
    ("004", "1. Response Numbers:", "Section 1: Response Numbers:"),  # numbering style
    ("004", "6. Helping", "6) Helping"),
]


@pytest.mark.parametrize(("stem", "old", "new"), DRIFTS, ids=lambda v: str(v)[:24])
def test_a_one_phrase_change_keeps_the_record(stem: str, old: str, new: str) -> None:
    (path,) = RAW.glob(f"{stem}_*.txt")
    text = path.read_text(encoding="utf-8")
    assert old in text
    original = extract_text(text)
    drifted = extract_text(text.replace(old, new))
    assert original.questions, "the reference has questions"
    assert _shape(drifted) == _shape(original)
