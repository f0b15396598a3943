from __future__ import annotations

import json

import pytest

from extract.schema import SCHEMA_FOLDER, SCHEMAS, render_schema


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
