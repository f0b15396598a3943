from __future__ import annotations

import json

from extract.schema import SCHEMA_PATH, render_schema


def test_committed_schema_is_rendered_from_the_models() -> None:
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == render_schema(), "schemas/ is stale: run `make schema`"


def test_schema_forbids_unknown_keys() -> None:
    schema = render_schema()
    assert schema["additionalProperties"] is False
    assert all(
        d.get("additionalProperties") is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )
