"""Which files a run reads: folders searched, and every path that cannot be read named, not lost.

A folder holds all sorts; only files with a report suffix are inputs. Anything that looks like a
report but is not a readable regular file (a dangling or looping symbolic link, a named pipe that
would block a read forever) is reported with a reason instead of being skipped in silence. One
entry that cannot be read (a folder that can be listed but not entered, a path over the system's
length limit) is that entry's failure, never the run's: the walk is iterative, so a tree nested
thousands deep is walked like a flat one.

Symbolic links are followed while they stay inside the folder given; a link leading outside it
(to `/`, into `/etc`) is noted and not followed unless the run is asked to (`--follow-symlinks`),
so that a folder from elsewhere cannot make a run read the rest of the machine.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
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


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the path is longer than the system allows"
    return exc.strerror or str(exc)


def _not_a_file(path: Path) -> str | None:
    """Why `path` cannot be read as a report file, or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"a symbolic link to {printable(os.readlink(path))}, which does not exist"
        return "no such file or folder"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops back on itself"
        return f"cannot look at the file: {_reason(exc)}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file (reading it could wait forever)"
    return "not a regular file (a device or socket)"


def _is_report(name: str) -> bool:
    return Path(name).suffix.lower() in SUPPORTED_SUFFIXES


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as listing:
        return sorted(listing, key=lambda entry: entry.name)


class _Walk:
    """One folder given to a run, searched depth first in sorted order without recursion."""

    def __init__(self, root: Path, found: InputSearch, *, follow_symlinks: bool) -> None:
        self.root, self.found, self.follow = root, found, follow_symlinks
        self.real_root = os.path.realpath(root)
        self.seen: set[tuple[int, int]] = set()

    def _unreadable(self, path: Path, problem: str) -> None:
        self.found.inputs.append(Input(path, self.root, problem))

    def _open(self, folder: Path) -> Iterator[os.DirEntry[str]] | None:
        """The folder's entries, or None when it was searched already or cannot be read."""
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in self.seen:  # a link back to a folder searched
                return None
            self.seen.add((info.st_dev, info.st_ino))
            return iter(_entries(folder))
        except OSError as exc:
            self._unreadable(folder, f"cannot read the folder: {_reason(exc)}")
            return None

    def _leads_outside(self, entry: os.DirEntry[str]) -> bool:
        """A link leading out of the folder given, noted when it is one a run would read."""
        if self.follow or not entry.is_symlink():
            return False
        target = os.path.realpath(entry.path)
        if _inside(target, self.real_root):
            return False
        if _is_report(entry.name) or _entry_is_folder(entry) is not False:
            self.found.notes.append(
                f"{printable(entry.path)}: a symbolic link leading outside {printable(self.root)}"
                f" (to {printable(target)}); not followed (--follow-symlinks follows it)"
            )
        return True

    def run(self) -> None:
        first = self._open(self.root)
        stack = [first] if first is not None else []
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            if self._leads_outside(entry):
                continue
            path = Path(entry.path)
            is_dir = _entry_is_folder(entry)
            if isinstance(is_dir, str):
                if _is_report(entry.name):  # its own line says why, as for a named file
                    is_dir = False
                else:
                    self._unreadable(path, is_dir)
                    continue
            if is_dir:
                if _is_report(entry.name):
                    self.found.notes.append(
                        f"{printable(path)}: a folder, not a report; searched as a folder"
                    )
                children = self._open(path)
                if children is not None:
                    stack.append(children)
            elif _is_report(entry.name):
                self.found.inputs.append(Input(path, self.root, _not_a_file(path)))
            else:
                self.found.skipped.append(path)


def _is_folder(path: Path) -> bool | str:
    """True for a folder, False for anything else, or why it cannot be told."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return False
        return f"cannot look at it: {_reason(exc)}"


def _entry_is_folder(entry: os.DirEntry[str]) -> bool | str:
    """Like `_is_folder`, from the folder listing where it tells (no look inside a folder
    that cannot be entered); only a link needs to be followed."""
    if entry.is_symlink():
        return _is_folder(Path(entry.path))
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError as exc:
        return f"cannot look at it: {_reason(exc)}"


def find_inputs(paths: list[Path], *, follow_symlinks: bool = False) -> InputSearch:
    """Every report file under `paths`, in a stable order (folders sorted, then given order).

    A path named on the command line is read wherever it leads; inside a folder, links leading
    outside it are followed only with `follow_symlinks`."""
    found = InputSearch([], [])
    for path in paths:
        folder = _is_folder(path)
        if isinstance(folder, str):
            found.inputs.append(Input(path, path.parent, folder))
        elif folder:
            _Walk(path, found, follow_symlinks=follow_symlinks).run()
        else:
            found.inputs.append(Input(path, path.parent, _not_a_file(path)))
    return found
