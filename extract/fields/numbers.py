"""Numbers as reports write them: digits, words, and words broken across a line ("Sixty- five")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.starts import (
    DigitFirst,
    digit_starts,
    document_folded,
    per_document,
    shortest_heads,
    span_matches,
    word_starts_of,
)

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN = "|".join(TENS)
# What a number in NUMBER_PATTERN starts with: a digit or a number word. A pattern that looks
# ahead for it at a word's start rules out every other word at once, where a guard on the first
# letter let the engine try the whole pattern at every "the", "of" and "staff" (3 MB/s).
NUMBER_START = rf"\d|{_TEN}|{_UNIT}"

# A number in digits: what a number in NUMBER_PATTERN that opens with a digit matches.
NUMBER_DIGITS = r"""
    (?:
        (?<!\d,?)\d{1,3}(?:,\d{3})+(?!\d)                          # 1,237
      | (?<!\d)\d+(?![\d,.]\d)                                      # 1237
    )
"""
# A number in words or digits. Tens and units may be joined by a space, a hyphen, or a hyphen
# left dangling by a line break ("Sixty- five").
NUMBER_PATTERN = rf"""
    (?:
        (?:{_TEN})(?:\s*-\s*|\s)(?:{_UNIT.replace("|zero", "")})\b   # sixty one, sixty-five
      | (?:{_TEN})\b                                                # forty
      | (?:{_UNIT})\b                                               # eleven
      | {NUMBER_DIGITS}
    )
"""


# No count of people has more digits than this (the world's population has ten); a longer run is
# an identifier, not a count, and int() refuses runs over 4,300 digits anyway.
MAX_DIGITS = 10


_WORD_BREAK = patterns.compile(r"[\s-]+")


_NUMBER_WORD_HEADS = shortest_heads([*UNITS, *TENS])


@per_document
def number_starts(text: str) -> tuple[int, ...]:
    """Every offset of `text` where a pattern that opens at a word's start with a bracket or
    NUMBER_START (a digit, a number word in any case) may match, in order: more offsets than
    match, never fewer, found by `str.find` at C speed once per text for all its spans, where
    the engine tried its look-ahead at every character of every span (5 MB/s)."""
    starts = word_starts_of(text, document_folded(text), [*_NUMBER_WORD_HEADS, "("])
    return tuple(sorted({*starts, *digit_starts(text)}))


def number_value(words: str) -> int | None:
    """The integer a number written in digits or words stands for, or None."""
    cleaned = words.strip().lower().replace(",", "")
    if cleaned.isdecimal():  # not isdigit(): "²" is a digit int() cannot read
        return int(cleaned) if len(cleaned) <= MAX_DIGITS else None
    parts = [p for p in _WORD_BREAK.split(cleaned) if p]
    if len(parts) == 1:
        word = parts[0]
        return UNITS.get(word, TENS.get(word))
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS and UNITS[parts[1]] < 10:
        return TENS[parts[0]] + UNITS[parts[1]]
    return None


@dataclass(frozen=True)
class PeopleCount(Found):
    """A count of people: "186 participants", "Sixty one practitioners", "8 out of 11"."""

    n: int
    of_n: int | None = None
    """For "8 out of 11": the 11."""


PEOPLE_NOUN = r"""
    (?:social\s+workers?|(?:home\s+)?care\s+workers?|support\s+workers?|practitioners?
      |participants?|respondents?|responses|people|persons?
      |professionals|PSWs|members|staff|managers)
"""


def _people_pattern(opening_number: str) -> str:
    """The pattern of a count of people, opening with `opening_number`."""
    return rf"""
    (?<![\w-])
    (?=\(|{NUMBER_START})                   # a bracket, a digit or a number word
    (?:
        (?P<n>{opening_number})
        (?:
            \s+out\s+of\s+(?P<of>{NUMBER_PATTERN})                     # 8 out of 11
          | (?:\s+of\s+the)?                                           # Two of the participants
            (?:\s+(?:other|registered|more|different|individual|free[\s-]text))?  # 5 other …
            [^\S\n]+{PEOPLE_NOUN}\b                                    # not across a line end
          | (?=\s+responded\b)                                         # of which 135 responded
          | (?<=\d)(?=\s+(?:reported|said|mentioned|explained|stated|wrote|felt|agreed)\b)
        )
      | \((?P<bracketed>\d+)\)                                         # participants … (33)
    )
    """


def number_led(pattern_of: Callable[[str], str]) -> DigitFirst:
    """`pattern_of(NUMBER_PATTERN)`, a verbose, case-blind pattern whose number opens it, tried
    at a digit as `pattern_of(NUMBER_DIGITS)`: the same match without the number words."""
    flags = regex.VERBOSE | regex.IGNORECASE
    return DigitFirst(
        patterns.compile(pattern_of(NUMBER_PATTERN), flags),
        patterns.compile(pattern_of(NUMBER_DIGITS), flags),
    )


_PEOPLE_TRIED = number_led(_people_pattern)
_PEOPLE = _PEOPLE_TRIED.pattern
_SHARE_BEFORE = patterns.compile(r"\bin\s+$", regex.IGNORECASE)  # "one in three" is a share
_PEOPLE_BEFORE = patterns.compile(
    rf"{PEOPLE_NOUN}[^.()\n]{{0,40}}$", regex.VERBOSE | regex.IGNORECASE
)


def find_people_counts(text: str, start: int = 0, end: int | None = None) -> list[PeopleCount]:
    """Every count of people in `text[start:end]`, at offsets in that span; "one" alone is left
    out, being how attributions start. The spans of one text share its `number_starts`."""
    span = text[start:end]
    found: list[PeopleCount] = []
    for match in span_matches(_PEOPLE_TRIED, text, start, end, number_starts(text)):
        if _SHARE_BEFORE.search(span, max(0, match.start() - 6), match.start()):
            continue
        if match.group("bracketed"):
            # "(33)" counts people only right after naming them: "participants choosing … (33)"
            if not _PEOPLE_BEFORE.search(span, max(0, match.start() - 80), match.start()):
                continue
            begin, finish, of_n = match.start("bracketed"), match.end("bracketed"), None
            words = match.group("bracketed")
        else:
            begin, finish, words = match.start(), match.end(), match.group("n")
            of_n = number_value(match.group("of")) if match.group("of") else None
        n = number_value(words)
        if n is None or (n == 1 and not words.isdigit()):
            continue
        found.append(PeopleCount(begin, finish, span[begin:finish], "people_count", n, of_n))
    return found
