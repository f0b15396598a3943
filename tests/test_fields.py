"""Table-driven tests for the shared field extractors in extract/fields/.

Each tests/cases/<extractor>.json is a list of cases:

    {"phrase": ..., "expect": ..., "source": "<raw file stem>:<line>" | "negative" | "constructed"}

A phrase with a raw source is copied verbatim from that document, starting on that line (checked
below); "negative" marks a short made-up phrase that must yield nothing. Extra keys: "call" picks
the function where a file covers several, "year" is the year given to `with_year`, "quote" and
"previous" locate the quote and name the previous speaker for `find_speaker`.

A real phrase the extractor gets wrong keeps its true expectation and carries "xfail": <reason>;
such a case must fail (strict), so a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from extract.fields import Found
from extract.fields.bases import find_bases
from extract.fields.dates import find_date_ranges, find_dates, with_year
from extract.fields.numbers import find_people_counts, number_value
from extract.fields.percentages import find_percentages
from extract.fields.quotes import clean_quote, find_quotes
from extract.fields.speakers import find_speaker
from tests.conftest import RAW

CASES = Path(__file__).resolve().parent / "cases"
EXTRACTORS = ("percentages", "numbers", "dates", "bases", "quotes", "speakers")
BASE_KEYS = {"phrase", "expect", "source", "xfail"}
EXTRA_KEYS = {
    "percentages": set(),
    "numbers": {"call"},
    "dates": {"call", "year"},
    "bases": set(),
    "quotes": set(),
    "speakers": {"quote", "previous"},
}
CALLS = {
    "numbers": {"find_people_counts", "number_value"},
    "dates": {"find_dates", "find_date_ranges", "with_year"},
}
OPENING_MARKS = "“‘\"'"
_ID_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})

Case = dict[str, Any]


def _load(name: str) -> list[Case]:
    cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(cases, list) and cases, f"{name}.json holds no cases"
    return cases


def _case_id(name: str, case: Case) -> str:
    words = " ".join(case["phrase"].split()) or "<empty>"
    label = words[:48] + ("…" if len(words) > 48 else "")
    if "call" in case:
        label = f"{case['call']}: {label}"
    if "quote" in case:
        quote = " ".join(case["quote"].split())
        label = f"{label} [{quote[:32]}]"
    return label.translate(_ID_ASCII)


def _params(name: str, *, with_xfail: bool = True) -> list[Any]:
    params = []
    seen: Counter[str] = Counter()
    for case in _load(name):
        case_id = _case_id(name, case)
        seen[case_id] += 1
        if seen[case_id] > 1:
            case_id = f"{case_id} #{seen[case_id]}"
        marks = []
        if with_xfail and "xfail" in case:
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        params.append(pytest.param(case, id=case_id, marks=marks))
    return params


def _all_params() -> list[Any]:
    params = []
    for name in EXTRACTORS:
        for param in _params(name, with_xfail=False):
            (case,) = param.values
            params.append(pytest.param(name, case, id=f"{name}: {param.id}"))
    return params


def _check_spans(phrase: str, found: list[Found]) -> None:
    """Every match lies inside the phrase and its text is the wording at its offsets."""
    for item in found:
        assert 0 <= item.start <= item.end <= len(phrase), item
        assert item.text == phrase[item.start : item.end], item


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _same(actual: Any, expect: Any) -> None:
    """Equal, and of the same kind at the top: 0 is not None, False is not 0."""
    assert actual == expect
    assert type(actual) is type(expect) or (
        isinstance(actual, int | float)
        and isinstance(expect, int | float)
        and not isinstance(actual, bool)
        and not isinstance(expect, bool)
    ), (actual, expect)


# ------------------------------------------------------------------------ the cases themselves


@pytest.mark.parametrize(("name", "case"), _all_params())
def test_case_is_well_formed_and_verbatim(name: str, case: Case) -> None:
    assert set(case) <= BASE_KEYS | EXTRA_KEYS[name], set(case) - BASE_KEYS - EXTRA_KEYS[name]
    assert {"phrase", "expect", "source"} <= set(case)
    if name in CALLS:
        assert case.get("call") in CALLS[name]
    if "xfail" in case:
        assert isinstance(case["xfail"], str) and case["xfail"].strip()
    phrase, source = case["phrase"], case["source"]
    if source in ("negative", "constructed"):
        assert len(phrase) <= 40, "a constructed phrase is short"
        return
    stem, _, line = source.rpartition(":")
    text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
    lines_found = []
    at = text.find(phrase)
    while at != -1 and phrase:
        lines_found.append(text.count("\n", 0, at) + 1)
        at = text.find(phrase, at + 1)
    assert lines_found, f"phrase not found verbatim in raw/{stem}.txt"
    assert int(line) in lines_found, f"phrase starts on line(s) {lines_found}, not {line}"
    if name == "speakers":
        assert phrase.count(case["quote"]) == 1, "the quote must occur once in the phrase"


# ------------------------------------------------------------------------ percentages


@pytest.mark.parametrize("case", _params("percentages"))
def test_percentages(case: Case) -> None:
    found = find_percentages(case["phrase"])
    _check_spans(case["phrase"], found)
    _same([[p.value, p.qualifier] for p in found], case["expect"])
    for p, (value, _qualifier) in zip(found, case["expect"], strict=False):
        _same(p.value, float(value))


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize("case", _params("numbers"))
def test_numbers(case: Case) -> None:
    phrase = case["phrase"]
    if case["call"] == "number_value":
        _same(number_value(phrase), case["expect"])
        return
    found = find_people_counts(phrase)
    _check_spans(phrase, found)
    _same([[c.n, c.of_n] for c in found], case["expect"])


# ------------------------------------------------------------------------ dates


@pytest.mark.parametrize("case", _params("dates"))
def test_dates(case: Case) -> None:
    phrase = case["phrase"]
    if case["call"] == "find_dates":
        dates = find_dates(phrase)
        _check_spans(phrase, dates)
        _same([_iso(d.date) for d in dates], case["expect"])
        return
    ranges = find_date_ranges(phrase)
    _check_spans(phrase, ranges)
    if case["call"] == "find_date_ranges":
        _same([[_iso(r.start_date), _iso(r.end_date)] for r in ranges], case["expect"])
        return
    assert len(ranges) == 1, ranges
    dated = with_year(ranges[0], case["year"])
    assert (dated.start, dated.end, dated.text) == (ranges[0].start, ranges[0].end, ranges[0].text)
    _check_spans(phrase, [dated])
    _same([_iso(dated.start_date), _iso(dated.end_date)], case["expect"])


# ------------------------------------------------------------------------ bases


@pytest.mark.parametrize("case", _params("bases"))
def test_bases(case: Case) -> None:
    found = find_bases(case["phrase"])
    _check_spans(case["phrase"], found)
    _same([b.n for b in found], case["expect"])


# ------------------------------------------------------------------------ quotes


@pytest.mark.parametrize("case", _params("quotes"))
def test_quotes(case: Case) -> None:
    phrase = case["phrase"]
    found = find_quotes(phrase)
    for q in found:
        # start/end cover the marks, inner_* the words; text is those words cleaned.
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(phrase), q
        assert phrase[q.start] in OPENING_MARKS, q
        assert q.text == clean_quote(phrase[q.inner_start : q.inner_end]), q
        assert q.kind in ("quote", "label", "term", "statement", "question"), q
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found)), found
    _same([[q.text, q.kind] for q in found], case["expect"])


# ------------------------------------------------------------------------ speakers


@pytest.mark.parametrize("case", _params("speakers"))
def test_speakers(case: Case) -> None:
    phrase, quote = case["phrase"], case["quote"]
    start = phrase.index(quote)
    speaker = find_speaker(phrase, start, start + len(quote), case.get("previous"))
    _same(speaker, case["expect"])
