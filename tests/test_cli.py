"""The command line as a user meets it: help, exit codes, one line per bad file, no partial
output, valid records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import RAW

runner = CliRunner()
COMMANDS = ["run", "check", "diff", "validate", "schema", "text"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_run_writes_a_valid_record_per_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(RAW), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == [*sorted(f"{p.stem}.json" for p in RAW.glob("*.txt")), "_run.json"]
    assert "5 of 5 files extracted" in result.output
    validated = runner.invoke(app, ["validate", str(out)])
    assert validated.exit_code == 0, validated.output
    assert validated.output.count(": valid") == 6


def test_bad_file_gets_one_line_and_the_others_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / "000_973d4c83f07564ec.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt: error empty_file: the file is empty" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["000_973d4c83f07564ec.json", "_run.json"]


def test_missing_path_is_reported_and_fails(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["run"]).exit_code == 2


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    report = tmp_path / "old.txt"
    report.write_bytes(
        "A poll\n\n“Quote here from a worker” – £5, 45% said yes.\n".encode("cp1252")
    )
    result = runner.invoke(app, ["text", str(report)])
    assert result.exit_code == 0
    assert "“Quote here from a worker” – £5" in result.output


def test_validate_names_the_failing_field(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner.invoke(app, ["run", str(RAW / "002_32b4aaddebb844bc.txt"), "--out", str(out)])
    path = out / "002_32b4aaddebb844bc.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["questions"][0]["options"][0]["percent"] = 130
    path.write_text(json.dumps(record), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "$.questions[0].options[0].percent" in result.output


def test_same_stem_in_two_folders_does_not_overwrite(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(RAW / "003_3e1dfabc19509116.txt", tmp_path / name / "report.txt")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["_run.json", "report.json", "report~2.json"]
    files = json.loads((out / "_run.json").read_text(encoding="utf-8"))["files"]
    assert [(f["input"], Path(f["output"]).name) for f in files] == [
        (str(tmp_path / "a" / "report.txt"), "report.json"),
        (str(tmp_path / "b" / "report.txt"), "report~2.json"),
    ]


def test_a_parser_bug_in_one_file_is_one_line_and_the_others_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extract.pipeline

    real = extract.pipeline.extract_file

    def flaky(path: Path, **kwargs: object) -> object:
        if Path(path).name.startswith("001"):
            raise ZeroDivisionError("division by zero")
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract.pipeline, "extract_file", flaky)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(RAW), "--out", str(out)])
    assert result.exit_code == 1
    assert "001_284db0d3e024a364.txt: error internal_error: ZeroDivisionError" in result.output
    assert "Traceback" not in result.output
    assert len(list(out.glob("0*.json"))) == 4


def test_same_stem_in_two_folders_gets_two_ids_and_diff_pairs_them(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(RAW / "003_3e1dfabc19509116.txt", tmp_path / name / "report.txt")
    out = tmp_path / "out"
    runner.invoke(app, ["run", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)])
    names = ("report.json", "report~2.json")
    ids = [json.loads((out / name).read_text(encoding="utf-8"))["id"] for name in names]
    assert ids == ["report", "report~2"]  # each record's id is its output name
    result = runner.invoke(app, ["diff", str(out), str(out)])
    assert result.exit_code == 0, result.output
    assert "no differences" in result.stdout


def test_names_differing_only_in_case_never_collide() -> None:
    from extract.cli import _output_names
    from extract.inputs import Input

    stems = ["Report", "report", "REPORT", "_RUN", "Café", "CAFÉ"]
    names = _output_names(
        [Input(Path(f"f{i}") / f"{s}.txt", Path(".")) for i, s in enumerate(stems)]
    )
    assert names == ["Report", "report~2", "REPORT~3", "_RUN~2", "Café", "CAFÉ~2"]


@pytest.mark.parametrize(
    "option",
    [["--timeout", "inf"], ["--timeout", "nan"], ["--timeout", "-1"], ["--timeout", "1e300"],
     ["--memory-limit", "99999999999999"], ["--max-text-mb", "nan"], ["--max-pdf-mb", "inf"]],
)  # fmt: skip
def test_limits_no_run_can_keep_are_usage_errors(tmp_path: Path, option: list[str]) -> None:
    result = runner.invoke(app, ["run", str(RAW), "--out", str(tmp_path), *option])
    assert result.exit_code == 2, result.output
    assert "Invalid value for" in result.output and not list(tmp_path.iterdir())
