"""Ruled tables in PDFs, found from their drawn rules and read as structure: pages drawn with
reportlab at test time in the layouts survey reports and pollsters' toplines print them. The
expected records below were checked by hand against the drawn pages (the numbers here are the
ones drawn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import Table, TableCell
from extract.loaders.pdf import load_pdf
from extract.pipeline import extract_file
from extract.tables import column_roles, is_earlier, table_to_block
from extract.vocab import words
from tests.conftest import drawn_pdf

# --- a ruled answer table: Answer | % | Count, a Total row ---------------------------------------

TRAVEL_QUESTION = "Q3. How do you usually travel to work?"
TRAVEL = [("Walk", 20, 48), ("Bus", 25, 60), ("Car", 40, 96), ("Cycle", 15, 36)]


def _answer_table_page(page) -> None:  # type: ignore[no-untyped-def]
    """A question over a table ruled on every side of every cell, its shares printed without a
    % sign under a "%" header, a Total row at the foot."""
    page.setFont("Helvetica-Bold", 12)
    page.drawString(60, 760, TRAVEL_QUESTION)
    page.setFont("Helvetica", 10)
    rows = [("Answer", "%", "Count"), *((a, str(p), str(n)) for a, p, n in TRAVEL)]
    rows.append(("Total", "100", "240"))
    xs, top, height = [60, 260, 360, 460], 740, 20
    page.grid(xs, [top - height * i for i in range(len(rows) + 1)])
    for index, cells in enumerate(rows):
        y = top - height * index - 14
        for x, cell in zip(xs, cells, strict=False):
            page.drawString(x + 6, y, cell)


# --- a pollster's topline: answers across, places down, grouped by region -----------------------

LIBRARY_QUESTION = "Q7. How often do you visit a public library?"
# Each answer column's header, drawn over one or two lines; the Total column last.
LIBRARY_HEADER = [
    ("At least", "once a week"),
    ("Once or twice", "a month"),
    ("Less often",),
    ("Never",),
    ("Don't", "know"),
    ("Total",),
    ("N",),
]
LIBRARY_POINTS = [
    "At least once a week",
    "Once or twice a month",
    "Less often",
    "Never",
    "Don't know",
]
# Rows top down: a region's heading (no numbers), a place with its footnote marker, or a trend
# row (the place above asked in an earlier wave); each row's shares, its Total and its N.
LIBRARY_ROWS: list[tuple[str, list[int] | None]] = [
    ("North", None),
    ("Hillford*", [12, 30, 38, 18, 2, 100, 410]),
    ("Lowmere^", [20, 25, 35, 15, 5, 100, 388]),
    ("2021", [18, 27, 33, 17, 5, 100, 402]),
    ("South", None),
    ("Eastcombe", [8, 22, 40, 28, 2, 100, 455]),
    ("Westbury", [15, 35, 30, 16, 4, 100, 397]),
]


def _topline_page(page) -> None:  # type: ignore[no-untyped-def]
    """The question in a title row spanning the table, a header row of wrapped names, rows of
    bare numbers with a Total of 100 and each row's N, footnotes under the table."""
    page.setFont("Helvetica", 9)
    xs = [60, 150, 210, 270, 330, 390, 450, 500, 550]
    top, title, header, height = 760, 20, 30, 16
    ys = [top, top - title, top - title - header]
    ys += [ys[-1] - height * (i + 1) for i in range(len(LIBRARY_ROWS))]
    for y in ys:
        page.line(xs[0], y, xs[-1], y)
    page.line(xs[0], ys[0], xs[0], ys[-1])
    page.line(xs[-1], ys[0], xs[-1], ys[-1])
    for x in xs[1:-1]:
        page.line(x, ys[1], x, ys[-1])  # no rule inside the title row: its cell spans them all
    page.drawString(xs[0] + 4, ys[0] - 14, LIBRARY_QUESTION)
    for x, name in zip(xs[1:-1], LIBRARY_HEADER, strict=True):
        for line, word in enumerate(name):
            page.drawString(x + 3, ys[1] - 11 - 10 * line, word)
    for index, (label, cells) in enumerate(LIBRARY_ROWS):
        y = ys[2] - height * index - 12
        page.drawString(xs[0] + 4, y, label)
        for x, value in zip(xs[1:-1], cells or [], strict=False):
            page.drawRightString(x + 44, y, str(value))
    page.drawString(60, ys[-1] - 16, "* Fieldwork in two wards only.")
    page.drawString(60, ys[-1] - 28, "^ Also asked in the 2021 wave, shown beneath.")


def _pdf(tmp_path: Path, draw) -> Path:  # type: ignore[no-untyped-def]
    return drawn_pdf(tmp_path / "page.pdf", draw)


def test_a_ruled_answer_table_is_one_question_with_its_base(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _answer_table_page))
    (question,) = report.questions
    assert question.text == "How do you usually travel to work?"
    assert [(o.label, o.percent) for o in question.options] == [(a, p) for a, p, _ in TRAVEL]
    assert question.base is not None and question.base.n == 240
    assert question.kind == "single_choice"


def _answer_table_in_form_page(page) -> None:  # type: ignore[no-untyped-def]
    """The same table drawn as a form XObject, placed scaled and moved: its rules' own
    coordinates are the form's, not the page's."""
    page.beginForm("table")
    _answer_table_page(page)
    page.endForm()
    page.saveState()
    page.translate(40, -200)
    page.scale(0.9, 0.9)
    page.doForm("table")
    page.restoreState()


def test_a_ruled_table_drawn_as_a_form_is_found_where_the_form_places_it(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _answer_table_in_form_page))
    (question,) = report.questions
    assert [(o.label, o.percent) for o in question.options] == [(a, p) for a, p, _ in TRAVEL]
    assert question.base is not None and question.base.n == 240


def test_a_ruled_table_is_handed_on_as_cells_with_offsets(tmp_path: Path) -> None:
    document = load_pdf(_pdf(tmp_path, _answer_table_page)).document
    (table,) = document.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["Answer", "%", "Count"],
        *([a, str(p), str(n)] for a, p, n in TRAVEL),
        ["Total", "100", "240"],
    ]
    for row in table.rows:  # every cell's offsets index its own words in the text
        for cell in row:
            assert document.text[cell.start : cell.end] == cell.text
    assert "Car | 40 | 96" in document.text  # the text shows every value
    (block,) = [b for b in document.blocks if b.kind == "table"]
    assert block.percent_header
    assert [(r.label.text, [(n.value, n.unit) for n in r.numbers]) for r in block.rows][2] == (
        "Car",
        [(40.0, "percent"), (96.0, "count")],
    )


def test_a_topline_is_a_grid_one_question_per_place(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _topline_page))
    wording = "How often do you visit a public library?"
    places = ["Hillford", "Lowmere", "Eastcombe", "Westbury"]  # no region, no trend row
    assert [q.text for q in report.questions] == [f"{wording} — {p}" for p in places]
    assert len({q.grid for q in report.questions}) == 1
    assert report.questions[0].grid is not None
    drawn = {label.rstrip("*^"): cells for label, cells in LIBRARY_ROWS if cells}
    for question, place in zip(report.questions, places, strict=True):
        # the Total column of 100 is not an answer; the N column is the row's base
        assert [(o.label, o.percent) for o in question.options] == [
            (point, float(v)) for point, v in zip(LIBRARY_POINTS, drawn[place][:5], strict=True)
        ]
    assert [q.base.n if q.base else None for q in report.questions] == [410, 388, 455, 397]


def test_a_topline_trend_row_is_the_place_aboves_statistics(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, _topline_page))
    lowmere = next(q for q in report.questions if q.text.endswith("— Lowmere"))
    assert [(s.label, s.value, s.unit) for s in lowmere.statistics] == [
        (f"{point} (2021)", float(v), "percent")
        for point, v in zip(LIBRARY_POINTS, [18, 27, 33, 17, 5], strict=True)
    ]
    others = [q for q in report.questions if q is not lowmere]
    assert all(not q.statistics for q in others)


def test_a_topline_keeps_its_question_and_footnotes_as_text(tmp_path: Path) -> None:
    text = load_pdf(_pdf(tmp_path, _topline_page)).document.text
    assert LIBRARY_QUESTION in text
    assert "At least once a week | Once or twice a month | Less often | Never | Don't know" in text
    assert "Don't know | Total | N" in text
    assert "Hillford* | 12 | 30 | 38 | 18 | 2 | 100 | 410" in text
    assert "* Fieldwork in two wards only." in text


# --- what the header words make of a table's cells ---------------------------------------------


def _table(rows: list[list[str]]) -> Table:
    """A table of one cell per column, each row a line of cells joined by " | "."""
    out, offset = [], 0
    for row in rows:
        cells, at = [], offset
        for column, text in enumerate(row):
            if text:
                cells.append(TableCell(text, at, at + len(text), column))
            at += len(text) + 3
        out.append(tuple(cells))
        offset = at + 1
    return Table(1, 0, offset, max(map(len, rows)), tuple(out))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (  # shares under "%", counts under "Count"
            [["Answer", "%", "Count"], ["Yes", "60", "30"], ["No", "40", "20"]],
            [
                ("Yes", [(60.0, "percent"), (30.0, "count")]),
                ("No", [(40.0, "percent"), (20.0, "count")]),
            ],
        ),
        (  # "Percent" and "N", the % sign printed in the cells
            [["", "Percent", "N"], ["Agree", "55%", "11"], ["Disagree", "45%", "9"]],
            [
                ("Agree", [(55.0, "percent"), (11.0, "count")]),
                ("Disagree", [(45.0, "percent"), (9.0, "count")]),
            ],
        ),
        (  # a row label ending in a colon, a footnote marker on a label
            [["Option", "Responses"], ["Morning*", "12"], ["Total responses:", "12"]],
            [("Morning", [(12.0, "count")]), ("Total responses", [(12.0, "count")])],
        ),
    ],
)
def test_answer_tables_by_their_header_words(
    rows: list[list[str]], expected: list[tuple[str, list[tuple[float, str]]]]
) -> None:
    block = table_to_block(_table(rows))
    assert block is not None and not block.grid
    assert [(r.label.text, [(n.value, n.unit) for n in r.numbers]) for r in block.rows] == expected


@pytest.mark.parametrize(
    ("rows", "points", "items"),
    [
        (  # bare shares whose Total column reads 100
            [["", "Yes", "No", "Total"], ["Leeds", "50", "48", "100"], ["York", "61", "37", "100"]],
            ("Yes", "No"),
            [("Leeds", [50.0, 48.0]), ("York", [61.0, 37.0])],
        ),
        (  # a group column beside the items, a group's row with no numbers
            [
                ["", "", "Often", "Rarely", "Never"],
                ["West", "", "", "", ""],
                ["West", "Bath^", "30", "50", "20"],
                ["", "Wells", "10", "60", "30"],
            ],
            ("Often", "Rarely", "Never"),
            [("Bath", [30.0, 50.0, 20.0]), ("Wells", [10.0, 60.0, 30.0])],
        ),
    ],
)
def test_grids_by_their_header_words(
    rows: list[list[str]], points: tuple[str, ...], items: list[tuple[str, list[float]]]
) -> None:
    block = table_to_block(_table(rows))
    assert block is not None and block.grid == points
    assert [(r.label.text, [n.value for n in r.numbers]) for r in block.rows] == items


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        ([["Name", "Age"], ["Ann", "34"], ["Bob", "51"]], "a header naming no share or count"),
        (
            [["", "Cars", "Vans"], ["Leeds", "340", "120"], ["York", "210", "90"]],
            "counts under answer-like headers: no Total of 100, rows adding up to no whole",
        ),
        ([["Alpha", "Beta"], ["Gamma", "Delta"]], "no numbers at all"),
    ],
)
def test_what_is_not_read_as_a_table(rows: list[list[str]], why: str) -> None:
    assert table_to_block(_table(rows)) is None, why


# --- the header and row words of extract/vocab/tables.toml, one case per entry -----------------

HEADER_WORDS = [
    (word, role) for role in ("percent", "count", "total") for word in words("tables", role)
]


@pytest.mark.parametrize(("word", "role"), HEADER_WORDS, ids=lambda v: str(v))
def test_every_header_word_names_its_columns_role(word: str, role: str) -> None:
    printed = word[:1].upper() + word[1:]  # as a header prints it
    assert column_roles([word, printed, f" {printed.upper()} "]) == [role] * 3


@pytest.mark.parametrize("label", [*words("tables", "earlier"), "2021", "March 2019", "2022 wave"])
def test_every_earlier_wave_label_is_a_trend_row(label: str) -> None:
    assert is_earlier(label[:1].upper() + label[1:])


@pytest.mark.parametrize("label", ["Total", "Leeds", "Under 25", "2021 to 2022 change in use"])
def test_labels_that_are_no_trend_row(label: str) -> None:
    assert not is_earlier(label)


# --- what is not a ruled table -----------------------------------------------------------------


def _bars_page(page) -> None:  # type: ignore[no-untyped-def]
    """A column chart drawn as bars on an axis, one touching the next: rules that meet only at
    corners."""
    page.setFont("Helvetica", 9)
    page.drawString(60, 770, "How many meetings did you attend?")
    page.line(80, 500, 80, 740)
    page.line(80, 500, 540, 500)
    for index, height in enumerate([120, 200, 80, 160]):
        x = 120 + 60 * index
        page.rect(x, 500, 60, height, fill=1, stroke=1)
        page.drawCentredString(x + 30, 505 + height, f"{height // 4}%")


def _words_table_page(page) -> None:  # type: ignore[no-untyped-def]
    """Free-text answers listed in a ruled table: numbered rows, an answer and a date each."""
    page.setFont("Helvetica", 9)
    page.drawString(60, 770, "What would you change about the rota?")
    answers = ["More notice of changes", "Fewer split shifts", "Nothing, it works well"]
    xs, top = [60, 90, 420, 540], 750
    page.grid(xs, [top - 20 * i for i in range(len(answers) + 2)])
    for x, head in zip(xs, ["#", "Responses", "Date"], strict=False):
        page.drawString(x + 4, top - 14, head)
    for index, answer in enumerate(answers, start=1):
        y = top - 20 * index - 14
        for x, cell in zip(xs, [str(index), answer, "3/4/2024"], strict=False):
            page.drawString(x + 4, y, cell)


def _page_edges(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    from extract.loaders.pdfplace import page_objects
    from extract.loaders.pdftables import page_to_edges

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[0]
        return page_to_edges(page_objects(page), page.get_height())
    finally:
        document.close()


@pytest.mark.parametrize(
    ("draw", "ruled"),
    [(_answer_table_page, True), (_topline_page, True), (_bars_page, False)],
    ids=["a ruled table", "a topline ruled row by row", "bars meeting at their corners"],
)
def test_the_table_finder_runs_only_where_rules_cross(tmp_path: Path, draw, ruled: bool) -> None:  # type: ignore[no-untyped-def]
    from extract.loaders.pdftables import is_ruled

    assert is_ruled(_page_edges(_pdf(tmp_path, draw))) is ruled


def test_a_ruled_table_of_words_stays_text(tmp_path: Path) -> None:
    document = load_pdf(_pdf(tmp_path, _words_table_page)).document
    assert document.tables == ()
    assert "Fewer split shifts" in document.text


@pytest.mark.parametrize(
    "draw",
    [_answer_table_page, _answer_table_in_form_page, _bars_page],
    ids=["rules on the page", "rules in a scaled, moved form", "bars"],
)
def test_the_raw_object_walk_finds_what_pypdfium2s_walk_finds(tmp_path: Path, draw) -> None:  # type: ignore[no-untyped-def]
    """`page_objects` walks pdfium's objects through its C functions: the same paths and images
    in the same order as pypdfium2's own walk, each at its bounds placed on the page by the
    matrices of the forms around it."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extract.loaders.pdfplace import IDENTITY, compose, page_objects, placed_bounds

    kinds = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE)
    document = pdfium.PdfDocument(str(_pdf(tmp_path, draw)))
    try:
        page = document[0]
        places = [IDENTITY]  # the place of each level's objects, the page's first
        expected = []
        for obj in page.get_objects(max_depth=5):
            del places[obj.level + 1 :]
            if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
                places.append(compose(places[obj.level], tuple(obj.get_matrix().get())))
            elif obj.type in kinds:
                expected.append((obj.type, placed_bounds(places[obj.level], obj.get_bounds())))
        found = [(placed.kind, placed.bounds) for placed in page_objects(page)]
    finally:
        document.close()
    assert found == expected
    assert found


def test_pdfiums_functions_on_addresses_read_what_pypdfium2s_prototypes_read(
    tmp_path: Path,
) -> None:
    """`c_function` calls the same pdfium function, its handles and pointers plain addresses:
    a page's objects, and each path's segments (point, kind, closing), read the same both ways."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extract.loaders.pdfplace import address, c_function

    def segments(path, count, get_segment, get_point, get_type, get_close, ref):  # type: ignore[no-untyped-def]
        xy = (ctypes.c_float * 2)()
        at = ctypes.addressof(xy)
        x, y = ref(at), ref(at + 4)
        found = []
        for index in range(count(path)):
            segment = get_segment(path, index)
            assert get_point(segment, x, y)
            found.append((xy[0], xy[1], get_type(segment), get_close(segment)))
        return found

    names = [
        "FPDFPath_CountSegments",
        "FPDFPath_GetPathSegment",
        "FPDFPathSegment_GetPoint",
        "FPDFPathSegment_GetType",
        "FPDFPathSegment_GetClose",
    ]
    document = pdfium.PdfDocument(str(_pdf(tmp_path, _answer_table_page)))
    try:
        page = document[0]
        count = pdfium_c.FPDFPage_CountObjects(page.raw)
        assert c_function("FPDFPage_CountObjects")(address(page.raw)) == count > 0
        paths = 0
        for index in range(count):
            handle = pdfium_c.FPDFPage_GetObject(page.raw, index)
            assert c_function("FPDFPage_GetObject")(address(page.raw), index) == address(handle)
            if pdfium_c.FPDFPageObj_GetType(handle) != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            declared = [getattr(pdfium_c, name) for name in names]
            plain = [c_function(name) for name in names]
            pointer = ctypes.POINTER(ctypes.c_float)

            def typed(at: int, pointer=pointer):  # type: ignore[no-untyped-def]
                return ctypes.cast(at, pointer)

            assert segments(handle, *declared, typed) == segments(
                address(handle), *plain, lambda at: at
            )
            paths += 1
        assert paths
    finally:
        document.close()


@pytest.mark.parametrize("seed", range(40))
def test_the_cells_of_a_lattice_are_pdfplumbers(seed: int) -> None:
    """`intersections_to_cells` gives pdfplumber's cells, in pdfplumber's order, for rules
    on a random lattice: some missing, some cut short, some doubled, a few on no lattice
    line (as a ruled page's rules, a chart's gridlines and its bars' sides are)."""
    import random

    from pdfplumber.table import edges_to_intersections, merge_edges
    from pdfplumber.table import intersections_to_cells as pdfplumbers

    from extract.loaders.pdftables import _edge, intersections_to_cells

    chance = random.Random(seed)
    xs = sorted(chance.sample(range(0, 400, 20), chance.randint(2, 9)))
    ys = sorted(chance.sample(range(0, 600, 15), chance.randint(2, 12)))
    edges = []
    for _ in range(chance.randint(1, 40)):
        if chance.random() < 0.5:
            x = chance.choice(xs) + chance.choice([0, 0, 0, 1.5, 7])
            top, bottom = sorted(chance.sample(ys, 2))
            edges.append(_edge(x, top, x + 0.5, bottom))
        else:
            y = chance.choice(ys) + chance.choice([0, 0, 0, 1.5, 7])
            left, right = sorted(chance.sample(xs, 2))
            edges.append(_edge(left, y, right, y + 0.5))
    edges += chance.sample(edges, len(edges) // 4)  # a rule drawn twice
    intersections = edges_to_intersections(merge_edges(edges, 3, 3, 3, 3))
    assert intersections_to_cells(intersections) == pdfplumbers(intersections)


def test_the_cells_of_a_ruled_page_are_pdfplumbers(tmp_path: Path) -> None:
    from pdfplumber.table import edges_to_intersections, merge_edges
    from pdfplumber.table import intersections_to_cells as pdfplumbers

    from extract.loaders.pdftables import intersections_to_cells

    for draw in (_answer_table_page, _topline_page, _answer_table_in_form_page):
        intersections = edges_to_intersections(
            merge_edges(_page_edges(_pdf(tmp_path, draw)), 3, 3, 3, 3)
        )
        cells = intersections_to_cells(intersections)
        assert cells == pdfplumbers(intersections)
        assert len(cells) > 10


def test_a_shifted_table_moves_every_offset_and_keeps_the_rest() -> None:
    from dataclasses import replace

    from extract.document import Table, TableCell

    table = Table(
        3,
        10,
        40,
        3,
        ((TableCell("Answer", 10, 16, 0), TableCell("%", 19, 20, 1, 2)), ()),
    )
    shifted = table.shifted(100)
    assert shifted == replace(
        table,
        start=110,
        end=140,
        rows=((TableCell("Answer", 110, 116, 0), TableCell("%", 119, 120, 1, 2)), ()),
    )
