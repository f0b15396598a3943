"""Many reports from Python, on the engine of `extract run`: worker processes under the time
and memory limits, outcomes back in input order. `render_file` is the pure per-file step the
engine runs in each worker, for schedulers of other machines (see extract/archive.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.inputs import Input, find_inputs, printable
from extract.models import Report
from extract.run_report import FileResult
from extract.runner import Outcome, Task, default_jobs, in_input_order, plan, run_task, run_tasks
from extract.settings import RUN_REPORT, Limits, OutputFormat


@dataclass(frozen=True)
class FileOutcome:
    """What became of one input: its record, or the error code and reason it has none."""

    path: Path
    report: Report | None
    code: str | None = None
    """A stable error code (the README lists them) when there is no record."""
    message: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.report is not None


def extract_many(
    paths: Iterable[Path | str],
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    follow_symlinks: bool = False,
) -> Iterator[FileOutcome]:
    """Extract every report in `paths` (files, or folders searched as `extract run` does,
    `follow_symlinks` as its --follow-symlinks) in `jobs` worker processes (default: one per
    core) under `limits`, yielding one outcome per input in input order as soon as it is next.
    Each record's `id` is the name `extract run` would write it under. A bad file is an outcome
    with a `code`, never an exception; stopping the iteration early stops the workers."""
    inputs = find_inputs([Path(p) for p in paths], follow_symlinks=follow_symlinks).inputs
    tasks, known = plan(inputs, OutputFormat.jsonl, ids=output_names(inputs))
    outcomes = run_tasks(tasks, jobs=jobs or default_jobs(), limits=limits or Limits())
    try:
        for outcome in in_input_order(outcomes, known):
            yield _file_outcome(inputs[outcome.index].path, outcome)
    finally:
        outcomes.close()


def _file_outcome(path: Path, outcome: Outcome) -> FileOutcome:
    report = None
    if outcome.ok:
        assert isinstance(outcome.payload, str)
        report = Report.model_validate_json(outcome.payload)
    return FileOutcome(path, report, outcome.code, outcome.message, outcome.seconds)


def render_file(
    path: Path,
    *,
    folder: Path | None = None,
    output_format: OutputFormat = OutputFormat.json,
    limits: Limits | None = None,
    report_id: str | None = None,
) -> Outcome:
    """One file to its rendered record (`payload`, byte for byte what `extract run` writes) or
    an error code: the work `extract run` gives a worker, in this process. The size limits
    hold; the time and memory limits are the caller's (a worker process, a Dask worker's
    memory limit). `folder`: what `source.path` is relative to (default: the file's folder);
    `report_id`: the record's id, the name it is written under (default: the file's stem)."""
    task = Task(0, path, folder if folder is not None else path.parent, output_format, report_id)
    return run_task(task, limits or Limits())


def _unique_name(stem: str, taken: set[str]) -> str:
    """`stem`, or `stem~2`, `stem~3`…: the first not taken, case ignored, since on a
    case-insensitive file system (macOS, Windows) `Report.json` would overwrite `report.json`."""
    name, n = stem, 2
    while name.casefold() in taken:
        name, n = f"{stem}~{n}", n + 1
    taken.add(name.casefold())
    return name


def output_names(inputs: list[Input]) -> list[str]:
    """A file name (without .json) for each input's record, fixed before the run so that it
    does not depend on which files fail or finish first. A name is the input's stem, made
    printable and short enough for any file system; it cannot hold a "/" so it stays in the
    output folder, and `_run` is kept for the run report. It is also the record's `id`, so
    that two inputs never give one id (`diff` pairs records by id)."""
    taken = {RUN_REPORT.removesuffix(".json")}
    names = []
    for item in inputs:
        stem = printable(item.path.stem).encode("utf-8")[:200].decode("utf-8", "ignore")
        names.append(_unique_name(stem, taken))
    return names


def file_result(path: Path, outcome: Outcome, output: str | None) -> FileResult:
    """The run report's entry for one input: what `_run.json` says of it."""
    seconds = round(outcome.seconds, 3)
    if not outcome.ok:
        return FileResult(
            input=printable(path),
            status="failed",
            code=outcome.code,
            message=outcome.message,
            seconds=seconds,
        )
    assert outcome.summary is not None and output is not None
    return FileResult(
        input=printable(path),
        status="ok",
        seconds=seconds,
        output=printable(output),
        **vars(outcome.summary),
    )
