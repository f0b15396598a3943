"""Scale-out recipe: a whole archive of reports on a Dask cluster, the same records as
`extract run`.

`extract run --jobs N` already uses every core of one machine. Past one machine, Dask spreads
the files over its workers: each task runs `extract.batch.render_file` (the pure per-file step
of `extract run`) and writes the record atomically, under the name `extract run` would give
it, into an output folder every worker can reach (a shared file system). Needs `dask` (the dev
extra has it; a cluster needs `distributed` too):

    from dask.distributed import Client
    from extract.archive import extract_archive

    Client("tcp://scheduler:8786")           # or Client(LocalCluster()) to try it
    results = extract_archive(["/archive/reports"], "/shared/out", partitions=2000)
    failed = [r for r in results if r.status == "failed"]

The size limits hold as in `extract run`; the time and memory limits are Dask's (a worker's
`memory_limit`), since a task runs in the Dask worker's own process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.batch import file_result, output_names, render_file
from extract.inputs import find_inputs
from extract.run_report import FileResult
from extract.runner import Outcome
from extract.settings import Limits, OutputFormat

Item = tuple[str, str, str, str | None]
"""One input for a Dask task: its path, the folder it was found under, its record's name, and
why it cannot be read (None when it can)."""


def archive_items(paths: list[Path]) -> list[Item]:
    """The inputs of `paths` as `extract run` finds and names them, as plain picklable data."""
    inputs = find_inputs(paths).inputs
    return [
        (str(item.path), str(item.folder), name, item.problem)
        for item, name in zip(inputs, output_names(inputs), strict=True)
    ]


def extract_item(item: Item, out: str, limits: Limits | None = None) -> FileResult:
    """A Dask task: one input to its record file in `out` (created if need be), or a failure."""
    from extract.writer import write_atomic

    path, folder, name, problem = item
    if problem is not None:
        outcome = Outcome(0, code="unreadable_file", message=problem)
    else:
        outcome = render_file(
            Path(path),
            folder=Path(folder),
            output_format=OutputFormat.json,
            limits=limits,
            report_id=name,
        )
    output = None
    if outcome.ok:
        assert isinstance(outcome.payload, str)
        target = Path(out) / f"{name}.json"
        try:
            write_atomic(target, outcome.payload)
            output = str(target)
        except OSError as exc:
            outcome.code, outcome.message = "write_failed", f"cannot write {target}: {exc}"
    return file_result(Path(path), outcome, output)


def extract_archive(
    paths: list[Path | str],
    out: Path | str,
    *,
    partitions: int | None = None,
    limits: Limits | None = None,
    scheduler: Any = None,
) -> list[FileResult]:
    """Every report under `paths` extracted by Dask into `out`; one result per input, in input
    order. `partitions`: how many Dask tasks the inputs are split into (default: about 100
    files a task); `scheduler`: passed to `compute` (None: the active distributed Client, or
    Dask's default)."""
    import dask.bag as db

    items = archive_items([Path(p) for p in paths])
    if not items:
        return []
    count = partitions or max(1, len(items) // 100)
    bag = db.from_sequence(items, npartitions=min(count, len(items)))
    results: list[FileResult] = bag.map(extract_item, str(out), limits).compute(scheduler=scheduler)
    return results
