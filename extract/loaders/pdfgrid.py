"""Grids (matrix questions) drawn as tables in a PDF: items down the side, one answer scale across.

The text layer reads such a table badly: a header wrapped over two lines ("Strongly" above
"disagree") comes out word by word across the columns, a row label wrapped over two lines is
split around its values, and two rows set close together are merged into one line. What the
eye uses is position, so this reads the table from its words' boxes:

    words_to_cells -> cells_to_rows -> rows_to_columns -> words_to_header -> words_to_labels

A row is three or more value cells ("12%", "3(12%)", "12") whose centres line up with the
other rows' columns (or, for a matrix of one row, shares each with its count beneath); the
header is the names stacked above each column, a name's words taken whole and matched to the
column whose stretch it overlaps most, so a name centred over its values or set flush left or
right of them finds them (a word left of the columns names the item column: "Statement";
names right of them, a Total or mean column, are left aside); a row's label is the words left
of the columns nearest to its values. The grid is written back as text the general reader
reads as a grid: the header cells joined by " | ", then one line per row, label then cells.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol, overload

from extract import patterns
from extract.layout import grid_header

if TYPE_CHECKING:
    from collections.abc import Iterable

    import regex

# A grid's value cell: a share, a count and its share, or a bare number.
CELL = patterns.compile(r"^(?:\d{1,3}(?:,\d{3})*\s?)?\(?\d{1,3}(?:\.\d+)?%?\)?$")
_BRACKET_SHARE = patterns.compile(r"^\(\d{1,3}(?:\.\d+)?%\)$")
COUNT = patterns.compile(r"^\d{1,3}(?:,\d{3})*$")
"""A word that is a count alone: "12", "1,204"."""
_MIN_COLUMNS = 3
_MIN_ROWS = 2
# Words of the item column above the first row: its name ("Statement"), never a sentence.
_MAX_ITEM_HEADER_WORDS = 3
# How far from a lone row's values its label's words may stand, in row heights (after the 0.75
# every label's reach is scaled by): a label wrapped onto the line under the values.
_ONE_ROW_REACH = 2.0
# How far above the first row a header may reach, in row heights.
_HEADER_REACH = 4.0


class Box(Protocol):
    """Anything with a box on the page (a word, a bar, a shape), y growing downwards."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PdfWord:
    """One word of a line with its box (points from the page's top-left)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


class LineWords(Sequence[PdfWord]):
    """A line's words, each word's box read from the page the first time it is asked for.

    A chart area's lines take their words in case the area is a grid, a column chart or an
    axis scale, and most areas turn out to be none of these, which their value cells alone
    tell (`words_matching`): the other words' boxes (four calls into pdfium each) are then
    never read. `texts` are the words' texts, known without pdfium."""

    __slots__ = ("_all", "_box", "_matches", "_read", "texts")

    def __init__(self, texts: tuple[str, ...], box: Callable[[int], PdfWord]) -> None:
        self.texts = texts
        self._box = box
        """The word at an index, its box read from the page (valid while the page is open)."""
        self._read: list[PdfWord | None] = [None] * len(texts)
        self._all: tuple[PdfWord, ...] | None = None
        """Every word, once all were asked for: a line is iterated many times over."""
        self._matches: dict[regex.Pattern[str], tuple[int, ...]] = {}
        """The indexes of the words each pattern matched (`matching`)."""

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> PdfWord: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[PdfWord, ...]: ...

    def __getitem__(self, index: int | slice) -> PdfWord | tuple[PdfWord, ...]:
        if self._all is not None:
            return self._all[index]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self.texts))[index])
        word = self._read[index]  # an index out of range fails here, as a tuple's would
        if word is None:
            word = self._read[index] = self._box(index % len(self.texts))
        return word

    def matching(self, pattern: regex.Pattern[str]) -> list[PdfWord]:
        """The words whose text the pattern matches, only their boxes read; which words match
        is kept for the next reader asking for the same pattern (a grid's and a column chart's
        both ask for the value cells of the same lines)."""
        indexes = self._matches.get(pattern)
        if indexes is None:
            indexes = self._matches[pattern] = tuple(
                index for index, text in enumerate(self.texts) if pattern.match(text)
            )
        return [self[index] for index in indexes]

    def words(self) -> tuple[PdfWord, ...]:
        """Every word, each box read once."""
        if self._all is None:
            self._all = tuple(self[i] for i in range(len(self.texts)))
        return self._all

    def __iter__(self) -> Iterator[PdfWord]:
        return iter(self.words())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self.words() == tuple(other)

    def __hash__(self) -> int:
        return hash(self.words())


def words_matching(line: Sequence[PdfWord], pattern: regex.Pattern[str]) -> list[PdfWord]:
    """The line's words whose text the pattern matches; of `LineWords`, only their boxes are
    read."""
    if isinstance(line, LineWords):
        return line.matching(pattern)
    return [word for word in line if pattern.match(word.text)]


@dataclass(frozen=True)
class PdfGrid:
    """A grid read from its words: the header's cells, then each row's label and cells."""

    header: tuple[str, ...]
    """The item column's name (may be "") then one scale point per column."""
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    used: frozenset[PdfWord]
    """Every word the grid took; the rest of the area stays ordinary text."""

    def text_lines(self) -> list[str]:
        """The grid as the lines the general reader reads: header, then rows."""
        header = self.header if self.header[0] else self.header[1:]
        return [" | ".join(header), *(f"{label} {' '.join(c)}" for label, c in self.rows)]


def words_to_cells(words: list[PdfWord]) -> list[PdfWord]:
    """The value cells among `words`, a count set apart from its bracketed share
    ("3", "(12%)") joined into one cell "3 (12%)"."""
    cells = [w for w in words if CELL.match(w.text)]
    joined: list[PdfWord] = []
    taken: set[PdfWord] = set()
    for share in (c for c in cells if _BRACKET_SHARE.match(c.text)):
        height = share.bottom - share.top
        counts = [
            c
            for c in cells
            if c not in taken
            and COUNT.match(c.text)
            and abs(c.centre - share.centre) < height / 2
            and 0 <= share.left - c.right < 2 * height
        ]
        if counts:
            count = max(counts, key=lambda c: c.right)
            taken.update((count, share))
            joined.append(
                PdfWord(
                    f"{count.text} {share.text}", count.left, share.right, count.top, share.bottom
                )
            )
    return [c for c in cells if c not in taken] + joined


def cells_to_rows(cells: list[PdfWord]) -> list[list[PdfWord]]:
    """Cells grouped by the line they sit on (centres within half a cell's height), top down,
    each row left to right."""
    rows: list[list[PdfWord]] = []
    for cell in sorted(cells, key=lambda c: c.centre):
        row = rows[-1] if rows else None
        if row is not None and abs(row[0].centre - cell.centre) < (cell.bottom - cell.top) / 2:
            row.append(cell)
        else:
            rows.append([cell])
    return [sorted(row, key=lambda c: c.left) for row in rows]


def rows_to_columns(rows: list[list[PdfWord]]) -> tuple[list[list[PdfWord]], list[float]] | None:
    """The rows that share one set of columns (the most common number of cells, three or more,
    every cell within a third of the column spacing of its column's centre), and those centres;
    else one row of shares with its counts just beneath (`counted_row`); None when neither, or
    a row of cells among the rows stands off the columns."""
    counts = [len(row) for row in rows if len(row) >= _MIN_COLUMNS]
    if not counts:
        return None
    width = statistics.mode(counts)
    candidates = [row for row in rows if len(row) == width]
    centres = [statistics.median(row[i].middle for row in candidates) for i in range(width)]
    spacing = _spacing(centres)
    aligned = [
        row
        for row in candidates
        if all(abs(c.middle - x) <= spacing / 3 for c, x in zip(row, centres, strict=True))
    ]
    if len(aligned) < _MIN_ROWS or spacing <= 0:
        return counted_row(rows)
    first, last = aligned[0][0].centre, aligned[-1][0].centre
    if any(
        row not in aligned and first < row[0].centre < last
        for row in rows
        if len(row) >= _MIN_COLUMNS
    ):
        return None  # a row among them off the columns: not one table
    return aligned, centres


def counted_row(rows: list[list[PdfWord]]) -> tuple[list[list[PdfWord]], list[float]] | None:
    """A grid of one row as survey tools print it, each cell a share over its count: the only
    row of three or more shares with a count under every share on the line just below (the
    counts stay text; a Total column may follow them)."""
    counted = [
        row
        for row in rows
        if len(row) >= _MIN_COLUMNS
        and all("%" in c.text for c in row)
        and _spacing([c.middle for c in row]) > 0
        and _counts_under(row, rows)
    ]
    if len(counted) != 1:
        return None
    return counted, [c.middle for c in counted[0]]


def _counts_under(row: list[PdfWord], rows: list[list[PdfWord]]) -> bool:
    height = max(c.bottom - c.top for c in row)
    below = [
        c
        for other in rows
        if other is not row and 0 < other[0].centre - row[0].centre <= 1.5 * height
        for c in other
        if COUNT.match(c.text)
    ]
    return all(any(c.left <= s.right and c.right >= s.left for c in below) for s in row)


def _spacing(centres: list[float]) -> float:
    """The least distance between neighbouring centres."""
    return min(b - a for a, b in pairwise(centres))


# A header phrase reaching this share of its width over a second column runs across them.
_ACROSS = 0.25
# `_column` of a header phrase right of every column: a Total, N or mean column's name.
_TRAILING = -2


def _column(word: PdfWord, centres: list[float], spacing: float) -> int | None:
    """The column a word stands over (its centre within half the spacing), -1 for the item
    column left of them all, None for neither."""
    for index, x in enumerate(centres):
        if abs(word.middle - x) <= spacing / 2:
            return index
    return -1 if word.right < centres[0] - spacing / 2 else None


def _header_column(
    phrase: PdfWord, cells: list[PdfWord], spacing: float, item_right: float
) -> int | None:
    """The column a header phrase names: the one whose stretch (from the cell before's right
    edge to its own cell's right edge) the phrase overlaps most, so that a name centred over
    its values, or set flush left or right of them, finds them; -1 for the item column left
    of them all, `_TRAILING` right of them all (a Total or mean column), None for neither
    or for words running across two columns or from over the item labels (which end at
    `item_right`) into the first."""
    if phrase.right < cells[0].middle - spacing / 2:
        return -1
    if phrase.left > cells[-1].right:
        return _TRAILING
    if phrase.left < item_right:
        return None  # words running from the item labels over the first column: a sentence
    starts = [min(cells[0].left, phrase.left), *(c.right for c in cells[:-1])]
    overlaps = [
        (min(phrase.right, cell.right) - max(phrase.left, start), index)
        for index, (start, cell) in enumerate(zip(starts, cells, strict=True))
    ]
    overlaps.sort(reverse=True)
    (overlap, index), (second, _) = overlaps[0], (overlaps[1] if len(overlaps) > 1 else (0, 0))
    if overlap <= 0 or second > _ACROSS * (phrase.right - phrase.left):
        return None  # nothing over the columns, or words running across them (a sentence)
    return index


def joined(first: PdfWord, second: PdfWord) -> PdfWord:
    """Two words of one phrase as one word, its box the union of theirs."""
    return PdfWord(
        f"{first.text} {second.text}",
        first.left,
        second.right,
        min(first.top, second.top),
        max(first.bottom, second.bottom),
    )


def _phrases(line: Sequence[PdfWord]) -> list[PdfWord]:
    """A header line's words set close together (under half a line's height apart) joined:
    a column's name of several words ("Most visits") is centred as a whole."""
    phrases: list[PdfWord] = []
    for word in sorted(line, key=lambda w: w.left):
        last = phrases[-1] if phrases else None
        if last is not None and word.left - last.right < (word.bottom - word.top) / 2:
            phrases[-1] = joined(last, word)
        else:
            phrases.append(word)
    return phrases


def words_to_header(
    lines: list[Sequence[PdfWord]], first: list[PdfWord], height: float, item_right: float
) -> tuple[tuple[str, ...], set[PdfWord]] | None:
    """The header above the first row (its cells `first`): lines nearest first, each wholly over
    the columns (a short name of the item column allowed left of them, Total or mean columns
    right of them), stopping at the first that is not (the question's wording). Each column's
    words read top to bottom make its point; every column must have one."""
    top = min(c.top for c in first)
    centres = [c.middle for c in first]
    spacing = _spacing(centres)
    above = [
        line
        for line in lines
        if line
        and max(w.bottom for w in line) <= top + 1
        and min(w.top for w in line) >= top - _HEADER_REACH * height
    ]
    taken: list[tuple[int, PdfWord]] = []
    for line in sorted(above, key=lambda ln: -min(w.top for w in ln)):
        if any(CELL.match(w.text) for w in line):
            break
        phrases = _phrases(line)
        columns = [_header_column(phrase, first, spacing, item_right) for phrase in phrases]
        item_words = sum(
            len(p.text.split()) for p, c in zip(phrases, columns, strict=True) if c == -1
        )
        if None in columns or item_words > _MAX_ITEM_HEADER_WORDS:
            break
        taken.extend(
            (c, w)
            for phrase, c in zip(phrases, columns, strict=True)
            if c != _TRAILING
            for w in line
            if phrase.left <= w.left and w.right <= phrase.right
        )
    points = []
    for index in range(-1, len(centres)):
        words = sorted((w for c, w in taken if c == index), key=lambda w: (round(w.top), w.left))
        points.append(" ".join(w.text for w in words))
    if not all(points[1:]):
        return None
    return tuple(points), {w for _, w in taken}


def words_to_labels(
    words: list[PdfWord], rows: list[list[PdfWord]], centres: list[float]
) -> tuple[list[str], set[PdfWord]]:
    """Each row's label: the words left of the columns whose centre is nearest the row's (a
    label wrapped over two lines stands about its values), within a row's spacing."""
    spacing = _spacing(centres)
    middles = [statistics.median(c.centre for c in row) for row in rows]
    gap = _spacing(middles) if len(middles) > 1 else 0.0
    height = max(c.bottom - c.top for row in rows for c in row)
    # one row: its label may wrap onto the line under it, a line's height away
    reach = max(gap, height) if len(rows) > 1 else _ONE_ROW_REACH * height
    found: list[list[PdfWord]] = [[] for _ in rows]
    for word in words:
        if _column(word, centres, spacing) != -1:
            continue
        distance, index = min((abs(word.centre - m), i) for i, m in enumerate(middles))
        if distance <= reach * 0.75:
            found[index].append(word)
    labels = [
        " ".join(w.text for w in sorted(ws, key=lambda w: (round(w.top), w.left))) for ws in found
    ]
    return labels, {w for ws in found for w in ws}


def find_grid(
    lines: Sequence[Sequence[PdfWord]], above: Sequence[Sequence[PdfWord]] | None = None
) -> PdfGrid | None:
    """The grid the words of an area's lines make, its header perhaps in the lines `above` the
    area, or None (no aligned rows, no header over every column, a header that is not one
    answer scale, or a row with no label)."""
    # the rows from the value cells alone: most areas have none in line, and their other
    # words' boxes are then never read
    cells = words_to_cells([w for line in lines for w in words_matching(line, CELL)])
    read = rows_to_columns(cells_to_rows(cells))
    if read is None:
        return None
    words = [w for line in lines for w in line]
    rows, centres = read
    first = rows[0]
    height = max(c.bottom - c.top for c in first)
    first_left = min(row[0].left for row in rows)
    row_centres = [row[0].centre for row in rows]
    beside = [  # the rows' labels, on the rows' own lines left of the first column
        w.right
        for w in words
        if w.right <= first_left and any(abs(w.centre - c) < height / 2 for c in row_centres)
    ]
    item_right = max(beside, default=first[0].left - _spacing([c.middle for c in first]))
    header = words_to_header([*(above or []), *lines], first, height, item_right)
    if header is None:
        return None
    points, header_words = header
    if grid_header(" | ".join(points)) is None:
        return None  # columns, but not the points of one answer scale: a table of another kind
    header_bottom = max((w.bottom for w in header_words), default=0.0)
    free = [w for w in words if w not in header_words and w.centre > header_bottom]
    cell_words = {c for row in rows for c in row}
    labels, label_words = words_to_labels(
        [w for w in free if not CELL.match(w.text)], rows, centres
    )
    if not all(labels):
        return None
    used = frozenset(header_words | label_words | cell_parts(words, cell_words))
    return PdfGrid(
        points, tuple(zip(labels, (tuple(c.text for c in row) for row in rows), strict=True)), used
    )


def cell_parts(words: list[PdfWord], cells: Iterable[PdfWord]) -> set[PdfWord]:
    """The words the cells were made of (a joined "3 (12%)" cell from "3" and "(12%)")."""
    return {
        w
        for w in words
        for c in cells
        if c.left <= w.left
        and w.right <= c.right
        and c.top <= w.top + 0.5
        and w.bottom <= c.bottom + 0.5
    }
