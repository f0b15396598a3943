"""Where a run's output goes: the one abstraction between outcomes and the file system.

Every way writing can fail is an outcome, never an exception: a record that cannot be written is
that file's `write_failed`; a stream (records.jsonl, the four CSV tables) that cannot be
completed is a failure of every record in it, said once; an output folder that is read-only,
full, or deleted or replaced during the run is said, never silently re-created. Every file
appears complete or not at all (a temporary file renamed into place), and the run report is
always this run's or absent: the previous run's `_run.json` is removed before anything else is
written."""

from __future__ import annotations

import contextlib
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from extract.inputs import printable
from extract.settings import RECORDS_FILE, RUN_REPORT, OutputFormat


@dataclass(frozen=True)
class Target:
    """Where a run's output goes: a folder, one JSON Lines file, or standard output (both
    None, always JSON Lines)."""

    output_format: OutputFormat
    folder: Path | None = None
    file: Path | None = None


class Sink:
    """A run's output: `start`, then `put` each record in input order, then `close` and
    `run_report`. Each returns None, or the sentence that says what could not be written."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.format = target.output_format
        self.out_dir = target.folder or (target.file.parent if target.file else None)
        """The folder written into (a JSON Lines file's own); None for standard output."""
        self.streamed = self.format is not OutputFormat.json or self.out_dir is None
        self.streams: dict[str, TextIO] = {}
        """The files records are appended to, by name: records.jsonl, or the CSV tables."""
        self.stream_name = "-"
        """What a record's `output` says: the JSON Lines file, the CSV tables' folder, or -."""
        self.broken: str | None = None
        """Why the streams cannot be completed, once a write to one has failed."""
        self.broken_name = "-"
        """The stream whose write failed."""
        self._stack = ExitStack()
        self._folder_id: tuple[int, int] | None = None

    def _stream_paths(self) -> dict[str, Path]:
        """Each stream's final path, by name: none for json or standard output."""
        from extract.writer import CSV_TABLES

        if not self.streamed or self.out_dir is None:
            return {}
        if self.target.file is not None:
            return {RECORDS_FILE: self.target.file}
        if self.format is OutputFormat.csv:
            return {table: self.out_dir / table for table in CSV_TABLES}
        return {RECORDS_FILE: self.out_dir / RECORDS_FILE}

    def start(self) -> str | None:
        """Make the output folder usable: created if missing, the previous run report (of a
        folder target) and temporary files left by killed runs removed, the streams opened
        (the CSV tables with their header lines)."""
        from extract.writer import (
            check_writable,
            csv_header,
            open_atomic,
            remove_stale_temporary_files,
        )

        if self.out_dir is None:
            self.streams = {RECORDS_FILE: sys.stdout}
            return None
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            info = self.out_dir.stat()
            self._folder_id = (info.st_dev, info.st_ino)
            if self.target.folder is not None:  # a JSON Lines file's folder is not the run's
                (self.out_dir / RUN_REPORT).unlink(missing_ok=True)
            remove_stale_temporary_files(self.out_dir)
            check_writable(self.out_dir)  # a read-only folder: said once, before any work
            paths = self._stream_paths()
            for name, path in paths.items():
                self.streams[name] = self._stack.enter_context(open_atomic(path))
            if self.format is OutputFormat.csv:
                self.stream_name = str(self.out_dir)
            elif paths:
                self.stream_name = str(paths[RECORDS_FILE])
        except OSError as exc:
            self._stack.close()
            self.streams = {}
            return (
                f"cannot use {printable(self.out_dir)} as the output folder: {exc.strerror or exc}"
            )
        if self.format is OutputFormat.csv:
            for table in self.streams:
                self._write_stream(table, csv_header(table))
        return self.broken

    def _folder_gone(self) -> str | None:
        """Why the output folder is no longer the one the run started with, if it is not."""
        if self.out_dir is None:
            return None
        try:
            info = self.out_dir.stat()
        except OSError:
            info = None
        if info is None or (info.st_dev, info.st_ino) != self._folder_id:
            return (
                f"the output folder {printable(self.out_dir)} was deleted or replaced during "
                "the run"
            )
        return None

    def _write_stream(self, name: str, text: str) -> None:
        if self.broken is None:
            try:
                self.streams[name].write(text)
            except OSError as exc:
                if isinstance(exc, BrokenPipeError) and self.out_dir is None:
                    raise  # `| head` has read enough: the run stops quietly (cli.main)
                where = self.out_dir / name if self.out_dir is not None else name
                self.broken_name = str(where)
                self.broken = f"cannot write {printable(where)}: {exc.strerror or exc}"

    def put(self, name: str, payload: str | dict[str, str]) -> tuple[str | None, str | None]:
        """Write one record (its text, or for csv each table's rows by table): (where it
        went, None) or (None, why it could not be written)."""
        from extract.writer import write_atomic

        if self.streamed:
            tables = payload if isinstance(payload, dict) else {RECORDS_FILE: payload}
            for table, rows in tables.items():
                self._write_stream(table, rows)
            return (None, self.broken) if self.broken else (self.stream_name, None)
        assert self.out_dir is not None and isinstance(payload, str)
        output = self.out_dir / f"{name}.json"
        gone = self._folder_gone()
        if gone:
            return None, f"cannot write {printable(output)}: {gone}"
        try:
            write_atomic(output, payload)
        except OSError as exc:  # a full disk or a read-only folder
            return None, f"cannot write {printable(output)}: {exc.strerror or exc}"
        return str(output), None

    def close(self, *, complete: bool) -> str | None:
        """Finish the streams: renamed into place when the run is complete and every write
        went through, else all discarded. Returns why their records are not written, or None."""
        if not self.streams or self.out_dir is None:
            return None if self.broken is None else self.broken
        unwritten = self._unwritten_name()
        if not complete:
            self._discard()
            return f"{unwritten} was not written: the run was interrupted"
        reason = self.broken or self._folder_gone()
        if reason is None:
            try:
                self._stack.close()  # flush and rename into place
                return None
            except OSError as exc:
                reason = f"cannot write {printable(unwritten)}: {exc.strerror or exc}"
        self._discard()
        if self.broken is not None:
            unwritten = printable(self.broken_name)
        return f"{unwritten} was not written: {reason}"

    def _unwritten_name(self) -> str:
        """The streams, named for a sentence saying they were not written."""
        if self.format is OutputFormat.csv:
            return f"the CSV tables in {printable(self.stream_name)}"
        return printable(self.stream_name)

    def _discard(self) -> None:
        with contextlib.suppress(KeyboardInterrupt, OSError):  # removed whatever the error
            self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        self.streams = {}

    def run_report(self, text: str) -> str | None:
        """Write `_run.json`, or say why it could not be (there is then none: the previous
        run's was removed at the start)."""
        from extract.writer import write_atomic

        if self.target.folder is None:  # standard output, or one JSON Lines file
            return None
        path = self.target.folder / RUN_REPORT
        reason = self._folder_gone()
        if reason is None:
            try:
                write_atomic(path, text)
                return None
            except OSError as exc:
                reason = exc.strerror or str(exc)
        return f"cannot write the run report {printable(path)}: {reason}; no run report was written"
