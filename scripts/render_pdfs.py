#!/usr/bin/env python3
"""Render the reference documents raw/*.txt to PDF fixtures in tests/pdf/.

    python scripts/render_pdfs.py            # (re)write every fixture
    python scripts/render_pdfs.py --check    # ... then verify them with pdfplumber

Needs reportlab (and Pillow, which reportlab depends on); --check also needs pdfplumber.
The output is deterministic: re-running gives byte-identical files.

What is produced (see tests/pdf/manifest.json for page counts and chart boxes):

- tests/pdf/<stem>.pdf for each raw/<stem>.txt: A4, the same words, numbers and punctuation in the
  same order as the text (Markdown '#', '**' and '*' markers become bold/italic), with a running
  header, a 'Page N' footer and, at every figure marker line, a vector bar chart whose option
  labels and percentages come from tests/golden/<stem>.json (no bars when the golden question has
  no options, i.e. the chart was lost in the text version).
- tests/pdf/chart_only_options.pdf (+ its text twin .txt): a chart that shows two options the
  prose never mentions.
- tests/pdf/two_column.pdf (raw/000 in two columns), tests/pdf/chart_as_image.pdf (raw/002 with
  each chart rasterised to a PNG, so no chart text on the page).
- tests/pdf/bad/: encrypted, scanned, not-a-PDF, truncated and empty files, and hostile ones built
  by hand: random bytes, a broken xref table (repairable, and not), decompression bombs (content
  and image, 4 GiB each), nesting 50,000-100,000 deep, a page-tree loop, and a text flood (32 MiB
  of text on one page, which only a memory cap stops).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1  # fixed creation date and document ID: byte-identical re-runs

from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.shapes import Drawing, Rect, String  # noqa: E402
from reportlab.lib.colors import Color, black  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.utils import ImageReader, simpleSplit  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLDEN = ROOT / "tests" / "golden"
OUT = ROOT / "tests" / "pdf"
BAD = OUT / "bad"

PAGE_W, PAGE_H = A4  # 595.2756 x 841.8898 pt
MARGIN_X = 72.0  # left and right margin; the text frame is 451.28 pt wide
FRAME_TOP = PAGE_H - 72.0  # top of the text frame (769.89)
HEADER_Y = PAGE_H - 40.0  # running header baseline (801.89), 8 pt grey, left-aligned
HEADER_RULE_Y = PAGE_H - 46.0  # 0.5 pt grey rule under the header (795.89)
FOOTER_Y = 36.0  # 'Page N' baseline, 8 pt grey, centred on the page
FURNITURE_FONT, FURNITURE_SIZE = "Helvetica", 8
GREY = Color(0.45, 0.45, 0.45)
LIGHT = Color(0.8, 0.8, 0.8)
BAR = Color(0.16, 0.44, 0.62)
DEFAULT_HEADER = "WWCSC Polling Results"

# Chart geometry (points). A chart is a box the width of the column with a 0.5 pt light-grey
# border; inside, per option: the label (Helvetica 8, one or more lines), below it a bar 8 pt high
# whose length is percent/100 of (inner width - 30), and the value 'NN%' (Helvetica-Bold 8) 3 pt
# after the bar's end.
CHART_PAD = 8.0
LABEL_SIZE = 8.0
LABEL_LEAD = 9.5
BAR_H = 8.0
ROW_GAP = 6.0
VALUE_ROOM = 30.0


# ---------------------------------------------------------------------------------------------
# Documents: text -> blocks
# ---------------------------------------------------------------------------------------------


@dataclass
class Block:
    kind: str  # title heading para quote bullet line figure chart_title source
    lines: list[str]  # the source lines (stripped of the line break; leading blanks removed)
    start: int  # offset of the block's first character in the source text
    end: int  # offset just past its last character
    figure: int | None = None
    hard_breaks: bool = False  # Markdown "  " line ends: keep the line breaks


@dataclass
class DocSpec:
    stem: str
    text: str
    blocks: list[Block]
    header: str
    figures: dict[int, list[tuple[str, float]]]  # figure number -> options (label, percent)
    body_size: float = 10.0
    frame_bottom: float = 72.0
    quote_spans: list[tuple[int, int]] = field(default_factory=list)


FIG_RE = re.compile(r"^(?:Fig\.?\s*(\d+)\.?|Figure\s+(\d+):.*)$")
QUOTE_CHARS = "'\u2018\u201c\""


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """(1-based line number, start offset, line) for every line of `text`."""
    out, pos = [], 0
    for no, line in enumerate(text.split("\n"), 1):
        out.append((no, pos, line))
        pos += len(line) + 1
    return out


def _block(kind: str, rows: list[tuple[int, int, str]], **kw) -> Block:
    first = rows[0]
    lead = len(first[2]) - len(first[2].lstrip())
    last = rows[-1]
    return Block(
        kind,
        [r[2].strip() for r in rows],
        first[1] + lead,
        last[1] + len(last[2].rstrip()),
        **kw,
    )


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or s[0] in QUOTE_CHARS + "*" or s[0].isdigit() or not re.search(r"[A-Za-z]", s):
        return False
    if s.endswith("?") and len(s) <= 160:
        return True
    return len(s) <= 60 and s[-1] not in ".,;:!)" and not s.startswith(("Source:", "£"))


def classify_blank_separated(text: str, *, one_line_paragraphs: bool) -> list[Block]:
    """Blocks of a text whose paragraphs are separated by blank lines (or are single lines)."""
    groups: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for row in _lines_with_offsets(text):
        if not row[2].strip():
            if cur:
                groups.append(cur)
            cur = []
            continue
        if one_line_paragraphs and cur:
            groups.append(cur)
            cur = []
        cur.append(row)
    if cur:
        groups.append(cur)

    blocks: list[Block] = []
    for i, rows in enumerate(groups):
        first = rows[0][2].strip()
        joined = " ".join(r[2].strip() for r in rows)
        m = FIG_RE.match(joined)
        md = re.match(r"^(#{1,6})\s+", first)
        if m:
            blocks.append(_block("figure", rows, figure=int(m.group(1) or m.group(2))))
        elif md:
            blocks.append(_block("title" if len(md.group(1)) == 1 else "heading", rows))
        elif len(rows) == 1 and re.fullmatch(r"\*\*.+\*\*", first):
            blocks.append(_block("heading", rows))
        elif first.startswith("Source:"):
            blocks.append(_block("source", rows, hard_breaks=True))
        elif (
            blocks
            and blocks[-1].kind == "figure"
            and i + 1 < len(groups)
            and groups[i + 1][0][2].strip().startswith("Source:")
        ):
            blocks.append(_block("chart_title", rows))  # a chart's own title (002, Figures 9, 10)
        elif not blocks and len(rows) == 1 and len(first) <= 100 and not first.endswith("."):
            blocks.append(_block("title", rows))
        elif len(rows) == 1 and _looks_like_heading(first):
            blocks.append(_block("heading", rows))
        elif not one_line_paragraphs and first.lstrip("*")[:1] in QUOTE_CHARS:
            blocks.append(_block("quote", rows))
        else:
            blocks.append(_block("para", rows, hard_breaks=any(r[2].endswith("  ") for r in rows)))
    return blocks


# raw/004 is hard-wrapped at about 80 characters, so paragraphs cannot be found from blank lines.
# Each entry is the 1-based line number that starts a block and the block's kind (H heading,
# P paragraph, Q quotation, B bullet item, L single unjustified line); the lines in between
# continue the block above them. Headings are single lines.
SPEC_004: dict[int, str] = {
    1: "H", 2: "P", 7: "P", 11: "P", 13: "H", 14: "B", 15: "B", 17: "B", 19: "B", 21: "B",
    23: "H", 24: "H", 25: "P", 34: "H", 35: "P", 40: "H", 41: "P", 47: "H", 48: "P", 53: "P",
    61: "P", 66: "H", 67: "H", 69: "P", 72: "P", 73: "B", 74: "B", 75: "B", 76: "B", 77: "H",
    78: "P", 82: "Q", 89: "Q", 93: "Q", 96: "P", 99: "Q", 104: "H", 105: "P", 110: "P",
    112: "P", 115: "Q", 118: "P", 120: "H", 121: "P", 126: "Q", 127: "Q", 129: "P", 132: "Q",
    133: "Q", 136: "P", 138: "Q", 142: "Q", 144: "Q", 147: "H", 148: "P", 154: "Q", 161: "P",
    166: "H", 167: "P", 171: "P", 174: "B", 175: "B", 176: "B", 177: "B", 178: "B", 179: "B",
    180: "B", 181: "B", 183: "L", 185: "P", 188: "H", 189: "P", 193: "P", 195: "B", 196: "B",
    197: "B", 198: "B", 199: "B", 200: "P", 202: "B", 203: "B", 204: "B", 205: "B", 206: "P",
    212: "H", 213: "P", 215: "P", 222: "H", 223: "P", 226: "P", 229: "Q", 231: "Q", 232: "Q",
    237: "P", 240: "P", 241: "Q", 243: "H", 244: "P", 252: "P", 256: "P", 258: "P", 263: "L",
    264: "L", 265: "L", 266: "L", 267: "B", 268: "B", 269: "B", 270: "B", 271: "B",
}  # fmt: skip
KINDS = {"H": "heading", "P": "para", "Q": "quote", "B": "bullet", "L": "line"}


def classify_explicit(text: str, spec: dict[int, str]) -> list[Block]:
    groups: list[tuple[str, list[tuple[int, int, str]]]] = []
    for row in _lines_with_offsets(text):
        no, _, line = row
        if no in spec:
            groups.append((spec[no], [row]))
        elif not line.strip():
            continue
        elif groups and groups[-1][0] in "PQB" and no > groups[-1][1][-1][0]:
            groups[-1][1].append(row)
        else:
            raise SystemExit(f"SPEC_004: line {no} {line!r} belongs to no block; update the spec")
    return [_block(KINDS[k], rows) for k, rows in groups]


def load_figures(stem: str) -> dict[int, list[tuple[str, float]]]:
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    figs: dict[int, list[tuple[str, float]]] = {}
    for q in golden.get("questions", []):
        if q.get("figure") is not None:
            figs[q["figure"]] = [(o["label"], o["percent"]) for o in q["options"]]
    return figs


def golden_record(stem: str) -> dict:
    return json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))


# Per-document layout: body size and frame bottom are chosen so that every document runs to at
# least two pages with a page break inside a paragraph and inside a quotation (see --check).
LAYOUT = {
    "000": dict(body_size=11.0, frame_bottom=117.0),
    "001": dict(body_size=10.5, frame_bottom=132.0),
    "002": dict(body_size=10.0, frame_bottom=90.0),
    "003": dict(body_size=12.0, frame_bottom=292.0),
    "004": dict(body_size=10.0, frame_bottom=138.0),
}


def load_doc(path: Path) -> DocSpec:
    stem = path.stem
    raw = path.read_bytes()
    text = raw.decode("utf-8").replace("\r\n", "\n")
    golden = golden_record(stem)
    if golden["source"]["sha256"] != hashlib.sha256(raw).hexdigest():
        print(f"warning: {path.name} differs from the text its golden record was made from")
    prefix = stem[:3]
    if prefix == "004":
        blocks = classify_explicit(text, SPEC_004)
    else:
        blocks = classify_blank_separated(text, one_line_paragraphs=prefix == "003")
    header = golden.get("title") or "Care Crisis Review: PSW Network Survey"
    return DocSpec(
        stem=stem,
        text=text,
        blocks=blocks,
        header=header,
        figures=load_figures(stem),
        quote_spans=[(q["span"]["start"], q["span"]["end"]) for q in golden.get("quotes", [])],
        **LAYOUT.get(prefix, {}),
    )


# ---------------------------------------------------------------------------------------------
# Flowables
# ---------------------------------------------------------------------------------------------


def escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit_long_words(s: str, width: float, font: str, size: float) -> str:
    """Set a word wider than the column (003's URL) smaller, so it is not broken mid-word."""

    def shrink(m: re.Match) -> str:
        w = stringWidth(m.group(), font, size)
        if w <= width:
            return m.group()
        return f'<font size="{size * width / w * 0.98:.2f}">{m.group()}</font>'

    return re.sub(r"\S{30,}", shrink, s)


def markup(lines: list[str], sep: str = " ") -> str:
    """Source lines to reportlab paragraph markup: escape, Markdown emphasis to <b>/<i>."""
    s = sep.join(escape(line) for line in lines)
    s = re.sub(r"^#{1,6}\s+", "", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s, flags=re.S)
    s = re.sub(r"\*(.+?)\*", r"<i>\1</i>", s, flags=re.S)
    return s.replace("*", "")


def styles(body: float) -> dict[str, ParagraphStyle]:
    lead = round(body * 1.3, 2)
    base = ParagraphStyle(
        "body",
        fontName="Helvetica",
        fontSize=body,
        leading=lead,
        alignment=TA_JUSTIFY,
        spaceAfter=body * 0.6,
    )
    return {
        "title": ParagraphStyle(
            "title", base, fontName="Helvetica-Bold", fontSize=16, leading=20,
            alignment=TA_LEFT, spaceAfter=10,
        ),
        "heading": ParagraphStyle(
            "heading", base, fontName="Helvetica-Bold", fontSize=13, leading=16,
            alignment=TA_LEFT, spaceBefore=8, spaceAfter=6,
        ),
        "para": base,
        "quote": ParagraphStyle(
            "quote", base, fontName="Helvetica-Oblique", leftIndent=24, rightIndent=24
        ),
        "bullet": ParagraphStyle("bullet", base, leftIndent=18, spaceAfter=body * 0.3),
        "line": ParagraphStyle("line", base, alignment=TA_LEFT, spaceAfter=1),
        "figure": ParagraphStyle(
            "figure", base, fontName="Helvetica-Bold", fontSize=9, leading=11,
            alignment=TA_LEFT, spaceBefore=4, spaceAfter=4,
        ),
        "chart_title": ParagraphStyle(
            "chart_title", base, fontName="Helvetica-Bold", fontSize=9, leading=11,
            alignment=TA_CENTER, spaceAfter=4,
        ),
        "source": ParagraphStyle(
            "source", base, fontSize=9, leading=11, alignment=TA_LEFT, spaceBefore=4
        ),
    }  # fmt: skip


class BulletParagraph(Paragraph):
    """A paragraph with a vector bullet dot: the dot is drawn, so the text layer has no glyph."""

    def __init__(self, text, style=None, *args, dot: bool = True, **kw):
        super().__init__(text, style, *args, **kw)
        self._dot = dot

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for p in parts[1:]:
            p._dot = False
        return parts

    def draw(self):
        super().draw()
        if getattr(self, "_dot", True):
            st = self.style
            self.canv.saveState()
            self.canv.setFillColor(black)
            y = self.height - st.leading + (st.leading - st.fontSize) + st.fontSize * 0.3
            self.canv.circle(st.leftIndent - 9, y, 1.8, stroke=0, fill=1)
            self.canv.restoreState()


@dataclass
class ChartLayout:
    height: float
    items: list[tuple]  # ('label', x, y, text) | ('bar', x, y, w, h) | ('value', x, y, text)


def fmt_percent(p: float) -> str:
    return f"{p:g}%"


def chart_layout(options: list[tuple[str, float]], width: float) -> ChartLayout:
    inner = width - 2 * CHART_PAD
    rows = []
    for label, percent in options:
        rows.append((simpleSplit(label, "Helvetica", LABEL_SIZE, inner), percent))
    height = 2 * CHART_PAD + sum(len(ls) * LABEL_LEAD + 2 + BAR_H + ROW_GAP for ls, _ in rows)
    height -= ROW_GAP
    items: list[tuple] = []
    y = height - CHART_PAD
    scale = (inner - VALUE_ROOM) / 100.0
    for lines, percent in rows:
        for line in lines:
            y -= LABEL_LEAD
            items.append(("label", CHART_PAD, y + 2, line))
        y -= 2 + BAR_H
        w = max(percent, 0.0) * scale
        items.append(("bar", CHART_PAD, y, w, BAR_H))
        items.append(("value", CHART_PAD + w + 3, y + 1.5, fmt_percent(percent)))
        y -= ROW_GAP
    return ChartLayout(height, items)


def chart_drawing(options: list[tuple[str, float]], width: float) -> Drawing:
    lay = chart_layout(options, width)
    d = Drawing(width, lay.height)
    d.add(Rect(0, 0, width, lay.height, strokeColor=LIGHT, strokeWidth=0.5, fillColor=None))
    for it in lay.items:
        if it[0] == "bar":
            d.add(Rect(it[1], it[2], it[3], it[4], fillColor=BAR, strokeColor=None))
        else:
            font = "Helvetica-Bold" if it[0] == "value" else "Helvetica"
            d.add(String(it[1], it[2], it[3], fontName=font, fontSize=LABEL_SIZE))
    return d


def chart_png(options: list[tuple[str, float]], width: float, scale: float = 1.5) -> bytes:
    """The same chart rasterised with Pillow (text as pixels only)."""
    from PIL import Image, ImageDraw, ImageFont

    lay = chart_layout(options, width)
    w_px, h_px = round(width * scale), round(lay.height * scale)
    img = Image.new("RGB", (w_px, h_px), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=round(LABEL_SIZE * scale))
    draw.rectangle([0, 0, w_px - 1, h_px - 1], outline=(204, 204, 204))
    bar = tuple(round(c * 255) for c in (BAR.red, BAR.green, BAR.blue))
    for it in lay.items:
        if it[0] == "bar":
            x0, y0 = it[1] * scale, (lay.height - it[2] - it[4]) * scale
            if it[3] > 0:
                draw.rectangle([x0, y0, x0 + it[3] * scale, y0 + it[4] * scale], fill=bar)
        else:
            draw.text((it[1] * scale, (lay.height - it[2]) * scale), it[3], fill=(0, 0, 0),
                      font=font, anchor="ls")  # fmt: skip
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


class Chart(Flowable):
    """A bar chart at a figure marker; records where it was drawn (for tests/pdf/manifest.json)."""

    def __init__(self, figure, options, width, log, raster=False):
        super().__init__()
        self.figure, self.options, self.width, self.log, self.raster = (
            figure, options, width, log, raster,
        )  # fmt: skip
        self.hAlign = "LEFT"
        self.spaceBefore, self.spaceAfter = 2.0, 8.0
        self.drawing = chart_drawing(options, width)
        self.height = self.drawing.height
        self.png = chart_png(options, width) if raster else None

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        if self.raster:
            self.canv.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, self.width, self.height)
        else:
            renderPDF.draw(self.drawing, self.canv, 0, 0)

    def drawOn(self, canvas, x, y, _sW=0):
        super().drawOn(canvas, x, y, _sW)
        self.log.append(
            {
                "figure": self.figure,
                "page": canvas.getPageNumber(),
                "kind": "image" if self.raster else "vector",
                # PDF user space (origin bottom-left) and pdfplumber's (x0, top, x1, bottom)
                "bbox": [round(x, 2), round(y, 2), round(x + self.width, 2),
                         round(y + self.height, 2)],
                "bbox_top": [round(x, 2), round(PAGE_H - y - self.height, 2),
                             round(x + self.width, 2), round(PAGE_H - y, 2)],
                "options": [{"label": lab, "percent": p} for lab, p in self.options],
            }
        )  # fmt: skip


def flowables(doc: DocSpec, width: float, log: list, *, raster=False) -> list[Flowable]:
    """One flowable per block; a chart after each figure marker whose question has options.

    Headings are kept with the first lines of what follows (a conditional page break, like a
    word processor's 'keep with next'), a caption with its chart; paragraphs split freely.
    """
    st = styles(doc.body_size)
    out: list[Flowable] = []
    blocks = doc.blocks
    keep: list[Flowable] = []  # caption (+ chart title) waiting for their chart
    for i, b in enumerate(blocks):
        style = st["bullet" if b.kind == "bullet" else b.kind]
        text = markup(b.lines, "<br/>" if b.hard_breaks else " ")
        text = fit_long_words(text, width - style.leftIndent - style.rightIndent,
                              style.fontName, style.fontSize)  # fmt: skip
        para = BulletParagraph(text, style) if b.kind == "bullet" else Paragraph(text, style)
        if b.kind in ("title", "heading"):
            out.append(
                CondPageBreak(style.spaceBefore + 2 * style.leading + 2 * st["para"].leading)
            )
        # The chart goes after the marker line, or after the chart's own title when it has one.
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        fig = None
        if b.kind == "figure":
            fig = b.figure
        elif b.kind == "chart_title":
            fig = blocks[i - 1].figure
        if fig is None or not doc.figures.get(fig):
            out.extend([*keep, para])
            keep = []
        elif b.kind == "figure" and nxt is not None and nxt.kind == "chart_title":
            keep = [para]
        else:
            chart = Chart(fig, doc.figures[fig], width, log, raster=raster)
            out.append(KeepTogether([*keep, para, chart]))
            keep = []
    return out + keep


# ---------------------------------------------------------------------------------------------
# Documents: blocks -> PDF
# ---------------------------------------------------------------------------------------------


def furniture(header: str):
    """Page callbacks: the header is drawn before the page's content and the footer after it,
    so the content stream reads header, body, footer."""

    def on_page(canvas, _doc):
        canvas.saveState()
        canvas.setFont(FURNITURE_FONT, FURNITURE_SIZE)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN_X, HEADER_Y, header)
        canvas.setStrokeColor(LIGHT)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, HEADER_RULE_Y, PAGE_W - MARGIN_X, HEADER_RULE_Y)
        canvas.restoreState()

    def on_page_end(canvas, _doc):
        canvas.saveState()
        canvas.setFont(FURNITURE_FONT, FURNITURE_SIZE)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(PAGE_W / 2, FOOTER_Y, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    return on_page, on_page_end


def build_pdf(
    doc: DocSpec, *, columns: int = 1, raster: bool = False, title=None
) -> tuple[bytes, list]:
    buf = io.BytesIO()
    frame_w = PAGE_W - 2 * MARGIN_X
    gap = 18.0
    col_w = (frame_w - gap * (columns - 1)) / columns
    frames = [
        Frame(
            MARGIN_X + c * (col_w + gap), doc.frame_bottom, col_w, FRAME_TOP - doc.frame_bottom,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"col{c}",
        )
        for c in range(columns)
    ]  # fmt: skip
    template = BaseDocTemplate(
        buf,
        pagesize=A4,
        invariant=1,
        pageCompression=1,
        title=title or doc.header,
        author="What Works for Children's Social Care",
        subject=f"Rendered from {doc.stem}.txt by scripts/render_pdfs.py",
        creator="scripts/render_pdfs.py",
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=PAGE_H - FRAME_TOP,
        bottomMargin=doc.frame_bottom,
    )
    on_page, on_page_end = furniture(doc.header)
    template.addPageTemplates(
        [PageTemplate("page", frames=frames, onPage=on_page, onPageEnd=on_page_end)]
    )
    log: list = []
    template.build(flowables(doc, col_w, log, raster=raster))
    return buf.getvalue(), log


# ---------------------------------------------------------------------------------------------
# The extra fixture: a chart that shows options the prose does not name
# ---------------------------------------------------------------------------------------------

CHART_ONLY_TEXT = "\n\n".join(
    [
        "# The Independent Review of Children's Social Care: Polling Results Report",
        "This report presents the results from a short special poll for the Independent Review"
        " of Children's Social Care. The poll was open between 7th and 21st March 2022 and asked"
        " social workers one question about where they do most of their work. The survey was"
        " sent to 1180 registered social workers of which 112 responded.",
        "### Where do you do most of your work in a typical week?",
        "Most social workers (46%) reported that they split their week between home and the"
        " office, followed by 31% who work mostly from home (Figure 1).",
        "Figure 1: The proportions of social workers by where they do most of their work in a"
        " typical week",
        # Markdown hard line breaks ("  " at the line end), as in raw/002
        "Source: WWCSC Polling  \nBase: 112 Social Workers,  \nPolled Online, 7 Mar - 21 Mar\n",
    ]
)
CHART_ONLY_OPTIONS = [
    ("Split between home and the office", 46.0),  # in the prose
    ("Mostly from home", 31.0),  # in the prose
    ("Mostly in the office", 17.0),  # only in the chart
    ("Mostly out on visits to families", 6.0),  # only in the chart
]


def chart_only_doc() -> DocSpec:
    return DocSpec(
        stem="chart_only_options",
        text=CHART_ONLY_TEXT,
        blocks=classify_blank_separated(CHART_ONLY_TEXT, one_line_paragraphs=False),
        header=DEFAULT_HEADER,
        figures={1: CHART_ONLY_OPTIONS},
    )


# ---------------------------------------------------------------------------------------------
# Failure fixtures
# ---------------------------------------------------------------------------------------------


def small_canvas_pdf(encrypt=None, lines=None) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, encrypt=encrypt)
    c.setTitle("WWCSC Polling Results")
    c.setFont("Helvetica-Bold", 13)
    y = FRAME_TOP
    c.drawString(MARGIN_X, y, "The Independent Review of Children's Social Care: Polling Results")
    c.setFont("Helvetica", 10)
    for line in lines or []:
        y -= 13
        c.drawString(MARGIN_X, y, line)
    c.setFont(FURNITURE_FONT, FURNITURE_SIZE)
    c.drawCentredString(PAGE_W / 2, FOOTER_Y, "Page 1")
    c.showPage()
    c.save()
    return buf.getvalue()


def intro_lines(stem_prefix="000", n=12) -> list[str]:
    path = next(RAW.glob(f"{stem_prefix}_*.txt"))
    words = " ".join(path.read_text(encoding="utf-8").split()).split(" ")
    return simpleSplit(" ".join(words[:400]), "Helvetica", 10, PAGE_W - 2 * MARGIN_X)[:n]


def scanned_pdf() -> bytes:
    """One A4 page that is only a greyscale image of text (no text layer), like a scan."""
    from PIL import Image, ImageDraw, ImageFont

    dpi = 100
    s = dpi / 72.0
    img = Image.new("L", (round(PAGE_W * s), round(PAGE_H * s)), 255)
    draw = ImageDraw.Draw(img)
    bold = ImageFont.load_default(size=round(13 * s))
    font = ImageFont.load_default(size=round(10 * s))
    y = (PAGE_H - FRAME_TOP) * s
    draw.text((MARGIN_X * s, y), "The Independent Review of Children's Social Care", font=bold,
              fill=0, anchor="ls")  # fmt: skip
    for line in intro_lines(n=40):
        y += 14 * s
        draw.text((MARGIN_X * s, y), line, font=font, fill=30, anchor="ls")
    draw.text((PAGE_W / 2 * s, (PAGE_H - FOOTER_Y) * s), "Page 1", font=font, fill=90,
              anchor="ms")  # fmt: skip
    png = io.BytesIO()
    img.save(png, format="PNG", optimize=True)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()
    return buf.getvalue()


NOT_A_PDF = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body>
<h1>Not Found</h1>
<p>The requested URL /wp-content/uploads/2022/02/Polling-Results-Report.pdf was not found on
this server.</p>
<hr>
<address>Apache/2.4.41 (Ubuntu) Server at whatworks-csc.org.uk Port 443</address>
</body>
</html>
"""


# Hostile files are built by hand: reportlab writes neither a broken cross-reference table nor a
# page-tree loop nor a stream of gigabytes.

HOSTILE_TEXT = "Hostile fixture: this line is the only text on the page."


def hand_pdf(objects: list[bytes]) -> bytes:
    """A PDF of the object bodies numbered 1.. (1 is the catalog), with a classic xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


def pdf_stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), entries, data)


def text_page_objects(page_entries: bytes = b"", pages: bytes | None = None) -> list[bytes]:
    """Catalog, page tree, one A4 page, its Helvetica font and its content: one line of text."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % HOSTILE_TEXT.encode("ascii")
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages or b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> %s>>" % page_entries,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        pdf_stream(content),
    ]


def deflate_bomb(size: int, unit: bytes = b" ") -> bytes:
    """`size` bytes (a multiple of 16 MiB) of `unit` repeated, deflated twice: a few KB that
    inflate to gigabytes, built in about a second with little memory.

    Deflate alone stops at about 1000:1, but its output for a 16 MiB chunk, flushed to a byte
    boundary with the history reset, is the same for every chunk; repeated, it deflates again."""
    chunk = unit * (16 * 2**20 // len(unit))
    count, rest = divmod(size, len(chunk))
    assert rest == 0 and count > 0
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    outer = zlib.compressobj(9)
    out = outer.compress(b"\x78\xda")  # zlib header, then the raw deflate blocks
    for _ in range(count):
        out += outer.compress(block)
    out += outer.compress(raw.flush(zlib.Z_FINISH) + checksum.to_bytes(4, "big"))
    return out + outer.flush()


DOUBLE_FLATE = b"/Filter [/FlateDecode /FlateDecode] "


def content_bomb_pdf() -> bytes:
    """The page's content is a stream of 4 GiB of spaces, then the line of text."""
    objects = text_page_objects()
    objects[2] = objects[2].replace(b"/Contents 5 0 R", b"/Contents [6 0 R 5 0 R]")
    objects.append(pdf_stream(deflate_bomb(4 * 2**30), DOUBLE_FLATE))
    return hand_pdf(objects)


def image_bomb_pdf() -> bytes:
    """The line of text and a 65536 x 65536 grey image: 4 GiB of pixels."""
    objects = text_page_objects()
    objects[2] = objects[2].replace(b"/Font", b"/XObject << /Im1 6 0 R >> /Font")
    content = b"q 400 0 0 400 72 200 cm /Im1 Do Q BT /F1 12 Tf 72 720 Td (%s) Tj ET" % (
        HOSTILE_TEXT.encode("ascii")
    )
    objects[4] = pdf_stream(content)
    side = 65536
    image = b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray" % (
        side,
        side,
    )
    objects.append(
        pdf_stream(
            deflate_bomb(side * side, b"\x80"), image + b" /BitsPerComponent 8 " + DOUBLE_FLATE
        )
    )
    return hand_pdf(objects)


def deep_nesting_pdf(depth: int = 50_000) -> bytes:
    """The page holds an array nested `depth` deep; its content nests 100,000 graphics states
    and an array operand 100,000 deep before the line of text."""
    objects = text_page_objects(b"/PieceInfo " + b"[" * depth + b"]" * depth + b" ")
    text = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % HOSTILE_TEXT.encode("ascii")
    n = 100_000
    content = b"q " * n + b"[" * n + b"]" * n + b" pop " + text + b" Q" * n
    objects[4] = pdf_stream(zlib.compress(content, 9), b"/Filter /FlateDecode ")
    return hand_pdf(objects)


def page_tree_loop_pdf() -> bytes:
    """The page tree's root lists the page, then itself."""
    return hand_pdf(text_page_objects(pages=b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"))


def text_flood_pdf(megabytes: int = 32) -> bytes:
    """The page's content shows `megabytes` MiB of text: below the inflate limit, but pdfium
    builds its text page at about 170 bytes a character (5 GB), so only a memory cap stops it."""
    show = b"(" + b"A" * 1018 + b") Tj\n"
    content = b"BT /F1 1 Tf 72 720 Td " + show * (megabytes * 2**20 // len(show)) + b"ET"
    objects = text_page_objects()
    objects[4] = pdf_stream(zlib.compress(content, 9), b"/Filter /FlateDecode ")
    return hand_pdf(objects)


def break_xref(data: bytes) -> bytes:
    """Every offset in the last xref table, and startxref, pointing at the wrong byte."""
    at = data.rindex(b"\nxref\n")
    tail = re.sub(
        rb"(?m)^(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m[1]) * 3 + 11), data[at:]
    )
    tail = re.sub(rb"startxref\n(\d+)", lambda m: b"startxref\n%d" % (int(m[1]) - 57), tail)
    return data[:at] + tail


def bad_fixtures() -> dict[str, bytes]:
    lines = intro_lines()
    valid_small = small_canvas_pdf(lines=lines)
    return {
        "encrypted_user_password.pdf": small_canvas_pdf(
            StandardEncryption("secret", ownerPassword="owner"), lines
        ),
        "encrypted_owner_only.pdf": small_canvas_pdf(
            StandardEncryption("", ownerPassword="owner", canPrint=0), lines
        ),
        "scanned.pdf": scanned_pdf(),
        "not_a_pdf.pdf": NOT_A_PDF.encode("utf-8"),
        "truncated.pdf": valid_small[: int(len(valid_small) * 0.6)],
        "empty.pdf": b"",
        "random_bytes.pdf": random.Random(20240611).randbytes(4096),
        "broken_xref.pdf": break_xref(valid_small),
        "broken_xref_unrepairable.pdf": break_xref(valid_small).replace(b" 0 obj", b" 0 jbo"),
        "decompression_bomb.pdf": content_bomb_pdf(),
        "decompression_bomb_image.pdf": image_bomb_pdf(),
        "deep_nesting.pdf": deep_nesting_pdf(),
        "page_tree_loop.pdf": page_tree_loop_pdf(),
        "text_flood.pdf": text_flood_pdf(),
    }


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def render_all() -> dict:
    manifest: dict = {
        "layout": {
            "page": [round(PAGE_W, 2), round(PAGE_H, 2)],
            "margin_x": MARGIN_X,
            "frame_top": round(FRAME_TOP, 2),
            "header": {"font": FURNITURE_FONT, "size": FURNITURE_SIZE, "x": MARGIN_X,
                       "baseline_y": round(HEADER_Y, 2), "rule_y": round(HEADER_RULE_Y, 2)},
            "footer": {"font": FURNITURE_FONT, "size": FURNITURE_SIZE, "text": "Page N",
                       "centre_x": round(PAGE_W / 2, 2), "baseline_y": FOOTER_Y},
            "styles": {
                "body": "Helvetica, body_size pt (per file), leading 1.3 x size, justified",
                "quotation": "Helvetica-Oblique, body_size, indented 24 pt both sides",
                "bullet": "body style indented 18 pt; the dot is a drawn circle, not text",
                "title": "Helvetica-Bold 16 pt",
                "heading": "Helvetica-Bold 13 pt",
                "figure_caption": "Helvetica-Bold 9 pt (the marker line, e.g. 'Fig 1.')",
                "chart_title": "Helvetica-Bold 9 pt, centred (002 Figures 9 and 10)",
                "source_block": "Helvetica 9 pt, one line per source line",
                "chart": "labels Helvetica 8 pt, values 'NN%' Helvetica-Bold 8 pt, in bbox",
                "emphasis": "Markdown *x* as Helvetica-Oblique, **x** as Helvetica-Bold",
            },
        },
        "files": {},
    }  # fmt: skip
    docs = [load_doc(p) for p in sorted(RAW.glob("*.txt"))]
    jobs = [(f"{d.stem}.pdf", d, {}) for d in docs]
    jobs.append(("chart_only_options.pdf", chart_only_doc(), {}))
    d000 = next(d for d in docs if d.stem.startswith("000"))
    d002 = next(d for d in docs if d.stem.startswith("002"))
    jobs.append(("two_column.pdf", d000, {"columns": 2}))
    jobs.append(("chart_as_image.pdf", d002, {"raster": True}))
    write(OUT / "chart_only_options.txt", CHART_ONLY_TEXT.encode("utf-8"))
    for name, doc, kw in jobs:
        data, log = build_pdf(doc, **kw)
        write(OUT / name, data)
        manifest["files"][name] = {
            "source": f"raw/{doc.stem}.txt" if name != "chart_only_options.pdf"
            else "tests/pdf/chart_only_options.txt",
            "pages": pdf_pages(data),
            "bytes": len(data),
            "header": doc.header,
            "columns": kw.get("columns", 1),
            "body_size": doc.body_size,
            "frame_bottom": doc.frame_bottom,
            "charts": log,
            "figures_without_chart": sorted(
                b.figure for b in doc.blocks if b.kind == "figure" and not doc.figures.get(b.figure)
            ),
        }  # fmt: skip
        print(f"{name:32} {pdf_pages(data):2d} pages {len(data):8d} bytes {len(log):2d} charts")
    for name, data in bad_fixtures().items():
        write(BAD / name, data)
        manifest["files"][f"bad/{name}"] = {"bytes": len(data)}
        print(f"bad/{name:28} {len(data):8d} bytes")
    write(
        OUT / "manifest.json", (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode()
    )
    return manifest


# ---------------------------------------------------------------------------------------------
# --check: read the PDFs back with pdfplumber
# ---------------------------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\S+")


def source_tokens(text: str) -> list[tuple[str, int, int]]:
    """Whitespace tokens of the source with Markdown markers removed, with their offsets."""
    out = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group().replace("*", "")
        if re.fullmatch(r"#{1,6}", tok) or not tok:
            continue
        out.append((tok, m.start(), m.end()))
    return out


def body_words(pdf, charts: list) -> list[tuple[int, str]]:
    """(page number, word) for every word outside the header, the footer and the charts."""
    words = []
    for page in pdf.pages:
        boxes = [c["bbox_top"] for c in charts if c["page"] == page.page_number]
        for w in page.extract_words(use_text_flow=True, keep_blank_chars=False):
            if w["bottom"] < PAGE_H - HEADER_RULE_Y or w["top"] > PAGE_H - FOOTER_Y - 12:
                continue
            if any(b[0] - 1 <= w["x0"] and w["x1"] <= b[2] + 1 and b[1] - 1 <= w["top"]
                   and w["bottom"] <= b[3] + 1 for b in boxes):  # fmt: skip
                continue
            words.append((page.page_number, w["text"]))
    return words


def analyse(pdf, doc: DocSpec, charts: list) -> dict:
    """Read one rendered PDF (an open pdfplumber PDF) back and compare it with its source."""
    pages = pdf.pages
    texts = [pg.extract_text() or "" for pg in pages]
    furniture_ok = all(
        t.splitlines()[:1] == [doc.header] and t.splitlines()[-1:] == [f"Page {pg.page_number}"]
        for pg, t in zip(pages, texts, strict=True)
    )
    chart_text_ok = True
    for c in charts:
        inside = " ".join((pages[c["page"] - 1].crop(c["bbox_top"]).extract_text() or "").split())
        want = [o["label"] for o in c["options"]] + [
            fmt_percent(o["percent"]) for o in c["options"]
        ]
        if c["kind"] == "vector":
            chart_text_ok &= all(" ".join(w.split()) in inside for w in want)
        else:
            chart_text_ok &= inside == ""
    words = body_words(pdf, charts)
    toks = source_tokens(doc.text)
    got, want = [w for _, w in words], [t for t, _, _ in toks]
    same = got == want
    first_diff = None
    if not same:
        k = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        first_diff = (k, got[max(k - 3, 0) : k + 3], want[max(k - 3, 0) : k + 3])
    # Page breaks: where do the last word of a page and the first word of the next fall in the
    # source? Inside one block = a paragraph continues across the break.
    breaks, mid_para, mid_quote = [], [], []
    if same:
        for i in range(1, len(words)):
            if words[i][0] == words[i - 1][0]:
                continue
            a_end, b_start = toks[i - 1][2], toks[i][1]
            snippet = (
                f"p{words[i - 1][0]}/p{words[i][0]}: {doc.text[max(a_end - 28, 0) : a_end]!r}"
                f" | {doc.text[b_start : b_start + 28]!r}"
            )
            breaks.append(snippet)
            blk = next((b for b in doc.blocks if b.start <= a_end and b_start < b.end), None)
            if blk is not None and b_start <= blk.end:
                mid_para.append(snippet)
                if blk.kind == "quote" or any(s < b_start < e for s, e in doc.quote_spans):
                    mid_quote.append(snippet)
    return {
        "pages": len(pages),
        "page1": texts[0][:300],
        "page2": texts[1][:300] if len(texts) > 1 else "",
        "furniture_ok": furniture_ok,
        "chart_text_ok": chart_text_ok,
        "same": same,
        "words": len(got),
        "first_diff": first_diff,
        "breaks": breaks,
        "mid_para": mid_para,
        "mid_quote": mid_quote,
    }


def check(manifest: dict) -> bool:
    import pdfplumber

    ok = True
    docs = {p.stem: load_doc(p) for p in sorted(RAW.glob("*.txt"))}
    for name, info in manifest["files"].items():
        if name.startswith("bad/"):
            continue
        src = info["source"]
        doc = docs[Path(src).stem] if src.startswith("raw/") else chart_only_doc()
        with pdfplumber.open(OUT / name) as pdf:
            r = analyse(pdf, doc, info["charts"])
        n_charts = len(info["charts"])
        print(f"\n=== {name}: {r['pages']} pages, {info['bytes']} bytes, {n_charts} charts")
        print(f"  text identical to the source: {r['same']} ({r['words']} words)")
        if r["first_diff"]:
            print("  first difference (index, pdf, text):", r["first_diff"])
        print(f"  header and footer on every page: {r['furniture_ok']}")
        print(f"  chart labels and values on the page: {r['chart_text_ok']}")
        print(f"  page breaks: {len(r['breaks'])}, inside a paragraph: {len(r['mid_para'])},"
              f" inside a quotation: {len(r['mid_quote'])}")  # fmt: skip
        for s in r["breaks"]:
            tag = " [paragraph]" if s in r["mid_para"] else ""
            tag = " [quotation]" if s in r["mid_quote"] else tag
            print("    " + s + tag)
        print("  page 1:", repr(r["page1"]))
        print("  page 2:", repr(r["page2"]))
        ok &= r["same"] and r["furniture_ok"] and r["chart_text_ok"]
        if name[:3].isdigit():  # the five reference documents
            ok &= r["pages"] >= 2 and bool(r["mid_para"]) and bool(r["mid_quote"])
    print("\n=== bad/")
    for name in sorted(n for n in manifest["files"] if n.startswith("bad/")):
        if "bomb" in name or "flood" in name:  # pdfminer would take gigabytes
            print(f"  {name}: not opened")
            continue
        try:
            with pdfplumber.open(OUT / name) as pdf:
                texts = [(p.extract_text() or "") for p in pdf.pages]
                print(f"  {name}: opens, {len(texts)} page(s), {sum(map(len, texts))} text chars")
        except Exception as exc:  # reporting what a reader sees
            print(f"  {name}: {type(exc).__name__}: {str(exc)[:80]}")
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"\ntotal size of tests/pdf: {total} bytes")
    return ok and total < 1_000_000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="verify the PDFs with pdfplumber")
    args = ap.parse_args(argv)
    manifest = render_all()
    if args.check:
        return 0 if check(manifest) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
