"""The review page in a real browser: Debian's Chromium, headless, from the command line (no
browser is downloaded; `make test` installs the package where it is missing). The page is
loaded with a highlight selected (`#mN`), its DOM read after the script ran, and a screenshot
saved as out/review-screenshot.png. Without Chromium these tests fail: they never skip."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import lxml.html
import pytest

from extract.pipeline import read_file
from extract.review import review_html
from tests.conftest import ROOT

HOSTILE = Path(__file__).resolve().parent / "review" / "hostile-poll.md"
SCREENSHOT = ROOT / "out" / "review-screenshot.png"
WINDOW = (1400, 1000)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "Chromium is not installed (/usr/bin/chromium): `make test` installs it "
            "(apt-get install chromium); the review page cannot be tested without it"
        )
    return found


def _browse(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium headless on `page`, with every flag that keeps it from the network."""
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",  # root in a container has no user namespace for the sandbox
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Uncaught" not in result.stderr, result.stderr[-2000:]  # a script error
    return result


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, object, dict]:
    """The page of the hostile poll, and the number of the highlight of q1's first option."""
    doc, report = read_file(HOSTILE)
    html = review_html(doc, report)
    folder = tmp_path_factory.mktemp("review")
    page = folder / "hostile-poll.review.html"
    page.write_text(html, encoding="utf-8")
    tree = lxml.html.document_fromstring(html)
    items = json.loads(tree.get_element_by_id("items").text)
    first = next(i for i, item in enumerate(items) if item["kind"] == "option")
    return page, doc, report, {"first_option": first, "items": items, "static": tree}


def _dom(written: tuple, tmp_path: Path) -> lxml.html.HtmlElement:
    page, _, _, known = written
    url = f"{page.as_uri()}#m{known['first_option']}"
    result = _browse(page, tmp_path / "profile", "--dump-dom", url)
    return lxml.html.document_fromstring(result.stdout)


def test_the_page_runs_and_shows_the_text_with_its_highlights(
    written: tuple, tmp_path: Path
) -> None:
    _, doc, report, known = written
    dom = _dom(written, tmp_path)
    body = dom.find("body")
    assert body.get("data-ready") == "yes"  # the script ran to its end
    marks = dom.xpath("//pre[@id='doc']//mark")
    assert (
        int(body.get("data-marks"))
        == len(marks)
        == len(known["static"].xpath("//pre[@id='doc']//mark"))
    )
    assert dom.get_element_by_id("doc").text_content() == doc.text  # exactly `extract text`
    kinds = [k for m in marks for k in m.get("class").split() if k.startswith("k-")]
    assert kinds.count("k-option") == sum(len(q.options) for q in report.questions)
    assert {"k-base", "k-quote", "k-fact", "k-warning"} <= set(kinds)


def test_a_selected_value_shows_its_field(written: tuple, tmp_path: Path) -> None:
    report = written[2]
    dom = _dom(written, tmp_path)
    detail = dom.get_element_by_id("detail")
    fields = dict(zip(detail.xpath(".//dt/text()"), detail.xpath(".//dd/text()"), strict=True))
    question, option = report.questions[0], report.questions[0].options[0]
    assert fields["question"] == question.id
    assert fields["question text"] == question.text
    assert fields["label"] == option.label
    assert fields["percent"] == f"{option.percent:g}"
    assert fields["base"] == str(question.base.n)
    selected = dom.xpath("//*[contains(concat(' ', @class, ' '), ' selected ')]")
    assert option.text in "".join(m.text_content() for m in selected if m.tag == "mark")
    assert any(el.get("data-q") == question.id for el in selected)  # its question's card
    assert any(el.tag == "g" for el in selected)  # and its bar


def test_every_question_has_its_chart(written: tuple, tmp_path: Path) -> None:
    _, _, report, _ = written
    dom = _dom(written, tmp_path)
    charts = dom.xpath("//svg[@class='chart']")
    assert [c.get("data-question") for c in charts] == [q.id for q in report.questions]
    for chart, question in zip(charts, report.questions, strict=True):
        assert len(chart.xpath(".//rect")) == len(question.options)


def test_the_hostile_text_runs_nothing(written: tuple, tmp_path: Path) -> None:
    dom = _dom(written, tmp_path)
    assert dom.find("head/title").text.startswith("review: Staff poll on rota changes </script>")
    assert dom.find("body").get("data-pwned") is None
    assert not dom.xpath("//img | //b")
    assert len(dom.xpath("//script")) == 2


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_a_screenshot_is_saved_under_out(written: tuple, tmp_path: Path) -> None:
    page, _, _, known = written
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    url = f"{page.as_uri()}#m{known['first_option']}"
    _browse(
        page,
        tmp_path / "profile",
        f"--screenshot={SCREENSHOT}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--hide-scrollbars",
        url,
    )
    assert _png_size(SCREENSHOT) == WINDOW
    assert SCREENSHOT.stat().st_size > 30_000  # a drawn page, not a blank one
