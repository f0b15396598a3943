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


# Each element of an article body and the block it becomes (the surrounding article is a
# paragraph of prose, so that the page has main text to extract).
ELEMENTS = [
    ("<h2>Parking near the station</h2>", "heading"),
    ("<h3>Q4. Would you pay more for a covered space?</h3>", "question"),
    ("<table><tr><th>Answer</th><th>%</th></tr><tr><td>Yes</td><td>41%</td></tr>"
     "<tr><td>No</td><td>59%</td></tr></table>", "table"),
    ("<ol><li>Take the earlier train.</li><li>Share a car with a colleague.</li></ol>",
     "list_item"),
    ("<blockquote><p>We circle the car park for twenty minutes every single morning.</p>"
     "</blockquote>", "quote"),
    ("<figure><img src='spaces.png'><figcaption>Figure 3: Spaces free at 9am, by day"
     "</figcaption></figure>", "caption"),
    # a caption outside any <figure> (a theme's own markup) is kept where it stands
    ("<div class='chart'><img src='fares.png'><figcaption>Figure 4: Fares paid each week, by"
     " line</figcaption></div>", "caption"),
]  # fmt: skip


@pytest.mark.parametrize(("element", "kind"), ELEMENTS, ids=[k for _, k in ELEMENTS])
def test_each_element_becomes_its_block(tmp_path: Path, element: str, kind: str) -> None:
    prose = (
        "<p>The station users' group asked 300 commuters about parking this spring, and this "
        "page sets out what they said about spaces, prices and the walk to the platforms.</p>"
    )
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article>{prose}{element}{prose}</article></body></html>")
    kinds = [b.kind for b in load(path).document.blocks]
    assert kind in kinds[1:-1], kinds


def test_a_pull_quote_is_a_respondents_quote_and_a_spokespersons_a_statement(
    tmp_path: Path,
) -> None:
    """Words set apart in a <blockquote>, with no quote marks of their own, are somebody's
    words: a respondent's, or (attributed to an official) a statement."""
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><article><h1>Commuters want more parking</h1>"
        "<p>The station users' group asked 300 commuters about parking this spring.</p>"
        "<blockquote><p>We circle the car park for twenty minutes every single morning.</p>"
        "</blockquote>"
        "<p>Ann Lee, Managing Director of the railway, said:</p>"
        "<blockquote><p>We are adding forty spaces by the autumn.</p></blockquote>"
        "</article></body></html>"
    )
    report = extract_file(path)
    assert [q.text for q in report.quotes] == [
        "We circle the car park for twenty minutes every single morning."
    ]
    assert [(q.kind, q.text[:20]) for q in report.statements] == [
        ("statement", "We are adding forty ")
    ]
