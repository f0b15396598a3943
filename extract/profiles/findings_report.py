"""Survey findings reports (PSW Network, 2018): hard-wrapped plain text with numbered sections
("1. Response Numbers:"), an "Executive Summary of Findings:" whose bullets were lost, a
sign-off (the author's name, role and organisation, "(On Behalf of …)" and a dd.mm.yy date)
and the appendices' titles at the end.

The general reader reads its sections, their lists and sub-headings like any other report's;
what is this series' own is read here from the layout's blocks: the summary's findings, the
sign-off and the appendix list."""

from __future__ import annotations

from dataclasses import replace

import regex

from extract import patterns
from extract.document import Document
from extract.draft import Draft
from extract.fields.dates import find_dates
from extract.fields.starts import document_folded
from extract.layout import Block
from extract.models import Author, DateValue, TextItem
from extract.report_fields import date_value

NAME = "findings_report"

# "1. Title", "1) Title", "Section 1: Title", "Part 2 - Title": numbered section headings.
_NUMBERED = patterns.compile(
    r"^\s*(?:(?:Section|Part|Question)\s+)?(?P<number>\d{1,2})\s*[.):–-]\s+"
    r"(?P<title>[A-Z][^\n]{2,80}?)\s*$"
)
_DIGIT = patterns.compile(r"\d")  # what `_NUMBERED` reads a section's number from
_SUMMARY = patterns.compile(r"^\s*Executive\s+Summary\b.*$", regex.IGNORECASE)
_SURVEY_FINDINGS = patterns.compile(r"^\s*Survey\s+Findings\s*(?::\s*)?$", regex.IGNORECASE)
_APPENDIX = patterns.compile(r"^\s*(?P<item>Appendix\s+[A-Z]\s*[-–]\s*\S.*?)\s*$")
_SIGN_OFF_DATE = patterns.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$")
_ON_BEHALF = patterns.compile(r"^\s*\(On\s+Behalf\s+of\s+(?:the\s+)?(?P<org>[^)]+)\)\s*$", regex.I)
_PERSON = patterns.compile(r"^\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,3})\s*$")
# How far above its date the sign-off's name may stand, in blocks.
_SIGN_OFF_BLOCKS = 4


def plain_heading(text: str) -> str:
    """A heading's words without Markdown markers ("## Title", "**Title**")."""
    return text.strip().lstrip("#").strip().strip("*").strip()


def detect(text: str) -> float:
    """Numbered section headings in hard-wrapped text, an executive summary of findings and a
    dd.mm.yy sign-off."""
    lines = text.split("\n")
    # a numbered heading has a digit: most lines have none, and are not stripped to be tried
    numbered = sum(
        1
        for line in map(plain_heading, filter(_DIGIT.search, lines))
        if _NUMBERED.match(line) and len(line.split()) <= 10
    )
    score = 0.0
    if numbered >= 3:
        score += 0.4
    if "executive" in document_folded(text) and any(
        _SUMMARY.match(plain_heading(line)) for line in lines
    ):
        score += 0.3
    if any(_SIGN_OFF_DATE.match(line) for line in lines[-40:]):
        score += 0.2
    return score


def _sign_off(
    blocks: tuple[Block, ...], doc: Document
) -> tuple[list[Author], str | None, DateValue | None]:
    """The author (name, then "role, organisation" under it), the publisher the report is
    signed on behalf of, and the date under them: the last block that is a date alone."""
    index = next(
        (i for i in range(len(blocks) - 1, 0, -1) if _SIGN_OFF_DATE.match(blocks[i].text)), None
    )
    if index is None:
        return [], None, None
    date_block = blocks[index]
    dates = find_dates(date_block.text)
    published = date_value(doc, dates[0], date_block.start) if dates else None
    above = list(blocks[max(0, index - _SIGN_OFF_BLOCKS) : index])
    publisher = None
    if above and (behalf := _ON_BEHALF.match(above[-1].text)):
        publisher = behalf.group("org").strip()
        above = above[:-1]
    for pos, block in enumerate(above):
        person = _PERSON.match(block.text)
        if not person:
            continue
        role = organisation = None
        end = block.end
        if pos + 1 < len(above):
            role_block = above[pos + 1]
            role, _, organisation = role_block.text.strip().partition(", ")
            end = role_block.end
        author = Author(
            name=person.group("name"),
            role=role or None,
            organisation=organisation or None,
            span=doc.span(block.start + person.start("name"), end),
        )
        return [author], publisher, published
    return [], publisher, published


def _findings(blocks: tuple[Block, ...], doc: Document) -> list[TextItem]:
    """The executive summary's findings: each paragraph under its heading (the layout split
    them where a lost bullet left its indent) up to the survey's first section."""
    start = next((i for i, b in enumerate(blocks) if _SUMMARY.match(plain_heading(b.text))), None)
    if start is None:
        return []
    items = []
    for block in blocks[start + 1 :]:
        if block.kind in {"question", "heading"} or _SURVEY_FINDINGS.match(block.text):
            break
        text = " ".join(block.text.split())
        items.append(TextItem(text=text, span=doc.span(block.start, block.end)))
    return items


def _appendices(blocks: tuple[Block, ...], doc: Document) -> list[TextItem]:
    """The appendices the report lists at its end ("Appendix A - …")."""
    items = []
    for block in blocks:
        if match := _APPENDIX.match(block.text):
            start = block.start + match.start("item")
            items.append(
                TextItem(text=match.group("item"), span=doc.span(start, start + len(match["item"])))
            )
    return items


def refine(doc: Document, draft: Draft) -> Draft:
    """The general reader's draft with the report's summary findings, its sign-off (author,
    publisher, date) and its appendices."""
    blocks = doc.blocks
    authors, publisher, published = _sign_off(blocks, doc)
    return replace(
        draft,
        authors=authors,
        publisher=publisher or draft.publisher,
        published=published or draft.published,
        findings=_findings(blocks, doc),
        appendices=_appendices(blocks, doc),
    )
