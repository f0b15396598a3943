"""Plain-text and Markdown reports: bytes to text, honest about encodings."""

from __future__ import annotations

import codecs

import regex

from extract import patterns
from extract.document import Chart, ChartEntry, Document
from extract.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16, whose BOM begins UTF-32's
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _unicode_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, name) of text a BOM declares, or of UTF-16 without one, told by its NUL bytes:
    mostly-ASCII UTF-16 has a NUL in every other byte, on one side only."""
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return encoding, name
    sample = data[:4096]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if pairs >= 2 and odd > 0.3 * pairs and even <= 0.02 * pairs:
        return "utf-16-le", "UTF-16"
    if pairs >= 2 and even > 0.3 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be", "UTF-16"
    return None


def decode_text(data: bytes) -> str:
    """Decode report bytes: a BOM decides (UTF-8, UTF-16, UTF-32), else UTF-16 when its NUL
    bytes show it, else UTF-8, else Windows-1252 (which UK reports use). Text that is mostly NUL
    (UTF-32 without a BOM, binary) is refused, never read as an empty report.

    Line endings become "\\n" so that line numbers and offsets agree on every platform.
    """
    if not data.strip():
        raise InputError("the file is empty", code="empty_file")
    declared = _unicode_encoding(data)
    if declared is not None:
        encoding, name = declared
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"the text is not valid {name} ({exc.reason} at byte {exc.start})",
                code="undecodable_text",
            ) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the text is neither UTF-8 nor Windows-1252 (byte {exc.start})",
                    code="undecodable_text",
                ) from None
    if text.count("\x00") > len(text) // 10:
        raise InputError(
            "the text is mostly NUL characters: UTF-16 or UTF-32 without a byte-order mark, "
            "or not text at all",
            code="undecodable_text",
        )
    if not text.strip():
        raise InputError("the file is empty", code="empty_file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The form `extract text` prints a PDF's charts in (extract/loaders/pdf.py CHART_START/END):
# a saved copy of that output, read as text, keeps its charts.
_PRINTED_CHART = patterns.compile(
    r"^\[chart, page (?P<page>\d+)\]\n(?P<body>.*?)\n?\[end of chart\]$",
    regex.MULTILINE | regex.DOTALL,
)
_PRINTED_ENTRY = patterns.compile(
    r"^(?P<label>.+?):\s*(?P<value>\d{1,3}(?:\.\d+)?)\s?%\s*$", regex.MULTILINE
)


def printed_charts(text: str) -> tuple[Chart, ...]:
    """The charts of a PDF's text as `extract text` printed it, "label: NN%" lines their
    entries: the one place the printed form is read back (a PDF's own charts come from its
    loader as structure)."""
    charts = []
    for block in _PRINTED_CHART.finditer(text):
        body_start = block.start("body")
        entries = tuple(
            ChartEntry(
                label=m.group("label").strip(),
                percent=float(m.group("value")),
                start=body_start + m.start(),
                end=body_start + m.end(),
            )
            for m in _PRINTED_ENTRY.finditer(block.group("body"))
        )
        charts.append(Chart(int(block.group("page")), block.start(), block.end(), entries))
    return tuple(charts)


def text_document(text: str) -> Document:
    """A text report as a `Document` read as Markdown, with the charts of a saved
    `extract text` print-out."""
    return Document(text, charts=printed_charts(text), markdown=True)
