"""The text the parsers see, and how offsets in it map to lines and pages."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from extract.models import Span

if TYPE_CHECKING:
    from extract.layout import Block


@dataclass(frozen=True)
class ChartEntry:
    """One bar or slice of a chart: its label and share, and the offsets of its line in the
    text (the text `extract text` prints shows every entry, so each value keeps a span)."""

    label: str
    percent: float
    start: int
    end: int


@dataclass(frozen=True)
class Chart:
    """A chart found by a loader (from a PDF's vector drawing): where its text stands and the
    entries read from it, handed on as structure, never parsed back out of the text."""

    page: int
    start: int
    end: int
    entries: tuple[ChartEntry, ...] = ()
    counts: bool = False
    """Its bare numbers are counts, whatever its axis says: they are not where its bars end
    on its percentage axis (a "% Respondents" chart labelled with numbers of answers)."""


@dataclass(frozen=True)
class Document:
    """Loaded text plus what is needed to turn an offset into a `Span`.

    `page_starts` holds the offset at which each page begins (empty for text input); `charts`
    the charts the loader found, in text order; `markdown` says the text is Markdown, whose
    structure a Markdown parser finds.
    """

    text: str
    page_starts: tuple[int, ...] = ()
    charts: tuple[Chart, ...] = ()
    markdown: bool = False
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = (0, *(m.end() for m in re.finditer("\n", self.text)))
        object.__setattr__(self, "line_starts", starts)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The layout: headings, questions, notes, captions, list items, tables, paragraphs."""
        from extract.layout import text_to_blocks

        return text_to_blocks(self.text, markdown=self.markdown)

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.line_starts, start)
        page = bisect.bisect_right(self.page_starts, start) if self.page_starts else None
        return Span(start=start, end=end, line=line, page=page)
