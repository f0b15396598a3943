"""Fortnightly poll digests (WWCSC, 2021): "Polling results report: <date>" as title and
publication date, "This report covers the period between …" as fieldwork, then questions as
headings ending in "?", some with a lost chart ("Fig.1"), answered in prose and respondents'
quotes; a free-text question's answers are grouped under theme headings."""

from __future__ import annotations

import regex

from extract.document import Document
from extract.draft import Draft
from extract.fields.dates import find_dates
from extract.layout import reads_as_question
from extract.report_fields import date_value, find_fieldwork, find_publisher, find_respondents
from extract.sectioned import RawSection, parse_questions, split_sections
from extract.sections import Block, Heading, as_heading, blocks, plain_heading

NAME = "fortnightly_digest"

_TITLE = regex.compile(
    r"^\s*#*\s*(?:\*\*)?Polling\s+results\s+report\s*:\s*(?P<date>[^\n*]+)", regex.IGNORECASE
)
_PERIOD = regex.compile(r"report\s+covers\s+the\s+period", regex.IGNORECASE)


def detect(text: str) -> float:
    """A "Polling results report: <date>" title and a covered period."""
    first = blocks(text[:2000])
    score = 0.0
    if first and _TITLE.match(first[0].text):
        score += 0.6
    if _PERIOD.search(text[:3000]):
        score += 0.3
    return score


def _question_or_note_heading(block: Block) -> Heading | None:
    """Only questions ("…?", or worded as one without it) and the closing "About …" note open
    sections; other headings stay in the body as themes."""
    heading = as_heading(block)
    if heading and (reads_as_question(heading.title) or heading.title.lower().startswith("about ")):
        return heading
    return None


def _asks(raw: RawSection) -> bool:
    return raw.heading is not None and reads_as_question(raw.heading.title)


def parse(doc: Document) -> Draft:
    first = next(iter(blocks(doc.text)), None)
    title = published = None
    if first:
        title = plain_heading(first.text)
        match = _TITLE.match(first.text)
        if match:
            dates = find_dates(match.group("date"))
            if dates:
                published = date_value(doc, dates[0], first.start + match.start("date"))
    questions, quotes = parse_questions(
        doc, split_sections(doc, _question_or_note_heading), is_question=_asks
    )
    return Draft(
        title=title,
        published=published,
        publisher=find_publisher(doc),
        fieldwork=find_fieldwork(doc),
        respondents=find_respondents(doc),
        questions=questions,
        quotes=quotes,
    )
