"""The general reader with no profile, on prose: each stated share becomes a question whose
wording is its claim; changes and earlier waves stay statistics; odd text never crashes it."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.document import Document
from extract.fields.percentages import find_percentages
from extract.ids import normalise, short_hash
from extract.models import Report
from extract.pipeline import extract_text
from extract.report import read_report
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


def _findings(report: Report) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.options[0].percent, q.options[0].qualifier) for q in report.questions]


@pytest.fixture(scope="module")
def report() -> Report:
    return extract_text(RELEASE)


def test_no_profile_claims_it(report: Report) -> None:
    """The general reader alone made the record: nothing is doubtful about that, so no
    warning says it."""
    assert report.format == "generic"
    assert report.warnings == []


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


def test_each_stated_share_is_a_finding(report: Report) -> None:
    # Read from RELEASE: four claims, each with its share; "while" joins two claims.
    assert _findings(report) == [
        ("Had worked unpaid hours in the last month", 40.0, "just over"),
        ("Had taken on a second job", 27.0, None),
        ("None of the managers who replied said their service was fully staffed", 0.0, None),
        ("Planned to leave within a year", 48.0, None),
    ]
    # claims have no code or figure: each is named by a hash of its wording
    assert [q.id for q in report.questions] == [
        f"q-{short_hash(normalise(q.text))}" for q in report.questions
    ]
    assert len({q.id for q in report.questions}) == 4
    assert all(len(q.options) == 1 and q.kind == "unknown" for q in report.questions)


def test_an_earlier_wave_is_a_statistic_of_its_finding(report: Report) -> None:
    (stat,) = report.questions[3].statistics
    assert (stat.value, stat.text, stat.unit) == (35.0, "35 per cent", "percent")
    assert not [w for w in report.warnings if w.code == "unaccounted_number"]


def test_the_option_is_the_claims_answer(report: Report) -> None:
    # the question keeps the whole claim; the option's label is the answer, less its "when"
    assert [q.text for q in report.questions[:2]] == [
        "Had worked unpaid hours in the last month",
        "Had taken on a second job",
    ]
    assert [q.options[0].label for q in report.questions[:2]] == [
        "had worked unpaid hours",
        "had taken on a second job",
    ]


def test_zero_percent_is_a_value(report: Report) -> None:
    zero = report.questions[2].options[0]
    assert zero.percent is not None
    assert zero.percent == 0.0


def test_spans_hold_the_wording(report: Report) -> None:
    for question in report.questions:
        for option in question.options:
            assert RELEASE[option.span.start : option.span.end] == option.text
    for quote in report.quotes:
        assert quote.text in RELEASE[quote.span.start : quote.span.end]


def test_quotes_are_kept_without_a_question(report: Report) -> None:
    assert [(q.text, q.speaker, q.question) for q in report.quotes] == [
        ("We cannot keep going like this,", "care worker", None)
    ]


def test_an_untitled_finding() -> None:
    report = extract_text("Roughly 60% of councils said the budget was short.")
    assert report.title is None
    assert _findings(report) == [("The budget was short", 60.0, "roughly")]


def test_a_change_belongs_to_no_question() -> None:
    report = extract_text("Poll\n\nSpending on agency staff rose 150% in a year.")
    assert report.questions == []
    assert [(s.value, s.text) for s in report.statistics] == [(150.0, "150%")]


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
    published = read_report(Document(f"Poll results\n\n{line}\n\nSome text.\n")).published
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
    record_json(report)  # serialises and matches the schema
    # nothing lost: every percentage is an option, a statistic or a warning
    placed = [o.span for q in report.questions for o in q.options]
    placed += [s.span for q in report.questions for s in q.statistics]
    placed += [s.span for s in report.statistics]
    placed += [w.span for w in report.warnings if w.code == "unaccounted_number"]
    for found in find_percentages(text):
        assert any(s and s.start <= found.start < s.end for s in placed), found


def test_single_line_percentages() -> None:
    report = extract_text("100% 0% 50%")
    values = [o.percent for q in report.questions for o in q.options]
    values += [s.value for q in report.questions for s in q.statistics]
    values += [s.value for s in report.statistics]
    assert sorted(values) == [0.0, 50.0, 100.0]


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


def test_a_report_flattened_onto_one_line_is_not_a_headline() -> None:
    # A copy-paste that lost every line break: the first block is the whole report.
    line = (
        "Harbour Trust member survey Introduction The survey ran in May and members answered "
        "questions about moorings, fees and the café, and the results were shared at the "
        "summer meeting of the trust. Most members (61%) said mooring fees were too high, "
        "while 22% said the café should open on weekday evenings."
    )
    report = extract_text(line)
    assert [(q.text, q.options[0].percent) for q in report.questions] == [
        ("Mooring fees were too high", 61.0),
        ("The café should open on weekday evenings", 22.0),
    ]
