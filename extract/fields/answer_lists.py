"""Open answers as survey tools list them. They carry no quote marks, yet they are respondents'
verbatim words, so they are quotes:
- numbered, each followed by the time it was given ("3 Clear navigation and worked examples
  3/4/2021 09:17 AM"), one answer over one or more lines;
- bulleted under the question's "Answered: N" line, with no table of shares between: an open
  question's answers (a bullet giving a share is a finding, not an answer);
- boxed, one answer a line, in the drawn box right under a "Text answers:" line, and in the
  boxes that carry it on over the next pages;
- set apart as a block quote (Markdown "> ", a web page's <blockquote>) with no quote marks
  of their own: a pull quote; a spokesperson's attribution makes it a statement.

Read in one pass: each time stamp ends an answer, which starts at the last numbered line since
the previous stamp; the text between two stamps is looked at once, so the work stays linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extract import patterns
from extract.document import Document
from extract.fields.quotes import QuoteFound, is_statement
from extract.intervals import Coverage
from extract.layout import LETTER_WORD, Block

# "3/4/2021 09:17 AM", "06/09/2019 22:58", "2019-09-06 22:58"
_STAMP = patterns.compile(
    r"(?<!\S)(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*[AaPp][Mm])?(?!\S)"
)
# The answer's number at the start of a line: "12 " (a list number, not "12%" or "12.5").
_NUMBERED = patterns.compile(r"(?m)^(?P<number>\d{1,4})[ \t]+(?=\S)")
_MAX_ANSWER = 2000
LISTED_RULES = frozenset({"numbered_answer_with_time", "bulleted_open_answer", "boxed_open_answer"})
"""The rules of answers a survey tool lists: each is one respondent's, and names no speaker."""


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


@dataclass(frozen=True)
class AnswerNumber:
    """The number a survey tool printed before one of its listed open answers, and where."""

    n: int
    start: int
    end: int


def listed_answers(text: str) -> list[QuoteFound]:
    """The numbered, time-stamped open answers in `text`, as quotes."""
    return [answer for _, answer in _numbered_answers(text)]


def answer_numbers(text: str) -> list[AnswerNumber]:
    """The numbers of the numbered, time-stamped open answers in `text`, in order."""
    return [number for number, _ in _numbered_answers(text)]


@lru_cache(maxsize=2)  # read once for the quotes and once for the free-text counts
def _numbered_answers(text: str) -> tuple[tuple[AnswerNumber, QuoteFound], ...]:
    found: list[tuple[AnswerNumber, QuoteFound]] = []
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
        number = AnswerNumber(
            int(opening.group("number")), opening.start("number"), opening.end("number")
        )
        found.append(
            (number, _answer(inner_start, inner_end, stripped, "numbered_answer_with_time"))
        )
    return tuple(found)


# A survey tool's note of how many answered a question: "Answered: 39".
ANSWERED_NOTE = patterns.compile(r"^answered\s*:?\s*\d", regex.IGNORECASE)
_CLOSES = frozenset({"table", "question", "caption"})


def bulleted_answers(doc: Document) -> list[QuoteFound]:
    """List items after an "Answered: N" note, until a table, question or caption."""
    found: list[QuoteFound] = []
    open_answers = False
    for block in doc.blocks:
        if block.kind == "note":
            open_answers = bool(ANSWERED_NOTE.match(block.text))
        elif block.kind in _CLOSES:
            open_answers = False
        elif open_answers and block.kind == "list_item" and "%" not in block.text:
            start = block.end - len(block.text)
            found.append(_answer(start, block.end, block.text, "bulleted_open_answer"))
    return found


_ANSWERS_HEADER = patterns.compile(
    r"^(?:(?:(?:text|open|free[- ]text|written)\s+)?(?:answers|responses|comments)"
    r"|free[- ]texts)\s*:?$",
    regex.IGNORECASE,
)


_ANSWERS_END = frozenset({"question", "note", "heading", "caption"})


def _box_lines(doc: Document, block: Block) -> list[QuoteFound]:
    """Each line of a box's paragraph is one answer (the loader has joined wrapped lines)."""
    found: list[QuoteFound] = []
    offset = block.start
    for line in doc.text[block.start : block.end].split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            found.append(_answer(start, start + len(stripped), stripped, "boxed_open_answer"))
        offset += len(line) + 1
    return found


_SHARE = patterns.compile(r"\d\s*%")


def _continues_box(doc: Document, blocks: tuple[Block, ...], index: int) -> bool:
    """Whether the box opening at block `index` carries on the answers of the box that ended
    just before it: the same answers cut by a page break, up to the next question, hold no
    share (a chart's values do)."""
    if index == 0 or blocks[index - 1].kind != "figure" or blocks[index].kind != "figure":
        return False
    for block in blocks[index + 1 :]:
        if block.kind == "figure" or block.kind in _ANSWERS_END:
            return True
        if _SHARE.search(doc.text, block.start, block.end):
            return False
    return True


def _answer_run(doc: Document, index: int) -> list[Block]:
    """The blocks from `index` that hold one header's answers: through the boxes that carry
    them on, up to the next question, note, heading or header."""
    blocks = doc.blocks
    run: list[Block] = []
    while index < len(blocks):
        block = blocks[index]
        if block.kind in _ANSWERS_END or _ANSWERS_HEADER.match(block.text):
            break
        if block.kind == "figure":
            if not (block.text.startswith("[end") or _continues_box(doc, blocks, index)):
                break
        else:
            run.append(block)
        index += 1
    return run


def boxed_answers(doc: Document) -> list[QuoteFound]:
    """The answers in the box (a chart area to the loader) an answers header opens or heads,
    and in the boxes that carry it on over the next pages: a line each, or a list item each
    with the lines wrapped under it. A run that states a share is a chart under a tab label
    ("Results | Free-texts"), not answers."""
    found: list[QuoteFound] = []
    blocks = doc.blocks
    for index, header in enumerate(blocks):
        if not _ANSWERS_HEADER.match(header.text):
            continue
        if index + 1 < len(blocks) and blocks[index + 1].kind == "figure":
            run = _answer_run(doc, index + 2)  # the header stands over the box
        elif _in_box(doc, header):
            run = _answer_run(doc, index + 1)
        else:
            continue
        if any(_SHARE.search(doc.text, block.start, block.end) for block in run):
            continue
        item: QuoteFound | None = None
        for block in run:
            if block.kind == "list_item":
                if item is not None:
                    found.append(item)
                start = block.end - len(block.text)
                item = _answer(start, block.end, block.text, "boxed_open_answer")
            elif item is not None:  # a line wrapped under the item above
                words = doc.text[item.start : block.end]
                item = _answer(item.start, block.end, words, "boxed_open_answer")
            else:
                found.extend(_box_lines(doc, block))
        if item is not None:
            found.append(item)
    return found


def _in_box(doc: Document, block: Block) -> bool:
    """Whether `block` lies inside a drawn box: the last marker before it opens one."""
    markers = [b for b in doc.blocks if b.kind == "figure" and b.end <= block.start]
    return bool(markers) and not markers[-1].text.startswith("[end")


def _inside(text: str, quote: QuoteFound, answer: QuoteFound) -> bool:
    """A quoted name or phrase within an open answer ('trigger name "factory"', 'Button
    'Deploy NFS' prompts') is part of the answer's words: the answer has words outside it."""
    if not (answer.start <= quote.start and quote.end <= answer.end):
        return False
    outside = text[answer.start : quote.start] + text[quote.end : answer.end]
    return any(char.isalpha() for char in outside)


# Fewer words than this set apart is a heading or a slogan, not somebody's words.
_BLOCK_QUOTE_WORDS = 4


def block_quotes(doc: Document) -> list[QuoteFound]:
    """Words set apart as a block quote, quote marks or not: the words of whoever the text
    attributes them to (a statement when that is a spokesperson or an official). The "> " is
    the quote's mark: the quote's span covers it, its words start after it."""
    if doc.page_starts:
        return []  # a PDF's ">" is a character on the page ("> 10 years"), not Markdown
    found = []
    for block in doc.blocks:
        if block.kind != "quote" or len(LETTER_WORD.findall(block.text)) < _BLOCK_QUOTE_WORDS:
            continue
        raw = doc.text[block.start : block.end]
        inner_start = block.start + len(raw) - len(raw.lstrip("> \t"))
        end = block.start + len(raw.rstrip())
        kind = "statement" if is_statement(doc.text, block.start, end) else "quote"
        found.append(
            QuoteFound(
                start=block.start,
                end=end,
                text=" ".join(block.text.split()),
                rule="block_quote",
                inner_start=inner_start,
                inner_end=end,
                kind=kind,
            )
        )
    return found


def with_listed_answers(doc: Document, quotes: list[QuoteFound]) -> list[QuoteFound]:
    """`quotes` and the listed answers and block quotes no quote already covers, in text
    order; a quoted phrase inside a listed answer gives way to the answer."""
    listed = [*listed_answers(doc.text), *bulleted_answers(doc), *boxed_answers(doc)]
    listed += block_quotes(doc)
    inner = {
        index
        for index, quote in enumerate(quotes)
        if any(_inside(doc.text, quote, answer) for answer in listed)
    }
    kept = [quote for index, quote in enumerate(quotes) if index not in inner]
    covered = Coverage((q.start, q.end) for q in kept)
    listed = [a for a in listed if not covered.overlaps(a.start, a.end)]
    return sorted([*kept, *listed], key=lambda q: q.start)
