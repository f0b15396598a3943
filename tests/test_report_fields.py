"""Table-driven tests for the report-level facts (extract/report_fields.py): title, publication
date, fieldwork, respondents, invited and publisher.

tests/cases/report_fields.json lists cases {"call", "text", "expect", "note"}: sentences written
for these tests in the shapes real publications use (the note names the shape), with negatives
whose `expect` is null: the function must find nothing. A date is an ISO string (or, for a date
the text gives without a year, {"date": null, "text": …}); a fieldwork range is [start, end].
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from typing import Any

import pytest

from extract import extract_text, report_fields
from extract.document import Document
from extract.fields.starts import matches_at
from extract.layout import line_matches
from extract.models import Count, DateRange, DateValue, Qualifier
from extract.vocab import words
from tests.conftest import RAW

CASES = json.loads(
    (Path(__file__).resolve().parent / "cases" / "report_fields.json").read_text(encoding="utf-8")
)
CALLS = {"find_title", "find_published", "find_fieldwork", "find_respondents", "find_invited",
         "find_publisher"}  # fmt: skip


def _value(result: Any) -> Any:
    """What a case's `expect` states about a result, checking its span on the way."""
    if isinstance(result, DateValue):
        if result.date is None:
            return {"date": None, "text": result.text}
        return result.date.isoformat()
    if isinstance(result, DateRange):
        return [d.isoformat() if d else None for d in (result.start, result.end)]
    if isinstance(result, Count):
        return result.n
    return result


def _check_span(doc: Document, result: Any) -> None:
    if isinstance(result, DateValue | DateRange | Count):
        assert doc.text[result.span.start : result.span.end] == result.text, result


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c['call']}: {c['note']}") for c in CASES])
def test_report_field(case: dict[str, Any]) -> None:
    assert set(case) == {"call", "text", "expect", "note"} and case["call"] in CALLS
    doc = Document(case["text"])
    result = getattr(report_fields, case["call"])(doc)
    _check_span(doc, result)
    assert _value(result) == case["expect"]


@pytest.mark.parametrize("phrase", words("facts", "furniture") + words("facts", "section_labels"))
def test_every_furniture_entry_is_skipped(phrase: str) -> None:
    """Each vocabulary entry, alone on a line above a headline, is not taken for the title."""
    doc = Document(f"{phrase.title()}\n\nRiver swimmers want cleaner water\n\nText.")
    assert report_fields.find_title(doc) == "River swimmers want cleaner water"


HEDGES = [
    (qualifier, hedge)
    for qualifier in typing.get_args(Qualifier)
    for hedge in words("facts", f"hedge_{qualifier}")
]


@pytest.mark.parametrize(("qualifier", "hedge"), HEDGES)
def test_every_hedge_leaves_respondents_null(qualifier: str, hedge: str) -> None:
    """A hedged total is no exact count: it is kept apart, with the qualifier its hedge names."""
    doc = Document(f"The survey was completed by {hedge} 1,200 nurses.")
    assert report_fields.find_respondents(doc) is None
    approx = report_fields.find_respondents_approx(doc)
    assert approx is not None and (approx.n, approx.qualifier) == (1200, qualifier)
    assert approx.text.lower().startswith(f"completed by {hedge}")
    _check_span(doc, approx)


# Hedged totals as reports state them, written for this test: (text, n, qualifier).
HEDGED_TOTALS = [
    ("More than 400 members took part in the survey.", 400, "more_than"),
    ("Nearly 3,000 teachers responded to the poll.", 3000, "nearly"),
    ("We surveyed over 1,000 adults in the spring.", 1000, "more_than"),
    ("Almost 500 people were surveyed online.", 500, "nearly"),
    ("Around 2,000 respondents completed the questionnaire.", 2000, "about"),
    ("The poll of at least 750 adults was run by Acme.", 750, "at_least"),
]


@pytest.mark.parametrize(("text", "n", "qualifier"), HEDGED_TOTALS)
def test_hedged_total_kept_with_its_qualifier(text: str, n: int, qualifier: str) -> None:
    doc = Document(text)
    assert report_fields.find_respondents(doc) is None
    approx = report_fields.find_respondents_approx(doc)
    assert approx is not None and (approx.n, approx.qualifier) == (n, qualifier)
    _check_span(doc, approx)


@pytest.mark.parametrize(
    "text",
    [
        "In total 742 people responded, more than 400 of them online.",  # the exact total wins
        "Salaries ranged from over 30,000 to 45,000 a year.",  # a salary range
        "The margin of error is about 3 points.",  # a margin of error
        "More than 400 of the members surveyed were nurses.",  # a subgroup, not the total
    ],
)
def test_no_hedged_total(text: str) -> None:
    assert report_fields.find_respondents_approx(Document(text)) is None


def test_a_hedged_total_is_no_record_base() -> None:
    """The record keeps the hedged total apart: no question's base is read from it, and
    `respondents` stays null."""
    record = extract_text(
        "More than 400 nurses took part in the survey.\n\n"
        "## Do you feel safe at work?\n\nYes 40%\nNo 60%\n"
    )
    assert record.respondents is None
    assert record.respondents_approx is not None
    assert (record.respondents_approx.n, record.respondents_approx.qualifier) == (
        400,
        "more_than",
    )
    assert all(q.base is None for q in record.questions)


# Publication labels set as publications set them, and lines that only look like them.
LABEL_LINES = [
    *("Published: Tuesday 7 March 2023", "  **Published on:** 3 May 2023", "# Date: 1/2/23"),
    *("News | Posted 4 June 2021 | Share", "First\nPublished 2 May", "FIRST  PUBLISHED: x"),
    *("Publication date: 2020", "Date of publication 4 May", "Date published: 5 May"),
    *("Released at 9am", "|Date 3", "Updated | date 4", "The date: 4", "Candidate 3"),
    *("ReLeAsEd", "İt was posted", "pub-\nlished", "\n\n  Date: 3 May\n", "Posted| Date"),
]


@pytest.mark.parametrize("repeat", [1, 2])
def test_publication_labels_are_found_where_the_whole_text_scan_finds_them(repeat: int) -> None:
    """Tried only where a line holds a label's word, the label pattern finds what its scan of
    the whole text finds."""
    texts = ["\n".join([line] * repeat) for line in [*LABEL_LINES, "\n".join(LABEL_LINES)]]
    texts += [extract_text.__doc__ or "", *(c["text"] for c in CASES)]
    pattern = report_fields._PUBLISHED_LABEL
    for text in texts:
        expected = [m.span() for m in pattern.finditer(text)]
        found = line_matches(pattern, text, report_fields._PUBLISHED_LABEL_WORDS, "|")
        assert [m.span() for m in found] == expected, text


CREDIT_LINES = [
    *("Conducted by YouGov for the RCN.", "The survey was CARRIED OUT BY Ipsos on behalf of X"),
    *("a YouGov poll for the Royal College of Nursing (RCN)", "Research from Opinium for BBC"),
    *("commissioned by The Health Foundation", "on behalf of the NHS", "mon behalf of Y"),
    *("Fielded by Savanta", "compiled by The Office", "rerun by X", "ſurvey for Acme", "x"),
]


def test_credits_are_found_where_the_whole_text_scan_finds_them() -> None:
    """Tried only where a credit's first word starts, the credit pattern finds what its scan
    finds."""
    texts = [*CREDIT_LINES, " ".join(CREDIT_LINES), *(c["text"] for c in CASES)]
    for text in texts:
        expected = report_fields._CREDIT.search(text)
        found = report_fields._CREDIT_SEARCH.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


@pytest.mark.parametrize("stretch", [1, 2, 3, 7, 64, 2048])
def test_respondent_phrasings_found_a_stretch_at_a_time_are_those_of_the_whole_text(
    stretch: int,
) -> None:
    """The offsets a respondent phrasing may open at, found a stretch at a time (cut inside
    words, lines and phrasings), give the matches that those of the whole text give."""
    from tests.test_pattern_guards import RESPONDENT_PHRASINGS

    phrasings = [*RESPONDENT_PHRASINGS.values(), *HEDGED_RESPONDENTS]
    texts = [*phrasings, "\n".join(phrasings), " T ot als: 9\nN=4 ", "", "\n", "t \n"]
    texts += [c["text"] for c in CASES if c["call"] == "find_respondents"]
    texts += [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    for text in texts:
        starts = tuple(report_fields._respondent_starts(text, 0, len(text)))
        whole = matches_at(report_fields._RESPONDENTS, text, 0, starts)
        stretched = report_fields._respondent_scan(text, stretch)
        assert [(m.span(), m.groupdict()) for m in stretched] == [
            (m.span(), m.groupdict()) for m in whole
        ], text


# Counts with their hedges, and words that open a hedge or a phrasing but no count.
HEDGED_RESPONDENTS = [
    *("more than 400 nurses took part", "Nearly 2,000 staff responded to the survey"),
    *("about 90 members were surveyed", "In excess of 300 responses in total", "up to 40"),
    *("an estimated 1,200 people completed the survey", "c. 500 carers took part"),
    *("at least 52 responses in total", "Some 3 dozen took part", "inside 40 people surveyed"),
    *("ANSWERED BY 12 NURSES", "and 40 respondents in total", "TOTAL 31\n", "\n12 responses\n"),
]


# The count-led phrasings at their longest: a count of three words, three words and the longest
# people before "were surveyed", five words before "took part".
LONGEST_COUNT_LED = [
    "In all, more than sixty - five local branch union registered voters were surveyed",
    "In all, sixty - five of the 12 teams took part",
    "In all, 1,310 users in 96 countries took part",
]


@pytest.mark.parametrize("text", LONGEST_COUNT_LED)
def test_a_count_led_phrasing_at_its_longest_is_tried_at_its_count(text: str) -> None:
    """The words `_COUNT_TAIL` lets stand between a count and a phrasing's last words are
    enough for the longest phrasing: the reader's scan finds what the whole pattern finds."""
    found = [m.span() for m in report_fields._respondent_scan(text)]
    expected = [m.span() for m in report_fields._RESPONDENTS.finditer(text)]
    assert found == expected and found


def test_the_respondent_alternations_tried_at_an_offset_have_the_same_groups() -> None:
    """The alternations without the phrasings that cannot open at an offset give a match
    the groups the whole one gives."""
    for pattern in (report_fields._RESPONDENTS_NO_COUNT, report_fields._RESPONDENTS_WORD_LED):
        assert pattern.groupindex == report_fields._RESPONDENTS.groupindex


@pytest.mark.parametrize(
    "text",
    [
        "Acme Research runs regular polls of nurses",
        "The Care Network conducts two surveys",
        "Opinium Research carries out\nmonthly polls",
        "ACME RUNS POLLS",  # the pattern is case-sensitive
        "Acme Research ran polls",
    ],
)
def test_a_publisher_line_holds_one_of_the_verbs_looked_for(text: str) -> None:
    """`find_publisher` searches for its publisher line only in a text holding its verbs."""
    for sample in [text, *(c["text"] for c in CASES)]:
        if report_fields._PUBLISHER.search(sample):
            assert report_fields._has_publisher_verb(sample), sample


@pytest.mark.parametrize("key", ["furniture", "not_published"])
def test_a_line_holds_a_phrase_where_the_phrases_search_finds_one(key: str) -> None:
    """Searching only where a phrase's first word opens a word finds what the phrases' own
    search finds: every phrase in every case, glued to words, broken over white space."""
    search = {"furniture": report_fields._FURNITURE, "not_published": report_fields._NOT_PUBLISHED}
    phrases = words("facts", key)
    texts = ["", "3 May 2023", "Published 3 May 2023", "Sitemap | Logout", "ſkip to content"]
    for phrase in phrases:
        texts += [phrase, phrase.upper(), f"x {phrase.title()} 3 May", f"x{phrase}y"]
        texts += [phrase.replace(" ", "\n  "), phrase.replace("s", "ſ"), phrase[:-1]]
    for text in texts:
        expected = search[key].pattern.search(text)
        found = search[key].search(text)
        assert (found and found.span()) == (expected and expected.span()), text
