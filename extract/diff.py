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

from extract.inputs import printable
from extract.records import BadRecord, values_in
from extract.settings import RUN_REPORT
from extract.terminal import escape, escape_json

SIMILAR_WORDING = 0.6
"""difflib ratio over the words from which two questions' wordings count as the same question
reworded."""
CANDIDATES = 8
"""How many new questions, those sharing the most runs of words with it, an old question is
weighed against: what keeps matching near-linear in the number of questions."""

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


def _as_record(value: object, where: str) -> dict:
    """A loaded JSON value, checked to be a record: an object with a string `id` that matches
    the record's schema, so that comparing it meets only the types it expects."""
    from extract.writer import schema_errors

    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise BadRecord(f"{where}: not an extraction record (a JSON object with an 'id')")
    errors = schema_errors(value)
    if errors:
        more = f" (and {len(errors) - 1} more; extract validate lists them)" if errors[1:] else ""
        raise BadRecord(f"{where}: not a valid record: {errors[0]}{more}")
    return value


def _file_records(path: Path) -> Iterator[dict]:
    """Records of one .json (an object, or a list of them) or .jsonl (one per line) file."""
    for where, value in values_in(path):
        values = value if isinstance(value, list) and path.suffix.lower() != ".jsonl" else [value]
        for item in values:
            yield _as_record(item, where)


def _record_files(folder: Path, skipped: list[str]) -> list[Path]:
    """The record files of a folder (not its subfolders); what is not read goes in `skipped`
    with the reason, so that a difference is never hidden in silence."""
    files = []
    for path in sorted(folder.iterdir()):
        if path.name == RUN_REPORT:
            skipped.append(f"{printable(path)}: the run report, not a record")
        elif path.suffix.lower() not in (".json", ".jsonl"):
            skipped.append(f"{printable(path)}: not a record file (.json, .jsonl)")
        elif path.is_dir():
            skipped.append(f"{printable(path)}: a folder; diff reads the folder's own files")
        else:
            files.append(path)
    return files


def load_records(path: Path, skipped: list[str] | None = None) -> dict[str, dict]:
    """{id: record} of a record file (.json, .jsonl) or of every record file in a folder; what
    a folder holds that is not read is added to `skipped`.

    Every file is read before any is refused, so that `BadRecord` names each bad one (one a
    line). Two records with the same id are an error: pairing by id would silently drop one.
    """
    path = Path(path)
    files = _record_files(path, [] if skipped is None else skipped) if path.is_dir() else [path]
    records: dict[str, dict] = {}
    seen_in: dict[str, Path] = {}
    problems: list[str] = []
    for file in files:
        try:
            for record in _file_records(file):
                rid = record["id"]
                if rid in records:
                    raise BadRecord(
                        f"{printable(file)}: record id {rid!r} is also in {printable(seen_in[rid])}"
                    )
                records[rid] = record
                seen_in[rid] = file
        except BadRecord as exc:
            problems.append(exc.message)
    if problems:
        raise BadRecord("; ".join(problems), problems=problems)
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


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text))


def _ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How alike two wordings are, word by word (by character, comparing two long questions
    costs milliseconds; by word, tens of microseconds)."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Runs of three words, and the single words of a short wording: two wordings of one
    question share some."""
    runs = {words[k : k + 3] for k in range(len(words) - 2)}
    return runs | {(w,) for w in words} if len(words) < 6 else runs


def _alike(old: list[tuple[str, ...]], new: list[tuple[str, ...]], pairs: dict[int, int],
           taken: set[int]) -> list[tuple[float, int, int]]:  # fmt: skip
    """(-ratio, old index, new index) of each unpaired old question against the CANDIDATES
    unpaired new ones sharing the most shingles with it, best first. The shingle index finds
    them without comparing every pair."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j, words in enumerate(new):
        if j not in taken:
            for shingle in _shingles(words):
                index.setdefault(shingle, []).append(j)
    found = []
    for i, words in enumerate(old):
        if i in pairs:
            continue
        shared: Counter[int] = Counter()
        for shingle in _shingles(words):
            shared.update(index.get(shingle, ()))
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]
        found += [(-_ratio(words, new[j]), i, j) for j, _ in best]
    return sorted(found)


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
    words_old, words_new = [_words(t) for t in texts_old], [_words(t) for t in texts_new]

    def pair(i: int, j: int) -> None:
        pairs[i] = j
        taken.add(j)

    def by_figure(require_alike: bool) -> None:
        new_by_figure: dict[object, list[int]] = {}
        for j, q in enumerate(new):
            if j not in taken and q.get("figure") is not None:
                new_by_figure.setdefault(q["figure"], []).append(j)
        for i, q in enumerate(old):
            if i in pairs or q.get("figure") is None:
                continue
            j = next((j for j in new_by_figure.get(q["figure"], ()) if j not in taken), None)
            if j is None:
                continue
            alike = texts_old[i] == texts_new[j] or (
                _ratio(words_old[i], words_new[j]) >= SIMILAR_WORDING
            )
            if alike or not require_alike:
                pair(i, j)

    by_figure(require_alike=True)
    new_by_text: dict[str, list[int]] = {}
    for j, text in enumerate(texts_new):
        if j not in taken and text:
            new_by_text.setdefault(text, []).append(j)
    for i, text in enumerate(texts_old):
        same = [j for j in new_by_text.get(text, ()) if j not in taken] if i not in pairs else []
        if same:
            pair(i, same[0])
    for negative, i, j in _alike(words_old, words_new, pairs, taken):
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


def diff_paths(old: Path, new: Path, skipped: list[str] | None = None) -> list[Change]:
    """Changes between two record files or folders, reports paired by id; what the folders hold
    that is not compared is added to `skipped`.

    Two files holding one record each are compared whatever their ids: last year's poll and this
    year's have different file stems but are the report a user means to compare.
    """
    old, new = Path(old), Path(new)
    problems: list[str] = []
    loaded = []
    for side in (old, new):
        try:
            loaded.append(load_records(side, skipped))
        except BadRecord as exc:
            problems += exc.problems
    if problems:
        raise BadRecord("; ".join(problems), problems=problems)
    before, after = loaded
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
    """One line of text for a terminal or a table: spacing collapsed, controls escaped."""
    return "" if value is None else escape(re.sub(r"\s+", " ", str(value)).strip())


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
    text = json.dumps([asdict(c) for c in changes], indent=2, ensure_ascii=False, default=str)
    return escape_json(text) + "\n"


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
