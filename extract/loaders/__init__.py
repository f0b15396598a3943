"""The only code that reads input files. Each loader turns bytes into a `Document`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extract.document import Document
from extract.errors import InputError
from extract.loaders.text import decode_text
from extract.models import ReportWarning

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


@dataclass(frozen=True)
class Loaded:
    """A document together with the facts about the file it came from."""

    document: Document
    media_type: str
    sha256: str
    pages: int | None = None
    warnings: tuple[ReportWarning, ...] = ()
    """What the loader could not read faithfully (a chart drawn as an image, columns)."""


def load(path: Path) -> Loaded:
    """Read `path` and decode it by its suffix; every failure is an `InputError`."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'}; extract reads "
            + ", ".join(sorted(SUPPORTED_SUFFIXES)),
            code="unsupported_type",
        )
    if suffix in PDF_SUFFIXES:
        return _load_pdf(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", code="unreadable_file") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", code="unreadable_file") from None
    media_type = "text/markdown" if suffix in {".md", ".markdown"} else "text/plain"
    return Loaded(
        document=Document(decode_text(data)),
        media_type=media_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _load_pdf(path: Path) -> Loaded:
    from extract.loaders.pdf import load_pdf  # pdfium is imported only when a PDF is read

    pdf = load_pdf(path)
    return Loaded(
        document=pdf.document,
        media_type="application/pdf",
        sha256=pdf.sha256,
        pages=pdf.pages,
        warnings=tuple(pdf.warnings),
    )
