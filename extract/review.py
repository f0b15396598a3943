"""`extract review`: one self-contained HTML page to check a record against its text.

The page shows the document text exactly as `extract text` prints it, with every value the
record took from it highlighted at its span, every warning with a span marked in place, and a
bar chart (inline SVG) of each question's options. Hovering or clicking a value shows its
field: question, option, label, percent, base. Nothing is fetched: styles, script and charts
are inline, and the page's Content-Security-Policy forbids any request.

The text is hostile input (a report can hold `</script>` or `<img onerror=…>`): every piece of
it reaches the page through `html.escape`, the record's data as JSON with `<`, `>` and `&`
escaped, and the script writes details with `textContent`, never as markup.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.diff import load_records
from extract.document import Document
from extract.errors import InputError
from extract.inputs import printable
from extract.loaders import load
from extract.models import Report, Span, Statistic
from extract.pipeline import read_file
from extract.records import BadRecord

KINDS = ("option", "base", "statistic", "free_text", "fact", "quote", "warning")
"""What a highlight is, in the order a segment covered by several takes its look from."""


@dataclass
class Mark:
    """One highlighted value: where it is, what it is, and the fields a click shows."""

    kind: str
    span: Span
    info: dict[str, object]
    question: str | None = None
    source: object = None
    """The record's part it shows (a warning, to link the list of warnings to it)."""
    number: int = 0
    """Its place among the page's marks: `data-m` names it, `#mN` selects it."""


def _question_marks(report: Report) -> Iterator[Mark]:
    """Each question's options, base, statistics and free-text count, each carrying what a
    reader checks it against: the question, its wording and kind, and its base."""
    for q in report.questions:
        asked = {"question": q.id, "question text": q.text, "kind": q.kind}
        base = q.base.n if q.base else None
        for option in q.options:
            info = {
                **asked,
                "position": option.position,
                "label": option.label,
                "percent": option.percent,
                "qualifier": option.qualifier,
                "base": base,
                "read from": option.source,
                "wording": option.text,
            }
            yield Mark("option", option.span, info, q.id)
        if q.base:
            info = {**asked, "base": q.base.n, "basis": q.base.basis, "wording": q.base.text}
            yield Mark("base", q.base.span, info, q.id)
        for stat in q.statistics:
            yield Mark("statistic", stat.span, {**asked, **_statistic(stat)}, q.id)
        if q.free_text_responses:
            count = q.free_text_responses
            info = {**asked, "free-text answers": count.n, "wording": count.text}
            yield Mark("free_text", count.span, info, q.id)


def _statistic(stat: Statistic) -> dict[str, object]:
    return {
        "statistic": stat.label,
        "value": stat.value,
        "unit": stat.unit,
        "of": stat.of,
        "wording": stat.text,
    }


def _report_marks(report: Report) -> Iterator[Mark]:
    """The report's own values (dates, counts, series, authors, statistics), its quotes, and
    every warning that has a span, at the text it is about."""
    facts: list[tuple[str, object, Span, str]] = []
    if report.published:
        day = report.published.date
        shown = day.isoformat() if day else None
        facts.append(("published", shown, report.published.span, report.published.text))
    if report.fieldwork:
        fw = report.fieldwork
        facts.append(("fieldwork", f"{fw.start or '?'} to {fw.end or '?'}", fw.span, fw.text))
    for name in ("respondents", "invited"):
        count = getattr(report, name)
        if count:
            facts.append((name, count.n, count.span, count.text))
    if report.series:
        facts.append(("series", report.series.number, report.series.span, report.series.text))
    for author in report.authors:
        facts.append(("author", author.name, author.span, author.name))
    for name, value, span, text in facts:
        yield Mark("fact", span, {"fact": name, "value": value, "wording": text})
    for stat in report.statistics:
        yield Mark("statistic", stat.span, _statistic(stat))
    for quote in [*report.quotes, *report.statements]:
        info = {
            "quote": quote.text,
            "kind": quote.kind,
            "speaker": quote.speaker,
            "question": quote.question,
            "theme": quote.theme,
        }
        yield Mark("quote", quote.span, info, quote.question)
    for warning in report.warnings:
        if warning.span is not None:
            info = {"warning": warning.code.value, "message": warning.message}
            yield Mark("warning", warning.span, info, source=warning)


def marks_of(report: Report, length: int) -> list[Mark]:
    """Every highlight of the record, numbered; spans outside the text are left out."""
    marks = [
        m
        for m in [*_question_marks(report), *_report_marks(report)]
        if 0 <= m.span.start < m.span.end <= length
    ]
    for number, mark in enumerate(marks):
        mark.number = number
    return marks


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _tooltip(mark: Mark) -> str:
    return "; ".join(f"{k}: {v}" for k, v in mark.info.items() if v is not None)


def anchors_of(doc: Document, report: Report) -> dict[int, list[str]]:
    """Empty elements where each page and each question begins; their badges ("page 2",
    "q3") are drawn by CSS, so that they add nothing to the page's text."""
    anchors: dict[int, list[str]] = {}
    for page, start in enumerate(doc.page_starts, 1):
        anchors.setdefault(start, []).append(f'<span class="page" data-page="{page}"></span>')
    for q in report.questions:
        if 0 <= q.span.start < len(doc.text):
            anchor = f'<span class="qstart" data-q="{_attr(q.id)}"></span>'
            anchors.setdefault(q.span.start, []).append(anchor)
    return anchors


def text_html(doc: Document, marks: list[Mark], anchors: dict[int, list[str]]) -> str:
    """The document text, escaped, cut into pieces at every mark's start and end and at every
    anchor: a piece under marks is a <mark> naming them all (spans may overlap), so the page's
    text content is the text itself."""
    text = doc.text
    cuts = {0, len(text), *anchors}
    for mark in marks:
        cuts.update((mark.span.start, mark.span.end))
    starts: dict[int, list[Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.span.start, []).append(mark)
    order = sorted(cuts)
    pieces, open_marks = [], []
    for a, b in itertools.pairwise(order):
        pieces.extend(anchors.get(a, []))
        open_marks = [m for m in open_marks if m.span.end > a] + starts.get(a, [])
        chunk = html.escape(text[a:b], quote=False)
        if not open_marks:
            pieces.append(chunk)
            continue
        kinds = sorted({m.kind for m in open_marks}, key=KINDS.index)
        ids = " ".join(str(m.number) for m in open_marks)
        tips = "\n".join(_tooltip(m) for m in open_marks)
        pieces.append(
            f'<mark class="{" ".join("k-" + k for k in kinds)}" data-m="{ids}" '
            f'title="{_attr(tips)}">{chunk}</mark>'
        )
    return "".join(pieces)


BAR_HEIGHT, LABEL_WIDTH, BAR_WIDTH = 18, 170, 150


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_svg(question_id: str, marks: list[Mark]) -> str:
    """A horizontal bar per option of one question, its percent written at the bar's end; a
    bar is linked (data-m) to its value in the text."""
    options = [m for m in marks if m.kind == "option" and m.question == question_id]
    if not options:
        return ""
    height = BAR_HEIGHT * len(options) + 4
    rows = []
    for row, mark in enumerate(options):
        y = 2 + row * BAR_HEIGHT
        label, percent = str(mark.info["label"]), mark.info["percent"]
        width = BAR_WIDTH * float(percent) / 100 if isinstance(percent, int | float) else 0
        shown = "n/a" if percent is None else f"{percent:g}%"
        rows.append(
            f'<g class="bar" data-m="{mark.number}"><title>{_attr(label)}: {shown}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">'
            f"{_attr(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 5}"/>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 13}">{shown}</text></g>'
        )
    total = LABEL_WIDTH + BAR_WIDTH + 50
    return (
        f'<svg class="chart" data-question="{_attr(question_id)}" width="{total}" '
        f'height="{height}" viewBox="0 0 {total} {height}" role="img" '
        f'aria-label="{_attr(f"options of {question_id}")}">' + "".join(rows) + "</svg>"
    )


def _question_cards(report: Report, marks: list[Mark]) -> str:
    cards = []
    for q in report.questions:
        facts = [q.kind, f"base {q.base.n}" if q.base else "no base"]
        if q.figure is not None:
            facts.insert(0, f"figure {q.figure}")
        cards.append(
            f'<section class="question" id="card-{_attr(q.id)}" data-q="{_attr(q.id)}" '
            f'data-start="{q.span.start}"><h3>{_attr(q.id)} '
            f"<small>{_attr(' · '.join(facts))}</small></h3><p>{_attr(q.text)}</p>"
            f"{chart_svg(q.id, marks)}</section>"
        )
    return "".join(cards)


def _warning_list(report: Report, marks: list[Mark]) -> str:
    numbers = {id(m.source): m.number for m in marks if m.kind == "warning"}
    items = []
    for warning in report.warnings:
        number = numbers.get(id(warning))
        where = "" if number is None else f' data-m="{number}"'
        items.append(
            f"<li{where}><code>{_attr(warning.code.value)}</code> {_attr(warning.message)}</li>"
        )
    return '<ul class="warnings">' + "".join(items) + "</ul>" if items else "<p>No warnings.</p>"


def _json_script(data: object) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & as escapes."""
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1d232a; background: #f4f5f7; }
header { padding: 10px 18px; background: #22313f; color: #fff; }
header h1 { margin: 0; font-size: 18px; }
header p { margin: 2px 0 0; color: #c9d3dd; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 440px; gap: 14px; padding: 14px; }
#doc { margin: 0; padding: 14px; background: #fff; border: 1px solid #d6dae0; border-radius: 6px;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.5 ui-monospace, monospace; }
aside { position: sticky; top: 14px; align-self: start; max-height: calc(100vh - 28px);
  overflow: auto; }
aside > section, #detail { background: #fff; border: 1px solid #d6dae0; border-radius: 6px;
  padding: 8px 12px; margin-bottom: 10px; }
#detail { min-height: 70px; border-color: #8a6d00; }
#detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 4px 0; }
#detail dt { color: #59636e; } #detail dd { margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 14px; margin: 4px 0; } h3 { font-size: 13px; margin: 2px 0; }
h3 small { font-weight: normal; color: #59636e; }
.question p { margin: 2px 0 4px; }
.question.selected { outline: 2px solid #d08700; }
mark { background: none; color: inherit; border-radius: 2px; cursor: pointer; }
mark.k-fact { background: #c9f2d0; }
mark.k-quote { background: #e6e6e6; font-style: italic; }
mark.k-statistic { background: #e5dbff; }
mark.k-free_text { background: #b8ece9; }
mark.k-base { background: #cfe2ff; }
mark.k-option { background: #ffe16b; }
mark.k-warning { background: #ffc9c9; text-decoration: underline wavy #c92a2a; }
mark.selected { outline: 2px solid #d9480f; }
.qstart::before { content: attr(data-q); margin-right: 4px; padding: 0 4px; border-radius: 3px;
  background: #22313f; color: #fff; font: bold 11px system-ui, sans-serif; }
.page::before { content: "page " attr(data-page); display: block; margin: 8px 0 4px;
  border-top: 1px dashed #adb5bd; color: #868e96; font: 11px system-ui, sans-serif; }
.legend span { display: inline-block; padding: 0 5px; margin: 2px 4px 2px 0; border-radius: 2px; }
.chart text { font: 11px system-ui, sans-serif; fill: #1d232a; }
.chart rect { fill: #e0a800; } .bar { cursor: pointer; } .bar.selected rect { fill: #d9480f; }
.warnings { margin: 0; padding-left: 18px; } .warnings li { margin: 2px 0; cursor: pointer; }
"""

SCRIPT = """
'use strict';
const items = JSON.parse(document.getElementById('items').textContent);
const detail = document.getElementById('detail');
function show(numbers) {
  detail.replaceChildren();
  for (const n of numbers) {
    const item = items[n];
    const head = document.createElement('h2');
    head.textContent = item.kind.replace('_', ' ');
    const list = document.createElement('dl');
    for (const [key, value] of Object.entries(item.info)) {
      if (value === null) continue;
      const dt = document.createElement('dt'); dt.textContent = key;
      const dd = document.createElement('dd'); dd.textContent = String(value);
      list.append(dt, dd);
    }
    detail.append(head, list);
  }
}
function select(numbers, scroll) {
  for (const el of document.querySelectorAll('.selected')) el.classList.remove('selected');
  for (const n of numbers) {
    const linked = document.querySelectorAll('[data-m~="' + n + '"]');
    for (const el of linked) el.classList.add('selected');
    const q = items[n].question;
    const card = q && document.querySelector('.question[data-q="' + CSS.escape(q) + '"]');
    if (card) card.classList.add('selected');
  }
  show(numbers);
  const first = document.querySelector('#doc mark.selected');
  if (scroll && first) first.scrollIntoView({block: "nearest"});
}
function numbersOf(el) { return el.dataset.m.split(' ').map(Number); }
document.addEventListener('mouseover', (e) => {
  const el = e.target.closest('#doc mark');
  if (el) show(numbersOf(el));
});
document.addEventListener('click', (e) => {
  const el = e.target.closest('[data-m]');
  if (el) select(numbersOf(el), !el.closest('#doc'));
});
const wanted = /^#m(\\d+)$/.exec(location.hash);
if (wanted && items[Number(wanted[1])]) select([Number(wanted[1])], true);
document.body.dataset.marks = document.querySelectorAll('#doc mark').length;
document.body.dataset.ready = 'yes';
"""

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def review_html(doc: Document, report: Report) -> str:
    """The whole page for one document and its record."""
    marks = marks_of(report, len(doc.text))
    items = [
        {
            "kind": m.kind,
            "question": m.question,
            "info": m.info,
            "start": m.span.start,
            "end": m.span.end,
        }
        for m in marks
    ]
    counted = {kind: sum(m.kind == kind for m in marks) for kind in KINDS}
    legend = "".join(
        f'<span data-kind="{k}"><mark class="k-{k}">{k.replace("_", " ")}</mark> '
        f"{counted[k]}</span>"
        for k in KINDS
    )
    title = report.title or report.id
    summary = (
        f"{report.source.path} · format {report.format} · {len(report.questions)} questions · "
        f"{sum(len(q.options) for q in report.questions)} options · {len(report.quotes)} quotes · "
        f"{len(report.warnings)} warnings"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>review: {_attr(title)}</title><style>{STYLE}</style></head>"
        f'<body data-record="{_attr(report.id)}">'
        f"<header><h1>{_attr(title)}</h1><p>{_attr(summary)}</p></header>"
        # an HTML parser drops one newline right after <pre>: this one, never the text's
        f'<main><pre id="doc">\n{text_html(doc, marks, anchors_of(doc, report))}</pre><aside>'
        '<div id="detail"><p>Hover over or click a highlighted value to see its field.</p></div>'
        f'<section class="legend">{legend}</section>'
        f"<section><h2>Warnings</h2>{_warning_list(report, marks)}</section>"
        f"<section><h2>Questions</h2>{_question_cards(report, marks)}</section>"
        "</aside></main>"
        f'<script type="application/json" id="items">{_json_script(items)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def document_and_record(path: Path, record_path: Path | None = None) -> tuple[Document, Report]:
    """The report's document with its record: extracted now, or the record made earlier
    (`record_path`, one record), which must have been made from this very file."""
    if record_path is None:
        return read_file(path)
    loaded = load(path)
    records = load_records(record_path)
    if len(records) != 1:
        raise BadRecord(f"{printable(record_path)}: holds {len(records)} records; give one")
    report = Report.model_validate(next(iter(records.values())))
    if report.source.sha256 != loaded.sha256:
        raise InputError(
            f"{printable(record_path)} was made from another file (its source.sha256 is not "
            "this file's), so its spans do not index this text",
            code="record_mismatch",
        )
    return loaded.document, report


def default_output(path: Path) -> Path:
    """Where the page goes without --out: out/<stem>.review.html."""
    return Path("out") / f"{path.stem}.review.html"
