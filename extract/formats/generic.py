"""Layouts no format claims: the general reader alone. Title, dates, respondents and publisher
from the report-level extractors; questions and findings from `extract.reader`; quotes tied to
the question whose section holds them. Its record carries a warning saying no format applied.
"""

from __future__ import annotations

from extract.document import Document
from extract.draft import Draft
from extract.fields.answer_lists import with_listed_answers
from extract.fields.quotes import find_quotes
from extract.models import ReportWarning
from extract.reader import read_questions
from extract.report_fields import (
    find_fieldwork,
    find_invited,
    find_published,
    find_publisher,
    find_respondents,
    find_respondents_approx,
    find_title,
)
from extract.sectioned import build_quotes

NAME = "generic"


def detect(text: str) -> float:
    return 0.0


def parse(doc: Document) -> Draft:
    quotes = with_listed_answers(doc, find_quotes(doc.text))
    reading = read_questions(doc, quotes)
    return Draft(
        title=find_title(doc),
        publisher=find_publisher(doc),
        published=find_published(doc),
        fieldwork=find_fieldwork(doc),
        respondents=find_respondents(doc),
        respondents_approx=find_respondents_approx(doc),
        invited=find_invited(doc),
        questions=reading.questions,
        statistics=reading.statistics,
        quotes=build_quotes(doc, quotes, reading.questions),
        warnings=[
            ReportWarning(
                code="generic_format",
                message="no report format recognised this layout; only generic rules applied",
            )
        ],
    )
