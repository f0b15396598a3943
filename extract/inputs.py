"""Which files a run reads: folders searched, and every path that cannot be read named, not lost.

A folder holds all sorts; only files with a report suffix are inputs. Anything that looks like a
report but is not a readable regular file (a dangling or looping symbolic link, a named pipe that
would block a read forever) is reported with a reason instead of being skipped in silence.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from extract.loaders import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Input:
    """One file a run will read, or could not even start to read (`problem` says why)."""

    path: Path
    folder: Path
    """The folder it was found under; the record's `source.path` is relative to it."""
    problem: str | None = None


@dataclass
class InputSearch:
    inputs: list[Input]
    notes: list[str]
    """Things a user should know that are not failures (a folder named like a report)."""
    skipped: list[Path] = field(default_factory=list)
    """Files in the folders searched that are not reports (no report suffix)."""


def printable(path: Path | str) -> str:
    """The path as text that can always be printed and stored in JSON: bytes of a file name
    that are not UTF-8 become U+FFFD instead of crashing the output."""
    return os.fsencode(path).decode("utf-8", "replace")


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a report file, or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"a symbolic link to {printable(os.readlink(path))}, which does not exist"
        return "no such file or folder"
    except OSError as exc:
        if path.is_symlink():
            return "a symbolic link that loops back on itself"
        return f"cannot look at the file: {exc.strerror}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file (reading it could wait forever)"
    return "not a regular file (a device or socket)"


def _search(folder: Path, root: Path, found: InputSearch, seen: set[tuple[int, int]]) -> None:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:  # a link back to a folder already searched
            return
        seen.add((info.st_dev, info.st_ino))
        children = sorted(folder.iterdir())
    except OSError as exc:
        found.inputs.append(Input(folder, root, f"cannot read the folder: {exc.strerror}"))
        return
    for child in children:
        if child.is_dir():
            if child.suffix.lower() in SUPPORTED_SUFFIXES:
                found.notes.append(
                    f"{printable(child)}: a folder, not a report; searched as a folder"
                )
            _search(child, root, found, seen)
        elif child.suffix.lower() in SUPPORTED_SUFFIXES:
            found.inputs.append(Input(child, root, _not_a_file(child)))
        else:
            found.skipped.append(child)


def find_inputs(paths: list[Path]) -> InputSearch:
    """Every report file under `paths`, in a stable order (folders sorted, then given order)."""
    found = InputSearch([], [])
    for path in paths:
        if path.is_dir():
            _search(path, path, found, set())
        else:
            found.inputs.append(Input(path, path.parent, _not_a_file(path)))
    return found
