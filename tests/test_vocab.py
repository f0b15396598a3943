"""The answer scales in extract/vocab/scales.toml, one case per entry: every synonym of every
point names that point of its family, and each family's labels, in any order, are read as that
family with the kind the file gives it."""

from __future__ import annotations

import random

import pytest

from extract.vocab import _load, best_scale, families, only_point_words, scale_points

ENTRIES = [
    (family, position, synonym)
    for family, points in families().items()
    for position, synonyms in enumerate(points)
    for synonym in synonyms
]


@pytest.mark.parametrize(("family", "position", "synonym"), ENTRIES, ids=lambda v: str(v))
def test_every_synonym_names_its_point(family: str, position: int, synonym: str) -> None:
    assert (family, position) in {(p.family, p.position) for p in scale_points(synonym)}
    # as a report prints it: capitalised, curly apostrophe
    printed = synonym[:1].upper() + synonym[1:].replace("'", "’")
    assert (family, position) in {(p.family, p.position) for p in scale_points(printed)}
    assert only_point_words(printed.split())  # the guard before a grid header's phrases


@pytest.mark.parametrize("family", [f for f in families() if f != "non_answer"])
def test_a_familys_labels_are_read_as_that_family(family: str) -> None:
    labels = [synonyms[0] for synonyms in families()[family]]
    random.Random(family).shuffle(labels)
    found = best_scale(labels)
    assert found is not None
    name, kind, positions = found
    assert name == family
    assert kind == _load("scales")[family]["kind"]
    assert sorted(p for p in positions if p is not None) == list(range(len(labels)))


@pytest.mark.parametrize(
    "labels",
    [
        ["Bus", "Car", "Walk"],  # categories, no scale
        ["Don't know", "Prefer not to say"],  # non-answers never decide
        ["Very satisfied"],  # one point is not a scale
    ],
)
def test_labels_on_no_scale(labels: list[str]) -> None:
    assert best_scale(labels) is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Strongly", "agree", "Neutral", "DISAGREE"], True),
        (["(Agree)", "Neutral,", "Disagree:", "Don’t", "know"], True),  # folded as labels are
        (["Strongly", "agree", "Agree", "Canteen"], False),  # a word of no scale
        (["The", "staff", "agree"], False),
        (["Agree/disagree-ish"], False),  # "/" and "-" are kept by the folding: one word
        ([], True),
    ],
)
def test_only_point_words(words: list[str], expected: bool) -> None:
    assert only_point_words(words) is expected
