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
from extract.fields.starts import matches_at
from tests.conftest import BASE_PHRASINGS

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
    *("among", "who", "replied", "responding", "questioned"),
]
SEPARATORS = ["", " ", " ", " ", "\n", "-"]

text_strategy = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=40
).map(lambda parts: "".join(token + sep for token, sep in parts))


def _earlier(pattern: regex.Pattern[str], guard: str, earlier: str) -> regex.Pattern[str]:
    assert guard in pattern.pattern, "the guard this test names is no longer in the pattern"
    return regex.compile(pattern.pattern.replace(guard, earlier), pattern.flags)


# Each pattern, the guard it has now, the guard it had (a first letter, or none), and a phrasing
# for each of its alternatives (a new alternative adds its own: a guard that leaves out the
# word it starts with then fails here on it).
GUARDED = [
    pytest.param(
        percentages._PERCENT,
        rf"\b(?={numbers.NUMBER_START}|{percentages._FRACTION})",
        r"(?<!\w)(?=[\dhHaAoOtTeEfFnNsSzZ])",
        ["90%", "Sixty- five per cent", "ſix percent", "four in ten voters", "a quarter of staff"],
        id="percentages",
    ),
    pytest.param(
        numbers._PEOPLE,
        rf"(?=\(|{numbers.NUMBER_START})",
        r"(?=[\d(eEfFnNoOsStTzZ])",
        ["Twenty one practitioners", "8 out of 11", "participants chose it (33)", "135 responded"],
        id="people-counts",
    ),
    pytest.param(
        questions._FREE_TEXT_COUNT,
        rf"\b(?=of\b|{numbers.NUMBER_START})",
        r"(?<!\w)(?=[\doOeEfFnNsStTzZ])",
        [
            "40 free-text responses",
            "of the 12 responses",
            "nine people responded to our request",
        ],
        id="free-text-counts",
    ),
    pytest.param(
        bases._BASE,
        r"(?=base|\d|answered|t\s?o|number|n\s?=|meaning|so|leaving|all|responses|of|among)",
        "",
        BASE_PHRASINGS,
        id="bases",
    ),
    pytest.param(
        dates._RANGE,
        r"(?<![\w])(?=\d|between\s|the\s+\d)",
        r"(?<![\w])(?=[\dbBtT])",
        ["between the 9th and 14th July 2021", "3-5 May 2023", "the 26 to 28 June"],
        id="ranges",
    ),
    pytest.param(
        dates._SINGLE,
        r"(?<![\w])(?=\d|the\s+\d)",
        r"(?<![\w])(?=[\dtT])",
        ["the 10 February 2021", "9th July"],
        id="written-dates",
    ),
    pytest.param(
        dates._NUMERIC, r"(?=\d)(?<![\w./])", r"(?<![\w./])", ["06/04/22", "9.2.2018"], id="numeric"
    ),
    pytest.param(
        report_fields._RESPONDENTS,
        f"(?={report_fields._N_START})",
        "",
        [
            "the 5,400 union members surveyed",
            "more than 400 nurses took part",
            "76 responses in total",
            "was completed by c. 412 pharmacists",
            "a survey of 1,390 foster carers",
        ],
        id="respondents",
    ),
    pytest.param(
        report_fields._INVITED,
        f"(?={report_fields._N_START})",
        "",
        ["sent to 1237 social workers", "invited 300 members", "about 90 members were invited"],
        id="invited",
    ),
]


def matches(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "guard", "earlier", "phrasings"), GUARDED)
@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=text_strategy)
def test_a_guard_changes_no_match(
    pattern: regex.Pattern[str], guard: str, earlier: str, phrasings: list[str], text: str
) -> None:
    assert matches(pattern, text) == matches(_earlier(pattern, guard, earlier), text)


@pytest.mark.parametrize(("pattern", "guard", "earlier", "phrasings"), GUARDED)
def test_each_alternative_is_found_with_the_guard_as_without(
    pattern: regex.Pattern[str], guard: str, earlier: str, phrasings: list[str]
) -> None:
    unguarded = _earlier(pattern, guard, earlier)
    for phrasing in phrasings:
        found = matches(pattern, phrasing)
        assert found, f"{phrasing!r} is not found at all"
        assert found == matches(unguarded, phrasing), phrasing


@settings(
    max_examples=500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=text_strategy)
def test_a_text_without_an_invitation_word_has_no_invitation(text: str) -> None:
    """`find_invited` reads no further than `_has_invitation_word` when that finds nothing."""
    if report_fields._INVITED.search(text):
        assert report_fields._has_invitation_word(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The survey was sent to 1237 registered social workers", True),
        ("e-mailed to 300 members", True),
        ("Emailed to 300 members", True),
        ("invited 300 members", True),
        ("about 90 members were invited", True),
        ("the 40 members represent 12% of those present", False),  # "sent" inside a word
        ("the results were mailed out", False),
    ],
)
def test_the_invitation_word_is_found_only_at_a_word_start(text: str, word: bool) -> None:
    assert report_fields._has_invitation_word(text) is word
    if not word:
        assert report_fields._INVITED.search(text) is None


DATE_WORDS = [
    *("May", "June", "Nov", "November", "the", "first", "tenth", "between", "and", "to", "of"),
    *("Monday", "Saturday", "published", "updated", "by", "Jane Smith", "spring", "-", ",", "/"),
]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(words=st.lists(st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from([" ", "", "\n"]))))
def test_a_line_without_a_digit_holds_no_date(words: list[tuple[str, str]]) -> None:
    """The title and dateline readers pass over a line with no digit: no date pattern reads one."""
    text = "".join(word + sep for word, sep in words)
    assert dates.find_dates(text) == [] and dates.find_date_ranges(text) == []


# A phrasing of each respondent rule, to try at the offsets the reader tries it at.
RESPONDENT_PHRASINGS = {
    "completed_by": "The questionnaire was completed by 412 pharmacists in March",
    "asked_n": "which questioned 2,310 apprentices",
    "n_surveyed": "the 5,400 union members surveyed",
    "interviews": "We conducted 980 interviews by telephone",
    "interviews_with": "interviews with 310 landlords",
    "sample_size": "The total sample size was 615 midwives",
    "n_size": "N Size: 2044",
    "poll_of": "The poll of 1,850 parents by a pollster",
    "collected_among": "Data collected among 1,120 Welsh adults",
    "in_total": "In total 742 people responded",
    "total_of": "A total of 164 participants",
    "responses_from": "Responses were received from 388 members",
    "based_on": "based on 1,500 interviews",
    "of_which": "of which 121 responded",
    "in_total_after": "88 responses in total",
    "received": "This has fetched 233 responses",
    "took_part": "more than 12,400 developers in 96 countries took part",
    "total_responses": "Total Responses: 157",
    "number_of": "Number of responses: 47",
    "n_total_responses": "318 Total Responses",
    "responses_line": "intro\n  52 responses\n",
    "total_line": "Q1\nTOTAL 87\n",
    "totals": "T ot als: 199",
    "n_equals_line": "Sample\n(N = 1,640) adults",
}


def respondents_at_starts(text: str) -> list[tuple[tuple[int, int], dict]]:
    """The reader's scan: its offsets found a stretch at a time (short stretches here, so that
    they cut the texts), each tried without the phrasings that cannot open there."""
    return [(m.span(), m.groupdict()) for m in report_fields._respondent_scan(text, stretch=16)]


def test_every_respondent_rule_has_a_phrasing_here() -> None:
    assert set(RESPONDENT_PHRASINGS) == {name for name, _, _ in report_fields._RESPONDENT_RULES}


@pytest.mark.parametrize(("rule", "text"), RESPONDENT_PHRASINGS.items())
def test_a_respondent_phrasing_is_found_where_the_reader_tries_it(rule: str, text: str) -> None:
    text = f"As we reported, {text}"  # not at the text's start, which is always tried
    found = respondents_at_starts(text)
    assert found == matches(report_fields._RESPONDENTS, text)
    assert any(groups[rule] is not None for _, groups in found), rule


@settings(
    max_examples=500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=text_strategy)
def test_the_respondent_phrasings_are_found_where_the_reader_tries_them(text: str) -> None:
    assert respondents_at_starts(text) == matches(report_fields._RESPONDENTS, text)


INVITATIONS = [
    "The survey was sent to 940 youth workers",
    "It was distributed to 500 nurses; it was issued to 20 managers",
    "It was e-mailed to about 300 members",
    "Emailed to a total of 300 members",
    "an invitation to 90 members",
    "about 90 members were invited",
    "more than 40 of our staff were invited",
    "40 staff WERE\n INVITED, of whom 12 replied; 9 managers were invited",
    "staff were invited, and 30 members were invited later",
]


def invitations_at_starts(text: str) -> list[tuple[tuple[int, int], dict]]:
    starts = report_fields._invited_starts(text)
    return [(m.span(), m.groupdict()) for m in matches_at(report_fields._INVITED, text, 0, starts)]


@pytest.mark.parametrize("text", INVITATIONS)
def test_an_invitation_is_found_where_the_reader_tries_it(text: str) -> None:
    text = f"As we reported, {text}"  # not at the text's start, which is always tried
    found = invitations_at_starts(text)
    assert found and found == matches(report_fields._INVITED, text)


@settings(
    max_examples=500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=text_strategy)
def test_invitations_are_found_where_the_reader_tries_them(text: str) -> None:
    assert invitations_at_starts(text) == matches(report_fields._INVITED, text)
