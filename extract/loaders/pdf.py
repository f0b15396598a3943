"""PDF reports to page-aware text.

Engine: pypdfium2 (pdfium) reads each page's text layer in reading order with one call, and the
position, size and font of each line's first character with a few more. That is the costly part
pdfplumber does per character in Python; doing it per line keeps the loader well over ten times
faster than `page.extract_text()` and its memory flat (each page is closed once read).

From the lines it rebuilds what a reader sees:
- running headers and footers (lines in the top or bottom margin that repeat on other pages, page
  numbers) are dropped;
- a line in a larger or bold font is a heading, handed on as `Document.headings` (not marked in
  the text);
- wrapped lines are joined into paragraphs, also across a page break when the paragraph had not
  ended, so a quote broken by the page reads as one;
- text inside a chart (the area of a page covered by vector drawing) never joins the prose: it is
  kept aside as the figure's labels and values (see `PdfFigure`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import itertools
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from extract.document import Chart, ChartEntry, Document, Heading, Table
from extract.errors import InputError
from extract.layout import PERCENT_TICK, ends_sentence, is_axis_scale, parse_row
from extract.loaders.pdfaxis import labels_are_counts, scale_to_axis
from extract.loaders.pdfcolumns import ColumnChart, find_columns
from extract.loaders.pdfgrid import LineWords, PdfGrid, PdfWord, find_grid
from extract.loaders.pdfpie import PieChart, area_pie, is_swatch, value_share
from extract.loaders.pdfplace import PlacedObject, address, page_objects, text_function
from extract.loaders.pdftables import (
    PdfTable,
    RuledTable,
    edges_to_tables,
    find_table,
    is_ruled,
    page_to_edges,
    table_text,
)
from extract.models import ReportWarning

# A line this far (as a share of the page height) from the top or bottom edge is in the margin.
_MARGIN_SHARE = 0.07
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_SOFT_HYPHENS = ("\u00ad", "\x02")
# A drawn path covering this share of the page is a page background or frame.
_BACKGROUND_SHARE = 0.8
# Below this nominal font size (points) the size is the text matrix's doing, not the font's; a
# loose character box is about this many times the font size.
_DEGENERATE_SIZE = 2.0
_LOOSE_BOX_TO_SIZE = 1.2
# More text than this on one page is not a report page but a text bomb; refusing it spares the
# line-by-line work (pdfium has by then spent ~1 s and ~250 MB per million characters).
MAX_PAGE_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One line of a page's text layer, with where it stands and how it is set."""

    page: int
    text: str
    left: float
    right: float
    top: float
    """Distance from the top edge of the page, in points."""
    bottom: float
    size: float
    bold: bool
    words: Sequence[PdfWord] = ()
    """Each word's box, read only for the lines of an area that may be a grid (see pdfgrid):
    `LineWords` while its page is read, a tuple once it is (`settled_words`)."""

    def with_words(self, words: Sequence[PdfWord]) -> PdfLine:
        """The line with these words' boxes (`dataclasses.replace`, without its field-by-field
        introspection: thousands of lines a document take or drop their words)."""
        return PdfLine(
            self.page,
            self.text,
            self.left,
            self.right,
            self.top,
            self.bottom,
            self.size,
            self.bold,
            words,
        )


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float
    reach: float = 200.0
    """How far left or right of the drawing the chart's text may stand: a horizontal bar's
    label stands beside it; a column chart's names and values stand over its bars."""

    def holds(self, line: PdfLine, slack: float = 2.0) -> bool:
        """The line sits within the chart's rows, `reach` points left or right of the drawing
        at the most."""
        return (
            self.top - slack <= line.top
            and line.bottom <= self.bottom + slack
            and line.right >= self.left - self.reach
            and line.left <= self.right + self.reach
        )

    def touches(self, other: Box, gap: float) -> bool:
        return not (
            other.left > self.right + gap
            or other.right < self.left - gap
            or other.top > self.bottom + gap
            or other.bottom < self.top - gap
        )

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )


@dataclass
class PdfFigure:
    """The text a chart drew on a page: its labels and values, in reading order."""

    page: int
    box: Box
    lines: list[PdfLine] = field(default_factory=list)
    read: PdfGrid | ColumnChart | PdfTable | None = None
    """The grid, column chart or ruled table the area draws, read from its words' boxes."""
    pie: PieChart | None = None
    """The pies the area draws, their values matched to legend labels by colour."""
    counts: bool = False
    """The numbers at its bars' ends are counts, though its axis is in percent."""


@dataclass
class PdfText:
    document: Document
    pages: int
    sha256: str
    warnings: list[ReportWarning] = field(default_factory=list)


def check_pdf_bytes(data: bytes) -> None:
    """Say what is wrong before pdfium does: its errors are vague ("data format error")."""
    if not data.strip():
        raise InputError("the file is empty", code="empty_file")
    head = data[:1024]
    if b"%PDF-" not in head:
        lowered = head.lower()
        if b"<html" in lowered or b"<!doctype html" in lowered:
            raise InputError("not a PDF: the file is an HTML page saved as .pdf", code="not_a_pdf")
        raise InputError("not a PDF: the file does not start with a %PDF header", code="not_a_pdf")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(
            "the PDF is truncated or damaged: it has no end-of-file marker", code="corrupt_pdf"
        )
    check_inflated_size(data)


# What the compressed streams pdfium decodes to read text (page content, forms, fonts, object
# streams; not images, which are never decoded here) may inflate to, all together. A report's are
# a few MB; pdfium needs about twice this much memory and 3 s a GiB to decode them, and dies
# (SIGABRT, no MemoryError) when an address-space limit stops it.
MAX_INFLATED = 256 * 2**20
_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_STEP = 2**20


def check_inflated_size(data: bytes, limit: int = MAX_INFLATED) -> None:
    """Refuse a decompression bomb before pdfium inflates it into gigabytes of memory.

    Every stream whose filters are all FlateDecode is inflated here, in 1 MiB steps and counting
    each layer, until the file's total passes `limit`: at most ~0.6 s of work and 1 MiB of memory.
    Streams under other filters, images and encrypted streams (not decodable here) are skipped.
    """
    total = 0
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - 4096) : match.start()]
        head = head[head.rfind(b"obj") + 1 :]  # the stream's own dictionary
        filters = _FILTER.search(head)
        if filters is None or _IMAGE.search(head):
            continue
        names = _NAME.findall(filters[1])
        if not names or any(name not in (b"FlateDecode", b"Fl") for name in names):
            continue
        end = data.find(b"endstream", match.end())
        body = data[match.end() : end if end >= 0 else len(data)]
        total += _inflated_size(body, len(names), limit - total)
        if total > limit:
            raise InputError(
                f"the PDF is too large to read safely: its compressed streams inflate to more "
                f"than {limit // 2**20} MB (a decompression bomb?)",
                code="too_large",
            )


def _inflated_size(body: bytes, layers: int, budget: int) -> int:
    """Bytes `layers` FlateDecode filters make of `body`, every layer counted, stopping once past
    `budget`. A damaged stream counts what inflates before the damage, as pdfium reads it."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    pending = [body] + [b""] * layers  # pending[i]: input waiting for decoder i
    total = 0
    while total <= budget:
        # the deepest layer with input first, so no layer's output piles up
        level = next((i for i in range(layers - 1, -1, -1) if pending[i]), None)
        if level is None:
            break
        decoder = decoders[level]
        try:
            out = decoder.decompress(pending[level], _STEP)
        except zlib.error:
            break
        pending[level] = b"" if decoder.eof else decoder.unconsumed_tail
        total += len(out)
        if level + 1 < layers:
            pending[level + 1] += out
    return total


def _pdfium_reason(exc: Exception) -> str:
    """pdfium's reason in "Failed to load document (PDFium: Data format error)." or ""."""
    reason = re.search(r"\(PDFium: ([^)]*)\)", str(exc))
    if reason is None or reason[1].lower() == "success":  # pdfium says "Success" for no pages
        return ""
    return f" (pdfium: {reason[1].lower()})"


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(
                "the PDF is encrypted and needs a password to open", code="encrypted_pdf"
            ) from None
        raise InputError(
            "the PDF is damaged and cannot be read: neither its cross-reference table nor a "
            f"scan of the file finds its pages{_pdfium_reason(exc)}",
            code="corrupt_pdf",
        ) from None


def _page(pdf, number: int):  # type: ignore[no-untyped-def]
    """Page `number` (from 1); a page pdfium cannot load makes the whole file an InputError,
    since reading the other pages alone would silently lose text."""
    import pypdfium2 as pdfium

    try:
        return pdf[number - 1]
    except pdfium.PdfiumError:
        raise InputError(
            f"the PDF is damaged: page {number} of {len(pdf)} cannot be read "
            "(its page tree is broken or loops back on itself)",
            code="corrupt_pdf",
        ) from None


class _TextLayer:
    """A page's text layer read through pdfium's C functions (`pdfplace.text_function`), bound
    once a page to the page's handle and the box and font-name buffer they write into:
    pypdfium2's helpers make these anew on every call, and a page asks for thousands of boxes.
    Valid while its text page is open."""

    def __init__(self, textpage, height: float, text: str) -> None:  # type: ignore[no-untyped-def]
        self.textpage = textpage
        self.text = text
        handle = ctypes.c_void_p(address(textpage.raw))
        self.units = _units if _ASTRAL.search(text) else len
        """UTF-16 units of a piece of the page's text: its length where no character needs
        two (nearly every page)."""
        self.char = functools.partial(text_function("FPDFText_GetCharIndexFromTextIndex"), handle)
        """The character index of a text index (-1 where there is none)."""
        self.span = _span_reader(handle, height)
        self._size = functools.partial(text_function("FPDFText_GetFontSize"), handle)
        self._info = functools.partial(text_function("FPDFText_GetFontInfo"), handle)
        self._weight = functools.partial(text_function("FPDFText_GetFontWeight"), handle)
        self._name = ctypes.create_string_buffer(128)
        self._name_at = ctypes.c_void_p(ctypes.addressof(self._name))
        self._name_size = ctypes.c_ulong(len(self._name))
        self._flags = ctypes.c_int(0)
        self._flags_at = ctypes.c_void_p(ctypes.addressof(self._flags))
        self.open = True
        """False once its text page is closed: a word's box is then no longer read."""

    def font(self, char: int) -> tuple[float, bool]:
        """The character's font size, and whether its font is bold (by name or weight)."""
        size = float(self._size(char))
        needed = self._info(char, self._name_at, self._name_size, self._flags_at)
        # pdfium writes the name only when it fits: a name it did not write is no name
        name = (
            self._name.value.decode("latin-1", "replace") if 0 < needed <= len(self._name) else ""
        )
        return size, "bold" in name.lower() or self._weight(char) >= 600


_Span = tuple[int, float, float, float, float]


def _span_reader(handle: ctypes.c_void_p, height: float) -> Callable[[int, int], _Span]:
    """`span(first, last)` for the text page `handle`: the character index of text index
    `first`, and (left, right, top, bottom) from the loose boxes of the characters at text
    indexes `first` and `last`, in points from the page's top-left. A closure over one box,
    the two C functions and the page: it is called for every line and every word read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    char_index = text_function("FPDFText_GetCharIndexFromTextIndex")
    loose_box = text_function("FPDFText_GetLooseCharBox")
    box = pdfium_c.FS_RECTF()
    box_at = ctypes.c_void_p(ctypes.addressof(box))

    def span(first: int, last: int) -> _Span:
        char = char_index(handle, first)
        if not loose_box(handle, max(char, 0), box_at):
            raise pdfium.PdfiumError("Failed to get charbox.")
        left, bottom, top = box.left, box.bottom, box.top
        if not loose_box(handle, max(char_index(handle, last), 0), box_at):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return char, left, box.right, height - max(top, box.top), height - min(bottom, box.bottom)

    return span


_UNMAPPED = "\ufffe"
_TABS = re.compile(r"[ \t]*\t[ \t]*")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _units(text: str) -> int:
    """How many UTF-16 code units `text` takes: pdfium's text indexes count those, so a
    character beyond the Basic Multilingual Plane (an emoji) counts two."""
    return len(text.encode("utf-16-le")) // 2


def clean_line(textpage, text: str, start: int) -> str:  # type: ignore[no-untyped-def]
    """A line's text with two artefacts of pdfium's text layer undone:
    - soft hyphens: pdfium writes a word hyphenated at a line end ("stan-/dard") as one word
      with U+FFFE where the hyphen was; pdfium flags that character as a hyphen, so it is
      dropped. A U+FFFE that is not one (a glyph with no Unicode, often a ligature) is kept;
    - tabs between words: some producers position each word apart, and pdfium writes a tab
      for the gap; a tab is one space.
    `start` is the text index (in UTF-16 units) of the line's first character on the page."""
    import pypdfium2.raw as pdfium_c

    if _UNMAPPED in text:
        kept = []
        unit = start
        for char in text:
            if char == _UNMAPPED:
                at = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, unit)
                if at >= 0 and pdfium_c.FPDFText_IsHyphen(textpage.raw, at) == 1:
                    unit += 1
                    continue
            kept.append(char)
            unit += _units(char)
        text = "".join(kept)
    text = _TABS.sub(" ", text) if "\t" in text else text
    return _without_icon_name(text)


_ICON_NAME = re.compile(r"[a-z]+(?:_[a-z]+)+")


def _without_icon_name(text: str) -> str:
    """Icon fonts draw a glyph from a ligature of its name, so the text layer reads
    "Which sector …? keyboard_arrow_down": a snake_case word after a question mark is the
    icon, not words of the question, and is dropped."""
    head, _, last = text.rpartition(" ")
    if head.endswith("?") and _ICON_NAME.fullmatch(last):
        return head
    return text


@contextlib.contextmanager
def text_layer(page, number: int) -> Iterator[_TextLayer | None]:  # type: ignore[no-untyped-def]
    """Page `number`'s text layer (None for a page without text), open for the block: its
    lines' words read their boxes until the block ends, when the text page is closed."""
    import pypdfium2 as pdfium

    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        raise InputError(
            f"the PDF is damaged: the text of page {number} cannot be read", code="corrupt_pdf"
        ) from None
    layer = None
    try:
        count = textpage.count_chars()
        if count > MAX_PAGE_CHARS:
            raise InputError(
                f"the PDF is too large to read: page {number} holds {count:,} characters of "
                f"text (a report page has a few thousand)",
                code="too_large",
            )
        if count > 0:
            layer = _TextLayer(textpage, page.get_height(), textpage.get_text_range(0, count))
        yield layer
    finally:
        if layer is not None:
            layer.open = False
        textpage.close()


def page_lines(
    layer: _TextLayer | None,
    number: int,
    charts: list[Box] | None = None,
    tables: list[RuledTable] | None = None,
    legends: list[Box] | None = None,
) -> list[PdfLine]:
    """The page's lines in pdfium's reading order, each with its first character's box and its
    first word character's font; the lines of a chart area that may be a grid (`grid_zone`),
    of a ruled table, and of a band of legend keys (`legend_bands`) also with their words,
    whose boxes are read when first asked for, while `layer` is open (`LineWords`)."""
    if layer is None:
        return []
    text, textpage = layer.text, layer.textpage
    units, span, font = layer.units, layer.span, layer.font
    lines: list[PdfLine] = []
    starts: list[tuple[int, str]] = []  # each line's first text index and raw text
    pos = 0
    for raw_line in re.split(r"(\r\n|\n|\r)", text):
        if raw_line in ("\r\n", "\n", "\r"):
            pos += len(raw_line)
            continue
        stripped = raw_line.strip()
        if stripped:
            first = pos + units(raw_line[: raw_line.index(stripped[0])])
            last = pos + units(raw_line.rstrip()) - 1
            char, left, right, line_top, line_bottom = span(first, last)
            # a bullet glyph is often set in a smaller symbol font: the line's size is its
            # words' size, so an item's wrapped lines read as one paragraph, not headings
            word = (
                0
                if stripped[0].isalnum()
                else next((i for i, c in enumerate(stripped) if c.isalnum()), 0)
            )
            word_char = (  # a line that opens with a word: its first character, found above
                char if word == 0 else layer.char(first + units(stripped[:word]))
            )
            size, bold = font(max(word_char, 0))
            if size < _DEGENERATE_SIZE:
                # a font set at size 1 and scaled by the text matrix: pdfium reports the
                # nominal 1, which would make every line one size; the box shows the real one
                size = (line_bottom - line_top) / _LOOSE_BOX_TO_SIZE
            lines.append(
                PdfLine(
                    page=number,
                    text=clean_line(textpage, stripped, first),
                    left=left,
                    right=right,
                    top=line_top,
                    bottom=line_bottom,
                    size=round(size, 1),
                    bold=bold,
                )
            )
            starts.append((pos, raw_line))
        pos += units(raw_line)
    zones = [grid_zone(box, lines) for box in charts or ()]
    zones += [
        [i for i, line in enumerate(lines) if t.holds_line(line.top, line.bottom)]
        for t in tables or ()
    ]
    zones += [[i for i, line in enumerate(lines) if band.holds(line)] for band in legends or ()]
    for index in sorted({i for zone in zones for i in zone}):
        at, raw_line = starts[index]
        lines[index] = lines[index].with_words(_line_words(layer, at, raw_line))
    return lines


# A grid's header stands above the drawing of its rows by up to this much (points).
_HEADER_ABOVE = 80.0
# A column chart's category names stand under its axis by up to this much (points).
_NAMES_BELOW = 30.0
_CELL_TOKEN = re.compile(r"^\(?\d{1,3}(?:[.,]\d+)?%?\)?$|^\d{1,3}\(\d{1,3}(?:\.\d+)?%\)$")


def in_grid_area(box: Box, line: PdfLine) -> bool:
    """The line is in the chart's area, in the band above it where a grid's header stands, or
    just under it, where a column chart's category names stand below the axis."""
    return box.holds(line) or (
        box.top - _HEADER_ABOVE <= line.top
        and line.top <= box.bottom + _NAMES_BELOW
        and line.right >= box.left
        and line.left <= box.right
    )


def grid_zone(box: Box, lines: list[PdfLine]) -> list[int]:
    """The lines (by index) of a chart area and of the band just above it (where a grid's
    header stands), when two or more of them hold three value cells (a grid's rows) or values
    alone (a column chart's data labels): only then are the words' boxes worth reading."""
    zone = [index for index, line in enumerate(lines) if in_grid_area(box, line)]
    # a column chart's data labels stand alone, a line of values only ("13 (33.3%)"); a grid's
    # rows are counted only where there are not two such lines already
    labels = sum(1 for index in zone if _values_only(lines[index]))
    if labels >= 2 or sum(_cells(lines[index].text) >= 3 for index in zone) >= 2:
        return zone
    # an axis scale under the drawing: its ticks' places tell shares from counts (pdfaxis)
    return [index for index in zone if is_axis_scale(lines[index].text)]


def _cells(text: str) -> int:
    """How many of the line's tokens are value cells ("12%", "(3)", "3(12%)")."""
    return sum(1 for token in text.split() if _CELL_TOKEN.match(token))


_WORD = re.compile(r"\S+")


def _line_words(layer: _TextLayer, at: int, raw_line: str) -> LineWords:
    """The words of the raw line starting at text index `at`, each word's box read from the
    layer when first asked for. pdfium's text indexes count UTF-16 units, so a word's offset in
    the line is counted in them too (then, not before: most words are never asked for, and
    their places in the line are found only when one is)."""
    texts = tuple(
        raw_line.split()  # what `_WORD` finds: both part at Unicode whitespace
        if _UNMAPPED not in raw_line
        else (word for part in raw_line.split() if (word := part.replace(_UNMAPPED, "")))
    )
    found: list[re.Match[str]] = []

    def read(index: int) -> PdfWord:
        if not layer.open:
            raise RuntimeError("a word's box asked for after its page's text was closed")
        if not found:
            found.extend(m for m in _WORD.finditer(raw_line) if m.group().strip(_UNMAPPED))
        match = found[index]
        start = at + layer.units(raw_line[: match.start()])
        _, left, right, top, bottom = layer.span(start, start + layer.units(match.group()) - 1)
        return PdfWord(texts[index], left, right, top, bottom)

    return LineWords(texts, read)


def drawing_boxes(
    objects: list[PlacedObject], width: float, height: float
) -> tuple[list[Box], list[Box], list[tuple[Box, PlacedObject]]]:
    """(charts, pictures, paths) among the page's drawn objects (`page_objects`); `paths` keeps
    each path object with its box, for a chart area that may be a pie (`area_pie`).

    A chart is an area covered by vector drawing (bars, axes), thin rules alone (a line under a
    header) not counting; a picture is an image large enough to be a chart or a scanned page.
    A path that covers most of the page is its background or frame, not a chart: counted, it
    would make every line of the page a chart label.
    """
    import pypdfium2.raw as pdfium_c

    background = _BACKGROUND_SHARE * width * height
    paths: list[Box] = []
    shapes: list[tuple[Box, PlacedObject]] = []
    pictures: list[Box] = []
    for placed in objects:
        left, bottom, right, top = placed.bounds
        box = Box(left, height - top, right, height - bottom)
        if placed.kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if (right - left) * (top - bottom) < background:
                paths.append(box)
                shapes.append((box, placed))
        elif right - left > 100 and top - bottom > 60:
            pictures.append(box)
    merged: list[Box] = []
    for box in sorted(paths, key=lambda b: (b.top, b.left)):
        for i, other in enumerate(merged):
            if other.touches(box, gap=12.0):
                merged[i] = other.union(box)
                break
        else:
            merged.append(box)
    charts = [b for b in merged if (b.right - b.left) > 40 and (b.bottom - b.top) > 30]
    charts += [row for row in bar_rows(paths) if not any(c.touches(row, gap=0) for c in charts)]
    return charts, pictures, shapes


# Bars of one column chart stand this close to a common baseline (points), at most this many
# bar widths apart; the area reaches this far above the tallest (its data label).
_BASELINE = 3.5
_BAR_GAPS = 1.5
_LABEL_ABOVE = 14.0
_BAR_WIDTHS = 0.1  # bars of one chart differ in width by a tenth at the most
_MIN_BARS = 3


def bar_rows(paths: list[Box]) -> list[Box]:
    """The areas of column charts drawn as bars set apart (no axis or frame joining them):
    three or more upright bars of about one width on one baseline, each within a bar width and
    a half of the next, reaching up over the tallest bar's data label. Such an area holds only
    the text over and under its bars (not prose set beside it)."""
    bars = sorted(
        (b for b in paths if 2 < b.right - b.left < 80 and b.bottom - b.top > 2),
        key=lambda b: b.bottom,
    )
    baselines: list[list[Box]] = []
    for bar in bars:
        if baselines and bar.bottom - baselines[-1][0].bottom <= _BASELINE:
            baselines[-1].append(bar)
        else:
            baselines.append([bar])
    rows: list[list[Box]] = []
    for group in baselines:
        start = len(rows)
        for bar in sorted(group, key=lambda b: b.left):
            row = rows[-1] if len(rows) > start else None
            width = bar.right - bar.left
            if (
                row is not None
                and abs((row[-1].right - row[-1].left) - width) <= _BAR_WIDTHS * width
                and 0 <= bar.left - row[-1].right <= _BAR_GAPS * width
            ):
                row.append(bar)
            else:
                rows.append([bar])
    return [
        Box(
            row[0].left,
            min(b.top for b in row) - _LABEL_ABOVE,
            row[-1].right,
            max(b.bottom for b in row),
            reach=(row[0].right - row[0].left) / 2,
        )
        for row in rows
        if len(row) >= _MIN_BARS
    ]


# A ruled table is the area's reading when it holds this share of the area's words at least.
_TABLE_SHARE = 0.7


def ruled_tables(objects: list[PlacedObject], height: float) -> list[RuledTable]:
    """The page's ruled tables, looked for only where its drawing has rules each way."""
    edges = page_to_edges(objects, height)
    return edges_to_tables(edges) if is_ruled(edges) else []


def page_figures(
    number: int,
    charts: list[Box],
    lines: list[PdfLine],
    paths: list[tuple[Box, PlacedObject]],
    height: float,
    legends: list[Box],
    ruled: list[RuledTable] | None = None,
) -> list[PdfFigure]:
    """The page's charts; one that draws a grid or a column chart is read as one from its
    words' boxes, its area reaching over the grid's header (set above the drawing) or the
    category names (set under the axis), which would otherwise be read as prose; failing
    both, an area holding a ruled table (`ruled`) is that table; one that draws pies has their
    values matched to its legend (`paths`: the page's path objects; `legends`: bands of legend
    keys under or over a chart, `legend_bands`)."""
    figures = []
    for box in charts:
        inside = [line.words for line in lines if line.words and box.holds(line)]
        around = [
            line for line in lines if line.words and in_grid_area(box, line) and not box.holds(line)
        ]
        above = [line.words for line in around if line.top < box.top]
        below = [line.words for line in around if line.top >= box.top]
        # the tallest column's data label stands just over the drawing, a line of values
        over = [
            line.words
            for line in around
            if line.top < box.top and line.bottom >= box.top - _LABEL_ABOVE and _values_only(line)
        ]
        read: PdfGrid | ColumnChart | PdfTable | None = None
        if inside:
            read = find_grid(inside, above) or find_columns([*over, *inside, *below])
        if inside and read is None and ruled:
            tables = [t for t in ruled if box.touches(Box(t.left, t.top, t.right, t.bottom), 0)]
            read = find_table(tables, [w for words in inside for w in words])
            if read is not None and len(read.used) < _TABLE_SHARE * sum(map(len, inside)):
                read = None  # a table among other drawing (a chart beside it): read as a chart
        if read is not None:
            top = min(word.top for word in read.used)
            bottom = max(word.bottom for word in read.used)
            box = replace(box, top=min(box.top, top - 1), bottom=max(box.bottom, bottom + 1))
        drawn = box
        box = with_axis_scale(box, lines)
        pie = None
        counts = False
        if read is None:
            box, pie = chart_pie(box, lines, paths, height, legends)
            counts = pie is None and counted_bars(drawn, box, lines, paths)
        figures.append(PdfFigure(number, box, read=read, pie=pie, counts=counts))
    return figures


# A pie's legend may stand this far (points) under or over the drawing, a row of keys.
_LEGEND_BAND = 60.0


def legend_bands(charts: list[Box], paths: list[tuple[Box, PlacedObject]]) -> list[Box]:
    """For each chart, the band under or over its drawing where rows of legend keys (small
    swatches) stand, if they do: the chart's area, reaching over the band, each row within
    `_LEGEND_BAND` of the one before."""
    swatches = [shape for shape, _ in paths if is_swatch(shape)]
    bands = []
    for box in charts:
        band = box
        keys = [
            s
            for s in swatches
            if s.right >= box.left - box.reach and s.left <= box.right + box.reach
        ]
        while True:
            near = [
                s
                for s in keys
                if 0 < s.top - band.bottom <= _LEGEND_BAND
                or 0 < band.top - s.bottom <= _LEGEND_BAND
            ]
            if not near:
                break
            band = replace(
                band,
                top=min(band.top, *(s.top - 2 for s in near)),
                bottom=max(band.bottom, *(s.bottom + 2 for s in near)),
            )
        if band != box:
            bands.append(band)
    return bands


def chart_pie(
    box: Box,
    lines: list[PdfLine],
    paths: list[tuple[Box, PlacedObject]],
    height: float,
    legends: list[Box],
) -> tuple[Box, PieChart | None]:
    """The chart's area and the pies it draws: its legend's keys stand beside the drawing (as
    far as its text may), or in a band under or over it (`legends`), which the area then
    takes in."""
    areas = [box, *(band for band in legends if band.touches(box, gap=0) and band != box)]
    for area in areas:
        words = (word for line in lines if area.holds(line) for word in line_words(line))
        reach = replace(area, left=area.left - area.reach, right=area.right + area.reach)
        inside = [(shape, obj) for shape, obj in paths if reach.touches(shape, gap=0)]
        pie = area_pie(words, inside, height)
        if pie is not None:
            return area, pie
    return box, None


def counted_bars(
    drawn: Box, box: Box, lines: list[PdfLine], paths: list[tuple[Box, PlacedObject]]
) -> bool:
    """The chart's bars sit on the percentage axis scale printed under the drawing, and the
    numbers at their ends are counts, not the shares the bars reach (`labels_are_counts`)."""
    scales = [line for line in lines if line.words and box.holds(line)]
    axis = next((a for line in scales if (a := scale_to_axis(line.words)) is not None), None)
    if axis is None:
        return False
    bars = [shape for shape, _ in paths if drawn.touches(shape, gap=0)]
    return labels_are_counts(axis, bars, [line for line in lines if box.holds(line)])


def with_axis_scale(box: Box, lines: list[PdfLine]) -> Box:
    """The chart's area reaching over its axis scale ("0% 20% … 100%") set just under the
    drawing: the scale is the chart's, never an answer row of the prose."""
    scales = [
        line
        for line in lines
        if box.bottom <= line.top <= box.bottom + _NAMES_BELOW
        and line.right >= box.left
        and line.left <= box.right
        and is_axis_scale(line.text)
    ]
    if not scales:
        return box
    return replace(box, bottom=max(line.bottom for line in scales) + 1)


def line_words(line: PdfLine) -> tuple[PdfWord, ...]:
    """The line's words with their boxes where they were read, else the line as one word."""
    return line.words or (PdfWord(line.text, line.left, line.right, line.top, line.bottom),)


def chart_picture_pages(pictures: dict[int, list[Box]]) -> list[int]:
    """Pages with a picture that may be a chart: a picture at the same place on several pages is
    a banner or logo of the page furniture, not a chart drawn as an image."""

    def place(box: Box) -> tuple[int, ...]:  # the same place to within a few points
        return tuple(round(v / 4) for v in (box.left, box.top, box.right, box.bottom))

    repeats = Counter(spot for boxes in pictures.values() for spot in set(map(place, boxes)))
    return [
        number
        for number, boxes in sorted(pictures.items())
        if any(repeats[place(box)] < 2 for box in boxes)
    ]


def in_columns(lines: list[PdfLine], width: float) -> bool:
    """Text set in two columns: many lines end before the middle and many start after it."""
    if len(lines) < 20:
        return False
    left_half = sum(1 for line in lines if line.right < width * 0.55)
    right_half = sum(1 for line in lines if line.left > width * 0.45)
    return left_half >= len(lines) * 0.25 and right_half >= len(lines) * 0.25


def _margin_lines(pages: list[list[PdfLine]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, index) of running headers, footers and page numbers."""

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.lower())

    in_margin: list[tuple[int, int, str]] = []
    for page_index, lines in enumerate(pages):
        limit = heights[page_index] * _MARGIN_SHARE
        for i, line in enumerate(lines):
            if line.top < limit or heights[page_index] - line.bottom < limit:
                in_margin.append((page_index, i, shape(line.text)))
    repeats = Counter(s for _, _, s in in_margin)
    return {
        (p, i)
        for p, i, s in in_margin
        if repeats[s] >= 2 or len(pages) == 1 or _PAGE_NUMBER.match(s.replace("#", "1"))
    }


def _join(previous: str, line: str, separator: str = " ") -> str:
    if previous.endswith(_SOFT_HYPHENS):
        return previous[:-1] + line
    return f"{previous}{separator}{line}"


# A line opening a numbered question ("Question 7:", "Q12.") starts its own paragraph: survey
# tools print one question after another with no space between.
_BULLETED = re.compile(r"^[•●▪◦‣]\s")
_QUESTION_START = re.compile(r"^(?:Question\s*|Q)\d{1,3}[a-z]?\s*[.:)]", re.IGNORECASE)

CHART_START = "[chart, page {page}]"
CHART_END = "[end of chart]"
_VALUE = re.compile(r"^(?P<label>.*?)\s*(?P<value>\d{1,3}(?:\.\d+)?\s?%)$")


def _distance(label: PdfLine, value: PdfLine, upright: bool) -> float:
    if upright:
        return abs((label.left + label.right) / 2 - (value.left + value.right) / 2)
    return abs((label.top + label.bottom) / 2 - (value.top + value.bottom) / 2)


def _full_row_share(text: str) -> str | None:
    """The share of an answer row with its share and count ("Label 41.67% 40", "Label 12
    (34.3%)"), None for any other line. A share is written with "%": a line without one is
    not parsed."""
    if "%" not in text:
        return None
    row = parse_row(text)
    if row is None or row.percent is None or len(row.numbers) < 2:
        return None
    return row.percent.text


_NUMERIC_CELL = re.compile(r"^\(?\d[\d.,]*\s?%?\)?$")


def _values_only(line: PdfLine) -> bool:
    """A line of numbers only, one of them a percentage: "25.25% 25", "12 (34.3%)"."""
    tokens = line.text.split()
    return "%" in line.text and all(_NUMERIC_CELL.match(token) for token in tokens)


def _is_axis(text: str) -> bool:
    """An axis scale: three or more percentages and nothing else."""
    tokens = text.split()
    return len(tokens) >= 3 and all(PERCENT_TICK.match(token) for token in tokens)


def cells_to_rows(lines: list[PdfLine]) -> list[PdfLine]:
    """Table rows put back together: survey tools draw a table column by column, so the text
    layer gives the values ("25.25% 25") apart from their labels. A values-only line joins the
    nearest label line ending left of it on the same row (centres within half a line)."""
    rows = list(lines)
    for value in [line for line in lines if _values_only(line)]:
        centre = (value.top + value.bottom) / 2
        half = (value.bottom - value.top) / 2
        beside = [
            (value.left - line.right, index)
            for index, line in enumerate(rows)
            if line is not value
            and line.right <= value.left + 2
            and abs((line.top + line.bottom) / 2 - centre) <= half
            and not _values_only(line)  # the dearest test last
        ]
        if not beside:
            continue
        _, index = min(beside)
        label = rows[index]
        rows[index] = PdfLine(
            label.page,
            f"{label.text} {value.text}",
            label.left,
            value.right,
            min(label.top, value.top),
            max(label.bottom, value.bottom),
            label.size,
            label.bold,
        )
        rows.remove(value)
    return rows


# A line reaching this share of the widest line's right edge ran on to the next line.
_WRAPPED_SHARE = 0.85
_WRAP_WORDS = 4


_ITEM_START = re.compile(r"^(?:\d|[•●▪#*-]\s|Q\d)")


def _starts_item(text: str) -> bool:
    """A numbered or bulleted entry, or a question code: a new item, never a wrapped line."""
    return bool(_ITEM_START.match(text))


def _paragraph_gap(lines: list[PdfLine]) -> float | None:
    """The widest gap between two lines of one paragraph, in a box that sets its paragraphs
    apart (a survey tool's answers, each with space above it): there a short line closely
    followed by another is the writer's own line break, not the answer's end. None when the
    lines are not so grouped (a chart's labels)."""
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines) if b.top >= a.bottom]
    if len(gaps) < 4:
        return None
    tight = min(gaps) + 2.5  # a taller glyph (an emoji) narrows its line's gap a little
    spaced = [gap for gap in gaps if gap > 3 * tight]
    if len(spaced) < 3 or any(tight < gap <= 3 * tight for gap in gaps):
        return None
    return tight


def unwrap(lines: list[PdfLine]) -> list[str]:
    """`unwrapped` as text alone."""
    return [text for _, text in unwrapped(lines)]


def unwrapped(lines: list[PdfLine]) -> list[tuple[PdfLine, str]]:
    """Text in a drawn box (a survey tool's boxed open answers) one line per paragraph: a wordy
    line that reaches the right edge of the widest lines was wrapped, and the next line goes on
    with it; short labels are left as they are."""
    if not lines:
        return []
    right = max(line.right for line in lines)
    left = min(line.left for line in lines)
    reach = left + _WRAPPED_SHARE * (right - left)
    tight = _paragraph_gap(lines)
    out: list[tuple[PdfLine, str]] = []
    previous: PdfLine | None = None
    for line in lines:
        if (
            previous is not None
            and (
                previous.right >= reach
                or (tight is not None and line.top - previous.bottom <= tight)
            )
            and len(previous.text.split()) >= _WRAP_WORDS
            and abs(line.left - previous.left) < 3
            and 0 <= line.top - previous.bottom < previous.bottom - previous.top
            and not _starts_item(line.text)
            and not previous.text.endswith(("?", ":"))
            and parse_row(previous.text) is None
            and parse_row(line.text) is None
        ):
            out[-1] = (out[-1][0], _join(out[-1][1], line.text))
        else:
            out.append((line, line.text))
        previous = line
    return out


@dataclass(frozen=True)
class ChartText:
    """A chart as the text `extract text` prints, and its entries (offsets within that text)."""

    text: str
    entries: tuple[ChartEntry, ...] = ()


# A line of a chart's text, and the entry it states (label, share), if it states one.
_ChartLine = tuple[str, tuple[str, float] | None]


def _chart_text(page: int, lines: list[_ChartLine]) -> ChartText:
    """The chart's lines between its boundary lines, each entry with its line's offsets."""
    entries = []
    offset = len(CHART_START.format(page=page)) + 1
    for text, entry in lines:
        if entry is not None:
            entries.append(ChartEntry(entry[0], entry[1], offset, offset + len(text)))
        offset += len(text) + 1
    body = [text for text, _ in lines]
    return ChartText("\n".join([CHART_START.format(page=page), *body, CHART_END]), tuple(entries))


def _entry(label: str, value: str) -> _ChartLine:
    """A "label: NN%" line and the entry it states."""
    return f"{label}: {value}", (label.strip(), float(value.rstrip("% ")))


def chart_block(figure: PdfFigure, tabled: frozenset[str] | set[str] = frozenset()) -> ChartText:
    """The chart's text as "label: value" lines, each value paired with the label nearest to it
    across (bars drawn left to right) or along (bars drawn upwards) the chart; a value the
    page's table already gives (`tabled`) is left out."""
    if isinstance(figure.read, PdfGrid | ColumnChart):
        return read_block(figure, figure.read)
    pie = figure.pie
    values, labels, axes = [], [], []
    rows: list[tuple[float, _ChartLine]] = [] if pie is None else pie_rows(pie, tabled)
    for line in cells_to_rows(figure.lines if pie is None else unused_lines(figure, pie.used)):
        if _is_axis(line.text):
            axes.append(line.text)  # "0% 20% 40% 60%": the scale, neither label nor value
            continue
        match = _VALUE.match(line.text)
        if match and not match.group("label") and match.group("value").replace(" ", "") in tabled:
            continue  # the slice or bar value of a chart printed beside its table
        if match and _full_row_share(line.text):
            labels.append(line)  # "Yes 116 73.89%": a table row drawn in cells, kept whole
        elif match:
            values.append((line, match.group("value"), match.group("label") or None))
        else:
            labels.append(line)
    tops = [line.top for line, _, _ in values]
    upright = len(values) > 1 and max(tops) - min(tops) < 3.0  # values on one row: vertical bars
    used: set[int] = set()
    for line, value, inline_label in values:
        if inline_label:
            rows.append((line.top, _entry(inline_label, value)))
            continue

        candidates = [  # a question set in the chart is its title, never a bar's label
            (_distance(lab, line, upright), i)
            for i, lab in enumerate(labels)
            if i not in used and not lab.text.endswith("?")
        ]
        if not candidates:
            rows.append((line.top, (value, None)))
            continue
        _, best = min(candidates)
        used.add(best)
        key = labels[best].left if upright else labels[best].top
        rows.append((key, _entry(labels[best].text, value)))
    loose = [lab for i, lab in enumerate(labels) if i not in used]
    axis_lines: list[_ChartLine] = [(text, None) for text in axes]
    if pie is None and (upright or sum(line.text.endswith("?") for line in loose) < 2):
        other: list[_ChartLine] = [(text, None) for text in unwrap(loose)] + axis_lines
        body = [row for _, row in sorted(rows, key=lambda r: (r[0], r[1][0]))]
    else:
        # several questions' cards in one drawn area (a dashboard), bars left to right, or
        # pies, whose entries stand at their legends: the entries stand in reading order
        # among the lines, so each stays under its own card
        placed = [
            (line.top, index, (text, None)) for index, (line, text) in enumerate(unwrapped(loose))
        ]
        placed += [(top, len(loose) + i, row) for i, (top, row) in enumerate(rows)]
        other = [row for _, _, row in sorted(placed, key=lambda p: p[:2])] + axis_lines
        body = []
    return _chart_text(figure.page, [*other, *body])


def pie_rows(pie: PieChart, tabled: frozenset[str] | set[str]) -> list[tuple[float, _ChartLine]]:
    """The pies' "label: value" lines, each where its legend key stands; a share is an entry,
    a count (alone, or with its share: a table row) stays text; a key whose slice prints no
    value, or a value the page's table already gives (`tabled`), is its label alone."""
    rows: list[tuple[float, _ChartLine]] = []
    for key, value in pie.entries:
        share = value_share(value)
        if share is not None and share.replace(" ", "") in tabled:
            rows.append((key.top, (key.label, None)))
            continue
        line = _entry(key.label, share) if share == value else (f"{key.label}: {value}", None)
        rows.append((key.top, line))
    rows += [(key.top, (key.label, None)) for key in pie.unvalued]
    return rows


def unused_lines(figure: PdfFigure, used: frozenset[PdfWord]) -> list[PdfLine]:
    """The area's lines less the words a pie took (a line left with none is gone)."""
    rest = []
    for line in figure.lines:
        words = [word for word in line_words(line) if word not in used]
        if len(words) == len(line_words(line)):
            rest.append(line)
        elif words:
            text = " ".join(word.text for word in words)
            rest.append(replace(line, text=text, left=words[0].left, right=words[-1].right))
    return rest


def lines_besides(figure: PdfFigure, used: frozenset[PdfWord]) -> list[PdfLine]:
    """The area's lines less the words of what was read from it (a title, a note, an axis)."""
    rest = []
    for line in figure.lines:
        words = [word for word in line.words if word not in used]
        if not line.words:
            rest.append(line)
        elif words:
            rest.append(replace(line, text=" ".join(word.text for word in words), words=()))
    return rest


def read_block(figure: PdfFigure, read: PdfGrid | ColumnChart) -> ChartText:
    """The text of a chart read from its words' boxes (a grid, a column chart): what else the
    area holds (a title, a note, an axis), then what was read, as the general reader reads it:
    a grid's rows, a column chart's "label: value" lines."""
    lines: list[_ChartLine] = [(text, None) for text in unwrap(lines_besides(figure, read.used))]
    if isinstance(read, ColumnChart):
        # a bar's share alone is an entry; "13 (33.3%)" is a table row, count and share
        lines += [
            _entry(label, value) if PERCENT_TICK.match(value) else (f"{label}: {value}", None)
            for label, value in read.entries
        ]
    else:
        lines += [(text, None) for text in read.text_lines()]
    return _chart_text(figure.page, lines)


def _body_size(lines: list[PdfLine]) -> float:
    """The size most of the text is set in: the median over characters, not lines, so the many
    short labels of a chart-heavy page do not make its prose look like headings."""
    chars_by_size: Counter[float] = Counter()
    for line in lines:
        if line.size > 0:
            chars_by_size[line.size] += len(line.text)
    half = chars_by_size.total() / 2
    seen = 0
    for size in sorted(chars_by_size):
        seen += chars_by_size[size]
        if seen >= half:
            return size
    return 0.0


def lines_to_text(  # type: ignore[no-untyped-def]
    pages: list[list[PdfLine]], heights: list[float], figures: list[PdfFigure]
):
    """Paragraphs from lines, charts and tables as their own blocks: (text, page_starts,
    charts, headings, tables)."""
    dropped = _margin_lines(pages, heights)
    body = [
        line
        for p, lines in enumerate(pages)
        for i, line in enumerate(lines)
        if (p, i) not in dropped
    ]
    body_size = _body_size(body)
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(body)
        if a.page == b.page
        and a.size == b.size == body_size
        and b.top > a.top
        and b.top - a.bottom < a.bottom - a.top
    ]
    # Lines of one paragraph sit at the usual gap, closer than a line's height (lines set
    # further apart, a slide's chart labels, are never one paragraph); a paragraph break adds
    # space above.
    line_gap = statistics.median(gaps) if gaps else 0.0
    break_gap = line_gap + max(2.0, 0.25 * body_size)
    # A line that stops well short of the column's right edge ended on purpose ("Source: …" /
    # "Base: …" lines, list items): it keeps its line break inside the paragraph.
    rights = sorted(line.right for line in body)
    lefts = sorted(line.left for line in body)
    column_right = rights[int(len(rights) * 0.9)] if rights else 0.0
    column_left = lefts[int(len(lefts) * 0.1)] if lefts else 0.0
    short_line = column_right - 0.3 * (column_right - column_left)
    figures_by_page: dict[int, list[PdfFigure]] = {}
    for figure in figures:
        figures_by_page.setdefault(figure.page, []).append(figure)
    chunks: list[tuple[int, str, bool] | PdfFigure] = []  # paragraphs (page, text, heading)
    last_paragraph: int | None = None
    previous: PdfLine | None = None
    for line in body:
        figure = next((f for f in figures_by_page.get(line.page, ()) if f.box.holds(line)), None)
        if figure is not None:
            if not figure.lines:
                chunks.append(figure)
            figure.lines.append(line)
            continue
        paragraph = chunks[last_paragraph] if last_paragraph is not None else None
        near = (
            previous is not None
            and line.page == previous.page
            # reading order that jumps back up the page starts anew
            and line.top > previous.top - (previous.bottom - previous.top) / 2
            and line.top - previous.bottom < break_gap
        )
        # Size is relative: a bulleted line is a list item, and a line at the size of the
        # body line just above it carries on that text, however large the page sets both
        larger = (
            line.size >= body_size + 1.5
            and not _BULLETED.match(line.text)
            and not (
                near
                and isinstance(paragraph, tuple)
                and not paragraph[2]
                and previous is not None
                and abs(previous.size - line.size) < 0.6
            )
        )
        heading = larger or (line.bold and line.size >= body_size)
        continues = (
            previous is not None
            and not _QUESTION_START.match(line.text)
            and isinstance(paragraph, tuple)
            and paragraph[2] == heading
            and abs(previous.size - line.size) < 0.6
            and (
                near
                or (
                    line.page != previous.page
                    and not heading  # a page's first heading is its own, not the last page's
                    and not ends_sentence(paragraph[1], ".!?:")
                )
            )
        )
        if continues and isinstance(paragraph, tuple) and last_paragraph is not None:
            separator = "\n" if previous is not None and previous.right < short_line else " "
            chunks[last_paragraph] = (
                paragraph[0],
                _join(paragraph[1], line.text, separator),
                heading,
            )
        else:
            chunks.append((line.page, line.text, heading))
            last_paragraph = len(chunks) - 1
        previous = line
    # the percentages each page prints in answer rows ("Label 41.67% 40"): survey tools draw
    # a chart beside its own table, and the chart's copies of these values are not read again
    tabled: dict[int, set[str]] = {}
    for line in body:
        if share := _full_row_share(line.text):
            tabled.setdefault(line.page, set()).add(share.replace(" ", ""))
    out: list[str] = []
    page_starts: list[int] = []
    charts: list[Chart] = []
    tables: list[Table] = []
    headings: list[Heading] = []
    offset = 0
    for chunk in chunks:
        if isinstance(chunk, PdfFigure) and isinstance(chunk.read, PdfTable):
            # a ruled table: the area's other text and the table's title rows as paragraphs,
            # then the table, its cells handed on with their offsets
            parts, table = table_text(chunk.read, chunk.page)
            while len(page_starts) < chunk.page:
                page_starts.append(offset)
            for text in [*unwrap(lines_besides(chunk, chunk.read.used)), *parts]:
                out.append(text)
                offset += len(text) + 2
            tables.append(table.shifted(offset - len(parts[-1]) - 2))
            continue
        if isinstance(chunk, PdfFigure):
            page, chart = chunk.page, chart_block(chunk, tabled.get(chunk.page, set()))
            text = chart.text
            entries = tuple(
                replace(e, start=offset + e.start, end=offset + e.end) for e in chart.entries
            )
            charts.append(Chart(page, offset, offset + len(text), entries, chunk.counts))
        else:
            page, text, is_heading = chunk
            if is_heading:
                headings.append(Heading(offset, offset + len(text)))
        while len(page_starts) < page:
            page_starts.append(offset)
        out.append(text)
        offset += len(text) + 2
    while len(page_starts) < len(pages):
        page_starts.append(max(0, offset - 2))
    return "\n\n".join(out) + "\n", page_starts, charts, headings, tables


def settled_words(lines: list[PdfLine], figures: list[PdfFigure]) -> list[PdfLine]:
    """The page's lines once its charts are read, while its text is still open: words' boxes
    serve only a chart read by position (a grid, a column chart, a ruled table, a pie), whose
    lines keep every word, read now; on any other page the lines drop them."""
    if any(figure.read or figure.pie for figure in figures):
        return [line.with_words(tuple(line.words)) if line.words else line for line in lines]
    return [line.with_words(()) if line.words else line for line in lines]


def _pages_warning(code: str, pages: list[int], what: str) -> ReportWarning:
    return ReportWarning(code=code, message=f"pages {', '.join(map(str, pages))} {what}")


def load_pdf(path: Path, data: bytes | None = None) -> PdfText:
    """Read a PDF (its bytes `data`, when the caller has read them) into a `Document` whose
    `page_starts` give each page's first offset."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"cannot read the file: {exc.strerror}", code="unreadable_file"
            ) from None
    check_pdf_bytes(data)
    pdf = _open(data)
    try:
        pages: list[list[PdfLine]] = []
        heights: list[float] = []
        figures: list[PdfFigure] = []
        pictures_by_page: dict[int, list[Box]] = {}
        picture_pages: list[int] = []
        column_pages: list[int] = []
        if len(pdf) == 0:
            raise InputError("the PDF has no pages", code="corrupt_pdf")
        for number in range(1, len(pdf) + 1):
            page = _page(pdf, number)
            try:
                heights.append(page.get_height())
                objects = page_objects(page)
                charts, pictures, paths = drawing_boxes(objects, page.get_width(), heights[-1])
                ruled = ruled_tables(objects, heights[-1]) if charts else []
                legends = legend_bands(charts, paths)
                with text_layer(page, number) as layer:
                    lines = page_lines(layer, number, charts, ruled, legends)
                    page_charts = page_figures(
                        number, charts, lines, paths, heights[-1], legends, ruled
                    )
                    lines = settled_words(lines, page_charts)
                pages.append(lines)
                figures.extend(page_charts)
                if pictures:
                    picture_pages.append(number)
                if lines and pictures:
                    pictures_by_page[number] = pictures
                prose = (
                    [line for line in lines if not any(c.holds(line) for c in charts)]
                    if charts
                    else lines
                )
                if in_columns(prose, page.get_width()):
                    column_pages.append(number)
            finally:
                page.close()
        if not any(pages) and picture_pages:
            raise InputError(
                "the PDF has no text layer (a scan?); it needs OCR first", code="no_text_layer"
            )
        if not any(pages):
            raise InputError(
                "the PDF has no text layer and no pictures: its pages are blank or their "
                "content cannot be read",
                code="no_text_layer",
            )
        image_pages = chart_picture_pages(pictures_by_page)
        text, page_starts, charts, headings, tables = lines_to_text(pages, heights, figures)
        digest = hashlib.sha256(data).hexdigest()
        warnings = [
            _pages_warning(code, pages_hit, what)
            for code, pages_hit, what in (
                (
                    "figure_is_image",
                    image_pages,
                    "hold pictures (charts drawn as images?): values in them cannot be read",
                ),
                (
                    "layout_columns",
                    column_pages,
                    "are set in columns: reading order, and which question a chart belongs to, "
                    "may be wrong",
                ),
            )
            if pages_hit
        ]
        document = Document(
            text, tuple(page_starts), tuple(charts), tuple(tables), headings=tuple(headings)
        )
        return PdfText(document, len(pages), digest, warnings)
    finally:
        pdf.close()
