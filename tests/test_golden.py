"""Golden records: each tests/golden/<stem>.json was checked by reading its document, value by
value. The whole record must match, and every value must be where its span says."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from extract.pipeline import extract_file
from extract.writer import record_json
from tests.conftest import GOLDEN, RAW, ROOT

DOCUMENT_DIRS = (RAW, ROOT / "tests" / "documents")


def _document_for(stem: str) -> Path:
    for folder in DOCUMENT_DIRS:
        matches = sorted(folder.glob(f"{stem}.*"))
        if matches:
            return matches[0]
    raise FileNotFoundError(stem)


GOLDEN_STEMS = sorted(p.stem for p in GOLDEN.glob("*.json"))


@pytest.mark.parametrize("stem", GOLDEN_STEMS)
def test_record_matches_golden(stem: str) -> None:
    path = _document_for(stem)
    produced = json.loads(record_json(extract_file(path, relative_to=path.parent)))
    expected = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert produced == expected


def _normalise(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def _with_spans(value: Any, where: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        if isinstance(value.get("span"), dict):
            yield where, value
        for key, item in value.items():
            yield from _with_spans(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _with_spans(item, f"{where}[{index}]")


@pytest.mark.parametrize("stem", GOLDEN_STEMS)
def test_every_span_holds_its_wording(stem: str) -> None:
    text = _document_for(stem).read_text(encoding="utf-8")
    record = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    checked = 0
    for where, value in _with_spans(record):
        span = value["span"]
        at_span = _normalise(text[span["start"] : span["end"]])
        line = text.count("\n", 0, span["start"]) + 1
        assert span["line"] == line, where
        wording = value.get("text") or value.get("title") or value.get("name")
        if where.endswith("]") and where.rsplit("[", 1)[0].endswith(".questions"):
            wording = None  # a section's wording may be a sentence inside it: checked below
            if value.get("wording") == "claim":  # a finding's sentence less its shares
                words = set(re.findall(r"\w+", at_span.lower()))
                assert set(re.findall(r"\w+", value["text"].lower())) <= words, where
            elif value.get("grid"):  # "<question> — <row>": the wording above, the row below
                for part in value["text"].split(" — "):
                    assert _normalise(part) in at_span, where
            else:
                assert _normalise(value["text"]) in at_span, where
        if wording:
            assert _normalise(wording) in at_span, f"{where}: {wording!r} not in {at_span!r}"
            checked += 1
    assert checked > 0
