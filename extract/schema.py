"""The JSON Schemas of the outputs, rendered from the pydantic models (the single source)."""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extract import models, settings
from extract.models import Report
from extract.run_report import RunReport

SCHEMA_FOLDER = Path(__file__).resolve().parent.parent / "schemas"
SCHEMAS: dict[str, type[BaseModel]] = {
    "report.schema.json": Report,
    "run.schema.json": RunReport,
}
"""Each file in `schemas/` and the model it is rendered from."""


DOCUMENTED = (models, settings)
"""The modules whose classes' field docstrings are the schema's descriptions."""


def field_docstrings(cls: type) -> dict[str, str]:
    """Each field of `cls` (its own, not its bases') with the string literal under it, cleaned
    as pydantic's `use_attribute_docstrings` would (`inspect.cleandoc`)."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0]
    assert isinstance(body, ast.ClassDef)
    return {
        node.target.id: inspect.cleandoc(after.value.value)
        for node, after in zip(body.body, body.body[1:], strict=False)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and isinstance(after, ast.Expr)
        and isinstance(after.value, ast.Constant)
        and isinstance(after.value.value, str)
    }


def _described(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with each property that has no description given its field's docstring, read
    from the class (or a base of it) its definition is titled after; keys in the sorted order
    pydantic writes them in."""
    classes = {
        name: cls
        for module in DOCUMENTED
        for name, cls in vars(module).items()
        if inspect.isclass(cls) and cls.__module__ == module.__name__
    }
    documented = {module.__name__ for module in DOCUMENTED}
    for definition in (schema, *schema.get("$defs", {}).values()):
        cls = classes.get(definition.get("title", ""))
        if cls is None:
            continue
        docs: dict[str, str] = {}
        for base in reversed(cls.__mro__):
            if base.__module__ in documented:
                docs |= field_docstrings(base)
        properties = definition.get("properties", {})
        for name, prop in properties.items():
            if "description" not in prop and name in docs:
                properties[name] = dict(sorted({**prop, "description": docs[name]}.items()))
    return schema


def render_schema(name: str = "report.schema.json") -> dict[str, Any]:
    schema = _described(SCHEMAS[name].model_json_schema(mode="serialization"))
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
