"""Column charts in a PDF: each bar's data label ("13 (33.33%)", "41%") paired with the category
name set under (or over) its bar, by x position.

The text layer gives a column chart's data labels in whatever order the tool drew them (often by
height, not left to right) and its category names as one line ("None Less than 1 year 1 - 3
years"), so neither the order nor the line says which name goes with which value. Position does:
a category's words stand centred on its bar, and so does the bar's data label.

    words_to_cells -> cells_to_values -> lines_to_categories -> entries
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extract.loaders.pdfgrid import CELL, PdfWord, cell_parts, words_matching, words_to_cells

_MIN_BARS = 2
# A category's words stand this close (a share of the bars' spacing) to its bar's centre.
_CENTRED = 1 / 3
# A second line of a wrapped category name stands within this many line heights of the first.
_WRAP_LINES = 2.5


@dataclass(frozen=True)
class ColumnChart:
    """A column chart read from its words: (category, data label) left to right."""

    entries: tuple[tuple[str, str], ...]
    used: frozenset[PdfWord]
    """Every word the entries took; the rest of the chart stays ordinary text."""

    def text_lines(self) -> list[str]:
        return [f"{label}: {value}" for label, value in self.entries]


def cells_to_values(cells: list[PdfWord]) -> list[PdfWord] | None:
    """The bars' data labels, left to right: the cells holding a share, at distinct places
    across the chart (no two within a label's width of each other); None when fewer than two."""
    values = sorted((c for c in cells if "%" in c.text), key=lambda c: c.middle)
    if len(values) < _MIN_BARS:
        return None
    width = statistics.median(c.right - c.left for c in values)
    if any(b.middle - a.middle < 0.8 * width for a, b in pairwise(values)):
        return None
    return values


def _bands(lines: Sequence[Sequence[PdfWord]]) -> list[tuple[PdfWord, ...]]:
    """Lines set on one baseline joined (the text layer may give each name as its own line)."""
    bands: list[list[PdfWord]] = []
    for line in sorted(lines, key=lambda ln: ln[0].top):
        last = bands[-1] if bands else None
        if last is not None and abs(last[0].top - line[0].top) < (line[0].bottom - line[0].top) / 2:
            last.extend(line)
        else:
            bands.append(list(line))
    return [tuple(sorted(band, key=lambda w: w.left)) for band in bands]


def _groups(line: Sequence[PdfWord], centres: list[float]) -> list[list[PdfWord]]:
    """The line's words, each with the bar whose centre is nearest."""
    groups: list[list[PdfWord]] = [[] for _ in centres]
    for word in line:
        _, index = min((abs(word.middle - x), i) for i, x in enumerate(centres))
        groups[index].append(word)
    return groups


def _centred(group: list[PdfWord], centre: float, spacing: float) -> bool:
    middle = (min(w.left for w in group) + max(w.right for w in group)) / 2
    return abs(middle - centre) <= spacing * _CENTRED


def lines_to_categories(
    lines: Sequence[Sequence[PdfWord]], centres: list[float]
) -> tuple[list[str], set[PdfWord]] | None:
    """The category names: a line whose words, each given to its nearest bar, name every bar
    and stand centred on it, plus the lines of names wrapped under it (each of their groups
    centred too); None when no line names every bar."""
    spacing = min(b - a for a, b in pairwise(centres))
    low, high = centres[0] - spacing / 2, centres[-1] + spacing / 2
    candidates = _bands(
        [
            line
            for line in lines
            if line
            and not any("%" in w.text for w in line)
            and all(low <= w.middle <= high for w in line)
        ]
    )
    for line in candidates:
        groups = _groups(line, centres)
        if not all(groups) or not all(
            _centred(g, x, spacing) for g, x in zip(groups, centres, strict=True)
        ):
            continue
        height = max(w.bottom - w.top for w in line)
        top = min(w.top for w in line)
        for other in candidates:
            if other is line or abs(min(w.top for w in other) - top) > _WRAP_LINES * height:
                continue
            extra = _groups(other, centres)
            if all(not g or _centred(g, x, spacing) for g, x in zip(extra, centres, strict=True)):
                for group, more in zip(groups, extra, strict=True):
                    group.extend(more)
        names = [
            " ".join(w.text for w in sorted(g, key=lambda w: (round(w.top), w.left)))
            for g in groups
        ]
        return names, {w for g in groups for w in g}
    return None


def find_columns(lines: Sequence[Sequence[PdfWord]]) -> ColumnChart | None:
    """The column chart the words of a chart's lines make, or None."""
    # the bars' values from the value cells alone: the other words' boxes are read only
    # where there are bars
    values = cells_to_values(
        words_to_cells([w for line in lines for w in words_matching(line, CELL)])
    )
    if values is None:
        return None
    words = [w for line in lines for w in line]
    centres = [v.middle for v in values]
    found = lines_to_categories(lines, centres)
    if found is None:
        return None
    names, used = found
    parts = cell_parts(words, values)
    return ColumnChart(
        tuple(zip(names, (v.text for v in values), strict=True)), frozenset(used | parts)
    )
