"""What a run is asked for: the output format and what one file may cost. Kept free of heavy
imports: the command line reads these while it starts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

RUN_REPORT = "_run.json"
"""The run report's name in an output folder (so no record may be called `_run`)."""


class OutputFormat(StrEnum):
    """json: a <id>.json per report; jsonl: records.jsonl; csv: the four tidy tables."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"


RECORDS_FILE = "records.jsonl"
"""The file `--format jsonl` writes in an output folder, a record a line."""


@dataclass(frozen=True)
class Limits:
    """The defaults fit a 2-core, 24 GiB machine running one worker per core with room to
    spare: a real report takes well under a second and 100 MB."""

    __pydantic_config__: ClassVar = {"extra": "forbid"}

    seconds: float = 60.0
    """Time limit per file, in seconds."""
    memory_mb: int = 4096
    """Address space a worker process may use, in MB (virtual memory, more than it touches)."""
    text_mb: float = 10.0
    """Largest text report read, in MB: the largest real one is 0.06 MB, and parsing needs
    about 50 times the text's size in memory."""
    pdf_mb: float = 200.0
    """Largest PDF report read, in MB."""
