from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.schema import SCHEMA_FOLDER, SCHEMAS, render_schema, schema_text


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_rendered_from_the_models(name: str) -> None:
    committed = json.loads((SCHEMA_FOLDER / name).read_text(encoding="utf-8"))
    assert committed == render_schema(name), "schemas/ is stale: run `make schema`"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_forbids_unknown_keys(name: str) -> None:
    schema = render_schema(name)
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )


def test_schema_command_writes_into_the_current_directory_not_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    for name in SCHEMAS:
        assert (tmp_path / "schemas" / name).read_text(encoding="utf-8") == schema_text(name)
    other = tmp_path / "elsewhere"
    assert CliRunner().invoke(app, ["schema", "--out", str(other)]).exit_code == 0
    assert sorted(p.name for p in other.iterdir()) == sorted(SCHEMAS)
