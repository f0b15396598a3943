"""Consistency checks: each rule fires on a small hand-written document that contradicts itself
and stays quiet on one that does not; the reference documents raise none of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.consistency import (
    RULES,
    base_above_respondents,
    consistency_warnings,
    date_order,
    option_conflict,
    options_sum,
    percent_range,
)
from extract.models import Report, ReportWarning
from tests.conftest import RAW, ROOT

POLL = """\
# A Poll: Polling Results Report

This report presents the results from the second in a series of special polls. The poll was open
between 3rd and 17th May 2023. A total of 90 participants answered this polling survey.

### How often do you work late?

Most social workers (60%) work late every week, and 40% never do.

Figure 1: How often social workers work late

Source: Polling
Base: 90 Social Workers,
Polled Online, 3 May - 17 May

### Would you recommend the job?

Participants were asked whether they would recommend the job. In all, 70% would recommend it,
while 30% would not.

Figure 2: Recommendation

Source: Polling
Base: 88 Social Workers,
Polled Online, 3 May - 17 May
"""

PRESS = """\
Care staff poll finds pressure has not eased

Published 3 March 2023

The online poll was carried out between 6 and 17 February 2023. A total of 612 people working
in adult social care took part.

Nearly half (48%) said they had considered leaving the sector, and 27% had taken a second job.
"""

CHART = """\
[chart, page 1]
Every week: 60%
Never: 20%
Monthly: {monthly}%
[end of chart]

Source: Polling
Base: 90"""


def _warnings(text: str, code: str) -> list[ReportWarning]:
    return [w for w in extract_text(text).warnings if w.code == code]


def _consistency_codes(report: Report) -> list[str]:
    return [w.code for w in consistency_warnings(report)]


def _at_span(text: str, warning: ReportWarning) -> str:
    assert warning.span is not None
    return text[warning.span.start : warning.span.end]


def test_the_base_poll_is_consistent() -> None:
    assert consistency_warnings(extract_text(POLL)) == []
    assert consistency_warnings(extract_text(PRESS)) == []


def test_every_rule_runs_in_registry_order() -> None:
    text = POLL.replace("40% never", "50% never").replace("Figure 2", "Figure 3")
    report = extract_text(text)
    assert _consistency_codes(report) == ["options_sum", "figure_numbering"]
    assert [rule.__name__ for rule in RULES] == [
        "options_sum",
        "percent_range",
        "word_digit_mismatch",
        "base_above_respondents",
        "date_order",
        "figure_numbering",
        "option_conflict",
    ]


# options_sum


def test_single_choice_options_summing_over_100_are_named() -> None:
    text = POLL.replace("40% never", "50% never")
    (warning,) = _warnings(text, "options_sum")
    assert warning.message.startswith("fig1 (single choice): options sum to 110%")
    assert "'never' 50%" in warning.message
    assert "How often do you work late?" in _at_span(text, warning)


def test_yes_no_options_summing_over_100_are_named() -> None:
    text = POLL.replace("30% would not", "45% would not")
    (warning,) = _warnings(text, "options_sum")
    assert warning.message.startswith("fig2 (yes no): options sum to 115%")


def test_options_within_rounding_of_100_are_fine() -> None:
    text = POLL.replace("40% never", "42% never").replace("30% would not", "28% would not")
    assert _warnings(text, "options_sum") == []


def test_prose_naming_only_some_answers_is_not_a_low_sum() -> None:
    # "… or at least once a month": an answer without its share, as report 002 writes it.
    text = POLL.replace("and 40% never do.", "15% every fortnight, or at least once a month.")
    report = extract_text(text)
    assert sum(o.percent or 0 for o in report.questions[0].options) == 75
    assert _warnings(text, "options_sum") == []


def test_a_chart_showing_every_answer_makes_a_low_sum_a_warning() -> None:
    prose = POLL.replace("40% never", "20% never")
    text = prose.replace("Source: Polling\nBase: 90", CHART.format(monthly=5), 1)
    (warning,) = _warnings(text, "options_sum")
    assert warning.message.startswith("fig1 (single choice): options sum to 85%")
    fine = prose.replace("Source: Polling\nBase: 90", CHART.format(monthly=20), 1)
    assert _warnings(fine, "options_sum") == []


def test_multi_choice_options_may_sum_over_100() -> None:
    text = POLL.replace(
        "Most social workers (60%)", "Asked to select all that applied, 60% of social workers"
    ).replace("40% never", "50% never")
    report = extract_text(text)
    assert report.questions[0].kind == "multi_choice"
    assert _warnings(text, "options_sum") == []


# percent_out_of_range


def test_a_statistic_above_100_percent_is_named() -> None:
    text = PRESS.replace("had taken a second job.", "had taken a second job. Spending rose 120%.")
    (warning,) = _warnings(text, "percent_out_of_range")
    assert "'120%' is 120%, outside 0-100%" in warning.message
    assert _at_span(text, warning) == "120%"


def test_an_option_outside_0_100_is_named_though_the_schema_blocks_it() -> None:
    report = extract_text(POLL)
    assert percent_range(report) == []
    question = report.questions[0]
    bad = [question.options[0].model_copy(update={"percent": 160.0}), *question.options[1:]]
    second = report.questions[1]
    negative = [second.options[0].model_copy(update={"percent": -5.0}), *second.options[1:]]
    broken = report.model_copy(
        update={
            "questions": [
                question.model_copy(update={"options": bad}),
                second.model_copy(update={"options": negative}),
            ]
        }
    )
    warnings = percent_range(broken)
    assert [w.message for w in warnings] == [
        "fig1: option 'every week' is 160% ('60%'), outside 0-100%",
        "fig2: option 'recommend it' is -5% ('70%'), outside 0-100%",
    ]
    assert warnings[0].span == question.options[0].span


def test_a_negative_percent_statistic_is_named() -> None:
    # A change the findings state belongs to no question: it is a report-level statistic.
    report = extract_text(PRESS + "Spending rose 120%.\n")
    (stat,) = report.statistics
    broken = report.model_copy(update={"statistics": [stat.model_copy(update={"value": -2.0})]})
    assert [w.code for w in percent_range(broken)] == ["percent_out_of_range"]


# word_digit_mismatch


def test_a_word_share_far_from_its_digit_is_named() -> None:
    text = POLL.replace("Most social workers (60%)", "Half of the social workers (61%)").replace(
        "40% never", "39% never"
    )
    (warning,) = _warnings(text, "word_digit_mismatch")
    assert "'Half of the social workers (61%)': the words say about 50%, the digits 61%" in (
        warning.message
    )
    assert _at_span(text, warning) == "Half of the social workers (61%)"


@pytest.mark.parametrize(
    ("words", "value"),
    [("HALF of the social workers", 50), ("Three-Quarters of social workers", 75),
     ("A Fifth of social workers", 20), ("Two thirds of social workers", 66.7)],
)  # fmt: skip
def test_a_word_share_in_any_case_is_read_again(words: str, value: float) -> None:
    text = POLL.replace("Most social workers (60%)", f"{words} (95%)").replace("40% never", "5%")
    (warning,) = _warnings(text, "word_digit_mismatch")
    assert f"the words say about {value:g}%, the digits 95%" in warning.message


def test_a_word_share_close_to_its_digit_is_fine() -> None:
    text = POLL.replace("Most social workers (60%)", "A third of social workers (32%)").replace(
        "40% never", "68% never"
    )
    assert _warnings(text, "word_digit_mismatch") == []
    assert _warnings(PRESS, "word_digit_mismatch") == []  # "Nearly half (48%)"


def test_a_digit_on_the_wrong_side_of_its_qualifier_is_named() -> None:
    text = POLL.replace("Most social workers (60%)", "Over half of social workers (45%)").replace(
        "40% never", "55% never"
    )
    (warning,) = _warnings(text, "word_digit_mismatch")
    assert "the words say about 50%, the digits 45%" in warning.message
    nearly = PRESS.replace("Nearly half (48%)", "Nearly half (55%)")
    assert len(_warnings(nearly, "word_digit_mismatch")) == 1


def test_an_open_ended_qualifier_allows_a_distant_digit() -> None:
    text = POLL.replace("Most social workers (60%)", "More than half of social workers (61%)")
    text = text.replace("40% never", "39% never")
    assert _warnings(text, "word_digit_mismatch") == []


# base_exceeds_respondents / count_exceeds_base


def test_a_base_above_the_respondents_is_named() -> None:
    text = POLL.replace("Base: 90 Social", "Base: 95 Social")
    (warning,) = _warnings(text, "base_exceeds_respondents")
    assert warning.message.startswith("fig1: base 95 ('Base: 95 Social Workers') is more than")
    assert "90 respondents" in warning.message
    assert _at_span(text, warning) == "Base: 95 Social Workers"
    assert _warnings(POLL, "base_exceeds_respondents") == []


def test_a_count_above_its_question_base_is_named() -> None:
    said = "This question received responses from {} social workers. Most social workers"
    text = POLL.replace("Most social workers", said.format("95"), 1)
    (warning,) = _warnings(text, "count_exceeds_base")
    assert "'95 social workers' (95) is more than the question's base of 90" in warning.message
    assert _at_span(text, warning) == "95 social workers"
    fine = POLL.replace("Most social workers", said.format("all 90"), 1)
    assert _warnings(fine, "count_exceeds_base") == []


def test_a_count_above_the_whole_it_is_out_of_is_named() -> None:
    said = "and 40% never do. Of those, the majority ({} out of 11) said so."
    text = POLL.replace("and 40% never do.", said.format(12))
    (warning,) = _warnings(text, "count_exceeds_base")
    assert warning.message == "fig1: count '12 out of 11' is 12 out of only 11"
    assert _warnings(POLL.replace("and 40% never do.", said.format(8)), "count_exceeds_base") == []


def test_people_who_did_not_answer_are_not_compared_with_the_base() -> None:
    text = POLL.replace("and 40% never do.", "and 40% never do. 120 participants did not answer.")
    report = extract_text(text)
    assert [s.value for s in report.questions[0].statistics] == [120.0]
    assert base_above_respondents(report) == []


# fieldwork_reversed / published_before_fieldwork


def test_fieldwork_ending_before_it_starts_is_named() -> None:
    text = POLL.replace("between 3rd and 17th May 2023", "between 17th and 3rd May 2023")
    (warning,) = _warnings(text, "fieldwork_reversed")
    assert "ends (2023-05-03) before it starts (2023-05-17)" in warning.message
    assert _at_span(text, warning) == "between 17th and 3rd May 2023"
    assert _warnings(POLL, "fieldwork_reversed") == []


def test_publication_before_the_fieldwork_ends_is_named() -> None:
    text = PRESS.replace("Published 3 March 2023", "Published 10 February 2023")
    (warning,) = _warnings(text, "published_before_fieldwork")
    assert warning.message.startswith("published 2023-02-10 ('10 February 2023'), before the")
    assert "ended (2023-02-17" in warning.message
    assert _at_span(text, warning) == "10 February 2023"
    on_the_day = PRESS.replace("Published 3 March 2023", "Published 17 February 2023")
    assert _warnings(on_the_day, "published_before_fieldwork") == []


def test_publication_before_a_fieldwork_with_no_end_is_named() -> None:
    report = extract_text(PRESS)
    assert report.fieldwork is not None and report.published is not None
    fieldwork = report.fieldwork.model_copy(update={"end": None})
    published = report.published.model_copy(update={"date": report.fieldwork.start})
    assert date_order(report.model_copy(update={"fieldwork": fieldwork})) == []
    early = report.published.model_copy(update={"date": report.fieldwork.start.replace(day=1)})
    broken = report.model_copy(update={"fieldwork": fieldwork, "published": early})
    assert [w.code for w in date_order(broken)] == ["published_before_fieldwork"]
    fine = report.model_copy(update={"fieldwork": fieldwork, "published": published})
    assert date_order(fine) == []


# figure_numbering


def test_a_skipped_figure_number_is_named() -> None:
    text = POLL.replace("Figure 2", "Figure 3")
    (warning,) = _warnings(text, "figure_numbering")
    assert warning.message == (
        "fig3: figure 3 follows figure 1: figure 2 is on no question (figures on questions: 1, 3)"
    )
    assert "Would you recommend the job?" in _at_span(text, warning)


def test_a_repeated_figure_number_is_named() -> None:
    text = POLL.replace("Figure 2", "Figure 1")
    (warning,) = _warnings(text, "figure_numbering")
    first, second = (q.id for q in extract_text(text).questions)  # both fig1, told apart
    assert (first.startswith("fig1-"), second.startswith("fig1-")) == (True, True)
    assert warning.message == (
        f"{second}: figure 1 is also the figure of {first} (figures on questions: 1, 1)"
    )


def test_figures_not_starting_at_1_are_named() -> None:
    text = POLL.replace("Figure 2", "Figure 4").replace("Figure 1", "Figure 3")
    (warning,) = _warnings(text, "figure_numbering")
    assert warning.message.startswith("fig3: figure 3 is the first figure: figures 1-2 are on no")


def test_consecutive_figures_are_fine() -> None:
    assert _warnings(POLL, "figure_numbering") == []


# option_conflict


def test_one_option_stated_with_two_values_is_named() -> None:
    text = POLL.replace("and 40% never do.", "and 40% never do. Put another way, 30% never do.")
    (warning,) = _warnings(text, "option_conflict")
    assert warning.message == "fig1: option 'never' is stated as 40% and as 30% ('30%')"
    assert _at_span(text, warning) == "30%"


def test_one_option_stated_twice_with_the_same_value_is_fine() -> None:
    text = POLL.replace("and 40% never do.", "and 40% never do. Put another way, 40% never do.")
    assert _warnings(text, "option_conflict") == []
    report = extract_text(POLL)
    question = report.questions[0]
    shouted = question.options[1].model_copy(update={"label": "NEVER ", "percent": 41.0})
    broken = report.model_copy(
        update={
            "questions": [question.model_copy(update={"options": [*question.options, shouted]})]
        }
    )
    assert [w.code for w in option_conflict(broken)] == ["option_conflict"]


def test_options_sum_needs_a_figure_or_a_base() -> None:
    report = extract_text(POLL.replace("40% never", "50% never"))
    question = report.questions[0].model_copy(update={"figure": None, "base": None})
    assert options_sum(report.model_copy(update={"questions": [question]})) == []


# the reference documents

REFERENCE = sorted(RAW.glob("*.txt")) + sorted((ROOT / "tests" / "documents").glob("*.txt"))


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.stem)
def test_reference_documents_are_consistent(path: Path) -> None:
    report = extract_file(path)
    assert consistency_warnings(report) == []
