"""The only code that reads input files. Each loader turns bytes into a `Document`."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from extract.document import Document
from extract.errors import InputError
from extract.loaders.text import decode_text, text_document
from extract.models import ReportWarning
from extract.settings import Limits

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ".markdown"})
PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES


@dataclass(frozen=True)
class Loaded:
    """A document together with the facts about the file it came from."""

    document: Document
    media_type: str
    sha256: str
    pages: int | None = None
    warnings: tuple[ReportWarning, ...] = ()
    """What the loader could not read faithfully (a chart drawn as an image, columns)."""


class Unopened(InputError):
    """A file the system would not open or read (missing, permission denied, an I/O error);
    `reason` is the system's own words for why."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class TooLarge(InputError):
    """A file over the size it may have; `size` is in bytes (at least, when it grows)."""

    code = "too_large"

    def __init__(self, size: int) -> None:
        super().__init__(f"the file is {size / 1_000_000:.3g} MB")
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, or an `InputError`.

    Opened without blocking (a named pipe returns at once instead of waiting for a writer) and
    looked at before it is read (a device such as /dev/zero, which never ends, is refused)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise Unopened("no such file or folder", exc.strerror) from None
    except OSError as exc:
        raise Unopened(f"cannot read the file: {exc.strerror}", exc.strerror) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file (a named pipe, device or socket)")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise Unopened(f"cannot read the file: {exc.strerror}", exc.strerror) from None
    if len(data) > limit:  # it grew while we looked
        raise TooLarge(len(data))
    return data


def load(path: Path, limits: Limits | None = None) -> Loaded:
    """Read `path` and decode it by its suffix, within the size `limits` (the defaults when
    None); every failure is an `InputError`."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'}; extract reads "
            + ", ".join(sorted(SUPPORTED_SUFFIXES)),
            code="unsupported_type",
        )
    limits = limits or Limits()
    is_pdf = suffix in PDF_SUFFIXES
    limit_mb = limits.pdf_mb if is_pdf else limits.text_mb
    try:
        data = read_regular(path, int(limit_mb * 1_000_000))
    except TooLarge as exc:
        kind, flag = ("PDF", "--max-pdf-mb") if is_pdf else ("text", "--max-text-mb")
        raise InputError(
            f"{exc.message}; extract reads {kind} reports up to {limit_mb:g} MB "
            f"(raise it with {flag})",
            code="too_large",
        ) from None
    if is_pdf:
        return _load_pdf(path, data)
    if suffix in HTML_SUFFIXES:
        from extract.loaders.html import html_to_text  # lxml is imported only for a page

        return Loaded(
            document=Document(html_to_text(decode_text(data)), markdown=True),
            media_type="text/html",
            sha256=hashlib.sha256(data).hexdigest(),
        )
    # plain text is read as Markdown too: a report's text is mostly valid CommonMark, and
    # the line rules still read what Markdown does not know (text tables, notes, captions)
    return Loaded(
        document=text_document(decode_text(data)),
        media_type="text/markdown" if suffix in {".md", ".markdown"} else "text/plain",
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _load_pdf(path: Path, data: bytes) -> Loaded:
    from extract.loaders.pdf import load_pdf  # pdfium is imported only when a PDF is read

    pdf = load_pdf(path, data)
    return Loaded(
        document=pdf.document,
        media_type="application/pdf",
        sha256=pdf.sha256,
        pages=pdf.pages,
        warnings=tuple(pdf.warnings),
    )
