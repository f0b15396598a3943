"""Checks on a finished record: numbers the text states that no value accounts for, and figures
whose values the text does not give. Each finding becomes a warning naming the wording."""

from __future__ import annotations

import typing
from functools import cache

from pydantic import BaseModel

from extract.consistency import consistency_warnings
from extract.document import Document
from extract.fields.dates import (
    RangeFound,
    date_ranges_in,
    find_dates,
    find_month_years,
    with_year,
)
from extract.fields.numbers import find_people_counts
from extract.fields.percentages import Percent, find_percentages
from extract.intervals import Coverage
from extract.models import Report, ReportWarning, Span


def spans_in(value: object) -> list[Span]:
    """Every span held anywhere in a model, list or value (the record's provenance), in order."""
    found: list[Span] = []
    _gather_spans(value, found)
    return found


def _gather_spans(value: object, found: list[Span]) -> None:
    """Appends the spans in `value` to `found`: one list for the whole walk, where nested
    generators passed each span up through every level of the record."""
    if isinstance(value, Span):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in _span_fields(type(value)):
            _gather_spans(getattr(value, name), found)
    elif isinstance(value, list):
        for item in value:
            _gather_spans(item, found)


@cache
def _span_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that may hold a span (a model, or a list or union of models), in
    their order: its text, numbers and dates are not looked into."""
    return tuple(
        name for name, field in model.model_fields.items() if _holds_models(field.annotation)
    )


def _holds_models(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in typing.get_args(annotation))


def _excluding_sections(report: Report) -> list[Span]:
    """Every span of the record except whole question sections (which would cover everything)."""
    spans: list[Span] = []
    for name in type(report).model_fields:
        if name == "questions":
            continue
        _gather_spans(getattr(report, name), spans)
    for question in report.questions:
        for name in type(question).model_fields:
            if name != "span":
                _gather_spans(getattr(question, name), spans)
    return spans


def unaccounted_numbers(
    doc: Document, report: Report, shares: list[Percent]
) -> list[ReportWarning]:
    """Percentages (`shares`: those of the whole text), counts of people and dates that landed
    nowhere in the record. A chart's values restate the prose (a disagreement has its own
    warning), so charts are not searched."""
    spans = Coverage(
        [(s.start, s.end) for s in _excluding_sections(report)]
        + [(chart.start, chart.end) for chart in doc.charts]
    )
    numbers = [("percentage", found) for found in shares]
    numbers += [("count", found) for found in find_people_counts(doc.text)]
    warnings = [
        ReportWarning(
            code="unaccounted_number",
            message=f"{what} {found.text!r} is not in the record",
            span=doc.span(found.start, found.end),
        )
        for what, found in numbers
        if not spans.overlaps(found.start, found.end)
    ]
    warnings.extend(_unaccounted_dates(doc, report, spans))
    return sorted(warnings, key=lambda w: w.span.start if w.span else 0)


def _restates_fieldwork(report: Report, found: RangeFound) -> bool:
    """A yearless range whose days and months are the fieldwork's."""
    fieldwork = report.fieldwork
    if fieldwork is None or fieldwork.start is None or fieldwork.end is None:
        return False
    probe = with_year(found, 2000)
    start, end = probe.start_date, probe.end_date
    return (
        start is not None
        and end is not None
        and (start.day, start.month) == (fieldwork.start.day, fieldwork.start.month)
        and (end.day, end.month) == (fieldwork.end.day, fieldwork.end.month)
    )


def _unaccounted_dates(doc: Document, report: Report, spans: Coverage) -> list[ReportWarning]:
    """Dates not in the record. A yearless range that restates the fieldwork ("Polled Online,
    18 Jan - 1 Feb" under each chart) is the fieldwork, already recorded."""
    warnings = []
    ranges = date_ranges_in(doc.text)
    in_range = Coverage((found.start, found.end) for found in ranges)
    for found in ranges:
        if spans.overlaps(found.start, found.end):
            continue
        yearless = found.start_date is None and found.end_date is None
        if yearless and _restates_fieldwork(report, found):
            continue
        warnings.append(
            ReportWarning(
                code="unaccounted_date",
                message=f"date range {found.text!r} is not in the record",
                span=doc.span(found.start, found.end),
            )
        )
    dates = find_dates(doc.text)
    for date in dates:
        if in_range.overlaps(date.start, date.start + 1) or spans.overlaps(date.start, date.end):
            continue
        warnings.append(
            ReportWarning(
                code="unaccounted_date",
                message=f"date {date.text!r} is not in the record",
                span=doc.span(date.start, date.end),
            )
        )
    dated = Coverage([*((d.start, d.end) for d in dates), *((r.start, r.end) for r in ranges)])
    for month in find_month_years(doc.text):
        if dated.overlaps(month.start(), month.end()) or spans.overlaps(month.start(), month.end()):
            continue
        warnings.append(
            ReportWarning(
                code="unaccounted_date",
                message=f"month {month.group(0)!r} is not in the record",
                span=doc.span(month.start(), month.end()),
            )
        )
    return warnings


def missing_figure_values(report: Report) -> list[ReportWarning]:
    """A charted question whose prose gives no option values: the chart was lost."""
    return [
        ReportWarning(
            code="figure_values_missing",
            message=(
                f"{q.id} (figure {q.figure}): the chart's values are not in the text, "
                "so its options are empty"
            ),
            span=q.span,
        )
        for q in report.questions
        if q.figure is not None and not q.options
    ]


def thin_structure(doc: Document, report: Report, shares: list[Percent]) -> list[ReportWarning]:
    """Shares stated (`shares`: those of the whole text) but no question read: say so loudly
    instead of a silent, empty record."""
    if report.questions or not shares:
        return []
    return [
        ReportWarning(
            code="no_question_structure",
            message=f"the text states {len(shares)} share(s) but no question was read from them",
            span=doc.span(shares[0].start, shares[0].end),
        )
    ]


def check(doc: Document, report: Report) -> list[ReportWarning]:
    """All warnings the checks raise on `report`."""
    shares = find_percentages(doc.text)  # read once for the two checks that need them
    return (
        thin_structure(doc, report, shares)
        + missing_figure_values(report)
        + unaccounted_numbers(doc, report, shares)
        + consistency_warnings(report)
    )
