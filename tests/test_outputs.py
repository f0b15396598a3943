"""Outputs other tools rely on: JSONL on standard output, the CSV table, byte-identical runs,
--strict, and `extract check` against the golden records."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.writer import CSV_COLUMNS, schema_errors
from tests.conftest import GOLDEN, RAW

runner = CliRunner()


def _goldens() -> list[dict]:
    return [json.loads((GOLDEN / f"{p.stem}.json").read_text()) for p in sorted(RAW.glob("*"))]


def test_jsonl_on_standard_output_round_trips_through_the_schema() -> None:
    result = runner.invoke(app, ["run", str(RAW), "--format", "jsonl", "--out", "-"])
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [g["id"] for g in _goldens()]
    assert all(schema_errors(r) == [] for r in records)
    assert records == _goldens()


def test_csv_is_one_row_per_option_and_loads_with_the_csv_module(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(RAW), "--format", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 0
    raw = (tmp_path / "options.csv").read_bytes()
    assert b"\r\n" in raw  # RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    expected = [
        (g["id"], q["id"], o["label"], o["percent"])
        for g in _goldens()
        for q in g["questions"]
        for o in q["options"]
    ]
    assert [
        (r["report_id"], r["question_id"], r["option_label"], float(r["percent"])) for r in rows
    ] == expected
    assert tuple(rows[0]) == CSV_COLUMNS
    q14 = next(r for r in rows if r["report_id"].startswith("002") and r["question_id"] == "q14")
    assert q14["base"] == "133" and q14["fieldwork_start"] == "2022-01-18"


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert runner.invoke(app, ["run", str(RAW), "--out", str(tmp_path / name)]).exit_code == 0
    records = sorted((tmp_path / "a").glob("0*.json"))  # not _run.json: it holds times
    assert len(records) == 5
    for path in records:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
        record = json.loads(path.read_text(encoding="utf-8"))
        assert not Path(record["source"]["path"]).is_absolute()


def test_strict_fails_when_a_record_has_a_warning(tmp_path: Path) -> None:
    clean = runner.invoke(app, ["run", str(RAW / "003_3e1dfabc19509116.txt"), "--strict",
                                "--out", str(tmp_path)])  # fmt: skip
    assert clean.exit_code == 0
    warned = runner.invoke(app, ["run", str(RAW), "--strict", "--out", str(tmp_path)])
    assert warned.exit_code == 1
    assert "000_973d4c83f07564ec.txt: strict: warnings figure_values_missing\n" in warned.output
    assert "004_8dc5d5b4fe1fda7c.txt: strict: warnings unaccounted_date\n" in warned.output
    assert (
        "strict: exit 1: 3 records carry 3 warnings: figure_values_missing x2, unaccounted_date"
    ) in warned.output
    run_report = json.loads((tmp_path / "_run.json").read_text(encoding="utf-8"))
    assert run_report["files"][0]["warning_codes"] == {"figure_values_missing": 1}


def test_check_passes_on_the_reference_documents() -> None:
    result = runner.invoke(app, ["check", str(RAW), "--golden", str(GOLDEN)])
    assert result.exit_code == 0, result.output
    assert result.output.count("identical") == 5


def test_check_names_document_question_and_value_when_a_rule_moves_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import extract.fields.percentages as percentages

    monkeypatch.setitem(percentages.FRACTIONS, "a quarter", 20.0)  # a wrong rule
    result = runner.invoke(app, ["check", str(RAW / "000_973d4c83f07564ec.txt")])
    assert result.exit_code == 1
    assert (
        "000_973d4c83f07564ec q11 (figure 11) option 'paperwork (e.g. preparing for child "
        "protection conferences or court appearances)' percent: 25.0 -> 20.0"
    ) in result.output


def test_check_without_a_golden_record_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(RAW / "003_3e1dfabc19509116.txt"),
                                 "--golden", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 1
    assert "error no_golden" in result.output


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_output_files_respect_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        for fmt in ("json", "jsonl", "csv"):
            out = tmp_path / fmt
            result = runner.invoke(
                app, ["run", str(RAW / "003_3e1dfabc19509116.txt"), "-f", fmt, "--out", str(out)]
            )
            assert result.exit_code == 0, result.output
            for path in out.iterdir():
                assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path.name
    finally:
        os.umask(previous)
