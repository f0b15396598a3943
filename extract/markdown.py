"""Markdown's block structure, found by a real parser (markdown-it-py), as a role per line.

markdown-it-py knows what the line rules cannot tell by looking at one line: that a line carries
on a list item or a block quote begun above it, how deep a list is nested, which lines form a
pipe table and which of its rows is the header, where a fenced code block starts and ends, and
that a line underlined with `===` is a heading. Its tokens keep line maps, so each structure is
given back as the role of the lines it covers; `extract/layout.py` still reads every line with
its own rules (answer rows, notes, captions, question lines) and uses a role where Markdown
knows better. Lines with no role (plain paragraphs, indented blocks, which in a report are
layout and not code) are read by the line rules alone.

Only the regions that can hold a structure are parsed (`_regions`): most of a report is plain
paragraphs, and parsing them found nothing at a third of the layout's cost.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

import regex

from extract import patterns

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

RoleKind = Literal[
    "skip", "heading", "item", "quote", "continue", "code", "table_head", "table_row"
]


@dataclass(frozen=True)
class Role:
    """What Markdown says a line is.

    `kind`: `skip` (a setext underline, a table's rule, a code fence), `heading` (a setext
    heading's line), `item` (a list item's first line), `quote` (a block quote paragraph's
    first line), `continue` (a later line of the same item, quote or code block),
    `code` (a fenced code block's first line), `table_head` / `table_row` (a pipe table's rows).
    """

    kind: RoleKind
    level: int = 0
    """A heading's level; a list item's or a quote's nesting depth, from 1 (for `continue`,
    that of the structure it carries on)."""
    marker: str | None = None
    """A list item's bullet ("-", "*", "+") or number with its delimiter ("3.", "2)")."""
    cells: tuple[tuple[int, int], ...] = ()
    """A table row's cells as offsets in the text, stripped of white space."""
    of: RoleKind | None = None
    """For `continue`: the kind of the role on the structure's first line."""


# A cell boundary: a pipe not escaped by a backslash.
_PIPE = patterns.compile(r"(?<!\\)\|")


@cache
def _parser() -> MarkdownIt:
    # the block structure only: inline parsing (emphasis, links) is never read, and on
    # unbalanced brackets or asterisks it is where the time goes; imported here, as a text
    # with no structure to find never needs it
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])


def table_cells(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The cells of the table row text[start:end], as stripped offsets: split at unescaped
    pipes, the empty pieces before a leading and after a trailing pipe left out."""
    bounds = [start, *(m.start() for m in _PIPE.finditer(text, start, end)), end]
    pieces = []
    for index, (a, b) in enumerate(itertools.pairwise(bounds)):
        a = a if index == 0 else a + 1  # past the pipe itself
        raw = text[a:b]
        stripped = raw.strip()
        if not stripped and index in (0, len(bounds) - 2):
            continue  # outside the leading or trailing pipe
        offset = a + (raw.index(stripped) if stripped else 0)
        pieces.append((offset, offset + len(stripped)))
    return tuple(pieces)


def markdown_roles(text: str) -> dict[int, Role]:
    """The role of each line (by its 0-based number) that Markdown gives a structure to."""
    roles: dict[int, Role] = {}
    starts: list[int] = []  # where each line starts: found for a first region, which most lack
    for first, last in _regions(text):
        if not starts:
            starts = [0, *(m.end() for m in regex.finditer("\n", text))]
        roles.update(_region_roles(text, starts, first, last))
    return roles


# What a line may start with (after its indent) to open or carry a structure with a role: a
# quote's ">", a list's bullet or number, a setext underline's "=" or "-" (a table's row is
# told by its pipe). A superset (a "-" that starts a sentence, a number ending a sentence):
# what it misses, Markdown gives no role.
_MARKS = ">*+=-"
# Of those, the marks that open a structure only as a bullet (before a space, a tab or the
# line's end, as markdown-it's skipBulletListMarker reads one) or as a line of nothing else
# (a setext underline "---", a rule "***"): "**Bold**", "*emphasis …*" and "-5%" open none.
_BULLETS = "*+-"


def _marked(words: str) -> bool:
    """Whether a line, its indent stripped (`words`), may open or carry a structure with a
    role by its first character."""
    head = words[:1]
    if not head or head not in _MARKS:
        return False
    if head not in _BULLETS:
        return True
    return words[1:2] in ("", " ", "\t") or not words.rstrip(" \t").strip(head)


# An ordered list's marker as Markdown reads one (markdown-it's skipOrderedListMarker): ASCII
# digits, "." or ")", then a space, a tab or the line's end. A line opening with any other
# number ("40% of …", "1990s saw …") opens no structure.
_ORDERED_MARKER = patterns.compile(r"[0-9]+[.)](?:[ \t]|$)")
# What may open a structure that runs over blank lines and outdented text, out of which no
# region may be cut: a code fence, an HTML block ("<!--" runs to "-->").
_UNCUT_MARKS = "`~<"


def _regions(text: str) -> Iterator[tuple[int, int]]:
    """The line ranges [first, last) worth parsing: the stretches of blocks between region
    starts that hold a marked line. A region starts at a line after a blank line (spaces and
    tabs only, as Markdown counts them) that stands in the first column and is not marked: no
    list item, quote, table or paragraph open above it goes on over such a line, and an
    indented code block needs its indent, so the blocks from there on are those of the whole
    text. The rest of the text is paragraphs and headings, which no role is given to."""
    if "\r" in text:  # a line break to Markdown, not to the offsets: the whole text, as it is
        yield 0, text.count("\n") + 1
        return
    lines = text.split("\n")
    bounds = [0]
    marked: list[int] = []
    blank_above = False
    for number, line in enumerate(lines):
        words = line.lstrip()
        head = words[:1]
        if head and head in _UNCUT_MARKS:
            yield 0, len(lines)
            return
        if _marked(words) or "|" in line or _ORDERED_MARKER.match(words):
            marked.append(number)
        elif blank_above and head and not line[:1].isspace():
            bounds.append(number)
        blank_above = not line.strip(" \t")
    bounds.append(len(lines))
    region: tuple[int, int] | None = None
    for first, last in itertools.pairwise(bounds):
        if not _has(marked, first, last):
            continue
        if region is not None and region[1] == first:
            region = (region[0], last)  # regions side by side are parsed as one
            continue
        if region is not None:
            yield region
        region = (first, last)
    if region is not None:
        yield region


def _has(lines: list[int], first: int, last: int) -> bool:
    """Whether the sorted `lines` hold one in [first, last)."""
    index = bisect.bisect_left(lines, first)
    return index < len(lines) and lines[index] < last


def _region_roles(text: str, starts: list[int], first: int, last: int) -> dict[int, Role]:
    """The roles of lines [first, last), parsed with the line after them, whose first
    characters tell where the region's last blocks end."""
    stop = starts[last + 1] if last + 1 < len(starts) else len(text)
    roles: dict[int, Role] = {}
    quotes = 0
    lists = 0  # how deep in lists
    item_opened: Token | None = None
    in_head = False
    quoted: list[int] = []  # the lines block quotes span
    for token in _parser().parse(text[starts[first] : stop]):
        if token.map is not None:
            token.map = [first + token.map[0], first + token.map[1]]
        kind = token.type
        if kind == "blockquote_open":
            quotes += 1
            assert token.map is not None
            quoted.extend(range(*token.map))
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "list_item_open":
            item_opened = token
            continue
        elif token.map is None:
            pass
        elif kind == "paragraph_open" and quotes:
            _lines(roles, token.map, Role("quote", level=quotes))
        elif kind == "paragraph_open" and item_opened is not None:
            marker = f"{item_opened.info}{item_opened.markup}"  # "3." or "-": info is the number
            _lines(roles, token.map, Role("item", level=lists, marker=marker))
        elif kind == "heading_open" and token.markup in ("=", "-") and not quotes:
            # one line over its underline; lines of a paragraph above a rule (a plain-text
            # report's separator) stay the paragraph they are
            top, below = token.map
            if below - top == 2:
                roles[top] = Role("heading", level=1 if token.markup == "=" else 2)
            roles[below - 1] = Role("skip")
        elif kind == "fence" and not quotes:
            _fence(roles, token, text, starts)
        elif kind == "tr_open" and not quotes:
            line = token.map[0]
            end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
            cells = table_cells(text, starts[line], end)
            roles[line] = Role("table_head" if in_head else "table_row", cells=cells)
            if in_head:
                roles[line + 1] = Role("skip")  # the rule line under the header
        in_head = kind == "thead_open" or (in_head and kind != "thead_close")
        item_opened = None
    for line in quoted:  # ">" alone: a quote's blank line
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        if line not in roles and not text[starts[line] : end].strip(" \t\n>"):
            roles[line] = Role("skip")
    return {line: role for line, role in roles.items() if line < last}


def _lines(roles: dict[int, Role], span: tuple[int, int] | list[int], first: Role) -> None:
    """`first` for the structure's first line, `continue` for the rest of its lines."""
    start, end = span
    roles[start] = first
    for line in range(start + 1, end):
        roles[line] = Role("continue", level=first.level, of=first.kind)


def _fence(roles: dict[int, Role], token: Token, text: str, starts: list[int]) -> None:
    """A fenced code block: its fences skipped, its lines one block that no line rule reads."""
    assert token.map is not None
    first, last = token.map
    roles[first] = Role("skip")
    closing = last - 1
    closed = closing > first and text[starts[closing] :].lstrip().startswith(token.markup)
    body_end = closing if closed else last
    if closed:
        roles[closing] = Role("skip")
    if body_end > first + 1:
        _lines(roles, (first + 1, body_end), Role("code"))
