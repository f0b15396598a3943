"""Compiled patterns kept between runs, as Python keeps compiled modules.

Why: the `regex` module parses and compiles a pattern in Python, and the reader's patterns (the
respondent and invitation phrasings, the answer scales, the percentage forms) took 0.3 s of
CPU at every start, half of what `extract run` cost on one small text. A compiled `regex`
pattern pickles as the arguments of its C constructor (regex registers that with copyreg), so
one read back from a file is built in microseconds, with the same code as a fresh compile.

The file sits in the user's cache folder (`$XDG_CACHE_HOME/extract`, else `~/.cache/extract`),
named by the Python and the regex version, keyed by pattern and flags: a changed pattern misses
and is compiled as usual. A process that missed one adds what it asked for to what the file
held (a PDF run and a text run compile a few different patterns in their functions), unless
the patterns nobody asked for would then outnumber those asked for (many edits of the code):
then the file keeps only the asked. A missing, unreadable or unwritable file costs only the
compile, never a failure.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

_Key = tuple[str, int]


class _PatternUnpickler(pickle.Unpickler):
    """Builds compiled patterns and nothing else: the file holds no code to run."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a compiled pattern: {module}.{name}")


class CompiledPatterns:
    """The patterns a process asks for, served from `path` where a run before compiled them."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[_Key, regex.Pattern[str]] | None = None
        self._asked: dict[_Key, regex.Pattern[str]] = {}
        self._missed = False

    def _read(self) -> dict[_Key, regex.Pattern[str]]:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as file:
                patterns = _PatternUnpickler(io.BytesIO(file.read())).load()
        except Exception:  # no file yet, another program's, or cut short: compile as usual
            return {}
        return patterns if isinstance(patterns, dict) else {}

    def compile(self, pattern: str, flags: int = 0) -> regex.Pattern[str]:
        """`regex.compile(pattern, flags)`, read from the file when it is there."""
        key = (pattern, int(flags))
        compiled = self._asked.get(key)
        if compiled is None:
            if self._stored is None:
                self._stored = self._read()
            compiled = self._stored.get(key)
            if compiled is None:
                compiled = regex.compile(pattern, flags)
                self._missed = True
            self._asked[key] = compiled
        return compiled

    def save(self) -> None:
        """Keep the patterns this process asked for, when any was not in the file: written to
        a temporary file and renamed, so a process reading it meanwhile sees the old file or
        the new one."""
        if not self._missed or self.path is None:
            return
        kept = {**(self._stored or {}), **self._asked}
        if len(kept) > 2 * len(self._asked):
            kept = self._asked
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name)
            try:
                with os.fdopen(descriptor, "wb") as file:
                    pickle.dump(kept, file, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.path)
            except OSError:
                os.unlink(temporary)
                raise
            self._missed = False


def cache_path() -> Path | None:
    """Where the compiled patterns are kept for this Python and this version of regex (None
    without a home folder)."""
    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extract"
    except RuntimeError:  # no home folder to be found
        return None
    return folder / f"patterns.{sys.implementation.cache_tag}.regex-{regex.__version__}.pickle"


_PROCESS = CompiledPatterns(cache_path())


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)` through this process's kept patterns."""
    return _PROCESS.compile(pattern, flags)


def save() -> None:
    """Write this process's patterns for the next run, when it compiled any."""
    _PROCESS.save()
