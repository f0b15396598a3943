"""Grids and column charts in PDFs, read from their words' boxes: small pages drawn with reportlab
in the layouts survey tools print them. The expected records were checked by hand against the
drawn pages (the numbers below are the ones drawn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.loaders.pdf import load_pdf
from extract.loaders.pdfcolumns import find_columns
from extract.loaders.pdfgrid import LineWords, PdfWord, find_grid
from extract.pipeline import extract_file
from tests.conftest import drawn_pdf

QUESTION = "Q4. How far do you agree with each statement about your team?"
# Each column's header, drawn over one or two lines.
HEADER = [("Strongly", "agree"), ("Agree",), ("Neutral",), ("Disagree",), ("Strongly", "disagree")]
POINTS = ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"]
# Each row's label, drawn over one or two lines, and its cells (count, share).
ROWS = [
    (("We share ideas openly",), [(12, 30.0), (16, 40.0), (6, 15.0), (4, 10.0), (2, 5.0)]),
    (
        ("Decisions are explained to", "everyone they affect"),
        [(4, 10.0), (10, 25.0), (14, 35.0), (8, 20.0), (4, 10.0)],
    ),
    (("Meetings start on time",), [(2, 5.0), (6, 15.0), (8, 20.0), (12, 30.0), (12, 30.0)]),
]
COLUMNS = [300, 360, 420, 480, 540]


def _grid_page(page, *, item_column: str | None = "Statement") -> None:  # type: ignore[no-untyped-def]
    """A question over a ruled grid: the header wrapped over two lines, a row label too."""
    page.setFont("Helvetica-Bold", 12)
    page.drawString(60, 760, QUESTION)
    page.setFont("Helvetica", 9)
    if item_column:
        page.drawString(70, 735, item_column)
    for x, words in zip(COLUMNS, HEADER, strict=True):
        for line, word in enumerate(words):
            y = 740 - 10 * line if len(words) == 2 else 735
            page.drawCentredString(x, y, word)
    page.setStrokeColorRGB(0.6, 0.6, 0.6)
    top = 700
    for index, (label, cells) in enumerate(ROWS):
        y = top - 34 * index
        page.rect(60, y - 14, 510, 30, fill=0, stroke=1)  # the row's ruled cell
        for line, part in enumerate(label):
            page.drawString(70, y + 5 - 10 * line if len(label) == 2 else y, part)
        for x, (count, share) in zip(COLUMNS, cells, strict=True):
            page.drawCentredString(x, y, f"{count} ({share:g}%)")


def _column_page(page) -> None:  # type: ignore[no-untyped-def]
    """A column chart: bars of different heights, each bar's data label over it, drawn tallest
    first (as the text layer then gives them), the category names on one line under the bars."""
    bars = [
        ("Never", 3, 7.5),
        ("Once a year", 9, 22.5),
        ("Every month", 20, 50.0),
        ("Weekly", 8, 20.0),
    ]
    page.setFont("Helvetica-Bold", 12)
    page.drawString(60, 770, "How often do you back up your files?")
    page.setFont("Helvetica", 9)
    page.drawString(60, 762, "Number of responses: 40")
    page.line(80, 500, 80, 740)  # the axis
    page.line(80, 500, 540, 500)
    centres = [150, 260, 370, 480]
    for (_, count, _), x in zip(bars, centres, strict=True):
        page.setFillColorRGB(0.3, 0.5, 0.8)
        page.rect(x - 30, 500, 60, 10 * count, fill=1, stroke=0)
    page.setFillColorRGB(0, 0, 0)
    for (_, count, share), x in sorted(zip(bars, centres, strict=True), key=lambda b: -b[0][1]):
        page.drawCentredString(x, 505 + 10 * count, f"{count} ({share:g}%)")
    page.drawString(150 - 11, 488, "Never")
    page.drawString(260 - 23, 488, "Once a year")
    page.drawString(370 - 24, 488, "Every month")
    page.drawString(480 - 15, 488, "Weekly")


def _pdf(tmp_path: Path, draw, **kw) -> Path:  # type: ignore[no-untyped-def]
    return drawn_pdf(tmp_path / "page.pdf", lambda page: draw(page, **kw))


def test_a_drawn_grid_is_one_question_per_row_with_the_scale_as_options(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _grid_page))
    wording = "How far do you agree with each statement about your team?"
    assert [q.text for q in report.questions] == [
        f"{wording} — We share ideas openly",
        f"{wording} — Decisions are explained to everyone they affect",
        f"{wording} — Meetings start on time",
    ]
    assert len({q.grid for q in report.questions}) == 1
    assert report.questions[0].grid is not None
    for question, (_, cells) in zip(report.questions, ROWS, strict=True):
        assert [(o.label, o.percent) for o in question.options] == [
            (point, share) for point, (_, share) in zip(POINTS, cells, strict=True)
        ]
        assert question.kind == "scale"


def test_a_drawn_grid_keeps_every_value_in_the_text(tmp_path: Path) -> None:
    text = load_pdf(_pdf(tmp_path, _grid_page)).document.text
    assert "Statement | Strongly agree | Agree | Neutral | Disagree | Strongly disagree" in text
    assert "Decisions are explained to everyone they affect 4 (10%) 10 (25%)" in text
    for _, cells in ROWS:
        for count, share in cells:
            assert f"{count} ({share:g}%)" in text


def test_a_grid_with_no_name_over_its_item_column(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _grid_page, item_column=None))
    assert len(report.questions) == 3
    assert [o.label for o in report.questions[1].options] == POINTS


def test_a_column_charts_labels_pair_with_their_bars_by_position(tmp_path: Path) -> None:
    text = load_pdf(_pdf(tmp_path, _column_page)).document.text
    assert "Never: 3 (7.5%)\nOnce a year: 9 (22.5%)\nEvery month: 20 (50%)\nWeekly: 8 (20%)" in text
    report = extract_file(_pdf(tmp_path, _column_page))
    (question,) = report.questions
    assert question.text == "How often do you back up your files?"
    assert [(o.label, o.percent) for o in question.options] == [
        ("Never", 7.5),
        ("Once a year", 22.5),
        ("Every month", 50.0),
        ("Weekly", 20.0),
    ]


def _word(text: str, left: float, top: float, width: float | None = None) -> PdfWord:
    return PdfWord(text, left, left + (width or 5 * len(text)), top, top + 10)


def _row(top: float, label: str, cells: list[str]) -> tuple[PdfWord, ...]:
    return (
        _word(label, 20, top),
        *(_word(c, 200 + 60 * i, top, 40) for i, c in enumerate(cells)),
    )


@pytest.mark.parametrize(
    ("lines", "why"),
    [
        ([_row(100, "Alpha", ["10%", "20%", "70%"])], "one row is a line, not a grid"),
        (
            [
                (_word("Yes", 205, 80), _word("No", 265, 80), _word("Maybe", 325, 80)),
                _row(100, "Alpha", ["10%", "20%", "70%"]),
                _row(120, "Beta", ["30%", "20%", "50%"]),
            ],
            "a header that names no answer scale",
        ),
        (
            [
                (_word("Agree", 205, 80), _word("Neutral", 265, 80)),
                _row(100, "Alpha", ["10%", "20%", "70%"]),
                _row(120, "Beta", ["30%", "20%", "50%"]),
            ],
            "a column with no header",
        ),
        (
            [
                (_word("Agree", 205, 80), _word("Neutral", 265, 80), _word("Disagree", 325, 80)),
                _row(100, "Alpha", ["10%", "20%", "70%"]),
                _row(120, "Beta", ["30%", "20%", "50%"]),
                (*_row(140, "Gamma", ["30%", "20%"]), _word("50%", 350, 140, 40)),
                _row(160, "Delta", ["30%", "20%", "50%"]),
            ],
            "a row whose cells stand apart from the columns",
        ),
    ],
)
def test_what_is_not_a_grid(lines: list[tuple[PdfWord, ...]], why: str) -> None:
    assert find_grid(lines) is None, why


def test_a_grid_from_words() -> None:
    lines = [
        (_word("Agree", 205, 80), _word("Neutral", 265, 80), _word("Disagree", 325, 80)),
        _row(100, "Alpha", ["10%", "20%", "70%"]),
        _row(120, "Beta", ["30%", "20%", "50%"]),
    ]
    grid = find_grid(lines)
    assert grid is not None
    assert grid.text_lines() == [
        "Agree | Neutral | Disagree",
        "Alpha 10% 20% 70%",
        "Beta 30% 20% 50%",
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # data labels given tallest first; names on one line under the bars
            [
                (_word("5 (50%)", 185, 40, 30),),
                (_word("3 (30%)", 85, 60, 30),),
                (_word("2 (20%)", 285, 80, 30),),
                (_word("Red", 92, 120), _word("Dark", 180, 120), _word("blue", 205, 120)),
                (_word("Green", 288, 120),),
            ],
            ["Red: 3 (30%)", "Dark blue: 5 (50%)", "Green: 2 (20%)"],
        ),
        (  # a title across the chart names no bar and is no category line
            [
                (_word("Which colour do you like best of all", 60, 10, 300),),
                (_word("30%", 90, 60, 20), _word("50%", 190, 60, 20), _word("20%", 290, 60, 20)),
            ],
            None,
        ),
    ],
)
def test_column_chart_entries(lines: list[tuple[PdfWord, ...]], expected: list[str] | None) -> None:
    chart = find_columns(lines)
    assert (chart.text_lines() if chart else None) == expected


def _lazy(lines: list[tuple[PdfWord, ...]], asked: list[str]) -> list[LineWords]:
    """The lines as the loader hands them on, each word's box read (and named in `asked`) only
    when asked for."""

    def reader(line: tuple[PdfWord, ...]) -> LineWords:
        def read(index: int) -> PdfWord:
            asked.append(line[index].text)
            return line[index]

        return LineWords(tuple(word.text for word in line), read)

    return [reader(line) for line in lines]


def test_a_lines_words_read_their_boxes_once_and_only_when_asked() -> None:
    asked: list[str] = []
    (line,) = _lazy([_row(100, "Alpha", ["10%", "20%", "70%"])], asked)
    assert len(line) == 4 and line.texts[0] == "Alpha" and not asked
    assert [w.text for w in line[1:3]] == ["10%", "20%"] and asked == ["10%", "20%"]
    assert line[-1] is line[3] and tuple(line) == _row(100, "Alpha", ["10%", "20%", "70%"])
    assert asked == ["10%", "20%", "70%", "Alpha"]
    assert line == _row(100, "Alpha", ["10%", "20%", "70%"])


def test_an_area_that_is_no_grid_or_column_chart_reads_its_value_cells_alone() -> None:
    """A bar chart's labels beside their values: no row of cells, no values side by side."""
    lines = [
        (_word("Aware", 90, 100), _word("of", 120, 100), _word("it", 140, 100)),
        (_word("90%", 300, 100, 30),),
        (_word("Not", 90, 120), _word("aware", 120, 120)),
        (_word("10%", 300, 120, 30),),
    ]
    asked: list[str] = []
    assert find_grid(_lazy(lines, asked)) is None
    assert find_columns(_lazy(lines, asked)) is None
    assert sorted(set(asked)) == ["10%", "90%"]


def test_a_grid_and_a_column_chart_read_lazily_are_read_as_from_boxes() -> None:
    grid = [
        (_word("Agree", 205, 80), _word("Neutral", 265, 80), _word("Disagree", 325, 80)),
        _row(100, "Alpha", ["10%", "20%", "70%"]),
        _row(120, "Beta", ["30%", "20%", "50%"]),
    ]
    columns = [
        (_word("5 (50%)", 185, 40, 30),),
        (_word("3 (30%)", 85, 60, 30),),
        (_word("Red", 92, 120), _word("Blue", 192, 120)),
    ]
    assert find_grid(_lazy(grid, [])) == find_grid(grid) is not None
    assert find_columns(_lazy(columns, [])) == find_columns(columns) is not None


def _one_row_page(page) -> None:  # type: ignore[no-untyped-def]
    """A survey tool's matrix of one unlabelled row: each cell a share over its count, the
    column names set flush left over two lines, then Total and mean columns."""
    page.setFont("Helvetica-Bold", 12)
    page.drawString(60, 760, "Q7 How satisfied are you with the opening hours?")
    page.setFont("Helvetica", 8)
    page.drawString(60, 745, "Answered: 50 Skipped: 2")
    page.setStrokeColorRGB(0.6, 0.6, 0.6)
    page.rect(50, 600, 500, 60, fill=0, stroke=1)  # the table's ruled frame
    names = [("NOT AT ALL", "SATISFIED"), ("SLIGHTLY", "SATISFIED"), ("MODERATELY", "SATISFIED")]
    names += [("VERY", "SATISFIED"), ("EXTREMELY", "SATISFIED")]
    cells = [("4.00%", "2"), ("10.00%", "5"), ("36.00%", "18"), ("40.00%", "20"), ("10.00%", "5")]
    for index, ((first, second), (share, count)) in enumerate(zip(names, cells, strict=True)):
        left = 120 + 70 * index
        page.drawString(left, 645, first)
        page.drawString(left, 636, second)
        page.drawRightString(left + 60, 620, share)
        page.drawRightString(left + 60, 611, count)
    page.drawString(480, 645, "TOTAL")
    page.drawRightString(520, 611, "50")
    page.drawString(60, 620, "(no label)")


def test_a_matrix_of_one_unlabelled_row_is_the_question_on_its_scale(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _one_row_page))
    (question,) = report.questions
    assert question.text == "How satisfied are you with the opening hours?"
    assert question.grid is None
    assert question.kind == "scale"
    assert [(o.label, o.percent) for o in question.options] == [
        ("NOT AT ALL SATISFIED", 4.0),
        ("SLIGHTLY SATISFIED", 10.0),
        ("MODERATELY SATISFIED", 36.0),
        ("VERY SATISFIED", 40.0),
        ("EXTREMELY SATISFIED", 10.0),
    ]
    assert question.base is not None and question.base.n == 50


def _loose_bars_page(page) -> None:  # type: ignore[no-untyped-def]
    """A designed report's column chart: bars set apart on one baseline with no axis or frame,
    each share over its bar, the question under the chart, prose set beside it."""
    page.setFont("Helvetica", 10)
    for index, line in enumerate(
        ["Most of the members who", "answered walk to the club,", "and few come by car."]
    ):
        page.drawString(60, 700 - 14 * index, line)
    bars = [("Walk", 48.0), ("Bus", 27.0), ("Bicycle", 15.0), ("Car", 10.0)]
    page.setFont("Helvetica", 9)
    for index, (name, share) in enumerate(bars):
        left = 300 + 45 * index
        page.setFillColorRGB(0.2, 0.6, 0.4)
        page.rect(left, 600, 28, 3 * share, fill=1, stroke=0)
        page.setFillColorRGB(0, 0, 0)
        page.drawCentredString(left + 14, 604 + 3 * share, f"{share:g}%")
        page.drawCentredString(left + 14, 588, name)
    page.drawString(300, 570, "How do you usually get to the club?")


def test_bars_set_apart_are_one_chart_and_the_prose_beside_them_stays_prose(
    tmp_path: Path,
) -> None:
    document = load_pdf(_pdf(tmp_path, _loose_bars_page)).document
    (chart,) = document.charts
    assert [(e.label, e.percent) for e in chart.entries] == [
        ("Walk", 48.0),
        ("Bus", 27.0),
        ("Bicycle", 15.0),
        ("Car", 10.0),
    ]
    chart_text = document.text[chart.start : chart.end]
    assert "walk to the club" not in chart_text
    prose = " ".join((document.text[: chart.start] + document.text[chart.end :]).split())
    assert "Most of the members who answered walk to the club, and few come by car." in prose


@pytest.mark.parametrize(
    "raw_line",
    [
        "Strongly agree  12%\t30",
        "  Neutral\u00a0 (3)  ",
        "stan\ufffedard \ufffe 4\u2003 5",
        "\ufffe\ufffe",
    ],
    ids=["spaces and a tab", "a no-break space", "unmapped glyphs", "unmapped glyphs alone"],
)
def test_a_lines_words_are_its_runs_of_non_space_read_at_their_text_indexes(
    raw_line: str,
) -> None:
    """`_line_words` splits the raw line as `\\S+` does, a word's U+FFFE glyphs left out (and a
    word of nothing else with them), and reads each word's box from the text indexes of its
    first and last characters, counted from the line's start."""
    import re

    from extract.loaders.pdf import _line_words, _units

    class Layer:
        open = True
        units = staticmethod(_units)

        @staticmethod
        def span(first: int, last: int) -> tuple[int, float, float, float, float]:
            return first, float(first), float(last), 0.0, 1.0

    expected = [
        (text, at + match.start(), at + match.end() - 1)
        for match in re.finditer(r"\S+", raw_line)
        if (text := match.group().replace("\ufffe", ""))
        for at in [100]
    ]
    words = _line_words(Layer(), 100, raw_line)  # type: ignore[arg-type]
    assert words.texts == tuple(text for text, _, _ in expected)
    assert [(w.text, w.left, w.right) for w in words] == expected


def test_a_lines_words_matching_a_pattern_are_found_once_and_only_their_boxes_read() -> None:
    """A grid and a column chart both ask an area's lines for their value cells: the second
    asking reads no text again, and neither reads the boxes of the words that do not match."""
    from extract.loaders.pdfgrid import CELL, words_matching

    class Counted:
        calls = 0

        def match(self, text: str) -> object:
            Counted.calls += 1
            return CELL.match(text)

    asked: list[str] = []
    (line,) = _lazy([_row(100, "Alpha", ["10%", "20%", "70%"])], asked)
    pattern = Counted()
    first = words_matching(line, pattern)  # type: ignore[arg-type]
    assert words_matching(line, pattern) == first  # type: ignore[arg-type]
    assert [w.text for w in first] == ["10%", "20%", "70%"] == asked
    assert Counted.calls == 4
