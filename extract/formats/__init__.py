"""Report formats: each module holds one format's patterns, `detect()` and `parse()`.

Adding a format: write a module with NAME, detect(text) -> float (0 = not this format, 1 = sure)
and parse(doc) -> Draft, then add it to FORMATS. The generic fallback comes last and always
accepts.
"""

from __future__ import annotations

from types import ModuleType

from extract.draft import Draft

__all__ = ["DETECT_THRESHOLD", "Draft", "detect", "registry"]

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
