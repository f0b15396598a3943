"""text -> record: the pure core. Reading files happens in loaders, writing in writer."""

from __future__ import annotations

from pathlib import Path

from extract import __version__, profiles
from extract.checks import check
from extract.document import Document
from extract.figures import merge_figures
from extract.ids import with_option_ids, with_question_ids
from extract.inputs import printable
from extract.loaders import load
from extract.loaders.text import text_document
from extract.models import Report, ReportWarning, Source
from extract.reader import with_order
from extract.report import read_report
from extract.settings import Limits


def extract_document(
    doc: Document,
    *,
    report_id: str,
    source: Source,
    format_name: str | None = None,
    load_warnings: tuple[ReportWarning, ...] = (),
) -> Report:
    """Read with the general reader, refine with the profile that claims the document (or the
    one named; `profiles.NO_PROFILE` for none), then add the checks' warnings."""
    profile = profiles.detect(doc.text) if format_name is None else profiles.named(format_name)
    draft = read_report(doc)
    if profile is not None:
        draft = profile.refine(doc, draft)
    report = Report(
        id=report_id,
        extract_version=__version__,
        source=source,
        format=profile.NAME if profile is not None else profiles.NO_PROFILE,
        **vars(draft),
    )
    # ids before the figures and the checks, whose warnings name questions by them
    report = merge_figures(doc, with_question_ids(doc, report))
    report.questions = [with_option_ids(with_order(q)) for q in report.questions]
    report.warnings = [*load_warnings, *report.warnings, *check(doc, report)]
    return report


def extract_text(text: str, *, report_id: str = "text", path: str = "<text>") -> Report:
    """A record from report text (for notebooks and tests)."""
    import hashlib

    if not isinstance(text, str):  # a file's bytes, or None from a failed read
        raise TypeError(
            f"extract_text needs the report's text as a str, not {type(text).__name__} "
            "(for a file, use extract_file)"
        )

    source = Source(
        path=path,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        media_type="text/plain",
    )
    return extract_document(text_document(text), report_id=report_id, source=source)


def extract_file(
    path: Path | str,
    *,
    relative_to: Path | None = None,
    report_id: str | None = None,
    limits: Limits | None = None,
) -> Report:
    """A record from a report file; `source.path` is relative to `relative_to` when given, and
    the record's id is `report_id` (default: the file's stem). The file must be a regular file
    within the size `limits` (default: `Limits()`), so a named pipe or /dev/zero cannot block."""
    return read_file(path, relative_to=relative_to, report_id=report_id, limits=limits)[1]


def read_file(
    path: Path | str,
    *,
    relative_to: Path | None = None,
    report_id: str | None = None,
    limits: Limits | None = None,
) -> tuple[Document, Report]:
    """`extract_file`, with the document its spans index (for a page that shows them)."""
    path = Path(path)
    loaded = load(path, limits)
    shown = path
    if relative_to is not None:
        try:
            shown = path.relative_to(relative_to)
        except ValueError:
            shown = path
    source = Source(
        path=printable(shown.as_posix()),
        sha256=loaded.sha256,
        media_type=loaded.media_type,
        pages=loaded.pages,
    )
    report = extract_document(
        loaded.document,
        report_id=printable(path.stem) if report_id is None else report_id,
        source=source,
        load_warnings=loaded.warnings,
    )
    return loaded.document, report
