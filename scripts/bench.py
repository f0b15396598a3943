#!/usr/bin/env python3
"""What a user waits for, measured: `make bench`. Prints figures; asserts nothing.

Every figure is a whole process, as a user starts it, and every comparison is between runs made
here, in this invocation, interleaved (A B C, A B C, …) so that a busy machine slows each side
alike: medians with their range, and ratios of medians.

- pdf: `extract run` on a 150-page PDF (built by repeating the rendered fixtures in tests/pdf/)
  against a bare pdfplumber `page.extract_text()` script and a bare pypdfium2 `get_text_range()`
  script on the same file; the cost of a page from the 30- and 150-page runs; the whole run's
  peak memory (parent and worker together) at 30, 150 and 600 pages.
- folders: `extract run` over 1,000 generated text reports (the five reference reports with
  their figures varied) with --jobs 1 and --jobs 2, and the peak memory at 100, 300 and 1,000.
- startup: `extract --help` and `extract run` on one small text, each against `python -c pass`.
- text: MB/s on a 5 MB text: the whole process, and `extract_file` alone in CPU seconds (one core).

Every run is timed in wall seconds and in CPU seconds (user and system, its children included),
which a machine shared with other work inflates far less. The package's bytecode is compiled
first, as `pip install` leaves it (where PYTHONDONTWRITEBYTECODE is set, every start would
otherwise compile the sources again), and the start-up part also times a first run, before
extract has kept its compiled patterns (extract/patterns.py).
"""

from __future__ import annotations

import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "pdf").glob("0*.pdf"))
RAW = sorted((ROOT / "raw").glob("*.txt"))
_SCRIPT = Path(sys.executable).with_name("extract")  # the console script, as a user runs it
EXTRACT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "extract"]
PYTHON = [sys.executable]

COMPILE_PACKAGE = """
import compileall, os, extract
compileall.compile_dir(os.path.dirname(extract.__file__), quiet=1)
"""
BARE_PDFPLUMBER = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
"""
BARE_PDFIUM = """
import sys, pypdfium2
pdf = pypdfium2.PdfDocument(sys.argv[1])
for page in pdf:
    textpage = page.get_textpage()
    textpage.get_text_range()
    textpage.close()
    page.close()
pdf.close()
"""


def build(target: Path, pages: int) -> int:
    """A PDF of exactly `pages` pages: the rendered fixtures in turn."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for fixture in FIXTURES:
            source = pdfium.PdfDocument(fixture)
            out.import_pages(source, pages=list(range(min(len(source), pages - len(out)))))
            source.close()
            if len(out) >= pages:
                break
    out.save(target)
    count = len(out)
    out.close()
    return count


def generate_reports(folder: Path, count: int) -> None:
    """`count` text reports: the five reference reports in turn, each percentage moved by a few
    points at random (seeded by the report's number) and each amount written with a thousands
    comma ("£42,403") moved by the report's number, so that a folder is mostly distinct texts,
    as real folders are: per-text memos (the answer labels' by clause) must not flatter it. A
    report with one percentage and no amount (one of the five) comes in nine forms only."""
    texts = [path.read_text(encoding="utf-8") for path in RAW]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text = _varied(texts[n % len(texts)], n)
        (folder / f"report_{n:04d}.txt").write_text(text, encoding="utf-8")


def _varied(text: str, n: int) -> str:
    """`text` as the `n`th generated report states it (`generate_reports`)."""
    chance = random.Random(n)
    text = re.sub(
        r"\b(\d{1,2})%", lambda match: f"{min(100, int(match[1]) + chance.randint(0, 8))}%", text
    )
    return re.sub(
        r"\b(\d{1,3}),(\d{3})\b", lambda match: f"{match[1]},{(int(match[2]) + n) % 1000:03d}", text
    )


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(rss.get(pid, 0) for pid in tree) * os.sysconf("SC_PAGE_SIZE") / 1e6


class Run(NamedTuple):
    wall: float
    """Seconds, start to end."""
    peak: float
    """Peak memory of the process tree in MB, when sampled (else 0)."""
    cpu: float
    """CPU seconds, user and system, of the process and its children."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    command: list[str], *, sample_memory: bool = False, env: dict[str, str] | None = None
) -> Run:
    """One run of `command`: its wall and CPU seconds and, when asked, the peak memory of its
    process tree (sampled every 20 ms). A failing command ends the benchmark with its error."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0.0
    if sample_memory:
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.02)
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {err.decode()[-2000:]}")
    return Run(seconds, peak, _children_cpu() - cpu_before)


def paired(commands: dict[str, Callable[[], list[str]]], repeats: int) -> dict[str, list[Run]]:
    """Each command run `repeats` times, interleaved, after one warm-up round."""
    times: dict[str, list[Run]] = {name: [] for name in commands}
    for round_ in range(repeats + 1):
        for name, command in commands.items():
            run = timed(command())
            if round_:
                times[name].append(run)
    return times


def walls(runs: list[Run]) -> list[float]:
    return [run.wall for run in runs]


def cpus(runs: list[Run]) -> list[float]:
    return [run.cpu for run in runs]


def spread(values: list[float]) -> str:
    """Median and range, in seconds."""
    return f"{statistics.median(values):7.3f} s [{min(values):.3f}-{max(values):.3f}]"


def run_into(folder: Path, paths: list[Path], *extra: str) -> Callable[[], list[str]]:
    """A command line of `extract run` into a fresh folder inside `folder` each time it is
    asked (a run's records never meet the next run's)."""

    def command() -> list[str]:
        out = tempfile.mkdtemp(prefix="out-", dir=folder)
        return [*EXTRACT, "run", *map(str, paths), "--out", out, "--quiet", *extra]

    return command


def bench_pdf() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sizes = {pages: Path(folder) / f"{pages}.pdf" for pages in (30, 150, 600)}
        for pages, path in sizes.items():
            build(path, pages)
        big, small = sizes[150], sizes[30]
        times = paired(
            {
                "extract run, 150 pages": run_into(Path(folder), [big]),
                "extract run, 30 pages": run_into(Path(folder), [small]),
                "bare pdfplumber, 150 pages": lambda: [*PYTHON, "-c", BARE_PDFPLUMBER, str(big)],
                "bare pypdfium2, 150 pages": lambda: [*PYTHON, "-c", BARE_PDFIUM, str(big)],
                "bare pypdfium2, 30 pages": lambda: [*PYTHON, "-c", BARE_PDFIUM, str(small)],
            },
            repeats=5,
        )
        peaks = {
            pages: timed(run_into(Path(folder), [path])(), sample_memory=True).peak
            for pages, path in sizes.items()
        }
    median = {name: statistics.median(walls(runs)) for name, runs in times.items()}
    print("PDF, whole process (5 paired runs, median [range]; CPU seconds median):")
    for name, runs in times.items():
        print(f"  {name:28} {spread(walls(runs))}  cpu {statistics.median(cpus(runs)):.3f} s")
    ours, plumber = median["extract run, 150 pages"], median["bare pdfplumber, 150 pages"]
    pdfium = median["bare pypdfium2, 150 pages"]
    print(f"  extract run is {plumber / ours:.1f}x as fast as bare pdfplumber (target >= 30x)")
    print(f"  extract run takes {ours / pdfium:.1f}x the time of bare pypdfium2 text")
    per_page = (ours - median["extract run, 30 pages"]) / 120
    pdfium_page = (pdfium - median["bare pypdfium2, 30 pages"]) / 120
    fixed = median["extract run, 30 pages"] - 30 * per_page
    print(
        f"  a page costs {per_page * 1000:.2f} ms in extract run, {pdfium_page * 1000:.2f} ms in "
        f"bare pypdfium2: {per_page / pdfium_page:.1f}x (target within 3x); fixed {fixed:.2f} s"
    )
    print(
        "  whole-run peak memory (parent + worker): "
        + ", ".join(f"{peak:.0f} MB at {pages} pages" for pages, peak in peaks.items())
    )


def bench_folders() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folders = {count: Path(folder) / str(count) for count in (100, 300, 1000)}
        for count, path in folders.items():
            generate_reports(path, count)
        run_one = timed(run_into(Path(folder), [folders[1000]], "--jobs", "1")())
        run_two = timed(
            run_into(Path(folder), [folders[1000]], "--jobs", "2")(), sample_memory=True
        )
        peaks = {
            count: timed(
                run_into(Path(folder), [folders[count]], "--jobs", "2")(), sample_memory=True
            ).peak
            for count in (100, 300)
        }
    peaks[1000] = run_two.peak
    one, two = run_one.wall, run_two.wall
    print("folder of 1,000 generated text reports, extract run (whole process):")
    print(f"  --jobs 1: {one:6.2f} s  {1000 / one:6.1f} documents/s  cpu {run_one.cpu:.2f} s")
    print(
        f"  --jobs 2: {two:6.2f} s  {1000 / two:6.1f} documents/s  cpu {run_two.cpu:.2f} s "
        "(target under 10 s)"
    )
    print(f"  ratio --jobs 2 / --jobs 1: {one / two:.2f}x")
    print(
        "  whole-run peak memory (parent + workers), --jobs 2: "
        + ", ".join(f"{mb:.0f} MB at {count} files" for count, mb in sorted(peaks.items()))
    )


def bench_startup() -> None:
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / RAW[0].name
        small.write_bytes(RAW[0].read_bytes())
        times = paired(
            {
                "python -c pass": lambda: [*PYTHON, "-c", "pass"],
                "extract --help": lambda: [*EXTRACT, "--help"],
                f"extract run, one {small.stat().st_size // 1000} KB text": run_into(
                    Path(folder), [small]
                ),
            },
            repeats=15,
        )
        with tempfile.TemporaryDirectory() as empty_cache:
            first = timed(
                run_into(Path(folder), [small])(), env={**os.environ, "XDG_CACHE_HOME": empty_cache}
            )
    bare = statistics.median(walls(times["python -c pass"]))
    bare_cpu = statistics.median(cpus(times["python -c pass"]))
    print("start-up (15 paired runs, median [range], then CPU seconds median and over python):")
    for name, runs in times.items():
        cpu = statistics.median(cpus(runs))
        extra = (
            ""
            if name == "python -c pass"
            else f"  {statistics.median(walls(runs)) - bare:+.3f} s  cpu {cpu - bare_cpu:+.3f} s"
        )
        print(f"  {name:28} {spread(walls(runs))}  cpu {cpu:.3f} s{extra}")
    print(f"  a first run, before its patterns are kept: {first.wall:.3f} s, cpu {first.cpu:.3f} s")
    print("  targets: extract --help within +0.15 s, extract run on one small text within +0.25 s")


def bench_text() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "five_mb.txt"
        texts = [path.read_text(encoding="utf-8") for path in RAW]
        parts, size, n = [], 0, 0
        while size < 5_000_000:
            parts.append(texts[n % len(texts)])
            size += len(parts[-1].encode("utf-8")) + 2
            n += 1
        big.write_text("\n\n".join(parts), encoding="utf-8")
        mb = big.stat().st_size / 1e6
        whole = timed(run_into(Path(folder), [big], "--timeout", "900")()).wall  # a busy machine
        script = (
            "import sys, time\nfrom extract.pipeline import extract_file\n"
            "start = time.process_time(); extract_file(sys.argv[1])\n"
            "print(time.process_time() - start)"
        )
        parse = float(
            subprocess.run(
                [*PYTHON, "-c", script, str(big)], check=True, capture_output=True, text=True
            ).stdout.split()[-1]
        )
    print(f"a {mb:.1f} MB text ({n} reports end to end), one core:")
    print(f"  extract run (whole process): {whole:6.2f} s  {mb / whole:5.2f} MB/s")
    print(f"  extract_file alone, CPU time: {parse:6.2f} s  {mb / parse:5.2f} MB/s (target >= 1)")


def main() -> None:
    parts = {
        "pdf": bench_pdf,
        "folders": bench_folders,
        "startup": bench_startup,
        "text": bench_text,
    }
    chosen = sys.argv[1:] or list(parts)
    unknown = [name for name in chosen if name not in parts]
    if unknown:
        raise SystemExit(f"usage: bench.py [{' | '.join(parts)} ...]; unknown: {unknown}")
    subprocess.run([*PYTHON, "-c", COMPILE_PACKAGE], check=True)
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )
    for name in chosen:
        parts[name]()
        print()


if __name__ == "__main__":
    main()
