"""Care Review special poll reports (WWCSC, 2021-): a title, an intro that says when the poll
was open and how many took part, then one section per question: a heading (usually the question
itself), a sentence saying what was asked "(see Figure N)", a bare "Fig N." marker where the
chart was, and prose giving the shares, with respondents' comments as quoted paragraphs.

The general reader reads all of it; the profile only names the series."""

from __future__ import annotations

import regex

from extract import patterns
from extract.document import Document
from extract.draft import Draft
from extract.layout import FIGURE_WORD, FIGURE_WORD_HEADS
from extract.profiles import count_line_matches

NAME = "special_poll"

_SPECIAL_SERIES = patterns.compile(r"series\s+of\s+special\s+polls", regex.IGNORECASE)
_POLL_TITLE = patterns.compile(r"Polling\s+Results\s+Report", regex.IGNORECASE)
# "Source:/Base:" blocks belong to the captioned format.
_BASE_LINE = patterns.compile(r"^\s*Base\s*:", regex.MULTILINE)
# "Fig 3." alone on its line, where the chart was.
_BARE_MARKER = patterns.compile(
    rf"^[ \t]*{FIGURE_WORD}[ \t]*\d{{1,3}}[ \t]*[.:]?[ \t]*$", regex.MULTILINE | regex.IGNORECASE
)


def detect(text: str) -> float:
    """Bare figure markers ("Fig 3.") under question headings, in a special-poll report."""
    markers = count_line_matches(_BARE_MARKER, text, FIGURE_WORD_HEADS, 2)
    score = 0.0
    if markers >= 2:
        score += 0.5
    if _SPECIAL_SERIES.search(text):
        score += 0.3
    if _POLL_TITLE.search(text[:500]):
        score += 0.2
    if count_line_matches(_BASE_LINE, text, ["base"], 2) >= 2:
        score -= 0.6
    return max(0.0, score)  # a score is 0-1: "Base:" lines alone must not make it negative


def refine(doc: Document, draft: Draft) -> Draft:
    return draft
