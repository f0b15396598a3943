"""Survey findings reports (PSW Network, 2018): hard-wrapped lines with no blank lines between
paragraphs; "Executive Summary of Findings:" bullets; numbered sections ("1. Response Numbers:")
and a few unnumbered ones ("Prevention and Early Engagement") that each report one survey
question; named approaches listed under "These included:" / "such as:"; a sign-off with the
author's name, role and organisation and a dd.mm.yy date; appendix titles at the end."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from extract.document import Document
from extract.draft import Draft
from extract.fields.dates import find_dates
from extract.fields.quotes import find_quotes
from extract.layout import ends_paragraph, ends_sentence
from extract.models import Author, DateValue, ReportWarning, TextItem
from extract.questions import Section, build_question
from extract.report import build_quotes, respondents_and_others
from extract.report_fields import date_value
from extract.shares import QuoteIndex

NAME = "findings_report"

# "1. Title", "1) Title", "Section 1: Title", "Part 2 - Title": numbered section headings.
_NUMBERED = regex.compile(
    r"^\s*(?:(?:Section|Part|Question)\s+)?(?P<number>\d{1,2})\s*[.):–-]\s+"
    r"(?P<title>[A-Z][^\n]{2,80}?)\s*$"
)
_SUMMARY = regex.compile(r"^\s*Executive\s+Summary\b.*$", regex.IGNORECASE)
_SURVEY_FINDINGS = regex.compile(r"^\s*Survey\s+Findings\s*(?::\s*)?$", regex.IGNORECASE)
_LIST_INTRO = regex.compile(
    r"(?::\s*$|\b(?:These\s+included|such\s+as|include|including)\s*(?::\s*)?$)", regex.IGNORECASE
)
_APPENDIX = regex.compile(r"^\s*(?P<item>Appendix\s+[A-Z]\s*[-–]\s*\S.*?)\s*$")
_SIGN_OFF_DATE = regex.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*$")
_ON_BEHALF = regex.compile(r"^\s*\(On\s+Behalf\s+of\s+(?:the\s+)?(?P<org>[^)]+)\)\s*$", regex.I)
_PERSON = regex.compile(r"^\s*(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,3})\s*$")
# Sections that sum up rather than report a question.
_NOT_A_QUESTION = regex.compile(
    r"^(?:Conclusions?|Summary|Background|Introduction|Recommendations)\b", regex.I
)
# A hard-wrapped prose line often breaks after a small word; a list item does not.
_WRAPPED_MID_PHRASE = regex.compile(
    r"\b(?:and|or|the|of|to|a|an|in|for|with|that|as|more|than|which)$", regex.IGNORECASE
)
# A paragraph has ended at a sentence end, or at an introduction ("…as follows:").
_PARAGRAPH_MARKS = ".!?:…"


def plain_heading(text: str) -> str:
    """A heading's words without Markdown markers ("## Title", "**Title**")."""
    return text.strip().lstrip("#").strip().strip("*").strip()


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The line's words, without indentation or Markdown heading markers (PDF input marks
        headings it recognised by their font)."""
        return plain_heading(self.text) if self.marked else self.text.strip()

    @property
    def marked(self) -> bool:
        return self.text.lstrip().startswith("#")


def _lines(text: str) -> list[Line]:
    found, pos = [], 0
    for raw in text.split("\n"):
        found.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return found


def _title_like(text: str, max_words: int) -> bool:
    """A short line in heading or list-item shape: capitalised, no sentence end."""
    words = text.split()
    if not words or len(words) > max_words or not text[0].isupper():
        return False
    return not ends_sentence(text) and not text.endswith((",", ";"))


def detect(text: str) -> float:
    """Numbered section headings in hard-wrapped text, an executive summary of findings and a
    dd.mm.yy sign-off."""
    lines = text.split("\n")
    numbered = sum(
        1 for line in map(plain_heading, lines) if _NUMBERED.match(line) and len(line.split()) <= 10
    )
    score = 0.0
    if numbered >= 3:
        score += 0.4
    if any(_SUMMARY.match(plain_heading(line)) for line in lines):
        score += 0.3
    if any(_SIGN_OFF_DATE.match(line) for line in lines[-40:]):
        score += 0.2
    return score


def _wrap_width(lines: list[Line]) -> int:
    """The width the text was hard-wrapped at: the 90th percentile of line lengths."""
    lengths = sorted(len(line.stripped) for line in lines if line.stripped)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _item_shaped(text: str, width: int) -> bool:
    """A (stripped) line that can be a list item: short and title-like, not prose wrapped
    mid-phrase, not a numbered heading."""
    return (
        _title_like(text, 12)
        and len(text) <= width * 0.8
        and not _WRAPPED_MID_PHRASE.search(text)
        and not _NUMBERED.match(text)
    )


def _items_after_intros(lines: list[Line], start: int, end: int, width: int) -> list[int]:
    """Indexes of list-item lines in lines[start:end]: short title-like lines following an intro
    ("These included:", "such as:"), blank lines and page numbers between them allowed.

    `width` is `_wrap_width(lines)`, worked out once by the caller: it sorts every line.
    """
    items: list[int] = []
    item_texts: set[str] = set()
    i = start
    while i < end:
        if _LIST_INTRO.search(lines[i].stripped):
            j = i + 1
            while j < end:
                text = lines[j].stripped
                if not text or text.isdigit():
                    j += 1
                    continue
                if not _item_shaped(text, width) or text in item_texts:
                    break  # prose, a new section, or an item repeated as a heading
                items.append(j)
                item_texts.add(text)
                j += 1
            i = j
        else:
            i += 1
    return items


def _sign_off_date(lines: list[Line]) -> int | None:
    """Index of the sign-off's dd.mm.yy line: the last line that is a date alone (not the first
    line)."""
    return next(
        (i for i in range(len(lines) - 1, 0, -1) if _SIGN_OFF_DATE.match(lines[i].text)), None
    )


def _sign_off(
    lines: list[Line], doc: Document
) -> tuple[list[Author], str | None, DateValue | None]:
    index = _sign_off_date(lines)
    if index is None:
        return [], None, None
    date_line = lines[index]
    dates = find_dates(date_line.text)
    published = date_value(doc, dates[0], date_line.start) if dates else None
    above = [line for line in lines[max(0, index - 4) : index] if line.stripped]
    publisher = None
    if above and (behalf := _ON_BEHALF.match(above[-1].text)):
        publisher = behalf.group("org").strip()
        above = above[:-1]
    authors = []
    for pos, line in enumerate(above):
        person = _PERSON.match(line.text)
        if not person:
            continue
        role = organisation = None
        end = line.end
        if pos + 1 < len(above):
            role_line = above[pos + 1]
            role, _, organisation = role_line.stripped.partition(", ")
            organisation = organisation or None
            end = role_line.end
        authors.append(
            Author(
                name=person.group("name"),
                role=role or None,
                organisation=organisation,
                span=doc.span(line.start + person.start("name"), end),
            )
        )
        break
    return authors, publisher, published


def _findings(lines: list[Line], doc: Document) -> list[TextItem]:
    """Executive summary bullets: a line indented by its (lost) bullet starts a finding."""
    start = next((i for i, line in enumerate(lines) if _SUMMARY.match(line.stripped)), None)
    if start is None:
        return []
    groups: list[list[Line]] = []
    blank_before = False
    for line in lines[start + 1 :]:
        if _NUMBERED.match(line.stripped) or _SURVEY_FINDINGS.match(line.stripped) or line.marked:
            break
        if not line.stripped:
            if groups:
                blank_before = True
            continue
        # a bullet starts a finding: its (lost) bullet glyph left an indent, or a blank line
        if line.text[:1].isspace() or not groups or blank_before:
            groups.append([line])
        else:
            groups[-1].append(line)
        blank_before = False
    items = []
    for group in groups:
        first, last = group[0], group[-1]
        offset = first.start + len(first.text) - len(first.text.lstrip())
        text = " ".join(" ".join(line.stripped for line in group).split())
        items.append(TextItem(text=text, span=doc.span(offset, last.end)))
    return items


def _appendices(lines: list[Line], doc: Document) -> list[TextItem]:
    items = []
    for line in lines:
        match = _APPENDIX.match(line.text)
        if match:
            items.append(
                TextItem(
                    text=match.group("item"),
                    span=doc.span(line.start + match.start("item"), line.start + match.end("item")),
                )
            )
    return items


@dataclass
class _RawSection:
    heading: int
    title: str
    body_start: int
    body_end: int = 0


def _sign_off_start(lines: list[Line]) -> int:
    """Index of the author's name line above the sign-off date, or the number of lines."""
    index = _sign_off_date(lines)
    if index is None:
        return len(lines)
    for j in range(index - 1, max(0, index - 5), -1):
        if _PERSON.match(lines[j].text):
            return j
    return index


def _after_break(lines: list[Line], index: int, items: set[int], first: int) -> bool:
    """The line starts a paragraph: first in its section, or after a blank line, a list item
    or a finished sentence."""
    previous = lines[index - 1].stripped if index else ""
    return (
        index == first
        or not previous
        or index - 1 in items
        or ends_paragraph(previous, _PARAGRAPH_MARKS)
    )


def _title_case(text: str) -> bool:
    words = text.split()
    return sum(w[0].isupper() for w in words) * 2 >= len(words)


@dataclass
class _ListRun:
    """The run of list items after the last intro `_sections` met, so that an intro which is
    itself one of the items ("… including") continues the run instead of reading it again."""

    origin: int = -1
    end: int = -1
    """The line the run stopped at."""
    at: dict[str, int] = field(default_factory=dict)
    """Each item's text and line; the texts after any intro inside the run are distinct."""

    def items_after(self, lines: list[Line], intro: int, width: int) -> list[int]:
        """Indexes of the list items after the intro line `intro` not already returned: as
        `_items_after_intros` reads one intro's list. The work is the length of the list, so
        `_sections` stays linear in the document."""
        if not self.origin < intro < self.end:
            self.origin, self.end, self.at = intro, intro + 1, {}
        found: list[int] = []
        j = self.end
        while j < len(lines):
            text = lines[j].stripped
            if not text or text.isdigit():
                j += 1
                continue
            if not _item_shaped(text, width) or self.at.get(text, -1) > intro:
                break  # prose, a new section, or an item repeated as a heading
            found.append(j)
            self.at[text] = j
            j += 1
        self.end = j
        return found


def _sections(lines: list[Line], stop: int, width: int) -> list[_RawSection]:
    """Numbered headings, and unnumbered title-like lines that start a paragraph and are not
    items of a list in the current section, open sections, up to line `stop` (the sign-off).
    `width` is `_wrap_width(lines)`.

    A list counts from its intro on: items of lists introduced further down do not stop a line
    above them from opening a section (reading them cost a scan to the end of the document for
    every intro)."""
    sections: list[_RawSection] = []
    items: set[str] = set()
    run = _ListRun()
    first_numbered = next(
        (i for i, line in enumerate(lines) if _NUMBERED.match(line.stripped)), None
    )
    if first_numbered is None:
        return []
    i = first_numbered
    while i < stop:
        line = lines[i]
        numbered = _NUMBERED.match(line.stripped)
        previous = lines[i - 1].stripped if i else ""
        opens = bool(numbered and len(line.stripped.split()) <= 10) or (
            sections
            and (line.marked or _title_like(line.stripped, 8))
            and not line.stripped.endswith(":")
            and line.stripped not in items
            and (line.marked or not previous or ends_paragraph(previous, _PARAGRAPH_MARKS))
            and _title_case(line.stripped)
        )
        if opens:
            if sections:
                sections[-1].body_end = i
            title = numbered.group("title") if numbered else line.stripped
            sections.append(_RawSection(i, title.rstrip(":").strip(), i + 1))
            items = set()
            run = _ListRun()
        elif _LIST_INTRO.search(line.stripped):
            items.update(lines[j].stripped for j in run.items_after(lines, i, width))
        i += 1
    if sections:
        sections[-1].body_end = i
    return sections


def _body_end(lines: list[Line], raw: _RawSection, sign_off: int) -> int:
    """The section ends at the next section or the sign-off, without trailing blank lines."""
    end = min(raw.body_end, sign_off)
    while end > raw.body_start and not lines[end - 1].stripped:
        end -= 1
    return end


def refine(doc: Document, draft: Draft) -> Draft:
    """The report's own sections, sign-off, summary and appendices. Its sections are read from
    its hard-wrapped lines (unnumbered section titles and theme lines with no blank line around
    them), which the general reader's layout does not see; when they yield no question, the
    general reader's questions stay, with a warning that says so."""
    own = _read(doc, draft)
    if not own.questions:
        return replace(
            draft,
            authors=own.authors,
            publisher=own.publisher or draft.publisher,
            published=own.published or draft.published,
            findings=own.findings,
            appendices=own.appendices,
            warnings=[
                *draft.warnings,
                ReportWarning(
                    code="format_found_no_questions",
                    message=f"the {NAME} profile found no sections; the general reader's "
                    "questions are kept",
                ),
            ],
        )
    return replace(
        own,
        title=draft.title,
        respondents_approx=draft.respondents_approx,
        warnings=draft.warnings,
    )


def _read(doc: Document, draft: Draft) -> Draft:
    """The report's sections read from its lines; the report facts the general reader found
    (`draft`) are taken as they are."""
    lines = _lines(doc.text)
    authors, publisher, published = _sign_off(lines, doc)
    found_quotes = find_quotes(doc.text)
    quote_index = QuoteIndex(found_quotes)
    respondents = draft.respondents
    claimed = [(respondents.span.start, respondents.span.end)] if respondents else []
    questions = []
    sign_off = _sign_off_start(lines)
    width = _wrap_width(lines)
    for raw in _sections(lines, sign_off, width):
        if _NOT_A_QUESTION.match(raw.title):
            continue
        end = _body_end(lines, raw, sign_off)
        item_lines = set(_items_after_intros(lines, raw.body_start, end, width))
        themes, prose = [], []
        for j in range(raw.body_start, end):
            line = lines[j]
            if not line.stripped or line.stripped.isdigit() or j in item_lines:
                continue
            if (
                _title_like(line.stripped, 8)
                and _title_case(line.stripped)
                and not line.stripped.endswith(":")  # a sub-heading introducing responses
                and _after_break(lines, j, item_lines, raw.body_start)
            ):
                title = line.stripped.rstrip(":").strip()
                offset = line.start + line.text.index(title)
                themes.append((title, offset, offset + len(title)))
                continue
            prose.append((line.start, line.end))
        heading = lines[raw.heading]
        section = Section(
            wording=raw.title,
            start=heading.start + len(heading.text) - len(heading.text.lstrip()),
            end=lines[end - 1].end if end > raw.body_start else heading.end,
            prose=_join_wrapped(prose),
            themes=themes,
            claimed=claimed,
        )
        question = build_question(doc, f"q{len(questions) + 1}", section, quote_index)
        items = [
            TextItem(text=lines[j].stripped, span=doc.span(*_stripped_bounds(lines[j])))
            for j in sorted(item_lines)
        ]
        questions.append(question.model_copy(update={"items": items}))
    quotes, statements = respondents_and_others(build_quotes(doc, found_quotes, questions))
    return Draft(
        title=None,
        publisher=publisher,
        authors=authors,
        published=published,
        fieldwork=draft.fieldwork,
        respondents=respondents,
        questions=questions,
        quotes=quotes,
        statements=statements,
        findings=_findings(lines, doc),
        appendices=_appendices(lines, doc),
    )


def _stripped_bounds(line: Line) -> tuple[int, int]:
    lead = len(line.text) - len(line.text.lstrip())
    return line.start + lead, line.start + len(line.text.rstrip())


def _join_wrapped(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Consecutive wrapped lines form one range, so that sentences run across line ends."""
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and start == joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined
