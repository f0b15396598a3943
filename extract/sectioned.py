"""Walking a report that is laid out as headings with prose, figures and quotes beneath them.

Formats decide which blocks are headings, figure markers and source notes; this module turns
that layout into question sections and places quotes. It names no format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from extract.document import Document
from extract.draft import Draft
from extract.fields.quotes import QuoteFound, find_quotes
from extract.fields.speakers import find_speaker
from extract.intervals import ByStart
from extract.layout import FIGURE_WORD
from extract.models import Question, Quote
from extract.questions import Section, build_question
from extract.report_fields import (
    find_fieldwork,
    find_invited,
    find_publisher,
    find_respondents,
    find_series,
)
from extract.sections import (
    Block,
    Heading,
    as_heading,
    blocks,
    figure_number,
    plain_heading,
    sentences,
)
from extract.shares import QuoteIndex

_SOURCE_BLOCK = regex.compile(r"^\s*(?:Source|Base)\s*:", regex.IGNORECASE | regex.MULTILINE)
_ASKED = regex.compile(r"\bwere\s+(?:then\s+)?asked\b", regex.IGNORECASE)
_SEE_FIGURE = regex.compile(rf"(?<!\s)\s*\(see\s+{FIGURE_WORD}\s*\d+\)\s*$", regex.IGNORECASE)


@dataclass
class RawSection:
    heading: Heading | None
    body: list[Block] = field(default_factory=list)


def split_sections(
    doc: Document, heading_of: Callable[[Block], Heading | None] = as_heading
) -> list[RawSection]:
    """Blocks grouped under their headings. A heading that repeats the current one (a chart's
    title left behind in the text) stays in the body instead of opening a new section."""
    result = [RawSection(None)]
    for block in blocks(doc.text):
        heading = heading_of(block)
        current = result[-1].heading
        if heading and not (current and heading.title == current.title):
            result.append(RawSection(heading))
        else:
            result[-1].body.append(block)
    return result


def is_source_block(block: Block) -> bool:
    return bool(_SOURCE_BLOCK.search(block.text))


def _asked_sentence(doc: Document, body: list[Block]) -> tuple[str, int, int] | None:
    """The sentence that says what was asked, for a section whose heading is not a question."""
    for block in body:
        for start, end in sentences(doc.text, block.start, block.end):
            sentence = doc.text[start:end]
            if _ASKED.search(sentence):
                trimmed = _SEE_FIGURE.sub("", sentence.rstrip(". "))
                return trimmed, start, start + len(trimmed)
    return None


def is_whole_quote(block: Block, quotes: ByStart[QuoteFound]) -> bool:
    """A paragraph that is nothing but a quotation."""
    quote = quotes.last_at_or_before(block.start)
    return quote is not None and quote.end >= block.end - 2


def has_figure(raw_section: RawSection) -> bool:
    """The default test for a question section: it holds a figure marker or caption."""
    return any(figure_number(b) is not None for b in raw_section.body)


def question_sections(
    doc: Document,
    raw: list[RawSection],
    quotes: list[QuoteFound],
    is_question: Callable[[RawSection], bool] = has_figure,
) -> list[Section]:
    """Sections that `is_question` accepts become questions; headings left inside their body
    (the format's heading rule did not open a section for them) are the question's themes."""
    found = []
    by_start = ByStart(quotes)
    chart_starts = {chart.start for chart in doc.charts}
    for raw_section in raw:
        if raw_section.heading is None or not is_question(raw_section):
            continue
        heading = raw_section.heading
        figures: list[int] = []
        themes: list[tuple[str, int, int]] = []
        base_ranges: list[tuple[int, int]] = []
        prose: list[tuple[int, int]] = []
        # each block is classed once: figure marker, heading (a theme), source note, or prose
        for b in raw_section.body:
            number, sub_heading, source = figure_number(b), as_heading(b), is_source_block(b)
            if number is not None:
                figures.append(number)
            if sub_heading is not None and sub_heading.title != heading.title:
                themes.append((sub_heading.title, sub_heading.title_start, sub_heading.title_end))
            if source:
                base_ranges.append((b.start, b.end))
            if (
                number is None
                and sub_heading is None
                and not source
                and not is_whole_quote(b, by_start)
                and b.start not in chart_starts
            ):
                prose.append((b.start, b.end))
        wording, w_start, w_end = heading.title, heading.title_start, heading.title_end
        if not wording.endswith("?"):
            asked = _asked_sentence(doc, raw_section.body)
            if asked:
                wording, w_start, w_end = asked
        end = raw_section.body[-1].end if raw_section.body else heading.block.end
        found.append(
            Section(
                wording=wording,
                wording_start=w_start,
                wording_end=w_end,
                start=heading.block.start,
                end=end,
                prose=prose,
                figure=figures[0] if figures else None,
                themes=themes,
                base_ranges=base_ranges,
            )
        )
    return found


@dataclass(frozen=True)
class _SectionOf:
    start: int
    question: Question


def build_quotes(doc: Document, found: list[QuoteFound], questions: list[Question]) -> list[Quote]:
    """Respondent quotes (not quoted option labels) with their speaker and question."""
    quotes: list[Quote] = []
    speaker: str | None = None
    sections = ByStart(_SectionOf(x.span.start, x) for x in questions)
    for q in found:
        if q.kind != "quote":
            continue
        speaker = find_speaker(doc.text, q.start, q.end, speaker)
        holder = sections.last_at_or_before(q.start)
        question = holder.question if holder and q.start < holder.question.span.end else None
        theme = None
        if question is not None:
            theme = next(
                (t.title for t in reversed(question.themes) if t.span.start < q.start), None
            )
        quotes.append(
            Quote(
                text=q.text,
                speaker=speaker,
                question=question.id if question else None,
                theme=theme,
                span=doc.span(q.start, q.end),
            )
        )
    return quotes


def parse_questions(
    doc: Document,
    raw: list[RawSection],
    is_question: Callable[[RawSection], bool] = has_figure,
) -> tuple[list[Question], list[Quote]]:
    """Questions and quotes of a sectioned report."""
    found_quotes = find_quotes(doc.text)
    sections = question_sections(doc, raw, found_quotes, is_question)
    quote_index = QuoteIndex(found_quotes)
    questions = [
        build_question(doc, f"q{i}", section, quote_index)
        for i, section in enumerate(sections, start=1)
    ]
    return questions, build_quotes(doc, found_quotes, questions)


def parse_poll_report(doc: Document) -> Draft:
    """A poll report laid out as title, intro, question sections and an "About" note."""
    title_block = next(iter(blocks(doc.text)), None)
    questions, quotes = parse_questions(doc, split_sections(doc))
    return Draft(
        title=plain_heading(title_block.text) if title_block else None,
        publisher=find_publisher(doc),
        fieldwork=find_fieldwork(doc),
        series=find_series(doc),
        respondents=find_respondents(doc),
        invited=find_invited(doc),
        questions=questions,
        quotes=quotes,
    )
