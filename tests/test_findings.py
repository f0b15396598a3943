"""Prose findings, one phrasing per row: each stated share becomes a question whose wording is
its claim; listed shares are one question; contrasts and side-by-side claims split; method
sentences, changes and earlier waves are not findings. Every sentence was written for this test."""

from __future__ import annotations

import pytest

from extract.pipeline import extract_text

FINDINGS = [
    (
        "The poll also revealed that 41% of drivers had skipped a service this year.",
        [("Had skipped a service this year", [41.0])],
    ),
    (
        "According to the survey, 27% of tenants believe their rent is fair.",
        [("Their rent is fair", [27.0])],
    ),
    (
        "Two-thirds of pupils (66%) said lunch breaks were too short.",
        [("Lunch breaks were too short", [66.0])],
    ),
    (
        "58% of riders want more night buses, but only 12% would pay a higher fare.",
        [("Want more night buses", [58.0]), ("Would pay a higher fare", [12.0])],
    ),
    (
        "35% of growers lost crops to frost, and 22% lost crops to floods.",
        [("Lost crops to frost", [35.0]), ("Lost crops to floods", [22.0])],
    ),
    (
        "Asked which stall they visit most, shoppers named the baker (44%), the grocer (31%)"
        " and the florist (9%).",
        [("Which stall they visit most", [44.0, 31.0, 9.0])],
    ),
    (
        "Nearly half of carers (48%) felt unsupported, up from 39% in 2021.",
        [("Felt unsupported", [48.0])],  # the earlier wave is a statistic of it
    ),
    (  # the share in words restates the digits given later, its claim cut shorter
        "Half of tenants said that they had been offered a repair visit within a week (51%).",
        [("They had been offered a repair visit within a week", [51.0])],
    ),
    (  # an earlier month's share is a statistic of the claim, not a second answer
        "Just 36% of riders rate the bus service as good, a decline from March, when 41% did.",
        [("Rate the bus service as good, a decline from March, when 41% did", [36.0])],
    ),
    (  # a share of the group just named is a subgroup's: a statistic
        "Most members (68%) back the strike, including 58% who work part time.",
        [("Back the strike, including 58% who work part time", [68.0])],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), FINDINGS, ids=lambda v: str(v)[:30])
def test_finding_phrasings(sentence: str, expected: list[tuple[str, list[float]]]) -> None:
    report = extract_text(f"Survey notes\n\n{sentence}\n")
    got = [(q.text, [o.percent for o in q.options]) for q in report.questions]
    assert got == expected
    assert all(q.wording == "claim" for q in report.questions)


@pytest.mark.parametrize(
    ("sentence", "base"),
    [
        ("Over a third (36%) of the 2,400 drivers surveyed had skipped a service.", 2400),
        ("Among the 310 growers who took part, 35% lost crops to frost.", 310),
        ("Two-thirds of pupils (66%) said lunch breaks were too short.", None),
        ("58% of the riders want more night buses.", None),  # no number: no base
    ],
)
def test_a_finding_takes_the_base_its_sentence_states(sentence: str, base: int | None) -> None:
    (question,) = extract_text(f"Survey notes\n\n{sentence}\n").questions
    assert (question.base.n if question.base else None) == base


@pytest.mark.parametrize(
    "sentence",
    [
        "Figures may not add up to 100% due to rounding.",
        "The margin of error is plus or minus 3%.",
        "The data were weighted to be representative, and the response rate was 41%.",
        "Spending on repairs rose 140% in five years.",
        "As recently as June, 52% of riders rated the service as good.",  # an earlier time
        "None of these figures, it should be said, are as low as in 2012.",  # no one's answer
    ],
)
def test_sentences_that_are_not_findings(sentence: str) -> None:
    report = extract_text(f"Survey notes\n\n{sentence}\n")
    assert report.questions == []


def test_a_question_printed_again_with_nothing_under_it_is_not_another_question() -> None:
    """A table continued on the next page under its question, repeated (twice): one question,
    the continued rows its options too."""
    text = (
        "Which of these do you grow on your allotment?\n\n"
        "Potatoes 61%\nBeans 44%\nOnions 30%\n\n"
        "Which of these do you grow on your allotment?\n\n"
        "Which of these do you grow on your allotment?\n\n"
        "Squash 12%\n"
    )
    report = extract_text(text)
    texts = [q.text for q in report.questions]
    assert texts == ["Which of these do you grow on your allotment?"]
    assert [o.label for q in report.questions for o in q.options] == [
        "Potatoes",
        "Beans",
        "Onions",
        "Squash",
    ]


@pytest.mark.parametrize(
    ("wording", "asks"),
    [
        ("17%", False),  # a chart's value read as a title
        ("16% 15% 12% 11% 8%", False),
        ("0 0.1 0.2 0.3 0.4 Management", False),  # an axis and one label
        ("No", False),  # an answer alone
        ("Why?", True),
        ("Workloads", True),  # a one-word chart title
        ("Age group", True),
        ("Top 3 features", True),
    ],
)
def test_a_question_worded_by_numbers_or_an_answer_alone_asks_nothing(
    wording: str, asks: bool
) -> None:
    from extract.reader import _wordless

    assert _wordless(wording) is not asks
