"""Paragraphs, headings and figure markers: the layout vocabulary every format builds on."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.layout import FIGURE_WORD

_BLANK_LINES = regex.compile(r"\n(?:[ \t\xa0]*\n)+")
# A markdown heading "## …", or a paragraph wholly in bold "**…**".
# Words run to the last non-space in one go (".*\S"): a lazy ".+?\s*$" would look for trailing
# space after every character, quadratic in a long run of spaces.
_MARKED_HEADING = regex.compile(r"^\s*(?:#{1,6}\s+(?P<hash>.*\S)|\*\*(?P<bold>.+?)\*\*)\s*$")
# "Fig 1.", "Fig.1", "Figure 3: caption", "Fig. 12 - caption"
FIGURE_MARKER = regex.compile(
    rf"^\s*(?:#{{1,6}}\s+|\*\*)?{FIGURE_WORD}\s*(?P<number>\d{{1,3}})\s*"
    r"(?:[.:\-–]\s*(?P<caption>(?:.*\S)?))?\s*$",
    regex.IGNORECASE,
)
_NOT_HEADING = regex.compile(r"^\s*(?:Source|Base|Polled|Note|Notes)\s*:|^\s*[*'‘“\"(\[]")
SENTENCE_END = regex.compile(r"(?<!\b(?:e\.g|i\.e|etc|vs|cf|no))[.!?](?=[\s*'’”\"]*(?:\s|$))")


@dataclass(frozen=True)
class Block:
    """A paragraph: text between blank lines, with its offsets in the document."""

    start: int
    end: int
    text: str

    @property
    def single_line(self) -> bool:
        return "\n" not in self.text.strip()


@dataclass(frozen=True)
class Heading:
    block: Block
    title: str
    """The heading's words without markdown markers."""
    title_start: int
    title_end: int
    marked: bool
    """Marked up as a heading (# or bold), not only by its shape."""


def plain_heading(text: str) -> str:
    """A heading's words without Markdown markers ("## Title", "**Title**")."""
    return text.strip().lstrip("#").strip().strip("*").strip()


def blocks(text: str) -> list[Block]:
    """The paragraphs of `text`, stripped of surrounding white space, in order."""
    found = []
    pos = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped)
            found.append(Block(start, start + len(stripped), stripped))
        if gap:
            pos = gap.end()
    return found


def figure_number(block: Block) -> int | None:
    if not block.single_line:
        return None
    match = FIGURE_MARKER.match(block.text)
    return int(match.group("number")) if match else None


def as_heading(block: Block, *, max_words: int = 30) -> Heading | None:
    """The block as a heading, or None: one line, marked up, or short and unpunctuated."""
    if not block.single_line or figure_number(block) is not None:
        return None
    marked = _MARKED_HEADING.match(block.text)
    if marked:
        title = (marked.group("hash") or marked.group("bold")).strip().strip("*").strip()
        offset = block.text.index(title)
        return Heading(block, title, block.start + offset, block.start + offset + len(title), True)
    text = block.text
    if _NOT_HEADING.match(text) or "*" in text or len(text.split()) > max_words:
        return None
    if not (text[0].isupper() or text[0].isdigit()):
        return None
    if text.endswith(":") and len(text.split()) > 8:
        return None  # "One respondent questioned whether …:" introduces a quote
    if text.endswith(("?", ":")) or not text.endswith((".", ",", ";", "!", "”", "’", '"')):
        return Heading(block, text, block.start, block.end, False)
    return None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end]; abbreviations do not end one."""
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
