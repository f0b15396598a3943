"""Worker processes as a user meets them: limits that stop one file and not the run, output
that does not depend on --jobs, and Ctrl-C that leaves only complete files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import RAW, ROOT

runner = CliRunner()
DOCUMENTS = ROOT / "tests" / "documents"


def big_report(path: Path, megabytes: float) -> Path:
    """The five reference reports over and over: real text that takes long to parse."""
    five = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt")))
    copies = int(megabytes * 1_000_000 / len(five.encode("utf-8"))) + 1
    path.write_text("\n\n".join([five] * copies), encoding="utf-8")
    return path


def with_raw(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for path in RAW.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def run_report(out: Path) -> dict:
    return json.loads((out / "_run.json").read_text(encoding="utf-8"))


def test_a_file_over_the_time_limit_is_stopped_and_the_others_are_written(tmp_path: Path) -> None:
    folder = with_raw(tmp_path / "in")
    big_report(folder / "zz_big.txt", 9)  # about 20 s of parsing
    out = tmp_path / "out"
    start = time.monotonic()
    result = runner.invoke(app, ["run", str(folder), "--out", str(out), "--timeout", "1"])
    elapsed = time.monotonic() - start
    assert result.exit_code == 1
    assert (
        f"{folder / 'zz_big.txt'}: error timeout: reading it took more than the time limit "
        "of 1 s (raise it with --timeout)" in result.output
    )
    assert len(list(out.glob("0*.json"))) == 5
    assert elapsed < 15, "the worker was not stopped at the time limit"
    big = run_report(out)["files"][-1]
    assert (big["status"], big["code"], big["output"]) == ("failed", "timeout", None)


def test_a_file_over_the_memory_limit_is_stopped_and_the_others_are_written(
    tmp_path: Path,
) -> None:
    """Run as a user runs it, in a process of its own: a worker forked from this test process
    would reuse the memory earlier tests freed, and a cap on its address space would measure
    pytest's history, not the report."""
    folder = with_raw(tmp_path / "in")
    big_report(folder / "zz_big.txt", 3)  # parsing needs about 150 MB
    out = tmp_path / "out"
    limit = 110  # the five reference reports need 70-80 MB each
    result = subprocess.run(
        [str(Path(sys.executable).parent / "extract"), "run", str(folder), "--out", str(out),
         "--memory-limit", str(limit)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert (
        f"{folder / 'zz_big.txt'}: error memory_limit: reading it needed more than the memory "
        f"limit of {limit} MB; raise it with --memory-limit" in result.stdout + result.stderr
    )
    assert len(list(out.glob("0*.json"))) == 5


def test_a_pdf_that_pdfium_aborts_on_at_the_default_memory_cap_is_memory_limit(
    tmp_path: Path,
) -> None:
    # pdfium raises nothing when the cap refuses it memory: it aborts the worker (SIGABRT),
    # here after about 2 GB resident of the 4096 MB address space (a few seconds).
    flood = ROOT / "tests" / "pdf" / "bad" / "text_flood.pdf"
    result = runner.invoke(app, ["run", str(flood), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        f"{flood}: error memory_limit: reading it needed more than the memory limit of 4096 MB"
        in result.output
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(RAW / "000_973d4c83f07564ec.txt"), "--out", str(out), "--max-text-mb",
              "0.01"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert (
        "error too_large: the file is 0.0144 MB; extract reads text reports up to 0.01 MB "
        "(raise it with --max-text-mb)" in result.output
    )


@pytest.mark.parametrize(
    "stop",
    [
        signal.SIGSEGV,  # what a PDF library bug looks like
        signal.SIGKILL,  # a person or a supervisor killed it, far from the memory cap
    ],
)
def test_a_worker_that_crashes_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: signal.Signals
) -> None:
    import extract.pipeline

    real = extract.pipeline.extract_file

    def crash_on_001(path: Path, **kwargs: object) -> object:
        if Path(path).name.startswith("001"):
            os.kill(os.getpid(), stop)
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract.pipeline, "extract_file", crash_on_001)
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(RAW), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert (
        "001_284db0d3e024a364.txt: error reader_crashed: the reader crashed on this file "
        f"({stop.name}): the file is malformed, or needed more memory than --memory-limit allows"
        in result.output
    )
    assert "memory_limit" not in result.output
    assert sorted(p.name for p in out.glob("0*.json")) == [
        f"{p.stem}.json" for p in sorted(RAW.glob("*.txt")) if not p.name.startswith("001")
    ]


@pytest.mark.parametrize("output_format", ["json", "jsonl", "csv"])
def test_output_is_the_same_for_any_number_of_jobs(tmp_path: Path, output_format: str) -> None:
    outputs = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / jobs
        result = runner.invoke(
            app,
            ["run", str(RAW), str(DOCUMENTS), "--out", str(out), "--format", output_format,
             "--jobs", jobs],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "_run.json"}
        outputs[jobs]["table"] = result.output.replace(str(out), "OUT").encode()
        assert run_report(out)["jobs"] == int(jobs)
    records = len(list(RAW.glob("*.txt"))) + len([p for p in DOCUMENTS.iterdir() if p.is_file()])
    # the records, or one records.jsonl, or the four CSV tables; + the table printed
    assert len(outputs["1"]) == {"json": records + 1, "jsonl": 2, "csv": 5}[output_format]
    assert outputs["1"] == outputs["2"] == outputs["3"]


def test_run_report_names_every_file_and_validates(tmp_path: Path) -> None:
    folder = with_raw(tmp_path / "in")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    runner.invoke(app, ["run", str(folder), "--out", str(out)])
    report = run_report(out)
    assert [Path(f["input"]).name for f in report["files"]] == sorted(
        p.name for p in folder.iterdir()
    )
    assert report["totals"] | {} == {
        "files": 6, "ok": 5, "failed": 1, "not_run": 0, "questions": 36, "options": 114,
        "quotes": 119, "warnings": 3, "no_question_structure": 0,
    }  # fmt: skip
    empty = next(f for f in report["files"] if f["input"].endswith("empty.txt"))
    assert empty["code"] == "empty_file" and empty["message"] == "the file is empty"
    first = report["files"][0]
    assert first["output"] == str(out / "000_973d4c83f07564ec.json")
    assert (first["format"], first["questions"], first["warnings"]) == ("special_poll", 11, 1)
    validated = runner.invoke(app, ["validate", str(out / "_run.json")])
    assert validated.exit_code == 0, validated.output


def test_an_unusable_output_folder_is_one_clear_line(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "out"
    not_a_folder.write_text("a file", encoding="utf-8")
    result = runner.invoke(app, ["run", str(RAW), "--out", str(not_a_folder)])
    assert result.exit_code == 1
    assert f"error write_failed: cannot use {not_a_folder} as the output folder" in result.output


def as_in_a_terminal() -> None:
    """Ctrl-C's default action for the run, as a terminal gives it. A test run as a background
    job (`make test &`, nohup, some CI runners) has SIGINT ignored, which a child inherits and
    Python respects: the run would then ignore the test's Ctrl-C and go on for its time limit
    (the flake "not gone 30 s after SIGINT")."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("output_format", "stop", "to_group"),
    [
        ("json", signal.SIGINT, True),  # Ctrl-C in a terminal: the whole process group
        ("jsonl", signal.SIGINT, True),
        ("json", signal.SIGTERM, False),  # `kill PID`
        ("json", signal.SIGTERM, True),  # a scheduler stopping the job: workers get it too
    ],
)
def test_ctrl_c_leaves_only_complete_files_and_exits_130(
    tmp_path: Path, output_format: str, stop: signal.Signals, to_group: bool
) -> None:
    folder = with_raw(tmp_path / "in")
    big_report(folder / "zz_big.txt", 9)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(folder), "--out", str(out),
         "--format", output_format, "--jobs", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )  # fmt: skip
    # Wait on what the run says, not on the clock: a loaded machine may be slow to start.
    rows, five_done = [], threading.Event()

    def read_rows() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            rows.append(line)
            if sum("  -> " in row for row in rows) == 5:  # the five small files are written
                five_done.set()

    reader = threading.Thread(target=read_rows, daemon=True)
    reader.start()
    try:
        assert five_done.wait(180), f"the five small files were not done: {rows}"
        time.sleep(1)  # the big one is being parsed now (it takes over 10 s)
        if to_group:
            os.killpg(process.pid, stop)
        else:
            process.send_signal(stop)
        process.wait(timeout=120)
        reader.join(30)
        assert process.stderr is not None
        stdout, stderr = "".join(rows), process.stderr.read()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stdout + stderr
    interrupted = [line for line in stderr.splitlines() if line.startswith("interrupted: ")]
    assert interrupted == [
        "interrupted: 5 of 6 files extracted; 36 questions, 114 options, 119 quotes, "
        "3 warnings; 1 not finished"
    ]
    names = sorted(p.name for p in out.iterdir())
    if output_format == "json":  # each record complete and valid, no temporary file
        assert names == [*sorted(f"{p.stem}.json" for p in RAW.glob("*.txt")), "_run.json"]
        validated = runner.invoke(app, ["validate", str(out)])
        assert validated.exit_code == 0, validated.output
    else:  # records.jsonl would be incomplete, so it is not written at all
        assert names == ["_run.json"]
    report = run_report(out)
    assert report["interrupted"] is True
    assert report["files"][-1]["status"] == "not_run"
    finished = [f for f in report["files"] if f["status"] == "ok"]
    assert len(finished) == 5
    if output_format == "jsonl":  # none points at the records.jsonl that was never written
        assert {(f["output"], f["message"]) for f in finished} == {
            (None, f"{out / 'records.jsonl'} was not written: the run was interrupted")
        }


def test_output_names_stay_in_the_folder_and_never_collide() -> None:
    from extract.batch import output_names
    from extract.inputs import Input

    stems = ["..", "_run", "report", "report", "a" * 300, os.fsdecode(b"caf\xe9"), "-x"]
    inputs = [Input(Path(f"folder{i}") / f"{stem}.txt", Path(".")) for i, stem in enumerate(stems)]
    names = output_names(inputs)
    assert names[:4] == ["..", "_run~2", "report", "report~2"]
    assert len(names[4].encode("utf-8")) == 200 and names[5] == "caf\N{REPLACEMENT CHARACTER}"
    assert len(set(names)) == len(names)
    for name in names:  # a plain file name: no folder part, nothing that leaves the folder
        assert Path(f"{name}.json").name == f"{name}.json" and "/" not in name


def test_a_terminal_gets_a_progress_bar_and_a_pipe_plain_lines(tmp_path: Path) -> None:
    import pty

    command = [sys.executable, "-m", "extract", "run", str(RAW)]
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*command, "--out", str(tmp_path / "tty")], stdout=follower, stderr=follower
    ) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the run has ended
                break
            if not chunk:
                break
            seen += chunk
    os.close(leader)
    assert process.returncode == 0
    assert b"extracting" in seen and b"5 of 5 files extracted" in seen
    piped = subprocess.run([*command, "--out", str(tmp_path / "pipe")], capture_output=True)
    assert b"extracting" not in piped.stdout + piped.stderr
    assert b"\x1b[" not in piped.stdout + piped.stderr  # no terminal control codes
    assert b"5 of 5 files extracted" in piped.stdout


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for whoever adopted it to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != b"Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_no_worker_outlives_a_killed_run(tmp_path: Path) -> None:
    folder = with_raw(tmp_path / "in")
    big_report(folder / "zz_big.txt", 9)
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(folder), "--out", str(tmp_path / "out"),
         "--jobs", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(workers := children_of(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(workers) == 2
    time.sleep(1)  # the big file is being parsed by one of them
    process.kill()  # kill -9: the run cannot clean up after itself
    process.wait()
    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, workers)), "orphaned workers"
    assert process.stderr is not None and b"Traceback" not in process.stderr.read()


@pytest.mark.parametrize(
    ("peaks", "code"),
    [
        ((200.0, 1000.0), "memory_limit"),  # grew to the cap while reading: refused memory
        ((200.0, 300.0), "internal_error"),  # far from the cap: a bug
        ((990.0, 990.0), "internal_error"),  # at the cap before this file: not this file's doing
    ],
)
def test_an_error_raised_at_the_memory_cap_is_memory_limit(
    monkeypatch: pytest.MonkeyPatch, peaks: tuple[float, float], code: str
) -> None:
    # What regex did when RLIMIT_AS refused it memory: SystemError, not MemoryError.
    import extract.runner as runner_module
    from extract.settings import Limits, OutputFormat

    readings = iter(peaks)

    def refused(task: object, limits: object) -> None:
        raise SystemError("error return without exception set")

    monkeypatch.setattr(runner_module, "_address_space_peak_mb", lambda: next(readings))
    monkeypatch.setattr(runner_module, "_render", refused)
    task = runner_module.Task(0, RAW / "000_973d4c83f07564ec.txt", RAW, OutputFormat.json)
    outcome = runner_module.run_task(task, Limits(memory_mb=1000))
    assert outcome.code == code
    assert outcome.replace_worker is (code == "memory_limit")


def test_a_worker_does_not_inherit_the_parents_sigterm_handler() -> None:
    # The run turns SIGTERM into KeyboardInterrupt; a worker running that handler would print
    # a traceback when a scheduler sends SIGTERM to the whole process group.
    from extract.runner import _context, _Worker
    from extract.settings import Limits

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        worker = _Worker(_context(), Limits())
    finally:
        signal.signal(signal.SIGTERM, previous)
    os.kill(worker.process.pid, signal.SIGTERM)  # held until the worker has its own handlers
    worker.process.join(30)
    assert worker.process.exitcode == -signal.SIGTERM  # died of it quietly, no traceback
    worker.stop()


def _one_task(path: Path) -> list:
    from extract.runner import Task
    from extract.settings import OutputFormat

    return [Task(0, path, path.parent, OutputFormat.json)]


@pytest.mark.parametrize(
    ("names", "here"),
    [
        (["report.txt"], True),  # one plain text: read in this process
        (["report.md"], True),  # Markdown too
        (["page.html"], False),  # lxml is C: a hostile page gets a worker
        (["report.pdf"], False),  # pdfium is C: a hostile PDF gets a worker
        (["a.txt", "b.txt"], False),  # several files: workers share them
    ],
)
def test_only_one_text_report_is_read_without_a_worker(
    tmp_path: Path, names: list[str], here: bool
) -> None:
    from extract.runner import Task, _read_here
    from extract.settings import Limits, OutputFormat

    tasks = []
    for index, name in enumerate(names):
        (tmp_path / name).write_text("Half of the 200 members (51%) agreed.\n", encoding="utf-8")
        tasks.append(Task(index, tmp_path / name, tmp_path, OutputFormat.json))
    assert _read_here(tasks, Limits()) is here


def test_a_text_that_may_need_much_of_the_memory_limit_gets_a_worker(tmp_path: Path) -> None:
    from extract.runner import _read_here
    from extract.settings import Limits

    path = big_report(tmp_path / "big.txt", 2)  # about 100 MB to parse
    assert _read_here(_one_task(path), Limits(memory_mb=4096)) is True
    assert _read_here(_one_task(path), Limits(memory_mb=400)) is False  # a worker under its cap


def test_one_text_is_read_in_this_process_and_gives_the_workers_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import extract.runner as runner_module
    from extract.settings import Limits

    tasks = _one_task(RAW / "000_973d4c83f07564ec.txt")
    with monkeypatch.context() as patched:
        patched.setattr(runner_module, "_read_here", lambda tasks, limits: False)
        [in_a_worker] = runner_module.run_tasks(tasks, jobs=2, limits=Limits())

    def no_worker(*args: object) -> None:
        raise AssertionError("a worker was started for one small text")

    monkeypatch.setattr(runner_module, "_Worker", no_worker)
    [here] = runner_module.run_tasks(tasks, jobs=2, limits=Limits())
    assert here.ok and here.summary is not None and here.summary.questions > 0
    assert (here.payload, here.summary) == (in_a_worker.payload, in_a_worker.summary)


def test_the_time_limit_holds_for_a_text_read_in_this_process(tmp_path: Path) -> None:
    from extract.runner import run_tasks
    from extract.settings import Limits

    path = big_report(tmp_path / "big.txt", 3)  # several seconds of parsing
    start = time.monotonic()
    [outcome] = run_tasks(_one_task(path), jobs=1, limits=Limits(seconds=0.5))
    assert time.monotonic() - start < 5, "the alarm did not stop the reading"
    assert (outcome.code, outcome.message) == (
        "timeout",
        "reading it took more than the time limit of 0.5 s (raise it with --timeout)",
    )
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL  # the alarm is put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_a_text_read_in_this_process_and_leaves_only_the_run_report(
    tmp_path: Path, stop: signal.Signals
) -> None:
    """One text report is read without a worker: Ctrl-C or SIGTERM stops it as it stops one."""
    path = big_report(tmp_path / "big.txt", 3)  # several seconds of parsing
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(path), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_in_a_terminal,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("file "), "the run's table did not start"
        time.sleep(1)  # the report is being read now
        process.send_signal(stop)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stdout + stderr
    assert "interrupted: 0 of 1 files extracted" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["_run.json"]
    assert run_report(out)["files"][0]["status"] == "not_run"
