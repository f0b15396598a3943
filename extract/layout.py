"""Text to blocks: the layout of a report found once, line by line, and kept as structure.

Reports reach us as plain text, Markdown, or text rebuilt from a PDF. Whatever the source, the
same few shapes carry a survey's structure, and each becomes one block kind:

- `heading`: a Markdown heading (`## Q1.`), a bold line, or a short unpunctuated line;
- `question`: a line that asks ("…?") or is numbered as a question (`Q1`, `QA`, `Question 3.`,
  `P1`, `1.` before answers);
- `note`: "Base:", "Source:", "Note:", "Sample:", "Fieldwork:" lines;
- `caption`: "Figure 3:", "Chart 2 –", "Table 1.", "Exhibit 4", "Graph 5";
- `list_item`: a bulleted or numbered line;
- `table`: consecutive answer rows, whatever their style: `Label 33`, `Label: 63%`,
  `Yes - 22.4 %`, `Label ...... 22%`, `49% Label`, `| Label | 33% |`, `Female 50.0% 133`, or a
  label line followed by a value line (`Last year` / `15% (97 respondents)`);
- `table` with `grid`: a matrix question, a header naming the points of one answer scale
  ("Strongly agree Agree Neutral Disagree Strongly disagree") over rows with one share per point
  (`Item text 12% 30% 25% 20% 13%`, or survey-tool `3(12%)` cells);
- `figure`: the first and last lines of a chart the loader found (`Document.charts`; `extract
  text` shows them as "[chart, page N]" / "[end of chart]"): a boundary, never a label, a
  question or prose;
- `paragraph`: everything else (hard-wrapped lines joined).

Every block and every cell keeps its offsets in the text, so values read from them have spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Literal, NamedTuple

import regex

from extract import patterns
from extract.fields.dates import MONTH_WORD
from extract.fields.starts import document_folded, matches_at, offsets_of
from extract.vocab import best_scale, only_point_words, scale_points

if TYPE_CHECKING:
    from extract.document import Document
    from extract.markdown import Role

BlockKind = Literal[
    "heading", "question", "note", "caption", "list_item", "table", "paragraph", "quote", "figure"
]


@dataclass(frozen=True)
class Cell:
    """A piece of a row with its offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Number(Cell):
    """A number in an answer row: a percentage (with its % sign), a count, or bare."""

    value: float = 0.0
    unit: Literal["percent", "count", "bare"] = "bare"


@dataclass(frozen=True)
class Row:
    """One answer: its label and the numbers printed beside it."""

    label: Cell
    numbers: tuple[Number, ...]
    start: int
    end: int

    @property
    def percent(self) -> Number | None:
        return next((n for n in self.numbers if n.unit == "percent"), None)

    @property
    def count(self) -> Number | None:
        return next((n for n in self.numbers if n.unit == "count"), None)

    @property
    def bare(self) -> list[Number]:
        return [n for n in self.numbers if n.unit == "bare"]

    @property
    def is_total(self) -> bool:
        """The table's total, not an answer: "Total", "Total responses", "All respondents"."""
        return bool(_TOTAL_LABEL.match(_SPACES.sub("", self.label.text)))


# Read with the label's spaces removed: "Total", "Total responses", "All respondents", "N".
_TOTAL_LABEL = patterns.compile(
    r"^(?:totals?(?:responses|respondents|answers|sample)?|base|all\s*respondents|n)$",
    regex.IGNORECASE,
)
_SPACES = patterns.compile(r"\s+")


@dataclass(frozen=True)
class GridRow(Row):
    """A row of a grid: one number per scale point of the header above it."""

    points: tuple[str, ...] = ()
    earlier: bool = False
    """The row gives an earlier wave's shares for the row above (a topline's trend row)."""
    base: Number | None = None
    """How many the row's shares are of, where a column gives it (a topline's N column)."""


@dataclass(frozen=True)
class Block:
    """One unit of layout with its offsets; `rows` for tables, `level` for headings."""

    kind: BlockKind
    start: int
    end: int
    text: str
    level: int = 0
    marker: str | None = None
    """A list item's bullet or number, a question's code ("Q1", "QA", "P1")."""
    rows: tuple[Row, ...] = ()
    percent_header: bool = False
    """A table whose header says its bare numbers are percentages ("%", "Percent")."""
    header: tuple[str, ...] = field(default=())
    grid: tuple[str, ...] = ()
    """A grid's scale points as its header names them, one per column of each row's numbers."""

    def with_kind(self, kind: BlockKind) -> Block:
        """The same lines read as another kind (a question line inside a respondent's quote)."""
        return replace(self, kind=kind, marker=None)


# --- line shapes -------------------------------------------------------------------------------

_PCT = r"\d{1,3}(?:\.\d+)?\s?%"
_BARE = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_COUNT_WORDS = r"(?:votes?|respondents?|responses?|people|participants|answers?)"
# A count in brackets after a share: "(121 respondents)", "(11 votes)", "(640)".
_BRACKET_COUNT = rf"\(\s*(?P<count>{_BARE})(?:\s+{_COUNT_WORDS})?\s*\)"
_NUMBER_TOKEN = patterns.compile(
    rf"(?P<pct>{_PCT})|\(\s*(?P<bcount>{_BARE})(?:\s+{_COUNT_WORDS})?\s*\)|(?P<bare>{_BARE})"
)
# Tokens that can end an answer row, read from the right: "33%", "33", "%", "(121", "votes)",
# "(640)", "|". A token glued to its label ("phone:63%", "Jan-12") is split at its digits.
# "(34.3%)" and "12(34.3%)": a share in brackets after its count, as survey tools print them.
_TAIL_TOKEN = patterns.compile(
    rf"^(?:{_PCT}|%|\(?(?:{_BARE})\)?|\(?(?:{_BARE})|{_COUNT_WORDS}\)|\|"
    rf"|(?:{_BARE})?\({_PCT}\))$"
)
_GLUED = patterns.compile(rf"(?<=[^\W\d_][:–—-]?)(?:{_PCT}|{_BARE})$")
_MAX_ROW_NUMBERS = 3
# "49% Male", "98% (640) respondents said they …"
_VALUE_FIRST = patterns.compile(rf"^(?P<pct>{_PCT})\s*(?:{_BRACKET_COUNT})?\s+(?P<label>\D.*)$")
# A value-first line with a longer label, or "86% of staff …", is a sentence, not a row.
_VALUE_FIRST_WORDS = 6
# A line holding only a value: "18% (121 respondents)", "35%", "(11 votes)", or "13 (33.33%)",
# a bar's data label (a count and its share, no label).
_VALUE_ONLY = patterns.compile(
    rf"^(?:(?P<pct>{_PCT})\s*(?:{_BRACKET_COUNT})?|{_BRACKET_COUNT}|{_BARE}\s*\(\s*{_PCT}\s*\))$"
)
_MONTH = patterns.compile(MONTH_WORD, regex.IGNORECASE)
_BULLET = patterns.compile(r"^(?P<marker>[-•*·▪●◦‣–]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
_NUMBER_ALONE = patterns.compile(r"^\d{1,2}[.)]$")
_MARKDOWN_HEADING = patterns.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*)$")
_BOLD_LINE = patterns.compile(r"^\*\*(?P<title>[^*].*?)\*\*:?$")
_NOTE = patterns.compile(
    r"^[*_]*(?:Base|Bases|Source|Sources|Notes?|Sample|Fieldwork|Methodology|Total\s+sample"
    r"|Answered|Number\s+of\s+responses)"
    r"\s*[:=]",
    regex.IGNORECASE,
)
# A line that asks without its "?" (a new release may drop it): an interrogative with a verb,
# or an auxiliary with its subject: "How often do you …", "Would you recommend …".
_ASKS = patterns.compile(
    # after a lead-in that sets the scene: "In your experience, how …", "Thinking about X, do …"
    r"^(?:(?:in\s+your\s+(?:experience|opinion|view)|overall|thinking\s+(?:about|of)\s+[^,?]{1,80})"
    r",?\s+)?"
    r"(?:(?:how|what|which|who|why|when|where)\s+(?:[\w'’-]+\s+)?(?:do|does|did|would|will|are"
    r"|is|was|were|have|has|should|could|can|much|many|often|likely|satisfied|confident)"
    r"|(?:do|does|did|would|will|are|is|have|has|should|could|can)\s+(?:you|your|the|they|we)"
    r")\b",
    regex.IGNORECASE,
)

_SECOND_PERSON = patterns.compile(r"\b(?:you|your)\b", regex.IGNORECASE)


def reads_as_question(text: str) -> bool:
    """The text asks: it ends in "?", or it is a short line worded as a question."""
    text = text.strip(" *_#")
    if text.endswith("?"):
        return True
    if not _ASKS.match(text) or len(text.split()) > 40:
        return False
    # a full stop ends a statement ("How we did it."), unless the line asks the reader
    return not ends_sentence(text, ".!") or bool(_SECOND_PERSON.search(text))


# The words publishers put before a chart's number; one list for every reader of captions.
FIGURE_WORD = r"(?:Figure|Fig\.?|Chart|Graph|Exhibit)"
# What every word FIGURE_WORD takes begins with, in lower case: where a scan may look for one.
FIGURE_WORD_HEADS = ("fig", "chart", "graph", "exhibit")
# A line of nothing but white space, as a pattern's `\s` takes it.
_BLANK = patterns.compile(r"\s*")


def line_matches(
    pattern: regex.Pattern[str], text: str, words: Iterable[str], openers: str = ""
) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(text)` yields, for a MULTILINE pattern that opens with `^` or
    one of the characters `openers`, and whose every match holds one of `words` (lower case)
    after nothing but white space and markers since its start: on the word's own line, or
    over blank lines right above it. Tried only at those starts (a line holding a word, the
    blank lines above it, an opener before the word), not at every character of the text:
    a line pattern scanned over a whole text costs what a few hundred tries do."""
    # the text's first offset, which matches_at always tries, is a line's start: a match there
    # holds a word on its line or below blank lines, so it is among the starts already
    yield from matches_at(pattern, text, 0, _word_line_starts(text, tuple(words), openers))


# Memoised for the last few texts: the profiles' detectors ask for the lines of the same words
# ("base", a figure's) with different patterns.
@lru_cache(maxsize=8)
def _word_line_starts(text: str, words: tuple[str, ...], openers: str) -> tuple[int, ...]:
    """The starts `line_matches` tries its pattern at, in order."""
    starts = set()
    for at in offsets_of(document_folded(text), words):
        line = text.rfind("\n", 0, at) + 1
        starts.add(line)
        for opener in openers:
            found = text.find(opener, line, at)
            while found >= 0:
                starts.add(found)
                found = text.find(opener, found + 1, at)
        while line and _BLANK.fullmatch(text, text.rfind("\n", 0, line - 1) + 1, line):
            line = text.rfind("\n", 0, line - 1) + 1
            starts.add(line)
    return tuple(sorted(starts))


_CAPTION = patterns.compile(
    rf"^[*_#\s]*(?P<word>{FIGURE_WORD}|Table)\s*(?P<number>\d{{1,3}})\b",
    regex.IGNORECASE,
)
# Question codes: "Q1", "Q1.", "QA", "Q12b:", "Question 3.", "P1", "np3c", "VOTE1_1", "A1." and
# "1." before wording.
QUESTION_CODE = patterns.compile(
    r"""^(?P<code>
        Question\s*\d{1,3}[a-z]?
      | Q\s?\d{1,3}[a-z]?(?:_\d+)?
      | Q[A-Z]{1,2}(?=\s)
      | [A-Za-z]{1,5}\d{1,3}[a-z]?(?:_\d+|NET)?(?=\s)
    )(?:\s*[.:)\-–]\s*|\s+)(?:[A-Z]\d{1,3}\.\s+)?(?=\S)""",
    regex.VERBOSE,
)
# A numbered section: "4. Care Numbers", "4) …", "Section 4: …", "Part 4 - …".
NUMBERED_SECTION = patterns.compile(
    r"^(?:(?:Section|Part)\s+(?P<code>\d{1,2})\s*[.:)–-]|(?P<code>\d{1,2})[.)])\s+(?=[A-Z])"
)
_PIPE_RULE = patterns.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_HEADER_WORDS = patterns.compile(
    r"^(?:(?:answer(?:\s+choices)?|choices?|options?|responses?|response\s+(?:percent|count)"
    r"|values?|count|frequency|percent(?:age)?|%|n|total|question|[|])\s*)+$",
    regex.IGNORECASE,
)
# The loader's boundary lines around a chart's text (extract/loaders/pdf.py CHART_START/END).
LETTER_WORD = patterns.compile(r"[^\W\d_]{2,}")
"""A word of two letters or more: what makes a label a label, not a number or a mark."""


class _Line(NamedTuple):
    """A line's words and their offsets: a tuple, as one is made for every line of a text and
    a frozen dataclass costs a few times as much to make."""

    start: int
    end: int
    text: str
    number: int = -1
    """The line's 0-based number in the text; -1 for the second and later items of a line
    split at its bullets."""


def _lines(text: str) -> list[_Line]:
    """Non-blank lines stripped of surrounding white space, with offsets."""
    found = []
    pos = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip(" \t\xa0\u200b")
        if stripped:
            start = pos + raw.index(stripped)
            found.append(_Line(start, start + len(stripped), stripped, number))
        pos += len(raw) + 1
    return found


_GLYPH_BULLETS = "•●▪"


def _split_bullets(line: _Line) -> list[_Line]:
    """Items set side by side (two columns of bullets read across, "● Fast. ● Cheap") are one
    line in the text layer: each bullet glyph after the first starts an item of its own."""
    glyph = line.text[0]
    if glyph not in _GLYPH_BULLETS or f" {glyph} " not in line.text:
        return [line]
    parts = []
    start = 0
    for index in range(1, len(line.text) - 1):
        if line.text[index] == glyph and line.text[index - 1] == " " == line.text[index + 1]:
            parts.append((start, index))
            start = index
    parts.append((start, len(line.text)))
    found = []
    for a, b in parts:
        text = line.text[a:b].rstrip()
        number = line.number if a == 0 else -1
        found.append(_Line(line.start + a, line.start + a + len(text), text, number))
    return found


# A topline flattened onto one line (its line breaks lost in a copy): "… with the service? Satisfied
# 812 41% Dissatisfied 1168 59% np3c Do you approve …". A count and its share end an
# answer; a question code before capitalised wording starts a question; its "?" ends it.
_RUN_ON_ANSWER_END = patterns.compile(
    r"(?<=\s)(?:\d{1,3}(?:,\d{3})+|\d+)\s+\d{1,3}(?:\.\d+)?%(?=\s|$)"
)
_RUN_ON_CODE = patterns.compile(
    r"(?<=\s)(?:Q\d{1,3}[a-z]?|[A-Za-z]{1,5}\d{1,3}[a-z]?(?:_\d+|NET)?)\s+(?=[A-Z])"
)
_RUN_ON_QUESTION_END = patterns.compile(r"\?\s+(?=[A-Z\d])")
_RUN_ON_ANSWERS = 3


def _split_run_on(line: _Line) -> list[_Line]:
    """A line holding three or more answers of count and share, run together with question
    codes and wordings, is split into the lines it lost: each answer, each question."""
    if line.text.count("%") < _RUN_ON_ANSWERS:
        return [line]  # each answer ends in its own "%": most lines are told by counting them
    ends = [m.end() for m in _RUN_ON_ANSWER_END.finditer(line.text)]
    if len(ends) < _RUN_ON_ANSWERS:
        return [line]
    questions = [m.start() for m in _RUN_ON_CODE.finditer(line.text)]
    questions += [m.start() + 1 for m in _RUN_ON_QUESTION_END.finditer(line.text)]
    if not questions:
        return [line]  # one answer row with several columns of counts and shares
    cuts = {*ends, *questions}
    found = []
    start = 0
    for cut in [*sorted(cuts), len(line.text)]:
        part = line.text[start:cut]
        if part.strip():
            lead = len(part) - len(part.lstrip())
            text = part.strip()
            number = line.number if not found else -1
            found.append(
                _Line(
                    line.start + start + lead, line.start + start + lead + len(text), text, number
                )
            )
        start = cut
    return found


def _numbers(text: str, offset: int) -> tuple[Number, ...]:
    found = []
    for m in _NUMBER_TOKEN.finditer(text):
        if m.group("pct"):
            value, unit, group = m.group("pct").rstrip("% ").strip(), "percent", "pct"
        elif m.group("bcount"):
            value, unit, group = m.group("bcount"), "count", "bcount"
        else:
            value, group = m.group("bare"), "bare"
            # "12 (34.3%)": the number before a bracketed share is its count
            unit = "count" if text[m.end() : m.end() + 2].lstrip().startswith("(") else "bare"
        number = float(value.replace(",", ""))
        found.append(
            Number(m.group(group), offset + m.start(group), offset + m.end(group), number, unit)
        )
    return tuple(found)


def _label_cell(text: str, start: int, end: int) -> Cell | None:
    """The label part of a row, trimmed of separators; None if it has no word."""
    raw = text[start:end]
    stripped = raw.strip(" \t|:：–—-.*•")
    if not stripped:
        return None
    offset = start + raw.index(stripped)
    return Cell(stripped, offset, offset + len(stripped))


def parse_row(line: str, offset: int = 0) -> Row | None:
    """`line` as an answer row (label and numbers), or None."""
    body = _BULLET.sub("", line) if not NUMBERED_SECTION.match(line) else line
    if not _DIGIT.search(body) and not body.endswith(_UNDER_HALF):
        return None  # no number to read, and not marked as under half a percent: most prose
    if _VALUE_ONLY.match(body):
        return None  # "13 (33.33%)": a value with no label, whatever its first number
    shift = len(line) - len(body)
    value_first = _VALUE_FIRST.match(body)
    if (
        value_first
        and len(value_first.group("label").split()) <= _VALUE_FIRST_WORDS
        and not value_first.group("label").lower().startswith("of ")
    ):
        label = _label_cell(body, value_first.start("label"), value_first.end("label"))
        if label and LETTER_WORD.search(label.text):
            numbers = _numbers(body[: value_first.start("label")], 0)
            return _shifted_row(label, numbers, offset + shift, line, offset)
    if body.endswith(_UNDER_HALF):  # "Don't know *": printed, but under half a percent
        label = _label_cell(body, 0, len(body) - 1)
        if label and LETTER_WORD.search(label.text):
            return _shifted_row(label, (), offset + shift, line, offset)
        return None
    tail_start = _tail_start(body)
    if tail_start is None or body[:tail_start].rstrip().endswith(("+", "±")):
        return None
    label = _label_cell(body, 0, tail_start)
    if label is None or len(label.text.split()) > 25:
        return None
    numbers = _numbers(body[tail_start:], tail_start)
    if not numbers or len(numbers) > _MAX_ROW_NUMBERS:
        return None
    if not LETTER_WORD.search(label.text) and not _SCALE_POINT.fullmatch(label.text):
        return None
    if all(n.unit == "bare" for n in numbers) and not _is_bare_row(label.text, numbers):
        return None
    return _shifted_row(label, numbers, offset + shift, line, offset)


_DIGIT = patterns.compile(r"\d")  # what every number of a row starts with, as the row patterns say
_UNDER_HALF = (" *", "\t*")  # a share printed as "*": under half a percent
_TOKEN = patterns.compile(r"\S+")  # compiled once: every row line is tokenised
_TOKEN_FROM_RIGHT = patterns.compile(r"(?r)\S+")  # the same tokens, the last one first
_SCALE_POINT = patterns.compile(r"\d{1,2}")  # "9 5": point 9 of a numeric scale
_YEAR = patterns.compile(r"(?:19|20)\d\d")


def _tail_start(body: str) -> int | None:
    """Where the numbers that end `body` begin, read token by token from the right (a regex
    anchored at the end would retry from every position of a long line)."""
    # the tokens a row's numbers may take, from the right, and one more: a line of two tokens
    # is told by its count (a long line is never tokenised to its start)
    last = list(islice(_TOKEN_FROM_RIGHT.finditer(body), 2 * _MAX_ROW_NUMBERS + 3))
    start = None
    numeric = 0
    for token in last[: 2 * _MAX_ROW_NUMBERS + 2]:
        text = token.group()
        if _TAIL_TOKEN.match(text):
            start = token.start()
            numeric += text != "|" and text != "%"
            continue
        glued = _GLUED.search(text)
        if glued and numeric < _MAX_ROW_NUMBERS:
            start = token.start() + glued.start()
        break
    if start == 0 and len(last) == 2 and _SCALE_POINT.fullmatch(last[1].group()):
        return last[0].start()  # "9 5": point 9 of a numeric scale, 5%
    if start is None or start == 0 or not body[:start].strip(" |"):
        return None
    return start


def _is_bare_row(label: str, numbers: tuple[Number, ...]) -> bool:
    """Bare numbers end many lines that are not rows ("… Poll 2", "… April 2005"): a short label
    and no year."""
    year = len(numbers) == 1 and _YEAR.fullmatch(numbers[0].text)
    month = _MONTH.fullmatch(label)  # "Jan-12": an axis date
    return not year and not month and len(label.split()) <= 8


def _shifted_row(
    label: Cell, numbers: tuple[Number, ...], shift: int, line: str, offset: int
) -> Row:
    return Row(
        label=Cell(label.text, label.start + shift, label.end + shift),
        numbers=tuple(
            Number(n.text, n.start + shift, n.end + shift, n.value, n.unit) for n in numbers
        ),
        start=offset,
        end=offset + len(line),
    )


def _value_only(line: _Line) -> tuple[Number, ...] | None:
    match = _VALUE_ONLY.match(line.text)
    return _numbers(line.text, line.start) if match else None


def _line_block(line: _Line) -> Block:
    """A non-row line as its block: heading, note, caption, question, list item, paragraph."""
    text = line.text
    heading = _MARKDOWN_HEADING.match(text)
    if heading:
        title = heading.group("title").rstrip("# \t").strip("* ")
        return _heading_block(line, title, len(heading.group("hashes")))
    if _NOTE.match(text):
        return Block("note", line.start, line.end, text)
    caption = _CAPTION.match(text)
    if caption:
        return Block("caption", line.start, line.end, text, marker=caption.group("number"))
    bold = _BOLD_LINE.match(text)
    if bold:
        title = bold.group("title")
        if QUESTION_CODE.match(title) or reads_as_question(title):
            return _question_block(line, title, 0)
        return Block("heading", line.start, line.end, title, level=3)
    if text.startswith(">"):
        return Block("quote", line.start, line.end, text.lstrip("> "))
    code = QUESTION_CODE.match(text)
    if code and len(text.split()) >= 3:
        return _question_block(line, text, 0)
    numbered = NUMBERED_SECTION.match(text)
    if numbered and not ends_sentence(text, ".!"):
        return _question_block(line, text, 0, numbered.group("code"))
    bullet = _BULLET.match(text)
    if bullet:
        return Block(
            "list_item",
            line.start + bullet.end(),  # the item's words, as a Markdown item's: not its marker
            line.end,
            text[bullet.end() :],
            marker=bullet.group("marker"),
        )
    if reads_as_question(text) and len(text.split()) >= 3:
        return _question_block(line, text, 0)
    return Block("paragraph", line.start, line.end, text)


def _reads_as_heading(line: _Line) -> bool:
    """A line set as a heading that is not an answer row or a value set large."""
    return parse_row(line.text) is None and _value_only(line) is None


def _heading_block(line: _Line, title: str, level: int) -> Block:
    """A heading, or a question when its title asks or carries a question code; a numbered
    section's heading ("4. Care Numbers") is read as the same line unmarked would be, so a
    report's sections do not depend on whether a font or a "#" set them apart."""
    if QUESTION_CODE.match(title) or reads_as_question(title):
        return _question_block(line, title, level)
    numbered = NUMBERED_SECTION.match(title)
    if numbered and not ends_sentence(title, ".!"):
        return _question_block(line, title, level, numbered.group("code"))
    return Block("heading", line.start, line.end, title, level=level)


def _question_block(line: _Line, text: str, level: int, code: str | None = None) -> Block:
    match = QUESTION_CODE.match(text)
    if match:
        code = match.group("code")
    return Block("question", line.start, line.end, text, level=level, marker=code)


def printed_code(block: Block) -> str | None:
    """The code or number a question or heading line is printed with ("Q3", "3"): a PDF's
    numbered section is a heading ("## 3. Care Numbers"), its text copy a question line."""
    if block.kind == "question" and block.marker:
        return block.marker
    if block.kind not in ("question", "heading"):
        return None
    match = QUESTION_CODE.match(block.text) or NUMBERED_SECTION.match(block.text)
    return match.group("code") if match else None


_LABEL_CHARS = 400  # twenty words at the most, so never a paragraph grown line by line


def _is_label_line(block: Block) -> bool:
    """A line that can name the value printed on the line below it."""
    if block.kind not in {"paragraph", "list_item", "heading"} or len(block.text) > _LABEL_CHARS:
        return False
    words = block.text.split()
    return (
        0 < len(words) <= 20
        and bool(LETTER_WORD.search(block.text))
        and not ends_sentence(block.text, ".!")
    )


@dataclass(frozen=True)
class Given:
    """Structure the loader found and hands on (never written into the text for the layout
    to parse back): the lines it knows to be headings, by their start and level, and the
    starts of the boundary lines around each chart."""

    headings: dict[int, int] = field(default_factory=dict)
    chart_lines: frozenset[int] = frozenset()


def text_to_blocks(
    text: str, *, markdown: bool = False, paged: bool = False, given: Given | None = None
) -> tuple[Block, ...]:
    """The blocks of `text`, in order; Markdown's own structure (lists, quotes, pipe tables,
    setext headings, code fences) found by a Markdown parser when `markdown`; the loader's
    own (`given`) taken as it is. Text a PDF's pages were read into (`paged`) has its headings
    given from their fonts and its chart labels set a line each, so the rules that find
    headings and lists in plain text by the shape of their lines alone are not applied to
    it."""
    given = given or Given()
    roles: dict[int, Role] = {}
    if markdown:
        from extract.markdown import markdown_roles  # the parser is loaded only for Markdown

        roles = markdown_roles(text)
    items: list[Block | Row] = []
    lines = [
        part
        for line in _lines(text)
        for bullet in _split_bullets(line)
        for part in _split_run_on(bullet)
    ]
    for line in lines:
        role = roles.get(line.number)
        if line.start in given.chart_lines:
            items.append(Block("figure", line.start, line.end, line.text))
        elif line.start in given.headings:
            items.append(_heading_block(line, line.text.strip("* "), given.headings[line.start]))
        elif role is None:
            _read_line(text, items, line)
        else:
            _read_role(text, items, line, role)
    blocks = _tables(items if paged else _prose_rows_rejoined(text, items))
    # a table's header row with no answer rows under it is an ordinary line
    blocks = tuple(
        replace(b, header=()) if b.kind == "paragraph" and b.header else b for b in blocks
    )
    blocks = _numbered_lists(text, blocks)
    blocks = _standalone_headings(text, _unmarked_lists(text, blocks, paged=paged))
    return blocks if paged else _wrapped_headings(text, blocks)


def _numbered_lists(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Numbered lines one under another, numbered in turn and with nothing between them ("1.
    Money worries", "2. Time pressure"), are a list's items, not sections: a numbered section
    ("4. Care Numbers") has its own text under it before the next one."""
    found = list(blocks)
    numbers = [_section_number(block) for block in found]
    i = 0
    while i < len(found):
        end = i + 1  # the run is found[i:end]
        while (
            end < len(found)
            and numbers[end - 1] is not None
            and numbers[end] == (numbers[end - 1] or 0) + 1
            and text.count("\n", found[end - 1].end, found[end].start) == 1
        ):
            end += 1
        for j in range(i, end) if end - i >= 2 else ():
            block = found[j]
            cut = NUMBERED_SECTION.match(block.text)
            assert cut is not None
            found[j] = Block(
                "list_item",
                block.end - len(block.text) + cut.end(),
                block.end,
                block.text[cut.end() :],
                marker=f"{block.marker}.",
            )
        i = end
    return tuple(found)


def _section_number(block: Block) -> int | None:
    """The number of a question block read from a numbered line that asks nothing ("2.
    Repairs"), or None."""
    if block.kind != "question" or not (block.marker or "").isdigit():
        return None
    if block.text.rstrip().endswith("?") or not NUMBERED_SECTION.match(block.text):
        return None
    return int(block.marker or 0)


def _read_line(text: str, items: list[Block | Row], line: _Line) -> None:
    """Read one line by the line rules: a row, a value under its label, or a block."""
    if _PIPE_RULE.match(line.text):
        return  # a Markdown table's rule line
    # the rules that read numbers all need a digit (or a share printed as "*"): most lines of
    # prose hold none, and go to the block rules without trying a row's patterns
    numbered = _DIGIT.search(line.text) or line.text.endswith(_UNDER_HALF)
    if numbered and _read_numbers(items, line):
        return
    block = _line_block(line)
    previous = items[-1] if items else None
    if (
        block.kind == "paragraph"
        and isinstance(previous, Block)
        and previous.kind == "paragraph"
        and _continues(text, previous, line)
    ):
        items[-1] = Block("paragraph", previous.start, line.end, text[previous.start : line.end])
        return
    items.append(block)


def _read_numbers(items: list[Block | Row], line: _Line) -> bool:
    """Read a line holding a number by the rules for numbers: a list number alone, a grid row,
    a value under its label or its share, an answer row. False when none reads it."""
    if _NUMBER_ALONE.match(line.text):
        return True  # a list number on its own line
    points = _grid_context(items)
    if points:
        grid_row = parse_grid_row(line.text, line.start, points)
        if grid_row is not None:
            items.append(grid_row)
            return True
    values = _value_only(line)
    if values is not None:
        previous = items[-1] if items else None
        if isinstance(previous, Row) and all(v.unit == "count" for v in values):
            items[-1] = Row(
                previous.label, previous.numbers + values, previous.start, line.end
            )  # "(11 votes)" under its share
        elif isinstance(previous, Block) and _is_label_line(previous):
            label = Cell(previous.text, previous.end - len(previous.text), previous.end)
            items[-1] = Row(label, values, previous.start, line.end)
        else:
            items.append(Block("paragraph", line.start, line.end, line.text))
        return True
    row = parse_row(line.text, line.start)
    if (
        row is not None
        and not _NOTE.match(line.text)
        and not _CAPTION.match(line.text)  # "Graph 1" is a chart's number, not a row
        and not _is_question_row(line.text)
    ):
        items.append(row)
        return True
    return False


# A row's label this long, its sentence going on in lower case on the next line, is prose.
_PROSE_ROW_WORDS = 6


def _prose_rows_rejoined(text: str, items: list[Block | Row]) -> list[Block | Row]:
    """A hard-wrapped prose line that happened to end in a number ("… in principle, while 31%"
    over "were against it.") is not an answer row: its label is long and its sentence goes on
    in lower case on the very next line. It is joined with that line (and with the paragraph
    above it, when it carried that one on) into one paragraph."""
    found: list[Block | Row] = []
    joined: Block | None = None  # the paragraph the row before was joined into
    for i, item in enumerate(items):
        if joined is not None:
            item, joined = joined, None
        after = items[i + 1] if i + 1 < len(items) else None
        if (
            isinstance(item, Row)
            and isinstance(after, Block)
            and after.kind == "paragraph"
            and len(item.label.text.split()) >= _PROSE_ROW_WORDS
            and text.count("\n", item.end, after.start) == 1
            and after.text[:1].islower()
        ):
            start = item.start
            before = found[-1] if found else None
            if (
                isinstance(before, Block)
                and before.kind == "paragraph"
                and text.count("\n", before.end, item.start) == 1
                and item.label.text[:1].islower()
            ):
                start = found.pop().start
            joined = Block("paragraph", start, after.end, text[start : after.end])
            continue
        found.append(item)
    return found


_ITEM_MARKER = patterns.compile(r"^(?:[-+*]|\d{1,9}[.)])\s+")


def _read_role(text: str, items: list[Block | Row], line: _Line, role: Role) -> None:
    """Read one line whose structure Markdown gives (`extract/markdown.py`); the line rules
    still decide rows, notes, captions and questions inside it."""
    previous = items[-1] if items else None
    if role.kind == "skip":
        return
    if role.kind == "code":  # a fenced block: its text, never read for structure
        items.append(Block("paragraph", line.start, line.end, line.text))
    elif role.kind == "quote":
        items.append(Block("quote", line.start, line.end, line.text.lstrip("> "), level=role.level))
    elif role.kind == "heading" and _reads_as_heading(line):
        items.append(_heading_block(line, line.text.strip("* "), role.level))
    elif role.kind == "table_head":
        cells = tuple(text[a:b] for a, b in role.cells)
        items.append(Block("paragraph", line.start, line.end, line.text, header=cells))
    elif role.kind == "table_row":
        points = _grid_context(items)
        row = (parse_grid_row(line.text, line.start, points) if points else None) or _cell_row(
            text, role.cells, line
        )
        if row is not None:
            items.append(row)
        else:
            _read_line(text, items, line)
    elif role.kind == "item":
        _read_line(text, items, line)
        last = items[-1] if items else None
        if isinstance(last, Block) and line.start <= last.start < line.end:
            if last.kind == "list_item":
                items[-1] = replace(last, level=role.level)
            elif last.kind == "paragraph":  # "+ item", "10) item": Markdown's, not the rules'
                body = _ITEM_MARKER.sub("", line.text)
                items[-1] = Block(
                    "list_item", line.end - len(body), line.end, body, role.level, role.marker
                )
    elif _carries_on(text, items, line, role):
        assert isinstance(previous, Block)
        if previous.kind == "quote":
            body = f"{previous.text}\n{line.text.lstrip('> ')}"
        elif previous.kind == "paragraph":
            body = text[previous.start : line.end]
        else:  # the whole item decides: "1. … remember." ends a sentence, so it asks nothing
            start = _line_start(text, previous.start)  # the item again with its marker
            whole = _line_block(_Line(start, line.end, text[start : line.end]))
            items[-1] = replace(whole, level=role.level if whole.kind == "list_item" else 0)
            return
        items[-1] = replace(previous, end=line.end, text=body)
    else:
        _read_line(text, items, line)


def _carries_on(text: str, items: list[Block | Row], line: _Line, role: Role) -> bool:
    """A later line of a code block joins it; one of a quote or a list item when it is marked
    (`>`, indented further than the item's first line) or goes on in lower case (a "lazy"
    line, which in a plain-text report may as well start a new paragraph), and, for an item,
    is plain prose: not an answer row, a note, a caption or a question."""
    previous = items[-1] if items else None
    if role.kind != "continue" or not isinstance(previous, Block):
        return False
    if role.of == "code":
        return previous.kind == "paragraph"
    if not (
        _indent(text, line.start) > _line_indent(text, previous.start)
        or line.text.startswith(">")
        or line.text[:1].islower()
    ):
        return False
    if previous.kind == "paragraph" and (
        _introduces_list(previous.text) or previous.text.strip().isdigit()
    ):
        # a capitalised line indented under "These included:" (or under a page number inside
        # the list) is one of the list's items, not the line above carried on
        return line.text[:1].islower()
    if role.of == "quote":
        return previous.kind == "quote"
    points = _grid_context(items)
    return (
        previous.kind in ("list_item", "question", "paragraph")
        and parse_row(line.text, line.start) is None
        and _value_only(line) is None
        and not (points and parse_grid_row(line.text, line.start, points))
        and _plain(_line_block(line))
    )


def _indent(text: str, start: int) -> int:
    """How far into its line `start` is."""
    return start - (text.rfind("\n", 0, start) + 1)


def _line_start(text: str, offset: int) -> int:
    """Where the words of the line holding `offset` start (a list item's marker, not its
    words)."""
    line_start = text.rfind("\n", 0, offset) + 1
    head = text[line_start:offset]
    return line_start + len(head) - len(head.lstrip())


def _line_indent(text: str, offset: int) -> int:
    """How far the line holding `offset` is indented."""
    return _indent(text, _line_start(text, offset))


def _plain(block: Block) -> bool:
    """Prose, or the end of a question wrapped onto this line ("do you use?")."""
    asks = block.kind == "question" and block.marker is None and block.text[:1].islower()
    return block.kind == "paragraph" or asks


def _cell_row(text: str, cells: tuple[tuple[int, int], ...], line: _Line) -> Row | None:
    """A pipe table's row read by its cells: the first cell the label (an escaped pipe in it is
    a pipe), every other cell numbers only; None when the cells do not say so."""
    if len(cells) < 2:
        return None
    label = _label_cell(text, *cells[0])
    if label is None or not (LETTER_WORD.search(label.text) or _SCALE_POINT.fullmatch(label.text)):
        return None
    numbers: list[Number] = []
    for start, end in cells[1:]:
        cell = text[start:end]
        if not all(_TAIL_TOKEN.match(token) for token in cell.split()):
            return None
        numbers.extend(_numbers(cell, start))
    if not numbers or len(numbers) > _MAX_ROW_NUMBERS:
        return None
    if all(n.unit == "bare" for n in numbers) and not _is_bare_row(label.text, tuple(numbers)):
        return None
    label = Cell(label.text.replace("\\|", "|"), label.start, label.end)
    return Row(label, tuple(numbers), line.start, line.end)


_HEADING_WORDS = 12


# How a line that is a heading may not end: it would be a sentence, a clause or a lead-in.
_NOT_HEADING_ENDS = (".", ",", ";", ":", "!", "?", "”", "’", '"', "'")


def _short_capitalised(text: str, most_words: int) -> bool:
    """One line of at most `most_words` words, its first character a capital: the shape that
    headings and list items lost of their bullets share. The words are counted last and no
    further than one too many, as most blocks fail the cheaper tests."""
    return (
        "\n" not in text
        and text[:1].isupper()
        and 0 < len(text.split(None, most_words)) <= most_words
    )


def _heading_shaped(block: Block) -> bool:
    """A paragraph of one short line, capitalised and unpunctuated: what plain text sets as a
    heading, whatever sets it apart."""
    return (
        block.kind == "paragraph"
        and _short_capitalised(block.text, _HEADING_WORDS)
        and ": " not in block.text  # "Published: 3 May 2023" labels a value
        and not block.text.rstrip().endswith(_NOT_HEADING_ENDS)
    )


def _standalone_headings(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A short line standing alone between blank lines, capitalised and unpunctuated, above a
    paragraph is a heading ("Funding", "Workload and staffing"): plain text marks headings so."""
    found = list(blocks)
    for i, block in enumerate(found[:-1]):
        after = found[i + 1]
        if (
            _heading_shaped(block)
            and after.kind in {"paragraph", "list_item", "quote"}
            and text.count("\n", block.end, after.start) >= 2
            and (i == 0 or text.count("\n", found[i - 1].end, block.start) >= 2)
        ):
            found[i] = block.with_kind("heading")
    return tuple(found)


# A line introducing a list: "These included:", "… such as", "… including". The white space
# after it is read as `\s*(?::\s*)?`, not `\s*:?\s*`, whose two runs split a long run of
# spaces every way before failing (quadratic; the same lines match).
_LIST_INTRO = patterns.compile(
    r"(?::|\b(?:include[sd]?|including|such\s+as))\s*(?::\s*)?$", regex.IGNORECASE
)
# What a list's introduction ends with before white space, in any case: its colon, or the last
# letter of "include", "includes", "included", "including" or "such as". A paragraph ending in
# any other character introduces no list, and is not searched from every character for one.
_LIST_INTRO_LAST = patterns.compile(r"[:edgs]", regex.IGNORECASE)
_LAST_NON_SPACE = patterns.compile(r"(?r)\S")


def _introduces_list(text: str) -> bool:
    """Whether `text` ends by introducing a list ("These included:", "… such as")."""
    last = _LAST_NON_SPACE.search(text)
    return bool(last and _LIST_INTRO_LAST.fullmatch(last.group()) and _LIST_INTRO.search(text))


_LIST_ITEM_WORDS = 12
# A hard-wrapped prose line often breaks after a small word; a list item does not.
_WRAPPED_MID_PHRASE = patterns.compile(
    r"\b(?:and|or|the|of|to|a|an|in|for|with|that|as|more|than|which)$", regex.IGNORECASE
)


def _item_shaped(block: Block) -> bool:
    """A one-line paragraph that can be an item of a list that lost its bullets: short,
    capitalised, not a sentence, not prose wrapped mid-phrase."""
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and _short_capitalised(text, _LIST_ITEM_WORDS)
        and not ends_paragraph(text, ".!?:…")
        and not text.endswith((",", ";"))
        and not _WRAPPED_MID_PHRASE.search(text)
    )


def _unmarked_lists(text: str, blocks: tuple[Block, ...], *, paged: bool) -> tuple[Block, ...]:
    """Short capitalised lines, one under another, after a line that introduces a list ("These
    included:") are its items: bullets a conversion to plain text dropped. A page number between
    them is passed over; a line repeating an item of the list (the item again as the heading
    of its own part) ends it. On a PDF's pages, where lines broken inside one block are a
    chart's labels, an item is a block of its own (a blank line above it)."""
    found = list(blocks)
    i = 0
    while i < len(found):
        if found[i].kind not in {"paragraph", "list_item"} or not _introduces_list(found[i].text):
            i += 1
            continue
        seen: set[str] = set()
        j = i + 1
        while j < len(found):
            block = found[j]
            if block.kind == "paragraph" and block.text.strip().isdigit():
                j += 1  # a page number the list runs over
                continue
            if (
                not _item_shaped(block)
                or block.text.strip() in seen
                or (paged and text.count("\n", found[j - 1].end, block.start) < 2)
            ):
                break
            seen.add(block.text.strip())
            found[j] = block.with_kind("list_item")
            j += 1
        i = max(j, i + 1)
    return tuple(found)


def _title_case(text: str) -> bool:
    words = text.split()
    return sum(word[0].isupper() for word in words) * 2 >= len(words)


def _wrapped_headings(text: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """In text with no blank lines between paragraphs, a short line in title case, standing
    between a finished paragraph (or a list) and the prose it heads, is a heading ("Staffing
    and Workload"): the line itself is all that sets it apart."""
    found = list(blocks)
    for i in range(1, len(found) - 1):
        block, before, after = found[i], found[i - 1], found[i + 1]
        if (
            _heading_shaped(block)
            and _title_case(block.text)
            and text.count("\n", before.end, block.start) == 1
            and (before.kind == "list_item" or ends_paragraph(before.text))
            and after.kind in {"paragraph", "quote"}
            and after.text[:1].isupper()
        ):
            found[i] = block.with_kind("heading")
    return tuple(found)


# --- grids ------------------------------------------------------------------------------------

_GRID_MIN_POINTS = 3
_GRID_HEADER_WORDS = 30
# A header is one short line: a longer block (a paragraph growing line by line) is never tried,
# else every line of a hard-wrapped paragraph would split the whole paragraph again.
_GRID_HEADER_CHARS = 400
_SCALE_PHRASE_WORDS = 6
_GRID_PCT = patterns.compile(
    r"^(?:(?P<count>\d{1,3}(?:,\d{3})*)\s*(?=\())?\(?(?P<pct>\d{1,3}(?:\.\d+)?)%\)?$"
)
_GRID_BRACKET_PCT = patterns.compile(r"^\((?P<pct>\d{1,3}(?:\.\d+)?)%\)$")
WHOLE = (90.0, 110.0)
"""Shares adding up to this much are the whole sample's (rounding, and a tool's own "100")."""
_GRID_BARE = patterns.compile(r"^\d{1,3}(?:\.\d+)?$")


_HEADER_GAPS = patterns.compile(r"[\s|]+")
_HEADER_WORD = patterns.compile(r"[^\s|]+")  # the words `_HEADER_GAPS` splits a header into


def grid_header(text: str) -> tuple[str, ...] | None:
    """The scale points a grid's header line names, left to right, or None: every word of the
    line belongs to a point, at least three points of one scale in its order, pole to pole
    either way (non-answers such as "Don't know" allowed beside them). Phrases are tried
    longest first, then shortest first ("DISAGREE STRONGLY DISAGREE" is two points, not
    "disagree strongly" and one word left)."""
    stripped = text.strip(" |*_#")
    if "|" not in text:
        first = _HEADER_WORD.search(stripped)
        if first is None or not only_point_words([first.group()]):
            return None  # most lines: told by their first word before all are split apart
    words = [w for w in _HEADER_GAPS.split(stripped) if w]
    if not words or len(words) > _GRID_HEADER_WORDS:
        return None
    if "|" in text:
        return _cell_header(text)
    if len(words) < _GRID_MIN_POINTS or not only_point_words(words):
        return None  # no run of these words names three points: most lines, told cheaply
    for longest in (True, False):
        points = _scale_phrases(words, upper=text.isupper(), longest=longest)
        if points is not None and _one_scale(points):
            return points
    return None


# The name of a grid's item column ("Statement", "Item", "Aspect") heading its first cell.
_ITEM_COLUMN_WORDS = 3


def _cell_header(text: str) -> tuple[str, ...] | None:
    """A header in cells ("Statement | Agree | Neutral | Disagree"): each cell one point of one
    scale, the first cell perhaps naming the item column instead."""
    cells = [cell.strip(" *_#") for cell in text.strip(" |").split("|")]
    if cells and not scale_points(cells[0]) and len(cells[0].split()) <= _ITEM_COLUMN_WORDS:
        cells = cells[1:]
    if not cells or not all(scale_points(cell) for cell in cells):
        return None
    points = tuple(cells)
    return points if _one_scale(points) else None


def _scale_phrases(words: list[str], *, upper: bool, longest: bool) -> tuple[str, ...] | None:
    points: list[str] = []
    index = 0
    while index < len(words):
        sizes = range(1, min(_SCALE_PHRASE_WORDS, len(words) - index) + 1)
        for size in reversed(sizes) if longest else sizes:
            phrase = " ".join(words[index : index + size])
            # "Disagree Strongly disagree": a capital starts the next point, unless all capitals
            if not upper and any(w[:1].isupper() for w in words[index + 1 : index + size]):
                continue
            if scale_points(phrase):
                points.append(phrase)
                index += size
                break
        else:
            return None
    return tuple(points)


def _one_scale(points: tuple[str, ...]) -> bool:
    if len(points) < _GRID_MIN_POINTS:
        return False
    best = best_scale(list(points))
    if best is None:
        return False
    positions = [p for p in best[2] if p is not None]
    named = [
        position is not None or any(p.kind == "unknown" for p in scale_points(point))
        for point, position in zip(points, best[2], strict=True)
    ]
    rising = all(a < b for a, b in pairwise(positions))
    falling = all(a > b for a, b in pairwise(positions))
    return all(named) and (rising or falling)


def parse_grid_row(line: str, offset: int, points: tuple[str, ...]) -> GridRow | None:
    """`line` as a grid row with exactly one number per point, read token by token from the
    right ("12%", "12", "3(12%)", "3 (12%)"); None when the count differs, no label is left, or
    bare numbers do not add up to a whole."""
    tokens = list(_TOKEN.finditer(line))
    numbers: list[Number] = []
    start = None
    index = len(tokens) - 1
    while index >= 0 and len(numbers) <= len(points):
        token = tokens[index]
        text = token.group()
        if text == "|":
            index -= 1
            continue
        pct = _GRID_PCT.match(text)
        bare = _GRID_BARE.match(text)
        if pct:
            inner = _GRID_BRACKET_PCT.match(text)
            if inner and index > 0 and _GRID_BARE.match(tokens[index - 1].group()):
                index -= 1  # "3 (12%)": the count before its share belongs to this cell
            at = token.start() + pct.start("pct")
            value = pct.group("pct")
            numbers.append(
                Number(
                    f"{value}%", offset + at, offset + at + len(value) + 1, float(value), "percent"
                )
            )
        elif bare:
            numbers.append(
                Number(text, offset + token.start(), offset + token.end(), float(text), "bare")
            )
        else:
            break
        start = tokens[index].start()
        index -= 1
    if start is None or len(numbers) != len(points):
        return None
    # bare numbers are shares only when the row adds up to a whole: else not a grid row
    bare = any(n.unit == "bare" for n in numbers)
    if bare and not WHOLE[0] <= sum(n.value for n in numbers) <= WHOLE[1]:
        return None
    label = _label_cell(line, 0, start)
    if label is None or not LETTER_WORD.search(label.text):
        return None
    numbers.reverse()
    label = Cell(label.text, offset + label.start, offset + label.end)
    return GridRow(label, tuple(numbers), offset, offset + len(line), points)


def _grid_context(items: list[Block | Row]) -> tuple[str, ...] | None:
    """The points a line may be a grid row of: the previous line was a grid row, or a header
    naming scale points."""
    previous = items[-1] if items else None
    if isinstance(previous, GridRow):
        return previous.points
    if (
        isinstance(previous, Block)
        and previous.kind in {"paragraph", "heading"}
        and previous.end - previous.start <= _GRID_HEADER_CHARS
    ):
        return grid_header(previous.text)
    return None


def _is_question_row(text: str) -> bool:
    """A question line that happens to end in a number ("Q5 How many in 2020?" does not, but
    "Q3 Rate your pay on a scale of 1 to 10" does)."""
    return bool(QUESTION_CODE.match(text)) and len(text.split()) > 6


def _continues(text: str, previous: Block, line: _Line) -> bool:
    """A hard-wrapped line: no blank line between, the paragraph has not ended a sentence, and
    the new line starts in lower case (told first: most lines do not)."""
    if not line.text[:1].islower() or text.count("\n", previous.end, line.start) != 1:
        return False
    # the paragraph's last characters only: it grows line by line
    return not ends_sentence(text[max(previous.start, previous.end - 12) : previous.end], ".!")


_PERCENT_WORD = patterns.compile(r"%|percent", regex.IGNORECASE)


def _tables(items: list[Block | Row]) -> tuple[Block, ...]:
    """Consecutive rows become one table; a header line just before them is kept with it."""
    blocks: list[Block] = []
    run: list[Row] = []

    def close() -> None:
        if not run:
            return
        header: tuple[str, ...] = ()
        percent_header = False
        first = run[0]
        if isinstance(first, GridRow):
            head = blocks.pop()  # the header line naming the points
            blocks.append(
                Block(
                    "table",
                    first.start,
                    run[-1].end,
                    "\n".join(r.label.text for r in run),
                    rows=tuple(run),
                    header=head.header or (head.text,),
                    grid=first.points,
                )
            )
            run.clear()
            return
        while (
            blocks
            and blocks[-1].kind == "paragraph"
            and (blocks[-1].header or _HEADER_WORDS.match(blocks[-1].text))
        ):
            header = (*(blocks[-1].header or (blocks[-1].text,)), *header)
            percent_header = percent_header or bool(_PERCENT_WORD.search(blocks[-1].text))
            blocks.pop()
        start, end = run[0].start, run[-1].end
        text = "\n".join(r.label.text for r in run)
        blocks.append(
            Block(
                "table",
                start,
                end,
                text,
                rows=tuple(run),
                percent_header=percent_header,
                header=header,
            )
        )
        run.clear()

    for item in items:
        if isinstance(item, Row):
            if run and isinstance(item, GridRow) != isinstance(run[0], GridRow):
                close()
            run.append(item)
            continue
        close()
        blocks.append(item)
    close()
    return tuple(blocks)


def describe_blocks(doc: Document) -> list[str]:
    """The layout as lines a person can read: `kind start-end [p.N] [marker] text`, under a
    table each row's label and numbers with their offsets, under a chart's opening line each
    entry the loader read from it."""
    lines = []
    charts = {chart.start: chart for chart in doc.charts}
    for block in doc.blocks:
        page = doc.span(block.start, block.start).page
        where = f"{block.start}-{block.end}" + (f" p.{page}" if page else "")
        marker = f" [{block.marker}]" if block.marker else ""
        marker += f" level={block.level}" if block.level else ""
        header = f" header={list(block.header)}" if block.header else ""
        header += f" grid={list(block.grid)}" if block.grid else ""
        first = block.text.split("\n")[0] if block.kind != "table" else ""
        lines.append(f"{block.kind:<9} {where}{marker}{header} {first}".rstrip())
        for row in block.rows:
            numbers = ", ".join(f"{n.text} ({n.unit}, {n.start}-{n.end})" for n in row.numbers)
            lines.append(f"    row {row.label.text!r} {row.label.start}-{row.label.end}: {numbers}")
        chart = charts.get(block.start) if block.kind == "figure" else None
        for entry in chart.entries if chart else ():
            lines.append(f"    entry {entry.label!r} {entry.percent:g}% {entry.start}-{entry.end}")
    return lines


PERCENT_TICK = patterns.compile(r"^\d{1,3}(?:\.\d+)?%$")
"""A share alone, as an axis prints its ticks and a bar its data label: "20%", "12.5%"."""


def is_axis_scale(text: str) -> bool:
    """A chart's axis scale: three or more percentages rising by one step ("0% 20% 40%"),
    and nothing else; unlike a row of columns' data labels ("14% 14% 13%"), it states no
    one's share."""
    tokens = text.split()
    if len(tokens) < 3 or not all(PERCENT_TICK.match(token) for token in tokens):
        return False
    ticks = [float(token.rstrip("%")) for token in tokens]
    steps = {round(b - a, 6) for a, b in pairwise(ticks)}
    return len(steps) == 1 and steps.pop() > 0


# --- sentences ---------------------------------------------------------------------------------

# A sentence ends at ".", "!" or "?" before white space (closing quotes and emphasis between),
# never at the abbreviations' full stops ("No. 5" abbreviates a number; "most said no." ends).
_ABBREVIATIONS = r"\b(?:e\.g|i\.e|etc|vs|cf)"
SENTENCE_END = patterns.compile(
    rf"(?<!{_ABBREVIATIONS})(?!(?<=\bNo)\.\s?\d)[.!?](?=[\s*'’”\"]*(?:\s|$))"
)
_ABBREVIATION_END = patterns.compile(rf"{_ABBREVIATIONS}\.$")
# What may follow a sentence's last mark and still belong to it: quote marks, a bracket, emphasis.
_AFTER_END = "*'’”\")"


def ends_sentence(text: str, marks: str = ".!?") -> bool:
    """Whether `text` stops at the end of a sentence: its last mark is one of `marks` (a
    caller asks for ".!" when a question is not a statement's end, adds ":" when an
    introduction ends a paragraph), closing quote marks, a bracket or emphasis after it allowed,
    never an abbreviation's full stop. The one rule of where a sentence ends, beside
    `SENTENCE_END`, for readers that ask it of a line rather than split a text."""
    core = text.rstrip().rstrip(_AFTER_END)
    return core[-1:] != "" and core[-1] in marks and not _ABBREVIATION_END.search(core)


def ends_paragraph(text: str, marks: str = ".!?…") -> bool:
    """Whether a line can end a paragraph of text set a line a paragraph or hard-wrapped: a
    sentence end or an ellipsis (a caller adds ":" where an introduction ends one), or a
    closing quote mark (a quoted answer set as its own line often has no full stop)."""
    return ends_sentence(text, marks) or text.rstrip().endswith(("”", '"'))


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end]: the one sentence splitter
    every reader uses."""
    spans = []
    pos = start
    for match in SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        while stop < end and text[stop] in "*'’”\"":
            stop += 1  # closing quote marks and emphasis belong to the sentence they end
        spans.append((pos, stop))
        pos = stop
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        spans.append((pos, end))
    return spans
