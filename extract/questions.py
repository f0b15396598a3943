"""What a question's section states besides its answers: its base, how many answered in free text,
and the counts of people its prose names."""

from __future__ import annotations

import regex

from extract import patterns
from extract.document import Document
from extract.fields.bases import iter_bases
from extract.fields.numbers import (
    NUMBER_PATTERN,
    NUMBER_START,
    PEOPLE_NOUN,
    find_people_counts,
    number_starts,
    number_value,
)
from extract.fields.starts import document_folded, per_document, search_at, word_starts_of
from extract.layout import sentences
from extract.models import Base, Count, Statistic
from extract.shares import QuoteIndex

_FREE_TEXT_COUNT = patterns.compile(
    rf"""
    \b(?=of\b|{NUMBER_START})                       # cheap guard: "of the 12", or a number
    (?:
      (?P<n>{NUMBER_PATTERN})\s+free[\s-]text\s+responses
    | \bof\s+the\s+(?P<n>\d+)\s+responses\b
    | (?P<n>{NUMBER_PATTERN})\s+{PEOPLE_NOUN}\s+responded\s+to\s+(?:our|the)\s+request
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


@per_document
def _free_text_count_starts(text: str) -> tuple[int, ...]:
    """Every offset `_FREE_TEXT_COUNT` may match at: a number's start or an "of"."""
    return tuple(
        sorted({*number_starts(text), *word_starts_of(text, document_folded(text), ["of"])})
    )


def first_base(doc: Document, ranges: list[tuple[int, int]]) -> Base | None:
    """The first base stated in `ranges`, in order (shared with the general reader)."""
    for start, end in ranges:
        for found in iter_bases(doc.text, start, end):
            return Base(
                n=found.n,
                text=found.text,
                span=doc.span(start + found.start, start + found.end),
                basis="stated",
            )
    return None


def free_text_count(doc: Document, ranges: list[tuple[int, int]]) -> Count | None:
    """How many free-text answers the prose says a question had ("of the 38 free text
    responses")."""
    for start, end in ranges:
        match = search_at(_FREE_TEXT_COUNT, doc.text, start, end, _free_text_count_starts(doc.text))
        if match:
            n = number_value(match.group("n"))
            if n is not None:
                return Count(n=n, text=match.group(0), span=doc.span(match.start(), match.end()))
    return None


def _sentence_around(doc: Document, spans: list[tuple[int, int]], offset: int) -> str:
    """The words of the first sentence in `spans` that holds `offset`, else ""."""
    for s_start, s_end in spans:
        if s_start <= offset < s_end:
            return " ".join(doc.text[s_start:s_end].split())
    return ""


def spans_of(*values: Base | Count | None) -> list[tuple[int, int]]:
    """Where the stated values are, for the counts that must not be read twice."""
    return [(v.span.start, v.span.end) for v in values if v is not None]


def people_counts(
    doc: Document,
    ranges: list[tuple[int, int]],
    quotes: QuoteIndex,
    taken: list[tuple[int, int]],
) -> list[Statistic]:
    """Every count of people in `ranges` ("eight participants", "Two of the respondents") as a
    statistic labelled with its sentence; counts inside `taken` (the base, the free-text count)
    and inside quotes are left out."""
    # the prose's sentences, split once for all its counts' labels, and only for prose that
    # counts people (most states shares alone)
    sentence_spans: list[tuple[int, int]] | None = None
    found: list[Statistic] = []
    for start, end in ranges:
        for count in find_people_counts(doc.text, start, end):
            c_start, c_end = start + count.start, start + count.end
            if any(s <= c_start < e for s, e in taken) or quotes.holds(c_start):
                continue
            if sentence_spans is None:
                sentence_spans = [span for s, e in ranges for span in sentences(doc.text, s, e)]
            found.append(
                Statistic(
                    label=_sentence_around(doc, sentence_spans, c_start),
                    value=count.n,
                    unit="count",
                    of=str(count.of_n) if count.of_n is not None else None,
                    text=count.text,
                    span=doc.span(c_start, c_end),
                )
            )
    return found
