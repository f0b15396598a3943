"""How many people answered a question, as the report states it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.numbers import NUMBER_PATTERN, PEOPLE_NOUN, number_value
from extract.fields.starts import (
    digit_starts,
    document_folded,
    offsets_of,
    per_document,
    span_matches,
    word_starts_of,
)

_BASE = patterns.compile(
    rf"""
    # cheap guard: the words or the digit each statement below starts with (a new statement
    # adds its first word here; tests/test_pattern_guards.py compares the pattern without it);
    # without it the engine tried all of them at every character of the text
    (?=base|\d|answered|t\s?o|number|n\s?=|meaning|so|leaving|all|responses|of|among)
    (?:
      # Base: 135 Social Workers, Base = 135
      (?<![\w])Base\s?[:=]\s*(?P<n>\d[\d,]*)(?:\s+[A-Za-z][A-Za-z ]*[A-Za-z])?
    | # Base: All (1120), Base: All naming a preferred candidate (812), Base: All likely
      # to vote (excluding don't knows) (1045): who was asked, then the count in brackets
      (?<![\w])Base\s?[:=]\s*(?:All|Those|Everyone|Respondents|People|Adults)\b
      (?:[^()\n\d]|\([^()\n\d]*\)){{0,100}}?\((?P<n>\d[\d,]*)\)
    | # 97 answered this question
      (?<![\w,.])(?P<n>\d[\d,]*)\s+(?:(?:people|respondents|participants)\s+)?answered\s+
      (?:this|the)\s+question
    | # survey tools: "Answered: 87", "Totals: 199" (letters the text layer spaced: "T ot als:"),
      # "Total Responses: 157", "Number of responses: 47"
      (?<![\w])(?:Answered|T\s?o\s?t\s?a\s?l\s?s|Total\s+Responses|Number\s+of\s+responses)
      \s*:\s*(?P<n>\d[\d,]*)(?![\d,.]*\s?%)
    | # a form tool's line under the question: "40 responses"
      (?m:^)(?P<n>\d[\d,]*)[ ]responses?(?m:$)
    | # (n=212), n = 212, [n=2,104]
      (?<![\w])n\s?=\s?(?P<n>\d[\d,]*)
    | # meaning the total is 180 / (33), meaning the total was 153
      (?:meaning|so|leaving)\s+the\s+total\s+(?:is|was|of)\s+(?P<n>\d[\d,]*)
    | # All 186 participants provided an answer / responses from all 135 social workers
      (?<![\w])all\s+(?P<n>{NUMBER_PATTERN})\s+{PEOPLE_NOUN}
      (?=[^.]{{0,60}}?\b(?:answer|respon|complet|provided))
    | # received responses from all 135 social workers
      responses\s+from\s+all\s+(?P<n>{NUMBER_PATTERN})\s+{PEOPLE_NOUN}
    | # (32%) of the 5,400 members surveyed / among the 720 nurses who took part: the people a
      # share is of, named with how they were asked
      (?<![\w])(?:of|among)\s+(?:the|all|all\s+the)\s+(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)
      \s+(?:[\w’'-]+\s+){{0,3}}?
      (?:surveyed|polled|questioned|interviewed|who\s+(?:responded|took\s+part|answered
        |completed\s+the\s+survey|replied)|responding)\b
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


@dataclass(frozen=True)
class BaseFound(Found):
    n: int


# What the statements open with: after no word character, inside a word ("also the total"),
# or letter by letter.
_WORD_HEADS = ["base", "answered", "number", "all", "of", "among"]
# The statements that may open inside a word go on with white space: "so" and "responses" stand
# in many a word ("also", "reason") that opens no statement.
_ANYWHERE_HEADS = ["meaning", "so", "leaving", "responses"]
_WHITE_SPACE = patterns.compile(r"\s")
# "T ot als:", "Total Responses", "n = 212", after no word character: looked for in the folded
# text, where IGNORECASE's work is done already (a letter folded to ASCII is a word character
# to the statement's look-behind too).
_SPACED_HEADS = patterns.compile(r"(?<![a-z0-9_])(?=t\s?o\s?t|n\s?=)")


@per_document
def _base_starts(text: str) -> tuple[int, ...]:
    """Every offset of `text` where `_BASE` may match (and more), in order: found once by
    `str.find` for all the spans a document's questions read, where the engine tried the
    guard's dozen words at every character of every span."""
    folded_text = document_folded(text)
    starts = word_starts_of(text, folded_text, _WORD_HEADS)
    starts += [
        at
        for head in _ANYWHERE_HEADS
        for at in offsets_of(folded_text, [head])
        if _WHITE_SPACE.match(folded_text, at + len(head))
    ]
    starts += [m.start() for m in _SPACED_HEADS.finditer(folded_text)]
    starts += digit_starts(text)
    return tuple(sorted(set(starts)))


def iter_bases(text: str, start: int = 0, end: int | None = None) -> Iterator[BaseFound]:
    """Each statement of a question's base in `text[start:end]`, in order, at offsets in that
    span (the first is all a question needs: the scan stops there)."""
    for m in span_matches(_BASE, text, start, end, _base_starts(text)):
        n = number_value(m.group("n"))
        if n is not None:
            yield BaseFound(m.start(), m.end(), m.group(0), "base", n)


def find_bases(text: str, start: int = 0, end: int | None = None) -> list[BaseFound]:
    """Every statement of a question's base in `text[start:end]`, in order."""
    return list(iter_bases(text, start, end))
