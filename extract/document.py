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
class TableCell:
    """One cell of a table with words in it: its text, where it stands in the document's text,
    and which columns of the table's lattice it covers (a wrapped header spanning two)."""

    text: str
    start: int
    end: int
    column: int
    columns: int = 1


@dataclass(frozen=True)
class Table:
    """A table found by a loader (a PDF's ruled table): rows of cells, top down, each row's
    cells left to right, handed on as structure so that no reader parses its text back."""

    page: int
    start: int
    end: int
    columns: int
    rows: tuple[tuple[TableCell, ...], ...] = ()

    def shifted(self, offset: int) -> Table:
        """The same table with offsets counted from `offset` further on; each cell built
        directly, not through `dataclasses.replace`, which costs several constructor calls."""
        return Table(
            self.page,
            self.start + offset,
            self.end + offset,
            self.columns,
            tuple(
                tuple(
                    TableCell(c.text, c.start + offset, c.end + offset, c.column, c.columns)
                    for c in row
                )
                for row in self.rows
            ),
        )


@dataclass(frozen=True)
class Heading:
    """A line a loader knows to be a heading (a PDF's larger or bold type): its offsets in the
    text and its level, handed on as structure rather than written into the text as a marker."""

    start: int
    end: int
    level: int = 2


@dataclass(frozen=True)
class Document:
    """Loaded text plus what is needed to turn an offset into a `Span`.

    `page_starts` holds the offset at which each page begins (empty for text input); `charts`
    the charts the loader found, in text order, `tables` its tables; `headings` the lines it
    knows to be headings; `markdown` says the text is Markdown, whose structure a Markdown
    parser finds.
    """

    text: str
    page_starts: tuple[int, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    markdown: bool = False
    headings: tuple[Heading, ...] = ()
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = (0, *(m.end() for m in re.finditer("\n", self.text)))
        object.__setattr__(self, "line_starts", starts)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """The layout: headings, questions, notes, captions, list items, tables, paragraphs."""
        from extract.layout import Given, text_to_blocks
        from extract.tables import with_tables

        given = Given(
            headings={h.start: h.level for h in self.headings},
            chart_lines=frozenset(self._chart_lines()),
        )
        blocks = text_to_blocks(
            self.text, markdown=self.markdown, paged=bool(self.page_starts), given=given
        )
        return with_tables(blocks, self.tables)

    def _chart_lines(self) -> list[int]:
        """Where each chart's first and last lines start: the boundaries `extract text` shows
        around its labels and values."""
        starts = []
        for chart in self.charts:
            starts.append(chart.start)
            starts.append(self.text.rfind("\n", chart.start, chart.end) + 1 or chart.start)
        return starts

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.line_starts, start)
        page = bisect.bisect_right(self.page_starts, start) if self.page_starts else None
        return Span(start=start, end=end, line=line, page=page)
