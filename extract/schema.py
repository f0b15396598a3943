"""The JSON Schema of the record, rendered from the pydantic models (the single source)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from extract.models import Report

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "report.schema.json"
SCHEMA_ID = "https://example.invalid/extract/report.schema.json"


def render_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(render_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def committed_schema() -> dict[str, Any]:
    """The schema file in `schemas/`, or the rendered one when the package runs elsewhere."""
    if SCHEMA_PATH.exists():
        return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return render_schema()
