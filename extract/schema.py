"""The JSON Schemas of the outputs, rendered from the pydantic models (the single source)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract.models import Report
from extract.run_report import RunReport

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schemas"
SCHEMAS: dict[str, type[BaseModel]] = {
    "report.schema.json": Report,
    "run.schema.json": RunReport,
}
"""Each file in `schemas/` and the model it is rendered from."""


def render_schema(name: str = "report.schema.json") -> dict[str, Any]:
    schema = SCHEMAS[name].model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://example.invalid/extract/{name}",
        **schema,
    }


def schema_text(name: str = "report.schema.json") -> str:
    return json.dumps(render_schema(name), indent=2, ensure_ascii=False) + "\n"


@cache
def committed_schema(name: str = "report.schema.json") -> dict[str, Any]:
    """The schema file in `schemas/`, or the rendered one when the package runs elsewhere."""
    path = SCHEMA_FOLDER / name
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return render_schema(name)
