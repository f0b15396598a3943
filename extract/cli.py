"""The command line: loops over paths, calls the pipeline, reports, sets the exit code.

Exit codes: 0 every file extracted, 1 any file failed (the others are still written),
2 a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from extract.errors import ExtractError
from extract.loaders import SUPPORTED_SUFFIXES, load

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


@app.command()
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Report files or folders (searched recursively).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder the records are written to.")
    ] = Path("out"),
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an unexpected failure.")
    ] = False,
) -> None:
    """Extract every report in PATHS and write one validated JSON record each to OUT.

    Example: extract run raw/ --out out/
    """
    from extract.pipeline import extract_file
    from extract.writer import write_record

    files, missing = _inputs(paths)
    failed = len(missing)
    for path, reason in missing:
        typer.echo(f"{path}: error unreadable_file: {reason}", err=True)
    if not files and not missing:
        typer.echo(
            "no report files found (extract reads " + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")",
            err=True,
        )
        raise typer.Exit(1)
    taken: set[str] = set()
    header = (
        f"{'file':40} {'format':16} {'questions':>9} {'options':>7} {'quotes':>6} {'warnings':>8}"
    )
    typer.echo(header)
    totals = [0, 0, 0, 0]
    for path, folder in files:
        try:
            report = extract_file(path, relative_to=folder)
            written = write_record(report, out, _unique_name(report.id, taken))
        except ExtractError as exc:
            failed += 1
            typer.echo(f"{path}: error {exc.code}: {exc.message}", err=True)
            continue
        except Exception as exc:  # a parser bug must not cost the user the other files
            if debug:
                raise
            failed += 1
            typer.echo(
                f"{path}: error internal_error: {type(exc).__name__}: {exc} "
                "(a bug in extract; rerun with --debug and report it)",
                err=True,
            )
            continue
        counts = [
            len(report.questions),
            sum(len(q.options) for q in report.questions),
            len(report.quotes),
            len(report.warnings),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        typer.echo(
            f"{path.name[:40]:40} {report.format:16} {counts[0]:>9} {counts[1]:>7} "
            f"{counts[2]:>6} {counts[3]:>8}  -> {written}"
        )
    typer.echo(
        f"{len(files) - failed + len(missing)} of {len(files)} files extracted; "
        f"{totals[0]} questions, {totals[1]} options, {totals[2]} quotes, "
        f"{totals[3]} warnings"
    )
    if failed:
        raise typer.Exit(1)


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
