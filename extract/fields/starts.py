"""Where a pattern may match, found at C speed, so that the engine tries it there alone.

A pattern with no literal to scan for (a number word, a month, "of") is tried by `regex` at
every character of what it scans: 1-5 MB/s, and again for every span of a document a reader
scans (each sentence, each question's prose). The offsets where such a pattern may begin are
found instead by `str.find` on the folded text, once per document, and the pattern is matched
at those offsets only. An offset list must hold every offset the pattern can match at (more
do no harm: a try there fails); each module builds its own from what its patterns open with,
and tests/test_starts.py compares every pattern so tried with its own scan.
"""

from __future__ import annotations

import string
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, wraps
from itertools import chain
from typing import Protocol, TypeVar

import regex

from extract import patterns
from extract.vocab import alternation, words

# The letters regex's IGNORECASE takes for ASCII ones that str.lower() does not make them: the
# long s ("ſix"), and the dotted capital I, which lower() would turn into two characters.
_FOLDS_TO_ASCII = {"ſ": "s", "İ": "i"}
_DIGIT_AFTER_NON_WORD = patterns.compile(r"\b\d")
# Word characters to any pattern (\w): what a match that opens at a word's start never follows.
_ASCII_WORD_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_")
_ASCII_DIGITS = frozenset(string.digits)


_Built = TypeVar("_Built")
# Longer than any line or label a reader asks about on its own: a text this long is a document.
_DOCUMENT_CHARS = 500


def per_document(build: Callable[[str], _Built]) -> Callable[[str], _Built]:
    """`build`, kept for the document being read and the one before, so that every reader of
    a document shares one build of it; a short text (a line, a label) is built afresh, so
    that reading a line on its own never pushes the document's build out."""
    kept = lru_cache(maxsize=2)(build)

    @wraps(build)
    def built(text: str) -> _Built:
        return kept(text) if len(text) >= _DOCUMENT_CHARS else build(text)

    return built


def folded(text: str) -> str:
    """`text` in lower case, offset for offset, every letter that regex's IGNORECASE matches to
    an ASCII letter written as that letter: the text `str.find` looks for words in."""
    for letter, ascii_letter in _FOLDS_TO_ASCII.items():
        if letter in text:
            text = text.replace(letter, ascii_letter)
    return text.lower()


@per_document
def document_folded(text: str) -> str:
    """`folded(text)` of a document, made once for every offset builder that reads it."""
    return folded(text)


def shortest_heads(words: Iterable[str]) -> tuple[str, ...]:
    """The words no other of them begins, to look for in their stead ("four" finds "fourteen")."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(w != o and w.startswith(o) for o in unique)))


def offsets_of(folded_text: str, words: Iterable[str]) -> list[int]:
    """Every offset at which one of `words` begins in `folded_text` (inside a word too)."""
    found = []
    for word in words:
        at = folded_text.find(word)
        while at != -1:
            found.append(at)
            at = folded_text.find(word, at + 1)
    return found


def word_starts_of(text: str, folded_text: str, words: Iterable[str]) -> list[int]:
    """The offsets of `words` that no ASCII word character precedes ("often" holds no "ten"):
    those a pattern that opens at a word's start may match at, and a few more."""
    return [
        at
        for at in offsets_of(folded_text, words)
        if not (at and text[at - 1] in _ASCII_WORD_CHARACTERS)
    ]


@per_document
def digit_starts(text: str) -> tuple[int, ...]:
    """Every offset of `text` where a digit follows a non-word character (or opens the text),
    in order: where a pattern that opens at a word's start with a digit may match."""
    return tuple(m.start() for m in _DIGIT_AFTER_NON_WORD.finditer(text))


class Matcher(Protocol):
    """What `matches_at` tries at an offset: a compiled pattern, or a `DigitFirst`."""

    def match(self, string: str, pos: int) -> regex.Match[str] | None: ...


class DigitFirst:
    """`pattern`, tried where an ASCII digit stands as `at_digit`: the same pattern with a
    number in digits where it opens with a number in words or digits. A number word cannot
    match at a digit, so the match is the same, found without the engine trying the dozens of
    number words there first (a third of the try)."""

    def __init__(self, pattern: regex.Pattern[str], at_digit: regex.Pattern[str]) -> None:
        self.pattern = pattern
        self.at_digit = at_digit

    def match(self, string: str, pos: int) -> regex.Match[str] | None:
        """What `self.pattern.match(string, pos)` returns."""
        digit = string[pos : pos + 1] in _ASCII_DIGITS
        return (self.at_digit if digit else self.pattern).match(string, pos)


def matches_at(
    pattern: Matcher,
    span: str,
    offset: int,
    starts: tuple[int, ...],
    *,
    try_first: bool = True,
) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(span)` yields, `span` standing at `offset` of a text whose sorted
    offsets `starts` hold every offset of it where `pattern` (which never matches empty) can
    begin, and more: tried there and nowhere else. Inside the span a look-behind or a word
    boundary sees what it sees in the whole text, so only the span's first offset may match
    where the whole text would not; it is tried unless `try_first` is false (see
    `span_matches`) and it is not one of `starts`."""
    end = offset + len(span)
    position = 0
    inside = starts[bisect_left(starts, offset) : bisect_left(starts, end)]
    first = (offset,) if try_first and inside[:1] != (offset,) else ()
    for start in chain(first, inside):
        at = start - offset
        if at < position:
            continue
        match = pattern.match(span, at)
        if match:
            yield match
            position = match.end()


def span_matches(
    pattern: Matcher, text: str, start: int, end: int | None, starts: tuple[int, ...]
) -> Iterator[regex.Match[str]]:
    """`matches_at` of `text[start:end]`, for `starts` (sorted offsets of `text`) that hold
    every offset where one of the heads `pattern` opens with stands after white space, as a
    field's offset builder makes them: its heads open every match, whatever precedes them, and
    it leaves out only offsets after a word character. A span cut after white space is then
    tried at its first offset only if that is one of `starts` (a sentence opens with "The",
    which opens no share): no head stands there, so the span cannot match there either."""
    after_space = text[start - 1 : start].isspace()
    return matches_at(pattern, text[start:end], start, starts, try_first=not after_space)


def search_at(
    pattern: regex.Pattern[str], text: str, start: int, end: int, starts: tuple[int, ...]
) -> regex.Match[str] | None:
    """`pattern.search(text, start, end)` for a pattern that never matches empty and can begin
    only at one of `starts` (sorted offsets of `text`, more than it matches at, never fewer):
    tried there and nowhere else. Unlike a span's scan, the search sees the text around
    [start, end), as each try at an offset does."""
    for at in starts[bisect_left(starts, start) : bisect_left(starts, end)]:
        match = pattern.match(text, at, end)
        if match:
            return match
    return None


def phrase_heads(first_words: Iterable[str]) -> tuple[str, ...]:
    """What to look for, folded, where phrases open with `first_words`: each word up to an
    apostrophe (which a pattern may let a curly one match), none that another begins."""
    return shortest_heads(folded(word).split("'")[0] for word in first_words)


class PhraseSearch:
    """`pattern`, an alternation of phrases that each open with one of `first_words` after no
    word character, searched for only where one of those words opens a word: the engine tried
    the alternation at every character of the text (2 µs a character for a long list). A word
    is looked for up to an apostrophe, which the pattern may let a curly one match."""

    def __init__(self, pattern: regex.Pattern[str], first_words: Iterable[str]) -> None:
        self.pattern = pattern
        self.heads = phrase_heads(first_words)

    def _starts(self, text: str) -> tuple[int, ...]:
        return tuple(sorted(set(word_starts_of(text, document_folded(text), self.heads))))

    def search(self, text: str) -> regex.Match[str] | None:
        """The first phrase in `text`, as `self.pattern.search(text)` finds it."""
        return search_at(self.pattern, text, 0, len(text), self._starts(text))

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """The phrases in `text`, as `self.pattern.finditer(text)` finds them."""
        return matches_at(self.pattern, text, 0, self._starts(text))


def vocabulary_search(name: str, key: str, flags: int = regex.IGNORECASE) -> PhraseSearch:
    """The phrases of extract/vocab/`name`.toml's list `key`, as whole words, searched for only
    where one of their first words opens a word."""
    return PhraseSearch(
        patterns.compile(rf"(?<!\w)(?:{alternation(name, key)})(?!\w)", flags),
        (phrase.split()[0] for phrase in words(name, key)),
    )
