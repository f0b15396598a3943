"""The record: the only definition of its shape. `schemas/` is rendered from these models."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

QuestionKind = Literal["single_choice", "multi_choice", "scale", "yes_no", "free_text", "unknown"]


class Model(BaseModel):
    """Base for every record part: unknown keys are an error, docstrings become descriptions."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Span(Model):
    """Where a value came from: character offsets into the text `extract text` prints."""

    start: int = Field(ge=0)
    """Offset of the first character."""
    end: int = Field(ge=0)
    """Offset just past the last character."""
    line: int = Field(ge=1)
    """1-based line of `start`."""
    page: int | None = Field(default=None, ge=1)
    """1-based page of `start`; null for text input."""


class Source(Model):
    """The input file the record was made from."""

    path: str
    """Path of the input, relative to the folder given on the command line."""
    sha256: str
    """SHA-256 of the input file's bytes."""
    media_type: str
    """e.g. text/plain, application/pdf."""
    pages: int | None = None
    """Number of pages; null for text input."""


class Count(Model):
    """A number of people as the text states it."""

    n: int = Field(ge=0)
    text: str
    """The wording it was read from."""
    span: Span


class DateValue(Model):
    """A single date; `date` is null when the text does not state the year."""

    date: dt.date | None
    text: str
    span: Span


class DateRange(Model):
    """A period such as the fieldwork; either end is null when the text does not state it."""

    start: dt.date | None
    end: dt.date | None
    text: str
    span: Span


class Series(Model):
    """Which poll of a series this report is ("the sixth in a series of special polls")."""

    number: int = Field(ge=1)
    text: str
    span: Span


class Author(Model):
    """A person who signed the report."""

    name: str
    role: str | None = None
    organisation: str | None = None
    span: Span


class Base(Model):
    """How many people answered a question."""

    n: int = Field(ge=0)
    text: str
    span: Span
    basis: Literal["stated", "derived"]
    """`stated`: the text gives the total; `derived`: the total is computed from stated numbers."""


class Option(Model):
    """One closed answer of a question with its share."""

    label: str
    percent: float | None = Field(ge=0, le=100)
    """Share of the base in percent; null when the text names the option but not its share."""
    qualifier: str | None = None
    """Approximate wording kept from the text: "over", "just over", "nearly", "more than"…"""
    text: str
    """The wording the share was read from."""
    span: Span
    source: Literal["text", "figure"] = "text"
    """Where the value was read: the prose, or a chart's own labels."""


class Statistic(Model):
    """Any other number a section states: aggregates, shares of free text, counts of people."""

    label: str
    value: float
    unit: Literal["percent", "count"]
    qualifier: str | None = None
    of: str | None = None
    """What the value is a share or count of, e.g. "free_text_responses", "respondents"."""
    text: str
    span: Span


class TextItem(Model):
    """A line of text the report lists: a finding, an appendix, a named approach."""

    text: str
    span: Span


class Theme(Model):
    """A heading under which a free-text question's answers are grouped."""

    title: str
    span: Span


class Question(Model):
    """A survey question and everything the report states about its answers."""

    id: str
    """q1, q2… in document order."""
    text: str
    """The question's wording (its heading, or the sentence that asks it)."""
    wording: Literal["stated", "claim"] = "stated"
    """`stated`: the report's own words for the question; `claim`: a prose finding's claim, its
    sentence less the shares and who answered ("had taken a second job")."""
    figure: int | None = None
    """The number of the figure that charted it, if any."""
    kind: QuestionKind
    base: Base | None = None
    options: list[Option] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    free_text_responses: Count | None = None
    themes: list[Theme] = Field(default_factory=list)
    items: list[TextItem] = Field(default_factory=list)
    """Things the section lists by name (approaches, programmes)."""
    span: Span
    """The whole section, heading to the line before the next heading."""


class Quote(Model):
    """Verbatim words of a respondent or speaker."""

    text: str
    """Verbatim, without the outer quote marks or emphasis markers."""
    speaker: str | None = None
    """Who the text says spoke, as it names them ("social worker", "respondent")."""
    question: str | None = None
    """Id of the question whose section holds the quote."""
    theme: str | None = None
    """Title of the theme the quote sits under, if any."""
    span: Span


class ReportWarning(Model):
    """Something a reader should know: a number not placed, a value the text lacks."""

    code: str
    message: str
    span: Span | None = None


class Report(Model):
    """One extracted report."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str
    """The input's file stem."""
    source: Source
    format: str
    """Name of the format module that parsed it."""
    title: str | None = None
    standfirst: str | None = None
    publisher: str | None = None
    authors: list[Author] = Field(default_factory=list)
    published: DateValue | None = None
    fieldwork: DateRange | None = None
    series: Series | None = None
    respondents: Count | None = None
    invited: Count | None = None
    """How many people the poll was sent to."""
    questions: list[Question] = Field(default_factory=list)
    statistics: list[Statistic] = Field(default_factory=list)
    """Numbers the report states that belong to no question (a change, a share above 100%)."""
    quotes: list[Quote] = Field(default_factory=list)
    findings: list[TextItem] = Field(default_factory=list)
    appendices: list[TextItem] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    warnings: list[ReportWarning] = Field(default_factory=list)
