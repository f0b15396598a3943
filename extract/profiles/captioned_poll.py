"""Poll reports with figure captions and source notes (WWCSC special polls, 2022-): each
question is a heading (marked `###`, `**bold**` or plain), prose with the shares, then a caption
"Figure N: …" and a block "Source: … / Base: 135 Social Workers, / Polled Online, 18 Jan - 1 Feb".
The Base line is the question's base.

The general reader reads all of it; the profile only names the series."""

from __future__ import annotations

import regex

from extract import patterns
from extract.document import Document
from extract.draft import Draft
from extract.layout import FIGURE_WORD, FIGURE_WORD_HEADS
from extract.profiles import count_line_matches

NAME = "captioned_poll"

_BASE_LINE = patterns.compile(r"^\s*Base\s*:\s*\d", regex.MULTILINE | regex.IGNORECASE)
_SOURCE_LINE = patterns.compile(r"^\s*Source\s*:", regex.MULTILINE | regex.IGNORECASE)
# A caption has words on the marker's own line ("Fig. 1: The proportions…"); a bare "Figure 2."
# followed by the next paragraph is a special poll's marker, not a caption.
_CAPTION = patterns.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]+|\*\*)?{FIGURE_WORD}[ \t]*\d+[ \t]*[:.\-–][ \t]*\w",
    regex.MULTILINE | regex.IGNORECASE,
)


def detect(text: str) -> float:
    """ "Base: N" lines in source blocks, and captioned figures; a one-question release has one
    of each."""
    bases = count_line_matches(_BASE_LINE, text, ["base"], 2)
    sources = count_line_matches(_SOURCE_LINE, text, ["source"], 2)
    captions = count_line_matches(_CAPTION, text, FIGURE_WORD_HEADS, 2)
    score = 0.0
    if bases:
        score += 0.4 if bases == 1 else 0.5
    if sources:
        score += 0.1 if sources == 1 else 0.2
    if captions:
        score += 0.2 if captions == 1 else 0.3
    return score


def refine(doc: Document, draft: Draft) -> Draft:
    return draft
