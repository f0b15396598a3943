"""Fallback for layouts no format claims: title, dates, respondents, every percentage as a
statistic labelled from its sentence, and quotes. Its record carries a warning saying so."""

from __future__ import annotations

from extract.document import Document
from extract.fields.quotes import find_quotes
from extract.formats import Draft
from extract.models import ReportWarning
from extract.report_fields import find_fieldwork, find_invited, find_publisher, find_respondents
from extract.sectioned import build_quotes
from extract.sections import blocks

NAME = "generic"


def detect(text: str) -> float:
    return 0.0


def parse(doc: Document) -> Draft:
    title_block = next(iter(blocks(doc.text)), None)
    return Draft(
        title=title_block.text.lstrip("# ").strip().split("\n")[0] if title_block else None,
        publisher=find_publisher(doc),
        fieldwork=find_fieldwork(doc),
        respondents=find_respondents(doc),
        invited=find_invited(doc),
        quotes=build_quotes(doc, find_quotes(doc.text), []),
        warnings=[
            ReportWarning(
                code="generic_format",
                message="no report format recognised this layout; only generic rules applied",
            )
        ],
    )
