"""Quoted words: straight and curly, single and double, with `*emphasis*`, and quotes that page
debris (blank lines left by a lost chart or a page break) has cut in two.

A quoted option label ("listed 'not sure'", "The 'being paid overtime' option") is reported as a
label, not as a respondent quote. Quoted words that are not survey evidence get their own kind,
so that only respondents' words reach a record's `quotes`: a writer's scare quotes and quoted
names (`term`), a spokesperson's or official's statement (`statement`), and a question's wording
(`question`).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

import regex

from extract import patterns
from extract.fields import Found
from extract.fields.speakers import (
    RESPONDENT_NOUN,
    SIGNATURE,
    SPEECH_VERB,
    find_speaker,
    lead_in,
)
from extract.fields.starts import matches_at, offsets_of, per_document
from extract.layout import SENTENCE_END, ends_sentence, sentences
from extract.vocab import alternation

_CLOSERS = {"“": "”", "‘": "’", '"': '"', "'": "'"}
# An opener follows the start, white space, an opening bracket or an emphasis marker; this keeps
# the apostrophes of "it's" and "others' sickness" from opening a quote.
_OPENER = patterns.compile(r"""(?:(?<=^|[\s(\[*—–-])[“‘"']|(?<=\w)“)(?=[*\w(\[.…])""", regex.M)
_PARAGRAPH_BREAK = patterns.compile(r"\n(?:[ \t\xa0]*\n)+")
_LABEL_BEFORE = patterns.compile(
    r"(?:\blisted|\bchoosing|\bchose|\bchosen|\bselected|\bselecting|\bticked|\banswered|"
    r"\boption|\bThe)\s*\*?$"
)
_LABEL_AFTER = patterns.compile(r"^\*?\s+(?:option|answer|category)\b")
# "choosing 'a' and 'b'": the second quoted label of a list is a label too.
# Written so that no two quantifiers compete for the same white space (a long gap would be
# tried every way it can be split).
_LABEL_LIST_GAP = patterns.compile(r"\*?(?:,\s*|\s+)(?:(?:and|or)\s*)?\*?")
# How far a quote may run before it is taken for an unbalanced mark.
_MAX_QUOTE = 2000


QuoteKind = Literal["quote", "label", "term", "statement", "question"]


@dataclass(frozen=True)
class QuoteFound(Found):
    """A quotation: `start`/`end` cover the marks, `inner_*` the words between them."""

    inner_start: int
    inner_end: int
    kind: QuoteKind
    """`quote`: words of a respondent (or of someone the text does not place); `label`: a quoted
    answer option; `term`: a writer's scare quotes (‘perfect storm’), a quoted name, a phrase
    in a headline, or a phrase the writer's sentence is about ("‘More examples’ is the
    theme"); `statement`: words of an official or spokesperson, or of an organisation;
    `question`: the wording of a question put to respondents."""


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


# What str.isspace() calls white space, as a character class: a closing mark never follows it.
_SPACE_CLASS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)


class _Closes:
    """Finds where the quote an opener starts ends, in one text.

    Where closing marks, line ends and paragraph breaks are is found once per text; an opener
    then costs a few bisects to the next of them instead of a walk over every character up to
    `_MAX_QUOTE` (a text of unclosed openers made that walk quadratic in practice), and what a
    paragraph holds is worked out once for all the openers that run into it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.break_starts, self.break_ends = _paragraph_breaks(text)
        self._marks: dict[str, list[int]] = {}
        self._paragraphs: dict[tuple[int, str], tuple[int | None, bool, int | None]] = {}

    @cached_property
    def newlines(self) -> list[int]:
        """Where the text's lines end: only a single quote, which never wraps, needs them."""
        return offsets_of(self.text, ["\n"])

    def _candidates(self, closer: str) -> list[int]:
        """Offsets of `closer` after a non-space: a superset of its closing positions."""
        if closer not in self._marks:
            pattern = patterns.compile(rf"(?<![{_SPACE_CLASS}]){regex.escape(closer)}")
            self._marks[closer] = [m.start() for m in pattern.finditer(self.text, 1)]
        return self._marks[closer]

    @staticmethod
    def _next(offsets: list[int], pos: int, default: int) -> int:
        index = bisect.bisect_left(offsets, pos)
        return offsets[index] if index < len(offsets) else default

    def _first_closer(self, closer: str, start: int, end: int) -> int | None:
        """The first closing `closer` in text[start:end]."""
        marks = self._candidates(closer)
        index = bisect.bisect_left(marks, start)
        while index < len(marks) and marks[index] < end:
            if _is_closer(self.text, marks[index], closer):
                return marks[index]
            index += 1
        return None

    def _paragraph(self, continuation: int, closer: str) -> tuple[int | None, bool, int | None]:
        """For the paragraph starting at `continuation`: its first closing mark, whether that
        comes before any new opening mark, and where its first sentence ends."""
        key = (continuation, closer)
        if key not in self._paragraphs:
            para_end = self._next(self.break_starts, continuation, len(self.text))
            close_at = self._first_closer(closer, continuation, para_end)
            closes_first = False
            if close_at is not None:
                open_at = _OPENER.search(self.text, continuation, para_end)
                closes_first = open_at is None or close_at < open_at.start()
            end = SENTENCE_END.search(self.text, continuation, para_end)
            self._paragraphs[key] = (close_at, closes_first, end.start() if end else None)
        return self._paragraphs[key]

    def find(self, opener_pos: int, closer: str) -> tuple[int, int] | None:
        """(inner_end, outer_end) of the quote opened at `opener_pos`, or None when unbalanced.

        The quote may cross one paragraph break (debris) when the closing mark comes before any
        new opening mark; a quote whose paragraph stops mid-sentence (`…where*`) ends at the
        first sentence end of the next paragraph when no closing mark follows.
        """
        text = self.text
        limit = min(len(text), opener_pos + _MAX_QUOTE)
        single = closer in "'’"
        breaks_crossed = 0
        pos = opener_pos + 1
        while pos < limit:
            # jump to the next place where something can happen: a mark, a break, a line end
            pos = min(
                self._next(self._candidates(closer), pos, limit),
                self._next(self.break_starts, pos, limit),
                self._next(self.newlines, pos, limit) if single else limit,
            )
            if pos >= limit:
                break
            if _is_closer(text, pos, closer):
                return pos, pos + 1
            index = bisect.bisect_left(self.break_starts, pos)
            if index < len(self.break_starts) and self.break_starts[index] == pos:
                if breaks_crossed:
                    return None
                before = text[opener_pos:pos].rstrip()
                breaks_crossed += 1
                continuation = self.break_ends[index]
                close_at, closes_first, sentence_end = self._paragraph(continuation, closer)
                if close_at is not None and closes_first:
                    pos = continuation
                    continue
                if (
                    not before.rstrip("*").endswith(
                        (".", "!", "?", ":", ";", ",", "”", "’", '"', "'")
                    )
                    and sentence_end is not None
                ):
                    # the paragraph stopped mid-sentence (page debris): the quote runs on to the
                    # end of the sentence it was in
                    return sentence_end + 1, sentence_end + 1
                return None
            if text[pos] == "\n" and single and text[pos - 1] not in " -":
                # Single quotes do not wrap across lines in the reports seen; a newline without
                # a close means the mark was an apostrophe.
                line_end = self._next(self.newlines, pos + 1, -1)
                if line_end == -1 or text.find(closer, pos, line_end) == -1:
                    return None
            pos += 1
        return None


# What a paragraph that is one quote opens with: its mark, or emphasis before it.
_QUOTE_PARAGRAPH_OPENINGS = frozenset(["*", *_CLOSERS])


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
    if closer in '”"' and closer in text[inner_start:close_pos]:
        return None  # “…,” one social worker said, adding: “…” is two quotes
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


_OFFICIAL = patterns.compile(
    rf"(?<![\w’'-])(?:{alternation('quotes', 'official_roles')})(?![\w’'-])", regex.IGNORECASE
)
_SPOKESPERSON = patterns.compile(r"\bspokes(?:person|man|woman)\b", regex.IGNORECASE)
_ACCORDING = patterns.compile(
    rf"\b(?i:{alternation('quotes', 'organisation_attribution')})\s+(?:the\s+)?[A-Z]"
)
# A person named in full: "Jane Smith" (of "Dr Jane Smith"), "Robin Hargreaves". Only whether
# one is named counts, which a title before the name does not change: tried at every character,
# the titles' alternation made the search 20 times dearer.
_PERSON = patterns.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}\b")
# An attribution right after a quote: ", said X, the BVA President." / "— according to X".
_AFTER_ATTRIBUTION = patterns.compile(
    r"^[\s,*]*(?:said|says|added|adds|told|explained|commented|according\s+to|[—–-]"
    r"|(?:(?:Dr|Mr|Mrs|Ms|Professor|Sir|Dame)\.?\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}"
    r"(?:,[^.\n]{0,100},)?\s+(?:said|says|added|told))",
)
_ATTRIBUTION_END = patterns.compile(r"[.!?](?=\s|$)|\n")
# "She said …" between two paragraphs of one speaker's words.
_SAME_SPEAKER = patterns.compile(
    r"^(?:She|He|They)\s+(?:said|says|added|continued|went\s+on|explained|warned)\b[^“”\"]*$"
)
_QUESTION_OPENER = patterns.compile(
    rf"^(?:{alternation('quotes', 'question_openers')})\b", regex.IGNORECASE
)
# "we asked:", "respondents were asked" right before a quote: the quote is the question.
_ASKED = patterns.compile(
    r"\b(?:we|they|(?:respondents|participants|people|members)\s+were|were)\s+asked\b[^.!?]{0,60}"
    r"[:,]?\s*\*?$",
    regex.IGNORECASE,
)
# A paragraph that reports what someone said, wanted or chose, or names who answered: a fragment
# it quotes is their words (set in italics in text, which a PDF loses). "is said to" reports no
# one.
_SAYING = patterns.compile(
    rf"(?:\b{SPEECH_VERB}\b(?!\s+to\b)|\b{RESPONDENT_NOUN}\b|\b(?:wanted|wanting|needing|"
    r"included|cited|citing|listed|reported|mentioned|described|chose|selected|proposed|"
    r"emphasised|emphasized|called\s+for|asked\s+for|would\s+like)\b)",
    regex.VERBOSE | regex.IGNORECASE,
)
# Words that go on a sentence rather than name a thing after a quoted phrase.
_FUNCTION_WORDS = (
    "one|another|according|and|or|but|of|in|on|to|for|with|from|by|at|as|that|which|who|is|are"
    "|was|were|be|been|should|would|could|can|will|may|might|must|had|has|have|did|do|does"
)
_DETERMINER_BEFORE = patterns.compile(
    r"\b(?:the|a|an|this|that|these|those)\s*\*?$", regex.IGNORECASE
)
_NOUN_AFTER = patterns.compile(
    rf"[ \t]+(?!(?:{SPEECH_VERB}|{_FUNCTION_WORDS})\b)[a-z]+\b", regex.VERBOSE
)
_YOU = patterns.compile(r"\byou(?:r)?\b", regex.IGNORECASE)


def _attribution(text: str, start: int, end: int) -> str:
    """The words that attribute the quote at text[start:end]: its sentence before it, and an
    attribution clause right after it up to the end of that sentence."""
    after = text[end : end + 250]
    clause = ""
    if _AFTER_ATTRIBUTION.match(after):
        stop = _ATTRIBUTION_END.search(after, 1)
        clause = after[: stop.start()] if stop else after
    return f"{lead_in(text, start)} {clause}"


def is_statement(text: str, start: int, end: int) -> bool:
    """Whether the attribution makes the quote an official's, a spokesperson's or an
    organisation's words: a person named with an official role ("Thea Stein, Chief Executive of
    …, said:"), a spokesperson, or "according to <organisation>". An unnamed "one director
    said" is a respondent."""
    words = _attribution(text, start, end)
    if _SPOKESPERSON.search(words) or _ACCORDING.search(words):
        return True
    # a name first: few attributions hold one, and the roles' alternation is the dearer search
    return bool(_PERSON.search(words) and _OFFICIAL.search(words))


def _is_question_wording(words: str) -> bool:
    """A question put to respondents ("What single change would help you most?")."""
    return (
        words.rstrip("”’\"' ").endswith("?")
        and bool(_QUESTION_OPENER.match(words))
        and bool(_YOU.search(words))
        and len(words.split()) >= 5
    )


def _is_name(words: str) -> bool:
    """A quoted title or name in title case (‘The Long Shift: Caring Through the Night’)."""
    tokens = words.split()
    long = [t for t in tokens if len(t) > 3]
    return (
        len(tokens) <= 12
        and len(long) >= 2
        and all(t[0].isupper() or not t[0].isalpha() for t in long)
        and not words.endswith((".", "!", "?", ","))
    )


def _is_fragment(text: str, q: QuoteFound) -> bool:
    """Scare quotes around a few words the writer's sentence runs through (nurses are being
    "stretched to the limit"): lower-case, not set in italics, mid-sentence, attributed to
    no one, in a paragraph that reports no one's words or choices ("participants included wanting
    to “…”" quotes them)."""
    before = text[max(0, q.start - 2) : q.start]
    around = text[max(0, q.start - 1) : q.end + 1]
    if not (q.text[:1].islower() and "*" not in around):
        return False  # as most quotes: the paragraph is not looked at
    paragraph_start = _paragraph_start(text, q.start)
    in_italics = text.count("*", paragraph_start, q.start) % 2 == 1
    return (
        not in_italics
        and not _SAYING.search(text, paragraph_start, _paragraph_end(text, q.end))
        and before[-1:].isspace()
        and before[:1].isalpha()
        and len(q.text.split()) <= 8
        and len(sentences(q.text, 0, len(q.text))) <= 1
        and find_speaker(text, q.start, q.end, None) is None
    )


_REPORT_VERB_AFTER = patterns.compile(
    r"[\s*]+(?:is|was|are|were|remains|remained|emerged|came\s+up|topped)\b", regex.IGNORECASE
)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether `start` opens a sentence: only white space and emphasis lie between it and the
    start of the text, a line break, or the end of a sentence or an introduction (":")."""
    before = text[max(0, start - 40) : start].rstrip(" \t\xa0*")
    if not before:
        return start <= 40 or not text[: start - 40].strip()
    return before.endswith("\n") or (
        before != text[max(0, start - 40) : start] and ends_sentence(before, ".!?:")
    )


def _is_theme_phrase(text: str, q: QuoteFound) -> bool:
    """A quoted phrase the writer's own sentence is about ('"More examples" is the recurring
    theme', '"Better pay" was the reason most gave'): it opens the sentence as the subject of
    the report's verb and no one is said to have spoken it."""
    return (
        _opens_sentence(text, q.start)
        and bool(_REPORT_VERB_AFTER.match(text, q.end))
        and find_speaker(text, q.start, q.end, None) is None
    )


def _in_headline(text: str, q: QuoteFound) -> bool:
    """A quote inside a short line that reads as a headline ("Survey 'paints a bleak picture'")."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip(" *#\t")
    ending = line.rstrip("”’\"' *")
    if not text[line_start : q.start].strip(" \t\xa0*#"):
        return False  # the quote is the whole line: a quote set as its own paragraph
    if ending.endswith((".", "!", ":", ",")) or len(line.split()) > 20:
        return False
    # "One nurse said: “…”" introduces the quote rather than headlining it
    return not text[line_start : q.start].rstrip(" *").endswith((":", ","))


# How far a paragraph's start or end is looked for from an offset in it.
_PARAGRAPH_REACH = 3000


@per_document
def _paragraph_breaks(text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the text's paragraph breaks, in order: found once for all the
    quotes of a document, which each look for their paragraph several times."""
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    return [m.start() for m in breaks], [m.end() for m in breaks]


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding offset `pos` starts (looking back at most 3,000 characters).

    That is the end of the last break the scan of text[pos - 3000:pos] finds: the text's last
    break before `pos` when it lies wholly in that window. A break the window's edge cuts
    (which the scan may see in part) is left to the scan itself."""
    window = max(0, pos - _PARAGRAPH_REACH)
    starts, ends = _paragraph_breaks(text)
    last = bisect.bisect_left(starts, pos) - 1
    if last < 0 or ends[last] <= window:
        return window  # no break reaches into the window
    if window <= starts[last] and ends[last] <= pos:
        return ends[last]
    breaks = list(_PARAGRAPH_BREAK.finditer(text, window, pos))
    return breaks[-1].end() if breaks else window


def _paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph holding offset `pos` ends (looking on at most 3,000 characters).

    That is the start of the first break the scan of text[pos:pos + 3000] finds: the text's
    first break ending after `pos` when it lies wholly in that window, as `_paragraph_start`
    takes it."""
    limit = min(len(text), pos + _PARAGRAPH_REACH)
    starts, ends = _paragraph_breaks(text)
    first = bisect.bisect_right(ends, pos)
    if first == len(starts) or starts[first] >= limit:
        return limit
    if pos <= starts[first] and ends[first] <= limit:
        return starts[first]
    found = _PARAGRAPH_BREAK.search(text, pos, limit)
    return found.start() if found else limit


def _rstripped_end(text: str, end: int) -> int:
    """`len(text[:end].rstrip())`, found by stepping back over the white space instead of
    copying all the text before `end` (for every quote of a long text)."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _speech_opening(text: str, start: int) -> int:
    """Where the speech a quote at `start` opened: a paragraph that opens with a quote mark after
    a paragraph whose quote was left open (how a speech of several paragraphs is set) continues
    that speech; otherwise `start` itself."""
    opening = start
    for _ in range(10):  # a speech runs a few paragraphs
        para_start = _paragraph_start(text, opening)
        if para_start == 0 or text[para_start:opening].strip(" \t\xa0*"):
            return opening  # the quote opens mid-paragraph: its own sentence attributes it
        before_end = _rstripped_end(text, para_start)
        previous = text[_paragraph_start(text, before_end) : before_end]
        if previous.count("“") > previous.count("”"):
            opener = previous.rfind("“")
        elif previous.count('"') % 2:
            opener = previous.rfind('"')
        else:
            return opening  # every quote of the paragraph before was closed
        opening = before_end - len(previous) + opener
    return opening


def _continues_statement(text: str, previous: QuoteFound | None, opening: int) -> bool:
    """Whether a speech opening at `opening` goes on with the statement quoted just before it:
    only white space, or a "She said …" of the same speaker, lies between them (counted from
    the end of that statement's paragraph when the speech opens a new one)."""
    if previous is None or previous.kind != "statement":
        return False
    paragraph_end = _paragraph_end(text, previous.end)
    gap = text[paragraph_end if paragraph_end <= opening else previous.end : opening]
    gap = gap.strip(" \t\n\xa0*")
    last_sentence = gap[sentences(gap, 0, len(gap))[-1][0] :] if gap else ""
    return not gap or bool(_SAME_SPEAKER.match(gap) or _SAME_SPEAKER.match(last_sentence))


def _kind(text: str, q: QuoteFound, previous: QuoteFound | None) -> QuoteKind:
    """What a quote found as `quote` is, from its words and attribution."""
    if _is_question_wording(q.text) or _ASKED.search(lead_in(text, q.start)):
        return "question"
    opening = _speech_opening(text, q.start)
    if is_statement(text, opening, q.end) or _continues_statement(text, previous, opening):
        return "statement"
    if (
        _is_name(q.text)
        or _is_fragment(text, q)
        or _in_headline(text, q)
        or _is_theme_phrase(text, q)
    ):
        return "term"
    if (
        _DETERMINER_BEFORE.search(text, max(0, q.start - 12), q.start)
        and _NOUN_AFTER.match(text, q.end)
        and "*" not in text[max(0, q.start - 1) : q.start] + text[q.end : q.end + 1]
    ):
        return "term"  # the "I'm a developer" stuff: a quoted phrase used as a noun's modifier
    return "quote"


def _cut_off(text: str, opener_pos: int, found: list[QuoteFound]) -> tuple[int, int] | None:
    """(inner_end, outer_end) of a quote that opens the text's last paragraph and is cut off by
    the end of the text (an excerpt stops mid-quote), when it runs on for a few words and sits in
    a run of quotes: right after another one, or after a lead-in ending with a colon. Whose
    words a lone cut-off quote holds, its lost attribution would have said."""
    if opener_pos < len(text) - _MAX_QUOTE or text[opener_pos] not in '“"':
        return None
    after_quote = bool(found) and not text[found[-1].end : opener_pos].strip(" \t\n\xa0*")
    if not (after_quote or text[:opener_pos].rstrip(" \t\n\xa0*").endswith(":")):
        return None
    line_start = text.rfind("\n", 0, opener_pos) + 1
    if text[line_start:opener_pos].strip(" \t\xa0*") or _PARAGRAPH_BREAK.search(text, opener_pos):
        return None
    end = len(text.rstrip())
    if len(text[opener_pos + 1 : end].split()) < 4:
        return None
    return end, end


_SIGNED = patterns.compile(rf"(?m)(?<=\S[ \t*]*\n){SIGNATURE}")
_FIRST_PERSON = patterns.compile(r"\b(?:I|my|me|I[’']m|I[’']ve)\b")
_MARKS = frozenset('“”"‘’')
_PULL_QUOTE_WORDS = 12


# A line that may open with a signature: a capital after the signature's own lead.
_SIGNATURE_LINE_START = patterns.compile(r"\n(?=[ \t*]*[A-Z])")


def _line_starts(text: str) -> tuple[int, ...]:
    """The offset after each line break where a signature (which follows one and opens with a
    capital) may match, tried there alone where the engine tried its look-behind at every
    character."""
    return tuple(m.end() for m in _SIGNATURE_LINE_START.finditer(text))


def signed_paragraphs(text: str, found: list[QuoteFound]) -> list[QuoteFound]:
    """Pull quotes set without marks: a paragraph in the first person signed on the very next
    line by a name and a role ("…So I felt burnt out" / "Sam Okafor, nurse on a night shift").
    A signature naming an official role makes it a statement. Paragraphs holding a quote
    already `found` are left to it."""
    signed: list[QuoteFound] = []
    for signature in matches_at(_SIGNED, text, 0, _line_starts(text)):
        end = text.rfind("\n", 0, signature.start())
        start = _paragraph_start(text, end)
        words = text[start:end].strip(" \t*")
        start = start + text[start:end].index(words[:1]) if words else start
        if (
            len(words.split()) < _PULL_QUOTE_WORDS
            or not _FIRST_PERSON.search(words)
            or _MARKS & set(words)
            or words[:1] in "#-•|"
            or any(q.start < end and start < q.end for q in found)
        ):
            continue
        kind: QuoteKind = "statement" if _OFFICIAL.search(signature.group("role")) else "quote"
        end = start + len(words)
        signed.append(
            QuoteFound(start, end, clean_quote(words), "signed_paragraph", start, end, kind)
        )
    return signed


def _mark_offsets(text: str) -> tuple[int, ...]:
    """Where the text's quote marks are: the only offsets `_OPENER` (one mark, and what is
    around it) can match at, tried there alone where the engine tried its look-behinds at
    every character."""
    return tuple(sorted(offsets_of(text, _CLOSERS)))


def find_quotes(text: str) -> list[QuoteFound]:
    """Every quotation in `text`, outermost only, in order."""
    found: list[QuoteFound] = []
    taken_until = 0
    closes = _Closes(text)  # finds the paragraph breaks once, for both passes below
    whole = {}
    for p_start, p_end in itertools.pairwise([0, *closes.break_starts, len(text)]):
        para_start = p_end - len(text[p_start:p_end].lstrip())
        if text[para_start : para_start + 1] not in _QUOTE_PARAGRAPH_OPENINGS:
            continue  # as most paragraphs: not one quote
        quote = _paragraph_quote(text, para_start, p_end)
        if quote:
            whole[quote[0]] = quote
    for match in matches_at(_OPENER, text, 0, _mark_offsets(text)):
        pos = match.start()
        if pos < taken_until:
            continue
        if pos in whole:
            outer_start, outer_end, inner_start, inner_end = whole[pos]
        else:
            closed = closes.find(pos, _CLOSERS[text[pos]]) or _cut_off(text, pos, found)
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
        kind: QuoteKind = (
            "label" if follows_label or _is_label(text, outer_start, outer_end) else "quote"
        )
        if kind == "quote" and _is_term(text, outer_start, outer_end, words):
            kind = "term"
        quote = QuoteFound(outer_start, outer_end, words, "quote", inner_start, inner_end, kind)
        if kind == "quote":
            told = _kind(text, quote, found[-1] if found else None)
            quote = quote if told == "quote" else replace(quote, kind=told)
        found.append(quote)
        taken_until = outer_end
    return sorted([*found, *signed_paragraphs(text, found)], key=lambda q: q.start)
