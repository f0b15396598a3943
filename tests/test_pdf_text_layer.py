"""Text-layer hygiene in the PDF loader: each artefact of real PDFs' text layers, made in a small
reportlab PDF, comes out as a reader would see it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extract.loaders import load
from extract.loaders.pdf import clean_line
from tests.conftest import drawn_pdf

Draw = Callable[..., None]


def _pdf(tmp_path: Path, draw: Draw) -> Path:
    return drawn_pdf(tmp_path / "fixture.pdf", draw)


def _text(path: Path) -> str:
    return load(path).document.text


def test_a_page_background_is_not_a_chart(tmp_path: Path) -> None:
    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFillColorRGB(0.95, 0.95, 0.9)
        page.rect(0, 0, 595, 842, fill=1, stroke=0)  # a tinted page, as slide exports have
        page.setFillColorRGB(0, 0, 0)
        page.setFont("Helvetica", 11)
        page.drawString(72, 760, "How often do you work from home?")
        page.drawString(72, 740, "Every day 41%")
        page.drawString(72, 726, "Never 59%")

    text = _text(_pdf(tmp_path, draw))
    assert "[chart" not in text
    assert "How often do you work from home?" in text
    assert "Every day 41%" in text


def test_a_word_hyphenated_at_a_line_end_is_one_word(tmp_path: Path) -> None:
    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 11)
        page.drawString(72, 760, "Most members said they had read the stan-")
        page.drawString(72, 746, "dard guidance at least once last year.")

    text = _text(_pdf(tmp_path, draw))
    assert "\ufffe" not in text
    assert "read the standard guidance" in text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("User\t&\tDeveloper\tSurvey", "User & Developer Survey"),
        ("Great deal \t Some", "Great deal Some"),
        ("no tabs here", "no tabs here"),
        # an icon font's ligature name after the question it decorates
        ("Which sector are you in? keyboard_arrow_down", "Which sector are you in?"),
        ("Set the value of max_retries here", "Set the value of max_retries here"),
    ],
)
def test_tabs_between_words_are_spaces(raw: str, clean: str) -> None:
    assert clean_line(None, raw, 0) == clean


def test_a_font_scaled_by_the_text_matrix_keeps_its_real_size(tmp_path: Path) -> None:
    """Size-1 fonts scaled up by the text matrix (slide decks): the big line is still a heading
    and is not run into the body line under it."""

    def draw(page) -> None:  # type: ignore[no-untyped-def]
        for size, y, line in (
            (24, 760, "Most Members Work From Home"),
            (11, 730, "How often do you work from home? Members were asked in May."),
            (11, 716, "The answers are shown below with the share giving each one."),
        ):
            text = page.beginText()
            text.setTextTransform(size, 0, 0, size, 72, y)
            text.setFont("Helvetica", 1)
            text.textLine(line)
            page.drawText(text)

    document = load(_pdf(tmp_path, draw)).document
    assert document.text.startswith("Most Members Work From Home\n\n")
    assert [document.text[h.start : h.end] for h in document.headings] == [
        "Most Members Work From Home"
    ]
    assert "\n\nHow often do you work from home?" in document.text


def test_prose_on_a_page_of_small_labels_is_not_a_heading(tmp_path: Path) -> None:
    """The body size is the size most characters are set in: a page of many short chart labels
    in a small font does not make its prose look like headings."""

    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        page.drawString(72, 700, "Most members who answered said they work from home at least once")
        page.drawString(
            72, 686, "a week, and a third of them said they never go into the office now."
        )
        page.setFont("Helvetica", 7)
        for index in range(30):  # bar labels, each on its own row
            page.drawString(72 + 200 * (index % 2), 640 - 9 * index, f"{index}%")

    text = _text(_pdf(tmp_path, draw))
    assert text.startswith("Most members who answered said")
    assert "## Most members" not in text


def test_a_picture_repeated_on_every_page_is_furniture_not_a_chart() -> None:
    from extract.loaders.pdf import Box, chart_picture_pages

    banner = Box(60.2, 0.4, 768.6, 79.1)
    chart = Box(100, 300, 500, 600)
    pages = {1: [banner], 2: [Box(60.4, 0.3, 768.5, 79.2)], 3: [banner, chart]}
    assert chart_picture_pages(pages) == [3]
    assert chart_picture_pages({1: [chart]}) == [1]


def test_chart_labels_do_not_make_a_page_two_columns(tmp_path: Path) -> None:
    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 10)
        for index in range(8):
            page.drawString(
                72, 700 - 14 * index, f"A full line of prose across the page, number {index}."
            )
        page.rect(60, 200, 470, 280, fill=0, stroke=1)  # a chart area
        for index in range(24):  # labels in two columns inside it
            column = index % 2  # the columns staggered, so no two labels share a baseline
            page.drawString(
                80 + 260 * column, 460 - 20 * (index // 2) - 9 * column, f"Label {index}"
            )

    assert not load(_pdf(tmp_path, draw)).warnings


def test_a_bullet_set_small_does_not_make_its_wrapped_lines_headings(tmp_path: Path) -> None:
    """Survey tools set a bullet glyph in a small symbol font: the item's size is its words'
    size, so on a page set larger than the body its wrapped line stays in the item."""

    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 11)
        for index in range(12):  # the document's body text
            page.drawString(72, 800 - 14 * index, f"Body prose of the report, line {index}.")
        page.setFont("Helvetica", 15)
        page.drawString(72, 560, "Which features would you add?")
        for top, (first, wrapped) in zip(
            (520, 470),
            (
                ("Faster start-up and a smaller download for people on", "slow connections"),
                ("A dark theme and larger text for reading in the", "evening"),
            ),
            strict=True,
        ):
            page.setFont("Helvetica", 6)
            page.drawString(72, top, "\u2022")
            page.setFont("Helvetica", 15)
            page.drawString(80, top, first)
            page.drawString(80, top - 18, wrapped)

    text = _text(_pdf(tmp_path, draw))
    assert "\u2022 Faster start-up and a smaller download for people on slow connections" in text
    assert "\u2022 A dark theme and larger text for reading in the evening" in text
    assert "## slow connections" not in text and "## evening" not in text


def test_a_line_read_after_lines_below_it_starts_a_new_paragraph(tmp_path: Path) -> None:
    """pdfium may read a page's heading after its last line: text that jumps back up the page
    is not the last paragraph going on."""

    def draw(page) -> None:  # type: ignore[no-untyped-def]
        page.setFont("Helvetica", 11)
        page.drawString(72, 400, "The last line of the page's prose")
        page.drawString(72, 800, "A heading drawn last")

    text = _text(_pdf(tmp_path, draw))
    assert "prose A heading" not in text


def test_a_page_counts_utf16_units_where_a_character_takes_two() -> None:
    """pdfium's text indexes count UTF-16 units: a page with an emoji counts them, and a page
    without one counts characters, which are then the same."""
    from types import SimpleNamespace

    from extract.loaders.pdf import _TextLayer, _units

    textpage = SimpleNamespace(raw=None)
    assert _TextLayer(textpage, 842.0, "go with it! \U0001f604\nnext").units is _units
    plain = "plain text – “quoted” ﬁne\r\n"
    layer = _TextLayer(textpage, 842.0, plain)
    assert all(layer.units(plain[:end]) == _units(plain[:end]) for end in range(len(plain) + 1))


def test_a_words_box_is_read_only_while_its_pages_text_is_open() -> None:
    """Chart areas' words read their boxes lazily: once the page's text is closed, asking for
    one fails instead of reading freed memory; a page read whole keeps its words as tuples."""
    import pypdfium2 as pdfium

    from extract.loaders.pdf import drawing_boxes, page_lines, settled_words, text_layer
    from extract.loaders.pdfplace import page_objects

    pdf = pdfium.PdfDocument(Path(__file__).parent / "pdf" / "000_973d4c83f07564ec.pdf")
    try:
        page = pdf[0]
        charts, _, _ = drawing_boxes(page_objects(page), page.get_width(), page.get_height())
        with text_layer(page, 1) as layer:
            lines = page_lines(layer, 1, charts)
            worded = [line for line in lines if line.words]
            assert len(worded) > 1 and worded[0].words[0].text == worded[0].text.split()[0]
            settled = settled_words(lines, [])
        assert all(line.words == () for line in settled)
        with pytest.raises(RuntimeError):
            worded[-1].words[-1]
        page.close()
    finally:
        pdf.close()


def test_a_line_takes_its_words_with_every_other_field_kept() -> None:
    from dataclasses import fields, replace

    from extract.loaders.pdf import PdfLine
    from extract.loaders.pdfgrid import PdfWord

    values = dict(page=3, text="Yes 41%", left=1.0, right=2.0, top=3.0, bottom=4.0, size=9.5)
    line = PdfLine(**values, bold=True)
    assert {f.name for f in fields(PdfLine)} == {*values, "bold", "words"}
    words = (PdfWord("Yes", 1.0, 1.5, 3.0, 4.0), PdfWord("41%", 1.6, 2.0, 3.0, 4.0))
    assert line.with_words(words) == replace(line, words=words)
    assert line.with_words(words).with_words(()) == line


@pytest.mark.parametrize(
    "text",
    ["Yes 41.67% 40", "Label 12 (34.3%)", "Yes 41%", "Yes 40 41", "Total 100", "12 (34.3%)", ""],
)
def test_a_full_rows_share_is_the_row_parsers_share(text: str) -> None:
    """A line with no "%" is never parsed as a full row: the row parser finds no share there."""
    from extract.layout import parse_row
    from extract.loaders.pdf import _full_row_share

    row = parse_row(text)
    full = row is not None and row.percent is not None and len(row.numbers) >= 2
    assert _full_row_share(text) == (row.percent.text if full else None)  # type: ignore[union-attr]


@pytest.mark.parametrize("seed", range(20))
def test_the_body_size_is_the_median_size_over_characters(seed: int) -> None:
    """`_body_size` is the size at which half the characters (of lines with a size) are
    reached, counting sizes from the smallest: a line's characters count at its size."""
    import random

    from extract.loaders.pdf import PdfLine, _body_size

    chance = random.Random(seed)
    lines = [
        PdfLine(
            1, "x" * chance.randint(0, 60), 0, 1, 0, 1, chance.choice([0.0, 8, 9.5, 10, 14]), False
        )
        for _ in range(chance.randint(0, 30))
    ]
    characters = sorted(
        size for line in lines if line.size > 0 for size in [line.size] * len(line.text)
    )
    sized = [line for line in lines if line.size > 0]
    if not sized:
        assert _body_size(lines) == 0.0
    elif not characters:
        assert _body_size(lines) == min(line.size for line in sized)
    else:
        assert _body_size(lines) == characters[(len(characters) - 1) // 2]


def test_the_text_layers_unprototyped_calls_read_what_pypdfium2s_prototypes_read() -> None:
    """`text_function` calls pdfium with no prototype (a page's handle and buffers as ctypes
    objects, indexes as ints): every character's index, loose box, font size, font name and
    weight read the same as through pypdfium2's declared functions. A function returning a
    pointer is refused (it would come back as a truncated int)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extract.loaders.pdfplace import address, text_function

    def read(textpage, index: int, call) -> tuple:  # type: ignore[no-untyped-def, type-arg]
        box, name, flags = pdfium_c.FS_RECTF(), ctypes.create_string_buffer(128), ctypes.c_int()
        return (
            call("FPDFText_GetCharIndexFromTextIndex", textpage, index),
            call("FPDFText_GetLooseCharBox", textpage, index, box, None),
            (box.left, box.top, box.right, box.bottom),
            call("FPDFText_GetFontSize", textpage, index),
            call("FPDFText_GetFontInfo", textpage, index, name, flags),
            name.value,
            flags.value,
            call("FPDFText_GetFontWeight", textpage, index),
        )

    def declared(name: str, textpage, index: int, *buffers):  # type: ignore[no-untyped-def]
        pointers = [ctypes.byref(b) for b in buffers if b is not None]
        if name == "FPDFText_GetFontInfo":
            return pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, pointers[0], 128, pointers[1])
        return getattr(pdfium_c, name)(textpage.raw, index, *pointers)

    def plain(name: str, textpage, index: int, *buffers):  # type: ignore[no-untyped-def]
        handle = ctypes.c_void_p(address(textpage.raw))
        pointers = [ctypes.c_void_p(ctypes.addressof(b)) for b in buffers if b is not None]
        if name == "FPDFText_GetFontInfo":
            return text_function(name)(handle, index, pointers[0], ctypes.c_ulong(128), pointers[1])
        return text_function(name)(handle, index, *pointers)

    fixture = sorted((Path(__file__).parent / "pdf").glob("0*.pdf"))[0]
    document = pdfium.PdfDocument(str(fixture))
    try:
        textpage = document[0].get_textpage()
        count = textpage.count_chars()
        assert count > 100
        for index in range(count):
            assert read(textpage, index, plain) == read(textpage, index, declared)
        textpage.close()
    finally:
        document.close()
    with pytest.raises(TypeError):
        text_function("FPDFText_LoadPage")
