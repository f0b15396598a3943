"""Where a run's output goes: the one abstraction between outcomes and the file system.

Every way writing can fail is an outcome, never an exception: a record that cannot be written is
that file's `write_failed`; a stream (records.jsonl, options.csv) that cannot be completed is a
failure of every record in it, said once; an output folder that is read-only, full, or deleted
or replaced during the run is said, never silently re-created. Every file appears complete or not
at all (a temporary file renamed into place), and the run report is always this run's or absent:
the previous run's `_run.json` is removed before anything else is written.
"""

from __future__ import annotations

import contextlib
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from extract.inputs import printable
from extract.settings import RUN_REPORT, STREAM_FILES, OutputFormat


class Sink:
    """A run's output: `start`, then `put` each record in input order, then `close` and
    `run_report`. Each returns None, or the sentence that says what could not be written."""

    def __init__(self, out_dir: Path | None, output_format: OutputFormat) -> None:
        self.out_dir = out_dir
        self.format = output_format
        self.streamed = output_format is not OutputFormat.json or out_dir is None
        self.stream: TextIO | None = None
        self.stream_name = "-"
        self.broken: str | None = None
        """Why the stream cannot be completed, once a write to it has failed."""
        self._stack = ExitStack()
        self._folder_id: tuple[int, int] | None = None

    def start(self, header: str = "") -> str | None:
        """Make the output folder usable: created if missing, the previous run report and
        temporary files left by killed runs removed, the stream opened."""
        from extract.writer import check_writable, open_atomic, remove_stale_temporary_files

        if self.out_dir is None:
            self.stream = sys.stdout
        else:
            try:
                self.out_dir.mkdir(parents=True, exist_ok=True)
                info = self.out_dir.stat()
                self._folder_id = (info.st_dev, info.st_ino)
                (self.out_dir / RUN_REPORT).unlink(missing_ok=True)
                remove_stale_temporary_files(self.out_dir)
                check_writable(self.out_dir)  # a read-only folder: said once, before any work
                if self.streamed:
                    path = self.out_dir / STREAM_FILES[self.format]
                    self.stream_name = str(path)
                    self.stream = self._stack.enter_context(open_atomic(path))
            except OSError as exc:
                self._stack.close()
                return (
                    f"cannot use {printable(self.out_dir)} as the output folder: "
                    f"{exc.strerror or exc}"
                )
        if header:
            self._write_stream(header)
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

    def _write_stream(self, text: str) -> None:
        assert self.stream is not None
        if self.broken is None:
            try:
                self.stream.write(text)
            except OSError as exc:
                if isinstance(exc, BrokenPipeError) and self.out_dir is None:
                    raise  # `| head` has read enough: the run stops quietly (cli.main)
                self.broken = f"cannot write {printable(self.stream_name)}: {exc.strerror or exc}"

    def put(self, name: str, payload: str) -> tuple[str | None, str | None]:
        """Write one record: (where it went, None) or (None, why it could not be written)."""
        from extract.writer import write_atomic

        if self.streamed:
            self._write_stream(payload)
            return (None, self.broken) if self.broken else (self.stream_name, None)
        assert self.out_dir is not None
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
        """Finish the stream: renamed into place when the run is complete and every write
        went through, else discarded. Returns why its records are not written, or None."""
        if self.stream is None or self.out_dir is None:
            return None if self.broken is None else self.broken
        if not complete:
            self._discard()
            return f"{printable(self.stream_name)} was not written: the run was interrupted"
        reason = self.broken or self._folder_gone()
        if reason is None:
            try:
                self._stack.close()  # flush and rename into place
                return None
            except OSError as exc:
                reason = f"cannot write {printable(self.stream_name)}: {exc.strerror or exc}"
        self._discard()
        return f"{printable(self.stream_name)} was not written: {reason}"

    def _discard(self) -> None:
        with contextlib.suppress(KeyboardInterrupt, OSError):  # removed whatever the error
            self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        self.stream = None

    def run_report(self, text: str) -> str | None:
        """Write `_run.json`, or say why it could not be (there is then none: the previous
        run's was removed at the start)."""
        from extract.writer import write_atomic

        if self.out_dir is None:
            return None
        path = self.out_dir / RUN_REPORT
        reason = self._folder_gone()
        if reason is None:
            try:
                write_atomic(path, text)
                return None
            except OSError as exc:
                reason = exc.strerror or str(exc)
        return f"cannot write the run report {printable(path)}: {reason}; no run report was written"
