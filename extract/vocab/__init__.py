"""Word lists the field extractors read: vocabulary is data, the engines are code.

Each `<name>.toml` holds lists of phrases; `words(name, key)` returns one list, and `alternation`
turns it into a regex alternation (longest first, spaces matching any white space).
`scales.toml` holds the answer scales: `scale_points(label)` says which families and points a
label names, `best_scale(labels)` which scale a question's labels are on, `scale_phrase()`
finds their points in running text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import regex

from extract import patterns

_HERE = Path(__file__).resolve().parent


@cache
def _load(name: str) -> dict[str, list[str]]:
    with (_HERE / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def words(name: str, key: str) -> tuple[str, ...]:
    """The list `key` of vocabulary file `name`."""
    return tuple(_load(name)[key])


def alternation(name: str, key: str) -> str:
    """The list as a regex alternation, longest phrase first, a space matching any white space."""
    phrases = sorted(words(name, key), key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(part) for part in p.split()) for p in phrases)


@dataclass(frozen=True)
class ScalePoint:
    """Where an answer label sits: its scale family, the family's kind, its 0-based position."""

    family: str
    kind: str
    position: int


_NOT_KEY = patterns.compile(r"[^\w'/ -]")  # compiled once: `_key` runs for every label


def _key(label: str) -> str:
    """A label folded for lookup: lower case, curly apostrophes straight, spacing single."""
    folded = label.lower().replace("’", "'").replace("–", "-")
    return " ".join(_NOT_KEY.sub(" ", folded).split())


def families() -> dict[str, list[list[str]]]:
    """Every answer-scale family's points, pole to pole, each with its synonyms."""
    data: dict[str, dict[str, list[list[str]]]] = _load("scales")  # type: ignore[assignment]
    return {family: entry["points"] for family, entry in data.items()}


@cache
def _points() -> dict[str, tuple[ScalePoint, ...]]:
    data = _load("scales")
    points: dict[str, tuple[ScalePoint, ...]] = {}
    for family, entry in data.items():
        kind = entry["kind"]  # type: ignore[call-overload]
        for position, synonyms in enumerate(entry["points"]):  # type: ignore[call-overload]
            for synonym in synonyms:
                key = _key(synonym)
                points[key] = (*points.get(key, ()), ScalePoint(family, kind, position))
    return points


# Memoised by label: a pure function of the string, asked for every word run of every line
# that may head a grid and for every option label; the bound keeps an archive's labels from
# growing the memo without end.
@lru_cache(maxsize=8192)
def scale_points(label: str) -> tuple[ScalePoint, ...]:
    """Every scale point `label` names exactly (after folding): "never" ends both the
    always…never scale and the daily…never bands."""
    return _points().get(_key(label), ())


@cache
def _point_words() -> frozenset[str]:
    return frozenset(word for key in _points() for word in key.split())


def only_point_words(words: list[str]) -> bool:
    """Whether every word, folded as `scale_points` folds a label, is a word of some scale
    point: any run of the words must pass this to name a point, so words failing it need not
    be tried run by run."""
    return all(_point_word(word) for word in words)


@lru_cache(maxsize=8192)  # a report's words repeat: "the", "of", "staff" on every other line
def _point_word(word: str) -> bool:
    known = _point_words()
    return all(part in known for part in _key(word).split())


@cache
def every_scale_point() -> tuple[str, ...]:
    """Every point of every answer scale, with its synonyms, once each: longest first, then
    alphabetical, so that a pattern built from them is the same string in every process."""
    phrases = {s for points in families().values() for synonyms in points for s in synonyms}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def scale_alternation() -> str:
    """Every point of every answer scale, with its synonyms, as one regex alternation: longest
    first, a space matching any white space, an apostrophe matching a curly one."""
    return "|".join(
        r"\s+".join(regex.escape(w).replace("'", "['’]") for w in p.split())
        for p in every_scale_point()
    )


@cache
def scale_phrase() -> regex.Pattern[str]:
    """A scale point named anywhere, as whole words."""
    return patterns.compile(rf"(?<!\w)(?:{scale_alternation()})(?!\w)", regex.IGNORECASE)


Scale = tuple[str, str, list[int | None]]
"""A scale found for some labels: its family, its kind, each label's point (None: not on it)."""


def best_scale(labels: list[str]) -> Scale | None:
    """The answer-scale family that names the most of `labels` (two at least): its name, its
    kind and each label's position on it (None for labels it does not name). Non-answers
    ("don't know", "other") never decide."""
    counts: dict[str, int] = {}
    for label in labels:
        for family in {p.family for p in scale_points(label) if p.kind != "unknown"}:
            counts[family] = counts.get(family, 0) + 1
    if not counts:
        return None
    family = max(counts, key=lambda f: (counts[f], f == "yes_no"))
    if counts[family] < 2 and family != "yes_no":
        return None
    kind = ""
    positions: list[int | None] = []
    for label in labels:
        point = next((p for p in scale_points(label) if p.family == family), None)
        positions.append(point.position if point else None)
        kind = point.kind if point else kind
    return family, kind, positions
