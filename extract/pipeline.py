"""text -> record: the pure core. Reading files happens in loaders, writing in writer."""

from __future__ import annotations

from pathlib import Path

from extract import formats
from extract.checks import check
from extract.document import Document
from extract.fields.quotes import find_quotes
from extract.figures import merge_figures
from extract.inputs import printable
from extract.loaders import load
from extract.loaders.text import text_document
from extract.models import Report, ReportWarning, Source
from extract.reader import read_questions, with_order
from extract.settings import Limits


def extract_document(
    doc: Document,
    *,
    report_id: str,
    source: Source,
    format_name: str | None = None,
    load_warnings: tuple[ReportWarning, ...] = (),
) -> Report:
    """Detect the format (unless named), parse, then add the checks' warnings."""
    if format_name is None:
        module = formats.detect(doc.text)
    else:
        module = next(m for m in formats.registry() if format_name == m.NAME)
    draft = module.parse(doc)
    if not draft.questions and module.NAME != "generic":
        # A layout a format claims but whose questions it cannot find (a new numbering style,
        # a renamed caption) is still read: by the general reader, with a warning that says so.
        reading = read_questions(doc, find_quotes(doc.text))
        if reading.questions:
            draft.questions, draft.statistics = reading.questions, reading.statistics
            draft.warnings.append(
                ReportWarning(
                    code="format_found_no_questions",
                    message=f"the {module.NAME} format found no questions; the general reader "
                    "read them",
                )
            )
    report = Report(id=report_id, source=source, format=module.NAME, **vars(draft))
    report = merge_figures(doc, report)
    report.questions = [with_order(q) for q in report.questions]
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
    return extract_document(
        loaded.document,
        report_id=printable(path.stem) if report_id is None else report_id,
        source=source,
        load_warnings=loaded.warnings,
    )
