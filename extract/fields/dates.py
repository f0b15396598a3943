"""Dates and ranges, read day first (UK reports) and never completed by guessing.

A part the text does not state stays unknown: "18 Jan - 1 Feb" has no year, and the caller may
only supply one that the surrounding text states. A month written as a word says which number is
the day, so "Oct 14, 2019" and "March 03-05, 2022" are read month first; in digits, month first
only where the first number cannot be a month's day-first reading ("11/18/2019"), and ISO dates
("2023-05-04") as ISO.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.starts import (
    digit_starts,
    document_folded,
    matches_at,
    per_document,
    word_starts_of,
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_WORD = rf"(?:{_MONTH})\.?"
"""A month's name or its abbreviation ("September", "Sept."), for the patterns of other
readers (match it case-insensitively)."""
_DAY = r"(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# One written date: "10 February 2021", "9th July", "July 2021" is not a day and is left out.
_WRITTEN = rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?"

_RANGE = patterns.compile(
    rf"""
    (?<![\w])(?=\d|between\s|the\s+\d)                 # cheap guard: "between", "the 9th", a digit
    (?:between\s+)?
    (?P<d1>{_DAY})                                        # 9th | the 26 | 18th
    (?:\s+(?P<m1>{_MONTH})\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?)?   # optional month/year of start
    \s*(?:-|–|to|and|until)\s*
    (?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\.?
    (?:,?\s+(?P<y2>(?:19|20)\d\d))?
    (?![\w])
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_SINGLE = patterns.compile(rf"(?<![\w])(?=\d|the\s+\d){_WRITTEN}(?![\w])", regex.IGNORECASE)
_BARE_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?:19|20)\d\d(?![\w])"
# Month first, in words: "Oct 14, 2019", "June 06, 2022", "May 5th".
_MONTH_FIRST = patterns.compile(
    rf"(?<![\w])(?P<month>{_MONTH})\.?\s+(?P<day>{_BARE_DAY})(?:,?\s+(?P<year>{_YEAR}))?",
    regex.IGNORECASE,
)
# Month-first ranges: "March 03-05, 2022", "October 12th – 13th 2016", "March 2 and March 9,
# 2022", "March 14th, 2021 and April 2nd, 2021", "May 3rd to June 4th, 2022".
_RANGE_MONTH_FIRST = patterns.compile(
    rf"""
    (?<![\w])(?:(?:between|from)\s+)?
    (?P<m1>{_MONTH})\.?\s+(?P<d1>{_BARE_DAY})(?:,?\s+(?P<y1>{_YEAR}))?
    \s*(?:-|–|—|to|and|until|through)\s*
    (?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>{_BARE_DAY})(?:,?\s+(?P<y2>{_YEAR}))?
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_ISO = r"(?P<{0}y>(?:19|20)\d\d)-(?P<{0}m>0[1-9]|1[0-2])-(?P<{0}d>0[1-9]|[12]\d|3[01])"
# 2023-05-04, not inside a path or a longer run of digits ("/2023-05-04/", "2023-05-041").
_ISO_DATE = patterns.compile(rf"(?<![\w/.-]){_ISO.format('')}(?![\w/-])")
_ISO_RANGE = patterns.compile(
    rf"(?<![\w/.-])(?:(?:between|from)\s+)?{_ISO.format('a')}\s*(?:-|–|—|to|and|until)\s*"
    rf"{_ISO.format('b')}(?![\w/-])",
    regex.IGNORECASE,
)
# 06/04/22, 09.02.18, 6/4/2022: day, month, year. The look-ahead for a digit comes first: a
# pattern that starts with it is scanned for digits at C speed (ten times faster here).
_NUMERIC = patterns.compile(
    r"(?=\d)(?<![\w./])(?P<day>0?[1-9]|[12]\d|3[01])(?P<sep>[./])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\w./])"
)
# 11/18/2019: month first, read only when the second number cannot be a month.
_NUMERIC_MONTH_FIRST = patterns.compile(
    r"(?<![\w./])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>\d{4})(?![\w./])"
)


@dataclass(frozen=True)
class DateFound(Found):
    date: dt.date | None


@dataclass(frozen=True)
class RangeFound(Found):
    start_date: dt.date | None
    end_date: dt.date | None


_F = TypeVar("_F", bound=Found)


_NOT_DIGIT = patterns.compile(r"\D")


def _day(raw: str) -> int:
    return int(_NOT_DIGIT.sub("", raw))


def _make(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(raw: str) -> int:
    # Reports in scope are from this century; a two-digit year is 20YY.
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _written_range(m: regex.Match[str], rule: str) -> RangeFound:
    """A range from a match with d1/m1/y1 and d2/m2/y2: a missing start month or year is the
    end's (and a missing end month the start's), a missing year overall stays None."""
    end_month = MONTHS[(m.group("m2") or m.group("m1")).lower()]
    start_month = MONTHS[m.group("m1").lower()] if m.group("m1") else end_month
    end_year = int(m.group("y2")) if m.group("y2") else None
    start_year = int(m.group("y1")) if m.group("y1") else end_year
    if end_year is None and rule == "month_first_range" and m.group("y1"):
        end_year = start_year  # "March 2, 2022 to 9" cannot end in another year
    if start_year is not None and start_month > end_month and not m.group("y1"):
        start_year -= 1  # "between 18 December and 5 January 2022" starts in 2021
    return RangeFound(
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        rule=rule,
        start_date=_make(start_year, start_month, _day(m.group("d1"))),
        end_date=_make(end_year, end_month, _day(m.group("d2"))),
    )


def _iso_range(m: regex.Match[str]) -> RangeFound:
    start = _make(int(m.group("ay")), int(m.group("am")), int(m.group("ad")))
    end = _make(int(m.group("by")), int(m.group("bm")), int(m.group("bd")))
    return RangeFound(m.start(), m.end(), m.group(0), "iso_range", start, end)


def _without_overlaps(found: list[_F]) -> list[_F]:
    """In text order; of two matches over the same words the one that starts first (the
    longer at the same start) is kept."""
    kept: list[_F] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return kept


class _Starts(NamedTuple):
    """Where the date patterns may match in a text, by what they open with (each sorted)."""

    digits: tuple[int, ...]
    the: list[int]
    between_from: list[int]
    months: list[int]

    def of(self, *kinds: Sequence[int]) -> tuple[int, ...]:
        """The offsets of the `kinds` a pattern may open with, in order."""
        return tuple(sorted(offset for kind in kinds for offset in kind))


# Every month's name opens with its three-letter abbreviation.
_MONTH_HEADS = sorted({month[:3] for month in MONTHS})


@per_document
def _starts(text: str) -> _Starts:
    """The offsets the date patterns are tried at: each opens, after no word character, with a
    digit, "the", "between", "from" or a month, found once by `str.find` where the engine
    tried each pattern at every character of the text (1-5 MB/s)."""
    folded_text = document_folded(text)
    return _Starts(
        digits=digit_starts(text),
        the=word_starts_of(text, folded_text, ["the"]),
        between_from=word_starts_of(text, folded_text, ["between", "from"]),
        months=word_starts_of(text, folded_text, _MONTH_HEADS),
    )


# A month and year with no day ("in March 2024"): a date too, which the record holds or names.
_MONTH_YEAR = patterns.compile(rf"\b{MONTH_WORD}\s+(?:19|20)\d\d\b", regex.IGNORECASE)


def find_month_years(text: str) -> Iterator[regex.Match[str]]:
    """Each month and year with no day in `text`, tried only where a month opens a word."""
    starts = _starts(text)
    return matches_at(_MONTH_YEAR, text, 0, starts.of(starts.months))


def find_date_ranges(text: str) -> list[RangeFound]:
    """Ranges such as "between the 9th and 14th July 2021", "March 03-05, 2022" or
    "2023-05-03 to 2023-05-05"; a missing start month or year is the end's, a missing year
    overall stays None."""
    starts = _starts(text)
    found = [
        _written_range(m, "range")
        for m in matches_at(
            _RANGE, text, 0, starts.of(starts.digits, starts.the, starts.between_from)
        )
    ]
    found += [
        _written_range(m, "month_first_range")
        for m in matches_at(
            _RANGE_MONTH_FIRST, text, 0, starts.of(starts.between_from, starts.months)
        )
    ]
    found += [
        _iso_range(m)
        for m in matches_at(_ISO_RANGE, text, 0, starts.of(starts.between_from, starts.digits))
    ]
    return _without_overlaps(found)


@per_document
def date_ranges_in(text: str) -> tuple[RangeFound, ...]:
    """`find_date_ranges` of a whole document, read once for every reader of it (the fieldwork
    and the check for dates the record leaves out)."""
    return tuple(find_date_ranges(text))


def find_dates(text: str) -> list[DateFound]:
    """Single dates, written ("10 February 2021") or numeric day first ("06/04/22")."""
    starts = _starts(text)
    found = []
    for m in matches_at(_SINGLE, text, 0, starts.of(starts.digits, starts.the)):
        year = int(m.group("year")) if m.group("year") else None
        date = _make(year, MONTHS[m.group("month").lower()], _day(m.group("day")))
        found.append(DateFound(m.start(), m.end(), m.group(0), "written", date))
    for m in matches_at(_MONTH_FIRST, text, 0, starts.of(starts.months)):
        year = int(m.group("year")) if m.group("year") else None
        date = _make(year, MONTHS[m.group("month").lower()], _day(m.group("day")))
        found.append(DateFound(m.start(), m.end(), m.group(0), "month_first", date))
    numeric = [(m, "numeric") for m in _NUMERIC.finditer(text)]
    numeric += [(m, "numeric_month_first") for m in _NUMERIC_MONTH_FIRST.finditer(text)]
    for m, rule in numeric:
        date = _make(_two_digit_year(m.group("year")), int(m.group("month")), int(m.group("day")))
        if date is not None:
            found.append(DateFound(m.start(), m.end(), m.group(0), rule, date))
    for m in _ISO_DATE.finditer(text):
        date = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if date is not None:
            found.append(DateFound(m.start(), m.end(), m.group(0), "iso", date))
    return _without_overlaps(found)


def with_year(found: RangeFound, year: int) -> RangeFound:
    """The same range with a year the surrounding text states (never today's)."""
    if found.end_date is not None:
        return found
    probe = find_date_ranges(f"{found.text} {year}")
    return RangeFound(
        found.start, found.end, found.text, found.rule, probe[0].start_date, probe[0].end_date
    )
