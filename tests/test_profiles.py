"""The general reader does the work; a profile adds only what is its series' own.

Each reference document is read twice: with no profile at all, and as `extract run` reads it
(with the profile that claims it). The golden records in tests/golden/ were checked against the
documents; these tests say how much of each the general reader alone gets, and what exactly
each profile adds."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from extract import profiles
from extract.loaders import load
from extract.models import Report, Source
from extract.pipeline import extract_document
from tests.conftest import RAW, ROOT

GOLDEN = ROOT / "tests" / "golden"


@cache
def _without_profile(stem: str) -> dict[str, Any]:
    path = RAW / f"{stem}.txt"
    loaded = load(path)
    source = Source(path=path.name, sha256=loaded.sha256, media_type=loaded.media_type)
    report: Report = extract_document(
        loaded.document, report_id=stem, source=source, format_name=profiles.NO_PROFILE
    )
    return report.model_dump(mode="json")


def _golden(stem: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))


# The profile of each reference, and the record fields it sets that the general reader cannot.
OWN_FIELDS = {
    "000_973d4c83f07564ec": ("special_poll", set()),
    "001_284db0d3e024a364": ("fortnightly_digest", {"published"}),  # the title's date
    "002_32b4aaddebb844bc": ("captioned_poll", set()),
    # its date line ("06/04/22"), its standfirst, the links of the article alone
    "003_3e1dfabc19509116": ("news_article", {"published", "standfirst", "links"}),
    # its executive summary's findings, its appendix titles, and its sign-off: the author,
    # the network it is signed on behalf of, the dd.mm.yy date
    "004_8dc5d5b4fe1fda7c": (
        "findings_report",
        {"findings", "appendices", "authors", "publisher", "published"},
    ),
}


@pytest.mark.parametrize("stem", list(OWN_FIELDS))
def test_the_general_reader_alone_gives_the_record(stem: str) -> None:
    """Questions, options, bases, kinds, statistics, quotes and facts: all the general
    reader's. Only the fields the profile owns differ (and the warnings about them)."""
    name, own = OWN_FIELDS[stem]
    golden, alone = _golden(stem), _without_profile(stem)
    assert golden["format"] == name and alone["format"] == profiles.NO_PROFILE
    differing = {k for k in golden if golden[k] != alone[k]} - {"format", "warnings"}
    assert differing == own


@pytest.mark.parametrize("stem", ["001_284db0d3e024a364", "003_3e1dfabc19509116"])
def test_without_its_profile_the_date_is_named_not_lost(stem: str) -> None:
    """The publication date that only the profile can read is, without it, still reported:
    a warning names it."""
    date_text = _golden(stem)["published"]["text"]
    warnings = _without_profile(stem)["warnings"]
    assert any(w["code"] == "unaccounted_date" and date_text in w["message"] for w in warnings)


def test_the_findings_report_alone_finds_every_section_list_and_theme() -> None:
    """Its sections (numbered, and the unnumbered one a title-case line inside hard-wrapped
    prose opens), the lists that lost their bullets and the sub-headings repeating them are
    the general reader's: the question records are the golden ones, field for field."""
    stem = "004_8dc5d5b4fe1fda7c"
    golden, alone = _golden(stem), _without_profile(stem)
    assert alone["questions"] == golden["questions"]
    assert alone["quotes"] == golden["quotes"]


def test_every_profile_refines_a_draft() -> None:
    """A profile is detect() and refine(): no profile parses a document on its own."""
    for module in profiles.registry():
        assert callable(module.detect) and callable(module.refine)
        assert not hasattr(module, "parse")


def test_an_unknown_profile_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="no profile"):
        profiles.named("no_such_series")


@pytest.mark.parametrize("stem", sorted(p.stem for p in RAW.glob("*.txt")))
def test_a_questions_themes_are_in_document_order(stem: str) -> None:
    """A quote's theme is found by bisecting its question's themes (report.build_quotes)."""
    questions = _golden(stem)["questions"]
    assert any(q["themes"] for q in questions) or stem != "004_8dc5d5b4fe1fda7c"
    for question in questions:
        starts = [theme["span"]["start"] for theme in question["themes"]]
        assert starts == sorted(starts)
