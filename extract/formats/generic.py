"""Fallback for layouts no format claims: title, dates, respondents, every percentage as a
statistic labelled from its sentence, and quotes. Its record carries a warning saying so.

The record holds statistics only inside questions, so the percentages go into one question,
"q1", that stands for the whole document (its wording is the title, else "(whole document)").
"""

from __future__ import annotations

import regex

from extract.document import Document
from extract.fields.percentages import Percent, find_percentages
from extract.fields.quotes import find_quotes
from extract.figures import CHART_BLOCK
from extract.formats import Draft
from extract.models import Question, ReportWarning, Statistic
from extract.report_fields import (
    find_fieldwork,
    find_invited,
    find_published,
    find_publisher,
    find_respondents,
    find_title,
)
from extract.sectioned import build_quotes
from extract.sections import Block, blocks, sentences

NAME = "generic"

WHOLE_DOCUMENT = "(whole document)"

# Where the words between two percentages of a sentence are cut between them: punctuation or a
# conjunction; the conjunction itself belongs to neither clause.
_CLAUSE_BOUNDARY = regex.compile(
    r"(?<!\s)\s*(?:[,;:]|\s[—–])\s*(?:(?:and|or|but|while|whereas)\s+)?"
    r"|(?<!\s)\s+(?:and|or|but|while|whereas)\s+",  # (?<!\s): a run of space from its start only
    regex.IGNORECASE,
)
_LABEL_TRIM = " \t\n#*_“”‘’\"'.,;:"


def detect(text: str) -> float:
    return 0.0


def _label(sentence: str, found: list[Percent], index: int) -> str:
    """The percentage's clause: the sentence, less the words that belong to the percentages
    before and after it (cut at the last and first clause boundary between them)."""
    start, end = 0, len(sentence)
    if index > 0:
        between = found[index - 1].end
        cuts = list(_CLAUSE_BOUNDARY.finditer(sentence, between, found[index].start))
        start = cuts[-1].end() if cuts else between
    if index + 1 < len(found):
        cut = _CLAUSE_BOUNDARY.search(sentence, found[index].end, found[index + 1].start)
        end = cut.start() if cut else found[index + 1].start
    return " ".join(sentence[start:end].replace("*", "").split()).strip(_LABEL_TRIM)


def _statistics(doc: Document, paragraphs: list[Block]) -> list[Statistic]:
    """Every percentage in the text, each labelled by its sentence or clause."""
    statistics = []
    for block in paragraphs:
        if CHART_BLOCK.match(block.text):
            continue  # a chart's values become options through merge_figures
        for s_start, s_end in sentences(doc.text, block.start, block.end):
            sentence = doc.text[s_start:s_end]
            found = find_percentages(sentence)
            for index, pct in enumerate(found):
                statistics.append(
                    Statistic(
                        label=_label(sentence, found, index),
                        value=pct.value,
                        unit="percent",
                        qualifier=pct.qualifier,
                        text=pct.text,
                        span=doc.span(s_start + pct.start, s_start + pct.end),
                    )
                )
    return statistics


def parse(doc: Document) -> Draft:
    paragraphs = blocks(doc.text)  # split once, for the title and the statistics
    title = find_title(doc)
    statistics = _statistics(doc, paragraphs)
    questions = []
    if statistics:
        questions.append(
            Question(
                id="q1",
                text=title or WHOLE_DOCUMENT,
                kind="unknown",
                statistics=statistics,
                span=doc.span(0, len(doc.text)),
            )
        )
    return Draft(
        title=title,
        publisher=find_publisher(doc),
        published=find_published(doc),
        fieldwork=find_fieldwork(doc),
        respondents=find_respondents(doc),
        invited=find_invited(doc),
        questions=questions,
        # Quotes are not tied to q1: it is the whole document, not a question's section.
        quotes=build_quotes(doc, find_quotes(doc.text), []),
        warnings=[
            ReportWarning(
                code="generic_format",
                message="no report format recognised this layout; only generic rules applied",
            )
        ],
    )
