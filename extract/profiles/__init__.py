"""Profiles: what one publisher's series says that the general reader (extract/report.py)
cannot know, such as a date in the title or an article's end. The general reader reads every
document; a profile that claims one adds its own few facts on top.

Adding a profile: a module with NAME, detect(text) -> float (0 = not this series, 1 = sure) and
refine(doc, draft) -> Draft, listed in `registry()`. A profile with nothing of its own to add
only names the series (`refine` returns the draft as it is).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

import regex

from extract import patterns
from extract.fields.starts import document_folded, offsets_of

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


# A line of nothing but white space, as a pattern's `\\s` takes it.
_BLANK = patterns.compile(r"\s*")


def count_line_matches(
    pattern: regex.Pattern[str], text: str, words: Iterable[str], most: int
) -> int:
    """`min(len(pattern.findall(text)), most)` for a MULTILINE pattern opening with `^` whose
    every match holds one of `words` (lower case) after nothing but white space and markers
    on its own line, or after blank lines only: the pattern is tried only at the start of a
    line holding a word and of the blank lines right above it, not at every character of
    the text, and no further than its `most`-th match (a detector's score stops growing
    there)."""
    starts = set()
    for at in offsets_of(document_folded(text), words):
        line = text.rfind("\n", 0, at) + 1
        starts.add(line)
        while line and _BLANK.fullmatch(text, text.rfind("\n", 0, line - 1) + 1, line):
            line = text.rfind("\n", 0, line - 1) + 1
            starts.add(line)
    count = 0
    end = 0
    for start in sorted(starts):
        if count == most:
            break
        match = pattern.match(text, start) if start >= end else None
        if match:
            count += 1
            end = match.end()
    return count


def named(name: str) -> ModuleType | None:
    """The profile called `name`; None for `NO_PROFILE`."""
    if name == NO_PROFILE:
        return None
    found = next((m for m in registry() if name == m.NAME), None)
    if found is None:
        raise ValueError(f"no profile is named {name!r}")
    return found
