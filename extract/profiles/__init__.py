"""Profiles: what one publisher's series says that the general reader (extract/report.py)
cannot know, such as a date in the title or an article's end. The general reader reads every
document; a profile that claims one adds its own few facts on top.

Adding a profile: a module with NAME, detect(text) -> float (0 = not this series, 1 = sure) and
refine(doc, draft) -> Draft, listed in `registry()`. A profile with nothing of its own to add
only names the series (`refine` returns the draft as it is).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from types import ModuleType

import regex

from extract.layout import line_matches

__all__ = ["DETECT_THRESHOLD", "NO_PROFILE", "count_line_matches", "detect", "named", "registry"]

# Below this score a profile does not claim a document.
DETECT_THRESHOLD = 0.5
# The record's `format` when no profile claims the document.
NO_PROFILE = "generic"


def registry() -> list[ModuleType]:
    """The profiles in the order they are tried."""
    from extract.profiles import (
        captioned_poll,
        findings_report,
        fortnightly_digest,
        news_article,
        special_poll,
    )

    return [captioned_poll, special_poll, fortnightly_digest, news_article, findings_report]


def detect(text: str) -> ModuleType | None:
    """The profile whose detector scores highest above the threshold, else None."""
    scored = [(module.detect(text), index, module) for index, module in enumerate(registry())]
    best = max(scored, key=lambda item: (item[0], -item[1]))
    return best[2] if best[0] >= DETECT_THRESHOLD else None


def count_line_matches(
    pattern: regex.Pattern[str], text: str, words: Iterable[str], most: int
) -> int:
    """`min(len(pattern.findall(text)), most)` for a line pattern `layout.line_matches` can
    try where its words are: a detector's score stops growing at `most` matches."""
    return sum(1 for _ in islice(line_matches(pattern, text, words), most))


def named(name: str) -> ModuleType | None:
    """The profile called `name`; None for `NO_PROFILE`."""
    if name == NO_PROFILE:
        return None
    found = next((m for m in registry() if name == m.NAME), None)
    if found is None:
        raise ValueError(f"no profile is named {name!r}")
    return found
