"""Compiled patterns kept between runs: a pattern read back from the file finds what a fresh
compile finds, a changed or unknown pattern is compiled as usual, and a file that is not ours
(cut short, another format, a pickle that would run code) is ignored, never trusted."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from extract.patterns import CompiledPatterns
from tests.conftest import RAW, ROOT

# patterns that use what only `regex` has: a variable-width look-behind, a repeated group
# name, a possessive quantifier, Unicode properties, and verbose mode with case folding
KINDS = [
    (r"(?<!\b(?:about|nearly)\s+)(?P<n>\d+)%", 0, "about 40% but 35% here"),
    (r"(?P<n>\d+) (?:people|staff)|(?P<n>\d+) respondents", 0, "of 230 respondents"),
    (r"\p{Lu}\p{Ll}++", 0, "Éclair and Strongly agree"),
    (
        r"""(?P<point>strongly \s+ agree)  # a scale point
         \s* (?P<share>\d+)""",
        regex.VERBOSE | regex.IGNORECASE,
        "STRONGLY agree 12",
    ),
]


def finds(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags", "text"), KINDS)
def test_a_kept_pattern_finds_what_a_fresh_compile_finds(
    tmp_path: Path, pattern: str, flags: int, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns.pickle"
    first = CompiledPatterns(path)
    first.compile(pattern, flags)
    first.save()
    assert path.exists()

    def no_compile(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again instead of read from the file")

    monkeypatch.setattr(regex, "compile", no_compile)
    kept = CompiledPatterns(path).compile(pattern, flags)
    monkeypatch.undo()
    fresh = regex.compile(pattern, flags)
    assert finds(kept, text) == finds(fresh, text)
    assert finds(kept, text)  # each case finds something: the comparison is not empty = empty
    assert (kept.pattern, kept.flags) == (fresh.pattern, fresh.flags)


def test_a_changed_pattern_is_compiled_and_added_to_what_the_file_held(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    old = CompiledPatterns(path)
    old.compile(r"\d+ people")
    old.compile(r"Base: (\d+)")
    old.save()

    new = CompiledPatterns(path)
    assert new.compile(r"Base: (\d+)").search("Base: 230 staff")[1] == "230"
    assert new.compile(r"\d+ staff").search("Base: 230 staff")[0] == "230 staff"  # a miss
    new.save()
    assert {pattern for pattern, _ in CompiledPatterns(path)._read()} == {
        r"\d+ people",  # another kind of run may ask for it again
        r"Base: (\d+)",
        r"\d+ staff",
    }


def test_patterns_nobody_asked_for_are_dropped_once_they_outnumber_the_asked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "patterns.pickle"
    for edit in range(3):  # the same pattern edited three times, one run after each edit
        patterns = CompiledPatterns(path)
        patterns.compile(rf"(\d+) people{'!' * edit}")
        patterns.save()
    assert [pattern for pattern, _ in CompiledPatterns(path)._read()] == [r"(\d+) people!!"]


def test_the_file_is_not_rewritten_when_nothing_missed(tmp_path: Path) -> None:
    path = tmp_path / "patterns.pickle"
    first = CompiledPatterns(path)
    first.compile(r"\d+%")
    first.save()
    os.utime(path, (0, 0))
    second = CompiledPatterns(path)
    second.compile(r"\d+%")
    second.save()
    assert path.stat().st_mtime == 0


class _Runs:
    """A pickle that would run a command when loaded."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("touch ran",)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\x80\x05not a pickle", id="garbage"),
        pytest.param(pickle.dumps({(r"\d+", 0): _Runs()}), id="runs-code"),
        pytest.param(pickle.dumps([r"\d+"]), id="not-a-dict"),
        pytest.param(b"cut", id="cut-short"),
    ],
)
def test_a_file_that_is_not_kept_patterns_is_ignored(
    tmp_path: Path, content: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "patterns.pickle"
    path.write_bytes(content)
    patterns = CompiledPatterns(path)
    assert patterns.compile(r"(\d+)%").search("a 40% share")[1] == "40"
    assert not (tmp_path / "ran").exists()
    patterns.save()  # and it is replaced by a good one
    assert CompiledPatterns(path)._read().keys() == {(r"(\d+)%", 0)}


def test_an_unwritable_cache_folder_costs_only_the_compile(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    patterns = CompiledPatterns(blocked / "extract" / "patterns.pickle")
    assert patterns.compile(r"\d+").search("n = 12")[0] == "12"
    patterns.save()  # no error


def test_a_run_keeps_its_patterns_and_the_next_run_gives_the_same_record(tmp_path: Path) -> None:
    """The whole path a user takes: the first run writes the file, the second reads it, and
    both write the same record."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    source = sorted(RAW.glob("*.txt"))[0]
    records = []
    for run in ("first", "second"):
        out = tmp_path / run
        command = [sys.executable, "-m", "extract", "run", str(source), "--out", str(out)]
        subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
        records.append((out / f"{source.stem}.json").read_bytes())
        kept = subprocess.run(
            [sys.executable, "-c", "from extract.patterns import cache_path; print(cache_path())"],
            env=env, check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        assert Path(kept).parent == tmp_path / "cache" / "extract"
        assert len(CompiledPatterns(Path(kept))._read()) > 100  # the reader's patterns
    assert records[0] == records[1]
