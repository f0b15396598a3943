"""Word lists the field extractors read: vocabulary is data, the engines are code.

Each `<name>.toml` holds lists of phrases; `words(name, key)` returns one list, and `alternation`
turns it into a regex alternation (longest first, spaces matching any white space).
`scales.toml` holds the answer scales: `scale_point(label)` says which family and point a label
names.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

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


def _key(label: str) -> str:
    """A label folded for lookup: lower case, curly apostrophes straight, spacing single."""
    folded = label.lower().replace("’", "'").replace("–", "-")
    return " ".join(regex.sub(r"[^\w'/ -]", " ", folded).split())


def families() -> dict[str, list[list[str]]]:
    """Every answer-scale family's points, pole to pole, each with its synonyms."""
    data: dict[str, dict[str, list[list[str]]]] = _load("scales")  # type: ignore[assignment]
    return {family: entry["points"] for family, entry in data.items()}


@cache
def _points() -> dict[str, ScalePoint]:
    data = _load("scales")
    points: dict[str, ScalePoint] = {}
    for family, entry in data.items():
        kind = entry["kind"]  # type: ignore[call-overload]
        for position, synonyms in enumerate(entry["points"]):  # type: ignore[call-overload]
            for synonym in synonyms:
                points.setdefault(_key(synonym), ScalePoint(family, kind, position))
    return points


def scale_point(label: str) -> ScalePoint | None:
    """The scale point `label` names exactly (after folding), or None."""
    return _points().get(_key(label))
