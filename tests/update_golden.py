"""Rewrite tests/golden/<stem>.json from raw/<stem>.* — for review, never run by tests.

Usage: make golden   (then read `git diff tests/golden` against the documents, number by number)
       python -m tests.update_golden raw/003_3e1dfabc19509116.txt   (just one)
"""

from __future__ import annotations

import sys
from pathlib import Path

from extract.pipeline import extract_file
from extract.writer import record_json, write_atomic
from tests.conftest import GOLDEN, RAW, ROOT


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(
        p for p in RAW.iterdir() if p.is_file() and not p.name.startswith(".")
    )
    extra = sorted((ROOT / "tests" / "documents").glob("*.*"))
    for path in paths if argv else [*paths, *extra]:
        report = extract_file(path, relative_to=path.parent)
        target = GOLDEN / f"{path.stem}.json"
        write_atomic(target, record_json(report))
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
