"""Offset look-ups that stay fast on long documents (bisect instead of scanning every span)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class HasStart(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=HasStart)


class Coverage:
    """The union of [start, end) ranges, asked whether a range touches it."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(r for r in ranges if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        """[start, end) shares a character with the coverage (a point range: contains it)."""
        index = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        return index >= 0 and self._ends[index] > start


class ByStart(Generic[T]):
    """Items sorted by their start offset, looked up by position."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self._starts = [item.start for item in self.items]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The items that start in [start, end)."""
        lo = bisect.bisect_left(self._starts, start)
        return self.items[lo : bisect.bisect_left(self._starts, end)]

    def last_at_or_before(self, offset: int) -> T | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.items[index] if index >= 0 else None
