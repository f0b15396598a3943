"""Pie charts, slide decks and chart-only pages in PDFs: small pages drawn with reportlab in the
layouts charting tools print. A pie's legend (swatch and label) stands apart from its slices'
values, which only the fill colour ties together. The expected records were checked by hand
against the drawn pages (the numbers below are the ones drawn)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from extract.loaders.pdf import load_pdf
from extract.loaders.pdfgrid import PdfWord
from extract.loaders.pdfpie import Shape, find_pie, shapes_to_pies, value_share
from extract.pipeline import extract_file
from tests.conftest import drawn_pdf

QUESTION = "How do you usually travel to work?"
# (label, colour, share): slices drawn in this order, counter-clockwise from three o'clock.
SLICES = [
    ("Car", (0.2, 0.4, 0.8), 45.0),
    ("Bus", (0.86, 0.22, 0.07), 30.0),
    ("Bicycle", (1.0, 0.6, 0.0), 15.0),
    ("On foot", (0.06, 0.6, 0.1), 10.0),
]
# The legend lists the slices in another order than they are drawn: only colour pairs them.
LEGEND = ["Bicycle", "Car", "On foot", "Bus"]
BASE = 40


def _value(label: str, share: float, style: str) -> str:
    """A slice's value as a charting tool prints it, in the style asked for."""
    count = round(BASE * share / 100)
    return {
        "share": f"{share:g}%",
        "count (share)": f"{count} ({share:g}%)",
        "share (count)": f"{share:g}% ({count})",
        "count": f"{count}",
    }[style]


def _pie(page, cx: float, cy: float, style: str) -> None:  # type: ignore[no-untyped-def]
    """A pie of `SLICES` centred at (cx, cy), each slice's value inside it at its middle
    angle."""
    radius = 80
    angle = 0.0
    page.setFont("Helvetica", 9)
    for label, colour, share in SLICES:
        extent = 360 * share / 100
        page.setFillColorRGB(*colour)
        page.wedge(
            cx - radius, cy - radius, cx + radius, cy + radius, angle, extent, stroke=0, fill=1
        )
        middle = math.radians(angle + extent / 2)
        page.setFillColorRGB(1, 1, 1)
        x, y = cx + 0.62 * radius * math.cos(middle), cy + 0.62 * radius * math.sin(middle)
        page.drawCentredString(x, y - 3, _value(label, share, style))
        angle += extent


COLOURS = {label: colour for label, colour, _ in SLICES}


def _legend(page, keys: list[tuple[float, float]]) -> None:  # type: ignore[no-untyped-def]
    """The legend's keys in `LEGEND` order, each a swatch at (x, y) with its label right of it."""
    page.setFont("Helvetica", 9)
    for label, (x, y) in zip(LEGEND, keys, strict=True):
        page.setFillColorRGB(*COLOURS[label])
        page.rect(x, y, 8, 8, fill=1, stroke=0)
        page.setFillColorRGB(0, 0, 0)
        page.drawString(x + 12, y + 1, label)


def _pie_with_side_legend(page, cx: float, cy: float, style: str = "share") -> None:  # type: ignore[no-untyped-def]
    _pie(page, cx, cy, style)
    _legend(page, [(cx + 130, cy + 60 - 16 * index) for index in range(len(LEGEND))])


def _pie_page(page, style: str = "share") -> None:  # type: ignore[no-untyped-def]
    page.setFont("Helvetica-Bold", 13)
    page.drawString(60, 770, QUESTION)
    page.setFont("Helvetica", 9)
    page.drawString(60, 755, f"{BASE} responses")
    _pie_with_side_legend(page, 200, 620, style)


def _pdf(tmp_path: Path, *pages) -> Path:  # type: ignore[no-untyped-def]
    return drawn_pdf(tmp_path / "charts.pdf", *pages)


def _options(question) -> list[tuple[str, float | None]]:  # type: ignore[no-untyped-def]
    return [(o.label, o.percent) for o in question.options]


SHARES = [(label, share) for label, _, share in SLICES]


@pytest.mark.parametrize("style", ["share", "count (share)", "share (count)"])
def test_a_pies_values_are_matched_to_its_legend_by_colour(tmp_path: Path, style: str) -> None:
    report = extract_file(_pdf(tmp_path, lambda page: _pie_page(page, style)))
    (question,) = report.questions
    assert question.text == QUESTION
    assert sorted(_options(question)) == sorted(SHARES)


def test_a_pies_entries_keep_the_span_of_their_printed_line(tmp_path: Path) -> None:
    document = load_pdf(_pdf(tmp_path, _pie_page)).document
    (chart,) = document.charts
    assert [(e.label, e.percent) for e in chart.entries] == [
        (label, dict(SHARES)[label]) for label in LEGEND
    ]
    assert [document.text[e.start : e.end] for e in chart.entries] == [
        f"{label}: {dict(SHARES)[label]:g}%" for label in LEGEND
    ]


def test_a_pie_labelled_with_counts_keeps_them_counts(tmp_path: Path) -> None:
    """Counts inside the slices are no shares: nothing is taken as a percentage."""
    report = extract_file(_pdf(tmp_path, lambda page: _pie_page(page, "count")))
    (question,) = report.questions
    assert question.text == QUESTION
    assert all(o.percent is None for o in question.options)
    text = load_pdf(_pdf(tmp_path, lambda page: _pie_page(page, "count"))).document.text
    for label, share in SHARES:
        assert f"{label}: {round(BASE * share / 100)}" in text


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("45%", "45%"),
        ("45.5%", "45.5%"),
        ("18 (45%)", "45%"),
        ("45% (18)", "45%"),
        ("45%, 18", "45%"),
        ("18", None),
        ("1,204", None),
        # negatives: not a slice's value at all
        ("Bus", None),
        ("45% of staff", None),
        ("2019", None),
    ],
)
def test_a_slices_value_in_every_common_order(text: str, share: str | None) -> None:
    assert value_share(text) == share


def _square(left: float, top: float, side: float, colour: tuple[int, int, int]) -> Shape:
    return Shape(left, top, left + side, top + side, colour)


def _wedge(centre: tuple[float, float], radius: float, start: float, end: float, colour):  # type: ignore[no-untyped-def]
    """A slice's outline as pdfium gives it: the apex, then points along the arc (degrees
    counter-clockwise as the eye sees it), back to the apex."""
    steps = max(2, int((end - start) / 15) + 1)
    arc = [
        (
            centre[0] + radius * math.cos(math.radians(start + (end - start) * i / (steps - 1))),
            centre[1] - radius * math.sin(math.radians(start + (end - start) * i / (steps - 1))),
        )
        for i in range(steps)
    ]
    points = (centre, *arc, centre)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Shape(min(xs), min(ys), max(xs), max(ys), colour, tuple(points))


def _word(text: str, left: float, top: float) -> PdfWord:
    return PdfWord(text, left, left + 5 * len(text), top, top + 9)


BLUE, RED = (50, 100, 200), (220, 60, 20)


def test_bars_of_the_legends_colours_are_no_pie() -> None:
    """A bar chart whose bars carry the legend's colours: its shapes go round no circle."""
    bars = [
        Shape(100, 100, 300, 112, BLUE, ((100, 100), (300, 100), (300, 112), (100, 112))),
        Shape(100, 114, 250, 126, RED, ((100, 114), (250, 114), (250, 126), (100, 126))),
    ]
    assert shapes_to_pies(bars) == []


def test_two_pies_with_the_same_colours_each_take_their_own_legend() -> None:
    """Two cards, one over the other, each a Yes/No pie in the same two colours."""
    shapes = []
    words = []
    for top, yes in ((100, 70.0), (400, 40.0)):
        centre = (200.0, top + 80.0)
        split = 360 * yes / 100
        shapes += [
            _wedge(centre, 70, 0, split, BLUE),
            _wedge(centre, 70, split, 360, RED),
            _square(330, top, 8, BLUE),
            _square(330, top + 16, 8, RED),
        ]
        words += [_word("Yes", 342, top - 0.5), _word("No", 342, top + 15.5)]
        for share, start, end in ((yes, 0, split), (100 - yes, split, 360)):
            middle = math.radians((start + end) / 2)
            words.append(
                _word(
                    f"{share:g}%",
                    centre[0] + 40 * math.cos(middle) - 10,
                    centre[1] - 40 * math.sin(middle) - 4,
                )
            )
    pie = find_pie(shapes, words)
    assert pie is not None
    assert [(key.label, value) for key, value in pie.entries] == [
        ("Yes", "70%"),
        ("No", "30%"),
        ("Yes", "40%"),
        ("No", "60%"),
    ]


def test_a_thin_slice_with_no_value_leaves_its_label_without_one() -> None:
    centre = (200.0, 200.0)
    shapes = [
        _wedge(centre, 70, 0, 349, BLUE),
        _wedge(centre, 70, 349, 360, RED),
        _square(330, 150, 8, BLUE),
        _square(330, 166, 8, RED),
    ]
    words = [_word("Yes", 342, 149.5), _word("No", 342, 165.5), _word("97%", 180, 220)]
    pie = find_pie(shapes, words)
    assert pie is not None
    assert [(key.label, value) for key, value in pie.entries] == [("Yes", "97%")]
    assert [key.label for key in pie.unvalued] == ["No"]


SLIDE_SIZE = (842, 595)
# Each slide: its title (the question), and its chart's (label, share) pairs as drawn.
SLIDES = [
    (
        "Tools the team uses every week",
        [("Issue tracker", 82.0), ("Shared calendar", 64.0), ("Wiki", 41.0), ("Chat", 93.0)],
    ),
    (QUESTION, SHARES),
    (
        "How many days a week do you work from home?",
        [("None", 22.0), ("One or two", 47.0), ("Three or more", 31.0)],
    ),
]


def _slide_title(page, title: str) -> None:  # type: ignore[no-untyped-def]
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica-Bold", 22)
    page.drawString(50, 530, title)
    page.setFont("Helvetica", 9)
    page.drawString(50, 30, "Staff survey 2026")  # the deck's footer, on every slide


def _bar_slide(page) -> None:  # type: ignore[no-untyped-def]
    """Horizontal bars, each label left of its bar and its share at the bar's end."""
    title, bars = SLIDES[0]
    _slide_title(page, title)
    page.setFont("Helvetica", 11)
    for index, (label, share) in enumerate(bars):
        y = 440 - 60 * index
        page.setFillColorRGB(0.2, 0.4, 0.8)
        page.rect(220, y, 5 * share, 24, fill=1, stroke=0)
        page.setFillColorRGB(0, 0, 0)
        page.drawRightString(210, y + 8, label)
        page.drawString(226 + 5 * share, y + 8, f"{share:g}%")


def _pie_slide(page) -> None:  # type: ignore[no-untyped-def]
    _slide_title(page, SLIDES[1][0])
    _pie_with_side_legend(page, 300, 300)


def _column_slide(page) -> None:  # type: ignore[no-untyped-def]
    """Columns on an axis, each share over its column and each name under it."""
    title, columns = SLIDES[2]
    _slide_title(page, title)
    page.setStrokeColorRGB(0, 0, 0)
    page.line(150, 120, 700, 120)
    page.setFont("Helvetica", 11)
    for index, (label, share) in enumerate(columns):
        x = 250 + 180 * index
        page.setFillColorRGB(0.3, 0.6, 0.3)
        page.rect(x - 40, 120, 80, 6 * share, fill=1, stroke=0)
        page.setFillColorRGB(0, 0, 0)
        page.drawCentredString(x, 126 + 6 * share, f"{share:g}%")
        page.drawCentredString(x, 104, label)


def _deck(tmp_path: Path) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "deck.pdf"
    drawing = canvas.Canvas(str(path), pagesize=SLIDE_SIZE)
    for draw in (_bar_slide, _pie_slide, _column_slide):
        draw(drawing)
        drawing.showPage()
    drawing.save()
    return path


def test_a_slide_deck_is_one_question_per_slide_with_its_chart(tmp_path: Path) -> None:
    """Slides with a title and a chart and no prose at all: each title is a question and its
    chart's entries are its options."""
    report = extract_file(_deck(tmp_path))
    assert [q.text for q in report.questions] == [title for title, _ in SLIDES]
    for question, (_, entries) in zip(report.questions, SLIDES, strict=True):
        assert sorted(_options(question)) == sorted(entries)


CATEGORIES = ["Weekly", "Monthly", "Rarely", "Never"]


def _percent_axis_page(page, numbers: list[int], base: int) -> None:  # type: ignore[no-untyped-def]
    """Bars on a "% Respondents" axis, each bar as long as its share of `base` and labelled
    with its number of answers: the axis ticks are percentages, the labels are counts (or,
    where `base` is 100, shares)."""
    page.setFont("Helvetica-Bold", 13)
    page.drawString(60, 770, "How often do you review your backups?")
    page.setFont("Helvetica", 9)
    left, scale = 160, 3.5  # points per percentage point
    page.line(left, 560, left, 740)
    page.line(left, 560, left + 100 * scale, 560)
    for index, (label, number) in enumerate(zip(CATEGORIES, numbers, strict=True)):
        y = 710 - 40 * index
        share = 100 * number / base
        page.setFillColorRGB(0.1, 0.2, 0.5)
        page.rect(left, y, share * scale, 14, fill=1, stroke=0)
        page.setFillColorRGB(0, 0, 0)
        page.drawRightString(left - 6, y + 4, label)
        page.drawString(left + share * scale + 4, y + 4, str(number))
    for tick in range(0, 101, 20):
        page.drawCentredString(left + tick * scale, 548, f"{tick}%")
    page.drawCentredString(left + 50 * scale, 534, "% Respondents")
    page.drawString(left, 520, "Number of answers shown on the bars")


@pytest.mark.parametrize(
    ("numbers", "base"),
    [
        ([36, 28, 12, 4], 80),  # counts adding up to 80
        ([45, 30, 15, 10], 120),  # counts adding up to 100, yet the bars reach 37.5%, 25% …
    ],
)
def test_counts_on_a_percentage_axis_are_not_read_as_percentages(
    tmp_path: Path, numbers: list[int], base: int
) -> None:
    path = _pdf(tmp_path, lambda page: _percent_axis_page(page, numbers, base))
    (chart,) = load_pdf(path).document.charts
    assert chart.counts
    report = extract_file(path)
    (question,) = report.questions
    assert question.text == "How often do you review your backups?"
    assert not [o for o in question.options if o.percent is not None]
    assert not [s for s in [*report.statistics, *question.statistics] if s.unit == "percent"]


def test_shares_at_the_bars_ends_on_a_percentage_axis_are_shares(tmp_path: Path) -> None:
    """The same chart where each bar's number is where it ends on the axis: shares."""
    shares = [45, 30, 15, 10]
    path = _pdf(tmp_path, lambda page: _percent_axis_page(page, shares, 100))
    (chart,) = load_pdf(path).document.charts
    assert not chart.counts
    (question,) = extract_file(path).questions
    assert _options(question) == list(zip(CATEGORIES, map(float, shares), strict=True))


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("0% 20% 40% 60% 80% 100%", True),
        ("0% 25% 50% 75% 100%", True),
        ("10% 20% 30%", True),
        # negatives: a row of columns' data labels, too few ticks, words among them
        ("16% 15% 12% 11% 8%", False),
        ("42% 11% 9%", False),
        ("0% 100%", False),
        ("0% 50% 100% agree", False),
    ],
)
def test_an_axis_scale_rises_by_one_step(text: str, scale: bool) -> None:
    from extract.layout import is_axis_scale

    assert is_axis_scale(text) is scale


def _tick_words(ticks: list[str], first: float, step: float) -> tuple[PdfWord, ...]:
    return tuple(
        _word(tick, first + step * i - 2.5 * len(tick), 300) for i, tick in enumerate(ticks)
    )


@pytest.mark.parametrize(
    ("ticks", "zero", "per_point"),
    [
        (["0%", "20%", "40%", "60%", "80%", "100%"], 100.0, 3.5),
        (["0%", "25%", "50%", "75%", "100%"], 100.0, 2.0),
        (["20%", "40%", "60%"], 100.0, 3.0),  # a scale that starts above zero
    ],
)
def test_an_axis_is_read_from_its_ticks(ticks: list[str], zero: float, per_point: float) -> None:
    from extract.loaders.pdfaxis import scale_to_axis

    values = [float(t.rstrip("%")) for t in ticks]
    step = (values[1] - values[0]) * per_point
    axis = scale_to_axis(_tick_words(ticks, zero + values[0] * per_point, step))
    assert axis is not None
    assert axis.zero == pytest.approx(zero)
    assert axis.per_point == pytest.approx(per_point)


@pytest.mark.parametrize("ticks", [["0", "10", "20", "30"], ["0%", "50%"], ["Agree", "0%", "50%"]])
def test_what_is_no_percentage_axis(ticks: list[str]) -> None:
    from extract.loaders.pdfaxis import scale_to_axis

    assert scale_to_axis(_tick_words(ticks, 100, 50)) is None


def _pie_in_form_page(page) -> None:  # type: ignore[no-untyped-def]
    """The pie drawn as a form XObject and placed scaled and moved, as plotting libraries
    export charts: its shapes' own coordinates are the form's, not the page's."""
    page.setFont("Helvetica-Bold", 13)
    page.drawString(60, 770, QUESTION)
    page.beginForm("pie")
    _pie_with_side_legend(page, 200, 200)
    page.endForm()
    page.saveState()
    page.translate(40, 300)
    page.scale(0.7, 0.7)
    page.doForm("pie")
    page.restoreState()


def test_a_pie_drawn_as_a_form_is_read_where_the_form_places_it(tmp_path: Path) -> None:
    (question,) = extract_file(_pdf(tmp_path, _pie_in_form_page)).questions
    assert question.text == QUESTION
    assert sorted(_options(question)) == sorted(SHARES)


def _pie_legend_below_page(page) -> None:  # type: ignore[no-untyped-def]
    """The legend as one row of keys under the pie, as spreadsheet charts set it."""
    page.setFont("Helvetica-Bold", 13)
    page.drawString(60, 770, QUESTION)
    _pie(page, 250, 620, "share")
    _legend(page, [(120 + 80 * index, 500) for index in range(len(LEGEND))])


def test_a_pies_legend_set_in_a_row_under_it(tmp_path: Path) -> None:
    (question,) = extract_file(_pdf(tmp_path, _pie_legend_below_page)).questions
    assert question.text == QUESTION
    assert sorted(_options(question)) == sorted(SHARES)


def _pie_with_table_page(page) -> None:  # type: ignore[no-untyped-def]
    """A survey tool's page: the pie and its legend, then the same answers as a table."""
    _pie_page(page)
    page.setFont("Helvetica", 10)
    rows = [("Choices", "Response percent", "Response count")]
    rows += [(label, f"{share:g}%", str(round(BASE * share / 100))) for label, share in SHARES]
    for index, cells in enumerate(rows):
        y = 470 - 22 * index
        page.rect(60, y - 7, 460, 22, fill=0, stroke=1)
        for x, cell in zip((66, 300, 440), cells, strict=True):
            page.drawString(x, y, cell)


def test_a_pie_beside_its_own_table_gives_each_answer_once(tmp_path: Path) -> None:
    (question,) = extract_file(_pdf(tmp_path, _pie_with_table_page)).questions
    assert question.text == QUESTION
    assert sorted(_options(question)) == sorted(SHARES)


def _pie_with_leader_lines_page(page) -> None:  # type: ignore[no-untyped-def]
    """Each slice's share set in a column left of the pie, joined to its slice by a leader
    line, in another order than the slices: only its size names the slice."""
    page.setFont("Helvetica-Bold", 13)
    page.drawString(60, 770, QUESTION)
    cx, cy, radius = 300, 620, 80
    angle = 0.0
    page.setFont("Helvetica", 9)
    for index, (_, colour, share) in enumerate(SLICES):
        extent = 360 * share / 100
        page.setFillColorRGB(*colour)
        page.wedge(
            cx - radius, cy - radius, cx + radius, cy + radius, angle, extent, stroke=0, fill=1
        )
        middle = math.radians(angle + extent / 2)
        edge = (cx + radius * math.cos(middle), cy + radius * math.sin(middle))
        y = 690 - 40 * ((index + 2) % len(SLICES))
        page.setStrokeColorRGB(0.5, 0.5, 0.5)
        page.line(edge[0], edge[1], 200, y + 3)
        page.setFillColorRGB(0, 0, 0)
        page.drawRightString(196, y, f"{share:g}%")
        angle += extent
    _legend(page, [(420, 680 - 16 * index) for index in range(len(LEGEND))])


def test_a_slices_share_set_apart_with_a_leader_line_names_it_by_size(tmp_path: Path) -> None:
    (question,) = extract_file(_pdf(tmp_path, _pie_with_leader_lines_page)).questions
    assert question.text == QUESTION
    assert sorted(_options(question)) == sorted(SHARES)


def test_shapes_may_hold_slices_only_where_two_large_ones_touch() -> None:
    """A pie's slices touch one another; bars set apart, and small swatches beside them, do
    not: there the outlines are never read."""
    from extract.loaders.pdfpie import may_hold_slices

    def shape(left: float, top: float, right: float, bottom: float) -> Shape:
        return Shape(left, top, right, bottom, (200, 0, 0))

    bars = [shape(80, 100 + 25 * i, 160 - 10 * i, 108 + 25 * i) for i in range(4)]
    swatches = [shape(170, 100 + 25 * i, 178, 108 + 25 * i) for i in range(4)]
    assert not may_hold_slices(bars + swatches)
    halves = [shape(100, 100, 150, 200), shape(150.5, 100, 200, 200)]
    assert may_hold_slices([*bars, *halves])
    assert may_hold_slices(halves[::-1])
    assert not may_hold_slices([halves[0], shape(152, 100, 200, 200)])
