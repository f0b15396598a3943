"""Semantic comparison of extraction records: what a reader of the report would call a change.

Used by `extract diff OLD NEW` (a report re-issued with corrections, this year's poll against last
year's) and by `extract check` (a fresh extraction against its golden record). Spans are ignored
unless asked for: they move whenever anything above them moves, and say nothing about the
findings; so are the source file's path and hash and the extract version. Questions are paired by
stable id, figure and wording; options by label, then a relabel (the same share, a similar label);
every other list as a set.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from pathlib import Path

from extract.errors import ExtractError
from extract.ids import normalise as _norm
from extract.inputs import printable
from extract.records import BadRecord, values_in
from extract.settings import RUN_REPORT
from extract.terminal import escape, escape_json

SIMILAR_WORDING = 0.6
"""difflib ratio over the words from which two questions' wordings count as the same question
reworded."""
SIMILAR_LABEL = 0.5
"""difflib ratio over the characters from which two labels of one share are one option
relabelled ("monthly" / "once a month")."""
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
    "question_id_changed",
    "kind_changed",
    "base_changed",
    "percent_changed",
    "option_relabelled",
    "option_added",
    "option_removed",
    "free_text_changed",
    *(
        f"{singular}_{verb}"
        for singular in (
            "statistic",
            "theme",
            "item",
            "quote",
            "finding",
            "appendix",
            "author",
            "link",
            "warning",
        )
        for verb in ("added", "removed")
    ),
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


@dataclass(frozen=True)
class Compare:
    """How closely two records are compared; `extract diff` and `extract check` share it."""

    tolerance: float = 0.0
    """Percentage points by which two shares may differ and still be the same (rounding)."""
    spans: bool = False
    """Compare where each value sits in the text too; off, a value that only moved is no
    change (an edit above it moves every span below)."""


IGNORED = frozenset({"schema_version", "extract_version", "id", "source"})
"""Record keys that say which file and which extract made the record, not what it says."""
_LISTS: dict[str, tuple[str, Callable[[dict], object], str]] = {
    # name: (singular, pairing key, the field that names an item in a message)
    "statistics": ("statistic", lambda s: (_norm(s["label"]), s["unit"], _norm(s["of"])), "label"),
    "themes": ("theme", lambda t: _norm(t["title"]), "title"),
    "items": ("item", lambda t: _norm(t["text"]), "text"),
    "authors": ("author", lambda a: _norm(a["name"]), "name"),
    "findings": ("finding", lambda t: _norm(t["text"]), "text"),
    "appendices": ("appendix", lambda t: _norm(t["text"]), "text"),
    "quotes": ("quote", lambda q: _norm(q["text"]), "text"),
    "warnings": ("warning", lambda w: (w["code"], _norm(w["message"])), "message"),
}
"""The lists of a record and of a question compared as sets of items, each paired by its key
(where an item sits in its list is no change)."""


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
    """A value in a message: wording quoted and shortened, dates and numbers as written."""
    if value is None:
        return "none"
    if isinstance(value, str):
        return value if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else _short(value)
    if isinstance(value, dict):  # a whole value that appeared or went: its number or words
        inner = next((value[k] for k in _BRIEF if value.get(k) is not None), None)
        return "none" if inner is None else _val(inner)
    return str(value)


_BRIEF = ("n", "number", "date", "start", "percent", "value", "label", "name", "text")
"""What names a whole value in a message, first found first."""


def _get(record: dict | None, *keys: str) -> object:
    """A nested value, None as soon as a level is missing or null."""
    value: object = record
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _same(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return _norm(old) == _norm(new)
    return old == new


def _close(old: object, new: object, tolerance: float) -> bool:
    """Two shares the same within `tolerance` points (both unstated is the same too)."""
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return abs(old - new) <= tolerance + 1e-9
    return old == new


def _differences(
    old: object, new: object, cmp: Compare, tolerant: frozenset[str] = frozenset(), path: str = ""
) -> list[tuple[str, object, object]]:
    """(dotted field, old, new) of each value that differs; spans only when compared, shares
    named in `tolerant` within the tolerance. A `text` (the wording a value was read from) that
    changed with the value beside it is that value's change, not another one."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        leaf = path.rsplit(".", 1)[-1]
        same = _close(old, new, cmp.tolerance) if leaf in tolerant else _same(old, new)
        return [] if same else [(path, old, new)]
    found: list[tuple[str, object, object]] = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key == "span" and not cmp.spans:
            continue
        found += _differences(old.get(key), new.get(key), cmp, tolerant, _join(path, key))
    wording = _join(path, "text")
    children = [f for f, _, _ in found if "." not in f[len(path) + 1 if path else 0 :]]
    if any(f != wording for f in children):
        found = [d for d in found if d[0] != wording]
    return found


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _pair_by(old: list[dict], new: list[dict], key: Callable[[dict], object]) -> _Pairing:
    """Items of two lists paired by `key`, in order among items of one key."""
    waiting: dict[object, list[int]] = {}
    for i, item in enumerate(old):
        waiting.setdefault(key(item), []).append(i)
    pairs: dict[int, int] = {}
    for j, item in enumerate(new):
        bucket = waiting.get(key(item))
        if bucket:
            pairs[bucket.pop(0)] = j
    return _Pairing(pairs, old, new)


@dataclass
class _Pairing:
    """Which old item is which new one; the others were removed or added."""

    pairs: dict[int, int]
    old: list[dict]
    new: list[dict]

    @property
    def removed(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.pairs]

    @property
    def added(self) -> list[int]:
        taken = set(self.pairs.values())
        return [j for j in range(len(self.new)) if j not in taken]


@dataclass(frozen=True)
class _Where:
    """What a change is about: the report, the question (its id and how a message names it)."""

    report: str
    question: str | None = None
    label: str = ""

    def change(self, kind: str, field: str, old: object, new: object, message: str) -> Change:
        lead = f"{self.label} " if self.label else ""
        return Change(kind, self.report, self.question, field, old, new, lead + message)


def _list_changes(
    where: _Where, name: str, old: list[dict], new: list[dict], cmp: Compare
) -> Iterator[Change]:
    """A list compared as a set: items added, removed, and what changed in those paired."""
    singular, key, naming = _LISTS[name]
    pairing = _pair_by(old, new, key)
    for i, j in sorted(pairing.pairs.items(), key=lambda p: p[1]):
        a, b = old[i], new[j]
        shares = a.get("unit") == "percent" == b.get("unit")
        for field, x, y in _differences(a, b, cmp, frozenset({"value"} if shares else ())):
            yield where.change(
                "field_changed",
                f"{name}[{a.get(naming)}].{field}",
                x,
                y,
                f"{singular} {_short(a.get(naming))} {field}: {_val(x)} -> {_val(y)}",
            )
    for verb, indexes, items in (("removed", pairing.removed, old), ("added", pairing.added, new)):
        for k in indexes:
            text = items[k].get(naming)
            before, after = (text, None) if verb == "removed" else (None, text)
            code = f"{items[k]['code']}: " if name == "warnings" else ""
            yield where.change(
                f"{singular}_{verb}",
                name,
                before,
                after,
                f"{singular} {verb}: {code}{_short(text)}",
            )


# ---------------------------------------------------------------------------------------------
# Questions


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text))


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
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


def stable_ids(record: dict) -> bool:
    """Whether the record's question ids are the report's own (schema 1.1 on): a 1.0 record
    numbered its questions q1, q2… in order, so its ids say nothing about which is which."""
    return record.get("schema_version") != "1.0"


def match_questions(old: list[dict], new: list[dict], *, by_id: bool = True) -> dict[int, int]:
    """{old index: new index} of the same question in both records.

    By stable id and then by figure number, each first where the wordings are alike (so a
    renumbered report does not pair different questions); then by identical normalised
    wording, by the most similar wording (ratio >= SIMILAR_WORDING), and last by id or figure
    alone (the same question or chart, its question reworded). `by_id=False` for records
    whose ids are positional.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()  # pairs.values(), kept as a set
    texts_old = [_norm(q.get("text")) for q in old]
    texts_new = [_norm(q.get("text")) for q in new]
    words_old, words_new = [_words(t) for t in texts_old], [_words(t) for t in texts_new]

    def pair(i: int, j: int) -> None:
        pairs[i] = j
        taken.add(j)

    def by(key: str, require_alike: bool) -> None:
        new_by_key: dict[object, list[int]] = {}
        for j, q in enumerate(new):
            if j not in taken and q.get(key) is not None:
                new_by_key.setdefault(q[key], []).append(j)
        for i, q in enumerate(old):
            if i in pairs or q.get(key) is None:
                continue
            j = next((j for j in new_by_key.get(q[key], ()) if j not in taken), None)
            if j is None:
                continue
            alike = texts_old[i] == texts_new[j] or (
                _ratio(words_old[i], words_new[j]) >= SIMILAR_WORDING
            )
            if alike or not require_alike:
                pair(i, j)

    keys = ("id", "figure") if by_id else ("figure",)
    for key in keys:
        by(key, require_alike=True)
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
    for key in keys:
        by(key, require_alike=False)
    return pairs


def _name(q: dict) -> str:
    """ "q3 (figure 3)"; "fig3" alone, its id already saying its figure."""
    figure = q.get("figure")
    shown = figure is not None and q.get("id") != f"fig{figure}"
    return f"{q.get('id')} (figure {figure})" if shown else str(q.get("id"))


def _label(old_q: dict | None, new_q: dict | None) -> str:
    """How a message names a question, with its old id when the id moved (a moved figure is a
    change of its own)."""
    q = new_q or old_q or {}
    moved = old_q and new_q and old_q.get("id") != new_q.get("id")
    return _name(q) + (f" (was {old_q.get('id')})" if old_q and moved else "")


def _made_of(qid: str) -> str:
    """An id less the hashes of its wording ("q3-5e1f~2" -> "q3", "q-3fa9c1" -> "q-"): what is
    left changes only when the code or figure does, so a reworded question's new hash is part of
    its rewording, not a change of its own (as an option's id follows its label)."""
    base = re.sub(r"-[0-9a-f]{4}$", "", re.sub(r"~\d+$", "", qid))
    return "q-" if re.fullmatch(r"q-[0-9a-f]{6}", base) else base


def _relabels(options: _Pairing, tolerance: float) -> dict[int, int]:
    """{old: new} of removed and added options that are one option renamed: the same share
    (within the tolerance) and a similar label (character ratio >= SIMILAR_LABEL) or the same
    place on the scale; the most alike first."""
    found = []
    for i in options.removed:
        for j in options.added:
            a, b = options.old[i], options.new[j]
            if not _close(a.get("percent"), b.get("percent"), tolerance):
                continue
            ratio = _ratio(_norm(a.get("label")), _norm(b.get("label")))
            placed = a.get("position") is not None and a.get("position") == b.get("position")
            if ratio >= SIMILAR_LABEL or placed:
                found.append((-ratio, i, j))
    renamed: dict[int, int] = {}
    for _, i, j in sorted(found):
        if i not in renamed and j not in renamed.values():
            renamed[i] = j
    return renamed


def _option_changes(where: _Where, old: dict, new: dict, cmp: Compare) -> Iterator[Change]:
    """Options paired by normalised label (in order, when a label repeats), then relabels;
    a position that moved because options came or went is no change of its own."""
    options = _pair_by(
        old.get("options") or [], new.get("options") or [], lambda o: _norm(o.get("label"))
    )
    relabelled = _relabels(options, cmp.tolerance)
    options.pairs.update(relabelled)
    reordered = bool(options.removed or options.added)
    for i, j in sorted(options.pairs.items(), key=lambda p: p[1]):
        a, b = options.old[i], options.new[j]
        name = a.get("label")
        if i in relabelled:
            yield where.change(
                "option_relabelled",
                f"options[{name}].label",
                name,
                b.get("label"),
                f"option relabelled: {_short(name)} -> {_short(b.get('label'))} "
                f"({_pct(b.get('percent'))})",
            )
        for field, x, y in _differences(a, b, cmp, frozenset({"percent"})):
            if field in ("id", "label") or (field == "position" and reordered):
                continue  # the id follows the label; the relabel is said above
            if field == "percent":
                yield where.change(
                    "percent_changed",
                    f"options[{name}].percent",
                    x,
                    y,
                    f"option {_short(name)}: {_pct(x)} -> {_pct(y)}",
                )
            else:
                yield where.change(
                    "field_changed",
                    f"options[{name}].{field}",
                    x,
                    y,
                    f"option {_short(name)} {field}: {_val(x)} -> {_val(y)}",
                )
    for verb, indexes, items in (
        ("removed", options.removed, options.old),
        ("added", options.added, options.new),
    ):
        for k in indexes:
            name, share = items[k].get("label"), items[k].get("percent")
            before, after = (share, None) if verb == "removed" else (None, share)
            yield where.change(
                f"option_{verb}",
                f"options[{name}]",
                before,
                after,
                f"option {verb}: {_short(name)} ({_pct(share)})",
            )


def _counted(
    where: _Where, name: str, kind: str, words: str, old: dict, new: dict, cmp: Compare
) -> Iterator[Change]:
    """A count of people (the base, the free-text answers): its number, then its other parts."""
    for field, a, b in _differences(old.get(name), new.get(name), cmp):
        if field in ("", "n"):
            a, b = _get(old, name, "n"), _get(new, name, "n")
            yield where.change(kind, f"{name}.n", a, b, f"{words}: {_val(a)} -> {_val(b)}")
        else:
            yield where.change(
                "field_changed", f"{name}.{field}", a, b, f"{words} {field}: {_val(a)} -> {_val(b)}"
            )


_OWN = frozenset({"id", "text", "kind", "options", "grid", "base", "free_text_responses", *_LISTS})
"""Question fields compared by a rule of their own; the others are compared value by value."""


def _question_changes(
    where: _Where, old: dict, new: dict, cmp: Compare, renamed: dict[str, str], stable: bool
) -> Iterator[Change]:
    reworded = _norm(old.get("text")) != _norm(new.get("text"))
    if reworded:
        a, b = old.get("text"), new.get("text")
        yield where.change(
            "question_reworded", "text", a, b, f"reworded: {_short(a)} -> {_short(b)}"
        )
    a, b = str(old.get("id")), str(new.get("id"))
    if stable and a != b and not (reworded and _made_of(a) == _made_of(b)):
        yield where.change("question_id_changed", "id", a, b, f"id: {a} -> {b}")
    if old.get("kind") != new.get("kind"):
        a, b = old.get("kind"), new.get("kind")
        yield where.change("kind_changed", "kind", a, b, f"kind: {a} -> {b}")
    yield from _counted(where, "base", "base_changed", "base", old, new, cmp)
    yield from _option_changes(where, old, new, cmp)
    yield from _counted(
        where, "free_text_responses", "free_text_changed", "free-text responses", old, new, cmp
    )
    grid = renamed.get(old.get("grid"), old.get("grid")) if old.get("grid") else None
    if grid != new.get("grid"):
        yield where.change(
            "field_changed",
            "grid",
            old.get("grid"),
            new.get("grid"),
            f"grid: {_val(old.get('grid'))} -> {_val(new.get('grid'))}",
        )
    rest = [({k: v for k, v in q.items() if k not in _OWN}) for q in (old, new)]
    for field, a, b in _differences(*rest, cmp):
        yield where.change("field_changed", field, a, b, f"{field}: {_val(a)} -> {_val(b)}")
    for name in ("statistics", "themes", "items"):
        yield from _list_changes(where, name, old.get(name) or [], new.get(name) or [], cmp)


def _questions(
    report: str,
    old: list[dict],
    new: list[dict],
    pairs: dict[int, int],
    cmp: Compare,
    stable: bool,
) -> Iterator[Change]:
    """Changes in the new record's question order; a removed question sits where it stood."""
    back = {j: i for i, j in pairs.items()}
    renamed = {str(old[i].get("id")): str(new[j].get("id")) for i, j in pairs.items()}
    keyed: list[tuple[tuple[int, int, int], list[Change]]] = []
    for j, q in enumerate(new):
        where = _Where(report, str(q.get("id")), _label(old[back[j]] if j in back else None, q))
        if j in back:
            changes = list(_question_changes(where, old[back[j]], q, cmp, renamed, stable))
        else:
            where = _Where(report, where.question)
            text = q.get("text")
            changes = [
                where.change(
                    "question_added",
                    "question",
                    None,
                    text,
                    f"question added: {_label(None, q)} {_short(text)}",
                )
            ]
        keyed.append(((j, 0, 0), changes))
    anchor = -1  # the furthest new index any earlier old question went to
    for i, q in enumerate(old):
        if i in pairs:
            anchor = max(anchor, pairs[i])
            continue
        text = q.get("text")
        removed = _Where(report, str(q.get("id"))).change(
            "question_removed",
            "question",
            text,
            None,
            f"question removed: {_label(q, None)} {_short(text)}",
        )
        keyed.append(((anchor, 1, i), [removed]))
    for _, changes in sorted(keyed, key=lambda item: item[0]):
        yield from changes


# ---------------------------------------------------------------------------------------------
# Reports

_FIELD_NAMES = {
    "published.date": "published",
    "respondents.n": "respondents",
    "invited.n": "invited",
    "series.number": "series",
}
"""The value that a report field stands for: a changed date is "published", not its parts."""


def _report_changes(where: _Where, old: dict, new: dict, cmp: Compare) -> Iterator[Change]:
    """The report's own fields, value by value (its questions and lists apart)."""
    skip = IGNORED | {"questions", "links", *_LISTS}
    rest = [{k: v for k, v in r.items() if k not in skip} for r in (old, new)]
    for field, a, b in _differences(*rest, cmp):
        name = _FIELD_NAMES.get(field, field)
        yield where.change(
            "field_changed", name, a, b, f"{name.replace('.', ' ')}: {_val(a)} -> {_val(b)}"
        )


def _links(where: _Where, old: dict, new: dict) -> Iterator[Change]:
    """Web addresses, compared as sets."""
    before, after = old.get("links") or [], new.get("links") or []
    for link in before:
        if link not in after:
            yield where.change("link_removed", "links", link, None, f"link removed: {link}")
    for link in after:
        if link not in before:
            yield where.change("link_added", "links", None, link, f"link added: {link}")


def _report_name(old: dict, new: dict) -> str:
    a, b = str(old.get("id")), str(new.get("id"))
    return a if a == b else f"{a} -> {b}"


def diff_records(old: dict, new: dict, cmp: Compare | None = None) -> list[Change]:
    """Every change a reader would notice between two records of (versions of) one report:
    `extract diff` between releases, `extract check` between a golden record and a fresh one."""
    cmp = cmp or Compare()
    where = _Where(_report_name(old, new))
    questions_old, questions_new = old.get("questions") or [], new.get("questions") or []
    stable = stable_ids(old) and stable_ids(new)
    pairs = match_questions(questions_old, questions_new, by_id=stable)
    renamed = {
        str(questions_old[i].get("id")): questions_new[j].get("id") for i, j in pairs.items()
    }
    changes = list(_report_changes(where, old, new, cmp))
    changes += _questions(where.report, questions_old, questions_new, pairs, cmp, stable)
    quotes_old = [
        {**q, "question": renamed.get(str(q.get("question")), q.get("question"))}
        for q in old.get("quotes") or []
    ]
    for name in ("quotes", "statistics", "findings", "appendices", "authors"):
        before = quotes_old if name == "quotes" else old.get(name) or []
        changes += _list_changes(where, name, before, new.get(name) or [], cmp)
    changes += _links(where, old, new)
    changes += _list_changes(
        where, "warnings", old.get("warnings") or [], new.get("warnings") or [], cmp
    )
    return changes


class BadPair(ExtractError):
    """A `--pair OLD=NEW` naming a record that is not there, or one already paired."""

    code = "bad_pair"


def _report_keys(record: dict) -> tuple[object, ...]:
    """How a renamed release is known: its title and publisher, and its place in a series."""
    title = _norm(record.get("title"))
    return (
        (title, _norm(record.get("publisher")), _get(record, "series", "number")) if title else ()
    )


def _resolve(name: str, records: dict[str, dict], side: str) -> str:
    """A --pair name as a record id: the id itself, or a file name whose stem is the id."""
    for candidate in (name, Path(name).stem):
        if candidate in records:
            return candidate
    raise BadPair(f"--pair: no record {name!r} in {side} (give a record id or its file name)")


def pair_reports(
    before: dict[str, dict], after: dict[str, dict], explicit: Iterable[tuple[str, str]] = ()
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(old id, new id) pairs, then the old ids no new record pairs with, then the new ids
    no old one pairs with. Paired by `explicit` (--pair) first, then by the same id, then by
    the same title, publisher and series number, then by title and publisher alone: a key
    pairs only where exactly one unpaired record on each side has it, never by a guess."""
    pairs: dict[str, str] = {}
    for old_name, new_name in explicit:
        a, b = _resolve(old_name, before, "OLD"), _resolve(new_name, after, "NEW")
        if a in pairs or b in pairs.values():
            raise BadPair(
                f"--pair {old_name}={new_name}: {a if a in pairs else b!r} is paired twice"
            )
        pairs[a] = b
    for rid in before:
        if rid not in pairs and rid in after and rid not in pairs.values():
            pairs[rid] = rid
    for width in (3, 2):  # title, publisher, series; then title and publisher
        keyed: tuple[dict[tuple, list[str]], dict[tuple, list[str]]] = ({}, {})
        for side, records, taken in ((0, before, pairs.keys()), (1, after, set(pairs.values()))):
            for rid, record in records.items():
                key = _report_keys(record)[:width]
                if key and rid not in taken:
                    keyed[side].setdefault(key, []).append(rid)
        for key, olds in keyed[0].items():
            news = keyed[1].get(key, [])
            if len(olds) == 1 == len(news):
                pairs[olds[0]] = news[0]
    paired_new = set(pairs.values())
    removed = sorted(rid for rid in before if rid not in pairs)
    added = sorted(rid for rid in after if rid not in paired_new)
    return sorted(pairs.items()), removed, added


def diff_paths(
    old: Path,
    new: Path,
    skipped: list[str] | None = None,
    cmp: Compare | None = None,
    explicit: Iterable[tuple[str, str]] = (),
) -> list[Change]:
    """Changes between two record files or folders (see `pair_reports` for which report is
    which); what the folders hold that is not compared is added to `skipped`.

    Two files holding one record each are compared whatever their ids: last year's poll and
    this year's have different file stems but are the report a user means to compare.
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
        return diff_records(next(iter(before.values())), next(iter(after.values())), cmp)
    pairs, removed, added = pair_reports(before, after, explicit)
    changes: list[Change] = []
    for a, b in pairs:
        changes += diff_records(before[a], after[b], cmp)
    for verb, ids, records in (("removed", removed, before), ("added", added, after)):
        for rid in ids:
            title = records[rid].get("title")
            was, now = (title, None) if verb == "removed" else (None, title)
            changes.append(
                Change(
                    f"report_{verb}",
                    rid,
                    None,
                    "report",
                    was,
                    now,
                    f"report {verb}: {rid} {_val(title)}",
                )
            )
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
