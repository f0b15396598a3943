"""Record files read back by `diff` and `validate`: whatever a file holds, one clear line naming
it, never a crash, a hang or the "differences found" exit code."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extract.records
from extract.cli import app
from extract.diff import diff_records
from tests.conftest import GOLDEN

runner = CliRunner()
STEM = "002_32b4aaddebb844bc"


def golden_record() -> dict:
    return json.loads((GOLDEN / f"{STEM}.json").read_text(encoding="utf-8"))


def wrong_types() -> str:
    record = golden_record()
    record["questions"][0]["options"] = 5
    record["title"] = ["not", "text"]
    return json.dumps(record)


# file content -> words its error line must hold
HOSTILE = {
    "wrong_types": (wrong_types(), "not a valid record: $.questions[0].options: 5 is not of type"),
    "no_id": ('{"title": "x"}', "not an extraction record (a JSON object with an 'id')"),
    "lone_surrogate": ('{"id": "x\\ud800"}', "a string holding a lone surrogate (\\ud800)"),
    "huge_number": ('{"id": "x", "series": ' + "9" * 5000 + "}", "a number of 5000 characters"),
    "huge_float": ('{"id": "x", "respondents": 1e400}', "a number too large for a record"),
    "nan": ('{"id": "x", "respondents": NaN}', "NaN is not a JSON number"),
    "deep_nesting": ('{"id": "x", "q": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than 32"),
    "broken": ('{"id": "x", ', "invalid JSON at line 1 column 13"),
    "not_utf8": (b'{"id": "caf\xe9"}', "not UTF-8 text (byte 11)"),
}


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", HOSTILE)
def test_diff_names_a_hostile_record_file_and_exits_2(tmp_path: Path, name: str) -> None:
    content, words = HOSTILE[name]
    good = write(tmp_path / "good.json", json.dumps(golden_record()))
    bad = write(tmp_path / f"{name}.json", content)
    result = runner.invoke(app, ["diff", str(good), str(bad)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error bad_record: {bad}") and words in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_validate_goes_on_past_every_bad_file(tmp_path: Path) -> None:
    for name, (content, _) in HOSTILE.items():
        write(tmp_path / f"{name}.json", content)
    write(tmp_path / "zz_good.json", json.dumps(golden_record()))
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == f"{tmp_path / 'zz_good.json'}: valid"
    for name, (_, words) in HOSTILE.items():
        if name not in ("wrong_types", "no_id"):  # these two are JSON: validate names fields
            assert [line for line in lines if f"{name}.json" in line] == [
                next(line for line in lines if words in line)
            ], name
    assert any(
        line.startswith(f"{tmp_path / 'wrong_types.json'}: $.questions[0].options")
        for line in lines
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_named_pipe_and_a_link_to_dev_zero_are_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    write(tmp_path / "zz_good.json", json.dumps(golden_record()))
    command = [sys.executable, "-m", "extract"]
    result = subprocess.run(
        [*command, "validate", str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    for name in ("pipe.json", "zero.json"):
        assert (
            f"error bad_record: {tmp_path / name}: not a regular file (a named pipe, device or "
            "socket)" in result.stderr
        )
    assert f"{tmp_path / 'zz_good.json'}: valid" in result.stdout
    diffed = subprocess.run(
        [*command, "diff", str(tmp_path / "zz_good.json"), str(tmp_path / "pipe.json")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert diffed.returncode == 2 and "not a regular file" in diffed.stderr


def test_a_file_over_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract.records, "MAX_FILE_MB", 0.01)
    big = write(tmp_path / "big.json", json.dumps(golden_record()))  # 35 kB
    result = runner.invoke(app, ["validate", str(big)])
    assert result.exit_code == 1
    assert f"error bad_record: {big}: larger than 0.01 MB; not a record file" in result.output


def test_diff_compares_underscore_records_and_says_what_it_skipped(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    record = golden_record()
    edited = copy.deepcopy(record)
    edited["questions"][3]["options"][0]["percent"] = 35.0
    for folder, content in ((old, record), (new, edited)):
        folder.mkdir()
        write(folder / "_draft.json", json.dumps(content))  # a record, whatever its name
        write(folder / "_run.json", '{"files": []}')
        write(folder / "options.csv", "report_id\n")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "'monthly': 32% -> 35%" in result.stdout
    assert result.stderr.splitlines() == [
        f"skipped {old / '_run.json'}: the run report, not a record",
        f"skipped {old / 'options.csv'}: not a record file (.json, .jsonl)",
        f"skipped {new / '_run.json'}: the run report, not a record",
        f"skipped {new / 'options.csv'}: not a record file (.json, .jsonl)",
    ]


def test_validate_and_diff_name_every_bad_file_of_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "a.json", "[")
    write(tmp_path / "b.json", '{"id": 1}')
    result = runner.invoke(app, ["diff", str(tmp_path), str(tmp_path)])
    assert result.exit_code == 2
    assert len([line for line in result.output.splitlines() if "error bad_record" in line]) == 4


def many_questions(count: int, length: int, seed: int) -> list[dict]:
    """Questions of `length` characters from one vocabulary: alike enough that every pair has
    to be compared, as in a long questionnaire."""
    import random

    vocabulary = (
        "how often do you your team social workers receive the supervision support training "
        "time month week manager case load family children service would rate which of these"
    )
    words = vocabulary.split()
    rng = random.Random(seed)
    questions = []
    for n in range(count):
        text = ""
        while len(text) < length:
            text += rng.choice(words) + " "
        questions.append({"id": f"q{n + 1}", "figure": None, "text": text[:length].strip() + "?",
                          "kind": "single_choice", "options": []})  # fmt: skip
    return questions


def test_diff_of_200_questions_of_300_characters_is_fast() -> None:
    old = {"id": "r", "questions": many_questions(200, 300, seed=1), "quotes": []}
    new = {"id": "r", "questions": many_questions(200, 300, seed=2), "quotes": []}
    start = time.perf_counter()
    changes = diff_records(old, new)
    seconds = time.perf_counter() - start
    assert len(changes) >= 200
    assert seconds < 2, f"{seconds:.1f} s"
