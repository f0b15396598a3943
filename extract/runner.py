"""Many files through the pipeline in worker processes, each file under a time and memory limit.

Why processes: a hostile PDF can make the PDF library loop, eat memory or crash. In a worker it
costs one file, never the run: the parent kills a worker that overruns its time, a worker's
address space is capped (RLIMIT_AS) so a runaway allocation fails inside it, and a worker that
dies is replaced. Workers do the whole job for a file (load, parse, validate, render the output
text) and send back only that text and a small summary, so the parent stays small however many
files there are.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from extract import patterns
from extract.errors import ExtractError
from extract.inputs import Input
from extract.settings import Limits, OutputFormat


@dataclass(frozen=True)
class Task:
    index: int
    path: Path
    folder: Path
    output_format: OutputFormat
    report_id: str | None = None
    """The record's id; the input's stem when None."""


@dataclass(frozen=True)
class Summary:
    """The counts a person sees in the run's table, taken from the record."""

    format: str
    questions: int
    options: int
    quotes: int
    warnings: int
    warning_codes: dict[str, int]
    """How many warnings of each code, for `--strict` to name them."""


@dataclass
class Outcome:
    """What became of one file: its output text and summary, or an error code and message."""

    index: int
    seconds: float = 0.0
    payload: str | dict[str, str] | None = None
    """The record rendered in the run's output format: its text, or for csv each table's rows
    (without header) by file name."""
    summary: Summary | None = None
    code: str | None = None
    message: str | None = None
    detail: str | None = None
    """The traceback of an unexpected failure, shown only with --debug."""
    replace_worker: bool = field(default=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.code is None


def _render(task: Task, limits: Limits) -> tuple[str | dict[str, str], Summary]:
    """The work a worker does for one file: its output text and counts. Every expected
    failure is an `ExtractError`."""
    from extract.pipeline import extract_file
    from extract.writer import csv_tables, jsonl_line, record_json

    report = extract_file(
        task.path, relative_to=task.folder, report_id=task.report_id, limits=limits
    )
    payload: str | dict[str, str]
    if task.output_format is OutputFormat.json:
        payload = record_json(report)
    elif task.output_format is OutputFormat.jsonl:
        payload = jsonl_line(report)
    else:
        payload = csv_tables([report], header=False)
    summary = Summary(
        format=report.format,
        questions=len(report.questions),
        options=sum(len(q.options) for q in report.questions),
        quotes=len(report.quotes),
        warnings=len(report.warnings),
        warning_codes=dict(Counter(w.code.value for w in report.warnings)),
    )
    return payload, summary


def run_task(task: Task, limits: Limits) -> Outcome:
    """One file to one `Outcome`; nothing escapes (a bug becomes `internal_error`)."""
    start = time.perf_counter()
    peak_before = _address_space_peak_mb()
    outcome = Outcome(task.index)
    try:
        outcome.payload, outcome.summary = _render(task, limits)
    except ExtractError as exc:
        outcome.code, outcome.message = exc.code, exc.message
    except RecursionError:
        outcome.code, outcome.message = "too_complex", "the document is nested too deeply to read"
        outcome.replace_worker = True
    except Exception as exc:
        if isinstance(exc, MemoryError) or _reached_cap(limits, peak_before):
            # C extensions do not all raise MemoryError when refused memory (regex: SystemError)
            outcome.code, outcome.message = "memory_limit", _over_memory(limits)
            outcome.replace_worker = True
        else:  # a parser bug must not cost the user the other files
            outcome.code = "internal_error"
            outcome.message = (
                f"{type(exc).__name__}: {exc} (a bug in extract; rerun with --debug and report it)"
            )
            outcome.detail = traceback.format_exc()
    outcome.seconds = time.perf_counter() - start
    return outcome


def _address_space_peak_mb() -> float | None:
    """This process's peak address space (what RLIMIT_AS caps), where Linux tells."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _reached_cap(limits: Limits, peak_before: float | None) -> bool:
    """The address space grew to the cap during this task: an allocation was refused."""
    peak = _address_space_peak_mb()
    return (
        peak is not None
        and peak_before is not None
        and peak > peak_before
        and peak >= 0.9 * limits.memory_mb
    )


def _over_time(limits: Limits) -> str:
    return (
        f"reading it took more than the time limit of {limits.seconds:g} s "
        "(raise it with --timeout)"
    )


def _over_memory(limits: Limits, used: str = "") -> str:
    return (
        f"reading it needed more than the memory limit of {limits.memory_mb} MB{used}; "
        "raise it with --memory-limit"
    )


def _cap_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows: there the time limit still holds
        return
    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(connection: Connection, limits: Limits) -> None:
    """A worker's life: take a task, send its outcome, until told to stop (None)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: die quietly
    if hasattr(signal, "pthread_sigmask"):  # held by the parent while it forked this worker
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    faulthandler.disable()  # a crash is reported by the parent in one line, not as a dump
    _cap_memory(limits.memory_mb)
    parent = os.getppid()
    _die_with_parent()
    try:
        while True:
            if not connection.poll(1.0):
                if os.getppid() != parent:  # the parent was killed: nobody to report to
                    return
                continue
            task = connection.recv()
            if task is None:
                return
            outcome = run_task(task, limits)
            patterns.save()  # with those compiled for this file, before the parent stops us
            connection.send(outcome)
    except (EOFError, OSError):
        return


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when the parent dies (kill -9 included), so
    that no worker is left parsing or blocked on a full pipe; elsewhere the idle check in
    `_worker_main` ends it."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _context() -> multiprocessing.context.BaseContext:
    """fork where there is one: a new worker starts in milliseconds with the code loaded."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _reap(process: multiprocessing.process.BaseProcess) -> tuple[int | None, float | None]:
    """The exit code of a worker that died, and its peak memory in MB where the system tells
    (os.wait4 returns the resource use of the process it reaps)."""
    if not hasattr(os, "wait4"):
        process.join(5)
        return process.exitcode, None
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except ChildProcessError:  # already reaped
        process.join(5)
        return process.exitcode, None
    exitcode = os.waitstatus_to_exitcode(status)
    process._popen.returncode = exitcode  # type: ignore[attr-defined]  # reaped: don't wait again
    return exitcode, usage.ru_maxrss / 1024  # kilobytes on Linux


def _death(exitcode: int | None, peak_mb: float | None, limits: Limits) -> tuple[str, str]:
    """An error code and reason for a worker that died while reading a file.

    pdfium does not raise when the memory cap refuses it an allocation: it aborts the process.
    The cap is on address space, of which pdfium's allocator keeps much reserved but untouched:
    at the moment it aborts, resident memory has been seen at 47% of a 4096 MB cap and 80% of a
    1024 MB one. So a worker that died after using a quarter of its cap ran out of memory; one
    killed (SIGKILL, by a person or a supervisor) well short of it crashed, like any signal."""
    signal_name = signal.Signals(-exitcode).name if exitcode and exitcode < 0 else None
    if peak_mb is not None and peak_mb >= limits.memory_mb / 4:
        used = f" (it had reached {peak_mb:.0f} MB resident)" if peak_mb else ""
        return "memory_limit", _over_memory(limits, used)
    if signal_name:
        return (
            "reader_crashed",
            f"the reader crashed on this file ({signal_name}): the file is malformed, or "
            "needed more memory than --memory-limit allows",
        )
    return "reader_crashed", f"the reader stopped unexpectedly (exit code {exitcode})"


_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Ctrl-C or SIGTERM between the fork and the worker's own handlers would run the parent's
    handler in the worker (a KeyboardInterrupt and its traceback): both are held until the
    worker has set its own, then delivered (where the system has signal masks)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _Worker:
    """A worker process and the task it is on; replaced, never reused, after a failure that
    may have left it in a bad state."""

    def __init__(self, context: multiprocessing.context.BaseContext, limits: Limits) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, limits), daemon=True)
        with _stop_signals_held():
            self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.connection.send(task)

    def outcome(self, limits: Limits, *, ready: bool) -> Outcome | None:
        """The outcome of its task when there is one: sent, or the worker died or overran."""
        assert self.task is not None
        elapsed = time.monotonic() - self.started
        if ready:
            try:
                outcome: Outcome = self.connection.recv()
                return outcome
            except (EOFError, OSError):
                code, message = _death(*_reap(self.process), limits)
        elif elapsed >= limits.seconds:
            code, message = "timeout", _over_time(limits)
        else:
            return None
        return Outcome(self.task.index, elapsed, code=code, message=message, replace_worker=True)

    def stop(self) -> None:
        """Workers write nothing, so killing one never leaves a partial file."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def prepare() -> None:
    """Load the pipeline, once, before any worker is forked (each shares it); keep its compiled
    patterns for the next run, which reads them instead of compiling them; and freeze what the
    start-up built: the patterns and models live as long as the process, so no collection in
    the parent or a worker walks them again, and a worker does not copy their pages. Called
    again, it only freezes what has been built since."""
    import extract.pipeline  # noqa: F401

    patterns.save()
    gc.freeze()


def run_tasks(tasks: list[Task], *, jobs: int, limits: Limits) -> Generator[Outcome, None, None]:
    """Each task's outcome, in the order they finish. Closing the iteration early (or Ctrl-C
    in the parent) kills the workers; the caller writes only what it has received."""
    prepare()
    if _read_here(tasks, limits):
        yield _run_here(tasks[0], limits)
        patterns.save()
        return

    context = _context()
    pending = deque(tasks)
    workers: list[_Worker | None] = [None] * max(1, min(jobs, len(tasks)))
    try:
        while True:
            for slot, worker in enumerate(workers):
                if pending and (worker is None or worker.task is None):
                    if worker is None or not worker.process.is_alive():
                        if worker is not None:
                            worker.stop()
                        worker = workers[slot] = _Worker(context, limits)
                    worker.give(pending.popleft())
            busy = [w for w in workers if w is not None and w.task is not None]
            if not busy:
                return
            deadline = min(w.started for w in busy) + limits.seconds
            ready = wait([w.connection for w in busy], max(0.0, deadline - time.monotonic()))
            for slot, worker in enumerate(workers):
                if worker is None or worker.task is None:
                    continue
                outcome = worker.outcome(limits, ready=worker.connection in ready)
                if outcome is None:
                    continue
                worker.task = None
                if outcome.replace_worker:
                    worker.stop()
                    workers[slot] = None
                yield outcome
    finally:
        for worker in workers:
            if worker is not None:
                worker.stop()


# One text read in this process may take this share of the memory limit, by the README's
# figure of about 50 times the text's size (a worker under the cap does the rest).
_HERE_MEMORY_SHARE = 0.25
_TEXT_MEMORY_FACTOR = 50


class _OverTime(BaseException):
    """The time limit's alarm, raised wherever the reading is (not an `Exception`, so that no
    reader's handler takes it for its own failure)."""


def _read_here(tasks: list[Task], limits: Limits) -> bool:
    """Whether the one task of a run is read in this process rather than in a worker: the fork,
    the pipe and the worker's start cost more than reading a small report.

    Only a plain-text or Markdown report: its reader is Python and the regex module, which
    cannot crash the process, and both limits hold here as in a worker. The time limit is an
    alarm (regex checks for signals while it matches); memory is not at risk, since the text
    must need well under the limit. An HTML page or a PDF always gets a worker: lxml and pdfium
    are C libraries a hostile file may crash or make loop."""
    from extract.loaders import TEXT_SUFFIXES

    if len(tasks) != 1 or tasks[0].path.suffix.lower() not in TEXT_SUFFIXES:
        return False
    if not hasattr(signal, "setitimer") or signal.getsignal(signal.SIGALRM) != signal.SIG_DFL:
        return False  # no alarm here, or the program that called us uses it
    if threading.current_thread() is not threading.main_thread():
        return False  # only the main thread receives signals
    try:
        size_mb = tasks[0].path.stat().st_size / 1_000_000
    except OSError:
        return False  # the worker reports it as it reports any unreadable file
    peak = _address_space_peak_mb() or 0.0
    return peak + _TEXT_MEMORY_FACTOR * size_mb <= _HERE_MEMORY_SHARE * limits.memory_mb


def _run_here(task: Task, limits: Limits) -> Outcome:
    """`run_task` in this process, stopped by an alarm at the time limit."""

    def over_time(signum: int, frame: object) -> None:
        raise _OverTime

    start = time.monotonic()
    previous = signal.signal(signal.SIGALRM, over_time)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            return run_task(task, limits)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _OverTime:
        return Outcome(
            task.index, time.monotonic() - start, code="timeout", message=_over_time(limits)
        )
    finally:
        signal.signal(signal.SIGALRM, previous)


def default_jobs() -> int:
    """The cores this process may use (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_input_order(outcomes: Iterator[Outcome], known: dict[int, Outcome]) -> Iterator[Outcome]:
    """The outcomes put back into input order, each as soon as it is next in line, so that the
    output is the same whatever the number of workers. `known` holds outcomes decided without
    a worker (a path that could not even be opened)."""
    waiting = dict(known)
    next_index = 0

    def ready() -> Iterator[Outcome]:
        nonlocal next_index
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1

    yield from ready()
    for outcome in outcomes:
        waiting[outcome.index] = outcome
        yield from ready()


def plan(
    inputs: list[Input], output_format: OutputFormat, *, ids: list[str] | None = None
) -> tuple[list[Task], dict[int, Outcome]]:
    """A task for every input that can be opened, and the failed outcome of every other;
    `ids` gives each input's record id (default: its stem)."""
    tasks = [
        Task(index, item.path, item.folder, output_format, ids[index] if ids else None)
        for index, item in enumerate(inputs)
        if item.problem is None
    ]
    known = {
        index: Outcome(index, code="unreadable_file", message=item.problem)
        for index, item in enumerate(inputs)
        if item.problem is not None
    }
    return tasks, known
