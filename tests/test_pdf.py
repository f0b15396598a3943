"""PDF input: the rendered reference documents give the records their text gives (spans and
pages aside), charts fill options the prose leaves out, and bad files get one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.loaders.pdf import load_pdf
from extract.pipeline import extract_file
from extract.writer import record_json
from tests.conftest import GOLDEN, RAW
from tests.pdf_compare import essentials

PDF = Path(__file__).resolve().parent / "pdf"
STEMS = sorted(p.stem for p in RAW.glob("*.txt"))


def _record(path: Path) -> dict:
    return json.loads(record_json(extract_file(path, relative_to=path.parent)))


@pytest.mark.parametrize("stem", STEMS)
def test_rendered_pdf_gives_the_text_record(stem: str) -> None:
    from_pdf = _record(PDF / f"{stem}.pdf")
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert essentials(from_pdf) == essentials(golden)
    assert [w["code"] for w in from_pdf["warnings"]] == [w["code"] for w in golden["warnings"]]


@pytest.mark.parametrize("stem", STEMS)
def test_spans_carry_pages_and_hold_their_wording(stem: str) -> None:
    path = PDF / f"{stem}.pdf"
    report = extract_file(path)
    loaded_text = CliRunner().invoke(app, ["text", str(path)]).output
    assert report.source.pages is not None and report.source.pages >= 2
    for quote in report.quotes:
        assert quote.span.page is not None and 1 <= quote.span.page <= report.source.pages
        at_span = " ".join(loaded_text[quote.span.start : quote.span.end].split())
        assert quote.text in at_span.replace("*", "")


@pytest.mark.parametrize("stem", STEMS)
def test_running_headers_and_page_numbers_are_gone(stem: str) -> None:
    text = CliRunner().invoke(app, ["text", str(PDF / f"{stem}.pdf")]).output
    assert "Page 1" not in text and "Page 2" not in text


@pytest.mark.parametrize("stem", ["000_973d4c83f07564ec", "002_32b4aaddebb844bc"])
def test_chart_text_stays_out_of_paragraphs_and_quotes(stem: str) -> None:
    path = PDF / f"{stem}.pdf"
    text = CliRunner().invoke(app, ["text", str(path)]).output
    document = load_pdf(path).document
    assert document.text == text.removesuffix("\n") or document.text == text
    blocks = document.charts
    assert blocks, "the rendered charts are read"
    assert all(block.entries for block in blocks)
    outside = text
    for block in reversed(blocks):
        outside = outside[: block.start] + outside[block.end :]
    report = extract_file(path)
    for block in blocks:
        for entry in block.entries:
            line = text[entry.start : entry.end]
            assert line not in outside
            assert not any(line in q.text for q in report.quotes)


def test_chart_values_fill_options_the_prose_leaves_out() -> None:
    report = extract_file(PDF / "chart_only_options.pdf")
    (question,) = report.questions
    by_source = {(o.label, o.percent, o.source) for o in question.options}
    # the prose names the top two answers; the chart adds the other two
    assert ("split their week between home and the office", 46.0, "text") in by_source
    assert ("work mostly from home", 31.0, "text") in by_source
    assert ("Mostly in the office", 17.0, "figure") in by_source
    assert ("Mostly out on visits to families", 6.0, "figure") in by_source
    assert len(question.options) == 4
    assert report.warnings == []
    text_twin = extract_file(PDF / "chart_only_options.txt")
    assert [o.percent for o in text_twin.questions[0].options] == [46.0, 31.0]


def test_a_chart_disagreeing_with_the_prose_is_warned_and_the_prose_kept(tmp_path: Path) -> None:
    from extract.loaders.text import text_document
    from extract.models import Source
    from extract.pipeline import extract_document

    text = (PDF / "chart_only_options.txt").read_text(encoding="utf-8")
    chart = "[chart, page 1]\nSplit between home and the office: 48%\n[end of chart]"
    text = text.replace("Source:", chart + "\n\nSource:", 1)
    source = Source(path="x.txt", sha256="0" * 64, media_type="text/plain")
    report = extract_document(text_document(text), report_id="x", source=source)
    assert report.questions[0].options[0].percent == 46.0
    assert [w.code for w in report.warnings] == ["figure_prose_mismatch"]
    assert "46% but the chart shows 48%" in report.warnings[0].message


def test_a_chart_agreeing_with_the_prose_is_the_options_second_provenance() -> None:
    """The same answer from prose and chart is one option, in the prose's words, with the
    chart's entry as `also_stated`; a chart answer the prose does not give has none."""
    from extract.loaders.text import text_document
    from extract.models import Source
    from extract.pipeline import extract_document

    text = (PDF / "chart_only_options.txt").read_text(encoding="utf-8")
    entry = "Split between home and the office: 46%"
    chart = f"[chart, page 1]\n{entry}\n[end of chart]"
    text = text.replace("Source:", chart + "\n\nSource:", 1)
    source = Source(path="x.txt", sha256="0" * 64, media_type="text/plain")
    report = extract_document(text_document(text), report_id="x", source=source)
    first, second = report.questions[0].options
    assert (first.label, first.percent, first.source) == (
        "split their week between home and the office",
        46.0,
        "text",
    )
    assert [text[s.start : s.end] for s in first.also_stated] == [entry]
    assert second.also_stated == []
    assert report.warnings == []


def test_a_chart_drawn_as_an_image_loses_only_the_chart() -> None:
    report = _record(PDF / "chart_as_image.pdf")
    golden = json.loads((GOLDEN / "002_32b4aaddebb844bc.json").read_text(encoding="utf-8"))
    assert essentials(report) == essentials(golden)
    assert [w["code"] for w in report["warnings"]] == ["figure_is_image"]


def test_two_columns_degrade_with_a_warning_not_a_crash() -> None:
    report = _record(PDF / "two_column.pdf")
    assert report["warnings"][0]["code"] == "layout_columns"
    assert report["respondents"]["n"] == 186


BAD = {
    "empty.pdf": "error empty_file: the file is empty",
    "encrypted_user_password.pdf": "error encrypted_pdf: the PDF is encrypted and needs a password",
    "not_a_pdf.pdf": "error not_a_pdf: not a PDF: the file is an HTML page saved as .pdf",
    "scanned.pdf": "error no_text_layer: the PDF has no text layer",
    "truncated.pdf": "error corrupt_pdf: the PDF is truncated or damaged",
}


def test_bad_pdfs_get_one_clear_line_each_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in BAD:
        (folder / name).write_bytes((PDF / "bad" / name).read_bytes())
    (folder / "good.pdf").write_bytes((PDF / "003_3e1dfabc19509116.pdf").read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name, message in BAD.items():
        lines = [line for line in result.output.splitlines() if line.startswith(str(folder / name))]
        assert len(lines) == 1 and message in lines[0], (name, lines)
    assert sorted(p.name for p in out.iterdir()) == ["_run.json", "good.json"]


def test_owner_password_only_pdf_is_read() -> None:
    report = extract_file(PDF / "bad" / "encrypted_owner_only.pdf")
    assert report.respondents is not None and report.respondents.n == 186


HOSTILE_TEXT = "Hostile fixture: this line is the only text on the page."

# Hostile and broken files (scripts/render_pdfs.py): the code and a phrase of the message
# `load()` gives for each. None of them may raise anything but an InputError, or take long.
BAD_LOAD = {
    "empty.pdf": ("empty_file", "the file is empty"),
    "random_bytes.pdf": ("not_a_pdf", "does not start with a %PDF header"),
    "not_a_pdf.pdf": ("not_a_pdf", "an HTML page saved as .pdf"),
    "truncated.pdf": ("corrupt_pdf", "it has no end-of-file marker"),
    "broken_xref_unrepairable.pdf": ("corrupt_pdf", "neither its cross-reference table nor"),
    "encrypted_user_password.pdf": ("encrypted_pdf", "needs a password"),
    "scanned.pdf": ("no_text_layer", "it needs OCR first"),
    "decompression_bomb.pdf": ("too_large", "inflate to more than 256 MB"),
    "page_tree_loop.pdf": ("corrupt_pdf", "page 2 of 2 cannot be read"),
}


@pytest.mark.parametrize("name", sorted(BAD_LOAD))
def test_bad_pdf_gives_a_clear_input_error(name: str) -> None:
    from extract.errors import InputError
    from extract.loaders import load

    code, phrase = BAD_LOAD[name]
    with pytest.raises(InputError) as caught:
        load(PDF / "bad" / name)
    assert caught.value.code == code
    assert phrase in str(caught.value)


def test_a_broken_xref_table_is_repaired_by_pdfium() -> None:
    from extract.loaders import load

    repaired = load(PDF / "bad" / "broken_xref.pdf")
    same_page = load(PDF / "bad" / "encrypted_owner_only.pdf")  # the same page, intact
    assert repaired.pages == 1
    assert repaired.document.text == same_page.document.text
    assert "Independent Review of Children's Social Care" in repaired.document.text


@pytest.mark.parametrize("name", ["deep_nesting.pdf", "decompression_bomb_image.pdf"])
def test_harmless_hostile_pdfs_just_load(name: str) -> None:
    """pdfium stops nesting at its depth limit, and images are never decoded to read text."""
    from extract.loaders import load

    loaded = load(PDF / "bad" / name)
    assert loaded.document.text == HOSTILE_TEXT + "\n"


def test_the_bomb_check_is_bounded_and_passes_ordinary_files() -> None:
    from extract.errors import InputError
    from extract.loaders.pdf import check_inflated_size

    bomb = (PDF / "bad" / "decompression_bomb.pdf").read_bytes()
    with pytest.raises(InputError, match="more than 1 MB"):
        check_inflated_size(bomb, limit=2**20)
    for path in PDF.glob("*.pdf"):
        check_inflated_size(path.read_bytes(), limit=2**20)


def test_the_bomb_is_refused_under_an_address_space_limit() -> None:
    """A worker capped with RLIMIT_AS gets the error, where pdfium alone would abort it."""
    import subprocess
    import sys

    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))\n"
        "from extract.errors import InputError\n"
        "from extract.loaders import load\n"
        "try:\n"
        "    load(Path(sys.argv[1]))\n"
        "except InputError as exc:\n"
        "    print(exc.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(PDF / "bad" / "decompression_bomb.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "too_large"), done.stderr


def test_a_page_with_a_flood_of_text_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.errors import InputError
    from extract.loaders import pdf

    monkeypatch.setattr(pdf, "MAX_PAGE_CHARS", 100)
    with pytest.raises(InputError, match="page 1 holds") as caught:
        pdf.load_pdf(PDF / "003_3e1dfabc19509116.pdf")
    assert caught.value.code == "too_large"


def test_blank_pages_are_not_called_a_scan(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from extract.errors import InputError
    from extract.loaders import load

    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    blank.save(path)
    blank.close()
    with pytest.raises(InputError, match="no pictures: its pages are blank") as caught:
        load(path)
    assert caught.value.code == "no_text_layer"


def test_blocks_show_the_entries_the_loader_read_from_a_chart() -> None:
    output = CliRunner().invoke(app, ["text", str(PDF / "chart_only_options.pdf"), "--blocks"])
    lines = output.output.splitlines()
    opening = next(
        i for i, line in enumerate(lines) if line.startswith("figure") and "[chart" in line
    )
    assert lines[opening + 1 : opening + 5] == [
        "    entry 'Split between home and the office' 46% 709-747",
        "    entry 'Mostly from home' 31% 748-769",
        "    entry 'Mostly in the office' 17% 770-795",
        "    entry 'Mostly out on visits to families' 6% 796-832",
    ]
