"""Text from outside meets the terminal escaped, and a spreadsheet gets data, never a formula."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.models import Report
from extract.terminal import escape, escape_json
from extract.writer import csv_tables
from tests.conftest import GOLDEN, RAW

runner = CliRunner()
RAW_CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))] + ["\u202e", "\u2028"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J\x1b]0;owned\x07", "\\x1b[2J\\x1b]0;owned\\x07"),  # clear screen, set title
        ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "\\x1b]8;;http://evil\\x1b\\click"
         "\\x1b]8;;\\x1b\\"),  # a hidden link (OSC 8)
        ("a.txt\nb.txt: error forged: x", "a.txt\\nb.txt: error forged: x"),
        ("\x9b31m", "\\x9b31m"),  # the one-byte CSI
        ("abc\u202etxt.exe", "abc\\u202etxt.exe"),  # right-to-left override
        ("caf\udce9", "caf\\udce9"),  # a file name byte that is not UTF-8
        ("ünïcödé — “quoted” 45%", "ünïcödé — “quoted” 45%"),  # ordinary text untouched
    ],
)  # fmt: skip
def test_escape_makes_every_control_visible(text: str, shown: str) -> None:
    assert escape(text) == shown


def test_escape_json_keeps_the_json_value_and_no_raw_control() -> None:
    value = ["\x1b[31m red \x9b \u202e", {"k": "line\nbreak"}]
    text = escape_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(c in text for c in RAW_CONTROLS)


def test_a_file_name_cannot_forge_an_error_line_or_reach_the_terminal_raw(
    tmp_path: Path,
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    forged = "x\nsecret.txt: error internal_error: forged\x1b[2J\x1b]0;title\x07.txt"
    (folder / forged).write_bytes(b"")  # empty: it gets an error line naming it
    (folder / "good\x1b[31m.txt").write_bytes((RAW / "003_3e1dfabc19509116.txt").read_bytes())
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert not any(c in result.output for c in RAW_CONTROLS if c != "\n")
    errors = [line for line in result.output.splitlines() if ": error " in line]
    assert errors == [
        f"{folder}/x\\nsecret.txt: error internal_error: forged\\x1b[2J\\x1b]0;title\\x07.txt: "
        "error empty_file: the file is empty"
    ]
    assert "good\\x1b[31m" in result.output  # its table row


def test_diff_escapes_record_text_in_every_rendering(tmp_path: Path) -> None:
    old = json.loads((GOLDEN / "002_32b4aaddebb844bc.json").read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    new["title"] = "Results\x1b]8;;http://evil\x07 \x9b2J\nerror: forged"
    for name, record in (("old.json", old), ("new.json", new)):
        (tmp_path / name).write_text(json.dumps(record), encoding="utf-8")
    for flag in ([], ["--markdown"], ["--json"]):
        result = runner.invoke(app, ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"),
                                     *flag])  # fmt: skip
        assert result.exit_code == 1, result.output
        assert not any(c in result.output for c in RAW_CONTROLS if c != "\n"), flag
        if flag == ["--json"]:
            assert json.loads(result.output)[0]["new"] == new["title"]
        elif not flag:
            assert "\\x1b]8;;http://evil\\x07 \\x9b2J error: forged" in result.output


def test_csv_cells_that_look_like_formulas_are_written_as_text() -> None:
    data = json.loads((GOLDEN / "002_32b4aaddebb844bc.json").read_text(encoding="utf-8"))
    report = Report.model_validate(data)
    options = [option for question in report.questions for option in question.options]
    labels = ['=HYPERLINK("http://evil","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTab"]
    for option, label in zip(options, labels, strict=False):
        option.label = label
    report.quotes[0].text = "=cmd|' /C calc'!A0"
    report.questions[0].text = "@question"
    tables = csv_tables([report])
    rows = list(csv.DictReader(io.StringIO(tables["options.csv"], newline="")))
    assert [row["option_label"] for row in rows[: len(labels)]] == ["'" + x for x in labels]
    assert rows[0]["percent"] == f"{options[0].percent}"  # numbers stay numbers
    assert rows[0]["question_text"] == "'@question"
    # every table, not options.csv alone
    questions = list(csv.DictReader(io.StringIO(tables["questions.csv"], newline="")))
    assert questions[0]["question_text"] == "'@question"
    quotes = list(csv.DictReader(io.StringIO(tables["quotes.csv"], newline="")))
    assert quotes[0]["text"] == "'=cmd|' /C calc'!A0"
