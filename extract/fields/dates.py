"""Dates and ranges, read day first (UK reports) and never completed by guessing.

A part the text does not state stays unknown: "18 Jan - 1 Feb" has no year, and the caller may
only supply one that the surrounding text states.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from extract.fields import Found

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

# One written date: "10 February 2021", "9th July", "July 2021" is not a day and is left out.
_WRITTEN = rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?"

_RANGE = regex.compile(
    rf"""
    (?<![\w])(?=[\dbBtT])                              # cheap guard: "between", "the", a digit
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
_SINGLE = regex.compile(rf"(?<![\w])(?=[\dtT]){_WRITTEN}(?![\w])", regex.IGNORECASE)
# 06/04/22, 09.02.18, 6/4/2022: day, month, year.
_NUMERIC = regex.compile(
    r"(?<![\w./])(?P<day>0?[1-9]|[12]\d|3[01])(?P<sep>[./])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\w./])"
)


@dataclass(frozen=True)
class DateFound(Found):
    date: dt.date | None


@dataclass(frozen=True)
class RangeFound(Found):
    start_date: dt.date | None
    end_date: dt.date | None


def _day(raw: str) -> int:
    return int(regex.sub(r"\D", "", raw))


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


def find_date_ranges(text: str) -> list[RangeFound]:
    """Ranges such as "between the 9th and 14th July 2021"; a missing start month or year is
    the end's, a missing year overall stays None."""
    found = []
    for m in _RANGE.finditer(text):
        end_month = MONTHS[m.group("m2").lower()]
        start_month = MONTHS[m.group("m1").lower()] if m.group("m1") else end_month
        end_year = int(m.group("y2")) if m.group("y2") else None
        start_year = int(m.group("y1")) if m.group("y1") else end_year
        if start_year is not None and start_month > end_month and not m.group("y1"):
            start_year -= 1  # "between 18 December and 5 January 2022" starts in 2021
        found.append(
            RangeFound(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                rule="range",
                start_date=_make(start_year, start_month, _day(m.group("d1"))),
                end_date=_make(end_year, end_month, _day(m.group("d2"))),
            )
        )
    return found


def find_dates(text: str) -> list[DateFound]:
    """Single dates, written ("10 February 2021") or numeric day first ("06/04/22")."""
    found = []
    for m in _SINGLE.finditer(text):
        year = int(m.group("year")) if m.group("year") else None
        date = _make(year, MONTHS[m.group("month").lower()], _day(m.group("day")))
        found.append(DateFound(m.start(), m.end(), m.group(0), "written", date))
    for m in _NUMERIC.finditer(text):
        date = _make(_two_digit_year(m.group("year")), int(m.group("month")), int(m.group("day")))
        if date is not None:
            found.append(DateFound(m.start(), m.end(), m.group(0), "numeric", date))
    return sorted(found, key=lambda d: d.start)


def with_year(found: RangeFound, year: int) -> RangeFound:
    """The same range with a year the surrounding text states (never today's)."""
    if found.end_date is not None:
        return found
    probe = find_date_ranges(f"{found.text} {year}")
    return RangeFound(
        found.start, found.end, found.text, found.rule, probe[0].start_date, probe[0].end_date
    )
