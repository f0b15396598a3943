"""`extract score`: truth files paired with records, scored, and shown as a table or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from extract.annotation import AnnotationError, Truth, read_truth
from extract.diff import load_records
from extract.inputs import printable
from extract.models import Report
from extract.scoring import FIELDS, SLOT_FIELDS, Count, Score, score_document

COLUMNS = {
    "facts": "facts",
    "questions": "questions",
    "bases": "bases",
    "kinds": "kinds",
    "options": "options",
    "labels": "labels",
    "free_text": "ftext",
    "quotes": "quotes",
}
"""The table's columns: each field's headline score, as the README explains."""


@dataclass
class Row:
    """One document's score, or the total's (`doc` "TOTAL")."""

    doc: str
    score: Score
    missing: bool = False
    """No record was found for the truth: the document scored as empty."""


def truth_files(path: Path) -> list[Path]:
    """The truth files of TRUTH: the file itself, or the folder's *.json files."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise AnnotationError(f"{printable(path)}: no truth files (*.json) in the folder")
        return files
    if not path.is_file():
        raise AnnotationError(f"{printable(path)}: no such truth file or folder")
    return [path]


def score_paths(
    truth_path: Path, out_path: Path, notes: list[str], *, annotated_pages: bool = False
) -> list[Row]:
    """A row per truth file and a last TOTAL row. Raises `AnnotationError` for a bad truth
    file and `BadRecord` for a bad record file; what a person should know (a record with no
    truth, a truth with no record) is added to `notes`."""
    if not out_path.exists():
        raise AnnotationError(f"{printable(out_path)}: no such record file or folder")
    truths, seen = [], {}
    for path in truth_files(truth_path):
        truth = read_truth(path)
        if truth.doc in seen:
            also = printable(seen[truth.doc])
            raise AnnotationError(f"{printable(path)}: doc {truth.doc!r} is also scored by {also}")
        seen[truth.doc] = path
        truths.append(truth)
    records = load_records(out_path)
    pairs = _pairs(truths, records, out_path, notes)
    rows, total = [], Score()
    for truth, record in pairs:
        score = score_document(truth, record, annotated_pages=annotated_pages)
        total.merge(score)
        rows.append(Row(truth.doc, score, missing=record is None))
    return [*rows, Row("TOTAL", total)]


def _pairs(
    truths: list[Truth], records: dict[str, dict], out_path: Path, notes: list[str]
) -> list[tuple[Truth, Report | None]]:
    """Each truth with the record of its `doc` id. Given one record file and one truth file,
    they are each other's whatever their names; a record file none of whose records has a
    truth is an error, other records without truth are noted."""
    if len(truths) == 1 and len(records) == 1 and out_path.is_file():
        return [(truths[0], Report.model_validate(next(iter(records.values()))))]
    docs = {truth.doc for truth in truths}
    unscored = sorted(set(records) - docs)
    if unscored and out_path.is_file() and not docs & set(records):  # nothing to score
        raise AnnotationError(
            f"{printable(out_path)}: no truth file for record {unscored[0]!r} "
            '(a truth file names its record by "doc", else by its file name)'
        )
    if unscored:
        shown = ", ".join(unscored[:5]) + (", …" if len(unscored) > 5 else "")
        notes.append(f"note: {len(unscored)} records have no truth file, not scored: {shown}")
    pairs: list[tuple[Truth, Report | None]] = []
    for truth in truths:
        data = records.get(truth.doc)
        if data is None:
            notes.append(f"note: no record {truth.doc!r} in {printable(out_path)}: scored as empty")
        pairs.append((truth, None if data is None else Report.model_validate(data)))
    return pairs


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def render_table(rows: list[Row]) -> str:
    """A line per document (each field's headline, then the strict and lenient overall), the
    TOTAL line, and under it every field's counts with precision, recall and F1."""
    width = max(12, *(len(row.doc) for row in rows))
    names = [*COLUMNS.values(), "strict", "lenient"]
    lines = [f"{'document':{width}} " + " ".join(f"{n:>9}" for n in names)]
    for row in rows:
        cells = [_pct(row.score.part(f, lenient=False)) for f in COLUMNS]
        cells += [_pct(row.score.overall()), _pct(row.score.overall(lenient=True))]
        note = "  (no record)" if row.missing else ""
        lines.append(f"{row.doc:{width}} " + " ".join(f"{c:>9}" for c in cells) + note)
    total = rows[-1].score
    lines += ["", f"{'field':13} {'truth':>6} {'record':>6} {'matched':>7} "
              f"{'precision':>9} {'recall':>6} {'F1':>5} {'accuracy':>8}"]  # fmt: skip
    for name in (*FIELDS, "labels_loose"):
        c = total.counts.get(name) or Count()
        accuracy = _pct(c.accuracy) if name in SLOT_FIELDS else ""
        lines.append(
            f"{name:13} {c.truth:>6} {c.output:>6} {c.matched:>7} {_pct(c.precision):>9} "
            f"{_pct(c.recall):>6} {_pct(c.f1):>5} {accuracy:>8}"
        )
    lines += [
        "",
        f"strict {_pct(total.overall())}   lenient {_pct(total.overall(lenient=True))}",
    ]
    return "\n".join(lines) + "\n"


def _count_json(count: Count, name: str) -> dict[str, object]:
    data: dict[str, object] = {
        "truth": count.truth,
        "record": count.output,
        "matched": count.matched,
        "precision": count.precision,
        "recall": count.recall,
        "f1": count.f1,
    }
    if name in SLOT_FIELDS:
        data["accuracy"] = count.accuracy
    return data


def _score_json(score: Score) -> dict[str, object]:
    return {
        "fields": {
            name: _count_json(score.counts.get(name) or Count(), name)
            for name in (*FIELDS, "labels_loose")
        },
        "strict": score.overall(),
        "lenient": score.overall(lenient=True),
    }


def render_json(rows: list[Row]) -> str:
    """Every count and ratio of every document and of the total, for programs."""
    data = {
        "documents": [
            {"doc": row.doc, "record_found": not row.missing, **_score_json(row.score)}
            for row in rows[:-1]
        ],
        "total": _score_json(rows[-1].score),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
