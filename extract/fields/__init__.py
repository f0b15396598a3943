"""Field extractors shared by every format: pure functions from text to matches with offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    """A value found in a text, with the offsets of the wording it was read from."""

    start: int
    end: int
    text: str
    rule: str
