"""The package as a new user gets it: built into a wheel, installed into a fresh virtual
environment, then used from its console script and from Python, and type-checked with
`mypy --strict` (py.typed shipped, no `Any` behind `Report`).

Offline-safe and quick: the wheel is built without fetching a build backend (setuptools is in
the dev extra) and installed with --no-deps; the fresh environment sees the dependencies of
this checkout's .venv through a .pth line, like --system-site-packages would."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from extract import __version__
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.slow

# Imported by extract, installed with a declared dependency that pins it.
COMES_WITH = {"pydantic_core": "pydantic"}


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel of this checkout installed in it."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # a copy: no build/ left in the checkout, nothing stale in it
    shutil.copytree(
        ROOT / "extract", source / "extract", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source)
    pip = (sys.executable, "-m", "pip")
    _run(*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", work, source,
         cwd=work)  # fmt: skip
    (wheel,) = work.glob("extract-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                   cwd=work).stdout.strip()  # fmt: skip
    (Path(purelib) / "dev_dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    _run(*pip, "--python", python, "install", "--quiet", "--no-deps", wheel, cwd=work)
    return venv


def test_the_installed_package_runs_and_validates_its_own_output(venv: Path) -> None:
    work = venv.parent
    extract = venv / "bin" / "extract"
    metadata = "import importlib.metadata as m; print(m.version('extract'))"
    version = _run(venv / "bin" / "python", "-c", metadata, cwd=work)
    assert _run(extract, "--version", cwd=work).stdout == f"extract {version.stdout}"
    _run(extract, "run", RAW, "--format", "jsonl", "--out", "out", cwd=work)
    validated = _run(extract, "validate", "out/records.jsonl", cwd=work)
    assert validated.stdout == "out/records.jsonl: valid (5 records)\n"
    _run(extract, "schema", cwd=work)  # into ./schemas/, not into site-packages
    assert sorted(p.name for p in (work / "schemas").iterdir()) == [
        "report.schema.json", "run.schema.json",
    ]  # fmt: skip
    code = f"import extract; print(extract.extract_file({str(RAW / '002_32b4aaddebb844bc.txt')!r}))"
    printed = _run(venv / "bin" / "python", "-c", code, cwd=work).stdout
    assert printed.startswith(
        f"schema_version='1.1' extract_version='{__version__}' id='002_32b4aaddebb844bc'"
    )
    where = _run(venv / "bin" / "python", "-c", "import extract; print(extract.__file__)",
                 cwd=work).stdout  # fmt: skip
    assert where.startswith(str(venv))  # the wheel, not this checkout


def test_mypy_strict_sees_the_installed_types_with_no_any(venv: Path) -> None:
    work = venv.parent
    user = work / "user.py"
    user.write_text(
        textwrap.dedent(
            f"""
            import extract
            from extract import Report

            report = extract.extract_file({str(RAW / "002_32b4aaddebb844bc.txt")!r})
            reveal_type(report)
            first: Report = report
            percent: float | None = first.questions[0].options[0].percent
            codes: list[str] = [w.code.value for w in report.warnings]
            for outcome in extract.extract_many(["raw"], jobs=1):
                if outcome.report is not None:
                    title: str | None = outcome.report.title
            """
        ),
        encoding="utf-8",
    )
    mypy = Path(sys.executable).parent / "mypy"
    result = subprocess.run(
        [mypy, "--strict", "--disallow-any-expr", "--no-incremental",
         "--python-executable", venv / "bin" / "python", user],
        cwd=work, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'Revealed type is "extract.models.Report"' in result.stdout


def test_every_package_extract_imports_is_a_declared_dependency() -> None:
    declared = {
        r.split(";")[0].split("[")[0].split("<")[0].split(">")[0].split("=")[0].strip().lower()
        for r in importlib.metadata.requires("extract") or []
        if "extra ==" not in r
    }
    dists = importlib.metadata.packages_distributions()
    imported = set()
    for path in (ROOT / "extract").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    # dask: only the scale-out recipe (extract/archive.py), which says to install it
    third_party = imported - set(sys.stdlib_module_names) - {"extract", "dask"}
    needed = {name: (COMES_WITH.get(name) or dists[name][0]).lower() for name in third_party}
    assert {name: dist for name, dist in needed.items() if dist not in declared} == {}
    # pdfplumber's table algorithm reads ruled PDF tables (extract/loaders/pdftables.py)
    assert "pdfplumber" in declared and "pypdfium2" in declared


def test_the_wheel_ships_its_types_licence_and_declared_dependencies(venv: Path) -> None:
    (wheel,) = venv.parent.glob("extract-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode("utf-8").splitlines()
    assert "extract/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in lines
    requires = [line.removeprefix("Requires-Dist: ") for line in lines if "Requires-Dist" in line]
    assert any(r.startswith("pypdfium2") for r in requires)
    assert [r for r in requires if r.startswith("pdfplumber")] == [
        "pdfplumber>=0.11",
        'pdfplumber>=0.11; extra == "bench"',
    ]
