"""`extract check`: a fresh extraction against its golden record, every difference named by
document, question and value ("000… q3 (figure 3) option 'monthly' percent: 32.0 -> 35.0")."""

from __future__ import annotations

from typing import Any


def leaf_changes(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> list[tuple]:
    """(path, old, new) for every value that differs; a missing list item is None on its side."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes.extend(leaf_changes(old.get(key), new.get(key), (*path, key)))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        changes = []
        for index in range(max(len(old), len(new))):
            a = old[index] if index < len(old) else None
            b = new[index] if index < len(new) else None
            changes.extend(leaf_changes(a, b, (*path, index)))
        return changes
    return [] if old == new else [(path, old, new)]


def _where(path: tuple[str | int, ...], record: dict[str, Any]) -> str:
    """A path made readable: question ids, figure numbers and option labels instead of indexes."""
    words: list[str] = []
    node: Any = record
    for step, following in zip(path, [*path[1:], None], strict=True):
        item = node[step] if isinstance(node, (dict, list)) and _has(node, step) else None
        if not isinstance(step, int):
            words.append(step)
        elif isinstance(item, dict) and "options" in item and "id" in item:
            figure = f" (figure {item['figure']})" if item.get("figure") is not None else ""
            words[-1:] = [f"{item['id']}{figure}"]
        elif isinstance(item, dict) and "label" in item:
            words[-1:] = [f"{words[-1].rstrip('s')} {item['label']!r}"]
        elif isinstance(item, dict) and "text" in item and following != "text":
            words[-1:] = [f"{words[-1].rstrip('s')} {str(item['text'])[:40]!r}"]
        else:
            words[-1:] = [f"{words[-1]}[{step}]"]
        node = item
    return " ".join(words)


def _has(node: dict | list, step: str | int) -> bool:
    if isinstance(node, dict):
        return step in node
    return isinstance(step, int) and 0 <= step < len(node)


def describe_changes(golden: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """One line per difference, the golden record's values on the left."""
    lines = []
    for path, old, new in leaf_changes(golden, fresh):
        where = _where(path, golden if _reaches(golden, path) else fresh)
        lines.append(f"{golden.get('id', fresh.get('id'))} {where}: {old!r} -> {new!r}")
    return lines


def _reaches(record: Any, path: tuple[str | int, ...]) -> bool:
    node = record
    for step in path[:-1]:
        if not isinstance(node, (dict, list)) or not _has(node, step):
            return False
        node = node[step]
    return True
