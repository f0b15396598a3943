"""The record's JSON text: written by pydantic-core where it writes what `json.dumps` would, and
by `json.dumps` itself where the two differ (a float Python writes with an exponent, a string
holding a lone surrogate)."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from extract import models
from extract.models import Report, Statistic
from extract.pipeline import extract_file, extract_text
from extract.writer import record_json
from tests.conftest import RAW

BASE = extract_text("Of the 200 members surveyed, 51% agreed and 49% did not.")


def python_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def with_values(title: str | None, percent: float, value: float) -> Report:
    question = BASE.questions[0]
    option = question.options[0].model_copy(update={"percent": percent})
    statistic = Statistic(
        label="a number", value=value, unit="count", text="a number", span=question.span
    )
    question = question.model_copy(
        update={"options": [option, *question.options[1:]], "statistics": [statistic]}
    )
    return BASE.model_copy(update={"title": title, "questions": [question]})


def _float_fields(model: type[BaseModel]) -> set[str]:
    found = set()
    for name, field in model.model_fields.items():
        if float in typing.get_args(field.annotation) or field.annotation is float:
            found.add(f"{model.__name__}.{name}")
    return found


def test_the_writer_knows_every_float_of_the_record() -> None:
    """writer._floats lists the floats a record holds; a new float field must be added there."""
    classes = [c for c in vars(models).values() if isinstance(c, type) and issubclass(c, BaseModel)]
    floats = set().union(*(_float_fields(c) for c in classes))
    assert floats == {"Option.percent", "Statistic.value"}


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.stem)
def test_a_reference_record_is_written_as_json_dumps_writes_it(path: object) -> None:
    report = extract_file(path)  # type: ignore[arg-type]
    assert record_json(report) == python_json(report)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    title=st.none() | st.text(),
    percent=st.floats(min_value=0, max_value=100),
    value=st.floats(allow_nan=False, allow_infinity=False),
)
def test_any_record_is_written_as_json_dumps_writes_it(
    title: str | None, percent: float, value: float
) -> None:
    report = with_values(title, percent, value)
    assert record_json(report) == python_json(report)


@pytest.mark.parametrize(
    ("percent", "value"),
    [(0.00005, 3.0), (51.0, 5e-05), (51.0, 1e16), (51.0, -2.5e-07), (0.0, -0.0), (99.9, 1e300)],
)
def test_floats_python_writes_with_an_exponent_are_written_as_python_writes_them(
    percent: float, value: float
) -> None:
    report = with_values("A title", percent, value)
    assert record_json(report) == python_json(report)


def test_a_lone_surrogate_is_written_as_json_dumps_writes_it() -> None:
    report = with_values("broken \ud800 text", 51.0, 3.0)
    assert record_json(report) == python_json(report)
