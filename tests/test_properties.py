"""Property and fuzz tests: every field extractor and every format parser, fed arbitrary and
hostile text, never raises, finishes in bounded time, returns spans inside the text and
percentages a share can take.

Hostile text is mostly real: lines and sentences of the reference reports in raw/ spliced,
repeated and mutated (thousands of "%" signs, 20,000-character lines, nested and unclosed quote
marks, NUL and control characters, other scripts' digits), so the parsers go deep into their
rules instead of rejecting the input at the first line. Example counts are bounded and the run
is derandomised, so CI stays quick and a failure reproduces.

The explicit pathological inputs at the end guard against catastrophic backtracking: a regex
with competing quantifiers turns a few thousand characters into minutes.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import profiles
from extract.checks import spans_in
from extract.document import Document
from extract.draft import Draft
from extract.fields.bases import find_bases
from extract.fields.dates import find_date_ranges, find_dates, with_year
from extract.fields.numbers import find_people_counts, number_value
from extract.fields.percentages import find_percentages
from extract.fields.quotes import clean_quote, find_quotes
from extract.fields.speakers import find_speaker
from extract.layout import sentences, text_to_blocks
from extract.models import Report, Span
from extract.pipeline import extract_text
from extract.report import read_report
from extract.report_fields import (
    find_fieldwork,
    find_invited,
    find_publisher,
    find_respondents,
    find_series,
)
from extract.writer import record_json
from tests.conftest import RAW

# Deterministic and without an example database, so that CI runs the same examples every time.
# PROPERTY_SCALE=20 runs twenty times the examples, random ones, for a longer hunt by hand.
SCALE = int(os.environ.get("PROPERTY_SCALE", "1"))
settings.register_profile(
    "properties",
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
FAST = settings(
    settings.get_profile("properties"), max_examples=300 * SCALE, deadline=timedelta(seconds=2)
)
SLOW = settings(
    settings.get_profile("properties"), max_examples=150 * SCALE, deadline=timedelta(seconds=5)
)

DOCUMENTS = [
    path.read_text(encoding="utf-8")
    for path in sorted([*RAW.glob("*.txt"), *(Path(__file__).parent / "documents").glob("*.txt")])
]
LINES = sorted({line for doc in DOCUMENTS for line in doc.split("\n") if line.strip()})
SENTENCES = sorted(
    {s.strip() + "." for doc in DOCUMENTS for s in doc.replace("\n", " ").split(". ") if s.strip()}
)
# Pieces that trip parsers: the marks and layouts the rules key on, and characters reports
# never hold.
HOSTILE = [
    "%", "%" * 50, "% ", "100%", "150%", "999.5%", "(51%)", "per cent", "percent", " per cent of",
    "half of the respondents", "Over half (52%)", "one in three respondents", "a quarter of",
    "“", "”", "‘", "’", '"', "'", "“‘", "’”", '"\'', "“*", "*”", "“‘\"'", "''", '""',
    "**", "*", "## ", "# ", "### How often?", "\n", "\n\n", "\n \n", "\r\n", "\r", "\t", "\x00",
    "\x0b", "\x0c", "\x1f", "\u2028", "\u200b", "\ufeff", "\xa0", "…", "—", "–", "-",
    "Fig 1.", "Fig.1", "Figure 2: caption", "Source: WWCSC Polling", "Base: 135 Social Workers,",
    "Base:", "n=212", "(n = 12)", "(33)", "participants", "all 186 participants provided",
    "1,237", "1,2,3", "0", "00", "1" * 30, "9" * 5000, "١٢٣", "²", "𝟙𝟚", "Sixty- five",
    "between the 9th and 14th July 2021", "18 Jan - 1 Feb", "06/04/22", "31/02/2022",
    "29 February 2023", "the sixth in a series of special polls", "A total of 186 participants",
    "of which 135 responded", "sent to 1237 registered social workers", "said one social worker",
    ", one social worker told the review.", "Another suggested:", "adding:",
    "Executive Summary of Findings:", "1. Response Numbers:", "These included:", "12.03.18",
    "Polling results report: 10 February 2021", "This report covers the period between",
    "[chart, page 1]\nYes: 40%\nNo: 150%\n[end of chart]", "[chart, page 2]\n[end of chart]",
    "é", "ß", "İ", "ﬁ", "한국어", "\U0001f600",
]  # fmt: skip

# How long any one extractor may take on one text of the sizes below (up to ~50k characters);
# linear rules take milliseconds, a blow-up takes seconds to minutes.
PATHOLOGICAL_BOUND = 5.0


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A real report or a splice of real lines, with hostile pieces inserted, ranges deleted,
    repeated or doubled."""
    if draw(st.booleans()):
        text = draw(st.sampled_from(DOCUMENTS))
    else:
        pieces = draw(st.lists(st.sampled_from(LINES + SENTENCES), min_size=1, max_size=40))
        glue = draw(st.sampled_from(["\n", "\n\n", " ", "\n \n"]))
        text = glue.join(pieces)
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(
            st.sampled_from(["insert", "repeat", "delete", "double", "spaces", "arbitrary"])
        )
        if action == "insert":
            piece = draw(st.sampled_from(HOSTILE))
            times = min(draw(st.integers(1, 200)), max(1, 20_000 // len(piece)))
            text = text[:at] + piece * times + text[at:]
        elif action == "repeat":
            piece = draw(st.sampled_from(HOSTILE + SENTENCES[:50]))
            text = text[:at] + piece * draw(st.integers(1, 50)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(0, 500)) :]
        elif action == "double":
            stop = min(len(text), at + draw(st.integers(0, 300)))
            text = text[:stop] + text[at:stop] * draw(st.integers(1, 5)) + text[stop:]
        elif action == "spaces":
            text = text[:at] + draw(st.sampled_from([" ", "\t", " \n"])) * 3000 + text[at:]
        else:
            text = text[:at] + draw(st.text(max_size=50)) + text[at:]
    return text


@st.composite
def hostile_lines(draw: st.DrawFn) -> str:
    """Short texts built only from hostile pieces and real sentences, no blank-line layout."""
    pieces = draw(st.lists(st.sampled_from(HOSTILE + SENTENCES), min_size=1, max_size=30))
    return draw(st.sampled_from(["", " ", "\n"])).join(pieces)


TEXTS = st.one_of(
    st.text(max_size=500),
    st.text(alphabet=st.sampled_from(list("%“”‘’\"' \n*0123456789.,:()-#abn")), max_size=500),
    hostile_lines(),
    mutated_documents(),
)
# Documents whole, for the format parsers and the pipeline.
DOC_TEXTS = st.one_of(st.text(max_size=300), hostile_lines(), mutated_documents())


def assert_found(text: str, found: list[Any], *, verbatim: bool = True) -> None:
    """Every match lies inside the text, in order of its start, and (for `verbatim` results)
    its `text` is the slice it claims to come from."""
    for item in found:
        assert 0 <= item.start <= item.end <= len(text), item
        if verbatim:
            assert text[item.start : item.end] == item.text, item


def assert_percent(value: float, *, stated_digits: bool) -> None:
    """A share is 0-100; only digits the text writes ("150%") may say more, never over 999.9."""
    assert 0 <= value < 1000
    assert value <= 100 or stated_digits, value


# ---------------------------------------------------------------- field extractors


@FAST
@given(TEXTS)
def test_find_percentages(text: str) -> None:
    found = find_percentages(text)
    assert_found(text, found)
    for pct in found:
        assert_percent(pct.value, stated_digits=pct.rule in {"digits", "word_and_digits"})
        if pct.word_value is not None:
            assert 0 <= pct.word_value <= 100


@FAST
@given(TEXTS)
def test_find_people_counts(text: str) -> None:
    found = find_people_counts(text)
    assert_found(text, found)
    for count in found:
        assert count.n >= 0 and (count.of_n is None or count.of_n >= 0)


@FAST
@given(st.one_of(st.text(max_size=60), st.sampled_from(HOSTILE)))
def test_number_value(words: str) -> None:
    value = number_value(words)
    assert value is None or value >= 0


@FAST
@given(TEXTS, st.integers(1900, 2100))
def test_find_dates_and_ranges(text: str, year: int) -> None:
    assert_found(text, find_dates(text))
    ranges = find_date_ranges(text)
    assert_found(text, ranges)
    for found in ranges:
        again = with_year(found, year)
        assert (again.start, again.end, again.text) == (found.start, found.end, found.text)


@FAST
@given(TEXTS)
def test_find_bases(text: str) -> None:
    found = find_bases(text)
    assert_found(text, found)
    assert all(base.n >= 0 for base in found)


@FAST
@given(TEXTS)
def test_find_quotes(text: str) -> None:
    found = find_quotes(text)
    assert_found(text, found, verbatim=False)
    previous_end = 0
    for quote in found:
        assert previous_end <= quote.start, "quotes overlap"
        assert quote.start <= quote.inner_start <= quote.inner_end <= quote.end
        assert quote.text == clean_quote(text[quote.inner_start : quote.inner_end])
        previous_end = quote.end


@FAST
@given(TEXTS)
def test_clean_quote(text: str) -> None:
    cleaned = clean_quote(text)
    assert "*" not in cleaned and cleaned == cleaned.strip()


@FAST
@given(TEXTS, st.data())
def test_find_speaker(text: str, data: st.DataObject) -> None:
    """At every quote found, and at arbitrary offsets."""
    previous = data.draw(st.none() | st.sampled_from(["respondent", "social worker"]))
    places = [(q.start, q.end) for q in find_quotes(text)][:20]
    start = data.draw(st.integers(0, len(text)))
    places.append((start, data.draw(st.integers(start, len(text)))))
    for quote_start, quote_end in places:
        speaker = find_speaker(text, quote_start, quote_end, previous)
        assert speaker is None or isinstance(speaker, str)


@FAST
@given(TEXTS)
def test_blocks_and_sentences(text: str) -> None:
    found = text_to_blocks(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start
    for block in found:
        assert 0 <= block.start <= block.end <= len(text)
        previous_end = block.start
        for start, end in sentences(text, block.start, block.end):
            assert previous_end <= start < end <= block.end
            previous_end = end


@FAST
@given(TEXTS)
def test_report_fields(text: str) -> None:
    doc = Document(text)
    for found in (find_respondents(doc), find_invited(doc), find_series(doc), find_fieldwork(doc)):
        if found is not None:
            assert_span(text, found.span)
            assert text[found.span.start : found.span.end] == found.text
    publisher = find_publisher(doc)
    assert publisher is None or publisher in text
    middle = len(text) // 2
    fieldwork = find_fieldwork(doc, middle, len(text))
    if fieldwork is not None:
        assert middle <= fieldwork.span.start


# ---------------------------------------------------------------- profiles and the pipeline


def assert_span(text: str, span: Span) -> None:
    """Inside the text, and on the line its start is on."""
    assert 0 <= span.start <= span.end <= len(text), span
    assert span.line == text.count("\n", 0, span.start) + 1, span
    assert span.page is None


def assert_report(text: str, report: Report) -> None:
    """Every span inside the text, every share 0-100 (a statistic over 100 carries the
    out-of-range warning), and a record the schema accepts."""
    for span in spans_in(report):
        assert_span(text, span)
    out_of_range = {
        (w.span.start, w.span.end) for w in report.warnings if w.code == "percent_out_of_range"
    }
    for question in report.questions:
        for option in question.options:
            assert option.percent is None or 0 <= option.percent <= 100
        for stat in question.statistics:
            if stat.unit == "percent" and not 0 <= stat.value <= 100:
                assert (stat.span.start, stat.span.end) in out_of_range, stat
            else:
                assert stat.value >= 0
    record_json(report)


@pytest.mark.parametrize("module", profiles.registry(), ids=lambda m: m.NAME)
@SLOW
@given(text=DOC_TEXTS)
def test_profile_detect_and_refine(module: Any, text: str) -> None:
    score = module.detect(text)
    assert isinstance(score, float) and 0.0 <= score <= 1.0, score
    doc = Document(text)
    draft = module.refine(doc, read_report(doc))
    assert isinstance(draft, Draft)
    for value in vars(draft).values():
        for span in spans_in(value):
            assert_span(text, span)


@SLOW
@given(DOC_TEXTS)
def test_extract_text(text: str) -> None:
    assert_report(text, extract_text(text))


# ---------------------------------------------------------------- pathological inputs

EXTRACTORS: dict[str, Callable[[str], object]] = {
    "find_percentages": find_percentages,
    "find_people_counts": find_people_counts,
    "number_value": number_value,
    "find_dates": find_dates,
    "find_date_ranges": find_date_ranges,
    "find_bases": find_bases,
    "find_quotes": find_quotes,
    "clean_quote": clean_quote,
    "find_speaker": lambda text: find_speaker(text, len(text) // 2, len(text) // 2 + 1, None),
    "blocks": text_to_blocks,
    "sentences": lambda text: sentences(text, 0, len(text)),
    "report_fields": lambda text: [
        f(Document(text))
        for f in (find_respondents, find_invited, find_series, find_fieldwork, find_publisher)
    ],
    **{
        f"detect_{m.NAME}": (lambda module: lambda text: module.detect(text))(m)
        for m in profiles.registry()
    },
    "extract_text": lambda text: record_json(extract_text(text)),
}


def special_poll(prose: str) -> str:
    """`prose` as the answer to the first question of a special poll, so that it reaches the
    share rules."""
    return f"Title\n\n## Did you agree?\n\nFig 1.\n\n{prose}\n\n## Why?\n\nFig 2.\n\nNo.\n"


PATHOLOGICAL = {
    "percent_signs": "%" * 5000,
    "digit_percent": "1%" * 5000,
    "digit_line": ("12 345 6 " * 3000)[:20000],
    "digit_run": "1" * 20000,
    "comma_groups": "1" + ",234" * 5000,
    "opening_quotes": "“" * 10000,
    "unclosed_quotes": " “a" * 5000,
    "straight_quotes": ' "a' * 5000,
    "single_quotes": " 'a" * 5000,
    "nested_quotes": "“‘\"'" * 5000,
    "quoted_words": "“word word word " * 2000,
    "words": "a " * 20000,
    "per_cent": "per cent of the " * 2000,
    "fractions": "half of the " * 2000,
    "qualifiers": "just over " * 3000,
    "newlines": "\n" * 20000,
    "blank_lines": "\n \n" * 10000,
    "dates": "1 Jan - " * 3000,
    "between": "between the 1 and " * 2000,
    "speakers": "one senior social worker said " * 1000,
    "brackets": "participants (33) " * 2000,
    "headings": "## Title?\n\n" * 2000,
    "spaced_heading": "## a" + " " * 20000 + "b",
    "bold": "**" * 5000,
    "dots": "." * 20000,
    "abbreviations": "e.g. " * 5000,
    "bases": "Base: 1 a a a a " * 2000,
    "label_gap": "They listed “a b”" + " " * 20000 + "x “b c d”",
    "attributed_gap": "a “b c”" + " " * 20000 + "x",
    "clause_spaces": "Title\n\n5% of respondents a" + " " * 20000 + "b and 6% said c.",
    "section_spaces": special_poll(
        "Of respondents, 5% chose that a"
        + " " * 20000
        + "b and that c"
        + " " * 20000
        + "(both chosen by 6%), d"
        + " " * 20000
        + "(see Figure 1) and it was so."
    ),
    "superlative_spaces": special_poll("It x" + " " * 20000 + "y were the most (5%) of all."),
    "which_spaces": special_poll("Most (67%) work overtime," + " " * 20000 + "which is so."),
    "list_intro_spaces": (
        "Executive Summary of Findings:\n1. A b\n2. B c\n3. C d\nsuch as" + " " * 20000 + "x\n"
    ),
    "speaker_spaces": "One respondent adding" + " " * 5000 + "x “a b c”",
    "nul": "\x00" * 20000,
    # a paragraph hard-wrapped over thousands of lines: each line must not re-read the whole
    "hard_wrapped": "Most members said the\n" + "new timetable was easier and\n" * 6000,
    "long_line": " ".join(SENTENCES)[:50000].replace("\n", " "),
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_inputs_finish_quickly(name: str) -> None:
    """Guards against exponential or quadratic blow-up: each input is a few thousand repeats of
    what one rule keys on, which a linear rule reads in milliseconds and a backtracking one
    in minutes. The bound is generous so that a slow CI machine does not make it flaky."""
    text = PATHOLOGICAL[name]
    slow = {}
    for extractor, run in EXTRACTORS.items():
        started = time.perf_counter()
        run(text)
        elapsed = time.perf_counter() - started
        if elapsed > PATHOLOGICAL_BOUND:
            slow[extractor] = round(elapsed, 1)
    assert not slow, f"{name}: {slow}"
