"""The command line: loops over paths, calls the pipeline, reports, sets the exit code.

Exit codes: 0 every file extracted, 1 any file failed (the others are still written),
2 a usage error, 130 a run stopped by Ctrl-C or SIGTERM.
"""

import copy
import gc
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from extract import __version__
from extract.errors import ExtractError
from extract.settings import RUN_REPORT, Limits, OutputFormat
from extract.terminal import echo, escape

if TYPE_CHECKING:  # imported where used: `extract --help` starts without them
    from rich.progress import Progress

    from extract.batch import FileOutcome
    from extract.inputs import Input
    from extract.run_report import FileResult, Totals
    from extract.runner import Outcome, Summary
    from extract.sink import Sink, Target

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: `extract --help` starts without rich (0.3 s)
    help="Turn survey and poll reports (text, Markdown, web pages, PDF) into validated JSON "
    "records.",
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn survey and poll reports (text, Markdown, web pages, PDF) into validated JSON records."""


TABLE_COLUMNS = ("file", "format", "questions", "options", "quotes", "warnings")
TABLE_HEADER = (
    f"{'file':40} {'format':18} {'questions':>9} {'options':>7} {'quotes':>6} {'warnings':>8}"
)


class _Console:
    """Where a run's lines go: errors to standard error, the table to standard output (or
    standard error when records go there); above a progress bar on an interactive terminal.
    On a terminal the table is drawn by rich once the run is done; in pipes each row is a plain
    line as soon as its file is done. `quiet` keeps only the errors."""

    def __init__(self, *, data_on_stdout: bool, quiet: bool = False) -> None:
        self.data_on_stdout = data_on_stdout
        self.quiet = quiet
        self.progress: Progress | None = None
        self.interactive = not data_on_stdout and sys.stdout.isatty() and sys.stderr.isatty()
        self.rows: list[tuple[str, ...]] = []

    @contextmanager
    def progress_bar(self, total: int) -> Iterator[None]:
        if not self.interactive or self.quiet:
            yield
            return
        from rich.progress import Progress

        # No refresh thread: workers are forked, and a fork should not copy a running thread.
        with Progress(auto_refresh=False, transient=True) as progress:
            self.progress = progress
            self.bar = progress.add_task("extracting", total=total)
            try:
                yield
            finally:
                self.progress = None

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.bar)
            self.progress.refresh()

    def _print(self, line: str, *, err: bool) -> None:
        if self.progress is not None:
            self.progress.console.print(escape(line), markup=False, highlight=False, soft_wrap=True)
            return
        try:
            echo(line, err=err)
        except BrokenPipeError:  # `extract run raw/ | head -1`: the run goes on, unheard
            _silence_stdout()
            self.quiet = True

    def note(self, line: str) -> None:
        if not self.quiet:
            self._print(line, err=self.data_on_stdout)

    def error(self, line: str) -> None:
        self._print(line, err=True)

    def table_header(self) -> None:
        if not self.interactive:
            self.note(TABLE_HEADER)

    def row(self, name: str, summary: "Summary", output: str) -> None:
        """A file's row in the table: printed now in a pipe, kept for rich on a terminal."""
        if not self.interactive:
            self.note(_table_line(name, summary, output))
            return
        counts = (summary.questions, summary.options, summary.quotes, summary.warnings)
        self.rows.append((escape(name), summary.format, *map(str, counts)))

    def table(self) -> None:
        """The rich table of the rows kept (a terminal only)."""
        if self.rows and not self.quiet:
            from rich.console import Console

            Console().print(summary_table(self.rows))


def summary_table(rows: list[tuple[str, ...]]) -> object:
    """The run's table as a rich Table: a file a row, counts right-aligned."""
    from rich.table import Table

    table = Table(header_style="bold")
    for column in TABLE_COLUMNS:
        numeric = column not in ("file", "format")
        table.add_column(column, justify="right" if numeric else "left")
    for cells in rows:
        table.add_row(*cells)
    return table


def _silence_stdout() -> None:
    """The reader of standard output has gone: later writes (and the flush at exit) go to
    /dev/null instead of raising BrokenPipeError again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _table_line(name: str, summary: "Summary", output: str | None) -> str:
    target = f"  -> {output}" if output else ""
    return (
        f"{name[:40]:40} {summary.format:18} {summary.questions:>9} {summary.options:>7} "
        f"{summary.quotes:>6} {summary.warnings:>8}{target}"
    )


def _target(out: str, output_format: OutputFormat | None) -> "Target":
    """What --out and --format together mean; a combination that cannot be written is a usage
    error that says what to give instead. A name ending in .jsonl is a JSON Lines file; .json
    and .csv name no folder a format writes (json writes a file per record, csv four tables)."""
    from extract.sink import Target

    if out == "-":
        if output_format in (None, OutputFormat.jsonl):
            return Target(OutputFormat.jsonl)
        if output_format is OutputFormat.json:
            _usage("--format json writes a file per record; for standard output use --format "
                   "jsonl (one record a line)")  # fmt: skip
        _usage("--format csv writes four tables (questions.csv, options.csv, statistics.csv, "
               "quotes.csv): give a folder with --out")  # fmt: skip
    path = Path(out)
    suffix = path.suffix.lower()
    if path.is_dir() or suffix not in (".jsonl", ".json", ".csv"):
        return Target(output_format or OutputFormat.json, folder=path)
    if suffix == ".jsonl" and output_format in (None, OutputFormat.jsonl):
        return Target(OutputFormat.jsonl, file=path)
    if suffix == ".jsonl":
        _usage(f"--out {out} names a JSON Lines file; --format {output_format} writes a folder")
    if suffix == ".json":
        _usage(f"--out {out} names a file; records go into a folder (--out out/), or into "
               "one JSON Lines file (--out records.jsonl)")  # fmt: skip
    _usage(f"--out {out} names a file; CSV output (--format csv) is four tables written into "
           "a folder (--out out/)")  # fmt: skip
    raise AssertionError("unreachable")


def _usage(message: str) -> NoReturn:
    echo(f"error: {message}", err=True)
    raise typer.Exit(2)


WEEK = 7 * 24 * 3600
"""The longest --timeout: a wait longer than the system's timers can hold would crash."""
TEBIBYTE_MB = 1024 * 1024
"""The largest --memory-limit and size limits: more than any machine, within what the
system's memory limit can hold."""


@app.command()
def run(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Report files or folders (searched recursively).", show_default=False),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Folder the output goes to; a name ending in .jsonl: that JSON Lines file; "
            "'-': standard output (JSON Lines).",
        ),
    ] = "out",
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json: one <id>.json per report; jsonl: records.jsonl, one record a line; "
            "csv: questions.csv, options.csv, statistics.csv and quotes.csv. Default: json "
            "(jsonl for --out - or --out FILE.jsonl).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any record has a warning; name them.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes reading files at once; default: the number of cores. "
            "The output is the same for any number.",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            min=0.001,
            max=WEEK,
            help="Seconds one file may take before it is stopped.",
        ),
    ] = Limits().seconds,
    memory_limit: Annotated[
        int,
        typer.Option(
            min=64, max=TEBIBYTE_MB, help="MB of memory (address space) a worker may use."
        ),
    ] = Limits().memory_mb,
    max_text_mb: Annotated[
        float,
        typer.Option(
            min=0.001,
            max=TEBIBYTE_MB,
            help="Larger text files are refused as too_large.",
        ),
    ] = Limits().text_mb,
    max_pdf_mb: Annotated[
        float,
        typer.Option(
            min=0.001,
            max=TEBIBYTE_MB,
            help="Larger PDF files are refused as too_large.",
        ),
    ] = Limits().pdf_mb,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected failure.")
    ] = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow symbolic links that lead outside the folders given (by default they "
            "are noted and not followed).",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only errors: no table, notes or summary."),
    ] = False,
) -> None:
    """Extract every report in PATHS and write validated records to OUT.

    Each file is read in a worker process under the time and memory limits, so a broken or
    hostile file costs only itself: it gets one line "PATH: error CODE: reason" on standard
    error, and the other files go on. OUT/_run.json records what happened to every file.
    Exit code: 0 all files extracted, 1 any file failed, 2 usage error, 130 interrupted
    (Ctrl-C or SIGTERM).

    Example: extract run raw/ --out out/   |   extract run raw/ --format jsonl --out - | jq .id
    (a file whose name starts with "-" goes after "--": extract run --out out/ -- -draft.txt)
    """
    from extract.inputs import find_inputs, printable
    from extract.loaders import SUPPORTED_SUFFIXES
    from extract.run_report import RunReport
    from extract.runner import default_jobs
    from extract.sink import Sink

    for path in paths:
        if not os.path.lexists(path):
            _usage(f"no such file or folder: {printable(path)}")
    target = _target(out, output_format)
    to_stdout = target.folder is None and target.file is None
    console = _Console(data_on_stdout=to_stdout, quiet=quiet)
    if to_stdout and output_format is None:
        console.note("note: --out - writes JSON Lines (one record a line)")
    found = find_inputs(paths, follow_symlinks=follow_symlinks)
    for line in found.notes:
        console.note(line)
    if found.skipped:
        console.note(_skipped_note(found.skipped, reported=target.folder is not None))
    if not found.inputs:
        console.error(
            "no report files found (extract reads " + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")"
        )
        raise typer.Exit(1)
    sink = Sink(target)
    problem = sink.start()
    if problem:
        console.error(f"error write_failed: {problem}")
        raise typer.Exit(1)
    limits = Limits(seconds=timeout, memory_mb=memory_limit, text_mb=max_text_mb, pdf_mb=max_pdf_mb)
    jobs = jobs or default_jobs()
    started, clock = datetime.now(UTC), time.perf_counter()
    try:
        with _sigterm_as_interrupt():
            results = _run_files(
                found.inputs, sink=sink, jobs=jobs, limits=limits, console=console, debug=debug
            )
    except BrokenPipeError:  # `--out - | head -1`: the reader took what it wanted and went,
        _silence_stdout()  # as after `yes | head -1`: not an error
        raise typer.Exit(0) from None
    interrupted = any(r.status == "not_run" for r in results)
    unwritten = sink.close(complete=not interrupted)
    if unwritten:
        _not_written(results, sink.stream_name, unwritten, console, interrupted=interrupted)
    report = RunReport(
        tool=f"extract {__version__}",
        started=started.isoformat(timespec="seconds"),
        seconds=round(time.perf_counter() - clock, 3),
        interrupted=interrupted,
        output_format=target.output_format,
        jobs=jobs,
        limits=limits,
        files=results,
        notes=found.notes,
        skipped=[printable(path) for path in found.skipped],
        totals=_totals(results),
    )
    console.table()
    problem = sink.run_report(report.model_dump_json(indent=2) + "\n")
    if problem:
        console.error(f"error write_failed: {problem}")
    totals = report.totals
    summary = (
        f"{totals.ok} of {totals.files} files extracted; {totals.questions} questions, "
        f"{totals.options} options, {totals.quotes} quotes, {totals.warnings} warnings"
        + (
            f"; {totals.no_question_structure} with shares but no questions"
            if totals.no_question_structure
            else ""
        )
    )
    if interrupted:
        console.error(f"interrupted: {summary}; {totals.not_run} not finished")
        raise typer.Exit(130)  # 128 + SIGINT, also after SIGTERM: the run was stopped
    console.note(summary)
    if strict and totals.warnings:
        _strict_lines(results, console)
    if totals.failed or problem or (strict and totals.warnings):
        raise typer.Exit(1)


def _strict_lines(results: list["FileResult"], console: _Console) -> None:
    """Why --strict fails the run: each record's warning codes, then all of them counted."""
    from collections import Counter

    every: Counter[str] = Counter()
    for result in results:
        if result.warning_codes:
            every.update(result.warning_codes)
            console.error(f"{result.input}: strict: warnings {_counted(result.warning_codes)}")
    records = sum(bool(r.warning_codes) for r in results)
    carry = "record carries" if records == 1 else "records carry"
    console.error(
        f"strict: exit 1: {records} {carry} {sum(every.values())} warnings: {_counted(every)}"
    )


def _counted(codes: dict[str, int]) -> str:
    return ", ".join(f"{code} x{n}" if n > 1 else code for code, n in sorted(codes.items()))


def _skipped_note(skipped: list[Path], *, reported: bool) -> str:
    """One line for the files a folder held that are not reports, counted by suffix."""
    from collections import Counter

    suffixes = Counter(path.suffix.lower() or "no suffix" for path in skipped)
    counted = ", ".join(f"{n} {suffix}" for suffix, n in sorted(suffixes.items()))
    where = f"; {RUN_REPORT} lists them" if reported else ""
    return f"skipped {len(skipped)} files that are not reports ({counted}){where}"


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` (a scheduler's time-out, a closed session) stops a run the way Ctrl-C does: the
    workers are stopped, complete files kept, and the run report written."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_files(
    inputs: list["Input"],
    *,
    sink: "Sink",
    jobs: int,
    limits: Limits,
    console: _Console,
    debug: bool,
) -> list["FileResult"]:
    """Run every input and write each record as soon as it is next in input order; on Ctrl-C,
    stop and keep only complete files. One `FileResult` per input."""
    from extract.batch import output_names
    from extract.inputs import printable
    from extract.run_report import FileResult
    from extract.runner import in_input_order, plan, prepare, run_tasks

    names = output_names(inputs)
    tasks, known = plan(inputs, sink.format, ids=names)
    results = [FileResult(input=printable(item.path), status="not_run") for item in inputs]
    try:
        prepare()  # Ctrl-C while it loads is an interrupted run like any other
        gc.enable()  # held off by `_main` while the run started: nothing it built is garbage
        with ExitStack() as stack:
            console.table_header()
            stack.enter_context(console.progress_bar(len(inputs)))
            outcomes = run_tasks(tasks, jobs=jobs, limits=limits)
            stack.callback(outcomes.close)  # Ctrl-C: the workers are stopped at once
            for outcome in in_input_order(outcomes, known):
                output = None
                if outcome.ok:
                    assert outcome.payload is not None
                    output, failure = sink.put(names[outcome.index], outcome.payload)
                    if failure:  # a full disk, a read-only or deleted folder
                        outcome.code, outcome.message = "write_failed", failure
                results[outcome.index] = _file_result(
                    inputs[outcome.index].path, outcome, output, console, debug=debug
                )
                console.advance()
    except KeyboardInterrupt:
        pass  # the caller reports the files left as not_run
    return results


def _not_written(
    results: list["FileResult"], stream: str, reason: str, console: _Console, *, interrupted: bool
) -> None:
    """The records that went into a stream that was never completed have no output: after
    Ctrl-C they stay extracted, with the reason; after a failure they are `write_failed`."""
    from extract.inputs import printable

    if not interrupted:
        console.error(f"error write_failed: {reason}")
    for result in results:
        if result.status == "ok" and result.output == printable(stream):
            result.output, result.message = None, reason
            if not interrupted:
                result.status, result.code = "failed", "write_failed"


def _error_line(path: Path, outcome: "Outcome | FileOutcome") -> str:
    from extract.inputs import printable

    return f"{printable(path)}: error {outcome.code}: {outcome.message}"


def _file_result(
    path: Path, outcome: "Outcome", output: str | None, console: _Console, *, debug: bool
) -> "FileResult":
    """Say what became of one file (a table row, or its error line) and record it."""
    from extract.batch import file_result
    from extract.inputs import printable

    if not outcome.ok:
        console.error(_error_line(path, outcome))
        if debug and outcome.detail:
            for line in outcome.detail.rstrip().splitlines():
                console.error(line)
    else:
        assert outcome.summary is not None and output is not None
        console.row(printable(path.name), outcome.summary, output)
    return file_result(path, outcome, output)


def _totals(results: list["FileResult"]) -> "Totals":
    from extract.run_report import Totals

    def total(field: str) -> int:
        return sum(getattr(r, field) or 0 for r in results)

    return Totals(
        files=len(results),
        ok=sum(r.status == "ok" for r in results),
        failed=sum(r.status == "failed" for r in results),
        not_run=sum(r.status == "not_run" for r in results),
        questions=total("questions"),
        options=total("options"),
        quotes=total("quotes"),
        warnings=total("warnings"),
        no_question_structure=sum(
            bool((r.warning_codes or {}).get("no_question_structure")) for r in results
        ),
    )


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders to re-extract.")],
    golden: Annotated[
        Path, typer.Option(help="Folder of golden records, <stem>.json for each report.")
    ] = Path("tests/golden"),
    spans: Annotated[
        bool,
        typer.Option(
            "--spans",
            help="Also compare where each value sits in the text (span offsets, lines, pages); "
            "by default a value that only moved is no difference.",
        ),
    ] = False,
) -> None:
    """Re-extract reports and compare each with its golden record: the gate after changing a
    rule.

    The comparison is extract diff's (questions paired by id and wording, options by label,
    lists as sets; the source's path and hash and the extract version ignored), so one edit
    gives one line, "<report> <question> <what changed>", not a line per moved offset.
    Exit 0 when every record is the same, 1 when anything differs or a golden is missing.
    Example: extract check raw/ --golden tests/golden
    """
    from extract.batch import extract_many
    from extract.diff import Compare, diff_records, load_records
    from extract.inputs import printable
    from extract.records import BadRecord

    checked = failed = differing = 0
    for outcome in extract_many(paths):
        path, checked = outcome.path, checked + 1
        if outcome.report is None:
            failed += 1
            echo(_error_line(path, outcome), err=True)
            continue
        golden_path = golden / f"{path.stem}.json"
        try:  # read as diff reads records: checked against the schema, so never a traceback
            (expected,) = load_records(golden_path).values()
        except (BadRecord, ValueError) as exc:
            failed += 1
            reason = exc.message if isinstance(exc, BadRecord) else f"{golden_path}: not one record"
            echo(f"{printable(path)}: error no_golden: {reason}", err=True)
            continue
        fresh = outcome.report.model_dump(mode="json")
        changes = diff_records(expected, fresh, Compare(spans=spans))
        differing += bool(changes)
        echo(f"{path.name}: {len(changes)} differences" if changes else f"{path.name}: identical")
        for change in changes:
            echo(f"  {change.report} {change.message}")
    if failed or differing or not checked:
        raise typer.Exit(1)


def _pairs(values: list[str]) -> list[tuple[str, str]]:
    """--pair OLD=NEW values as (old, new); one without "=" is a usage error."""
    pairs = []
    for value in values:
        old, sep, new = value.partition("=")
        if not (sep and old and new):
            _usage(f"--pair {value}: give OLD=NEW, two record ids or file names")
        pairs.append((old, new))
    return pairs


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="A record file (.json/.jsonl) or a folder of them.")],
    new: Annotated[Path, typer.Argument(help="The records to compare with OLD.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the changes as a JSON list, for programs.")
    ] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table for a release note.")
    ] = False,
    pair: Annotated[
        list[str] | None,
        typer.Option(
            "--pair",
            help="OLD=NEW: compare these two records (ids or file names), whatever pairing "
            "would do; repeat for more.",
            show_default=False,
        ),
    ] = None,
    tolerance: Annotated[
        float,
        typer.Option(
            min=0,
            max=100,
            help="Percentage points by which a share may move and count as the same (rounding "
            "noise: 0.5 lets 32.4 -> 32.8 pass).",
        ),
    ] = 0.0,
    spans: Annotated[
        bool, typer.Option("--spans", help="Also compare where each value sits in the text.")
    ] = False,
) -> None:
    """Show what changed between two sets of records, ignoring spans and offsets.

    Two files are compared whatever their names. In two folders, reports are paired by id
    (the file stem), then by the same title, publisher and series, then by title and
    publisher, each only where one report on each side has it; --pair pairs the rest.
    Reported: reports added and removed, report fields, questions added, removed, reworded
    (paired by id, then figure, then wording), kinds, bases, shares, options relabelled
    (the same share, a similar label), added or removed, warnings new and gone, quotes,
    statistics. Exit 0 when there is no difference, 1 when there is, 2 when the input
    cannot be compared.
    Example: extract diff last_month/ out/ --markdown --tolerance 0.5
    """
    from extract.diff import (
        Compare,
        diff_paths,
        exit_code,
        render_json,
        render_markdown,
        render_table,
    )
    from extract.inputs import printable
    from extract.records import BadRecord

    for path in (old, new):
        if not os.path.lexists(path):
            _usage(f"no such file or folder: {printable(path)}")
    skipped: list[str] = []
    try:
        changes = diff_paths(old, new, skipped, Compare(tolerance, spans), _pairs(pair or []))
    except BadRecord as exc:  # exit 2, never 1: 1 says "the records differ"
        for problem in exc.problems:
            echo(f"error {exc.code}: {problem}", err=True)
        raise typer.Exit(2) from None
    except ExtractError as exc:  # a --pair naming no record
        _usage(exc.message)
    except Exception as exc:
        echo(f"error internal_error: {type(exc).__name__}: {exc} (a bug in extract)", err=True)
        raise typer.Exit(2) from None
    for line in skipped:
        echo(f"skipped {line}", err=True)
    render = render_json if as_json else render_markdown if as_markdown else render_table
    typer.echo(render(changes).rstrip("\n"))  # each cell escaped by the renderer
    raise typer.Exit(exit_code(changes))


RECORD_SUFFIXES = (".json", ".jsonl")


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Record files (.json, or .jsonl: a record a line) or folders."),
    ],
) -> None:
    """Check records against schemas/report.schema.json (a run report, _run.json, against
    schemas/run.schema.json); name each failing field, and the line of a .jsonl file.

    A folder is searched recursively for .json and .jsonl files; the others are skipped with
    a note. Exit 0 when every record is valid, 1 when any is not or none was found.
    Example: extract validate out/   |   extract validate out/records.jsonl
    """
    from extract.inputs import printable

    files: list[Path] = []
    skipped = 0
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for child in sorted(p for p in path.rglob("*") if not p.is_dir()):
            if child.suffix.lower() in RECORD_SUFFIXES:
                files.append(child)
            else:
                skipped += 1
                echo(f"{printable(child)}: skipped: not a .json or .jsonl file", err=True)
    checked = bad = 0
    for path in files:  # every file checked, whatever the ones before it held
        file_checked, file_bad = _validate_file(path)
        checked, bad = checked + file_checked, bad + file_bad
    if not checked:
        echo(f"error: no records to validate ({skipped} files skipped)", err=True)
        raise typer.Exit(1)
    if bad:
        raise typer.Exit(1)


def _validate_file(path: Path) -> tuple[int, int]:
    """Validate every record of one file and say so: an error line per failing field or
    unreadable record (with the line of a .jsonl file), or one `valid` line. Returns
    (records, invalid)."""
    from extract.inputs import printable
    from extract.records import BadRecord, UnreadableRecordFile, records_in
    from extract.writer import schema_errors

    schema = "run.schema.json" if path.name == RUN_REPORT else "report.schema.json"
    try:
        found = list(records_in(path))
    except UnreadableRecordFile as exc:
        echo(f"{printable(path)}: cannot read the file: {exc.reason}", err=True)
        return 1, 1
    except BadRecord as exc:  # not a record file at all (a pipe, a device, too large)
        echo(f"error {exc.code}: {exc.message}", err=True)
        return 1, 1
    bad = 0
    for where, data in found:
        if isinstance(data, BadRecord):  # this record only: the file's others are still read
            bad += 1
            echo(f"error {data.code}: {data.message}", err=True)
            continue
        errors = schema_errors(data, schema)
        for error in errors:
            echo(f"{where}: {error}", err=True)
        bad += bool(errors)
    if not found:
        echo(f"{printable(path)}: no records: the file is empty", err=True)
    elif not bad:
        many = f" ({len(found)} records)" if path.suffix.lower() == ".jsonl" else ""
        echo(f"{printable(path)}: valid{many}")
    return len(found), bad


@app.command()
def schema(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            "--folder",
            help="Folder to write them to; default: schemas/ in the current directory.",
        ),
    ] = Path("schemas"),
) -> None:
    """Render the JSON Schemas of the record and of the run report (_run.json) from the
    pydantic models, into OUT (never into the installed package).

    Example: extract schema --out schemas/
    """
    from extract.schema import SCHEMAS, schema_text
    from extract.writer import write_atomic

    for name in SCHEMAS:
        target = out / name
        try:
            write_atomic(target, schema_text(name))
        except OSError as exc:
            echo(f"error write_failed: cannot write {target}: {exc.strerror}", err=True)
            raise typer.Exit(1) from None
        echo(f"wrote {target}")


@app.command()
def text(
    file: Annotated[Path, typer.Argument(help="A report file.")],
    blocks: Annotated[
        bool,
        typer.Option(
            "--blocks",
            help="Print the layout instead: one line per block (kind, offsets, page, marker, "
            "text), a table's rows indented under it with their cells.",
        ),
    ] = False,
) -> None:
    """Print the document text exactly as the parsers see it; span offsets index into it.

    Example: extract text raw/000_973d4c83f07564ec.txt | cut -c 1-80
    """
    from extract.loaders import load

    try:
        loaded = load(file)
    except ExtractError as exc:
        echo(f"{file}: error {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # never a traceback for a user
        echo(f"{file}: error internal_error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    if blocks:
        from extract.layout import describe_blocks

        for line in describe_blocks(loaded.document):
            echo(line)
        return
    sys.stdout.write(loaded.document.text)


@app.command()
def score(
    truth: Annotated[
        Path, typer.Argument(help="A truth file, or a folder of them (<doc>.json each).")
    ],
    out: Annotated[
        Path, typer.Argument(help="The records: a folder of them, a .json or a .jsonl file.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print every count and ratio as JSON.")
    ] = False,
    annotated_pages: Annotated[
        bool,
        typer.Option(
            "--annotated-pages",
            help="Of a truth marked partial, score only the record's questions and quotes on "
            "its annotated pages (default: all of them, as score.py does).",
        ),
    ] = False,
) -> None:
    """Score records against hand-made truth files: precision, recall and F1 per field.

    A row per document and a TOTAL row: report facts, questions, bases, kinds, options, labels,
    free-text counts and quotes; then the strict and lenient overall scores. The truth format
    is in the README (Annotating a release). Exit 0 when scored, 2 for bad input.
    Example: extract score truth/ out/   |   extract score truth/ out/ --json | jq .total.strict
    """
    from extract.records import BadRecord
    from extract.scorecard import render_json, render_table, score_paths

    notes: list[str] = []
    try:
        rows = score_paths(truth, out, notes, annotated_pages=annotated_pages)
    except BadRecord as exc:  # a record file: each bad one named
        for problem in exc.problems:
            echo(f"error {exc.code}: {problem}", err=True)
        raise typer.Exit(2) from None
    except ExtractError as exc:
        echo(f"error {exc.code}: {exc.message}", err=True)
        raise typer.Exit(2) from None
    for line in notes:
        echo(line, err=True)
    if as_json:
        from extract.terminal import escape_json

        typer.echo(escape_json(render_json(rows)).rstrip("\n"))
        return
    for line in render_table(rows).splitlines():
        echo(line)


@app.command()
def review(
    file: Annotated[Path, typer.Argument(help="A report file (text, Markdown, web page, PDF).")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the page; default: out/<stem>.review.html.",
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        Path | None,
        typer.Option(
            "--record",
            help="Show this record of FILE (a .json made earlier, e.g. a golden record or a "
            "past release's) instead of extracting FILE again; it must have been made from "
            "FILE (same sha256).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML page to check a report's record against its text.

    The page shows the text as `extract text` prints it, every extracted value highlighted
    where it was read (hover or click: question, option, label, percent, base), every warning
    marked in place, and a bar chart of each question's options. It needs no network.
    Exit 0 when written, 1 when the report cannot be read or the page cannot be written.
    Example: extract review raw/002_32b4aaddebb844bc.txt --out review.html
    """
    from extract.inputs import printable
    from extract.review import default_output, document_and_record, review_html
    from extract.writer import write_atomic

    try:
        doc, report = document_and_record(file, record)
    except ExtractError as exc:
        echo(f"{printable(file)}: error {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # never a traceback for a user
        echo(f"{printable(file)}: error internal_error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    target = out or default_output(file)
    try:
        write_atomic(target, review_html(doc, report))
    except OSError as exc:
        echo(f"error write_failed: cannot write {printable(target)}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    echo(f"wrote {printable(target)}")


def main() -> NoReturn:
    """The console script: Ctrl-C, a closed pipe or a bug never ends in a traceback (unless
    --debug). The process ends at once once its output is flushed (`_exit_now`)."""
    try:
        _main()
    except SystemExit as exc:
        _exit_now(exc.code)
    _exit_now(0)


def _exit_now(code: object) -> NoReturn:
    """Flush standard output and error, then end the process without tearing it down: the
    final garbage collection and the freeing of every compiled pattern and model cost more
    than reading a small file, and there is nothing left to clean up (records are written and
    closed, workers stopped). The exit code is the one SystemExit would have given."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # the reader has gone, or the stream was closed
            stream.flush()
    os._exit(status)


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that `args` start with, else the whole app (no command,
    an option first, a name that is no command: the list of commands, `--version`, typer's
    own "No such command"). Typer builds every command's parameters from its signature at each
    start, and a command line runs one: the others cost a run about 3% of its time."""
    chosen = [info for info in app.registered_commands if args and _command_name(info) == args[0]]
    if not chosen:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    return single


def _command_name(info: typer.models.CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _main() -> None:
    # pydantic plugins observe a program's own models, and the command line runs none of a
    # user's; finding them reads every installed package's entry points (1-2% of a run on
    # one small text). pydantic's own switch; a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:]
    if args[:1] == ["run"]:
        # The start-up builds objects that live as long as the process (modules, models, the
        # compiled patterns), and a collection while they are built only walks them again (2%
        # of a run on one small text): `_run_files` collects again once the pipeline is loaded.
        gc.disable()
    try:
        app_for(args)(standalone_mode=True)
    except KeyboardInterrupt:  # outside a run (a run handles its own)
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:  # `extract run ... --out - | head -1`: the reader took what it
        _silence_stdout()  # wanted and went, as `yes | head -1` does: not an error
        raise SystemExit(0) from None
    except Exception as exc:
        if "--debug" in sys.argv:
            raise
        sys.stderr.write(
            escape(
                f"error internal_error: {type(exc).__name__}: {exc} (a bug in extract; rerun "
                "with --debug and report it)"
            )
            + "\n"
        )
        raise SystemExit(1) from None
