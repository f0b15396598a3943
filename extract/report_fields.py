"""Report-level facts most publications state the same way: title, publication date, fieldwork,
respondents, invited, series, publisher. Each returns a model part with its span, or None when
the text does not say; words that are lists (page furniture, hedges, who a sample is made of)
live in extract/vocab/facts.toml.
"""

from __future__ import annotations

import typing
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from extract import patterns
from extract.document import Document
from extract.fields.dates import MONTHS, DateFound, date_ranges_in, find_date_ranges, find_dates
from extract.fields.numbers import (
    NUMBER_PATTERN,
    NUMBER_START,
    PEOPLE_NOUN,
    number_starts,
    number_value,
)
from extract.fields.starts import (
    PhraseSearch,
    document_folded,
    folded,
    matches_at,
    per_document,
    shortest_heads,
    vocabulary_search,
    word_starts_of,
)
from extract.layout import QUESTION_CODE, line_matches, parse_row
from extract.models import Count, DateRange, DateValue, Qualifier, Series
from extract.vocab import alternation, words

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

_FLAGS = regex.VERBOSE | regex.IGNORECASE
_PEOPLE = alternation("facts", "people")
_QUALIFIERS: tuple[Qualifier, ...] = typing.get_args(Qualifier)
_HEDGE_BEFORE = patterns.compile(
    "(?<![\\w-])(?:"
    + "|".join(f"(?P<{q}>{alternation('facts', f'hedge_{q}')})" for q in _QUALIFIERS)
    + ")\\s+$",
    _FLAGS,
)
# A count, not a share: "completed by 40%" is no sample size.
# Atomic: a number, once read, is not read again shorter (a long run of digits would be tried at
# every length, by every phrasing).
# A hedge may stand between a phrasing's verb and its count ("completed by more than 400"):
# read here, so the count is found and then known to be hedged.
_ANY_HEDGE = "|".join(alternation("facts", f"hedge_{q}") for q in _QUALIFIERS)
# What a count starts with, looked for first: a hedge's first word, a digit or a number word.
# Where a word is none of these, the engine leaves it at once instead of trying every hedge and
# every number form; the phrasings that open with a count were half the scan of a text.
_HEDGE_FIRST_WORDS = sorted(
    {h.split()[0] for q in _QUALIFIERS for h in words("facts", f"hedge_{q}")},
    key=lambda w: (-len(w), w),
)
_HEDGE_HEADS = tuple(folded(word) for word in _HEDGE_FIRST_WORDS)  # for str.startswith
_N_START = "|".join([*map(regex.escape, _HEDGE_FIRST_WORDS), NUMBER_START])
_N = (
    rf"(?={_N_START})"
    rf"(?:(?<![\w-])(?:{_ANY_HEDGE})\s+)?"
    rf"(?P<n>(?>{NUMBER_PATTERN}))(?!\s?(?:%|per\s?cent|percent))"
)
_DIGITS = r"(?P<n>(?>\d{1,3}(?:,\d{3})+|\d+))(?![\d,.]\d|\s?%)"
_WORDS = r"(?:[\w’'&+-]+\s+)"  # one word of a noun phrase, with the space after it

# How a publication states its whole sample, each phrasing named for what it reads. Tier 0: the
# first in the text wins; tier 1 holds survey-tool totals, used only when no tier-0 phrasing
# states the sample.
_RESPONDENT_RULES: tuple[tuple[str, int, str], ...] = (
    # "was completed by 412 pharmacists", "answered by 300 members"
    (
        "completed_by",
        0,
        rf"\b(?:completed|answered|filled\s+(?:in|out)|taken)\s+by\s+{_N}(?=\s+\w)",
    ),
    # "which questioned 2,310 apprentices", "interviewed 1,460 Irish adults"
    (
        "asked_n",
        0,
        rf"\b(?:questioned|surveyed|interviewed|polled|canvassed|sampled)\s+"
        rf"(?:a\s+(?:total|sample)\s+of\s+)?{_N}(?=\s+(?!questions?\b|times?\b|items?\b)[\w-])",
    ),
    # "the 5,400 union members surveyed" (not "400 of the members surveyed": a part of them)
    (
        "n_surveyed",
        0,
        rf"{_N}\s+(?!of\b){_WORDS}{{0,3}}?(?:{_PEOPLE})\s+(?:were\s+)?"
        rf"(?:surveyed|polled|questioned|interviewed)\b",
    ),
    # "We conducted 980 interviews by telephone", "interviews with 310 landlords"
    ("interviews", 0, rf"\b(?:conducted|carried\s+out|completed)\s+{_N}\s+(?:\w+\s+)?interviews\b"),
    ("interviews_with", 0, rf"\binterviews\s+with\s+{_N}(?=\s+\w)"),
    # "The total sample size was 615 midwives", "Sample size: 1,000", "N Size: 2044"
    ("sample_size", 0, rf"\bsample(?:\s+size)?\s*(?:was|is|:|=)\s*{_N}(?=\s+\w|\s*$)"),
    ("n_size", 0, rf"\bN[ \t]+Size\s*:\s*{_DIGITS}"),
    # "The poll of 1,850 parents by a pollster", "a survey of 1,390 foster carers"
    (
        "poll_of",
        0,
        rf"\b(?:poll|survey|study|sample|questionnaire|census)\s+of\s+{_N}\s+{_WORDS}{{0,3}}?"
        rf"(?:{_PEOPLE})\b",
    ),
    # "Data collected among 1,120 Welsh adults"
    (
        "collected_among",
        0,
        rf"\b(?:collected|conducted|carried\s+out|fielded)\s+(?:among|amongst|with|from)\s+{_N}(?=\s)",
    ),
    # "In total 742 people responded"
    (
        "in_total",
        0,
        rf"\bIn\s+total,?\s+{_N}\s+{_WORDS}{{0,3}}?(?:responded|replied|took\s+part|participated"
        rf"|completed|answered|were\s+(?:surveyed|interviewed|polled))\b",
    ),
    # "A total of 186 participants", "of which 135 responded", "76 responses in total"
    (
        "total_of",
        0,
        rf"\btotal\s+of\s+{_N}\s+(?:valid\s+|complete\s+)?{_WORDS}{{0,2}}?"
        rf"(?:{PEOPLE_NOUN}|{_PEOPLE})\b",
    ),
    # "Responses were received from 420 members", "based on 1,000 interviews"
    ("responses_from", 0, rf"\bresponses\s+(?:were\s+)?(?:received\s+)?from\s+{_N}(?=\s+\w)"),
    ("based_on", 0, rf"\bbased\s+on\s+{_N}\s+(?:\w+\s+)?(?:interviews|responses|respondents)\b"),
    ("of_which", 0, rf"\bof\s+(?:which|whom)\s+{_N}\s+(?:responded|replied|took\s+part)"),
    ("in_total_after", 0, rf"{_N}\s+(?:responses|respondents|replies)\s+in\s+total"),
    # "This has fetched 233 responses", "the analysis of 205 responses", "collect a total of
    # 96 valid data sets"
    (
        "received",
        0,
        rf"\b(?:analysis\s+of|(?:receiv|fetch|collect|gather|obtain|yield|attract)(?:e|ed)?)\s+"
        rf"(?:a\s+total\s+of\s+)?{_N}\s+(?:valid\s+|completed?\s+|usable\s+|survey\s+|online\s+)?"
        rf"(?:responses|replies|respondents|data\s+sets|questionnaires|submissions)\b",
    ),
    # "12,400 developers in 96 countries took part", "1,310 users … participated in this survey"
    (
        "took_part",
        0,
        rf"{_N}\s+{_WORDS}{{0,5}}?(?:took\s+part|participated|completed\s+the\s+"
        rf"(?:survey|poll|questionnaire)|responded\s+to\s+the\s+(?:survey|poll|questionnaire))\b",
    ),
    # Survey-tool headers: "Total Responses: 157", "Number of responses: 47", "318 Total
    # Responses", "40 responses" on its own line
    ("total_responses", 0, rf"\bTotal\s+(?:Responses|Respondents)\s*:\s*{_DIGITS}"),
    ("number_of", 0, rf"\bNumber\s+of\s+(?:responses|respondents|participants)\s*:\s*{_DIGITS}"),
    ("n_total_responses", 0, rf"(?<![\w,.]){_DIGITS}\s+Total\s+Responses\b"),
    ("responses_line", 0, rf"(?m:^)[ \t]*{_DIGITS}[ \t]+responses[ \t]*(?m:$)"),
    # A topline's "TOTAL 99" line, a survey tool's "Totals: 199" (letters spaced apart by the
    # PDF's text layer: "T ot als: 199")
    ("total_line", 1, rf"(?m:^)[ \t]*TOTAL[ \t]+{_DIGITS}[ \t]*(?m:$)"),
    ("totals", 1, rf"\bT\s?o\s?t\s?a\s?l\s?s\s*:\s*{_DIGITS}"),
    # A topline's sample line: "N=1,012 adults", "(N = 2,001)" opening a line
    ("n_equals_line", 1, rf"(?m:^)[ \t(]*(?:Total\s+)?N\s?=\s?{_DIGITS}"),
)


def _respondents_without(rules: frozenset[str]) -> regex.Pattern[str]:
    """Every phrasing, each at a word's start, in one alternation; those named in `rules`
    never matching (their groups kept, so that a match has the same groups)."""
    return patterns.compile(
        r"(?<![\w])(?:"
        + "|".join(
            f"(?P<{name}>{'(?!)' if name in rules else pattern})"
            for name, _, pattern in _RESPONDENT_RULES
        )
        + ")",
        _FLAGS,
    )


_RESPONDENTS = _respondents_without(frozenset())
# The phrasings that open with a count or its hedge, and those that open with a count in
# digits or at a line's start: the alternation is a few microseconds a try, most of them spent
# on the counts of the first kind, which cannot open where `_COUNT_OPENS` does not match.
_COUNT_LED = frozenset({"n_surveyed", "in_total_after", "took_part"})
_DIGIT_OR_LINE_LED = frozenset(
    {"n_total_responses", "responses_line", "total_line", "n_equals_line"}
)
_RESPONDENTS_NO_COUNT = _respondents_without(_COUNT_LED)
_RESPONDENTS_WORD_LED = _respondents_without(_COUNT_LED | _DIGIT_OR_LINE_LED)
_COUNT_OPENS = patterns.compile(_N, _FLAGS)
# Right after a count, every phrasing opening with one reads white space and words alone
# before its last words: up to three words and the people before "surveyed" or "were
# surveyed", up to five before "took part", "responses" before "in total". Where none of
# those last words stands so near (",” one social worker said"), no such phrasing can match,
# and they are not tried: they were the dearest part of a try at a count. Possessive, as
# white space and a word each end where the other starts: a long run of either is read once.
_COUNT_TAIL_WORDS = 3 + max(len(phrase.split()) for phrase in words("facts", "people")) + 1
_COUNT_TAIL = patterns.compile(
    rf"(?:\s++[\w’'&+-]++){{0,{_COUNT_TAIL_WORDS}}}?\s++"
    r"(?:surveyed|polled|questioned|interviewed|took|participated|completed|responded|responses"
    r"|total)"
)
# A hedge's first word and the white space after it (its next word's, or its count's), in the
# folded text: where none stands, no hedged count opens, and `_COUNT_OPENS` is not tried
# ("and", "into" and "somewhat" open with a hedge's first word, and no hedge).
_HEDGE_OPENS = patterns.compile("(?:" + "|".join(map(regex.escape, _HEDGE_HEADS)) + r")\s")
_TIER = {name: tier for name, tier, _ in _RESPONDENT_RULES}

# Where a phrasing may open, so that `_RESPONDENTS` is tried there alone (fields.starts): the
# alternation of two dozen phrasings, tried at every word of a text, was the dearest scan of a
# report. A phrasing opens with a count or its hedge (number_starts, _HEDGE_FIRST_WORDS), with
# one of these words, on a line that starts with a digit, "total" or "n" (a survey tool's
# "40 responses", "TOTAL 99", "N=1,012"), or with the spaced letters of "T ot als:". A new
# phrasing that opens otherwise adds its words here (tests/test_pattern_guards.py tries one
# phrasing of each against its scan).
_PHRASE_FIRST_WORDS = shortest_heads(
    [
        *("completed", "answered", "filled", "taken", "questioned", "surveyed", "interviewed"),
        *("polled", "canvassed", "sampled", "conducted", "carried", "interviews", "sample"),
        *("poll", "survey", "study", "questionnaire", "census", "collected", "fielded", "in"),
        *("total", "responses", "based", "of", "analysis", "receiv", "fetch", "collect"),
        *("gather", "obtain", "yield", "attract", "number", "to", "n ", "n\t"),
    ]
)
_RESPONDENT_FIRST_WORDS = shortest_heads([*_HEDGE_FIRST_WORDS, *_PHRASE_FIRST_WORDS])
# The first words of the phrasings `_PHRASE_FIRST_WORDS` finds, in the folded text, with what
# follows each in every phrasing (white space after most; the letters of "total", perhaps
# spaced apart; the next word after the small words "in" and "of"): where none stands, no
# phrasing opening with a word can match, and the alternation is not tried at the many words
# that merely begin alike ("often", "told", "into") or at a small word's other uses.
_PHRASE_OPENS = patterns.compile(
    r"(?:completed|answered|filled|taken|questioned|surveyed|interviewed|polled|canvassed"
    r"|sampled|conducted|carried|interviews|poll|survey|study|questionnaire|census|collected"
    r"|fielded|responses|based|analysis|number)\s|in\s+total|of\s+wh(?:ich|om)"
    r"|sample|receiv|fetch|collect|gather|obtain|yield|attract|n[ \t]|t\s?o\s?t\s?a\s?l"
)
_RESPONDENT_LINE = patterns.compile(r"[ \t(]*(?:\d|total|n)")
_SPACED_T = patterns.compile(r"(?<![\w])t\s")


# A reader wants the first statement of the sample, mostly near the top: the offsets a phrasing
# may open at are found a stretch at a time, from this many characters on, doubling.
_FIRST_STRETCH = 2048
_LONGEST_FIRST_WORD = max(map(len, _RESPONDENT_FIRST_WORDS))


def _line_starts(text: str, begin: int, end: int) -> Iterator[int]:
    """The offsets in text[begin:end] where a line starts."""
    if begin == 0 or text[begin - 1] == "\n":
        yield begin
    newline = text.find("\n", begin, end - 1)
    while newline != -1:
        yield newline + 1
        newline = text.find("\n", newline + 1, end - 1)


def _respondent_starts(text: str, begin: int, end: int) -> list[int]:
    """Every offset in text[begin:end] where a respondent phrasing may open, and more, in
    order. Words are looked for from one character before `begin` (what precedes a word says
    whether it starts one) to as far past `end` as a word is long."""
    lowered = document_folded(text)
    numbers = number_starts(text)
    starts = set(numbers[bisect_left(numbers, begin) : bisect_left(numbers, end)])
    cut = max(begin - 1, 0)
    beyond = end + _LONGEST_FIRST_WORD
    words = word_starts_of(text[cut:beyond], lowered[cut:beyond], _RESPONDENT_FIRST_WORDS)
    spaced = (m.start() for m in _SPACED_T.finditer(lowered[cut : end + 1]))
    starts.update(cut + at for at in (*words, *spaced))
    starts.update(
        at for at in _line_starts(text, begin, end) if _RESPONDENT_LINE.match(lowered, at)
    )
    return sorted(at for at in starts if begin <= at < end)


def _respondents_at(
    text: str, lowered: str, numbers: frozenset[int], start: int
) -> regex.Match[str] | None:
    """`_RESPONDENTS.match(text, start)`, tried without the phrasings that cannot open at
    `start`: those opening with a count (or its hedge) where no count opens or none of
    their last words follows it near enough, those opening with a count in digits or at a
    line's start off a line's start and a number, and the rest where none of their first
    words stands (a hedge's word alone). `lowered` is the
    text folded, `numbers` its `number_starts` (every offset after no word character where a
    count may open: a count in `_N` after no hedge opens at one of them)."""
    at_number = start in numbers
    # off a number, a count opens here only after its hedge, if a hedge's first word stands here
    counted = (at_number or _HEDGE_OPENS.match(lowered, start)) and _COUNT_OPENS.match(text, start)
    if counted:
        if _COUNT_TAIL.match(lowered, counted.end()):
            return _RESPONDENTS.match(text, start)
        # no phrasing opening with a count ends near this one, and those opening with a count
        # in digits or at a line's start read "total" or "responses" after it, or no count
    elif at_number or start == 0 or text[start - 1] == "\n":
        return _RESPONDENTS_NO_COUNT.match(text, start)
    if _PHRASE_OPENS.match(lowered, start):
        return _RESPONDENTS_WORD_LED.match(text, start)
    return None  # a hedge's word with no count after it, where no other phrasing opens


def _respondent_scan(text: str, stretch: int = _FIRST_STRETCH) -> Iterator[regex.Match[str]]:
    """What `fields.starts.matches_at(_RESPONDENTS, text, 0, starts)` yields for the offsets
    `_respondent_starts` finds in the whole text, those offsets found a stretch at a time as
    the matches are asked for: a reader that stops at the first statement of the sample
    looks for them in the text above it alone."""
    position = 0
    begin = 0
    lowered = document_folded(text)
    numbers = frozenset(number_starts(text))
    while True:
        end = min(len(text), begin + stretch)
        starts = _respondent_starts(text, begin, end)
        if begin == 0 and starts[:1] != [0]:
            starts.insert(0, 0)  # the text's first offset is always tried, as matches_at does
        for start in starts:
            if start < position:
                continue
            match = _respondents_at(text, lowered, numbers, start)
            if match:
                yield match
                position = match.end()
        if end == len(text):
            return
        begin, stretch = end, 2 * stretch


class _SharedMatches:
    """The matches of `_RESPONDENTS` in a text, found as a reader asks for them and kept, so
    that every reader of the same candidates (exact total, hedged total, a profile's) shares
    one scan."""

    def __init__(self, text: str) -> None:
        self._scan = _respondent_scan(text)
        self._seen: list[regex.Match[str]] = []

    def __iter__(self) -> Iterator[regex.Match[str]]:
        index = 0
        while True:
            if index == len(self._seen):
                match = next(self._scan, None)
                if match is None:
                    return
                self._seen.append(match)
            yield self._seen[index]
            index += 1


@per_document
def _respondent_matches(text: str) -> _SharedMatches:
    return _SharedMatches(text)


# "Answered: 87 Skipped: 3": everyone the question was shown to is answered plus skipped.
_ANSWERED_SKIPPED = patterns.compile(r"\bAnswered:\s*(?P<a>\d[\d,]*)\s+Skipped:\s*(?P<s>\d[\d,]*)")

_INVITED = patterns.compile(
    rf"""
    (?<![\w])(?:
      (?:sent|sent\s+out|issued|distributed|e-?mailed)\s+to\s+(?:a\s+total\s+of\s+)?{_N}
        \s+{_WORDS}{{0,2}}?(?:{PEOPLE_NOUN}|{_PEOPLE})
    | \binvit(?:ed|ation\s+to)\s+{_N}\s+{_WORDS}{{0,2}}?(?:{PEOPLE_NOUN}|{_PEOPLE})
    | {_N}\s+{_WORDS}{{0,2}}?(?:{PEOPLE_NOUN}|{_PEOPLE})\s+were\s+invited\b
    )""",
    _FLAGS,
)
_SERIES = patterns.compile(
    r"\bthe\s+(?P<ordinal>" + "|".join(ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))\s+in\s+a\s+series"
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:polls|surveys|reports)",
    regex.IGNORECASE,
)
_PUBLISHER = patterns.compile(
    r"^(?P<publisher>[A-Z][\w'’ ]{3,80}?)\s+(?:runs|conducts|carries\s+out)\s+"
    r"(?:\w+\s+){0,2}(?:polls|surveys)",
    regex.MULTILINE,
)
# The verbs `_PUBLISHER` reads, as it spells them (it is not case-insensitive): a text with
# none of them is not searched for it.
_PUBLISHER_VERBS = ("runs", "conducts", "carries")


def _has_publisher_verb(text: str) -> bool:
    return any(verb in text for verb in _PUBLISHER_VERBS)


# An organisation's name as a credit gives it: capitalised words, a few small words between
# them, and an abbreviation in brackets ("the Royal College of Nursing (RCN)").
_ORG = (
    r"(?:the\s+)?[A-Z][\w&’'.-]*(?:[ \t]+(?:of|for|and|&|the|de|on)?[ \t]*[A-Z][\w&’'.-]*){0,7}"
    r"(?:[ \t]+\([A-Z][\w&]*\))?"
)
_CREDIT = patterns.compile(
    rf"""
      \b(?i:conducted|carried\s+out|undertaken|run)\s+by\s+(?P<pollster>{_ORG})
        \s+(?:for|on\s+behalf\s+of)\s+(?P<client>{_ORG})               # X for Y: Y publishes
    | \b(?i:poll|survey|research|study)\s+(?i:by|from)\s+(?P<pollster>{_ORG})
        \s+for\s+(?P<client>{_ORG})                            # a survey by YouGov for the RCN
    | \b(?i:poll|survey)\s+for\s+(?P<client>{_ORG})             # a YouGov poll for the RCN
    | \b(?i:commissioned|published|funded)\s+by\s+(?P<client>{_ORG})
    | \b(?i:on)\s+(?:the\s+)?behalf\s+of\s+(?P<client>{_ORG})
    | \b(?i:{alternation("facts", "publisher_verbs")})\s+(?P<pollster>{_ORG})
    """,
    regex.VERBOSE,
)

# `_CREDIT`, tried only where one of the words a credit opens with starts a word.
_CREDIT_SEARCH = PhraseSearch(
    _CREDIT,
    [
        *("conducted", "carried", "undertaken", "run", "poll", "survey", "research", "study"),
        *("commissioned", "published", "funded", "on"),
        *(verb.split()[0] for verb in words("facts", "publisher_verbs")),
    ],
)


def _count(doc: Document, match: regex.Match[str]) -> Count | None:
    n = number_value(match.group("n"))
    if n is None:
        return None
    words = match.group(0)
    start = match.start() + len(words) - len(words.lstrip())
    end = match.end() - len(words) + len(words.rstrip())
    return Count(n=n, text=doc.text[start:end], span=doc.span(start, end))


def _hedge(text: str, match: regex.Match[str]) -> tuple[Qualifier, int] | None:
    """The qualifier whose hedge ("more than", "nearly") stands right before the count, and
    where the hedge starts."""
    start = match.start("n")
    hedge = _HEDGE_BEFORE.search(text, max(0, start - 30), start)
    if hedge is None:
        return None
    return next(q for q in _QUALIFIERS if hedge.group(q) is not None), hedge.start()


def _hedged(text: str, match: regex.Match[str]) -> bool:
    """Whether a qualifier ("more than", "nearly") stands right before the count."""
    return _hedge(text, match) is not None


def date_value(doc: Document, found: DateFound, offset: int = 0) -> DateValue:
    """The date `found` in the text from `offset` on, as the record's value with its span."""
    return DateValue(
        date=found.date, text=found.text, span=doc.span(offset + found.start, offset + found.end)
    )


def find_respondents(doc: Document) -> Count | None:
    """How many people answered the survey: the first exact whole-sample statement.

    A hedged total ("more than 400") is not exact and is passed over; a survey tool's own totals
    ("TOTAL 99") count only when no sentence states the sample. The first statement wins, since
    reports state the whole sample before their subgroups ("…by 412 pharmacists, including 150
    who…").
    """
    text = doc.text
    best: tuple[int, int, Count] | None = None
    for match in _respondent_matches(text):
        rule = next(name for name in _TIER if match.group(name) is not None)
        if _hedged(text, match):
            continue
        count = _count(doc, match)
        if count is not None and count.n > 1:
            key = (_TIER[rule], match.start())
            if best is None or key < best[:2]:
                best = (*key, count)
            if _TIER[rule] == 0:
                break
    answered = _ANSWERED_SKIPPED.search(text)
    if answered and (best is None or best[0] > 0 or answered.start() < best[1]):
        n = sum(int(answered.group(g).replace(",", "")) for g in ("a", "s"))
        return Count(n=n, text=answered.group(0), span=doc.span(answered.start(), answered.end()))
    return best[2] if best else None


def find_respondents_approx(doc: Document) -> Count | None:
    """A hedged whole-sample total ("more than 400 nurses responded"), kept with its qualifier
    and the hedge in its text when the text states no exact total; it is no question's base."""
    return None if find_respondents(doc) is not None else hedged_respondents(doc)


def hedged_respondents(doc: Document) -> Count | None:
    """The first hedged whole-sample total, for a caller that has found no exact one."""
    text = doc.text
    for match in _respondent_matches(text):
        rule = next(name for name in _TIER if match.group(name) is not None)
        hedge = _hedge(text, match)
        count = _count(doc, match) if hedge is not None and _TIER[rule] == 0 else None
        if hedge is None or count is None or count.n <= 1:
            continue
        qualifier, start = hedge
        start = min(start, count.span.start)
        return Count(
            n=count.n,
            qualifier=qualifier,
            text=text[start : count.span.end],
            span=doc.span(start, count.span.end),
        )
    return None


# A word every phrasing of `_INVITED` holds, at a word's start ("sent", not "represent"): most
# texts have none, and looking for these in the folded text costs next to nothing.
_INVITED_WORDS = ("sent", "issued", "distributed", "emailed", "e-mailed", "invit")


def _has_invitation_word(text: str) -> bool:
    return bool(word_starts_of(text, document_folded(text), _INVITED_WORDS))


# "… were invited": what ends the one invitation phrasing that opens with its count (or its
# hedge), found in the folded text.
_WERE_INVITED = patterns.compile(r"(?r)were\s+invited")


def _invited_starts(text: str) -> tuple[int, ...]:
    """Every offset of `text` where an invitation phrasing may open, and more, in order: its
    verb, and a count or its hedge before the last "were invited"; tried there alone, as the
    respondent phrasings are."""
    lowered = document_folded(text)
    starts = set(word_starts_of(text, lowered, _INVITED_WORDS))
    last = _WERE_INVITED.search(lowered)
    if last is not None:
        counts = [*number_starts(text), *word_starts_of(text, lowered, _HEDGE_HEADS)]
        starts.update(at for at in counts if at < last.start())
    return tuple(sorted(starts))


def find_invited(doc: Document) -> Count | None:
    """How many people the survey was sent to ("sent to 1237 social workers")."""
    if not _has_invitation_word(doc.text):
        return None
    for match in matches_at(_INVITED, doc.text, 0, _invited_starts(doc.text)):
        if not _hedged(doc.text, match):
            return _count(doc, match)
    return None


def find_series(doc: Document) -> Series | None:
    match = _SERIES.search(doc.text)
    if not match:
        return None
    ordinal = match.group("ordinal").lower()
    number = ORDINALS.get(ordinal) or int(regex.sub(r"\D", "", ordinal))
    return Series(number=number, text=match.group(0), span=doc.span(match.start(), match.end()))


# Words that say a date is the fieldwork's ("carried out on …"); near a dated range, the range's
# own words ("between", "from", "online") say so too.
_FIELDWORK_VERB = patterns.compile(
    rf"(?<!\w)(?:{alternation('facts', 'fieldwork_verbs')})(?!\w)", regex.IGNORECASE
)
_FIELDWORK_CUE = patterns.compile(
    rf"(?<!\w)(?:{alternation('facts', 'fieldwork_verbs')}|{alternation('facts', 'range_cues')})"
    r"(?!\w)",
    regex.IGNORECASE,
)
# "in May 2023", "during February 2019": a month with no day.
_MONTH_OF = patterns.compile(
    rf"\b(?:in|during|throughout)\s+(?P<when>(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})"
    r"\.?\s+(?:19|20)\d\d)(?![\w])",
    regex.IGNORECASE,
)


def find_fieldwork(doc: Document, start: int = 0, end: int | None = None) -> DateRange | None:
    """When the poll ran: the first dated range in text[start:end] whose sentence says so
    ("fieldwork took place 3-5 May 2023"), else the first dated range at all. With no dated
    range, a range or month the text ties to the fieldwork without a year or a day ("carried out
    on 30 April and 1 May", "conducted in May 2023") is kept as text, its dates null."""
    end = len(doc.text) if end is None else end
    ranges = date_ranges_in(doc.text[start:end])
    dated = [f for f in ranges if f.end_date is not None]

    def cued(at: int, cue: regex.Pattern[str] = _FIELDWORK_CUE) -> bool:
        line_start = doc.text.rfind("\n", 0, at) + 1
        return bool(cue.search(doc.text, max(line_start, at - 120), at + 12))

    found = next((f for f in dated if cued(start + f.start)), dated[0] if dated else None)
    if found is None:
        found = next((f for f in ranges if cued(start + f.start, _FIELDWORK_VERB)), None)
    if found is None:
        month = next(
            (
                m
                for m in _MONTH_OF.finditer(doc.text, start, end)
                if cued(m.start(), _FIELDWORK_VERB)
            ),
            None,
        )
        if month is None:
            return None
        span = doc.span(month.start("when"), month.end("when"))
        return DateRange(start=None, end=None, text=month.group("when"), span=span)
    return DateRange(
        start=found.start_date,
        end=found.end_date,
        text=found.text,
        span=doc.span(start + found.start, start + found.end),
    )


def find_publisher(doc: Document) -> str | None:
    """Who publishes the survey: the client of "carried out by X for Y", whoever commissioned or
    published it, else the organisation credited with running it."""
    match = _PUBLISHER.search(doc.text) if _has_publisher_verb(doc.text) else None
    if match:
        return match.group("publisher").strip()
    credit = _CREDIT_SEARCH.search(doc.text)
    if not credit:
        return None
    name = credit.group("client") or credit.group("pollster")
    name = regex.sub(r"^the\s+", "", name.strip(), flags=regex.IGNORECASE).rstrip(".,;:")
    return name if len(name) > 2 else None


# ---------------------------------------------------------------------------- title and date

# How far from the top a headline or dateline may sit.
_TOP = 3000
# Searched only where a phrase's first word opens a word: most lines hold none.
_FURNITURE = vocabulary_search("facts", "furniture", _FLAGS)
_SECTION_LABEL = patterns.compile(
    rf"^(?:{alternation('facts', 'section_labels')})(?:\s+[a-z][\w-]*)?$", regex.IGNORECASE
)
_NOT_PUBLISHED = vocabulary_search("facts", "not_published")


_DIGIT = patterns.compile(r"\d")
_MARKUP = " \t\xa0#>*_"  # markdown and emphasis markers around a line's words
_LINE_CHARS = 400
_MARKER = patterns.compile(r"^\[(?:chart|end\s+of\s+chart)[^\]]*\]$", regex.IGNORECASE)
_PAGE_COUNTER = patterns.compile(r"^\d+\s+(?:of|sur|von|de|/)\s+\d+$|^\d+$|^[\W\d_]+$")
# "40 responses", "Answered: 87 Skipped: 3": a survey tool's counts, not a headline.
_COUNT_LINE = patterns.compile(
    r"^\d[\d,.]*%?\s+(?:\w+\s+){0,2}(?:responses?|respondents|participants|answers|votes|visits)$"
    r"|^(?:[\w ]{1,30}:\s*\d[\d,.]*%?\s*)+$",
    regex.IGNORECASE,
)
_NUMBERED = patterns.compile(r"^(?:Q\s?\d+|\d{1,3}[.)])\s", regex.IGNORECASE)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[aApP]\.?[mM]\.?)?"  # 4:15 PM, 14.30
    r"(?:\s*(?:[A-Z]{2,5}(?:[+-]\d{1,2})?))?)"  # GMT, BST, GMT+0
)
# What may follow a date on its line: a time and zone, an author.
_AFTER_DATE = patterns.compile(rf"{_TIME}?(?:\s+by\s+[A-Z][^\n]{{0,80}})?[\s,.]*")
# A publication label before a date: "Published: Tuesday 7 March 2023", "Posted on".
_PUBLISHED_LABEL = patterns.compile(
    r"""
    (?:^|\|)[ \t*_#]*
    (?:First\s+)?(?:Published|Publication\s+date|Date\s+(?:of\s+publication|published)|Posted
      |Released|Date)
    (?:\s+(?:on|at))?[ \t*_]*:?[ \t*_]*
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE,
)
# The words every publication label holds on the line it opens (after "|" or at the line's
# start): where `_PUBLISHED_LABEL` is tried.
_PUBLISHED_LABEL_WORDS = ("first", "published", "publication", "date", "posted", "released")
# A byline with its date: "By Jane Smith, 3 March 2023", "by Ann Lee | Nov 3, 2022".
_BYLINE = patterns.compile(
    r"^[ \t*_]*By\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.’'-]*"
    r"(?:\s+[A-Z][\w.’'-]*){0,3}){0,3}\s*(?:[,|·•–—-]\s*)?(?=\S)",
    regex.MULTILINE,
)
_BREADCRUMB = patterns.compile(r"\s[>›»/]\s")  # Home > News > Polls
_TITLE_SUFFIX = patterns.compile(r"\s+[|–—-]\s+")
_SEPARATOR = patterns.compile(r"\s+[|·•–—-]\s+|\s*\|\s*")
# A headline's run-in first words set in capitals ("… the profession THE SOCIETY has begun"): the
# article starts there.
_RUN_IN = patterns.compile(
    r"^(?P<title>[A-Z][^.!?:;\n]{10,150}?[a-z’'\"”)])\s+(?=(?:THE|A|AN|IN|ON|AS|AT|WHEN|FOR|MORE"
    r"|MOST|ALMOST|NEARLY|OVER|SOME|MANY|ONE|TWO|THREE|FOUR|FIVE|THIS|NEW|NURSES|DOCTORS)\s+"
    r"[A-Z]*[a-z]?)"
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    """The line without markdown or emphasis markers, its white space folded."""


def _top_lines(doc: Document) -> tuple[_Line, ...]:
    """The lines near the top, without markup: read once for the title's and the date's
    readers."""
    return _top_lines_of(doc.text)


@per_document
def _top_lines_of(text: str) -> tuple[_Line, ...]:
    lines = []
    pos = 0
    top = min(len(text), _TOP)
    while pos < top:
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        # no headline or dateline is longer; the rest of a long line cannot change the verdict
        words = " ".join(text[pos : min(end, pos + _LINE_CHARS)].strip(_MARKUP).split())
        if words:
            lines.append(_Line(pos, end, words))
        pos = end + 1
    return tuple(lines)


# Memoised by text, as `_only_date` is: the title's and the date's readers both ask it of the
# top lines, the title's twice of a line with a digit (its furniture, then its dateline).
@lru_cache(maxsize=2048)
def _line_holds(phrases: PhraseSearch, text: str) -> bool:
    """Whether a line's words hold one of `phrases`."""
    return phrases.search(text) is not None


# Memoised by text: a pure function of a line's words, which the title's and the date's readers
# both ask of the top lines (the bound keeps an archive's lines from growing it without end).
@lru_cache(maxsize=1024)
def _only_date(text: str) -> DateFound | None:
    """The date a line consists of, with a weekday, a time, a zone and an author ("… by Jane
    Smith") allowed around it."""
    dates = find_dates(text)
    if len(dates) != 1:
        return None
    found = dates[0]
    before, after = text[: found.start], text[found.end :]
    if regex.fullmatch(rf"\s*{_WEEKDAY}?", before) and _AFTER_DATE.fullmatch(after):
        return found
    return None


def _dateline(line: _Line, *, first_only: bool = False) -> DateFound | None:
    """A line (or a part of it between separators: "28 December 2014 | tagged News", "Survey
    results - 24 May 2021") that is a date and nothing else; dates in digits only with a label,
    since a bare one with a time is a print stamp. `first_only`: the date must come first (the
    line is a date line, not a headline carrying its date)."""
    if not _DIGIT.search(line.text):
        return None  # every date the readers know has a digit (a day or a year)
    if _line_holds(_NOT_PUBLISHED, line.text) or _line_holds(_FURNITURE, line.text):
        return None
    pos = 0
    parts = _SEPARATOR.split(line.text)
    for part in parts[:1] if first_only else parts:
        at = line.text.find(part, pos)
        pos = at + len(part)
        found = _only_date(part) if _DIGIT.search(part) else None
        if found and found.rule not in ("numeric", "numeric_month_first"):
            # a line holding a range ("Polled online, 18 Jan - 1 Feb") says when it was
            # asked: looked for only now, as most lines hold no date alone
            if find_date_ranges(line.text):
                return None
            return DateFound(at + found.start, at + found.end, found.text, "dateline", found.date)
    return None


def _is_furniture(line: _Line) -> bool:
    text = line.text
    return bool(
        _line_holds(_FURNITURE, text)
        or _SECTION_LABEL.match(text)
        or _MARKER.match(text)
        or _PAGE_COUNTER.match(text)
        or _COUNT_LINE.match(text)
        or text.startswith("©")
        or text.count("|") >= 2
        or len(_BREADCRUMB.findall(text)) >= 2
        or (bool(_BYLINE.match(text)) and len(text.split()) <= 8)
        or _is_stamp(line.text)
        or _dateline(line, first_only=True)
    )


def _is_stamp(text: str) -> bool:
    """A labelled date line ("Published 3 March 2023", "Last updated: 4 May 2023", "Printed on
    12/03/2021"): short, opening with its label, and holding a date."""
    return (
        len(text.split()) <= 12
        and bool(_PUBLISHED_LABEL.match(text) or _NOT_PUBLISHED.pattern.match(text))
        and bool(find_dates(text))
    )


def _is_prose(text: str) -> bool:
    return len(text) > 200 or (text.endswith((".", "!")) and len(text.split()) > 12)


def find_title(doc: Document) -> str | None:
    """The document's own headline: the first heading-like line near the top that is not page
    furniture (navigation, site banners, logos, date lines, section labels), quotation marks
    allowed. A headline run into the article's capitalised first words is cut there; a title
    set in capitals over a few short lines is joined. None when prose comes first."""
    lines = list(_top_lines(doc))
    for index, line in enumerate(lines):
        text = line.text
        if _is_furniture(line) or len(text.split()) < 2 or _NUMBERED.match(text):
            continue
        if _starts_the_content(text):
            return None  # a question or an answer first: the report prints no title above them
        wrapped = index + 1 < len(lines) and lines[index + 1].start == line.end + 1
        if _is_prose(text) or (wrapped and lines[index + 1].text[:1].islower()):
            run_in = _RUN_IN.match(text)
            return run_in.group("title") if run_in else None  # prose comes first
        if text.endswith(".") and not text.endswith("..."):
            return None  # a sentence, not a headline
        if text.isupper() and len(text.split()) <= 4:
            return _joined_capitals(lines, index)
        return _without_site_suffix(text, lines[index + 1 :])
    return None


def _starts_the_content(text: str) -> bool:
    """A line that is already the report's content, not a title over it: a question printed
    with its code ("Q31. Are you …") or an answer row ("TOTAL 99", "Yes 45%"). (A question
    without a code may be a poll page's own headline.)"""
    coded = QUESTION_CODE.match(text)
    if coded and len(text.split()) >= 3:
        return True
    row = parse_row(text)
    return row is not None and (row.percent is not None or row.is_total)


def _without_site_suffix(title: str, rest: list[_Line]) -> str:
    """A page title's headline without the site's suffix ("Headline - Site Name March 2019"),
    when the page restates the headline alone below it."""
    parts = _TITLE_SUFFIX.split(title)
    if len(parts) < 2:
        return title
    below = " ".join(line.text for line in rest)
    headline = " - ".join(parts[:-1])
    if title not in below and len(headline.split()) >= 3 and " ".join(headline.split()) in below:
        return headline
    return title


def _joined_capitals(lines: list[_Line], index: int) -> str:
    """A title in capitals broken over consecutive short lines ("NUMPY / COMMUNITY / SURVEY")."""
    parts = [lines[index].text]
    for before in reversed(lines[:index]):
        if not (before.text.isupper() and len(before.text.split()) <= 4):
            break
        if before.end + 1 != lines[lines.index(before) + 1].start:
            break
        parts.insert(0, before.text)
    for previous, after in zip(lines[index:], lines[index + 1 :], strict=False):
        if previous.end + 1 != after.start or not after.text.isupper():
            break
        if len(after.text.split()) > 4:
            break
        parts.append(after.text)
    return " ".join(parts)


def find_published(doc: Document) -> DateValue | None:
    """When the document was published: a labelled date ("Published: Tuesday 7 March 2023"),
    else a byline's date, else a dateline near the top ("Oct 14, 2019" on its own line,
    "October 03, 2019, 4:15 PM GMT+1", a headline ending "- 11 June 2021").

    "Last updated", download and print stamps are not publication dates; a date without a year
    is kept as text with `date` null.
    """
    text = doc.text
    for label in line_matches(_PUBLISHED_LABEL, text, _PUBLISHED_LABEL_WORDS, "|"):
        line_end = text.find("\n", label.end())
        line_end = len(text) if line_end == -1 else line_end
        line_start = text.rfind("\n", 0, label.start()) + 1
        if _NOT_PUBLISHED.pattern.search(text, line_start, label.end()):
            continue
        rest = text[label.end() : min(line_end, label.end() + _LINE_CHARS)]
        part = _SEPARATOR.split(rest)[0]
        found = _only_date(part.rstrip(" \t*_"))
        if found:
            return date_value(doc, found, label.end())
    for byline in _BYLINE.finditer(text, 0, min(len(text), _TOP)):
        line_end = text.find("\n", byline.end())
        line_end = len(text) if line_end == -1 else line_end
        rest = text[byline.end() : min(line_end, byline.end() + _LINE_CHARS)]
        found = _only_date(_SEPARATOR.split(rest)[0])
        if found:
            return date_value(doc, found, byline.end())
    for line in _top_lines(doc):
        found = _dateline(line)
        if found:
            return _located(doc, line, found)
    return None


def _located(doc: Document, line: _Line, found: DateFound) -> DateValue:
    """The value of a date found in a line's folded text, with its span in the document."""
    pattern = r"\s+".join(regex.escape(word) for word in found.text.split())
    at = regex.compile(pattern).search(doc.text, line.start, line.end)
    assert at is not None  # the folded text holds the same words in the same order
    return DateValue(date=found.date, text=at.group(0), span=doc.span(at.start(), at.end()))
