"""The record: the only definition of its shape. `schemas/` is rendered from these models."""

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SCHEMA_VERSION = "1.1"
"""1.1 added `extract_version` and option ids, and made question ids stable; a 1.0 record is
still valid (both are optional), so that `extract diff` reads last release's records."""

QuestionKind = Literal["single_choice", "multi_choice", "scale", "yes_no", "free_text", "unknown"]


class WarningCode(StrEnum):
    """What a warning is about: a stable code for programs (`--strict` names them)."""

    description: str

    def __new__(cls, value: str, description: str) -> "WarningCode":
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    # the checks (extract/checks.py): what the record does not account for
    unaccounted_number = (
        "unaccounted_number",
        "A number in the text that landed nowhere in the record.",
    )
    unaccounted_date = (
        "unaccounted_date",
        "A date in the text that landed nowhere in the record.",
    )
    figure_values_missing = (
        "figure_values_missing",
        "The text names a chart whose values are not in the text (read the figure itself).",
    )
    # the profiles and the charts (extract/profiles/, extract/figures.py)
    format_found_no_questions = (
        "format_found_no_questions",
        "No longer raised: no profile reads sections of its own any more (the general reader "
        "reads every report's); kept so that older records still read.",
    )
    no_question_structure = (
        "no_question_structure",
        "The text states shares but no question or finding could be built from them.",
    )
    figure_without_question = (
        "figure_without_question",
        "A chart's values could not be tied to any question.",
    )
    figure_prose_mismatch = (
        "figure_prose_mismatch",
        "A chart and the prose give one option different values; the prose's is kept.",
    )
    # the PDF loader (extract/loaders/pdf.py)
    figure_is_image = (
        "figure_is_image",
        "Pages hold pictures (charts drawn as images?) whose values cannot be read.",
    )
    layout_columns = (
        "layout_columns",
        "Pages are set in columns: reading order, and which question a chart belongs to, "
        "may be wrong.",
    )
    # consistency (extract/consistency.py): stated values that cannot all be true
    options_sum = (
        "options_sum",
        "The options of a one-answer question do not add up to about 100%.",
    )
    percent_out_of_range = (
        "percent_out_of_range",
        "A share outside 0-100% (in the prose or on a chart); a chart's is not taken.",
    )
    word_digit_mismatch = (
        "word_digit_mismatch",
        'Words and the digits that restate them disagree ("half (61%)").',
    )
    base_exceeds_respondents = (
        "base_exceeds_respondents",
        "A question's base is larger than the report's respondents.",
    )
    count_exceeds_base = (
        "count_exceeds_base",
        "A count of people is larger than the whole it is a count of.",
    )
    fieldwork_reversed = (
        "fieldwork_reversed",
        "The fieldwork ends before it starts.",
    )
    published_before_fieldwork = (
        "published_before_fieldwork",
        "The report is dated before its fieldwork ended.",
    )
    figure_numbering = (
        "figure_numbering",
        "Figure numbers on the questions repeat, or skip a number.",
    )
    option_conflict = (
        "option_conflict",
        "One option of a question is stated with two different values.",
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Each code with its own description (an `enum` list cannot carry them)."""
        schema: dict[str, Any] = handler(core_schema)
        schema.pop("enum", None)
        schema["oneOf"] = [{"const": c.value, "description": c.description} for c in cls]
        return schema


def empty_list() -> list[Any]:
    """A new empty list, the default of every list field. Not `list` itself: pydantic asks a
    default factory for its signature, and a built-in's is parsed from its text by the tokenize
    module, whose patterns are compiled on first use (1.5% of a run on one small text)."""
    return []


class Model(BaseModel):
    """Base for every record part: unknown keys are an error. The docstring under a field is
    its description in the schema; `extract.schema` reads them there, since pydantic's
    `use_attribute_docstrings` would read the source at every start for the schema alone."""

    model_config = ConfigDict(extra="forbid")


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


Qualifier = Literal["more_than", "at_least", "fewer_than", "at_most", "about", "nearly"]
"""How a hedged number relates to the true one ("more than 400": more_than)."""


class Count(Model):
    """A number of people as the text states it."""

    n: int = Field(ge=0)
    """How many people."""
    qualifier: Qualifier | None = None
    """How the text hedges the number ("more than 400", "nearly 2,500"); null when exact."""
    text: str
    """The wording it was read from."""
    span: Span
    """Where `text` is."""


class DateValue(Model):
    """A single date; `date` is null when the text does not state the year."""

    date: dt.date | None
    """The date (ISO 8601), read day-first; null when the text lacks a part of it."""
    text: str
    """The wording it was read from."""
    span: Span
    """Where `text` is."""


class DateRange(Model):
    """A period such as the fieldwork; either end is null when the text does not state it."""

    start: dt.date | None
    """The first day (ISO 8601); null when not stated."""
    end: dt.date | None
    """The last day (ISO 8601); null when not stated."""
    text: str
    """The wording it was read from."""
    span: Span
    """Where `text` is."""


class Series(Model):
    """Which poll of a series this report is ("the sixth in a series of special polls")."""

    number: int = Field(ge=1)
    """Its place in the series, 1 for the first."""
    text: str
    """The wording it was read from."""
    span: Span
    """Where `text` is."""


class Author(Model):
    """A person who signed the report."""

    name: str
    """The name as printed."""
    role: str | None = None
    """Their job title, when the text gives it."""
    organisation: str | None = None
    """Who they work for, when the text gives it."""
    span: Span
    """Where the name is."""


class Base(Model):
    """How many people answered a question."""

    n: int = Field(ge=0)
    """How many people the question's shares are of."""
    text: str
    """The wording it was read from ("Base: 134 Social Workers")."""
    span: Span
    """Where `text` is."""
    basis: Literal["stated", "derived"]
    """`stated`: the text gives the total; `derived`: the total is computed from stated numbers."""


class Option(Model):
    """One closed answer of a question with its share."""

    id: str | None = None
    """Its question's id and its normalised label ("fig4.monthly"; a repeated label `~2`):
    stable across releases while the label is. Null only in records made before 1.1."""
    label: str
    """The answer as the text names it."""
    percent: float | None = Field(ge=0, le=100)
    """Share of the base in percent; null when the text names the option but not its share."""
    qualifier: str | None = None
    """Approximate wording kept from the text: "over", "just over", "nearly", "more than"…"""
    text: str
    """The wording the share was read from."""
    span: Span
    """Where `text` is."""
    source: Literal["text", "figure"] = "text"
    """Where the value was read: the prose, or a chart's own labels."""
    also_stated: list[Span] = Field(default_factory=empty_list)
    """Other places giving the same answer with the same share (a chart's entry for an answer
    the prose also states): a second piece of provenance; the option keeps the first's words."""
    position: int | None = Field(default=None, ge=1)
    """1-based place of the option: on its answer scale (most to least: "very confident" before
    "not at all confident") when every label names a point of one scale, else in the source's
    order. Sort by it to show the options as the chart did."""


class Statistic(Model):
    """Any other number a section states: aggregates, shares of free text, counts of people."""

    label: str
    """What the number is, in words from its sentence."""
    value: float
    """The number as stated."""
    unit: Literal["percent", "count"]
    """`percent`: a share; `count`: a number of people or answers."""
    qualifier: str | None = None
    """Approximate wording kept from the text ("over", "nearly"…)."""
    of: str | None = None
    """What the value is a share or count of, e.g. "free_text_responses", "respondents"."""
    text: str
    """The wording it was read from."""
    span: Span
    """Where `text` is."""


class TextItem(Model):
    """A line of text the report lists: a finding, an appendix, a named approach."""

    text: str
    """The item's wording."""
    span: Span
    """Where `text` is."""


class Theme(Model):
    """A heading under which a free-text question's answers are grouped."""

    title: str
    """The heading's wording."""
    span: Span
    """Where the heading is."""


class Question(Model):
    """A survey question and everything the report states about its answers."""

    id: str
    """Stable: the question's code as the report prints it ("Q3." -> `q3`), else its figure
    (`fig3`), else a hash of its wording (`q-3fa9c1`); questions that would share one add a hash
    of their wording (`q3-5e1f`). Unchanged when another question is added or removed (records
    made before 1.1 number questions q1, q2… in document order)."""
    text: str
    """The question's wording (its heading, or the sentence that asks it)."""
    wording: Literal["stated", "claim"] = "stated"
    """`stated`: the report's own words for the question; `claim`: a prose finding's claim, its
    sentence less the shares and who answered ("had taken a second job")."""
    figure: int | None = None
    """The number of the figure that charted it, if any."""
    kind: QuestionKind
    """How it is answered: one option, several, a scale, yes/no, free text, or unknown."""
    base: Base | None = None
    """How many answered it; null when the text does not say."""
    options: list[Option] = Field(default_factory=empty_list)
    """Its closed answers in the order the text gives them."""
    statistics: list[Statistic] = Field(default_factory=empty_list)
    """Other numbers its section states (aggregates, shares of free text, counts)."""
    free_text_responses: Count | None = None
    """How many free-text answers it had, when the text says."""
    themes: list[Theme] = Field(default_factory=empty_list)
    """Headings its free-text answers are grouped under."""
    items: list[TextItem] = Field(default_factory=empty_list)
    """Things the section lists by name (approaches, programmes)."""
    grid: str | None = None
    """For one row of a grid (matrix) question, items by an answer scale: the id of the grid's
    first row's question, shared by every row; absent for a question of its own."""
    span: Span
    """The whole section, heading to the line before the next heading; for a grid's row, its
    wording to the row's line."""


QuoteKind = Literal["respondent", "statement", "question"]


class Quote(Model):
    """Verbatim words of a respondent or speaker."""

    text: str
    """Verbatim, without the outer quote marks or emphasis markers."""
    kind: QuoteKind = "respondent"
    """Whose words: a respondent's (survey evidence, in `quotes`), or, in `statements`, a
    spokesperson's or official's statement, or a question's wording quoted by the report."""
    speaker: str | None = None
    """Who the text says spoke, as it names them ("social worker", "respondent")."""
    question: str | None = None
    """Id of the question whose section holds the quote."""
    theme: str | None = None
    """Title of the theme the quote sits under, if any."""
    span: Span
    """Where the quote's words are."""


class ReportWarning(Model):
    """Something a reader should know: a number not placed, a value the text lacks."""

    code: WarningCode
    """What the warning is about (one of a fixed list, each described)."""
    message: str
    """What exactly, for a person: the question, the value and its wording."""
    span: Span | None = None
    """The text the warning is about; null when it is about the whole document or pages."""


class Report(Model):
    """One extracted report."""

    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION
    """The version of this shape; a change that can break a reader changes it."""
    extract_version: str | None = None
    """The version of extract that made the record (`extract --version`); null only in records
    made before 1.1."""
    id: str
    """The input's file stem."""
    source: Source
    """Which file, with its checksum, type and pages."""
    format: str
    """Name of the format module that parsed it."""
    title: str | None = None
    """The report's title."""
    standfirst: str | None = None
    """The paragraph under the title that sums the report up, if it has one."""
    publisher: str | None = None
    """Who published it, as the text names them."""
    authors: list[Author] = Field(default_factory=empty_list)
    """People who signed it."""
    published: DateValue | None = None
    """When it was published."""
    fieldwork: DateRange | None = None
    """When the survey was in the field."""
    series: Series | None = None
    """Its place in a series of polls."""
    respondents: Count | None = None
    """How many people answered the survey, as an exact number."""
    respondents_approx: Count | None = None
    """A hedged total when the text states no exact one ("more than 400 nurses took part"),
    with its qualifier; never a question's base."""
    invited: Count | None = None
    """How many people the poll was sent to."""
    questions: list[Question] = Field(default_factory=empty_list)
    """The survey's questions in document order."""
    statistics: list[Statistic] = Field(default_factory=empty_list)
    """Numbers the report states that belong to no question (a change, a share above 100%)."""
    quotes: list[Quote] = Field(default_factory=empty_list)
    """Respondents' verbatim words, in document order: the survey's evidence."""
    statements: list[Quote] = Field(default_factory=empty_list)
    """Other quoted words, in document order: statements of spokespeople and officials,
    question wordings the report quotes. Kept so that nothing quoted is lost."""
    findings: list[TextItem] = Field(default_factory=empty_list)
    """Key findings the report lists."""
    appendices: list[TextItem] = Field(default_factory=empty_list)
    """Appendices the report lists."""
    links: list[str] = Field(default_factory=empty_list)
    """Web addresses in the text."""
    warnings: list[ReportWarning] = Field(default_factory=empty_list)
    """What a reader should know about this record (see `WarningCode`)."""
