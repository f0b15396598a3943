"""Report-level facts most formats state the same way: fieldwork, respondents, invited, series,
publisher. Each returns a model part with its span, or None when the text does not say."""

from __future__ import annotations

import regex

from extract.document import Document
from extract.fields.dates import DateFound, find_date_ranges
from extract.fields.numbers import NUMBER_PATTERN, PEOPLE_NOUN, number_value
from extract.models import Count, DateRange, DateValue, Series

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

_RESPONDENTS = regex.compile(
    rf"""
      total\s+of\s+(?P<n>{NUMBER_PATTERN})\s+{PEOPLE_NOUN}         # A total of 186 participants
    | of\s+(?:which|whom)\s+(?P<n>{NUMBER_PATTERN})\s+(?:responded|replied|took\s+part)
    | (?P<n>{NUMBER_PATTERN})\s+(?:responses|respondents|replies)\s+in\s+total  # 76 … in total
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_INVITED = regex.compile(
    rf"(?:sent|sent\s+out|issued|distributed)\s+to\s+(?P<n>{NUMBER_PATTERN})\s+(?:\w+\s+)?"
    rf"{PEOPLE_NOUN}",
    regex.VERBOSE | regex.IGNORECASE,
)
_SERIES = regex.compile(
    r"\bthe\s+(?P<ordinal>" + "|".join(ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))\s+in\s+a\s+series"
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:polls|surveys|reports)",
    regex.IGNORECASE,
)
_PUBLISHER = regex.compile(
    r"^(?P<publisher>[A-Z][\w'’ ]{3,80}?)\s+(?:runs|conducts|carries\s+out)\s+"
    r"(?:\w+\s+){0,2}(?:polls|surveys)",
    regex.MULTILINE,
)


def _count(doc: Document, pattern: regex.Pattern[str]) -> Count | None:
    match = pattern.search(doc.text)
    if not match:
        return None
    n = number_value(match.group("n"))
    if n is None:
        return None
    return Count(n=n, text=match.group(0), span=doc.span(match.start(), match.end()))


def date_value(doc: Document, found: DateFound, offset: int = 0) -> DateValue:
    """The date `found` in the text from `offset` on, as the record's value with its span."""
    return DateValue(
        date=found.date, text=found.text, span=doc.span(offset + found.start, offset + found.end)
    )


def find_respondents(doc: Document) -> Count | None:
    return _count(doc, _RESPONDENTS)


def find_invited(doc: Document) -> Count | None:
    return _count(doc, _INVITED)


def find_series(doc: Document) -> Series | None:
    match = _SERIES.search(doc.text)
    if not match:
        return None
    ordinal = match.group("ordinal").lower()
    number = ORDINALS.get(ordinal) or int(regex.sub(r"\D", "", ordinal))
    return Series(number=number, text=match.group(0), span=doc.span(match.start(), match.end()))


def find_fieldwork(doc: Document, start: int = 0, end: int | None = None) -> DateRange | None:
    """The first range with a year in text[start:end]: where reports say when the poll ran."""
    end = len(doc.text) if end is None else end
    for found in find_date_ranges(doc.text[start:end]):
        if found.end_date is not None:
            return DateRange(
                start=found.start_date,
                end=found.end_date,
                text=found.text,
                span=doc.span(start + found.start, start + found.end),
            )
    return None


def find_publisher(doc: Document) -> str | None:
    match = _PUBLISHER.search(doc.text)
    return match.group("publisher").strip() if match else None
