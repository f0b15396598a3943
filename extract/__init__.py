"""extract: survey and poll reports (text or PDF) to validated JSON records.

from extract import extract_file, extract_text
report = extract_file("raw/000_973d4c83f07564ec.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract_file", "extract_text"]

if TYPE_CHECKING:
    from extract.pipeline import extract_file, extract_text


def __getattr__(name: str) -> Any:
    """The pipeline is imported on first use, so that `extract --help` starts quickly."""
    if name in ("extract_file", "extract_text"):
        from extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
