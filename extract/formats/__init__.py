"""Report formats: each module holds one format's patterns, `detect()` and `parse()`.

Adding a format: write a module with NAME, detect(text) -> float (0 = not this format, 1 = sure)
and parse(doc) -> Draft, then add it to FORMATS. The generic fallback comes last and always
accepts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

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
    invited: Count | None = None
    questions: list[Question] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    findings: list[TextItem] = field(default_factory=list)
    appendices: list[TextItem] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    warnings: list[ReportWarning] = field(default_factory=list)


# Below this score a format does not claim a document.
DETECT_THRESHOLD = 0.5


def registry() -> list[ModuleType]:
    """The formats in the order they are tried; generic last."""
    from extract.formats import (
        captioned_poll,
        findings_report,
        fortnightly_digest,
        generic,
        news_article,
        special_poll,
    )

    return [
        captioned_poll,
        special_poll,
        fortnightly_digest,
        news_article,
        findings_report,
        generic,
    ]


def detect(text: str) -> ModuleType:
    """The format whose detector scores highest above the threshold, else generic."""
    formats = registry()
    scored = [(module.detect(text), index, module) for index, module in enumerate(formats[:-1])]
    best = max(scored, key=lambda item: (item[0], -item[1]), default=None)
    if best is None or best[0] < DETECT_THRESHOLD:
        return formats[-1]
    return best[2]
