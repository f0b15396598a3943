from __future__ import annotations

import json
from collections.abc import Iterator
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


def _undescribed(schema: dict) -> list[str]:
    """Every property of every object in `schema` that has no description."""
    objects = {"(root)": schema, **schema.get("$defs", {})}
    return [
        f"{name}.{key}"
        for name, definition in objects.items()
        for key, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_field_and_definition_is_described(name: str) -> None:
    schema = render_schema(name)
    assert _undescribed(schema) == []
    assert [d for d, body in schema["$defs"].items() if not body.get("description")] == []


def test_every_warning_code_is_in_the_schema_with_its_description() -> None:
    from extract.models import WarningCode

    choices = render_schema()["$defs"]["WarningCode"]["oneOf"]
    assert [c["const"] for c in choices] == [code.value for code in WarningCode]
    assert all(c["description"] for c in choices)


def test_an_unknown_warning_code_is_refused() -> None:
    from pydantic import ValidationError

    from extract.models import ReportWarning

    with pytest.raises(ValidationError):
        ReportWarning(code="no_such_warning", message="x")


def test_every_warning_code_is_documented_in_the_readme(root: Path) -> None:
    from extract.models import WarningCode

    readme = (root / "README.md").read_text(encoding="utf-8")
    assert [code for code in WarningCode if f"| `{code.value}` |" not in readme] == []


def _mutations(value: object) -> Iterator[object]:
    """`value` changed in one place each time: a key removed, an unknown key, a value of the
    wrong type, an impossible date, a number out of range."""
    if isinstance(value, dict):
        yield {**value, "unknown_key": 1}
        for key, item in value.items():
            yield {k: v for k, v in value.items() if k != key}
            for changed in _mutations(item):
                yield {**value, key: changed}
    elif isinstance(value, list):
        for index, item in enumerate(value[:1]):
            for changed in _mutations(item):
                yield [*value[:index], changed, *value[index + 1 :]]
    else:
        replacements: list[object] = ["2024-02-30", -1, 101.5, [], None, "", True]
        yield from (r for r in replacements if r != value)


def test_the_compiled_validator_gives_the_jsonschema_package_s_verdicts() -> None:
    """Records are checked with jsonschema-rs; a record it passes must be one the jsonschema
    package (the reference, which words the errors) passes too, and the other way round."""
    import jsonschema_rs

    from extract.writer import _compiled, _explainer

    name = "report.schema.json"
    compiled, reference = _compiled(name), _explainer(name)
    assert isinstance(compiled, jsonschema_rs.Validator)
    golden = sorted(Path(__file__).parent.joinpath("golden").glob("*.json"))[:1]
    checked = 0
    for path in golden:
        record = json.loads(path.read_text(encoding="utf-8"))
        for candidate in [record, *_mutations(record)]:
            assert compiled.is_valid(candidate) == reference.is_valid(candidate), candidate
            checked += 1
    assert checked > 500


class _Documented:
    """A class whose fields are documented as the record's models are."""

    plain: int
    """One line."""
    indented: str
    """First line,
        then an indented second one."""
    undocumented: float
    not_a_field = 3
    """A string under a plain assignment is not a field's."""

    def method(self) -> None:
        """A method's docstring is not a field's."""


def test_field_docstrings_reads_the_string_under_each_annotated_field() -> None:
    from extract.schema import field_docstrings

    assert field_docstrings(_Documented) == {
        "plain": "One line.",
        "indented": "First line,\nthen an indented second one.",
    }


def test_records_are_validated_without_reading_docstrings() -> None:
    """The descriptions are the schema's alone: the models a run builds carry none, so no run
    pays for reading the source (the schema test above holds them to the committed schema)."""
    from extract.models import Span

    assert Span.model_fields["start"].description is None


def test_every_list_field_defaults_to_a_new_list() -> None:
    """The models' list default (`empty_list`) is a fresh list for each record part."""
    from extract.models import Question, Span, Theme

    span = Span(start=0, end=1, line=1)
    one, two = (Question(id="q1", text="Why?", kind="unknown", span=span) for _ in range(2))
    one.themes.append(Theme(title="Cost", span=span))
    assert two.themes == []
