"""Word lists the field extractors read: vocabulary is data, the engines are code.

Each `<name>.toml` holds lists of phrases; `words(name, key)` returns one list, and `alternation`
turns it into a regex alternation (longest first, spaces matching any white space).
"""

from __future__ import annotations

import tomllib
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
