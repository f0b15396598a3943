"""Writing a run's output: every failure said, the run report always this run's or absent, no
half-written file and no temporary file left for good."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import pytest
from typer.testing import CliRunner

import extract.writer
from extract.cli import app
from tests.conftest import RAW, as_a_user

runner = CliRunner()
FIVE = sorted(p.stem for p in RAW.glob("*.txt"))


def run(out: Path, *extra: str) -> object:
    return runner.invoke(app, ["run", str(RAW), "--out", str(out), *extra])


def full_disk_after(monkeypatch: pytest.MonkeyPatch, limit: int, only: str = "") -> None:
    """Writes fail with ENOSPC once `limit` characters have gone into files named `only`
    (any file when empty), as on a disk that fills up during the run."""
    real = extract.writer.open_atomic
    written = 0

    class Full:
        def __init__(self, handle: TextIO, counted: bool) -> None:
            self.handle, self.counted = handle, counted

        def write(self, text: str) -> int:
            nonlocal written
            if self.counted:
                written += len(text)
                if written > limit:
                    raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(text)

    @contextmanager
    def filling(path: Path) -> Iterator[Full]:
        with real(path) as handle:
            yield Full(handle, counted=not only or path.name == only)  # type: ignore[arg-type]

    monkeypatch.setattr(extract.writer, "open_atomic", filling)


def test_a_run_report_that_cannot_be_written_leaves_no_stale_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run(out).exit_code == 0
    assert (out / "_run.json").exists()  # the previous run's
    full_disk_after(monkeypatch, 0, only="_run.json")
    result = run(out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert (
        f"error write_failed: cannot write the run report {out / '_run.json'}: No space left on "
        "device; no run report was written" in result.stderr
    )
    assert sorted(p.name for p in out.iterdir()) == [f"{stem}.json" for stem in FIVE]


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_a_full_disk_in_stream_mode_is_said_and_fails_every_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output_format: str
) -> None:
    out = tmp_path / "out"
    name = "records.jsonl" if output_format == "jsonl" else "options.csv"
    full_disk_after(monkeypatch, 5_000, only=name)  # within the first records
    result = run(out, "--format", output_format)
    assert result.exit_code == 1
    assert (
        f"error write_failed: {out / name} was not written: cannot write {out / name}: No space "
        "left on device" in result.stderr
    )
    assert sorted(p.name for p in out.iterdir()) == ["_run.json"]  # no partial stream
    report = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert report["totals"]["ok"] == 0 and report["totals"]["failed"] == 5
    assert {(f["code"], f["output"]) for f in report["files"]} == {("write_failed", None)}


def test_a_read_only_output_folder_in_stream_mode_is_one_line_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(path: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(extract.writer, "open_atomic", lambda path: read_only(path))
    out = tmp_path / "out"
    result = run(out, "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error write_failed: cannot use {out} as the output folder: Read-only file system"
    ]


def test_an_output_folder_deleted_during_the_run_is_said_not_re_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = extract.writer.write_atomic

    def then_delete(path: Path, content: str) -> None:
        real(path, content)
        shutil.rmtree(out)  # another program (or person) removes the folder

    monkeypatch.setattr(extract.writer, "write_atomic", then_delete)
    result = run(out, "--jobs", "1")
    assert result.exit_code == 1
    assert not out.exists()
    gone = f"the output folder {out} was deleted or replaced during the run"
    errors = [line for line in result.stderr.splitlines() if "error write_failed" in line]
    assert len(errors) == 5  # four records and the run report
    assert all(gone in line for line in errors), errors
    assert "1 of 5 files extracted" in result.stdout


def test_temporary_files_of_killed_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".records.jsonl.999999999.abcd_123.tmp"  # no process has this id
    live = out / ".records.jsonl.1.abcd_123.tmp"  # process 1 runs as long as the machine
    other = out / ".notes.txt.tmp"  # not ours
    for path in (dead, live, other):
        path.write_text("partial", encoding="utf-8")
    assert run(out, "--format", "jsonl").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["_run.json", "records.jsonl", live.name, other.name]
    )


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_temporary_file_is_named_for_the_sweep_and_made_with_the_umask_untouched(
    tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = os.umask(umask)

    def no_umask_change(mask: int) -> int:
        raise AssertionError("the umask was changed during a write")

    try:
        monkeypatch.setattr(os, "umask", no_umask_change)
        with extract.writer.open_atomic(tmp_path / "r.json") as handle:
            handle.write("{}\n")
            (temporary,) = tmp_path.iterdir()
            assert extract.writer._TEMPORARY.fullmatch(temporary.name), temporary.name
            assert temporary.name.startswith(f".r.json.{os.getpid()}.")
            assert stat.S_IMODE(temporary.stat().st_mode) == 0o666 & ~umask
        monkeypatch.undo()
    finally:
        os.umask(previous)
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~umask
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == "{}\n"


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_a_read_only_output_folder_is_one_line_and_no_work(
    tmp_path: Path, output_format: str
) -> None:
    out = tmp_path / "out"
    assert run(out).exit_code == 0  # a previous run's records and _run.json
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    out.chmod(0o555)
    try:
        result = subprocess.run(
            as_a_user([sys.executable, "-m", "extract", "run", str(RAW), "--out", str(out),
                       "--format", output_format]),
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        out.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error write_failed: cannot use {out} as the output folder: Permission denied"
    ]
    # Nothing of this run was written, so the previous run report still tells the folder's truth.
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_reader_that_stops_reading_standard_output_ends_the_run_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(RAW), "--format", "jsonl", "--out", "-"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # `| head -c 10` has what it wanted
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0  # as after `yes | head -c 10`: not an error
    assert "Traceback" not in stderr and "write_failed" not in stderr, stderr
    assert "BrokenPipe" not in stderr, stderr
