"""The generic fallback: every percentage becomes a statistic of one whole-document question
"q1", with its qualifier and a label from its sentence or clause; a warning says no specific
format applied; odd text never crashes it."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.document import Document
from extract.fields.percentages import find_percentages
from extract.formats import generic
from extract.models import Report, Statistic
from extract.pipeline import extract_text
from extract.writer import record_json

# Written for these tests; no format claims it.
RELEASE = """\
Care staff feel the squeeze, survey shows

Published 14 June 2023

The survey of home care workers ran between 2 and 16 May 2023. A total of 310 people took part.

Just over 40% said they had worked unpaid hours in the last month,
while 27% had taken on a second job.
None of the managers who replied (0%) said their service was fully staffed.
Nearly half (48%) planned to leave within a year, compared with 35 per cent in 2021.

“We cannot keep going like this,” one care worker said.
"""


def _stats(report: Report) -> list[Statistic]:
    assert len(report.questions) == 1
    return report.questions[0].statistics


@pytest.fixture(scope="module")
def report() -> Report:
    return extract_text(RELEASE)


def test_format_and_warning(report: Report) -> None:
    assert report.format == "generic"
    assert report.warnings[0].code == "generic_format"
    assert "generic" in report.warnings[0].message
    assert report.warnings[0].span is None


def test_report_fields(report: Report) -> None:
    assert report.title == "Care staff feel the squeeze, survey shows"
    assert report.published is not None and report.published.date == dt.date(2023, 6, 14)
    assert report.published.text == "14 June 2023"
    assert report.fieldwork is not None
    assert (report.fieldwork.start, report.fieldwork.end) == (
        dt.date(2023, 5, 2),
        dt.date(2023, 5, 16),
    )
    assert report.respondents is not None and report.respondents.n == 310


def test_whole_document_question(report: Report) -> None:
    (question,) = report.questions
    assert question.id == "q1"
    assert question.text == report.title
    assert question.kind == "unknown"
    assert question.figure is None
    assert question.options == []
    assert (question.span.start, question.span.end) == (0, len(RELEASE))


def test_every_percentage_is_a_statistic(report: Report) -> None:
    stats = _stats(report)
    assert [(s.value, s.qualifier, s.text) for s in stats] == [
        (40.0, "just over", "Just over 40%"),
        (27.0, None, "27%"),
        (0.0, None, "0%"),
        (48.0, None, "Nearly half (48%)"),
        (35.0, None, "35 per cent"),
    ]
    assert all(s.unit == "percent" and s.of is None for s in stats)
    assert not [w for w in report.warnings if w.code == "unaccounted_number"]


def test_labels_come_from_the_clause(report: Report) -> None:
    labels = [s.label for s in _stats(report)]
    assert labels == [
        "Just over 40% said they had worked unpaid hours in the last month",
        "27% had taken on a second job",
        "None of the managers who replied (0%) said their service was fully staffed",
        "Nearly half (48%) planned to leave within a year",
        "compared with 35 per cent in 2021",
    ]


def test_zero_percent_is_a_value(report: Report) -> None:
    zero = next(s for s in _stats(report) if s.text == "0%")
    assert zero.value is not None
    assert zero.value == 0.0


def test_spans_hold_the_wording(report: Report) -> None:
    for stat in _stats(report):
        assert RELEASE[stat.span.start : stat.span.end] == stat.text
    for quote in report.quotes:
        assert quote.text in RELEASE[quote.span.start : quote.span.end]


def test_quotes_are_kept_without_a_question(report: Report) -> None:
    assert [(q.text, q.speaker, q.question) for q in report.quotes] == [
        ("We cannot keep going like this,", "care worker", None)
    ]


def test_untitled_text_names_the_whole_document() -> None:
    report = extract_text("Roughly 60% of councils said the budget was short.")
    assert report.title is None
    assert report.questions[0].text == generic.WHOLE_DOCUMENT
    (stat,) = _stats(report)
    assert (stat.value, stat.qualifier) == (60.0, "roughly")
    assert stat.label == "Roughly 60% of councils said the budget was short"


def test_no_percentages_no_question() -> None:
    report = extract_text("Care workers\n\nThe survey asked about pay and rotas.\n")
    assert report.questions == []
    assert report.title == "Care workers"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 3 March 2023", dt.date(2023, 3, 3)),
        ("Published: Friday 3 March 2023", dt.date(2023, 3, 3)),
        ("**Publication date:** 03/03/2023", dt.date(2023, 3, 3)),
        ("First published on 3rd March 2023", dt.date(2023, 3, 3)),
        ("Published in March 2023", None),  # no day: not a date
        ("Updated 3 March 2023", None),  # not a publication date
        ("The report was published on 3 March 2023 by the council.", None),  # prose, not a line
    ],
)
def test_published_only_from_a_publication_line(line: str, expected: dt.date | None) -> None:
    published = generic.parse(Document(f"Poll results\n\n{line}\n\nSome text.\n")).published
    assert (published.date if published else None) == expected
    if published:
        assert published.text in line


def test_a_date_line_is_not_the_title() -> None:
    assert extract_text("Published 3 March 2023\n\nHalf of the staff (51%) agreed.").title is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\n",
        "x",
        "Just one line with 5% in it",
        "12 34 56\n7 8 9\n\n100",
        "“Only a quote.”\n\n‘Another quote, longer than a few words.’",
        '"hi"',
        "100% 0% 50%",
        "%%% per cent %",
        "# 45%",
        "**",
        "(0%)",
        "Over " * 200 + "50%",
        "\u201c" * 50 + "50%" + "\u201d" * 50,
    ],
)
def test_odd_text_does_not_crash(text: str) -> None:
    report = extract_text(text)
    assert report.format == "generic"
    assert report.warnings[0].code == "generic_format"
    record_json(report)  # serialises and matches the schema
    stats = report.questions[0].statistics if report.questions else []
    assert len(stats) == len(find_percentages(text))
    for stat in stats:
        assert text[stat.span.start : stat.span.end] == stat.text


def test_single_line_percentages() -> None:
    stats = _stats(extract_text("100% 0% 50%"))
    assert [s.value for s in stats] == [100.0, 0.0, 50.0]


# Shared-code gaps met while writing tests/documents/press_release_poll.txt, now closed.
def test_one_in_three_is_not_a_count() -> None:
    report = extract_text("Poll\n\nAlmost one in three respondents had turned work away.")
    assert not [w for w in report.warnings if w.code == "unaccounted_number"]


def test_speaker_is_not_taken_from_the_next_paragraph() -> None:
    text = (
        "Poll\n\nAnn Lee, a care worker in Leeds, said:\n\n"
        '"These results should worry anyone who relies on care."\n\n'
        'One social worker said: "I cannot afford to stay."\n'
    )
    first = extract_text(text).quotes[0]
    assert first.speaker == "Ann Lee"


def test_an_officials_statement_is_not_a_respondent_quote() -> None:
    text = (
        "Poll\n\nDr Ann Lee, Chair of the Forum, said:\n\n"
        '"These results should worry anyone who relies on care."\n\n'
        'One social worker said: "I cannot afford to stay."\n'
    )
    quotes = extract_text(text).quotes
    assert [(q.text, q.speaker) for q in quotes] == [("I cannot afford to stay.", "social worker")]


def test_care_workers_are_respondents() -> None:
    report = extract_text("Poll\n\nA total of 612 care workers took part.")
    assert report.respondents is not None and report.respondents.n == 612
