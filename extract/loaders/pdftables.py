"""Ruled tables in a PDF: cells found from the page's drawn rules, filled from pdfium's words.

pdfplumber's table finder is the library made for this, but most of its cost is pdfminer's
parse of the whole page, not the table algorithm. So the rules come from pdfium's own path
objects (thin paths are rules, rectangles give their four sides) and only pdfplumber's
algorithm runs, imported when a page shows ruling at all (its cells step, quadratic in the
rules' crossings, done here the same way in fewer steps: `intersections_to_cells`):

    page_to_edges -> (is_ruled) -> edges_to_tables -> cells_to_table -> words_to_rows

A table is handed on as structure (`PdfTable`: rows of cell texts, which rows head it); the
loader writes it into the text and records each cell's offsets (`extract.document.Table`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from extract.document import Table, TableCell
from extract.loaders.pdfplace import PlacedObject, c_function, compose, object_matrix

if TYPE_CHECKING:
    from extract.loaders.pdfgrid import PdfWord

# A path this thin (points) is a rule; sides of rectangles and rules shorter than this are not
# a table's (a tick, a legend's swatch).
_RULE_WIDTH = 2.0
_MIN_EDGE = 8.0
# A page is worth the table finder when its rules cross this many times.
_MIN_CROSSINGS = 2
# pdfplumber's default tolerances (points): edges this close are one.
_SNAP = 3.0
_JOIN = 3.0
# A table has at least two rows and two columns, and words in this share of its cells at least
# (a chart's gridlines crossing its bars make empty cells).
_MIN_FILLED = 0.5
# A table of values has numbers (beside its first column) on this many rows at least.
_MIN_VALUED_ROWS = 2
# A number standing alone in a cell ("12", "12%", "1,234"), not a digit inside words.
_NUMBERS = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?%?(?![\w.,])")
# A path of more segments than this is a drawing (a map, a plotted line), never a table's rules.
_MAX_SEGMENTS = 2000


@dataclass(frozen=True)
class RuledTable:
    """A table's cells from its rules: each (row, column, rows spanned, columns spanned) with its
    box (left, top, right, bottom; points from the page's top-left)."""

    xs: tuple[float, ...]
    """The lattice: where its columns' rules stand, left to right, and its rows', top down."""
    ys: tuple[float, ...]
    cells: tuple[tuple[int, int, int, int, tuple[float, float, float, float]], ...]

    @property
    def left(self) -> float:
        return self.xs[0]

    @property
    def right(self) -> float:
        return self.xs[-1]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    def holds_line(self, top: float, bottom: float) -> bool:
        """A line between these heights may hold the table's words."""
        return self.top - 1 <= top and bottom <= self.bottom + 1

    def holds(self, word: PdfWord) -> bool:
        return self.left <= word.middle <= self.right and self.top <= word.centre <= self.bottom


@dataclass(frozen=True)
class PdfTable:
    """A ruled table read from its words: each row's cells (text, column, columns spanned),
    and the words it took (the rest of its area stays ordinary text)."""

    rows: tuple[tuple[tuple[str, int, int], ...], ...]
    columns: int
    used: frozenset[PdfWord]


def _edge(left: float, top: float, right: float, bottom: float) -> dict[str, Any]:
    """An edge as pdfplumber's table functions take it."""
    horizontal = bottom - top <= right - left
    if horizontal:
        middle = (top + bottom) / 2
        top = bottom = middle
    else:
        middle = (left + right) / 2
        left = right = middle
    return {
        "x0": left,
        "x1": right,
        "top": top,
        "bottom": bottom,
        "width": right - left,
        "height": bottom - top,
        "orientation": "h" if horizontal else "v",
        "object_type": "line",
    }


def page_to_edges(objects: list[PlacedObject], height: float) -> list[dict[str, Any]]:
    """The rules and the upright straight sides of the paths among a page's drawn objects
    (`pdfplace.page_objects`), as pdfplumber edges. A thin path (a rule, however it is drawn) is
    one edge, from its bounds; any other path's straight segments (a rectangle's sides, a grid
    drawn as one path of many lines) that run across or down the page are edges, placed by the
    path's transform (and by the matrices of the forms it is drawn in: `pdfplace.py`)."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    for placed in objects:
        if placed.kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = placed.bounds
        width, tall = right - left, top - bottom
        if min(width, tall) <= _RULE_WIDTH:
            if max(width, tall) >= _MIN_EDGE:
                edges.append(_edge(left, height - top, right, height - bottom))
            continue
        a, b, c, d, e, f = compose(placed.place, object_matrix(placed.handle))
        if abs(b) > 1e-6 or abs(c) > 1e-6:
            continue  # turned or sheared: its sides run neither across nor down
        for (x0, y0), (x1, y1) in _segments(placed.handle):
            x0, x1 = a * x0 + e, a * x1 + e
            y0, y1 = height - (d * y0 + f), height - (d * y1 + f)
            across, down = abs(x1 - x0), abs(y1 - y0)
            if min(across, down) <= _RULE_WIDTH and max(across, down) >= _MIN_EDGE:
                edges.append(_edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return edges


def _segments(path: int) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of a path (in its own space): each line from the point before,
    and the line a closed figure draws back to its start; curves are left out."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    count = c_function("FPDFPath_CountSegments")(path)
    if count > _MAX_SEGMENTS:
        return []  # a drawing of thousands of points (a map, a plotted line), not a table
    get_segment, get_point = (
        c_function("FPDFPath_GetPathSegment"),
        c_function("FPDFPathSegment_GetPoint"),
    )
    get_type, get_close = (
        c_function("FPDFPathSegment_GetType"),
        c_function("FPDFPathSegment_GetClose"),
    )
    moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    found = []
    xy = (ctypes.c_float * 2)()  # pdfium writes each point here
    x_ref = ctypes.addressof(xy)
    y_ref = x_ref + 4
    start = last = (0.0, 0.0)
    for index in range(count):
        segment = get_segment(path, index)
        get_point(segment, x_ref, y_ref)
        point = (xy[0], xy[1])
        kind = get_type(segment)
        if kind == moveto:
            start = point
        elif kind == lineto:
            found.append((last, point))
        if get_close(segment) and point != start:
            found.append((point, start))
        last = point
    return found


def _rules(edges: list[dict[str, Any]], orientation: str) -> list[tuple[float, float, float]]:
    """(position, start, end) of each rule one way: edges at one position (within the snap
    tolerance) joined where they meet, as a table's cell-by-cell borders make one rule."""
    across = orientation == "h"
    spans = sorted(
        (e["top"], e["x0"], e["x1"]) if across else (e["x0"], e["top"], e["bottom"])
        for e in edges
        if e["orientation"] == orientation
    )
    rules: list[tuple[float, float, float]] = []
    for position, start, end in spans:
        if rules and position - rules[-1][0] <= _SNAP and start <= rules[-1][2] + _JOIN:
            rules[-1] = (rules[-1][0], rules[-1][1], max(rules[-1][2], end))
        else:
            rules.append((position, start, end))
    return rules


def is_ruled(edges: list[dict[str, Any]]) -> bool:
    """Rules that cross, as a table's do (a row's rule running through a column's): only then
    is pdfplumber imported and run. Bars meet only at their corners, however many there are."""
    down = _rules(edges, "v")
    crossings = 0
    for y, left, right in _rules(edges, "h"):
        crossings += sum(
            1
            for x, top, bottom in down
            if left + _SNAP < x < right - _SNAP and top + _SNAP < y < bottom - _SNAP
        )
        if crossings >= _MIN_CROSSINGS:
            return True
    return False


def edges_to_tables(edges: list[dict[str, Any]]) -> list[RuledTable]:
    """pdfplumber's chain over the edges: snapped and joined, their crossings, the cells those
    make, the cells grouped into tables; each of two rows and two columns or more."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, merge_edges

    merged = merge_edges(edges, _SNAP, _SNAP, _JOIN, _JOIN)
    merged = [e for e in merged if max(e["width"], e["height"]) >= _MIN_EDGE]
    cells = intersections_to_cells(edges_to_intersections(merged))
    tables = [cells_to_table(group) for group in cells_to_tables(cells)]
    return [t for t in tables if t.rows >= 2 and t.columns >= 2]


_Point = tuple[float, float]
_Bbox = tuple[float, float, float, float]


def intersections_to_cells(
    intersections: dict[_Point, dict[str, list[dict[str, Any]]]],
) -> list[_Bbox]:
    """pdfplumber's `intersections_to_cells`: the same cells, in the same order. For each
    crossing (in sorted order), the smallest cell it opens: the first crossing below it and
    the first right of it that a rule joins it to, whose corner crossing is joined to both.
    pdfplumber scans every later crossing for each and rebuilds each crossing's set of rules
    at every test, most of a ruled page's cost; here each crossing's rules are a set once,
    and the crossings below and right of it are read from its column and its row."""
    bbox = itemgetter("x0", "top", "x1", "bottom")
    points = sorted(intersections)
    downs = {point: {bbox(e) for e in intersections[point]["v"]} for point in points}
    acrosses = {point: {bbox(e) for e in intersections[point]["h"]} for point in points}
    columns: dict[float, list[int]] = {}
    rows: dict[float, list[int]] = {}
    for index, (x, y) in enumerate(points):
        columns.setdefault(x, []).append(index)
        rows.setdefault(y, []).append(index)

    def joined(one: _Point, other: _Point) -> bool:
        """A rule runs through both crossings (pdfplumber's `edge_connects`)."""
        if one[0] == other[0] and not downs[one].isdisjoint(downs[other]):
            return True
        return one[1] == other[1] and not acrosses[one].isdisjoint(acrosses[other])

    cells: list[_Bbox] = []
    for index, point in enumerate(points):
        column, row = columns[point[0]], rows[point[1]]
        # the crossings below are read only as far as the first cell (in a table, the next)
        below = (
            points[j]
            for j in column[bisect.bisect_right(column, index) :]
            if points[j][0] == point[0] and joined(point, points[j])
        )
        right = [
            points[j]
            for j in row[bisect.bisect_right(row, index) :]
            if points[j][1] == point[1] and joined(point, points[j])
        ]
        cells.extend(
            itertools.islice(
                (
                    (point[0], point[1], right_point[0], below_point[1])
                    for below_point in below
                    for right_point in right
                    if (corner := (right_point[0], below_point[1])) in intersections
                    and joined(corner, right_point)
                    and joined(corner, below_point)
                ),
                1,
            )
        )
    return cells


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, values within the snap tolerance counted as one."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _SNAP:
            out.append(value)
    return out


def _index(positions: list[float], value: float) -> int:
    """The place of the position nearest `value`."""
    at = bisect.bisect_left(positions, value)
    if at == len(positions) or (at > 0 and value - positions[at - 1] < positions[at] - value):
        return at - 1
    return at


def cells_to_table(cells: list[tuple[float, float, float, float]]) -> RuledTable:
    """The cells placed on the table's lattice: a cell spanning rows or columns (a wrapped
    header's cell over two columns, a group's cell down several rows) spans them here too."""
    xs = _positions([v for c in cells for v in (c[0], c[2])])
    ys = _positions([v for c in cells for v in (c[1], c[3])])
    placed = []
    for x0, top, x1, bottom in cells:
        column, row = _index(xs, x0), _index(ys, top)
        span_columns = max(1, _index(xs, x1) - column)
        span_rows = max(1, _index(ys, bottom) - row)
        placed.append((row, column, span_rows, span_columns, (x0, top, x1, bottom)))
    placed.sort()
    return RuledTable(tuple(xs), tuple(ys), tuple(placed))


def words_to_rows(table: RuledTable, words: list[PdfWord]) -> PdfTable | None:
    """Each cell's words (centre inside the cell) read line by line, left to right; a row of
    empty cells is left out. None when too few cells hold words to be a table of text."""
    at: dict[tuple[int, int], int] = {}  # each place on the lattice: the cell covering it
    for index, (row, column, rows, columns, _) in enumerate(table.cells):
        for r in range(row, row + rows):
            for c in range(column, column + columns):
                at[(r, c)] = index
    inside: list[list[PdfWord]] = [[] for _ in table.cells]
    for word in words:
        column = bisect.bisect_right(table.xs, word.middle) - 1
        row = bisect.bisect_right(table.ys, word.centre) - 1
        if (row, column) in at:
            inside[at[(row, column)]].append(word)
    by_row: dict[int, list[tuple[str, int, int]]] = {}
    used: set[PdfWord] = set()
    filled = 0
    for (row, column, _, span, _), cell_words in zip(table.cells, inside, strict=True):
        cell_words.sort(key=lambda w: (round(w.top), w.left))
        used.update(cell_words)
        text = " ".join(w.text for w in cell_words)
        filled += bool(text)
        by_row.setdefault(row, []).append((text, column, span))
    if filled < _MIN_FILLED * len(table.cells) or any(
        len(_NUMBERS.findall(text)) > 1 for cells in by_row.values() for text, _, _ in cells
    ):
        return None  # few cells of text, or rows the rules do not part (a cell of many values)
    rows = tuple(
        tuple(cells) for _, cells in sorted(by_row.items()) if any(text for text, _, _ in cells)
    )
    valued = sum(
        any(column > 0 and _NUMBERS.fullmatch(text) for text, column, _ in row) for row in rows
    )
    if valued < _MIN_VALUED_ROWS:
        return None  # a table of words (listed free-text answers): read as text, as before
    return PdfTable(rows, table.columns, frozenset(used))


def find_table(tables: list[RuledTable], words: list[PdfWord]) -> PdfTable | None:
    """The first of the page's ruled tables whose cells the words fill."""
    for table in tables:
        read = words_to_rows(table, [w for w in words if table.holds(w)])
        if read is not None:
            return read
    return None


# A row whose one cell with words spans most of the table is its title (the question), above it.
_TITLE_SPAN = 0.5


def table_text(read: PdfTable, page: int) -> tuple[list[str], Table]:
    """The table as the text `extract text` prints: its title rows as paragraphs of their own,
    then one line per row, cells joined by " | " (by a space after a label's colon); and the
    table's structure, each cell with its offsets in that text (counted from the first line
    after the titles)."""
    titles: list[str] = []
    rows = list(read.rows)
    while rows:
        texts = [(text, span) for text, _, span in rows[0] if text]
        if len(texts) != 1 or texts[0][1] < _TITLE_SPAN * read.columns:
            break
        titles.append(texts[0][0])
        rows.pop(0)
    cells: list[tuple[TableCell, ...]] = []
    offset = 0
    lines = []
    for row in rows:
        line_cells = []
        at = offset
        line = ""
        for text, column, span in row:
            if not text:
                continue
            if line:
                # a label ending in a colon reads on into its value ("Total responses: 157")
                separator = " " if line.endswith(":") else " | "
                line += separator
                at += len(separator)
            line_cells.append(TableCell(text, at, at + len(text), column, span))
            line += text
            at += len(text)
        lines.append(line)
        cells.append(tuple(line_cells))
        offset += len(line) + 1
    body = "\n".join(lines)
    return [*titles, body], Table(page, 0, len(body), read.columns, tuple(cells))
