"""The folder a user really has: the five reference reports among every kind of broken, hostile
or odd input. The run must write the five records exactly as a clean run does, give each bad
file one clear line, print no traceback and leave no partial file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT, as_a_user, deep_tree, remove_deep_tree

BAD_PDFS = ROOT / "tests" / "pdf" / "bad"
SAMPLE = "A poll of social workers\n\n45% said it cost £5 a month and was “worth it”.\n"

# file name in the folder -> (error code, words its line must hold)
BAD = {
    "empty.txt": ("empty_file", "the file is empty"),
    "empty.pdf": ("empty_file", "the file is empty"),
    "random_bytes.txt": ("undecodable_text", "neither UTF-8 nor Windows-1252"),
    "random_bytes.pdf": ("not_a_pdf", "does not start with a %PDF header"),
    "html_error_page.pdf": ("not_a_pdf", "an HTML page saved as .pdf"),
    "truncated.pdf": ("corrupt_pdf", "truncated or damaged"),
    "broken_xref_unrepairable.pdf": ("corrupt_pdf", "cannot be read"),
    "encrypted_user_password.pdf": ("encrypted_pdf", "needs a password"),
    "scanned.pdf": ("no_text_layer", "no text layer"),
    "decompression_bomb.pdf": ("too_large", "decompression bomb"),
    "text_flood.pdf": ("memory_limit", "more than the memory limit of 1024 MB"),
    "page_tree_loop.pdf": ("corrupt_pdf", "loops back on itself"),
    "fifty_megabytes.txt": ("too_large", "extract reads text reports up to 10 MB"),
    "unreadable.txt": ("unreadable_file", "cannot read the file"),
    "dangling.txt": ("unreadable_file", "which does not exist"),
    "looping.txt": ("unreadable_file", "loops back on itself"),
    "locked/inside.txt": ("unreadable_file", "cannot look at the file: Permission denied"),
    "locked/deeper": ("unreadable_file", "cannot read the folder: Permission denied"),
}
DEPTH = 1000  # folders nested this deep hold a report at the bottom
# Odd but readable: each must give a record.
ODD = {
    "broken_xref.pdf",  # pdfium rebuilds the cross-reference table
    "encrypted_owner_only.pdf",  # no password is needed to read it
    "decompression_bomb_image.pdf",  # images are never decoded
    "deep_nesting.pdf",
    "cp1252.txt",
    "latin1.txt",
    "utf16_bom.txt",
    "control_characters.txt",
    "-leading dash.txt",
    "spaces and ünïcödé.txt",
    "bottom.txt",  # at the bottom of the 1,000-deep tree
}


def make_unreadable(path: Path) -> None:
    """Mode 0: unreadable to the run, which runs without root's power over modes."""
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0)


def hostile_folder(folder: Path) -> None:
    for path in RAW.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for name in BAD | dict.fromkeys(ODD):
        if (BAD_PDFS / name).exists():
            shutil.copy(BAD_PDFS / name, folder / name)
    shutil.copy(BAD_PDFS / "not_a_pdf.pdf", folder / "html_error_page.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random_bytes.txt").write_bytes(bytes(range(256)) * 16)
    with (folder / "fifty_megabytes.txt").open("w", encoding="utf-8") as handle:
        for _ in range(50):
            handle.write(("45% said yes. " * 75_000)[:1_000_000])
    make_unreadable(folder / "unreadable.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "looping.txt").symlink_to(folder / "looping.txt")
    (folder / "x.pdf").mkdir()
    (folder / "nested").mkdir()
    (folder / "cp1252.txt").write_bytes(SAMPLE.encode("cp1252"))
    (folder / "latin1.txt").write_bytes(
        SAMPLE.replace("“", '"').replace("”", '"').encode("latin-1")
    )
    (folder / "utf16_bom.txt").write_bytes(SAMPLE.encode("utf-16"))
    (folder / "control_characters.txt").write_bytes(
        SAMPLE.encode("utf-8").replace(b"it cost", b"it\x00 cost\x07\x1b[31m")
    )
    news = (RAW / "003_3e1dfabc19509116.txt").read_bytes()
    (folder / "-leading dash.txt").write_bytes(news)
    (folder / "spaces and ünïcödé.txt").write_bytes(news)
    (folder / "locked" / "deeper").mkdir(parents=True)  # listed, but not entered
    (folder / "locked" / "inside.txt").write_text(SAMPLE, encoding="utf-8")
    (folder / "locked").chmod(0o444)
    (folder / "root").symlink_to("/")  # outside the folder: noted, not followed
    (deep_tree(folder / "nested", DEPTH) / "bottom.txt").write_text(SAMPLE, encoding="utf-8")


def release(folder: Path) -> None:
    """Undo what stops pytest from removing the folder: the locked mode, the deep tree."""
    (folder / "locked").chmod(0o755)
    remove_deep_tree(folder, folder.joinpath("nested", *["d"] * DEPTH))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    folder, out, clean_in, clean_out = (base / n for n in ("in", "out", "clean_in", "clean_out"))
    folder.mkdir()
    clean_in.mkdir()
    hostile_folder(folder)
    for path in RAW.glob("*.txt"):
        shutil.copy(path, clean_in / path.name)
    command = [sys.executable, "-m", "extract", "run"]
    start = time.monotonic()
    # The memory cap is lowered from 4096 MB so that the text flood is stopped in seconds.
    result = subprocess.run(
        as_a_user([*command, str(folder), "--out", str(out), "--memory-limit", "1024"]),
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.monotonic() - start
    release(folder)
    subprocess.run([*command, str(clean_in), "--out", str(clean_out)], check=True,
                   capture_output=True)  # fmt: skip
    return {"result": result, "seconds": seconds, "folder": folder, "out": out,
            "clean_out": clean_out}  # fmt: skip


def test_exit_code_is_1_and_no_traceback(hostile_run: dict) -> None:
    result = hostile_run["result"]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Fatal Python error" not in result.stderr


def test_each_bad_file_gets_exactly_one_clear_line(hostile_run: dict) -> None:
    folder, lines = hostile_run["folder"], hostile_run["result"].stderr.splitlines()
    for name, (code, words) in BAD.items():
        mine = [line for line in lines if line.startswith(f"{folder / name}: ")]
        assert len(mine) == 1, (name, mine)
        assert f": error {code}: " in mine[0] and words in mine[0], mine[0]
    errors = [line for line in lines if ": error " in line]
    assert len(errors) == len(BAD), errors
    assert f"{folder / 'x.pdf'}: a folder, not a report; searched as a folder" in (
        hostile_run["result"].stdout
    )
    assert (
        f"{folder / 'root'}: a symbolic link leading outside {folder} (to /); not followed "
        "(--follow-symlinks follows it)" in hostile_run["result"].stdout
    )


def test_the_five_good_records_are_identical_to_a_clean_run(hostile_run: dict) -> None:
    for path in RAW.glob("*.txt"):
        name = f"{path.stem}.json"
        assert (hostile_run["out"] / name).read_bytes() == (
            hostile_run["clean_out"] / name
        ).read_bytes()


def test_odd_but_readable_files_are_read_correctly(hostile_run: dict) -> None:
    out = hostile_run["out"]
    records = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    for name in ODD:
        assert f"{Path(name).stem}.json" in records, name
    for name in ("cp1252", "utf16_bom", "latin1"):  # £ and curly quotes decoded, not mangled
        record = records[f"{name}.json"]
        (finding,) = record["questions"]  # the one stated share is a finding
        assert finding["options"][0]["percent"] == 45 and "£5 a month" in finding["text"], name
        assert [q["text"] for q in record["quotes"]] == ["worth it"], name
    (control,) = records["control_characters.json"]["questions"]
    assert control["options"][0]["percent"] == 45
    assert "It\x00 cost\x07\x1b[31m £5" in control["text"]
    for name in ("-leading dash.json", "spaces and ünïcödé.json"):
        assert records[name]["quotes"] == records["003_3e1dfabc19509116.json"]["quotes"]
    assert records["spaces and ünïcödé.json"]["source"]["path"] == "spaces and ünïcödé.txt"


def test_no_partial_file_and_the_run_report_accounts_for_every_input(hostile_run: dict) -> None:
    out = hostile_run["out"]
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix != ".json"]
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert run["totals"]["failed"] == len(BAD)
    assert run["totals"]["ok"] == 5 + len(ODD)
    assert run["totals"]["not_run"] == 0
    for entry in run["files"]:
        if entry["status"] == "ok":
            json.loads(Path(entry["output"]).read_text(encoding="utf-8"))  # complete JSON


def test_the_run_finishes_within_the_time_limits(hostile_run: dict) -> None:
    # Every file is bounded by the per-file limits (60 s), not by its size or content.
    assert hostile_run["seconds"] < 120


@pytest.fixture(scope="module")
def full_disk_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The hostile folder run into a 160 kB tmpfs, which fills after a few records."""
    base = tmp_path_factory.mktemp("full_disk")
    folder, out = base / "in", base / "out"
    folder.mkdir()
    out.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(out)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); tests/test_sink.py injects ENOSPC")
    try:
        hostile_folder(folder)
        (out / "_run.json").write_text('{"stale": "a previous run"}', encoding="utf-8")
        result = subprocess.run(
            as_a_user([sys.executable, "-m", "extract", "run", str(folder), "--out", str(out),
                       "--memory-limit", "1024"]),
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        release(folder)
        files = {p.name: p.read_bytes() for p in out.iterdir()}
    finally:
        subprocess.run(["umount", str(out)], check=True)
    return {"result": result, "files": files, "out": out}


def test_a_full_disk_is_said_and_leaves_only_complete_files(full_disk_run: dict) -> None:
    result, files, out = full_disk_run["result"], full_disk_run["files"], full_disk_run["out"]
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    full = [line for line in result.stderr.splitlines() if "error write_failed" in line]
    assert full and all("No space left on device" in line for line in full), full
    assert not [name for name in files if name.startswith(".")]  # no temporary file left
    for data in files.values():
        json.loads(data)  # every file complete JSON
    if "_run.json" in files:  # this run's, naming each record it wrote
        run = json.loads(files["_run.json"])
        written = {Path(f["output"]).name for f in run["files"] if f["status"] == "ok"}
        assert written == set(files) - {"_run.json"}
    else:
        assert (
            f"error write_failed: cannot write the run report {out / '_run.json'}: No space "
            "left on device; no run report was written" in result.stderr
        )
