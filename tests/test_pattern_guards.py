"""The guards that make the scans fast change no match.

A scan of a whole text tries its pattern at every position; a guard at its head (a look-ahead
for the digit, number word or keyword every alternative starts with) lets the engine pass over
the other positions at once. A guard is right only when every alternative after it implies it,
so each pattern here is compared with the same pattern under its earlier guard (a first letter,
or none) on texts made of the tokens the alternatives read: number words in any case, digits
with their separators, fractions, shares, counts, bases and dates, and the Unicode letters that
case-insensitive matching takes for ASCII ones (the long s of "ſix", the Kelvin sign).
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import questions, report_fields
from extract.fields import bases, dates, numbers, percentages

TOKENS = [
    *("0", "5", "12", "40", "100", "1,237", "3.5", "2021", "9th", "1st", "26", "06", "04", "22"),
    *("one", "Two", "THREE", "four", "five", "ſix", "seven", "eight", "nine", "ten", "eleven"),
    *("twelve", "Thirteen", "nineteen", "twenty", "Sixty-", "sixty", "ninety", "zero", "none"),
    *("half", "a half", "a third", "two thirds", "two-thirds", "a quarter", "one fifth", "tenth"),
    *("%", "per cent", "percent", "pc", "in", "out of", "of the", "of", "them", "had", "said"),
    *("respondents", "people", "staff", "social workers", "participants", "responses", "free"),
    *("text", "free-text", "responded", "to our request", "were", "invited", "answered"),
    *("Base:", "Base =", "All", "n=", "n =", "Total", "Totals:", "T ot als:", "Answered:"),
    *("Number of responses:", "this question", "meaning the total is", "so the total was"),
    *("leaving the total of", "all", "provided", "responses from all", "between", "the"),
    *("and", "to", "until", "July", "Feb.", "September", "May", "-", "–", "/", ".", ",", ":"),
    *("(", ")", "\n", "  ", "Kelvin", "K", "some", "about", "nearly", "over", "just under"),
    *("more than", "in excess of", "up to", "c.", "circa", "upwards of", "an estimated", "at"),
    *("surveyed", "took part", "participated", "completed by", "in total", "sample size was"),
    *("a total of", "sent to", "were invited", "nurses", "members", "polled", "interviews"),
]
SEPARATORS = ["", " ", " ", " ", "\n", "-"]

text_strategy = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=40
).map(lambda parts: "".join(token + sep for token, sep in parts))


def _earlier(pattern: regex.Pattern[str], guard: str, earlier: str) -> regex.Pattern[str]:
    assert guard in pattern.pattern, "the guard this test names is no longer in the pattern"
    return regex.compile(pattern.pattern.replace(guard, earlier), pattern.flags)


GUARDED = [
    pytest.param(
        percentages._PERCENT,
        rf"\b(?={numbers.NUMBER_START}|{percentages._FRACTION})",
        r"(?<!\w)(?=[\dhHaAoOtTeEfFnNsSzZ])",
        id="percentages",
    ),
    pytest.param(
        numbers._PEOPLE,
        rf"(?=\(|{numbers.NUMBER_START})",
        r"(?=[\d(eEfFnNoOsStTzZ])",
        id="people-counts",
    ),
    pytest.param(
        questions._FREE_TEXT_COUNT,
        rf"\b(?=of\b|{numbers.NUMBER_START})",
        r"(?<!\w)(?=[\doOeEfFnNsStTzZ])",
        id="free-text-counts",
    ),
    pytest.param(
        bases._BASE,
        r"(?=base|\d|answered|t\s?o|number|n\s?=|meaning|so|leaving|all|responses)",
        "",
        id="bases",
    ),
    pytest.param(
        dates._RANGE, r"(?<![\w])(?=\d|between\s|the\s+\d)", r"(?<![\w])(?=[\dbBtT])", id="ranges"
    ),
    pytest.param(
        dates._SINGLE, r"(?<![\w])(?=\d|the\s+\d)", r"(?<![\w])(?=[\dtT])", id="written-dates"
    ),
    pytest.param(dates._NUMERIC, r"(?=\d)(?<![\w./])", r"(?<![\w./])", id="numeric-dates"),
    pytest.param(report_fields._RESPONDENTS, f"(?={report_fields._N_START})", "", id="respondents"),
    pytest.param(report_fields._INVITED, f"(?={report_fields._N_START})", "", id="invited"),
]


def matches(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "guard", "earlier"), GUARDED)
@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=text_strategy)
def test_a_guard_changes_no_match(
    pattern: regex.Pattern[str], guard: str, earlier: str, text: str
) -> None:
    assert matches(pattern, text) == matches(_earlier(pattern, guard, earlier), text)


@pytest.mark.parametrize(
    ("pattern", "text", "count"),
    [
        (percentages._PERCENT, "Sixty- five per cent, ſix percent and a quarter of respondents", 3),
        (numbers._PEOPLE, "Twenty one practitioners, (33) and 8 out of 11 staff", 3),
        (questions._FREE_TEXT_COUNT, "of the 12 responses, and 40 free-text responses", 2),
        (bases._BASE, "Base: 135 Social Workers; T ot als: 266; n=212; so the total was 153", 4),
        (dates._RANGE, "between the 9th and 14th July 2021", 1),
        (dates._SINGLE, "the 10 February 2021", 1),
        (dates._NUMERIC, "on 06/04/22 and 9.2.2018", 2),
        (report_fields._RESPONDENTS, "more than 400 nurses took part; 76 responses in total", 2),
        (report_fields._INVITED, "sent to 1237 social workers; 90 members were invited", 2),
    ],
)
def test_each_guarded_pattern_still_finds_its_phrasings(
    pattern: regex.Pattern[str], text: str, count: int
) -> None:
    """The comparison above is not between two patterns that find nothing."""
    assert len(list(pattern.finditer(text))) == count
