"""Saved web pages: only the main content reaches the blocks (no navigation, cookie banner,
"Most read" list or footer); headings, tables and quotes keep their kinds; the page's headline
and stated publication time are the record's; a page and its plain-text copy give the same
questions and options. The page was written for this test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.loaders import load
from extract.pipeline import extract_file, extract_text

PAGE = """<!doctype html>
<html><head><title>Ferry users want later sailings | Island News</title>
<meta property="og:title" content="Ferry users want later sailings">
<meta property="article:published_time" content="2024-05-14T09:30:00+01:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. Accept all cookies</div>
<article>
<h1>Ferry users want later sailings</h1>
<p>A survey of ferry passengers was carried out by the Island Transport Forum between 1 and 12
April 2024.</p>
<h2>Q1. Which sailing time would you use most?</h2>
<table><tr><th>Answer</th><th>%</th></tr>
<tr><td>Before 7am</td><td>12%</td></tr>
<tr><td>7am to 10am</td><td>41%</td></tr>
<tr><td>After 8pm</td><td>47%</td></tr></table>
<p>More than half of passengers (56%) said the last sailing was too early, while 18% said fares
were the bigger problem.</p>
</article>
<aside><h3>Most read</h3><ul><li>Harbour wall repairs begin</li><li>Council tax 12% rise</li></ul>
</aside>
<footer>© Island News 2024. Share this article</footer>
</body></html>
"""

PLAIN = """Ferry users want later sailings

Published: 2024-05-14

A survey of ferry passengers was carried out by the Island Transport Forum between 1 and 12
April 2024.

Q1. Which sailing time would you use most?

Before 7am: 12%
7am to 10am: 41%
After 8pm: 47%

More than half of passengers (56%) said the last sailing was too early, while 18% said fares
were the bigger problem.
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_furniture_never_reaches_the_text(page: Path) -> None:
    text = load(page).document.text
    for furniture in ("Home", "cookies", "Most read", "Harbour wall", "Share this", "12% rise"):
        assert furniture not in text


def test_blocks_keep_their_kinds(page: Path) -> None:
    kinds = [b.kind for b in load(page).document.blocks]
    assert kinds[:2] == ["heading", "paragraph"]  # the headline, its Published line
    assert "question" in kinds and "table" in kinds


def test_the_record(page: Path) -> None:
    report = extract_file(page)
    assert report.source.media_type == "text/html"
    assert report.title == "Ferry users want later sailings"
    assert report.published is not None and report.published.date == dt.date(2024, 5, 14)
    assert report.fieldwork is not None
    assert (report.fieldwork.start, report.fieldwork.end) == (
        dt.date(2024, 4, 1),
        dt.date(2024, 4, 12),
    )
    table, late, fares = report.questions
    assert table.text == "Which sailing time would you use most?"
    assert [(o.label, o.percent) for o in table.options] == [
        ("Before 7am", 12.0),
        ("7am to 10am", 41.0),
        ("After 8pm", 47.0),
    ]
    assert [(q.text, q.options[0].percent) for q in (late, fares)] == [
        ("The last sailing was too early", 56.0),
        ("Fares were the bigger problem", 18.0),
    ]


def test_a_page_and_its_plain_text_copy_agree(page: Path) -> None:
    def shape(report: object) -> list[tuple[str, list[tuple[str, float | None]]]]:
        return [(q.text, [(o.label, o.percent) for o in q.options]) for q in report.questions]  # type: ignore[attr-defined]

    assert shape(extract_file(page)) == shape(extract_text(PLAIN))


def test_a_page_with_no_main_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><script>var shown = 1;</script></head><body></body></html>", "utf-8"
    )
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.code == "empty_file"


def test_an_xhtml_page_with_an_xml_declaration_keeps_its_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "ferry.xhtml.html"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.split("\n", 1)[1], "utf-8")
    report = extract_file(path)
    assert report.title == "Ferry users want later sailings"
    assert report.published is not None and report.published.date == dt.date(2024, 5, 14)


def test_a_bare_fragment_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<p>Q1. Do you cycle to work?</p><p>Yes 30%</p><p>No 70%</p>", "utf-8")
    (question,) = extract_file(path).questions
    assert [(o.label, o.percent) for o in question.options] == [("Yes", 30.0), ("No", 70.0)]


def test_a_page_nested_past_the_parser_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 100_000 + "Half (50%) said yes." + "</div>" * 100_000, "utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.code in {"empty_file", "too_complex"}
