"""Vocabulary as data: answer scales live in `scales.toml`, read once; the engine is code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import regex


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


@cache
def _points() -> dict[str, ScalePoint]:
    data = tomllib.loads(resources.files(__package__).joinpath("scales.toml").read_text("utf-8"))
    points: dict[str, ScalePoint] = {}
    for family, entry in data.items():
        for position, synonyms in enumerate(entry["points"]):
            for synonym in synonyms:
                points.setdefault(_key(synonym), ScalePoint(family, entry["kind"], position))
    return points


def scale_point(label: str) -> ScalePoint | None:
    """The scale point `label` names exactly (after folding), or None."""
    return _points().get(_key(label))


def families() -> dict[str, list[list[str]]]:
    """Every family's points with their synonyms, for tests and documentation."""
    data = tomllib.loads(resources.files(__package__).joinpath("scales.toml").read_text("utf-8"))
    return {family: entry["points"] for family, entry in data.items()}
