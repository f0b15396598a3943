"""Open answers as survey tools list them: numbered, each followed by the time it was given
("3 Clear navigation and worked examples 9/6/2019 10:58 AM"), one answer over one or more
lines. They carry no quote marks, yet they are respondents' verbatim words, so they are quotes.

Read in one pass: each time stamp ends an answer, which starts at the last numbered line since
the previous stamp; the text between two stamps is looked at once, so the work stays linear.
"""

from __future__ import annotations

import regex

from extract.fields.quotes import QuoteFound
from extract.intervals import Coverage

# "9/6/2019 10:58 AM", "06/09/2019 22:58", "2019-09-06 22:58"
_STAMP = regex.compile(
    r"(?<!\S)(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*[AaPp][Mm])?(?!\S)"
)
# The answer's number at the start of a line: "12 " (a list number, not "12%" or "12.5").
_NUMBERED = regex.compile(r"(?m)^(?P<number>\d{1,4})[ \t]+(?=\S)")
_MAX_ANSWER = 2000


def listed_answers(text: str) -> list[QuoteFound]:
    """The numbered, time-stamped open answers in `text`, as quotes."""
    found: list[QuoteFound] = []
    previous_end = 0
    for stamp in _STAMP.finditer(text):
        window_start = max(previous_end, stamp.start() - _MAX_ANSWER)
        starts = list(_NUMBERED.finditer(text, window_start, stamp.start()))
        previous_end = stamp.end()
        if not starts:
            continue
        opening = starts[-1]
        inner_start, inner_end = opening.end(), stamp.start()
        words = text[inner_start:inner_end]
        stripped = words.strip()
        if not stripped:
            continue
        inner_start += words.index(stripped)
        inner_end = inner_start + len(stripped)
        found.append(
            QuoteFound(
                start=inner_start,
                end=inner_end,
                text=" ".join(stripped.split()),
                rule="numbered_answer_with_time",
                inner_start=inner_start,
                inner_end=inner_end,
                kind="quote",
            )
        )
    return found


def with_listed_answers(text: str, quotes: list[QuoteFound]) -> list[QuoteFound]:
    """`quotes` and the listed answers no quote already covers, in text order."""
    covered = Coverage((q.start, q.end) for q in quotes)
    listed = [a for a in listed_answers(text) if not covered.overlaps(a.start, a.end)]
    return sorted([*quotes, *listed], key=lambda q: q.start)
