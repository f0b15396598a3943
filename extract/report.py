"""The general reader of a whole report: facts, questions and quotes, for any layout. Profiles
(extract/profiles/) add what one publisher's series says that this reader cannot know."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from extract.document import Document
from extract.draft import Draft
from extract.fields.answer_lists import LISTED_RULES, answer_numbers, with_listed_answers
from extract.fields.quotes import QuoteFound, find_quotes
from extract.fields.speakers import find_speaker
from extract.intervals import ByStart
from extract.models import Count, Question, Quote, QuoteKind, Statistic
from extract.reader import read_questions
from extract.report_fields import (
    find_fieldwork,
    find_invited,
    find_published,
    find_publisher,
    find_respondents,
    find_series,
    find_title,
    hedged_respondents,
)


def read_report(doc: Document) -> Draft:
    """Everything the general reader finds in `doc`."""
    quotes = with_listed_answers(doc, find_quotes(doc.text))
    reading = read_questions(doc, quotes)
    respondents, invited = find_respondents(doc), find_invited(doc)
    questions = [_without_report_counts(q, [respondents, invited]) for q in reading.questions]
    questions = _with_numbered_answer_counts(doc, questions)
    respondent_quotes, statements = respondents_and_others(build_quotes(doc, quotes, questions))
    return Draft(
        title=find_title(doc),
        publisher=find_publisher(doc),
        published=find_published(doc),
        fieldwork=find_fieldwork(doc),
        respondents=respondents,
        respondents_approx=None if respondents else hedged_respondents(doc),
        invited=invited,
        series=find_series(doc),
        questions=questions,
        statistics=reading.statistics,
        quotes=respondent_quotes,
        statements=statements,
    )


def _with_numbered_answer_counts(doc: Document, questions: list[Question]) -> list[Question]:
    """A survey tool numbers the open answers it lists under a question ("1 Night-shift nurse
    3/4/2021 …" to "8 …"): numbered 1 to n in turn inside one question's section, the last
    number is how many answered in their own words, when the section states no count itself."""
    numbers = answer_numbers(doc.text)  # in the text's order
    starts = [n.start for n in numbers]
    found = []
    for question in questions:
        span = question.span
        inside = numbers[bisect_left(starts, span.start) : bisect_left(starts, span.end)]
        if (
            question.free_text_responses is None
            and inside
            and [n.n for n in inside] == list(range(1, len(inside) + 1))
        ):
            last = inside[-1]
            count = Count(
                n=last.n, text=doc.text[last.start : last.end], span=doc.span(last.start, last.end)
            )
            question = question.model_copy(update={"free_text_responses": count})
        found.append(question)
    return found


def _without_report_counts(question: Question, counts: list[Count | None]) -> Question:
    """A section repeating how many took part ("All 76 respondents …") states the report's
    count, which the record holds once, as `respondents` or `invited`."""
    spans = [(c.span.start, c.span.end) for c in counts if c is not None]
    kept: list[Statistic] = [
        s
        for s in question.statistics
        if not any(start < s.span.end and s.span.start < end for start, end in spans)
    ]
    if len(kept) == len(question.statistics):
        return question
    return question.model_copy(update={"statistics": kept})


@dataclass(frozen=True)
class _SectionOf:
    """A question keyed by where its section starts, for `ByStart`."""

    start: int
    question: Question


# What a quoted passage the quote finder kept is, as the record says it.
_RECORD_KIND: dict[str, QuoteKind] = {
    "quote": "respondent",
    "statement": "statement",
    "question": "question",
}


def build_quotes(doc: Document, found: list[QuoteFound], questions: list[Question]) -> list[Quote]:
    """Quoted words (not quoted option labels or the report's own terms) with their kind,
    speaker, and the question and theme whose section holds them, in document order."""
    quotes: list[Quote] = []
    # the last speaker named, per kind: a respondent's words never continue a spokesperson's
    speakers: dict[QuoteKind, str | None] = {}
    sections = ByStart(_SectionOf(x.span.start, x) for x in questions)
    theme_starts: dict[str, list[int]] = {}  # by question id: each question's list, made once
    for q in found:
        kind = _RECORD_KIND.get(q.kind)
        if kind is None:
            continue
        # a tool's listed answer is attributed to nobody: the words around it are other answers
        listed = q.rule in LISTED_RULES
        speaker = None if listed else find_speaker(doc.text, q.start, q.end, speakers.get(kind))
        speakers[kind] = speaker
        holder = sections.last_at_or_before(q.start)
        question = holder.question if holder and q.start < holder.question.span.end else None
        theme = None
        if question is not None:  # its themes are in document order, as the reader met them
            starts = theme_starts.setdefault(question.id, [t.span.start for t in question.themes])
            before = bisect_left(starts, q.start)
            theme = question.themes[before - 1].title if before else None
        quotes.append(
            Quote(
                text=q.text,
                kind=kind,
                speaker=speaker,
                question=question.id if question else None,
                theme=theme,
                span=doc.span(q.start, q.end),
            )
        )
    return quotes


def respondents_and_others(quotes: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """The respondents' quotes (`Report.quotes`) and every other quoted passage
    (`Report.statements`)."""
    return (
        [q for q in quotes if q.kind == "respondent"],
        [q for q in quotes if q.kind != "respondent"],
    )
