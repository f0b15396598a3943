#!/usr/bin/env python3
"""PDF throughput and memory, measured: `make bench`. Prints figures; asserts nothing.

Builds a few-hundred-page PDF by repeating the rendered fixtures in tests/pdf/, then runs, each
in its own process so that peak memory is its own:
- the pipeline (`extract_file`: load, parse, check) on the whole file;
- bare pdfplumber, `page.extract_text()` on every page (pages closed as read);
- the pipeline on a third of the file, to show memory does not grow with pages.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "pdf").glob("0*.pdf"))


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


def main() -> None:
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


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    else:
        main()
