"""The text the parsers see, and how offsets in it map to lines and pages."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extract.models import Span


@dataclass(frozen=True)
class Document:
    """Loaded text plus what is needed to turn an offset into a `Span`.

    `page_starts` holds the offset at which each page begins (empty for text input).
    """

    text: str
    page_starts: tuple[int, ...] = ()
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = (0, *(m.end() for m in re.finditer("\n", self.text)))
        object.__setattr__(self, "line_starts", starts)

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.line_starts, start)
        page = bisect.bisect_right(self.page_starts, start) if self.page_starts else None
        return Span(start=start, end=end, line=line, page=page)
