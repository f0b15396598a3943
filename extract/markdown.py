"""Markdown's block structure, found by a real parser (markdown-it-py), as a role per line.

markdown-it-py knows what the line rules cannot tell by looking at one line: that a line carries
on a list item or a block quote begun above it, how deep a list is nested, which lines form a
pipe table and which of its rows is the header, where a fenced code block starts and ends, and
that a line underlined with `===` is a heading. Its tokens keep line maps, so each structure is
given back as the role of the lines it covers; `extract/layout.py` still reads every line with
its own rules (answer rows, notes, captions, question lines) and uses a role where Markdown
knows better. Lines with no role (plain paragraphs, indented blocks, which in a report are
layout and not code) are read by the line rules alone.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from typing import Literal

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from extract import patterns

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
    # unbalanced brackets or asterisks it is where the time goes
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
    starts = [0]
    starts.extend(m.end() for m in regex.finditer("\n", text))
    roles: dict[int, Role] = {}
    quotes = 0
    lists = 0  # how deep in lists
    item_opened: Token | None = None
    in_head = False
    quoted: list[int] = []  # the lines block quotes span
    for token in _parser().parse(text):
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
            first, last = token.map
            if last - first == 2:
                roles[first] = Role("heading", level=1 if token.markup == "=" else 2)
            roles[last - 1] = Role("skip")
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
    return roles


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
