"""Open answers as survey tools list them. They carry no quote marks, yet they are respondents'
verbatim words, so they are quotes:
- numbered, each followed by the time it was given ("3 Clear navigation and worked examples
  9/6/2019 10:58 AM"), one answer over one or more lines;
- bulleted under the question's "Answered: N" line, with no table of shares between: an open
  question's answers (a bullet giving a share is a finding, not an answer);
- boxed, one answer a line, in the drawn box right under a "Text answers:" line.

Read in one pass: each time stamp ends an answer, which starts at the last numbered line since
the previous stamp; the text between two stamps is looked at once, so the work stays linear.
"""

from __future__ import annotations

import regex

from extract.document import Document
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


def _answer(start: int, end: int, words: str, rule: str) -> QuoteFound:
    """An answer as a quote: no quote marks, so the quote and its words cover the same span."""
    return QuoteFound(
        start=start,
        end=end,
        text=" ".join(words.split()),
        rule=rule,
        inner_start=start,
        inner_end=end,
        kind="quote",
    )


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
        found.append(_answer(inner_start, inner_end, stripped, "numbered_answer_with_time"))
    return found


_ANSWERED = regex.compile(r"^answered\s*:?\s*\d", regex.IGNORECASE)
_CLOSES = frozenset({"table", "question", "caption"})


def bulleted_answers(doc: Document) -> list[QuoteFound]:
    """List items after an "Answered: N" note, until a table, question or caption."""
    found: list[QuoteFound] = []
    open_answers = False
    for block in doc.blocks:
        if block.kind == "note":
            open_answers = bool(_ANSWERED.match(block.text))
        elif block.kind in _CLOSES:
            open_answers = False
        elif open_answers and block.kind == "list_item" and "%" not in block.text:
            start = block.end - len(block.text)
            found.append(_answer(start, block.end, block.text, "bulleted_open_answer"))
    return found


_ANSWERS_HEADER = regex.compile(
    r"^(?:(?:text|open|free[- ]text|written)\s+)?(?:answers|responses|comments)\s*:?$",
    regex.IGNORECASE,
)


def boxed_answers(doc: Document) -> list[QuoteFound]:
    """Each line of the box (a chart area to the loader) that follows an answers header."""
    found: list[QuoteFound] = []
    blocks = doc.blocks
    for index, block in enumerate(blocks[:-1]):
        after = blocks[index + 1]
        if not (_ANSWERS_HEADER.match(block.text) and after.kind == "figure"):
            continue
        end = next((b.start for b in blocks[index + 2 :] if b.kind == "figure"), None)
        if end is None:
            continue
        offset = after.end + 1
        for line in doc.text[offset:end].split("\n"):
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped)
                found.append(_answer(start, start + len(stripped), stripped, "boxed_open_answer"))
            offset += len(line) + 1
    return found


def with_listed_answers(doc: Document, quotes: list[QuoteFound]) -> list[QuoteFound]:
    """`quotes` and the listed answers no quote already covers, in text order."""
    covered = Coverage((q.start, q.end) for q in quotes)
    listed = [
        a
        for a in [*listed_answers(doc.text), *bulleted_answers(doc), *boxed_answers(doc)]
        if not covered.overlaps(a.start, a.end)
    ]
    return sorted([*quotes, *listed], key=lambda q: q.start)
