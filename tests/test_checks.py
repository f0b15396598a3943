"""Checks on small hand-written documents: each rule fires where it should and not elsewhere."""

from __future__ import annotations

from extract import extract_text

POLL = """\
# A Poll: Polling Results Report

This report presents the results from the second in a series of special polls. The poll was open
between 3rd and 17th May 2023. A total of 90 participants answered this polling survey.
Separately, 12% of councils replied to our letter.

### How often do you work late?

Most social workers (60%) work late every week, and 40% never do.

Figure 1: How often social workers work late

Source: Polling
Base: 90 Social Workers,
Polled Online, 3 May - 17 May

### Would you recommend the job?

Participants were asked whether they would recommend the job.

Figure 2: Recommendation

Source: Polling
Base: 88 Social Workers,
Polled Online, 3 May - 17 May
"""


def _codes(text: str) -> list[tuple[str, str]]:
    return [(w.code, w.message) for w in extract_text(text).warnings]


def test_a_share_in_the_introduction_is_a_finding_not_lost() -> None:
    """The intro's "12% of councils replied" belongs to no question section: the general
    reader keeps it as a finding whose wording is its claim, so nothing is warned about."""
    report = extract_text(POLL)
    claims = [q for q in report.questions if q.wording == "claim"]
    assert [(q.text, q.options[0].percent) for q in claims] == [("Replied to our letter", 12.0)]
    assert not any("12%" in w.message for w in report.warnings)


def test_percentages_placed_as_options_are_not_warned_about() -> None:
    messages = [m for _, m in _codes(POLL)]
    assert not any("60%" in m or "40%" in m for m in messages)


def test_a_chart_without_values_in_the_text_is_named() -> None:
    warnings = _codes(POLL)
    assert [c for c, _ in warnings].count("figure_values_missing") == 1
    assert any("fig2 (figure 2)" in m for c, m in warnings if c == "figure_values_missing")


def test_yearless_ranges_restating_the_fieldwork_are_not_warned_about() -> None:
    report = extract_text(POLL)
    assert report.fieldwork is not None
    assert str(report.fieldwork.start) == "2023-05-03"
    assert not any(w.code == "unaccounted_date" for w in report.warnings)


def test_a_date_that_lands_nowhere_is_named() -> None:
    text = POLL.replace("Separately,", "On 4 June 2023,")
    assert ("unaccounted_date", "date '4 June 2023' is not in the record") in _codes(text)


def test_a_month_that_lands_nowhere_is_named() -> None:
    """A month and year with no day is a date too: in the record, or named."""
    text = POLL.replace("Separately,", "In June 2023 the board met, and separately,")
    assert ("unaccounted_date", "month 'June 2023' is not in the record") in _codes(text)


def test_a_month_the_record_holds_as_fieldwork_is_not_named() -> None:
    text = "Tenant poll\n\nWe asked 300 tenants in October 2022 how they rated repairs.\n"
    report = extract_text(text)
    assert report.fieldwork is not None and report.fieldwork.text == "October 2022"
    assert not any(w.code == "unaccounted_date" for w in report.warnings)


def test_a_count_of_people_outside_every_question_is_named() -> None:
    text = POLL.replace("Separately, 12% of councils", "Separately, 14 managers")
    assert ("unaccounted_number", "count '14 managers' is not in the record") in _codes(text)


def _every_span(value: object) -> list[object]:
    """Every span in a record, found by looking into every field of every model."""
    from pydantic import BaseModel

    from extract.models import Span

    if isinstance(value, Span):
        return [value]
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields for s in _every_span(getattr(value, name))]
    if isinstance(value, list):
        return [s for item in value for s in _every_span(item)]
    return []


def test_spans_in_finds_every_span_of_a_record_in_field_order() -> None:
    """It looks only into the fields that can hold a model (not text, numbers or dates)."""
    from extract.checks import spans_in
    from extract.pipeline import extract_file
    from tests.conftest import RAW

    for path in sorted(RAW.glob("*.txt")):
        report = extract_file(path)
        found = list(spans_in(report))
        assert found == _every_span(report) and len(found) > 10
