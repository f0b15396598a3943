"""`extract review`: the page holds the text exactly, a highlight per value at its span, a
chart per question, and nothing of the hostile text as markup; bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.document import Document
from extract.models import Report, Span
from extract.pipeline import read_file
from extract.review import Mark, anchors_of, chart_svg, review_html, text_html
from tests.conftest import GOLDEN, RAW

HOSTILE = Path(__file__).resolve().parent / "review" / "hostile-poll.md"
runner = CliRunner()


@pytest.fixture(scope="module")
def page() -> tuple[Document, object, lxml.html.HtmlElement]:
    doc, report = read_file(HOSTILE)
    return doc, report, lxml.html.document_fromstring(review_html(doc, report))


def test_the_text_is_the_text_extract_prints(page: tuple) -> None:
    doc, _, tree = page
    # a browser drops the newline just after <pre> (the page's own: test_review_browser.py
    # reads the text there); lxml keeps it
    assert tree.get_element_by_id("doc").text_content() == "\n" + doc.text


def test_every_value_is_highlighted_at_its_span(page: tuple) -> None:
    doc, report, tree = page
    marks = tree.xpath("//pre[@id='doc']//mark")
    options = [o for q in report.questions for o in q.options]
    assert len(options) == 6
    highlighted = {
        kind: "".join(m.text_content() for m in marks if f"k-{kind}" in m.get("class").split())
        for kind in ("option", "base", "quote", "warning", "fact")
    }
    for option in options:
        assert doc.text[option.span.start : option.span.end] in highlighted["option"]
    assert report.questions[0].base.text in highlighted["base"]
    assert report.quotes[0].text in highlighted["quote"]
    assert "3 March 2027" in highlighted["warning"]  # the unaccounted date, in place
    assert "230 staff" in highlighted["base"]  # the base printed under its answers
    assert report.respondents.text in highlighted["fact"]


def test_warnings_are_listed_and_linked(page: tuple) -> None:
    _, report, tree = page
    listed = tree.xpath("//ul[@class='warnings']/li")
    assert [li.find("code").text for li in listed] == [w.code for w in report.warnings]
    linked = [li for li in listed if li.get("data-m")]
    assert len(linked) == 1 and "3 March 2027" in linked[0].text_content()
    number = linked[0].get("data-m")
    marks = tree.xpath("//pre[@id='doc']//mark")
    assert any(number in m.get("data-m").split() for m in marks)


def test_a_chart_per_question_and_a_bar_per_option(page: tuple) -> None:
    _, report, tree = page
    charts = tree.xpath("//svg[@class='chart']")
    assert [c.get("data-question") for c in charts] == [q.id for q in report.questions]
    for chart, question in zip(charts, report.questions, strict=True):
        assert len(chart.xpath(".//g[@class='bar']")) == len(question.options)
        shown = [t.text for t in chart.xpath(".//g[@class='bar']/text")][1::2]
        assert shown == [f"{o.percent:g}%" for o in question.options]


def test_hostile_text_never_becomes_markup(page: tuple) -> None:
    _, _, tree = page
    assert len(tree.xpath("//script")) == 2  # the record's data and the page's own script
    assert not tree.xpath("//img | //b")
    assert "</script><script>" in tree.xpath("//h1")[0].text_content()
    data = tree.get_element_by_id("items").text
    assert "<" not in data and ">" not in data and "&" not in data


def test_the_page_fetches_nothing() -> None:
    doc, report = read_file(HOSTILE)
    tree = lxml.html.document_fromstring(review_html(doc, report))
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy and policy[0].startswith("default-src 'none';")
    assert not tree.xpath("//@src | //@href | //link | //iframe | //object | //embed")
    style = tree.xpath("//style")[0].text
    assert "url(" not in style and "@import" not in style


def test_dates_reach_the_page_as_iso_text() -> None:
    doc, report = read_file(RAW / "001_284db0d3e024a364.txt")
    assert report.published is not None and report.published.date is not None
    tree = lxml.html.document_fromstring(review_html(doc, report))
    items = json.loads(tree.get_element_by_id("items").text)
    published = [i["info"] for i in items if i["info"].get("fact") == "published"]
    assert published == [
        {
            "fact": "published",
            "value": report.published.date.isoformat(),
            "wording": report.published.text,
        }
    ]


def _mark(number: int, start: int, end: int, kind: str = "option") -> Mark:
    return Mark(kind, Span(start=start, end=end, line=1), {"label": "x"}, "q1", number=number)


def test_overlapping_spans_are_cut_into_pieces_naming_every_mark() -> None:
    doc = Document("abcdefgh")
    tree = lxml.html.fragment_fromstring(
        text_html(doc, [_mark(0, 1, 5), _mark(1, 3, 7, "warning")], {}), create_parent="pre"
    )
    pieces = [(m.text, m.get("data-m"), m.get("class")) for m in tree.xpath(".//mark")]
    assert pieces == [
        ("bc", "0", "k-option"),
        ("de", "0 1", "k-option k-warning"),
        ("fg", "1", "k-warning"),
    ]
    assert tree.text_content() == "abcdefgh"


def test_pages_and_questions_begin_with_an_anchor_that_adds_no_text(page: tuple) -> None:
    doc = Document("page one\fpage two", page_starts=(0, 9))
    tree = lxml.html.fragment_fromstring(
        text_html(doc, [], anchors_of(doc, Report.model_construct(questions=[]))),
        create_parent="pre",
    )
    assert [a.get("data-page") for a in tree.xpath(".//span[@class='page']")] == ["1", "2"]
    assert tree.text_content() == doc.text
    _, report, whole = page
    starts = whole.xpath("//pre[@id='doc']//span[@class='qstart']")
    assert [a.get("data-q") for a in starts] == [q.id for q in report.questions]


def test_an_option_without_a_percent_has_no_bar() -> None:
    mark = _mark(0, 0, 1)
    mark.info = {"label": "Other", "percent": None}
    svg = lxml.html.fragment_fromstring(chart_svg("q1", [mark]))
    assert svg.xpath(".//rect")[0].get("width") == "0.0"
    assert svg.xpath(".//text")[1].text == "n/a"


def test_default_output_is_out_stem_review_html(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["review", str(HOSTILE)])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote out/hostile-poll.review.html\n"
    assert (tmp_path / "out" / "hostile-poll.review.html").read_text().startswith("<!DOCTYPE")
    assert not [p for p in (tmp_path / "out").iterdir() if p.suffix == ".tmp"]


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("missing.txt", None, "error unreadable_file:"),
        ("empty.txt", b"", "error empty_file:"),
        ("notes.docx", b"PK", "error unsupported_type:"),
    ],
)
def test_a_report_that_cannot_be_read_is_one_line(
    tmp_path: Path, name: str, content: bytes | None, error: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["review", str(path), "--out", str(tmp_path / "p.html")])
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}: {error}") and result.output.count("\n") == 1
    assert not (tmp_path / "p.html").exists()


def test_a_page_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["review", str(HOSTILE), "--out", str(blocker / "p.html")])
    assert result.exit_code == 1
    assert result.output.startswith(f"error write_failed: cannot write {blocker / 'p.html'}:")
    assert "Traceback" not in result.output


def test_a_record_made_earlier_is_shown_with_its_source(tmp_path: Path) -> None:
    stem = "002_32b4aaddebb844bc"
    page = tmp_path / "p.html"
    args = ["review", str(RAW / f"{stem}.txt"), "--record", str(GOLDEN / f"{stem}.json")]
    result = runner.invoke(app, [*args, "--out", str(page)])
    assert result.exit_code == 0, result.output
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    tree = lxml.html.document_fromstring(page.read_text(encoding="utf-8"))
    bars = tree.xpath("//svg[@class='chart']//g[@class='bar']")
    assert len(bars) == sum(len(q["options"]) for q in golden["questions"])


def test_a_record_of_another_file_is_refused(tmp_path: Path) -> None:
    report, other = RAW / "002_32b4aaddebb844bc.txt", GOLDEN / "000_973d4c83f07564ec.json"
    result = runner.invoke(app, ["review", str(report), "--record", str(other)])
    assert result.exit_code == 1
    assert result.output == (
        f"{report}: error record_mismatch: {other} was made from another file (its "
        "source.sha256 is not this file's), so its spans do not index this text\n"
    )
