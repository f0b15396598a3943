"""The shape of `<out>/_run.json`: what happened to every input of a run, for other programs.

Like the record, it is described by pydantic models and rendered to `schemas/run.schema.json`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from extract.models import empty_list
from extract.settings import Limits, OutputFormat


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FileResult(_Strict):
    """What became of one input."""

    input: str = Field(description="The input file's path as the run found it.")
    status: Literal["ok", "failed", "not_run"] = Field(
        description="not_run: the run was interrupted before this file was finished."
    )
    code: str | None = Field(None, description="The error code when the file failed.")
    message: str | None = Field(None, description="Why it failed, for a person.")
    seconds: float | None = Field(None, description="Time spent on the file, in seconds.")
    format: str | None = Field(None, description="The report format detected.")
    questions: int | None = Field(None, description="How many questions its record holds.")
    options: int | None = Field(None, description="How many options, all questions together.")
    quotes: int | None = Field(None, description="How many quotes its record holds.")
    warnings: int | None = Field(None, description="How many warnings its record carries.")
    warning_codes: dict[str, int] | None = Field(
        None, description="How many warnings of each code (see the record's WarningCode)."
    )
    output: str | None = Field(
        None,
        description="Where its record was written. Two inputs with the same name get "
        "<name>.json and <name>~2.json, in input order.",
    )


class Totals(_Strict):
    """The files' counts added up."""

    files: int = Field(description="Inputs of the run.")
    ok: int = Field(description="Inputs whose record was written.")
    failed: int = Field(description="Inputs that failed (each has a code).")
    not_run: int = Field(description="Inputs not finished when the run was interrupted.")
    questions: int = Field(description="Questions in all records.")
    options: int = Field(description="Options in all records.")
    quotes: int = Field(description="Quotes in all records.")
    warnings: int = Field(description="Warnings in all records.")
    no_question_structure: int = Field(
        default=0,
        description="Records whose text states shares but from which no question was read "
        "(the warning no_question_structure): look at these first.",
    )


class RunReport(_Strict):
    """What a run did with every input, for other programs (`<out>/_run.json`)."""

    tool: str = Field(description="extract and its version.")
    started: str = Field(description="When the run started (UTC, ISO 8601).")
    seconds: float = Field(description="How long the whole run took.")
    interrupted: bool = Field(description="True when the run was stopped (Ctrl-C) early.")
    output_format: OutputFormat = Field(description="The --format of the run.")
    jobs: int = Field(description="Worker processes used.")
    limits: Limits = Field(description="What one file was allowed to cost.")
    files: list[FileResult] = Field(description="One entry per input, in input order.")
    notes: list[str] = Field(description="Things worth knowing that are not failures.")
    skipped: list[str] = Field(
        default_factory=empty_list,
        description="Files in the folders given that were not read: not a report suffix.",
    )
    totals: Totals = Field(description="Counts over every input.")
