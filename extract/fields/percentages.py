"""Percentages in prose: digits, words, fractions, and the approximate wording around them."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.numbers import (
    NUMBER_START,
    PEOPLE_NOUN,
    number_led,
    number_starts,
    number_value,
)
from extract.fields.starts import (
    document_folded,
    offsets_of,
    per_document,
    span_matches,
    word_starts_of,
)
from extract.vocab import alternation

FRACTIONS = {
    "half": 50.0,
    "a half": 50.0,
    "a third": 33.3,
    "one third": 33.3,
    "two thirds": 66.7,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
    "two fifths": 40.0,
    "three fifths": 60.0,
    "four fifths": 80.0,
    "a tenth": 10.0,
    "one tenth": 10.0,
}
# "N in M", "N out of M": the denominators a share is given over ("four in ten", "nine out of
# 10"). Others ("8 out of 11") count people rather than state a share.
SHARE_DENOMINATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "2": 2, "3": 3,
                      "4": 4, "5": 5, "10": 10}  # fmt: skip

# Longest first so that "just over" wins over "over".
QUALIFIERS = (
    "just over", "just under", "more than", "less than", "fewer than", "at least", "nearly",
    "almost", "over", "under", "about", "around", "approximately", "roughly", "some",
)  # fmt: skip
_QUALIFIER = "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS)
_FRACTION = "|".join(f.replace(" ", r"[\s-]+") for f in sorted(FRACTIONS, key=len, reverse=True))
_DENOMINATOR = "|".join(sorted(SHARE_DENOMINATORS, key=len, reverse=True))
_PEOPLE = alternation("facts", "people")
# "rated it 7 out of 10", "a score of 8 in 10": a rating, not a share.
_RATING_BEFORE = patterns.compile(
    r"\b(?:scor\w*|rat\w*|gave|of|marks?)(?:\s+(?:it|them|this|us))?\s+$", regex.IGNORECASE
)

# The qualifier is looked for behind a match (see `_qualifier_before`): a leading optional group
# here would make the engine try it at every character of a long document.
_QUALIFIER_BEFORE = patterns.compile(
    rf"(?<![\w-])(?P<qualifier>{_QUALIFIER})\s+$", regex.IGNORECASE
)


def _percent_pattern(opening_number: str) -> str:
    """The pattern of a share, a number in it opening with `opening_number`."""
    return rf"""
    \b(?={NUMBER_START}|{_FRACTION})         # cheap guard: a word opens with a number or fraction
    (?:
        # 90%, 51 per cent, 12.5 percent; not the 19 of "Covid-19" nor a score "4-6"
        (?<![\w.\-:/])(?P<digits>\d{{1,3}}(?:\.\d+)?)\s?(?:%|per\s?cent\b|pc\b)   # or 45pc
      | # Eleven percent, Three per cent, Sixty- five per cent
        (?<![\w-])(?P<words>{opening_number})\s?(?:per\s?cent\b)
      | # one in three respondents, four in ten voters, nine out of 10 say, 7 in 10 (71%)
        (?<![\w-])(?P<numerator>{opening_number})\s+(?:in|out\s+of)\s+
        (?P<denominator>{_DENOMINATOR})(?![\w%])
        (?=\s*\(|\s+(?!in\b|out\b|of\s+\d)[A-Za-z])
      | # A quarter of respondents, Half of the respondents, over half had, two thirds of
        (?<![\w-])(?P<fraction>{_FRACTION})
        (?P<context>(?=\s+(?:
            of\s+(?:the\s+|our\s+|all\s+|these\s+|those\s+)?(?:\d+\s+)?(?:free[\s-]text\s+)?
              (?:[\w’'-]+\s+){{0,2}}?(?:{PEOPLE_NOUN}|{_PEOPLE}|[A-Z][a-z]+ans|Brit(?:on|)s)\b
                                                          # a quarter of the 27 responses
          | of\s+(?:them|those|us)\b
          | (?:had|have|were|was|are|said|say|says|felt|feel|reported|chose|listed|answered
              |responded|believe|believed|think|thought|agree|agreed|want|wanted)\b
          | \(
        )))?                                                     # bare fractions need a qualifier
    )
    """


_PERCENT_TRIED = number_led(_percent_pattern)
_PERCENT = _PERCENT_TRIED.pattern
# "Half of the respondents (51%)": the digit restates the word and wins.
_DIGIT_AFTER_WORD = patterns.compile(r"[^%.;()]{0,40}?\((\d{1,3}(?:\.\d+)?)\s?%\)")


@dataclass(frozen=True)
class Percent(Found):
    """A share in percent, with the word form it restates (if any) and its qualifier."""

    value: float
    qualifier: str | None = None
    word_value: float | None = None
    """For "Half of the respondents (51%)": 50, the value the words alone would give."""


def _normalise_qualifier(raw: str | None) -> str | None:
    return " ".join(raw.lower().split()) if raw else None


def _qualifier_before(text: str, start: int) -> tuple[int, str | None]:
    """Where a qualifier right before offset `start` begins, and the qualifier."""
    found = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
    if not found:
        return start, None
    return found.start(), _normalise_qualifier(found.group("qualifier"))


# The fractions that open with "a" ("a quarter"): found by the word after it.
_A_FRACTION_NOUNS = sorted({f.split()[1] for f in FRACTIONS if f.startswith("a ")})
_SPACE_OR_HYPHEN = patterns.compile(r"[\s-]")


def _a_fraction_starts(text: str, folded_text: str) -> list[int]:
    """Where "a" opens a fraction ("a quarter", "A-half"): the "a" before each fraction noun."""
    found = []
    for noun in offsets_of(folded_text, _A_FRACTION_NOUNS):
        at = noun
        while at > 0 and _SPACE_OR_HYPHEN.match(text, at - 1):
            at -= 1
        if at < noun and at > 0 and folded_text[at - 1] == "a":
            found.append(at - 1)
    return found


@per_document
def _share_starts(text: str) -> tuple[int, ...]:
    """`number_starts` and the fractions' first words: every offset `_PERCENT` may match at."""
    folded_text = document_folded(text)
    fractions = word_starts_of(text, folded_text, ["half"]) + _a_fraction_starts(text, folded_text)
    return tuple(sorted({*number_starts(text), *fractions}))


def find_percentages(text: str, start: int = 0, end: int | None = None) -> list[Percent]:
    """Every percentage `text[start:end]` states, in order, at offsets in that span; word forms
    restated by a digit are merged. The spans of one text share its `_share_starts`."""
    span = text[start:end]
    found: list[Percent] = []
    skip_until = -1
    for match in span_matches(_PERCENT_TRIED, text, start, end, _share_starts(text)):
        if match.start() < skip_until:
            continue
        begin, qualifier = _qualifier_before(span, match.start())
        if qualifier == "some" and not match.group("fraction"):
            begin, qualifier = match.start(), None  # "some" mostly precedes a noun, not 40%
        wording = span[begin : match.end()]
        if match.group("digits"):
            value = float(match.group("digits"))
            found.append(Percent(begin, match.end(), wording, "digits", value, qualifier))
        elif match.group("denominator"):
            numerator = number_value(match.group("numerator"))
            denominator = SHARE_DENOMINATORS[match.group("denominator").lower()]
            if numerator is None or not 0 < numerator <= denominator:
                continue
            if _RATING_BEFORE.search(span, max(0, begin - 12), begin):
                continue
            word_value = round(100 * numerator / denominator, 1)
            restated = _DIGIT_AFTER_WORD.match(span, match.end())
            if restated:  # "Six in ten (61%)": the digit wins
                stop = restated.end()
                value = float(restated.group(1))
                wording = span[begin:stop]
                found.append(
                    Percent(begin, stop, wording, "n_in_m_digits", value, None, word_value)
                )
                skip_until = stop
            else:
                stop, value = match.end(), word_value
                found.append(Percent(begin, stop, wording, "n_in_m", value, qualifier, value))
        elif match.group("words"):
            number = number_value(match.group("words"))
            if number is None or number > 100:
                continue
            found.append(Percent(begin, match.end(), wording, "words", float(number), qualifier))
        else:
            if match.group("context") is None and qualifier is None:
                continue  # "half of the time": a fraction of something other than people
            word = " ".join(match.group("fraction").lower().replace("-", " ").split())
            word_value = FRACTIONS[word]
            restated = _DIGIT_AFTER_WORD.match(span, match.end())
            if restated:
                # The digit is exact, so the qualifier of the word ("Over half (52%)") no longer
                # applies to the value.
                stop = restated.end()
                value = float(restated.group(1))
                found.append(
                    Percent(
                        begin, stop, span[begin:stop], "word_and_digits", value, None, word_value
                    )
                )
                skip_until = stop
            else:
                found.append(
                    Percent(
                        begin, match.end(), wording, "fraction", word_value, qualifier, word_value
                    )
                )
    return found
