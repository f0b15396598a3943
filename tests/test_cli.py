"""The command line as a user meets it: help, exit codes, one line per bad file, no partial
output, valid records."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app, app_for
from tests.conftest import RAW

runner = CliRunner()
COMMANDS = ["run", "check", "diff", "validate", "schema", "text", "score", "review"]


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


def test_missing_path_is_a_usage_error_and_creates_no_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(RAW), str(tmp_path / "nope.txt"), "--out", str(out)])
    assert result.exit_code == 2
    assert f"error: no such file or folder: {tmp_path / 'nope.txt'}" in result.output
    assert not out.exists()


def test_files_that_are_not_reports_are_skipped_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(RAW / "003_3e1dfabc19509116.txt", folder)
    for name in ("notes.docx", "sub/slides.pptx", "sub/other.docx", "README"):
        (folder / name).write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "skipped 4 files that are not reports (2 .docx, 1 .pptx, 1 no suffix); _run.json lists them"
    ) in result.output
    report = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert report["skipped"] == [
        str(folder / name) for name in ("README", "notes.docx", "sub/other.docx", "sub/slides.pptx")
    ]


def test_version_and_quiet(tmp_path: Path) -> None:
    from extract import __version__

    version = runner.invoke(app, ["--version"])
    assert (version.exit_code, version.output) == (0, f"extract {__version__}\n")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(RAW / "003_3e1dfabc19509116.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    quiet = runner.invoke(app, ["run", str(folder), "--quiet", "--out", str(tmp_path / "out")])
    assert quiet.exit_code == 1
    assert quiet.output == f"{folder / 'empty.txt'}: error empty_file: the file is empty\n"
    assert (tmp_path / "out" / "003_3e1dfabc19509116.json").exists()


def test_the_table_is_plain_in_a_pipe_and_drawn_by_rich_on_a_terminal(tmp_path: Path) -> None:
    from rich.console import Console

    from extract.cli import TABLE_HEADER, summary_table

    result = runner.invoke(app, ["run", str(RAW), "--out", str(tmp_path)])
    assert result.output.splitlines()[0] == TABLE_HEADER
    assert not set("┃│┏━") & set(result.output)
    terminal = Console(file=io.StringIO(), width=100, force_terminal=False)
    terminal.print(summary_table([("a.txt", "special_poll", "11", "43", "11", "1")]))
    drawn = terminal.file.getvalue()
    assert "┃ file" in drawn and "│ a.txt" in drawn and "special_poll" in drawn


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
    from extract.batch import output_names
    from extract.inputs import Input

    stems = ["Report", "report", "REPORT", "_RUN", "Café", "CAFÉ"]
    names = output_names(
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


def test_validate_reads_the_records_jsonl_that_run_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(RAW), "-f", "jsonl", "--out", str(out)]).exit_code == 0
    records = out / "records.jsonl"
    result = runner.invoke(app, ["validate", str(records)])
    assert (result.exit_code, result.output) == (0, f"{records}: valid (5 records)\n")
    lines = records.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[2])
    broken["questions"][0]["options"][0]["percent"] = 130
    lines[2] = json.dumps(broken)
    lines[3] = "{not json"
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(records)])
    assert result.exit_code == 1
    assert (
        f"{records}:3: $.questions[0].options[0].percent: 130 is not valid under any of the given"
        in result.output
    )
    assert f"{records}:4: not a JSON record: Expecting property name" in result.output
    assert ": valid" not in result.output


def test_validate_on_a_folder_checks_json_and_jsonl_and_names_what_it_skipped(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(RAW), "-f", "csv", "--out", str(out)]).exit_code == 0
    assert runner.invoke(app, ["run", str(RAW), "--out", str(out / "all.jsonl")]).exit_code == 0
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{out / '_run.json'}: valid",
                                          f"{out / 'all.jsonl'}: valid (5 records)"]  # fmt: skip
    assert f"{out / 'options.csv'}: skipped: not a .json or .jsonl file" in result.stderr


def test_validate_fails_when_there_is_nothing_to_validate(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.jsonl'}: no records: the file is empty" in result.output
    assert "error: no records to validate (1 files skipped)" in result.output
    nothing = runner.invoke(app, ["validate", str(tmp_path / "notes.txt")])
    assert nothing.exit_code == 1
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1
    assert (
        missing.output
        == f"{tmp_path / 'nope.json'}: cannot read the file: No such file or directory\n"
    )


def test_text_blocks_prints_the_layout(tmp_path: Path) -> None:
    report = tmp_path / "poll.txt"
    report.write_text("Q1. Do you cycle to work?\nBase: 40 staff\nYes 30%\nNo 70%\n", "utf-8")
    result = runner.invoke(app, ["text", str(report), "--blocks"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "question  0-25 [Q1] Q1. Do you cycle to work?",
        "note      26-40 Base: 40 staff",
        "table     41-55",
        "    row 'Yes' 41-44: 30% (percent, 45-48)",
        "    row 'No' 49-51: 70% (percent, 52-55)",
    ]


def test_the_run_counts_records_with_shares_but_no_questions(tmp_path: Path) -> None:
    report = tmp_path / "thin.txt"
    report.write_text("Quarterly update\n\nVisits to the museum rose 140% in a year.\n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(report), "--out", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "thin.json").read_text(encoding="utf-8"))
    assert record["questions"] == []
    assert "no_question_structure" in [w["code"] for w in record["warnings"]]
    totals = json.loads((out / "_run.json").read_text(encoding="utf-8"))["totals"]
    assert totals["no_question_structure"] == 1
    assert "1 with shares but no questions" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_alone_says_what_the_whole_app_says(command: str) -> None:
    """The console script builds only the command it runs (`app_for`): its help and its usage
    errors are the whole app's, word for word."""
    alone = app_for([command])
    assert [info.callback for info in alone.registered_commands] == [
        info.callback for info in app.registered_commands if info.callback.__name__ == command
    ]
    for args in ([command, "--help"], [command, "--no-such-option"], [command]):
        assert runner.invoke(alone, args).output == runner.invoke(app, args).output


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["rn"], ["--version", "run"]])
def test_without_a_command_first_the_whole_app_answers(args: list[str]) -> None:
    assert app_for(args) is app


def test_the_console_script_collects_garbage_again_once_a_run_has_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`extract run` holds garbage collection off while it loads (`_main`), and turns it back
    on once the pipeline is loaded, before any file is read."""
    import gc

    import extract.runner
    from extract.cli import _main

    enabled: list[bool] = []
    prepare = extract.runner.prepare

    def noting_prepare() -> None:
        enabled.append(gc.isenabled())
        prepare()

    monkeypatch.setattr(extract.runner, "prepare", noting_prepare)
    out = tmp_path / "out"
    argv = ["extract", "run", str(RAW / "000_973d4c83f07564ec.txt"), "--out", str(out), "-q"]
    monkeypatch.setattr("sys.argv", argv)
    try:
        with pytest.raises(SystemExit) as stopped:
            _main()
    finally:
        gc.enable()
    assert stopped.value.code == 0
    assert enabled == [False, True]  # the run's start, then run_tasks once collecting again
    assert (out / "000_973d4c83f07564ec.json").exists()


@pytest.mark.parametrize("set_by_user", [None, "", "some_plugin"])
def test_the_console_script_loads_no_pydantic_plugin_unless_told_to(
    set_by_user: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.cli import _main

    if set_by_user is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", set_by_user)
    monkeypatch.setattr("sys.argv", ["extract", "--version"])
    with pytest.raises(SystemExit):
        _main()
    expected = "__all__" if set_by_user is None else set_by_user
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == expected
