"""Semantic diff of extraction records: what a reader of the report would call a change.

Used for `extract diff OLD NEW`: a report re-issued with corrections, or last year's poll against
this year's. Offsets, spans, lines, pages and the source file's path and hash are ignored: they move
whenever anything above them moves, and say nothing about the findings. Questions are paired by
figure number, then by wording, never by id, because ids (q1, q2…) renumber when one is removed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from extract.errors import ExtractError

SIMILAR_WORDING = 0.6
"""difflib ratio from which two questions' wordings count as the same question reworded."""

KINDS = (
    "report_added",
    "report_removed",
    "field_changed",
    "question_added",
    "question_removed",
    "question_reworded",
    "kind_changed",
    "base_changed",
    "percent_changed",
    "option_added",
    "option_removed",
    "free_text_changed",
    "quote_added",
    "quote_removed",
)
"""Every `Change.kind`, in the order a reader meets them; stable for other programs."""

_SHORT = 60


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new record, with a sentence for a person."""

    kind: str
    report: str
    question: str | None
    field: str
    old: object
    new: object
    message: str


# ---------------------------------------------------------------------------------------------
# Loading


def _bad(message: str) -> ExtractError:
    return ExtractError(message, code="bad_record")


def _as_record(value: object, where: str) -> dict:
    """A loaded JSON value, checked to be a record: an object with a string `id`."""
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise _bad(f"{where}: not an extraction record (a JSON object with an 'id')")
    return value


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _bad(f"{path}: no such file or folder") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(f"{path}: cannot read the record: {exc}") from None


def _file_records(path: Path) -> Iterator[dict]:
    """Records of one .json (an object, or a list of them) or .jsonl (one per line) file."""
    text = _read_text(path)
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _bad(f"{path} line {number}: invalid JSON: {exc.msg}") from None
            yield _as_record(value, f"{path} line {number}")
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    values = value if isinstance(value, list) else [value]
    for item in values:
        yield _as_record(item, str(path))


def _record_files(folder: Path) -> list[Path]:
    """The record files of a folder (not its subfolders); `_`-files are indexes and notes."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in (".json", ".jsonl") and not p.name.startswith("_")
    )


def load_records(path: Path) -> dict[str, dict]:
    """{id: record} of a record file (.json, .jsonl) or of every record file in a folder.

    Two records with the same id are an error: pairing by id would silently drop one.
    """
    path = Path(path)
    files = _record_files(path) if path.is_dir() else [path]
    records: dict[str, dict] = {}
    seen_in: dict[str, Path] = {}
    for file in files:
        for record in _file_records(file):
            rid = record["id"]
            if rid in records:
                raise _bad(f"{file}: record id {rid!r} is also in {seen_in[rid]}")
            records[rid] = record
            seen_in[rid] = file
    return records


# ---------------------------------------------------------------------------------------------
# Comparing

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
_EDGE = " \t\n'\"*_.,;:!?…"


def _norm(text: object) -> str:
    """Wording as a reader compares it: case, spacing, typographic quotes and edges ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", folded).strip(_EDGE)


def _short(text: object, limit: int = _SHORT) -> str:
    """Quoted, shortened wording for a message."""
    flat = re.sub(r"\s+", " ", str(text)).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + " …"
    return f"'{flat}'"


def _pct(value: object) -> str:
    if value is None:
        return "not stated"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}%"


def _val(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return _short(value)
    return str(value)


def _plain(value: object) -> str:
    """Dates and numbers as they are written: 2022-02-01, 135."""
    return "none" if value is None else str(value)


def _get(record: dict | None, *keys: str) -> object:
    """A nested value, None as soon as a level is missing or null."""
    value: object = record
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


_REPORT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title",)),
    ("publisher", ("publisher",)),
    ("published", ("published", "date")),
    ("fieldwork.start", ("fieldwork", "start")),
    ("fieldwork.end", ("fieldwork", "end")),
    ("respondents", ("respondents", "n")),
    ("invited", ("invited", "n")),
    ("series", ("series", "number")),
)


def _same(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return _norm(old) == _norm(new)
    return old == new


def _report_changes(report: str, old: dict, new: dict) -> Iterator[Change]:
    for name, keys in _REPORT_FIELDS:
        a, b = _get(old, *keys), _get(new, *keys)
        if not _same(a, b):
            label = name.replace(".", " ")
            show = _val if name in ("title", "publisher") else _plain
            yield Change(
                "field_changed", report, None, name, a, b, f"{label}: {show(a)} -> {show(b)}"
            )


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_questions(old: list[dict], new: list[dict]) -> dict[int, int]:
    """{old index: new index} of the same question in both records.

    By figure number first (when the wordings are alike, so renumbered figures do not pair
    different questions), then by identical normalised wording, then by the most similar wording
    (ratio >= SIMILAR_WORDING), and last by figure alone (the same chart, its question reworded).
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()  # pairs.values(), kept as a set
    texts_old = [_norm(q.get("text")) for q in old]
    texts_new = [_norm(q.get("text")) for q in new]

    def pair(i: int, j: int) -> None:
        pairs[i] = j
        taken.add(j)

    def free_new() -> list[int]:
        return [j for j in range(len(new)) if j not in taken]

    def by_figure(require_alike: bool) -> None:
        for i, q in enumerate(old):
            if i in pairs or q.get("figure") is None:
                continue
            for j in free_new():
                if new[j].get("figure") != q["figure"]:
                    continue
                alike = texts_old[i] == texts_new[j] or (
                    _ratio(texts_old[i], texts_new[j]) >= SIMILAR_WORDING
                )
                if alike or not require_alike:
                    pair(i, j)
                break

    by_figure(require_alike=True)
    for i in range(len(old)):
        if i in pairs:
            continue
        for j in free_new():
            if texts_old[i] and texts_old[i] == texts_new[j]:
                pair(i, j)
                break
    candidates = sorted(
        (
            (-_ratio(texts_old[i], texts_new[j]), i, j)
            for i in range(len(old))
            if i not in pairs
            for j in free_new()
        ),
    )
    for negative, i, j in candidates:
        if -negative < SIMILAR_WORDING:
            break
        if i not in pairs and j not in taken:
            pair(i, j)
    by_figure(require_alike=False)
    return pairs


def _label(old_q: dict | None, new_q: dict | None) -> str:
    """ "q3 (figure 3)", naming the old id and figure too when they moved."""
    q = new_q or old_q or {}
    parts = [f"figure {q['figure']}"] if q.get("figure") is not None else []
    if old_q and new_q:
        moved = []
        if old_q.get("id") != new_q.get("id"):
            moved.append(str(old_q.get("id")))
        if old_q.get("figure") != new_q.get("figure") and old_q.get("figure") is not None:
            moved.append(f"figure {old_q['figure']}")
        if moved:
            parts.append("was " + ", ".join(moved))
    inside = f" ({'; '.join(parts)})" if parts else ""
    return f"{q.get('id')}{inside}"


def _option_changes(report: str, qid: str, label: str, old: dict, new: dict) -> Iterator[Change]:
    """Options paired by normalised label (in order, when a label repeats)."""
    remaining: dict[str, list[dict]] = {}
    for option in old.get("options") or []:
        remaining.setdefault(_norm(option.get("label")), []).append(option)
    added: list[dict] = []
    for option in new.get("options") or []:
        bucket = remaining.get(_norm(option.get("label")))
        if not bucket:
            added.append(option)
            continue
        before = bucket.pop(0)
        a, b = before.get("percent"), option.get("percent")
        if a != b:
            name = option.get("label")
            yield Change(
                "percent_changed",
                report,
                qid,
                f"options[{name}].percent",
                a,
                b,
                f"{label} option {_short(name)}: {_pct(a)} -> {_pct(b)}",
            )
    for bucket in remaining.values():
        for option in bucket:
            name, a = option.get("label"), option.get("percent")
            yield Change(
                "option_removed",
                report,
                qid,
                f"options[{name}]",
                a,
                None,
                f"{label} option removed: {_short(name)} ({_pct(a)})",
            )
    for option in added:
        name, b = option.get("label"), option.get("percent")
        yield Change(
            "option_added",
            report,
            qid,
            f"options[{name}]",
            None,
            b,
            f"{label} option added: {_short(name)} ({_pct(b)})",
        )


def _question_changes(report: str, old: dict, new: dict) -> Iterator[Change]:
    qid = str(new.get("id"))
    label = _label(old, new)
    if _norm(old.get("text")) != _norm(new.get("text")):
        a, b = old.get("text"), new.get("text")
        yield Change(
            "question_reworded",
            report,
            qid,
            "text",
            a,
            b,
            f"{label} reworded: {_short(a)} -> {_short(b)}",
        )
    if old.get("kind") != new.get("kind"):
        a, b = old.get("kind"), new.get("kind")
        yield Change("kind_changed", report, qid, "kind", a, b, f"{label} kind: {a} -> {b}")
    a, b = _get(old, "base", "n"), _get(new, "base", "n")
    if a != b:
        yield Change(
            "base_changed", report, qid, "base.n", a, b, f"{label} base: {_val(a)} -> {_val(b)}"
        )
    yield from _option_changes(report, qid, label, old, new)
    a, b = _get(old, "free_text_responses", "n"), _get(new, "free_text_responses", "n")
    if a != b:
        yield Change(
            "free_text_changed",
            report,
            qid,
            "free_text_responses.n",
            a,
            b,
            f"{label} free-text responses: {_val(a)} -> {_val(b)}",
        )


def _questions(report: str, old: list[dict], new: list[dict]) -> Iterator[Change]:
    """Changes in the new record's question order; a removed question sits where it stood."""
    pairs = match_questions(old, new)
    back = {j: i for i, j in pairs.items()}
    keyed: list[tuple[tuple[int, int, int], list[Change]]] = []
    for j, q in enumerate(new):
        if j in back:
            changes = list(_question_changes(report, old[back[j]], q))
        else:
            changes = [
                Change(
                    "question_added",
                    report,
                    str(q.get("id")),
                    "question",
                    None,
                    q.get("text"),
                    f"question added: {_label(None, q)} {_short(q.get('text'))}",
                )
            ]
        keyed.append(((j, 0, 0), changes))
    anchor = -1  # the furthest new index any earlier old question went to
    for i, q in enumerate(old):
        if i in pairs:
            anchor = max(anchor, pairs[i])
            continue
        removed = Change(
            "question_removed",
            report,
            str(q.get("id")),
            "question",
            q.get("text"),
            None,
            f"question removed: {_label(q, None)} {_short(q.get('text'))}",
        )
        keyed.append(((anchor, 1, i), [removed]))
    for _, changes in sorted(keyed, key=lambda item: item[0]):
        yield from changes


def _quotes(report: str, old: list[dict], new: list[dict]) -> Iterator[Change]:
    """Quotes compared as a multiset of normalised texts: where they sit is not a change."""
    count_old = Counter(_norm(q.get("text")) for q in old)
    count_new = Counter(_norm(q.get("text")) for q in new)
    sides = (
        ("quote_removed", "removed", old, count_old - count_new),
        ("quote_added", "added", new, count_new - count_old),
    )
    for kind, verb, quotes, surplus in sides:
        for q in quotes:
            key = _norm(q.get("text"))
            if surplus[key] > 0:
                surplus[key] -= 1
                text = q.get("text")
                before, after = (text, None) if verb == "removed" else (None, text)
                yield Change(
                    kind, report, q.get("question"), "quotes", before, after,
                    f"quote {verb}: {_short(text)}",
                )  # fmt: skip


def _report_name(old: dict, new: dict) -> str:
    a, b = str(old.get("id")), str(new.get("id"))
    return a if a == b else f"{a} -> {b}"


def diff_records(old: dict, new: dict) -> list[Change]:
    """Every change a reader would notice between two records of (versions of) one report."""
    report = _report_name(old, new)
    changes = list(_report_changes(report, old, new))
    changes += _questions(report, old.get("questions") or [], new.get("questions") or [])
    changes += _quotes(report, old.get("quotes") or [], new.get("quotes") or [])
    return changes


def diff_paths(old: Path, new: Path) -> list[Change]:
    """Changes between two record files or folders, reports paired by id.

    Two files holding one record each are compared whatever their ids: last year's poll and this
    year's have different file stems but are the report a user means to compare.
    """
    old, new = Path(old), Path(new)
    before, after = load_records(old), load_records(new)
    if not old.is_dir() and not new.is_dir() and len(before) == 1 == len(after):
        return diff_records(next(iter(before.values())), next(iter(after.values())))
    changes: list[Change] = []
    for rid in sorted(before.keys() | after.keys()):
        if rid not in after:
            title = before[rid].get("title")
            changes.append(
                Change(
                    "report_removed",
                    rid,
                    None,
                    "report",
                    title,
                    None,
                    f"report removed: {rid} {_val(title)}",
                )
            )
        elif rid not in before:
            title = after[rid].get("title")
            changes.append(
                Change(
                    "report_added",
                    rid,
                    None,
                    "report",
                    None,
                    title,
                    f"report added: {rid} {_val(title)}",
                )
            )
        else:
            changes += diff_records(before[rid], after[rid])
    return changes


# ---------------------------------------------------------------------------------------------
# Rendering


def _cell(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", " ", str(value)).strip()


def _rows(changes: Iterable[Change]) -> list[tuple[str, str, str]]:
    return [(_cell(c.report), _cell(c.question) or "-", _cell(c.message)) for c in changes]


def render_table(changes: list[Change]) -> str:
    """Aligned columns for a terminal: report, question, change."""
    if not changes:
        return "no differences\n"
    rows = [("REPORT", "QUESTION", "CHANGE"), *_rows(changes)]
    widths = [max(len(row[k]) for row in rows) for k in range(2)]
    lines = [f"{r:<{widths[0]}}  {q:<{widths[1]}}  {m}".rstrip() for r, q, m in rows]
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change]) -> str:
    """A JSON list of the changes, keys in `Change` field order, for other programs."""
    return (
        json.dumps([asdict(c) for c in changes], indent=2, ensure_ascii=False, default=str) + "\n"
    )


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(changes: list[Change]) -> str:
    """A Markdown table for a release note; pipes in values escaped so columns hold."""
    if not changes:
        return "No differences.\n"
    lines = ["| Report | Question | Change |", "| --- | --- | --- |"]
    lines += [f"| {_md(r)} | {_md(q)} | {_md(m)} |" for r, q, m in _rows(changes)]
    return "\n".join(lines) + "\n"


def exit_code(changes: list[Change]) -> int:
    """0 when the records agree, 1 when anything changed (like `diff`)."""
    return 1 if changes else 0
