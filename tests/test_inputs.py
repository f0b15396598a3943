"""Finding the inputs: one entry that cannot be read is that entry's failure, never the run's;
links leading outside the folder given are noted, not followed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from extract.inputs import find_inputs
from tests.conftest import RAW, as_a_user, deep_tree, remove_deep_tree

REPORT = RAW / "000_973d4c83f07564ec.txt"


def unenterable_folder(folder: Path) -> Path:
    """A sub-folder that can be listed (r) but not entered (no x), holding a report and a
    sub-folder."""
    sub = folder / "locked"
    (sub / "deeper").mkdir(parents=True)
    shutil.copy(REPORT, sub / "inside.txt")
    sub.chmod(0o444)
    return sub


def test_a_folder_that_can_be_listed_but_not_entered_costs_only_its_entries(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORT, folder / "a.txt")
    shutil.copy(REPORT, folder / "z.txt")
    sub = unenterable_folder(folder)
    out = tmp_path / "out"
    try:
        result = subprocess.run(
            as_a_user([sys.executable, "-m", "extract", "run", str(folder), "--out", str(out)]),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        sub.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{sub / 'inside.txt'}: error unreadable_file: cannot look at the file: " in (
        result.stderr
    )
    assert f"{sub / 'deeper'}: error unreadable_file: cannot read the folder: " in result.stderr
    run = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert [(Path(f["input"]).name, f["status"]) for f in run["files"]] == [
        ("a.txt", "ok"), ("deeper", "failed"), ("inside.txt", "failed"), ("z.txt", "ok"),
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == ["_run.json", "a.json", "z.json"]


def test_a_link_to_the_root_folder_is_noted_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "root").symlink_to("/")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    shutil.copy(REPORT, tmp_path / "report.txt")
    found = find_inputs([tmp_path])
    assert [i.path.name for i in found.inputs] == ["report.txt"]
    assert found.notes == [
        f"{tmp_path / name}: a symbolic link leading outside {tmp_path} (to {target}); not "
        "followed (--follow-symlinks follows it)"
        for name, target in (("passwd.txt", "/etc/passwd"), ("root", "/"))
    ]


def test_links_inside_the_folder_are_followed_and_outside_only_when_asked(
    tmp_path: Path,
) -> None:
    outside, folder = tmp_path / "elsewhere", tmp_path / "in"
    outside.mkdir()
    (folder / "sub").mkdir(parents=True)
    shutil.copy(REPORT, outside / "far.txt")
    shutil.copy(REPORT, folder / "sub" / "near.txt")
    (folder / "to_sub").symlink_to(folder / "sub")  # inside: searched once, by its first name
    (folder / "link.txt").symlink_to(folder / "sub" / "near.txt")
    (folder / "out").symlink_to(outside)
    names = [i.path.relative_to(folder).as_posix() for i in find_inputs([folder]).inputs]
    assert names == ["link.txt", "sub/near.txt"]
    followed = find_inputs([folder], follow_symlinks=True).inputs
    assert [i.path.relative_to(folder).as_posix() for i in followed] == [
        "link.txt", "out/far.txt", "sub/near.txt",
    ]  # fmt: skip
    assert all(i.problem is None for i in followed)


def test_a_path_over_the_system_limit_is_one_unreadable_entry(tmp_path: Path) -> None:
    shutil.copy(REPORT, tmp_path / "short.txt")
    name = "d" * 250
    depth = os.pathconf(tmp_path, "PC_PATH_MAX") // len(name) + 2
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):  # by descriptor: the whole path is too long to name
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    found = find_inputs([tmp_path])
    assert found.inputs[-1].path.name == "short.txt" and found.inputs[-1].problem is None
    [too_long] = found.inputs[:-1]
    assert too_long.problem == "cannot read the folder: the path is longer than the system allows"
    assert len(os.fsencode(too_long.path)) > os.pathconf(tmp_path, "PC_PATH_MAX")


def test_a_tree_nested_a_thousand_deep_is_walked(tmp_path: Path) -> None:
    deepest = deep_tree(tmp_path, 1000)
    shutil.copy(REPORT, deepest / "bottom.txt")
    shutil.copy(REPORT, tmp_path / "top.txt")
    try:
        found = find_inputs([tmp_path])
    finally:
        remove_deep_tree(tmp_path, deepest)
    assert [(i.path, i.problem) for i in found.inputs] == [
        (deepest / "bottom.txt", None),
        (tmp_path / "top.txt", None),
    ]


def test_a_named_path_that_cannot_be_looked_at_is_its_own_failure(tmp_path: Path) -> None:
    too_long = tmp_path / ("x" * 300) / "a.txt"
    found = find_inputs([too_long, REPORT])
    assert found.inputs[0].problem == "cannot look at it: the path is longer than the system allows"
    assert found.inputs[1].problem is None
