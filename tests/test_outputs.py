"""Outputs other tools rely on: JSONL on standard output, the CSV table, byte-identical runs,
--strict, and `extract check` against the golden records."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.writer import CSV_TABLES, schema_errors
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


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert b"\r\n" in raw  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_csv_is_four_tidy_tables_that_load_with_the_csv_module(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(RAW), "--format", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*CSV_TABLES, "_run.json"])
    tables = {name: _csv(tmp_path / name) for name in CSV_TABLES}
    for name, columns in CSV_TABLES.items():
        header = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
        assert tuple(header.split(",")) == columns
    goldens = _goldens()
    options = tables["options.csv"]
    assert [
        (r["report_id"], r["question_id"], r["option_id"], r["option_label"], float(r["percent"]))
        for r in options
    ] == [
        (g["id"], q["id"], o["id"], o["label"], o["percent"])
        for g in goldens
        for q in g["questions"]
        for o in q["options"]
    ]
    q14 = next(
        r for r in options if r["report_id"].startswith("002") and r["question_id"] == "fig14"
    )
    assert q14["base"] == "133" and q14["fieldwork_start"] == "2022-01-18"
    assert (q14["question_order"], q14["option_order"]) == ("14", "1")
    # every question is a row, with or without options; orders count from 1 per report
    questions = tables["questions.csv"]
    assert [(r["report_id"], r["question_id"]) for r in questions] == [
        (g["id"], q["id"]) for g in goldens for q in g["questions"]
    ]
    assert [r["question_order"] for r in questions if r["report_id"] == goldens[0]["id"]] == [
        str(n) for n in range(1, len(goldens[0]["questions"]) + 1)
    ]
    assert [r["options"] for r in questions] == [
        str(len(q["options"])) for g in goldens for q in g["questions"]
    ]
    assert len(tables["statistics.csv"]) == sum(
        len(q["statistics"]) for g in goldens for q in g["questions"]
    )
    assert [(r["report_id"], r["text"]) for r in tables["quotes.csv"]] == [
        (g["id"], quote["text"]) for g in goldens for quote in g["quotes"]
    ]
    # integer columns hold integers: no "134.0" for a base, a count or an order
    integer_columns = {
        "questions.csv": ("respondents", "question_order", "figure", "base", "options",
                          "statistics", "free_text_responses"),
        "options.csv": ("question_order", "figure", "base", "option_order"),
        "statistics.csv": ("question_order", "statistic_order"),
        "quotes.csv": ("quote_order",),
    }  # fmt: skip
    for name, columns in integer_columns.items():
        for row in tables[name]:
            assert all(row[c] == "" or row[c].isdigit() for c in columns), (name, row)
    counts = [r for r in tables["statistics.csv"] if r["unit"] == "count"]
    assert counts and all(r["value"].isdigit() for r in counts)


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
    assert "  000_973d4c83f07564ec fig11 option 'paperwork': 25% -> 20%\n" in result.output
    assert "span" not in result.output  # the wrong share moved no offset worth a line


def test_check_without_a_golden_record_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(RAW / "003_3e1dfabc19509116.txt"),
                                 "--golden", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 1
    assert "error no_golden" in result.output


@pytest.mark.parametrize("held", ["[1, 2]", '{"id": "x"}', "{", ""])
def test_check_with_a_golden_that_is_not_a_record_says_so_in_one_line(
    tmp_path: Path, held: str
) -> None:
    (tmp_path / "003_3e1dfabc19509116.json").write_text(held, encoding="utf-8")
    result = runner.invoke(app, ["check", str(RAW / "003_3e1dfabc19509116.txt"),
                                 "--golden", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"{RAW / '003_3e1dfabc19509116.txt'}: error no_golden: {tmp_path}/")


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


def test_out_naming_a_jsonl_file_writes_that_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "records-2026.jsonl"
    result = runner.invoke(app, ["run", str(RAW), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] == (
        _goldens()
    )
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no _run.json
    with_format = runner.invoke(app, ["run", str(RAW), "-f", "jsonl", "--out", str(target)])
    assert with_format.exit_code == 0
    assert target.read_text(encoding="utf-8").count("\n") == 5


@pytest.mark.parametrize(
    ("out", "options", "message"),
    [
        ("x.csv", [], "--out {out} names a file; CSV output (--format csv) is four tables"),
        ("x.csv", ["-f", "csv"], "--out {out} names a file; CSV output (--format csv) is four"),
        ("x.json", [], "--out {out} names a file; records go into a folder (--out out/), or"),
        ("x.jsonl", ["-f", "csv"], "--out {out} names a JSON Lines file; --format csv writes"),
        ("-", ["-f", "json"], "--format json writes a file per record; for standard output use"),
        ("-", ["-f", "csv"], "--format csv writes four tables (questions.csv, options.csv, "),
    ],
)
def test_out_that_a_format_cannot_write_is_a_usage_error(
    tmp_path: Path, out: str, options: list[str], message: str
) -> None:
    target = out if out == "-" else str(tmp_path / out)
    result = runner.invoke(app, ["run", str(RAW), *options, "--out", target])
    assert result.exit_code == 2
    assert result.output.startswith("error: " + message.format(out=target))
    assert list(tmp_path.iterdir()) == []


def test_out_dash_says_it_writes_json_lines() -> None:
    result = runner.invoke(app, ["run", str(RAW / "003_3e1dfabc19509116.txt"), "--out", "-"])
    assert result.exit_code == 0
    assert result.stderr.startswith("note: --out - writes JSON Lines (one record a line)\n")
    assert json.loads(result.stdout)["id"] == "003_3e1dfabc19509116"


def test_a_folder_named_like_a_file_that_exists_is_still_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "v1.json"
    folder.mkdir()
    result = runner.invoke(app, ["run", str(RAW / "003_3e1dfabc19509116.txt"), "-o", str(folder)])
    assert result.exit_code == 0
    assert (folder / "003_3e1dfabc19509116.json").is_file()


@pytest.mark.parametrize("out", ["-", "folder"])
def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path, out: str) -> None:
    """`extract run … | head -1` exits 0 and prints no traceback or BrokenPipeError."""
    target = out if out == "-" else str(tmp_path / out)
    many = tmp_path / "many"
    many.mkdir()
    for n in range(40):  # enough output to fill the pipe once the reader has gone
        shutil.copy(RAW / "001_284db0d3e024a364.txt", many / f"r{n:02}.txt")
    command = (
        f"{shlex.quote(sys.executable)} -m extract run {shlex.quote(str(many))} --jobs 1 "
        f"{'--quiet' if out == '-' else ''} --out {shlex.quote(target)} | head -1 >/dev/null"
    )
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (0, "")
    if out == "folder":  # only the table was cut short: the run went on to the end
        assert len(list((tmp_path / out).glob("r*.json"))) == 40
        assert (tmp_path / out / "_run.json").exists()
