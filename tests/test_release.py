"""A new release saved under a new name, with one percentage, one base, one label and one
question changed: `diff` and `check` name exactly those four changes, and no span."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import GOLDEN, RAW

STEM = "002_32b4aaddebb844bc"
RELEASE = "polling_results_2022-03-01"
EDITS = (
    ("supervision was available (32%)", "supervision was available (33%)"),  # a percentage
    ("Base: 130 Social Workers", "Base: 131 Social Workers"),  # a base
    ("part-time hours (44%)", "part-time working hours (44%)"),  # a label
    (  # a question
        "### What does your organisation typically offer when you work over time?",
        "### What does your organisation usually offer when you work overtime?",
    ),
)
EXPECTED = [
    ("question_reworded", "fig2", "text"),
    ("option_relabelled", "fig3", "options[part-time hours].label"),
    ("percent_changed", "fig4", "options[monthly].percent"),
    ("base_changed", "fig12", "base.n"),
]
runner = CliRunner()


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """The reference document, edited four times, as a new release under a dated name."""
    text = (RAW / f"{STEM}.txt").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "docs" / f"{RELEASE}.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_pairs_the_renamed_release_and_names_exactly_the_four_changes(
    release: Path, tmp_path: Path
) -> None:
    old = tmp_path / "last_release"
    old.mkdir()
    shutil.copy(GOLDEN / f"{STEM}.json", old)
    new = tmp_path / "this_release"
    ran = runner.invoke(app, ["run", str(release.parent), "--out", str(new), "--quiet"])
    assert ran.exit_code == 0, ran.output
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 1
    changes = json.loads(result.stdout)
    assert [(c["kind"], c["question"], c["field"]) for c in changes] == EXPECTED
    assert {c["report"] for c in changes} == {f"{STEM} -> {RELEASE}"}  # paired by title
    assert [(c["old"], c["new"]) for c in changes[1:]] == [
        ("part-time hours", "part-time working hours"),
        (32.0, 33.0),
        (130, 131),
    ]
    table = runner.invoke(app, ["diff", str(old), str(new)]).stdout
    assert "fig3 option relabelled: 'part-time hours' -> 'part-time working hours' (44%)" in table
    assert "report removed" not in table and "report added" not in table


def test_check_names_the_same_four_changes_and_no_span(release: Path, tmp_path: Path) -> None:
    golden = tmp_path / "golden"
    golden.mkdir()
    shutil.copy(GOLDEN / f"{STEM}.json", golden / f"{RELEASE}.json")
    result = runner.invoke(app, ["check", str(release), "--golden", str(golden)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{RELEASE}.txt: 4 differences"
    assert [line.split()[3] for line in lines[1:]] == [q for _, q, _ in EXPECTED]
    assert not any("span" in line for line in lines)
    with_spans = runner.invoke(app, ["check", str(release), "--golden", str(golden), "--spans"])
    assert with_spans.exit_code == 1
    assert any(" span.start: " in line for line in with_spans.stdout.splitlines())
