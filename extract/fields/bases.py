"""How many people answered a question, as the report states it."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.numbers import NUMBER_PATTERN, PEOPLE_NOUN, number_value

_BASE = patterns.compile(
    rf"""
    # cheap guard: the words or the digit each statement below starts with (a new statement
    # adds its first word here; tests/test_pattern_guards.py compares the pattern without it);
    # without it the engine tried all of them at every character of the text
    (?=base|\d|answered|t\s?o|number|n\s?=|meaning|so|leaving|all|responses|of|among)
    (?:
      # Base: 135 Social Workers, Base = 135
      (?<![\w])Base\s?[:=]\s*(?P<n>\d[\d,]*)(?:\s+[A-Za-z][A-Za-z ]*[A-Za-z])?
    | # Base: All (1377), Base: All naming a party they will vote for (754), Base: All certain to
      # vote (excluding undecided) (1230): who was asked, then the count in brackets
      (?<![\w])Base\s?[:=]\s*(?:All|Those|Everyone|Respondents|People|Adults)\b
      (?:[^()\n\d]|\([^()\n\d]*\)){{0,100}}?\((?P<n>\d[\d,]*)\)
    | # 97 answered this question
      (?<![\w,.])(?P<n>\d[\d,]*)\s+(?:(?:people|respondents|participants)\s+)?answered\s+
      (?:this|the)\s+question
    | # survey tools: "Answered: 99", "Totals: 266" (letters the text layer spaced: "T ot als:"),
      # "Total Responses: 141", "Number of responses: 39"
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
    | # (32%) of the 8,000 members surveyed / among the 640 nurses who took part: the people a
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


def find_bases(text: str) -> list[BaseFound]:
    """Every statement of a question's base in `text`, in order."""
    found = []
    for m in _BASE.finditer(text):
        n = number_value(m.group("n"))
        if n is not None:
            found.append(BaseFound(m.start(), m.end(), m.group(0), "base", n))
    return found
