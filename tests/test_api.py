"""The library API for batches: `extract.extract_many`, on the engine of `extract run`."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract
from extract.cli import app
from tests.conftest import GOLDEN, RAW


def _folder_with_a_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(RAW.glob("*.txt"))[:3]:
        shutil.copy(path, folder)
    (folder / "001_empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_yields_an_outcome_per_input_in_input_order(tmp_path: Path, jobs: int) -> None:
    folder = _folder_with_a_bad_file(tmp_path)
    single = RAW / "004_8dc5d5b4fe1fda7c.txt"
    outcomes = list(extract.extract_many([folder, str(single)], jobs=jobs))
    assert [o.path.name for o in outcomes] == [
        "000_973d4c83f07564ec.txt", "001_284db0d3e024a364.txt", "001_empty.txt",
        "002_32b4aaddebb844bc.txt", "004_8dc5d5b4fe1fda7c.txt",
    ]  # fmt: skip
    bad = outcomes[2]
    assert (bad.ok, bad.report, bad.code) == (False, None, "empty_file")
    for outcome in (o for o in outcomes if o.ok):
        assert isinstance(outcome.report, extract.Report)
        golden = json.loads((GOLDEN / f"{outcome.path.stem}.json").read_text(encoding="utf-8"))
        assert outcome.report.model_dump(mode="json") == golden


def test_extract_many_gives_the_records_extract_run_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["run", str(RAW), "--out", str(out)]).exit_code == 0
    for outcome in extract.extract_many([RAW], jobs=2):
        assert outcome.report is not None
        written = json.loads((out / f"{outcome.path.stem}.json").read_text(encoding="utf-8"))
        assert outcome.report.model_dump(mode="json") == written


def test_extract_many_applies_the_limits(tmp_path: Path) -> None:
    outcomes = list(extract.extract_many([RAW], jobs=1, limits=extract.Limits(text_mb=0.001)))
    assert {o.code for o in outcomes} == {"too_large"}
    assert "extract reads text reports up to 0.001 MB" in (outcomes[0].message or "")


def test_stopping_early_stops_the_workers() -> None:
    outcomes = extract.extract_many([RAW], jobs=2)
    first = next(outcomes)
    assert first.ok
    outcomes.close()
    assert multiprocessing.active_children() == []
