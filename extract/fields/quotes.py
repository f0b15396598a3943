"""Quoted words: straight and curly, single and double, with `*emphasis*`, and quotes that page
debris (blank lines left by a lost chart or a page break) has cut in two.

A quoted option label ("listed 'not sure'", "The 'being paid overtime' option") is reported as a
label, not as a respondent quote.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

import regex

from extract.fields import Found

_CLOSERS = {"“": "”", "‘": "’", '"': '"', "'": "'"}
# An opener follows the start, white space, an opening bracket or an emphasis marker; this keeps
# the apostrophes of "it's" and "others' sickness" from opening a quote.
_OPENER = regex.compile(r"""(?:(?<=^|[\s(\[*—–-])[“‘"']|(?<=\w)“)(?=[*\w(\[.…])""", regex.M)
_PARAGRAPH_BREAK = regex.compile(r"\n(?:[ \t\xa0]*\n)+")
_SENTENCE_END = regex.compile(r"[.!?](?:\*|\s|$)")
_LABEL_BEFORE = regex.compile(
    r"(?:\blisted|\bchoosing|\bchose|\bchosen|\bselected|\bselecting|\bticked|\banswered|"
    r"\boption|\bThe)\s*\*?$"
)
_LABEL_AFTER = regex.compile(r"^\*?\s+(?:option|answer|category)\b")
# "choosing 'a' and 'b'": the second quoted label of a list is a label too.
_LABEL_LIST_GAP = regex.compile(r"\*?(?:,\s*|\s+)(?:and|or)?\s*\*?|\*?,\s*\*?")
# How far a quote may run before it is taken for an unbalanced mark.
_MAX_QUOTE = 2000


@dataclass(frozen=True)
class QuoteFound(Found):
    """A quotation: `start`/`end` cover the marks, `inner_*` the words between them."""

    inner_start: int
    inner_end: int
    kind: Literal["quote", "label", "term"]
    """`label`: a quoted answer option; `term`: a writer's scare quotes (‘perfect storm’)."""


def clean_quote(raw: str) -> str:
    """The quote's words: emphasis markers dropped, line breaks and page debris folded."""
    return " ".join(raw.replace("*", "").split())


def _is_closer(text: str, pos: int, closer: str) -> bool:
    """A closing mark follows a non-space and is not an apostrophe inside a word."""
    if text[pos] != closer or pos == 0 or text[pos - 1].isspace():
        return False
    if closer in "’'":
        nxt = text[pos + 1] if pos + 1 < len(text) else ""
        return not nxt.isalnum()
    return True


def _find_close(text: str, opener_pos: int, closer: str) -> tuple[int, int] | None:
    """(inner_end, outer_end) of the quote opened at `opener_pos`, or None when unbalanced.

    The quote may cross one paragraph break (debris) when the closing mark comes before any
    new opening mark; a quote whose paragraph stops mid-sentence (`…where*`) ends at the first
    sentence end of the next paragraph when no closing mark follows.
    """
    limit = min(len(text), opener_pos + _MAX_QUOTE)
    breaks_crossed = 0
    pos = opener_pos + 1
    while pos < limit:
        ch = text[pos]
        if _is_closer(text, pos, closer):
            return pos, pos + 1
        brk = _PARAGRAPH_BREAK.match(text, pos)
        if brk:
            if breaks_crossed:
                return None
            before = text[opener_pos:pos].rstrip()
            breaks_crossed += 1
            continuation = brk.end()
            nxt_para = _PARAGRAPH_BREAK.search(text, continuation)
            para_end = nxt_para.start() if nxt_para else len(text)
            rest = text[continuation:para_end]
            close_at = next((i for i in range(len(rest)) if _is_closer(rest, i, closer)), None)
            open_at = _OPENER.search(rest)
            if close_at is not None and (open_at is None or close_at < open_at.start()):
                pos = continuation
                continue
            if not before.rstrip("*").endswith((".", "!", "?", ":", ";", ",", "”", "’", '"', "'")):
                # the paragraph stopped mid-sentence (page debris): the quote runs on to the end
                # of the sentence it was in
                end = _SENTENCE_END.search(rest)
                if end:
                    inner_end = continuation + end.start() + 1
                    return inner_end, inner_end
            return None
        if ch == "\n" and closer in "'’" and text[pos - 1] not in " -":
            # Single quotes do not wrap across lines in the reports seen; a newline without a
            # close means the mark was an apostrophe.
            nxt_line_end = text.find("\n", pos + 1)
            if nxt_line_end == -1 or closer not in text[pos:nxt_line_end]:
                return None
        pos += 1
    return None


def _paragraph_quote(text: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """A paragraph that is one quote from its first mark to its last: (outer, inner) offsets.

    Taken whole so that apostrophes and nested quote marks inside it stay in the quote.
    """
    para = text[start:end]
    lead = len(para) - len(para.lstrip(" \t\xa0*"))
    body = para.strip(" \t\xa0")
    if not body:
        return None
    stripped = body.lstrip("*")
    opener = stripped[:1]
    if opener not in _CLOSERS:
        return None
    closer = _CLOSERS[opener]
    tail = body.rstrip("*.")
    if not tail.endswith(closer) or len(tail) < 3:
        return None
    open_pos = start + lead
    inner_start = open_pos + 1
    close_pos = start + para.rstrip(" \t\xa0").rstrip("*.").rfind(closer)
    if close_pos <= inner_start:
        return None
    if closer in '”"' and closer != opener and closer in text[inner_start:close_pos]:
        return None  # “…,” one social worker said, adding: “…” is two quotes
    if closer == '"' and text.count('"', inner_start, close_pos) > 0:
        return None
    return open_pos, close_pos + 1, inner_start, close_pos


def _is_label(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 20]
    return bool(_LABEL_BEFORE.search(before) or _LABEL_AFTER.match(after))


def _is_term(text: str, start: int, end: int, words: str) -> bool:
    """A writer's scare quotes: a few words in curly single quotes, not set in italics as
    respondents' words are."""
    around = text[max(0, start - 1) : end + 1]
    return text[start] == "‘" and len(words.split()) <= 3 and "*" not in around


def find_quotes(text: str) -> list[QuoteFound]:
    """Every quotation in `text`, outermost only, in order."""
    found: list[QuoteFound] = []
    taken_until = 0
    paragraphs = [(0, len(text))]
    if _PARAGRAPH_BREAK.search(text):
        bounds = [0, *(m.start() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)]
        paragraphs = list(itertools.pairwise(bounds))
    whole = {}
    for p_start, p_end in paragraphs:
        para_start = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
        quote = _paragraph_quote(text, para_start, p_end)
        if quote:
            whole[quote[0]] = quote
    for match in _OPENER.finditer(text):
        pos = match.start()
        if pos < taken_until:
            continue
        if pos in whole:
            outer_start, outer_end, inner_start, inner_end = whole[pos]
        else:
            closed = _find_close(text, pos, _CLOSERS[text[pos]])
            if closed is None:
                continue
            outer_start, inner_start = pos, pos + 1
            inner_end, outer_end = closed
        words = clean_quote(text[inner_start:inner_end])
        if not any(ch.isalpha() for ch in words):
            continue
        follows_label = bool(
            found
            and found[-1].kind == "label"
            and _LABEL_LIST_GAP.fullmatch(text[found[-1].end : outer_start])
        )
        kind: Literal["quote", "label", "term"] = (
            "label" if follows_label or _is_label(text, outer_start, outer_end) else "quote"
        )
        if kind == "quote" and _is_term(text, outer_start, outer_end, words):
            kind = "term"
        found.append(
            QuoteFound(outer_start, outer_end, words, "quote", inner_start, inner_end, kind)
        )
        taken_until = outer_end
    return found
