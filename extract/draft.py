"""What a format (or the general reader) parses out of a document, before the pipeline adds
the record's id, source and format. Its own module so that the shared engine (sectioned.py)
and the formats both import it without a cycle."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.models import (
    Author,
    Count,
    DateRange,
    DateValue,
    Question,
    Quote,
    ReportWarning,
    Series,
    Statistic,
    TextItem,
)


@dataclass
class Draft:
    """What a format parses out of a document; the pipeline adds id, source and format."""

    title: str | None = None
    standfirst: str | None = None
    publisher: str | None = None
    authors: list[Author] = field(default_factory=list)
    published: DateValue | None = None
    fieldwork: DateRange | None = None
    series: Series | None = None
    respondents: Count | None = None
    respondents_approx: Count | None = None
    invited: Count | None = None
    questions: list[Question] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    statements: list[Quote] = field(default_factory=list)
    findings: list[TextItem] = field(default_factory=list)
    appendices: list[TextItem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)
