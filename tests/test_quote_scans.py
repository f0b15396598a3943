"""The quote finder's and the speaker finder's shortcuts change nothing they find.

A paragraph's start and end are taken from the document's breaks, found once, instead of a
scan of the 3,000 characters around each quote; a lead-in is worked out once per quote; a
search that cannot match without a role noun or a closing verb is skipped when the lead-in has
none; openers are tried only at quote marks, signatures only at lines opening with a capital;
the last clause break is searched for from the end; a name is looked for without the titles
that may precede it. Each is compared here with the scan it stands for, on texts made of the
pieces those scans read.
"""

from __future__ import annotations

from unittest import mock

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.fields import quotes, speakers
from extract.fields.starts import matches_at

PIECES = [
    *("\n", "\n\n", "\n \n", " \n\n", "\n\xa0\n", "\n\t\n\n", " ", "  ", "\t", "*", "x", "Word"),
    *(".", ":", ",", ";", "“", "”", '"', "‘", "’", "'", "— ", "One respondent said", "said:"),
    *("Dr Jane Smith", "Robin Hargreaves, Chair of the Forum,", "told the BBC", "added", "by"),
    *("as one nurse put it:", "Another suggested:", "one senior social worker", "explained"),
    *("a number of participants", "staff", "The", "commented:", "adding:", "Sam Okafor, nurse"),
    *("Mr", "Mr.", "Prof", "Smith", "O’Neil", "Dame", "Lady", "!", "?", "\r", "\x0b", "\u2028"),
    *("(", "[", "…", "—", "-", "it's", "others' sickness", "*“", "x“y"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def _scanned_start(text: str, pos: int) -> int:
    window = max(0, pos - quotes._PARAGRAPH_REACH)
    breaks = list(quotes._PARAGRAPH_BREAK.finditer(text, window, pos))
    return breaks[-1].end() if breaks else window


def _scanned_end(text: str, pos: int) -> int:
    limit = min(len(text), pos + quotes._PARAGRAPH_REACH)
    found = quotes._PARAGRAPH_BREAK.search(text, pos, limit)
    return found.start() if found else limit


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=1, max_value=12))
def test_paragraph_bounds_are_the_scans_of_their_window(text: str, reach: int) -> None:
    # a reach of a few characters puts the window's edges inside breaks, as 3,000 does in a
    # long text
    with mock.patch.object(quotes, "_PARAGRAPH_REACH", reach):
        for pos in range(len(text) + 1):
            assert quotes._paragraph_start(text, pos) == _scanned_start(text, pos)
            assert quotes._paragraph_end(text, pos) == _scanned_end(text, pos)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_guarded_attribution_searches_find_what_the_searches_find(text: str) -> None:
    named = speakers._NAMED.search(text)
    assert bool(speakers._ENDS_WITH_NAMED_VERB.search(text)) >= bool(named)
    names_role = bool(speakers._ROLE_NOUN.search(text))
    assert names_role >= bool(speakers._BY_BEFORE.search(text))
    assert names_role >= bool(speakers._BEFORE.search(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_last_clause_break_is_the_last_a_scan_finds(text: str) -> None:
    scanned = list(regex.finditer(speakers._CLAUSE_BREAK, text))
    last = speakers._LAST_CLAUSE_BREAK.search(text)
    assert (last.end() if last else None) == (scanned[-1].end() if scanned else None)


_TITLED_PERSON = regex.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Sir|Dame|Lord|Lady|Baroness|Cllr)\.?\s+)?"
    + quotes._PERSON.pattern
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_person_is_named_with_or_without_a_title(text: str) -> None:
    assert bool(quotes._PERSON.search(text)) == bool(_TITLED_PERSON.search(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_openers_are_tried_at_every_mark(text: str) -> None:
    tried = [m.span() for m in matches_at(quotes._OPENER, text, 0, quotes._mark_offsets(text))]
    assert tried == [m.span() for m in quotes._OPENER.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_signatures_are_tried_at_every_line_they_can_open(text: str) -> None:
    tried = [m.span() for m in matches_at(quotes._SIGNED, text, 0, quotes._line_starts(text))]
    assert tried == [m.span() for m in quotes._SIGNED.finditer(text)]


def test_a_lead_in_is_kept_for_its_own_document_only() -> None:
    body = "x " * 300  # long enough to be kept as a document
    first = f"{body}\n\nOne respondent said: “It was hard.”"
    second = f"{body}\n\nOur respondent said: “It was hard.”"
    at = first.index("“")
    assert at == second.index("“")
    for _ in range(2):  # worked out, then kept
        assert speakers.lead_in(first, at) == "One respondent said:"
        assert speakers.lead_in(second, at) == "Our respondent said:"
