"""The Dask recipe (extract/archive.py) writes the records `extract run` writes, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from extract.archive import extract_archive
from extract.cli import app
from tests.conftest import RAW

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def test_dask_records_are_byte_identical_to_extract_run(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(RAW, archive / "raw")
    shutil.copytree(DOCUMENTS, archive / "documents")
    shutil.copy(
        RAW / "000_973d4c83f07564ec.txt", archive / "documents" / "000_973d4c83f07564ec.txt"
    )
    (archive / "raw" / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    run_out, dask_out = tmp_path / "run", tmp_path / "dask"
    assert CliRunner().invoke(app, ["run", str(archive), "--out", str(run_out)]).exit_code == 1
    results = extract_archive([archive], dask_out, partitions=3, scheduler="processes")
    expected = sorted(p.name for p in run_out.iterdir() if p.name != "_run.json")
    assert sorted(p.name for p in dask_out.iterdir()) == expected
    assert "000_973d4c83f07564ec~2.json" in expected  # the same names for the same stems
    for name in expected:
        assert (dask_out / name).read_bytes() == (run_out / name).read_bytes(), name
    failed = [(Path(r.input).name, r.code) for r in results if r.status == "failed"]
    assert failed == [("broken.pdf", "not_a_pdf")]
    assert len(results) == len(expected) + 1
