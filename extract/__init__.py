"""extract: survey and poll reports (text or PDF) to validated JSON records.

from extract import extract_file, extract_many, extract_text
report = extract_file("raw/000_973d4c83f07564ec.txt")
for outcome in extract_many(["raw/"], jobs=2):   # the engine of `extract run`
    print(outcome.path, outcome.report.title if outcome.report else outcome.code)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "FileOutcome",
    "Limits",
    "Report",
    "__version__",
    "extract_file",
    "extract_many",
    "extract_text",
]

if TYPE_CHECKING:
    from extract.batch import FileOutcome, extract_many
    from extract.models import Report
    from extract.pipeline import extract_file, extract_text
    from extract.settings import Limits

_LAZY = {
    "extract_file": "extract.pipeline",
    "extract_text": "extract.pipeline",
    "extract_many": "extract.batch",
    "FileOutcome": "extract.batch",
    "Report": "extract.models",
    "Limits": "extract.settings",
}


def __getattr__(name: str) -> Any:
    """The pipeline is imported on first use, so that `extract --help` starts quickly."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
