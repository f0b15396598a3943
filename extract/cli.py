"""The command line: loops over paths, calls the pipeline, reports, sets the exit code.

Exit codes: 0 every file extracted, 1 any file failed (the others are still written),
2 a usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extract.errors import ExtractError
from extract.loaders import SUPPORTED_SUFFIXES, load

if TYPE_CHECKING:
    from extract.models import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Turn survey and poll reports (text, later PDF) into validated JSON records.",
)


def _inputs(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[tuple[Path, str]]]:
    """(file, folder it was found under) for every input, and paths that do not exist."""
    found: list[tuple[Path, Path]] = []
    missing: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append((child, path))
        elif path.exists():
            found.append((path, path.parent))
        else:
            missing.append((path, "no such file or folder"))
    return found, missing


def _unique_name(stem: str, taken: set[str]) -> str:
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}~{n}", n + 1
    taken.add(name)
    return name


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _extract_all(
    files: list[tuple[Path, Path]], *, debug: bool, echo: Callable[[str], None]
) -> tuple[list[tuple[Path, Report]], int]:
    """Each file's report, or one error line for it; the others go on. Returns (done, failed)."""
    from extract.pipeline import extract_file

    done: list[tuple[Path, Report]] = []
    failed = 0
    for path, folder in files:
        try:
            done.append((path, extract_file(path, relative_to=folder)))
        except ExtractError as exc:
            failed += 1
            echo(f"{path}: error {exc.code}: {exc.message}")
        except Exception as exc:  # a parser bug must not cost the user the other files
            if debug:
                raise
            failed += 1
            echo(
                f"{path}: error internal_error: {type(exc).__name__}: {exc} "
                "(a bug in extract; rerun with --debug and report it)"
            )
    return done, failed


@app.command()
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Report files or folders (searched recursively).")
    ],
    out: Annotated[
        str,
        typer.Option("--out", "-o", help="Folder the output goes to; '-' for standard output."),
    ] = "out",
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: one <id>.json per report; jsonl: records.jsonl, one record a line; "
            "csv: options.csv, one row per option.",
        ),
    ] = OutputFormat.json,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any record has a warning.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected failure.")
    ] = False,
) -> None:
    """Extract every report in PATHS and write validated records to OUT.

    Example: extract run raw/ --out out/   |   extract run raw/ --format jsonl --out - | jq .id
    """
    from extract.writer import csv_text, jsonl_line, write_atomic, write_record

    to_stdout = out == "-"

    def note(line: str) -> None:  # the summary; kept off standard output when data goes there
        typer.echo(line, err=to_stdout)

    def error(line: str) -> None:
        typer.echo(line, err=True)

    files, missing = _inputs(paths)
    for path, reason in missing:
        error(f"{path}: error unreadable_file: {reason}")
    if not files and not missing:
        error("no report files found (extract reads " + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")")
        raise typer.Exit(1)
    done, failed = _extract_all(files, debug=debug, echo=error)
    failed += len(missing)
    out_dir = Path(out)
    taken: set[str] = set()
    written: dict[Path, str] = {}
    try:
        if output_format is OutputFormat.json:
            if to_stdout:
                for _, report in done:
                    sys.stdout.write(jsonl_line(report))
            else:
                for path, report in done:
                    written[path] = str(
                        write_record(report, out_dir, _unique_name(report.id, taken))
                    )
        else:
            reports = [report for _, report in done]
            if output_format is OutputFormat.jsonl:
                content, name = "".join(jsonl_line(r) for r in reports), "records.jsonl"
            else:
                content, name = csv_text(reports), "options.csv"
            if to_stdout:
                sys.stdout.write(content)
            else:
                write_atomic(out_dir / name, content)
                written = {path: str(out_dir / name) for path, _ in done}
    except ExtractError as exc:
        error(f"error {exc.code}: {exc.message}")
        raise typer.Exit(1) from None
    note(f"{'file':40} {'format':16} {'questions':>9} {'options':>7} {'quotes':>6} {'warnings':>8}")
    totals = [0, 0, 0, 0]
    for path, report in done:
        counts = [
            len(report.questions),
            sum(len(q.options) for q in report.questions),
            len(report.quotes),
            len(report.warnings),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        target = f"  -> {written[path]}" if path in written else ""
        note(
            f"{path.name[:40]:40} {report.format:16} {counts[0]:>9} {counts[1]:>7} "
            f"{counts[2]:>6} {counts[3]:>8}{target}"
        )
    note(
        f"{len(done)} of {len(files) + len(missing)} files extracted; "
        f"{totals[0]} questions, {totals[1]} options, {totals[2]} quotes, "
        f"{totals[3]} warnings"
    )
    if failed or (strict and totals[3]):
        raise typer.Exit(1)


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Report files or folders to re-extract.")],
    golden: Annotated[
        Path, typer.Option(help="Folder of golden records, <stem>.json for each report.")
    ] = Path("tests/golden"),
) -> None:
    """Re-extract reports and compare each with its golden record, field by field.

    Exit 0 when every record is identical, 1 when anything differs or a golden is missing.
    Example: extract check raw/ --golden tests/golden
    """
    from extract.regression import describe_changes
    from extract.writer import record_json

    files, missing = _inputs(paths)
    for path, reason in missing:
        typer.echo(f"{path}: error unreadable_file: {reason}", err=True)
    done, failed = _extract_all(files, debug=False, echo=lambda line: typer.echo(line, err=True))
    differing = 0
    for path, report in done:
        golden_path = golden / f"{path.stem}.json"
        try:
            expected = json.loads(golden_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            failed += 1
            typer.echo(f"{path}: error no_golden: cannot read {golden_path}: {exc}", err=True)
            continue
        lines = describe_changes(expected, json.loads(record_json(report)))
        differing += bool(lines)
        typer.echo(f"{path.name}: {len(lines)} differences" if lines else f"{path.name}: identical")
        for line in lines:
            typer.echo(f"  {line}")
    if failed or differing or missing:
        raise typer.Exit(1)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="A record file (.json/.jsonl) or a folder of them.")],
    new: Annotated[Path, typer.Argument(help="The records to compare with OLD.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a Markdown table for a release note.")
    ] = False,
) -> None:
    """Show what changed between two sets of records, ignoring spans and offsets.

    Exit 0 when there is no difference, 1 when there is.
    Example: extract diff last_month/ out/ --markdown
    """
    from extract.diff import diff_paths, exit_code, render_json, render_markdown, render_table

    try:
        changes = diff_paths(old, new)
    except ExtractError as exc:
        typer.echo(f"error {exc.code}: {exc.message}", err=True)
        raise typer.Exit(2) from None
    render = render_json if as_json else render_markdown if as_markdown else render_table
    typer.echo(render(changes).rstrip("\n"))
    raise typer.Exit(exit_code(changes))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Record files (.json) or folders of them.")],
) -> None:
    """Check record files against schemas/report.schema.json; name each failing field.

    Example: extract validate out/
    """
    from extract.writer import schema_errors

    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.json")) if path.is_dir() else [path])
    bad = 0
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            bad += 1
            typer.echo(f"{path}: not a JSON record: {exc}", err=True)
            continue
        errors = schema_errors(data)
        for error in errors:
            typer.echo(f"{path}: {error}", err=True)
        bad += bool(errors)
        if not errors:
            typer.echo(f"{path}: valid")
    if bad:
        raise typer.Exit(1)


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option(help="Where to write; default schemas/report.schema.json.")
    ] = None,
) -> None:
    """Render the record's JSON Schema from the pydantic models into schemas/.

    Example: extract schema
    """
    from extract.schema import SCHEMA_PATH, schema_text
    from extract.writer import write_atomic

    target = out or SCHEMA_PATH
    write_atomic(target, schema_text())
    typer.echo(f"wrote {target}")


@app.command()
def text(
    file: Annotated[Path, typer.Argument(help="A report file.")],
) -> None:
    """Print the document text exactly as the parsers see it; span offsets index into it.

    Example: extract text raw/000_973d4c83f07564ec.txt | cut -c 1-80
    """
    try:
        loaded = load(file)
    except ExtractError as exc:
        typer.echo(f"{file}: error {exc.code}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # never a traceback for a user
        typer.echo(f"{file}: error internal_error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1) from None
    sys.stdout.write(loaded.document.text)


def main() -> None:
    app()
