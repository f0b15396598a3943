#!/usr/bin/env python3
"""Throughput, memory and start-up, measured: `make bench`. Prints figures; asserts nothing.

Every figure is a ratio or a comparison between runs made here, in this process, on this
machine, so it means the same on a slow or a busy one.

PDF: builds a few-hundred-page PDF by repeating the rendered fixtures in tests/pdf/, then runs,
each in its own process so that peak memory is its own:
- the pipeline (`extract_file`: load, parse, check) on the whole file;
- bare pdfplumber, `page.extract_text()` on every page (pages closed as read);
- the pipeline on a third of the file, to show memory does not grow with pages.

Folders: `extract run` over 1,000 generated text reports (the five reference reports with
their figures varied) with --jobs 1 and --jobs 2; the whole run's peak memory (the parent and
its workers together, sampled from /proc) over 100, 300 and 1,000 files.

Start-up: `extract --help` against a bare `python -c pass`.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "pdf").glob("0*.pdf"))
RAW = sorted((ROOT / "raw").glob("*.txt"))
_SCRIPT = Path(sys.executable).with_name("extract")  # the console script, as a user runs it
EXTRACT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "extract"]


def build(target: Path, pages: int) -> int:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for fixture in FIXTURES:
            source = pdfium.PdfDocument(fixture)
            out.import_pages(source)
            source.close()
    out.save(target)
    count = len(out)
    out.close()
    return count


def measure(kind: str, path: str) -> None:
    """Run in a child process: print pages, seconds and peak RSS as JSON."""
    import resource

    import pdfplumber
    import pypdfium2  # noqa: F401  (imported before timing, as pdfplumber is)

    from extract.pipeline import extract_file

    start = time.perf_counter()  # imports are start-up, not throughput
    if kind == "pipeline":
        report = extract_file(path)
        pages = report.source.pages or 0
    else:
        pages = 0
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": pages, "seconds": seconds, "peak_mb": peak_mb}))


def run(kind: str, path: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--measure", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def generate_reports(folder: Path, count: int) -> None:
    """`count` text reports: the five reference reports in turn, each percentage moved by a
    few points so that no two are the same text."""
    texts = [path.read_text(encoding="utf-8") for path in RAW]
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        shift = n // len(texts) % 9

        def vary(match: re.Match[str], shift: int = shift) -> str:
            return f"{min(100, int(match[1]) + shift)}%"

        text = re.sub(r"\b(\d{1,2})%", vary, texts[n % len(texts)])
        (folder / f"report_{n:04d}.txt").write_text(text, encoding="utf-8")


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


def run_folder(folder: Path, jobs: int) -> dict[str, float]:
    """`extract run` on a folder: wall seconds and the peak memory of the whole process tree."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*EXTRACT, "run", str(folder), "--out", out, "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _tree_rss_mb(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            raise SystemExit(f"extract run failed: {process.stderr.read().decode()[-2000:]}")
        files = len(list(Path(out).glob("*.json"))) - 1  # not _run.json
    return {"files": files, "seconds": seconds, "peak_mb": peak}


def startup_seconds(command: list[str], repeats: int = 15) -> float:
    """The median wall time of a command, run `repeats` times (after one warm-up)."""
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def bench_pdf() -> None:
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.pdf", Path(folder) / "small.pdf"
        pages = build(big, 300)
        small_pages = build(small, 100)
        pipeline = run("pipeline", big)
        plumber = run("pdfplumber", big)
        pipeline_small = run("pipeline", small)
    ours = pipeline["pages"] / pipeline["seconds"]
    theirs = plumber["pages"] / plumber["seconds"]
    print(f"PDF of {pages} pages built from {len(FIXTURES)} rendered fixtures")
    print(f"pipeline (load+parse+check): {ours:8.1f} pages/s   peak {pipeline['peak_mb']:.0f} MB")
    print(f"bare pdfplumber extract_text: {theirs:7.1f} pages/s   peak {plumber['peak_mb']:.0f} MB")
    print(f"ratio pipeline / pdfplumber: {ours / theirs:8.1f}x")
    print(
        f"pipeline peak memory: {pipeline_small['peak_mb']:.0f} MB at {small_pages} pages, "
        f"{pipeline['peak_mb']:.0f} MB at {pages} pages"
    )


def bench_folders() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folders = {count: Path(folder) / str(count) for count in (100, 300, 1000)}
        for count, path in folders.items():
            generate_reports(path, count)
        one = run_folder(folders[1000], jobs=1)
        two = run_folder(folders[1000], jobs=2)
        memory = {count: run_folder(folders[count], jobs=2) for count in (100, 300)}
    memory[1000] = two
    rate_one, rate_two = one["files"] / one["seconds"], two["files"] / two["seconds"]
    print(f"folder of {one['files']:.0f} generated text reports (extract run, json records)")
    print(f"--jobs 1: {rate_one:7.1f} documents/s")
    print(f"--jobs 2: {rate_two:7.1f} documents/s")
    print(f"ratio --jobs 2 / --jobs 1: {rate_two / rate_one:.2f}x (target >= 1.8 on 2 cores)")
    peaks = [f"{m['peak_mb']:.0f} MB at {count} files" for count, m in sorted(memory.items())]
    print("whole-run peak memory (parent + workers), --jobs 2: " + ", ".join(peaks))


def bench_startup() -> None:
    bare = startup_seconds([sys.executable, "-c", "pass"])
    helped = startup_seconds([*EXTRACT, "--help"])
    print(
        f"start-up: extract --help {helped:.3f} s, python -c pass {bare:.3f} s: "
        f"{helped - bare:+.3f} s (target under +0.3 s)"
    )


def main() -> None:
    parts = {"pdf": bench_pdf, "folders": bench_folders, "startup": bench_startup}
    chosen = sys.argv[1:] or list(parts)
    unknown = [name for name in chosen if name not in parts]
    if unknown:
        raise SystemExit(f"usage: bench.py [{' | '.join(parts)} ...]; unknown: {unknown}")
    for name in chosen:
        parts[name]()
        print()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    else:
        main()
