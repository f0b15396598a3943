"""The offsets a scan is tried at find what the pattern's own scan finds.

A span of a document (a sentence, a question's prose) is scanned only at the offsets where its
pattern may open, found once for the whole document (`extract.fields.starts`). That is right
only if those offsets hold every offset the pattern matches at in any span, and if a match
tried there is the match the span's own scan finds, even at the span's edges, where a
look-behind, a word boundary or a look-ahead sees less in the span than in the whole text. So
spans are cut at every offset of texts made of the tokens the patterns read (glued to words,
split inside words, in any case, with the Unicode letters case-insensitive matching takes for
ASCII ones), and compared, pattern by pattern.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import kinds, labels, questions, shares
from extract.fields import bases, dates, numbers, percentages, quotes
from extract.fields.bases import find_bases
from extract.fields.numbers import find_people_counts, number_starts
from extract.fields.percentages import find_percentages
from extract.fields.starts import DigitFirst, folded, matches_at, search_at, span_matches
from extract.vocab import families, words
from tests.conftest import BASE_PHRASINGS

RAW = Path(__file__).resolve().parent.parent / "raw"
Starts = Callable[[str], tuple[int, ...]]

TOKENS = [
    *("0", "5", "12", "40", "100", "1,237", "3.5", "x9", "Q1", "٣", "one", "Two", "THREE", "ſix"),
    *("Seventy", "eleven", "NINETEEN", "twenty", "Sixty-", "ninety", "zero", "none", "someone"),
    *("often", "half", "Half", "a half", "a third", "A-quarter", "a\nfifth", "two thirds"),
    *("one tenth", "%", "per cent", "percent", "pc", "in", "out of", "of the", "of", "them"),
    *("had", "said", "respondents", "people", "staff", "participants", "responded", "(", ")"),
    *("(33)", "Kelvin", "K", "İ", "about", "nearly", "over", "just under", "rated it", "-", "."),
    *("between", "from", "the", "them", "July", "Feb.", "SEPTEMBER", "may", "Dec", "decided"),
    *("2021", "9th", "1st", "26", "–", "to", "and", "until", "2023-05-04", "06/04/22", "/"),
    *("Sam Okafor,", "Ann Lee Ray", "nurse on nights", "\n", " \n", "*\n", "\t"),
    *("Base:", "Base =", "All", "n=", "N =", "Total", "T ot als:", "Answered:", "Number of"),
    *("responses:", "answered this question", "meaning the total is", "also the total was"),
    *("leaving", "responses from all", "among", "surveyed", "who took part", "=", ":"),
]
SEPARATORS = ["", " ", "\n", "-", "a", ","]

text_strategy = st.lists(
    st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=30
).map(lambda parts: "".join(token + sep for token, sep in parts))


def _spans(text: str) -> list[tuple[int, int]]:
    """Every span of a short text, and a spread of spans of a long one."""
    if len(text) <= 60:
        return [(s, e) for s in range(len(text) + 1) for e in range(s, len(text) + 1)]
    step = max(1, len(text) // 300)
    return [
        (s, min(len(text), s + width)) for s in range(0, len(text), step) for width in (1, 40, 400)
    ]


def _date_starts(*kinds: str) -> Starts:
    return lambda text: dates._starts(text).of(*(getattr(dates._starts(text), k) for k in kinds))


PATTERNS = [
    pytest.param(numbers._PEOPLE, number_starts, id="people"),
    pytest.param(percentages._PERCENT, percentages._share_starts, id="percentages"),
    pytest.param(dates._RANGE, _date_starts("digits", "the", "between_from"), id="ranges"),
    pytest.param(
        dates._RANGE_MONTH_FIRST, _date_starts("between_from", "months"), id="month-first-ranges"
    ),
    pytest.param(dates._ISO_RANGE, _date_starts("between_from", "digits"), id="iso-ranges"),
    pytest.param(dates._SINGLE, _date_starts("digits", "the"), id="written-dates"),
    pytest.param(dates._MONTH_FIRST, _date_starts("months"), id="month-first-dates"),
    pytest.param(dates._MONTH_YEAR, _date_starts("months"), id="month-years"),
    pytest.param(quotes._SIGNED, quotes._line_starts, id="signatures"),
    pytest.param(bases._BASE, bases._base_starts, id="bases"),
]


def _as_scanned(pattern: regex.Pattern[str], span: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(span)]


# Every span of a text, for every builder: many examples, the same ones at every run.
_SPAN_EXAMPLES = settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _as_tried(
    pattern: regex.Pattern[str], text: str, start: int, end: int, starts: Starts
) -> list[tuple[tuple[int, int], dict]]:
    return [
        (m.span(), m.groupdict()) for m in matches_at(pattern, text[start:end], start, starts(text))
    ]


@pytest.mark.parametrize(("pattern", "starts"), PATTERNS)
@_SPAN_EXAMPLES
@given(text=text_strategy)
def test_every_span_matches_as_its_own_scan(
    pattern: regex.Pattern[str], starts: Starts, text: str
) -> None:
    for start, end in _spans(text):
        assert _as_tried(pattern, text, start, end, starts) == _as_scanned(
            pattern, text[start:end]
        ), (text, start, end)


# The builders whose every head opens a match whatever precedes it but a word character: a
# span cut after white space is tried at its first offset only where one of them stands.
FIELD_PATTERNS = [param for param in PATTERNS if param.id != "signatures"]


@pytest.mark.parametrize(("pattern", "starts"), FIELD_PATTERNS)
@_SPAN_EXAMPLES
@given(text=text_strategy)
def test_every_span_tried_at_a_first_offset_only_after_a_head_matches_as_its_own_scan(
    pattern: regex.Pattern[str], starts: Starts, text: str
) -> None:
    for start, end in _spans(text):
        tried = span_matches(pattern, text, start, end, starts(text))
        assert [(m.span(), m.groupdict()) for m in tried] == _as_scanned(
            pattern, text[start:end]
        ), (text, start, end)


@pytest.mark.parametrize(
    "tried",
    [numbers._PEOPLE_TRIED, percentages._PERCENT_TRIED],
    ids=["people", "percentages"],
)
@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=text_strategy)
def test_a_pattern_tried_at_a_digit_as_its_digit_form_matches_as_itself(
    tried: DigitFirst, text: str
) -> None:
    for at in range(len(text) + 1):
        form, itself = tried.match(text, at), tried.pattern.match(text, at)
        assert (form and (form.span(), form.groupdict())) == (
            itself and (itself.span(), itself.groupdict())
        ), (text, at)


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.txt")))
def test_spans_of_the_references_read_as_slices(name: str) -> None:
    text = (RAW / name).read_text(encoding="utf-8")
    for start, end in _spans(text):
        span = text[start:end]
        assert find_percentages(text, start, end) == find_percentages(span)
        assert find_people_counts(text, start, end) == find_people_counts(span)
        assert find_bases(text, start, end) == find_bases(span)
        for pattern, starts in (param.values for param in PATTERNS):
            assert _as_tried(pattern, text, start, end, starts) == _as_scanned(pattern, span)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=text_strategy)
def test_the_spaced_base_heads_in_the_folded_text_are_where_the_case_blind_scan_finds_them(
    text: str,
) -> None:
    case_blind = regex.compile(bases._SPACED_HEADS.pattern, regex.IGNORECASE)
    assert [m.span() for m in bases._SPACED_HEADS.finditer(folded(text))] == [
        m.span() for m in case_blind.finditer(text)
    ]


def test_folding_keeps_offsets_and_writes_every_ascii_look_alike_as_ascii() -> None:
    """Every character case-insensitive matching takes for an ASCII letter is that letter in
    the folded text, and no character changes the text's length."""
    letters = {
        letter: regex.compile(letter, regex.IGNORECASE) for letter in "abcdefghijklmnopqrstuvwxyz"
    }
    any_letter = regex.compile("[a-z]", regex.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert len(folded(char)) == 1, hex(code)
        if any_letter.match(char):
            matched = [letter for letter, pattern in letters.items() if pattern.match(char)]
            assert [folded(char)] == matched, hex(code)


PHRASINGS = [
    "Sixty- five per cent",
    "ſix percent",
    "four in ten voters",
    "A-quarter of staff",
    "half of them",
    "Twenty one practitioners",
    "8 out of 11",
    "participants chose it (33)",
    "between the 9th and 14th July 2021",
    "the 26 to 28 June",
    "from May 3rd to June 4th, 2022",
    "between 2023-05-03 and 2023-05-05",
    "the 10 February 2021",
    "Oct 14, 2019",
    "In SEPT. 2023 the board met; in may 2024 it met again",
    "so I felt burnt out\n* Sam Okafor, nurse on a night shift *\n",
    *BASE_PHRASINGS,
]


@pytest.mark.parametrize(("pattern", "starts"), PATTERNS)
@pytest.mark.parametrize("phrasing", PHRASINGS)
def test_each_phrasing_is_found_where_its_own_scan_finds_it(
    pattern: regex.Pattern[str], starts: Starts, phrasing: str
) -> None:
    text = f"It said {phrasing}, and (in July) {phrasing.upper()}."
    for start, end in [(0, len(text)), *_spans(phrasing)]:
        assert _as_tried(pattern, text, start, end, starts) == _as_scanned(
            pattern, text[start:end]
        ), (start, end)


@_SPAN_EXAMPLES
@given(text=text_strategy)
def test_a_search_at_the_starts_finds_what_the_search_finds(text: str) -> None:
    pattern = questions._FREE_TEXT_COUNT
    text += " 40 free-text responses, of the 12 responses, nine people responded to our request"
    for start, end in _spans(text):
        tried = search_at(pattern, text, start, end, questions._free_text_count_starts(text))
        searched = pattern.search(text, start, end)
        assert (tried and (tried.span(), tried.groupdict())) == (
            searched and (searched.span(), searched.groupdict())
        ), (text, start, end)


CUES = [
    kinds._MULTI_WORDING,
    kinds._MULTI_QUESTION,
    kinds._SCALE_WORDING,
    kinds._YES_NO_REPORTED,
    kinds._SINGLE_WORDING,
    kinds._SCALE_QUESTION,
    kinds._SINGLE_QUESTION,
    kinds._FREE_TEXT_WORDING,
    shares._VOCABULARY,
    kinds._SCALE_PHRASE,
]
CUE_KEYS = ["multi_choice", "multi_choice_questions", "scale", "yes_no_reported"]
CUE_KEYS += ["single_choice", "scale_questions", "single_choice_questions", "free_text"]
CUE_PHRASES = sorted({p for key in CUE_KEYS for p in words("kinds", key)})
# the answer vocabulary of prose shares, its apostrophes straight and curly
CUE_PHRASES += [*shares._DEGREE_PHRASES, *words("answers", "prose"), "don’t know", "effective X"]
# and the points of the answer scales
CUE_PHRASES += sorted({p for points in families().values() for s in points for p in s})
cue_text = st.lists(
    st.tuples(
        st.sampled_from([*CUE_PHRASES, *(p.upper() for p in CUE_PHRASES), *TOKENS]),
        st.sampled_from(SEPARATORS),
    ),
    max_size=20,
).map(lambda parts: "".join(token + sep for token, sep in parts))


def test_the_first_words_of_the_cues_fold_as_the_engine_matches_them() -> None:
    """A first word in ASCII is found in the folded text wherever the engine matches it."""
    assert all(head.isascii() for cue in CUES for head in cue.heads)
    assert all(word.isascii() for word in [*labels._POINT_HEADS, *labels._POINT_ENDS])


@settings(
    max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=cue_text)
def test_a_cue_is_found_where_its_search_finds_it(text: str) -> None:
    for cue in CUES:
        tried, searched = cue.search(text), cue.pattern.search(text)
        assert (tried and tried.span()) == (searched and searched.span()), text
        assert [m.span() for m in cue.finditer(text)] == [
            m.span() for m in cue.pattern.finditer(text)
        ], text


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.txt")))
def test_cues_in_the_references_are_found_where_their_search_finds_them(name: str) -> None:
    text = (RAW / name).read_text(encoding="utf-8")
    for start, end in _spans(text):
        for cue in CUES:
            tried, searched = cue.search(text[start:end]), cue.pattern.search(text[start:end])
            assert (tried and tried.span()) == (searched and searched.span())
        for cue in CUES:
            assert [m.span() for m in cue.finditer(text)] == [
                m.span() for m in cue.pattern.finditer(text)
            ]


SCALE_PHRASES = sorted({synonym for points in families().values() for s in points for synonym in s})
point_text = st.lists(
    st.tuples(
        st.sampled_from([*SCALE_PHRASES, *(p.upper() for p in SCALE_PHRASES), *TOKENS]),
        st.sampled_from([" ", "  ", "\n", " \t", ",", "", "-"]),
    ),
    max_size=12,
).map(lambda parts: "".join(token + sep for token, sep in parts))


@settings(
    max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=point_text, lead=st.sampled_from(["", "the advice was ", "staff felt either "]))
def test_a_scale_point_is_found_where_its_search_finds_it(text: str, lead: str) -> None:
    """A clause's scale point opening it or closing it is found where the pattern's own search
    finds it, though tried only where a point may open and end (`extract.labels`)."""
    for clause in (lead + text, f"{lead}{text} were very   satisfied \n", f"{text} is {text}"):
        runs = list(labels._NON_SPACE_RUN.finditer(clause))
        tried, searched = labels._last_point(clause, runs), labels._POINT_LAST.search(clause)
        assert (tried and tried.span()) == (searched and searched.span()), clause
        tried, matched = labels._first_point(clause, runs), labels._POINT_FIRST.match(clause)
        assert (tried and tried.span()) == (matched and matched.span()), clause


ZERO_TOKENS = ["none", "NONE", "not", "Not", "was", "were", "chosen", "selected", "picked", "by"]
ZERO_TOKENS += ["any", "of the", "staff", "can", "chose", "said", "daily", "the same", "number"]
ZERO_TOKENS += ["proportion", "listed", "answered", "ſame", "nöne"]
zero_text = st.lists(
    st.tuples(st.sampled_from([*ZERO_TOKENS, *TOKENS]), st.sampled_from([" ", "  ", ".", ","])),
    max_size=20,
).map(lambda parts: "".join(token + sep for token, sep in parts))


ZERO_PHRASINGS = [
    "None of the staff chose daily.",
    "NONE could say it helped,",
    "it was not chosen by any of the members",
    "Weekly WERE NOT SELECTED BY ANY",
    "The same number chose weekly",
    "the SAME proportion listed pay",
]


def _zero_words_stand(text: str) -> bool:
    """Where the patterns match, their words stand (the gate before scanning for them)."""
    words = folded(text)
    zero_ok = not shares._ZERO.search(text) or any(w in words for w in shares._ZERO_WORDS)
    same_ok = not shares._SAME_NUMBER.search(text) or shares._SAME_NUMBER_WORD in words
    return zero_ok and same_ok


@pytest.mark.parametrize("phrasing", ZERO_PHRASINGS)
def test_each_zero_or_same_number_phrasing_holds_its_words(phrasing: str) -> None:
    assert shares._ZERO.search(phrasing) or shares._SAME_NUMBER.search(phrasing)
    assert _zero_words_stand(phrasing)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=zero_text)
def test_the_zero_and_same_number_patterns_match_only_where_their_words_stand(text: str) -> None:
    assert _zero_words_stand(text)


CUE_TOKENS = ["free text", "Free-text", "FREE\ntext", "mentioned", "CITED", "wrote", "of the 12"]
CUE_TOKENS += ["responses", "Selected", "chose", "CHOSEN", "answered", "Answers", "option"]
CUE_TOKENS += ["options", "rated", "ſelected", "cİted", "wrōte", "pre-rated", "answer"]
cue_text = st.lists(
    st.tuples(st.sampled_from([*CUE_TOKENS, *TOKENS]), st.sampled_from([" ", "", ".", "-"])),
    max_size=12,
).map(lambda parts: "".join(token + sep for token, sep in parts))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=cue_text)
def test_the_closed_and_free_text_cues_match_only_where_their_words_stand(text: str) -> None:
    words = folded(text)
    if shares._FREE_TEXT_CUE.search(text):
        assert any(word in words for word in shares._FREE_TEXT_CUE_WORDS), text
    if shares._CLOSED_CUE.search(text):
        assert any(word in words for word in shares._CLOSED_CUE_WORDS), text


def test_a_document_is_built_once_and_a_line_read_alone_does_not_push_it_out() -> None:
    from extract.fields.starts import per_document

    builds: list[str] = []

    @per_document
    def build(text: str) -> int:
        builds.append(text)
        return len(text)

    document, line = "word " * 200, "a line of its own"
    assert build(document) == build(document) == 1000
    assert build(line) == build(line) == len(line)
    assert build(document) == 1000
    assert builds == [document, line, line]  # the document once; a short text each time
