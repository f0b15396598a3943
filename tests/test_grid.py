"""Grid (matrix) questions: a header naming the points of one answer scale over rows with one
share per point becomes one question per row, `<question> — <row>`, sharing a `grid` id. Rows
whose cell count does not match the header are not guessed. Every phrasing here was written for
these tests."""

from __future__ import annotations

import time

import pytest

from extract.layout import _HEADER_GAPS, _scale_phrases, grid_header, parse_grid_row, text_to_blocks
from extract.pipeline import extract_text
from extract.vocab import only_point_words
from tests.conftest import RAW

AGREE = ("Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree")


@pytest.mark.parametrize(
    ("header", "points"),
    [
        ("Strongly agree Agree Neutral Disagree Strongly disagree", AGREE),
        ("| Strongly agree | Agree | Neutral | Disagree | Strongly disagree |", AGREE),
        ("Strongly agree\tAgree\tNeutral\tDisagree\tStrongly disagree", AGREE),
        (
            "Very satisfied Satisfied Neither satisfied nor dissatisfied Dissatisfied "
            "Very dissatisfied",
            (
                "Very satisfied",
                "Satisfied",
                "Neither satisfied nor dissatisfied",
                "Dissatisfied",
                "Very dissatisfied",
            ),
        ),
        (
            "Never Rarely Sometimes Often Always",
            ("Never", "Rarely", "Sometimes", "Often", "Always"),
        ),
        (
            "Very confident Fairly confident Not very confident Not at all confident Don't know",
            (
                "Very confident",
                "Fairly confident",
                "Not very confident",
                "Not at all confident",
                "Don't know",
            ),
        ),
        (
            "STRONGLY AGREE AGREE DISAGREE STRONGLY DISAGREE",
            ("STRONGLY AGREE", "AGREE", "DISAGREE", "STRONGLY DISAGREE"),
        ),
    ],
)
def test_grid_headers(header: str, points: tuple[str, ...]) -> None:
    assert grid_header(header) == points


@pytest.mark.parametrize(
    "header",
    [
        "Agree Disagree",  # two points: a yes/no-like pair, not a grid
        "Strongly agree Agree Neutral Disagree Strongly disagree Total",  # a word of no scale
        "The staff agree with the new rota",  # prose naming a point
        "Very satisfied Often Never",  # points of different scales
        "Don't know Not sure Undecided",  # non-answers alone
        "",
    ],
)
def test_not_grid_headers(header: str) -> None:
    assert grid_header(header) is None


@pytest.mark.parametrize(
    ("line", "label", "values"),
    [
        ("Canteen food 12% 30% 25% 20% 13%", "Canteen food", [12, 30, 25, 20, 13]),
        ("| Canteen food | 12% | 30% | 25% | 20% | 13% |", "Canteen food", [12, 30, 25, 20, 13]),
        ("Canteen food 3(12%) 7(28%) 5(20%) 6(24%) 4(16%)", "Canteen food", [12, 28, 20, 24, 16]),
        (
            "Canteen food 3 (12%) 7 (28%) 5 (20%) 6 (24%) 4 (16%)",
            "Canteen food",
            [12, 28, 20, 24, 16],
        ),
        ("Canteen food 12.5% 30% 25% 20% 12.5%", "Canteen food", [12.5, 30, 25, 20, 12.5]),
        ("Canteen food 12 30 25 20 13", "Canteen food", [12, 30, 25, 20, 13]),
        ("Item 2 was fine 12% 30% 25% 20% 13%", "Item 2 was fine", [12, 30, 25, 20, 13]),
    ],
)
def test_grid_rows(line: str, label: str, values: list[float]) -> None:
    row = parse_grid_row(line, 100, AGREE)
    assert row is not None
    assert row.label.text == label
    assert line[row.label.start - 100 : row.label.end - 100] == label
    assert [n.value for n in row.numbers] == values
    for number in row.numbers:  # each share's offsets hold its digits
        assert line[number.start - 100 : number.end - 100].rstrip("%") == number.text.rstrip("%")


@pytest.mark.parametrize(
    "line",
    [
        "Canteen food 12% 30% 25% 20%",  # one cell short
        "Canteen food 10% 12% 30% 25% 20% 3%",  # one cell over
        "12% 30% 25% 20% 13%",  # no label
        "Canteen food was rated well by most",  # no numbers
        "Canteen food 120 340 95 20 13",  # bare counts that are no shares of a whole
    ],
)
def test_not_grid_rows(line: str) -> None:
    assert parse_grid_row(line, 0, AGREE) is None


def test_a_mismatched_row_is_left_as_today() -> None:
    header = "Strongly agree Agree Neutral Disagree Strongly disagree\n"
    grid = header + "Canteen food 12% 30% 25% 20% 13%\n"
    odd = "Car park 40% 60%\n"
    blocks = text_to_blocks(grid + odd)
    assert [b.kind for b in blocks] == ["table", "table"]
    assert blocks[0].grid == AGREE
    assert len(blocks[0].rows) == 1
    assert blocks[1].grid == ()
    alone = text_to_blocks(odd)[0].rows[0]
    assert blocks[1].rows[0].label.text == alone.label.text == "Car park"
    assert [n.value for n in blocks[1].rows[0].numbers] == [n.value for n in alone.numbers]
    # a short row straight under the header is not a grid row either
    short = text_to_blocks(header + odd)
    assert all(not b.grid for b in short)
    assert short[-1].rows[0].label.text == "Car park"
    # the header alone, without rows, is the paragraph it is today
    assert [b.kind for b in text_to_blocks(header)] == ["paragraph"]


def test_grid_questions_share_an_id() -> None:
    text = (
        "Q7. How much do you agree with each statement?\n"
        "Base: 120\n"
        "Strongly agree Agree Neutral Disagree Strongly disagree\n"
        "Meetings start on time 10% 20% 30% 25% 15%\n"
        "Minutes are sent promptly 5% 15% 40% 30% 10%\n"
        "\n"
        "Q8. Do you work part time?\n"
        "Yes 40%\n"
        "No 60%\n"
    )
    report = extract_text(text)
    first, second, third = report.questions
    assert first.text == "How much do you agree with each statement? — Meetings start on time"
    assert second.text == "How much do you agree with each statement? — Minutes are sent promptly"
    assert first.grid == second.grid == first.id
    assert third.grid is None
    assert first.kind == second.kind == "scale"
    assert [o.label for o in first.options] == list(AGREE)
    assert [o.percent for o in second.options] == [5, 15, 40, 30, 10]
    assert [o.position for o in first.options] == [1, 2, 3, 4, 5]
    assert first.base is not None and first.base.n == 120
    assert third.model_dump(mode="json")["grid"] is None  # not a grid row: null, as every field


def test_long_grid_line_is_linear() -> None:
    line = "word " * 20000 + "12% " * 5000
    started = time.perf_counter()
    assert parse_grid_row(line, 0, AGREE) is None
    assert grid_header("agree " * 20000) is None
    assert time.perf_counter() - started < 1.0


def test_point_word_guard_drops_only_lines_that_name_no_points() -> None:
    """`grid_header` gives up on a line with a word of no scale point before trying its word
    runs: for every line of the reference reports and a header with a stray word, the runs
    find no points either."""
    lines = [line for path in sorted(RAW.glob("*.txt")) for line in path.read_text().split("\n")]
    lines += ["Strongly agree Agree Neutral Disagree Strongly disagree Canteen", "Agree, Neutral"]
    dropped = 0
    for line in lines:
        words = [w for w in _HEADER_GAPS.split(line.strip(" |*_#")) if w]
        if not only_point_words(words):
            dropped += 1
            for longest in (True, False):
                assert _scale_phrases(words, upper=line.isupper(), longest=longest) is None
    assert dropped > len(lines) // 2
