"""Fortnightly poll digests (WWCSC, 2021): "Polling results report: <date>" as title and
publication date, "This report covers the period between …" as fieldwork, then questions as
headings ending in "?", some with a lost chart ("Fig.1"), answered in prose and respondents'
quotes; a free-text question's answers are grouped under theme headings.

The general reader reads the questions, quotes and themes; the profile adds the publication
date that the series prints in its title."""

from __future__ import annotations

from dataclasses import replace

import regex

from extract import patterns
from extract.document import Document
from extract.draft import Draft
from extract.fields.dates import find_dates
from extract.report_fields import date_value

NAME = "fortnightly_digest"

_TITLE = patterns.compile(
    r"^\s*#*\s*(?:\*\*)?Polling\s+results\s+report\s*:\s*(?P<date>[^\n*]+)", regex.IGNORECASE
)
_PERIOD = patterns.compile(r"report\s+covers\s+the\s+period", regex.IGNORECASE)


def _title_line(text: str) -> tuple[int, regex.Match[str]] | None:
    """Where the first non-blank line starts, and its match, when it is the series' title."""
    first = regex.search(r"\S[^\n]*", text[:2000])
    title = _TITLE.match(first.group(0)) if first else None
    return (first.start(), title) if first and title else None


def detect(text: str) -> float:
    """A "Polling results report: <date>" title and a covered period."""
    score = 0.0
    if _title_line(text):
        score += 0.6
    if _PERIOD.search(text[:3000]):
        score += 0.3
    return score


def refine(doc: Document, draft: Draft) -> Draft:
    """The title's date is when the digest was published."""
    found = _title_line(doc.text)
    if found is None:
        return draft
    line_start, title = found
    dates = find_dates(title.group("date"))
    if not dates:
        return draft
    published = date_value(doc, dates[0], line_start + title.start("date"))
    return replace(draft, published=published)
