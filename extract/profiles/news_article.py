"""News articles about a report, as saved from a sector news site: a headline line, a
standfirst sentence, a date line ("06/04/22"), then one line per paragraph with no blank lines
between, quoting people by role ("…,” one social worker said). The saved page may end with
the site's own furniture (a job ad's salary, "Featured event", "Most popular articles today"),
which is not part of the article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import TypeVar

import regex

from extract import patterns
from extract.document import Document
from extract.draft import Draft
from extract.fields.dates import DateFound, find_dates
from extract.fields.starts import matches_at, offsets_of
from extract.layout import ends_paragraph
from extract.models import Count, DateValue
from extract.report_fields import date_value, find_fieldwork, find_publisher

NAME = "news_article"

_Spanned = TypeVar("_Spanned", Count, DateValue)

# The date line sits among the first lines, under the headline and standfirst.
_HEAD_LINES = 5
# A paragraph line: long enough to be prose rather than a heading or a widget's label.
_PARAGRAPH_WORDS = 12
# A headline is a short line that does not end like a sentence or a lead-in.
_HEADLINE_END = patterns.compile(r"[.:;,]\s*$")
# A quote closed and attributed by role: ",” one social worker said" / ",” said one manager".
_ATTRIBUTED = patterns.compile(
    r"""
    [”"]\s*(?:,\s*)?                # one run of space, not two competing for it
    (?:
        (?:one|another|a|an)\s+(?:[\w’'-]+\s+){1,5}?
        (?:said|told|added|responded|explained|suggested|wrote)\b   # ,” one social worker said
      | (?:said|added|told)\s+(?:one|another|a|an)\s+\w             # ,” said one staff member
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# The site's furniture after the article: these labels open it, whatever follows.
_PAGE_FURNITURE = patterns.compile(
    r"""
    ^\s*(?:
        Featured\s+(?:event|jobs?|content)
      | Most\s+(?:popular|read)\b
      | Sponsored\s+Content
      | Related\s+(?:articles|stories|content)
      | Advertisement
      | Share\s+this\b
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# What every attribution opens with: where `_ATTRIBUTED` is tried.
_QUOTE_CLOSERS = ("”", '"')
_URL = patterns.compile(r"https?://[^\s<>“”\"')\]]+")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its newline, found as they are asked for (detection
    reads only the first few of a long text)."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield start, end
        start = end + 1
    yield start, len(text)


def _content_lines(text: str) -> Iterator[tuple[int, int]]:
    """Lines with words on them, trimmed of surrounding white space."""
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield start + lead, start + lead + len(stripped)


def _date_line(text: str, start: int, end: int) -> DateFound | None:
    """The date when the line holds a date and nothing else."""
    dates = find_dates(text[start:end])
    if len(dates) == 1 and dates[0].text == text[start:end].strip():
        found = dates[0]
        return DateFound(start + found.start, start + found.end, found.text, found.rule, found.date)
    return None


def _is_headline(line: str) -> bool:
    return 3 <= len(line.split()) <= 25 and not _HEADLINE_END.search(line)


def _is_standfirst(line: str) -> bool:
    return 8 <= len(line.split()) <= 60 and ends_paragraph(line)


def _has_head(text: str) -> bool:
    """Headline on the first line, standfirst right under it."""
    lines = [text[s:e] for s, e in islice(_lines(text.lstrip("\n")), 2)]
    return len(lines) == 2 and _is_headline(lines[0].strip()) and _is_standfirst(lines[1].strip())


def _one_line_paragraphs(text: str) -> bool:
    """Prose set one paragraph a line, with no blank line between paragraphs (poll reports
    leave blank lines; reports wrapped at a fixed width end most lines mid-sentence)."""
    lines = text.split("\n")
    shortest = 2 * _PARAGRAPH_WORDS - 1  # words and the spaces between them: no split needed
    long = [
        i
        for i, line in enumerate(lines)
        # words counted only as far as the last one needed: a paragraph line is long
        if len(line) >= shortest and len(line.split(None, _PARAGRAPH_WORDS - 1)) >= _PARAGRAPH_WORDS
    ]
    if len(long) < 5:
        return False
    ending = sum(1 for i in long if ends_paragraph(lines[i]))
    blank_after = sum(1 for i in long if i + 1 < len(lines) and not lines[i + 1].strip())
    return ending >= 0.8 * len(long) and blank_after <= 0.2 * len(long)


def attributions(text: str, most: int) -> int:
    """How many quotes `text` attributes by role, counted up to `most`: tried only where a
    quote closes."""
    quote_marks = sorted(offsets_of(text, _QUOTE_CLOSERS))
    return sum(1 for _ in islice(matches_at(_ATTRIBUTED, text, 0, quote_marks), most))


def detect(text: str) -> float:
    """Headline and standfirst lines, a date line near the top, one-line paragraphs, and
    quotes attributed by role."""
    score = 0.0
    head = islice(_content_lines(text), _HEAD_LINES)
    if any(_date_line(text, start, end) for start, end in head):
        score += 0.3
    if _has_head(text):
        score += 0.2
    if _one_line_paragraphs(text):
        score += 0.25
    attributed = attributions(text, 2)
    if attributed >= 2:
        score += 0.25
    elif attributed == 1:
        score += 0.1
    return round(score, 2)


def article_end(text: str) -> int:
    """Where the article stops: before the page furniture's first label, and before trailing
    lines that are not prose (a salary "£42,403 - £45,441", a widget title) unless they give a
    link ("Read the full report: https://…")."""
    lines = list(_content_lines(text))
    end = len(text)
    for start, _ in lines[1:]:
        if _PAGE_FURNITURE.match(text, start):
            end = start
            break
    kept = [(s, e) for s, e in lines if e <= end]
    while kept:
        start, stop = kept[-1]
        line = text[start:stop]
        if ends_paragraph(line) or _URL.search(line):
            return stop
        kept.pop()
    return end


def find_links(text: str, end: int) -> list[str]:
    """URLs the article gives, in order, without trailing punctuation."""
    links: list[str] = []
    for match in _URL.finditer(text, 0, end):
        url = match.group(0).rstrip(".,;:!?’'")
        if url not in links:
            links.append(url)
    return links


def refine(doc: Document, draft: Draft) -> Draft:
    """The article's own parts: its standfirst and date line, and the facts, questions and
    quotes of the article only, not of the site's furniture saved below it."""
    text = doc.text
    end = article_end(text)
    lines = [(s, e) for s, e in _content_lines(text) if e <= end]
    published = None
    standfirst = None
    for index, (start, stop) in enumerate(lines[:_HEAD_LINES]):
        date = _date_line(text, start, stop)
        if date is not None:
            published = date_value(doc, date)
            break
        if index == 1 and _is_standfirst(text[start:stop]):
            standfirst = text[start:stop]
    return replace(
        draft,
        standfirst=standfirst,
        publisher=find_publisher(Document(text[:end])),
        published=published or _within(draft.published, end),
        fieldwork=find_fieldwork(doc, 0, end),
        respondents=_within(draft.respondents, end),
        respondents_approx=_within(draft.respondents_approx, end),
        invited=_within(draft.invited, end),
        questions=[q for q in draft.questions if q.span.start < end],
        statistics=[s for s in draft.statistics if s.span.end <= end],
        quotes=[q for q in draft.quotes if q.span.end <= end],
        statements=[q for q in draft.statements if q.span.end <= end],
        links=find_links(text, end),
    )


def _within(value: _Spanned | None, end: int) -> _Spanned | None:
    return value if value is not None and value.span.end <= end else None
