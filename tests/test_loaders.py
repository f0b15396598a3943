"""Reading input files: every Unicode encoding read or refused by name, never an empty record or
an internal error, and the library's `extract_file` bounded like a run."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import extract_file, extract_text
from extract.errors import ExtractError
from extract.settings import Limits

SAMPLE = "A poll of social workers\n\n45% said it cost £5 a month and was “worth it”.\n"


def read_back(data: bytes, tmp_path: Path) -> object:
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    return extract_file(path)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"),
        SAMPLE.encode("utf-16-le"),  # no byte-order mark: told by its NUL bytes
        SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf32le_bom", "utf32be_bom", "utf16le_no_bom", "utf16be_no_bom"],
)
def test_utf32_and_bomless_utf16_are_read_correctly(data: bytes, tmp_path: Path) -> None:
    report = read_back(data, tmp_path)
    (finding,) = report.questions  # type: ignore[attr-defined]
    assert finding.options[0].percent == 45 and "£5 a month" in finding.text
    assert [q.text for q in report.quotes] == ["worth it"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (SAMPLE.encode("utf-16") + b"\x00", "the text is not valid UTF-16 (truncated data"),
        (codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le")[:-1], "not valid UTF-32"),
        (SAMPLE.encode("utf-32-le"), "mostly NUL characters"),  # UTF-32 without a BOM
        (b"\x00" * 400 + b"45% said yes", "mostly NUL characters"),
    ],
    ids=["utf16_odd_byte", "utf32_truncated", "utf32_no_bom", "nul_bytes"],
)
def test_broken_unicode_is_undecodable_text(data: bytes, words: str, tmp_path: Path) -> None:
    with pytest.raises(ExtractError) as caught:
        read_back(data, tmp_path)
    assert caught.value.code == "undecodable_text" and words in caught.value.message


def test_a_utf16_file_with_an_odd_byte_is_one_line_in_a_run(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(SAMPLE.encode("utf-16") + b"\x00")
    result = subprocess.run(
        [sys.executable, "-m", "extract", "run", str(path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{path}: error undecodable_text: the text is not valid UTF-16" in result.stderr
    assert "internal_error" not in result.stderr


def test_extract_file_refuses_a_named_pipe_and_dev_zero_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    script = (
        "import sys\nfrom extract import extract_file\nfrom extract.errors import ExtractError\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n        extract_file(name)\n"
        "    except ExtractError as exc:\n        print(exc.code, exc.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "pipe.txt"), str(tmp_path / "zero.txt")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (
        result.stdout.splitlines()
        == ["unreadable_file not a regular file (a named pipe, device or socket)"] * 2
    ), result.stderr


def test_extract_file_has_a_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("45% said yes. " * 2000, encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        extract_file(path, limits=Limits(text_mb=0.01))
    assert caught.value.code == "too_large"
    assert caught.value.message == (
        "the file is 0.028 MB; extract reads text reports up to 0.01 MB (raise it with "
        "--max-text-mb)"
    )


@pytest.mark.parametrize("value", [None, b"45% said yes"])
def test_extract_text_of_something_that_is_not_text_says_so(value: object) -> None:
    with pytest.raises(TypeError, match=r"extract_text needs the report's text as a str, not "):
        extract_text(value)  # type: ignore[arg-type]
