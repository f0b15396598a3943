"""Bars on a percentage axis labelled with counts: the labels must not be read as shares.

A chart may plot each answer's share on a "% Respondents" axis and print the number of
answers at the end of each bar ("38" where the bar reaches 44%). The printed numbers are then
counts, though the axis is in percent, and when they happen to add up to about 100 a reader
would take them for shares. The drawing tells them apart: a share printed at a bar's end is
where the bar ends on the axis; a count is not. So:

    scale_to_axis -> bars_to_labels -> labels_are_counts

Only horizontal bars on an axis scale printed under the chart are judged (the scale's ticks
read from their words' boxes); any other chart is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from extract.layout import PERCENT_TICK
from extract.loaders.pdfgrid import COUNT, Box, PdfWord, words_matching

# A bar's label ends this far right of the bar's end at the most (points).
_LABEL_REACH = 30.0
# A bar starts this close (points) to the axis's zero.
_AT_ZERO = 3.0
# Labels that miss their bars' ends by more than this share of the total are not shares.
_MISS = 0.1
_MIN_BARS = 2


class _Line(Protocol):
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Axis:
    """A horizontal percentage axis: where 0% stands and how many points one point takes."""

    zero: float
    per_point: float

    def share(self, x: float) -> float:
        return (x - self.zero) / self.per_point


def scale_to_axis(words: Sequence[PdfWord]) -> Axis | None:
    """The axis a scale's ticks ("0% 20% … 100%") draw, from the first and last tick's
    centres; None when the words are not such ticks (told from their texts alone)."""
    ticks = words_matching(words, PERCENT_TICK)
    if len(ticks) < 3 or len(ticks) != len(words):
        return None
    first, last = ticks[0], ticks[-1]
    x0, v0, x1, v1 = first.middle, float(first.text[:-1]), last.middle, float(last.text[:-1])
    if v1 <= v0 or x1 <= x0:
        return None
    per_point = (x1 - x0) / (v1 - v0)
    return Axis(x0 - v0 * per_point, per_point)


def bars_to_labels(axis: Axis, bars: list[Box], lines: list[_Line]) -> list[tuple[float, float]]:
    """(share the bar reaches on the axis, number printed at its end) for each bar that starts
    at the axis's zero and has a bare number just right of its end on its row."""
    found = []
    for bar in bars:
        if abs(bar.left - axis.zero) > _AT_ZERO or bar.right - bar.left <= bar.bottom - bar.top:
            continue
        middle = (bar.top + bar.bottom) / 2
        beside = [
            line
            for line in lines
            if line.top <= middle <= line.bottom
            and bar.right < line.right <= bar.right + _LABEL_REACH
        ]
        numbers = [line.text.split()[-1] for line in beside]
        numbers = [n for n in numbers if COUNT.match(n)]
        if len(numbers) == 1:
            found.append((axis.share(bar.right), float(numbers[0].replace(",", ""))))
    return found


def labels_are_counts(axis: Axis, bars: list[Box], lines: list[_Line]) -> bool:
    """The numbers printed at the bars' ends are counts: together they miss where the bars
    end on the percentage axis by more than a tenth."""
    labelled = bars_to_labels(axis, bars, lines)
    if len(labelled) < _MIN_BARS:
        return False
    reached = sum(share for share, _ in labelled)
    missed = sum(abs(share - number) for share, number in labelled)
    return reached > 0 and missed > _MISS * reached
