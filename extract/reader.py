"""The general reader: questions and answers from the blocks of any report.

A question unit collects its cue (a question line, a heading, a caption or an introducing line)
and its answer sources (answer tables, then prose shares). Cues and sources are found from the
layout, not from one publisher's wording, so a renamed caption or a new numbering style changes
a score, not the record. What no question claims is read as prose findings: each stated share
becomes a question whose wording is its claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from extract import patterns
from extract.document import Document
from extract.fields.answer_lists import ANSWERED_NOTE
from extract.fields.dates import MONTH_WORD
from extract.fields.quotes import QuoteFound
from extract.kinds import NUMERIC_SCALE, names_most, question_kind, scale_kind
from extract.labels import answer_label
from extract.layout import (
    FIGURE_WORD,
    LETTER_WORD,
    NUMBERED_SECTION,
    QUESTION_CODE,
    WHOLE,
    Block,
    GridRow,
    Row,
    is_axis_scale,
    sentences,
)
from extract.models import (
    Base,
    Count,
    Option,
    Question,
    QuestionKind,
    Statistic,
    TextItem,
    Theme,
)
from extract.questions import first_base, free_text_count, people_counts, spans_of
from extract.shares import QuoteIndex, Share, read_shares
from extract.vocab import alternation, best_scale

# A survey tool's count of the answers one question had: "Answered: 39", "Number of responses: 47".
_ANSWER_COUNT_NOTE = patterns.compile(
    r"^(?:answered|number\s+of\s+responses|total\s+responses)\s*:?\s*\d", regex.IGNORECASE
)


_TOPIC_SECTION = patterns.compile(
    rf"^(?:\d{{1,2}}[.)]\s*)?(?:{alternation('kinds', 'topic_sections')})(?!\w)", regex.IGNORECASE
)
# A section's heading that says how many answered its questions: "(655) provided responses",
# "412 people answered this section".
_SECTION_BASE = patterns.compile(
    r"(?:\(\s*(?P<n>\d[\d,]{0,12})\s*\)|(?<![\d,])(?P<n>\d[\d,]{0,12})(?:\s+\w+)?)\s+(?:provided\s+(?:responses|answers)"
    r"|answered\s+(?:this|these|the\s+following)\s+(?:section|questions))",
    regex.IGNORECASE,
)
_OPEN_ANSWERS_HEADER = patterns.compile(
    r"\b(?:specif\s?y|other|comments?|details?)\b.*\b(?:count|responses|answers)\s*$",
    regex.IGNORECASE,
)
# "respondents said they preferred a later start": the answer is what follows the verb.
_SAID_LEAD = patterns.compile(
    r"^(?:of\s+)?(?:the\s+)?(?:respondents|participants|people|members|staff|\w+s)?\s*"
    r"(?:said|say|reported|stated|answered|chose|selected|told\s+us)\s+(?:that\s+)?(?:they\s+)?",
    regex.IGNORECASE,
)
# Sentences about the method, not findings: weighting, rounding, margins, response rates.
_METHOD = patterns.compile(
    r"margin\s+of\s+error|\bweighted\b|\brounding\b|do\s+not\s+(?:add|sum)\s+up|indicates\s+a"
    r"|completion\s+rate|response\s+rate|confidence\s+(?:level|interval)",
    regex.IGNORECASE,
)
# Where two shares of one sentence answer different questions: "81% agree …, but only 23% …".
_CONTRAST = patterns.compile(
    r"(?:[,;]|(?<![\s,;])\s)\s*(?:but|whilst|while|whereas|though|although|yet)\b",
    regex.IGNORECASE,
)
# "52% are less likely to stay …, and 57% are …": two claims side by side.
_PARALLEL = patterns.compile(r",\s+and\s+(?:\w+\s+){0,3}$|;\s+(?:and\s+)?(?:\w+\s+){0,3}$")
_CLAIM_CUT = patterns.compile(
    # "(?<![\s,;])": a run of white space is tried from its start only (else quadratic in it)
    r":\s|(?:[,;]|(?<![\s,;]))\s+(?:but|whilst|while|whereas|though|although|compared\s+(?:to|with))\s|,\s+with\s"
    r"|;\s|,\s+(?=an?\s+(?:increase|decrease|rise|fall)\b|(?:up|down)\s+from\b)"
    r"|,\s+(?:and|or)\s*$",
    regex.IGNORECASE,
)
# How the report introduces a finding, before its share: "the poll revealed that", "according
# to the survey,", "…, and".
_REPORTED_LEAD = patterns.compile(
    r"\b(?:revealed|found|showed|shows|finds|reveals|suggests|suggested|according\s+to\s+[^,]{1,60}"
    r"|that)\b[,:]?\s+|,\s+|(?<!\s)\s+and\s+",
    regex.IGNORECASE,
)
# A time before the survey's own, right before a share: "a fall from March, when 38% …",
# "As recently as October, 62% …", "In the last poll, 30% …".
_EARLIER_TIME = rf"(?:{MONTH_WORD}|(?:19|20)\d\d|last\s+(?:year|month|time|poll|survey|wave))"
_TREND_BEFORE = patterns.compile(
    r"(?:increase|decrease|rise|fall|drop|jump|up|down)\s+(?:of|by|from)\s+$"
    r"|(?:compared\s+(?:to|with)|from|than)\s+$"
    rf"|\b(?:from|since|in)\s+{_EARLIER_TIME}\s*,?\s+when\s+$"
    rf"|\bas\s+recently\s+as\s+{_EARLIER_TIME}\s*,\s*$"
    # "…, including 58% who voted Conservative": a share of the group just named, a subgroup
    r"|\bincluding\s+$",
    regex.IGNORECASE,
)
_TREND_AFTER = patterns.compile(
    r"^\s*(?:in|since|last)\s+(?:(?:19|20)\d\d|year|month|time|wave)|^\s*(?:a|the)\s+year\s+ago",
    regex.IGNORECASE,
)
# "of Brits say …", "of plot holders (in towns) grow …": who answered, before the claim's verb.
_WHO_BEFORE_VERB = patterns.compile(
    r"^of\s+(?:(?:the|all|these|those|our|their)\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+s\b"
    r"(?:\s*\([^)]*\))?\s+(?=[a-z])"
)
# "Asked about the biggest problems, …", "When asked which …,": the question itself.
_ASKED_LEAD = patterns.compile(
    r"[-•*\s]*(?:when\s+)?asked\s+(?P<asked>(?:about|what|whether|which|how|if|why|who)\b[^,;:]{3,200}?)"
    r"\s*[,:]",
    regex.IGNORECASE,
)
# "Participants were asked whether …", "Members were then asked to rate …": what was put to them.
_ASKED_SENTENCE = patterns.compile(
    r"\b(?:was|were)\s+(?:(?:then|also|first|next|finally)\s+)?asked\b", regex.IGNORECASE
)
# "(see Figure 3)", "(Figure 3)" closing the sentence that says what the chart shows.
_SEE_FIGURE = patterns.compile(
    rf"\s*\((?:see\s+)?{FIGURE_WORD}\s*(?P<number>\d+)\)(?=[\s.]*$)", regex.IGNORECASE
)
_LEAD_WORDS = patterns.compile(
    r"^(?:and|but|or|while|whilst|with|also|only|just|overall|currently|in\s+total|a\s+total\s+of"
    r"|saying|reporting|stating|answering|that)[,\s]+",
    regex.IGNORECASE,
)
# Who answered: the sample nouns the report facts use ("adults", "nurses", "employers"), one
# list in extract/vocab/facts.toml.
_RESPONDENT_NOUN = (
    rf"(?:{alternation('facts', 'people')}|those\s+(?:surveyed|polled|asked|questioned))"
)
# Who answered, before the claim: "of the nurses surveyed", "employers".
_SUBJECT = patterns.compile(
    rf"^(?:of\s+(?:(?:the|all|these|those|our)\s+)?(?:\w+\s+){{0,2}}?{_RESPONDENT_NOUN}"
    rf"|(?:the\s+|most\s+|many\s+|the\s+majority\s+of\s+)?{_RESPONDENT_NOUN})\b(?:\s+(?:surveyed|polled|questioned|asked))?[,\s]*",
    regex.IGNORECASE,
)


@dataclass
class _Unit:
    """A question being assembled: its wording, answer tables and prose."""

    text: str
    start: int
    end: int
    code: str | None = None
    figure: int | None = None
    base_blocks: list[Block] = field(default_factory=list)
    tables: list[Block] = field(default_factory=list)
    prose: list[Block] = field(default_factory=list)
    label_keys: set[str] = field(default_factory=set)
    percent_table: bool = False
    section_base: Block | None = None
    open_answers: list[Block] = field(default_factory=list)
    """Tables of an "other, please specify" answer's free texts with their counts."""
    from_caption: bool = False
    charts: list[Block] = field(default_factory=list)
    """Entries of charts drawn in a PDF, read as tables: the answers when the prose gives
    none, else left to extract/figures.py to reconcile with the prose's."""
    themes: list[Block] = field(default_factory=list)
    """Headings inside its section, grouping what respondents said."""
    items: list[Block] = field(default_factory=list)
    """What its section lists by name, in a list that lost its bullets (approaches, areas)."""


_BASE_AFTER = patterns.compile(r"\s+Base\s*[:=]")


def question_wording(block: Block) -> str:
    """A cue's wording without its code ("QA", "Question 1. A1.") or a trailing "Base: …"."""
    text = block.text
    code = QUESTION_CODE.match(text)
    text = text[code.end() :] if code else NUMBERED_SECTION.sub("", text, count=1)
    text = _BASE_AFTER.split(text, maxsplit=1)[0]
    return " ".join(text.strip(" *#_").rstrip(":").split())


def _usable_rows(table: Block) -> list[Row]:
    return [row for row in table.rows if row.numbers and not row.is_total]


def _bare_is_percent(unit: _Unit, table: Block) -> bool:
    """Bare numbers are percentages when the header says so, an earlier table of the same
    question said so, or they add up to about 100."""
    if table.percent_header or unit.percent_table:
        return True
    rows = [r for r in _usable_rows(table) if r.bare and r.percent is None]
    if len(rows) < 2:
        return False
    total = sum(r.bare[0].value for r in rows)
    return WHOLE[0] <= total <= WHOLE[1]


def _in_counted_chart(doc: Document, table: Block) -> bool:
    """The table is a chart's whose bare numbers the loader found to be counts."""
    return any(c.counts and c.start <= table.start < c.end for c in doc.charts)


def _reads_as_prose(table: Block) -> bool:
    """Rows such as "76% say MPs should …" are findings, unless a question announced them."""
    return all(_SAID_LEAD.match(r.label.text) for r in table.rows)


_WORDS = patterns.compile(r"\w+")


def _label_key(label: str) -> str:
    return " ".join(_WORDS.findall(label.lower()))


_BRACKETED_COUNT = patterns.compile(r"^\(\s*[\d,]+\s*\)\s*")


def _clean_label(label: str) -> str:
    """An answer as printed, less a bracketed count and a "respondents said they" lead."""
    label = _BRACKETED_COUNT.sub("", label.strip())
    return _SAID_LEAD.sub("", label).strip(" ,;:") or label


def _table_answers(
    doc: Document, unit: _Unit, table: Block
) -> tuple[list[Option], list[Statistic], Base | None]:
    options: list[Option] = []
    statistics: list[Statistic] = []
    base = None
    bare_percent = _bare_is_percent(unit, table) and not _in_counted_chart(doc, table)
    unit.percent_table = unit.percent_table or table.percent_header or bare_percent
    for row in table.rows:
        if row.is_total:
            count = row.count or (row.bare[0] if row.bare else None)
            if count is not None and count.value.is_integer():
                base = Base(
                    n=int(count.value),
                    text=doc.text[row.start : row.end],
                    span=doc.span(row.start, row.end),
                    basis="stated",
                )
            continue
        if not row.numbers:
            continue
        share = row.percent or (row.bare[0] if bare_percent and row.bare else None)
        label = _clean_label(row.label.text)
        if share is None or share.value > 100:
            for number in row.numbers:
                statistics.append(
                    Statistic(
                        label=label,
                        value=number.value,
                        unit="count",
                        text=number.text,
                        span=doc.span(number.start, number.end),
                    )
                )
            continue
        options.append(
            Option(
                label=label,
                percent=share.value,
                text=doc.text[row.start : row.end],
                span=doc.span(row.start, row.end),
            )
        )
    return options, statistics, base


def _states_section_base(text: str) -> bool:
    """Cheap literal test first: the pattern is only tried on text that has its verbs."""
    lowered = text.lower()
    return ("provided" in lowered or "answered" in lowered) and bool(_SECTION_BASE.search(text))


def _unit_base(doc: Document, unit: _Unit) -> Base | None:
    """The base the unit's own lines state, else the one its section's heading states."""
    base = first_base(doc, [(b.start, b.end) for b in unit.base_blocks])
    if base is None and unit.section_base is not None:
        base = _section_base(doc, unit.section_base)
    return base


def _section_base(doc: Document, block: Block) -> Base | None:
    match = _SECTION_BASE.search(doc.text, block.start, block.end)
    if match is None:
        return None
    return Base(
        n=int(match.group("n").replace(",", "")),
        text=match.group(0),
        span=doc.span(match.start(), match.end()),
        basis="stated",
    )


def _caption_number(caption: Block) -> int | None:
    """The figure number a caption prints ("Figure 3:" → 3)."""
    return int(caption.marker) if caption.marker else None


_THEME_WORDS = 8


def _names_theme(heading: Block) -> bool:
    """A heading short enough to name a group of answers ("Funding", "Workload and staffing"),
    not a sentence the layout took for a heading."""
    return len(heading.text.split()) <= _THEME_WORDS and not heading.text.rstrip().endswith(
        (".", ",", ";", ":", "?", ")")
    )


def _names_listed(heading: Block, items: list[Block]) -> bool:
    """A heading that repeats an item its section listed: the heading of that item's part."""
    return any(heading.text.strip() == item.text.strip() for item in items)


class _Reader:
    """Walks the blocks once, opening a question unit at each cue."""

    def __init__(self) -> None:
        self.units: list[_Unit] = []
        self.pending: _Unit | None = None
        self.since_table: list[Block] = []
        self.last_table_unit: _Unit | None = None
        self.loose: dict[int, Block] = {}
        """Prose that no question claims, by offset (read as findings, in order)."""
        self.section_base: Block | None = None
        """The last block stating how many answered the questions below it."""
        self.section_blocks: list[Block] = []
        self.in_chart = False
        """Inside a chart the PDF loader wrote out: its entries are a chart's, not a table's."""

    def read(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            if block.kind == "figure":
                # a chart's boundary: its entries are read as a table, marked as a chart's
                self.in_chart = block.text.startswith("[chart")
                continue
            if block.kind == "caption" and self._names_pending_figure(block):
                assert self.pending is not None
                self.pending.figure = _caption_number(block)
                self.pending.base_blocks.append(block)
            elif block.kind == "question" and self._repeats_title(block):
                continue  # a chart's title left in the text under it
            elif block.kind == "question" and _TOPIC_SECTION.match(question_wording(block)):
                self._prose(block.with_kind("heading"))  # "9. Conclusion" asks nothing
            elif block.kind in {"question", "caption"}:
                self._open(block)
            elif block.kind == "note":
                self._answered_heading(block)
                if self.pending is not None:
                    self.pending.base_blocks.append(block)
                elif self.last_table_unit is not None and not self.since_table:
                    # "Base: 230 staff" printed right under the table it is the base of
                    self.last_table_unit.base_blocks.append(block)
                self.since_table.append(block)
            elif block.kind == "table":
                self._table(block)
            else:
                self._prose(block)
        self._flush()

    def _answered_heading(self, note: Block) -> None:
        """A heading right above an "Answered: N" note is a question, tables or not: survey
        tools print open questions so, their answers listed below."""
        last = self.since_table[-1] if self.since_table else None
        pending = self.pending
        if (
            last is not None
            and last.kind == "heading"
            and (pending is None or last.start >= pending.end)
            and ANSWERED_NOTE.match(note.text)
        ):
            self.loose.pop(last.start, None)
            if pending is not None and last in pending.prose:
                pending.prose.remove(last)
            self._open(last)

    def _names_pending_figure(self, caption: Block) -> bool:
        """A caption under a question that has no chart yet is that question's chart: its
        title describes the answers ("Figure 2: The proportions of …"), it asks nothing new."""
        pending = self.pending
        return (
            pending is not None
            and not pending.from_caption
            and pending.figure in (None, _caption_number(caption))
        )

    @staticmethod
    def _has_chart(unit: _Unit) -> bool:
        """The unit's chart is behind it: its caption and then its source or base note."""
        return unit.figure is not None and any(b.kind == "note" for b in unit.base_blocks)

    def _repeats_title(self, block: Block) -> bool:
        """The question line again, right under its own chart or table."""
        last = self.pending or (self.units[-1] if self.units else None)
        return last is not None and question_wording(block) == last.text

    def _asked_unit(self, block: Block) -> _Unit | None:
        """A paragraph opening with what respondents were asked, under no question: that
        sentence is the question, its "(see Figure N)" the figure."""
        if block.kind != "paragraph":
            return None
        spans = sentences(block.text, 0, len(block.text))
        if not spans:
            return None
        first = block.text[spans[0][0] : spans[0][1]]
        if not _ASKED_SENTENCE.search(first) or "%" in first:
            return None  # "Asked about pay, 40% said …" is a finding
        see = _SEE_FIGURE.search(first)
        wording = (first[: see.start()] if see else first).rstrip(" .")
        return _Unit(
            wording,
            block.start,
            block.start + len(wording),
            figure=int(see.group("number")) if see else None,
        )

    def _open(self, block: Block) -> None:
        self._flush()
        from_caption = block.kind == "caption"
        self.pending = _Unit(
            question_wording(block),
            block.start,
            block.end,
            code=block.marker,
            figure=_caption_number(block) if from_caption else None,
            from_caption=from_caption,
        )
        self.pending.base_blocks.append(block)
        self.pending.section_base = self.section_base
        self.since_table = []

    def _flush(self) -> None:
        """A pending cue with prose but no table is a question answered in prose."""
        pending = self.pending
        if pending is not None and (
            pending.prose or pending.charts or pending.code or pending.text.endswith("?")
        ):
            self.units.append(pending)
        self.pending = None

    def _table(self, table: Block) -> None:
        if not _usable_rows(table) or (self.pending is None and _reads_as_prose(table)):
            self._prose(table)
            return
        if self._lists_open_answers(table):
            return
        if table.grid:
            self._grid(table)
            return
        keys = {_label_key(r.label.text) for r in _usable_rows(table)}
        if self.in_chart and self.pending is not None:
            # the question's chart: the question stays open for the chart's source and base
            self.pending.charts.append(table)
            self.pending.label_keys |= keys
            return
        if self.pending is not None:
            unit = self.pending
            self.pending = None
            self.units.append(unit)
        elif (
            self.last_table_unit is not None
            and not self._cue_since()
            and all(len(b.text.split()) <= 6 for b in self.since_table)
        ):
            previous = self.last_table_unit
            if keys & previous.label_keys:  # the same answers again: another group or filter
                subgroup = self._subgroup_line()
                text = f"{previous.text} ({subgroup})" if subgroup else previous.text
                unit = _Unit(
                    text, previous.start, previous.end, percent_table=previous.percent_table
                )
                self.units.append(unit)
            else:
                unit = previous
        else:
            unit = self._intro_unit(table)
            self.units.append(unit)
        (unit.charts if self.in_chart else unit.tables).append(table)
        unit.section_base = unit.section_base or self.section_base
        unit.label_keys |= keys
        self.last_table_unit = unit
        self.since_table = []

    def _grid(self, table: Block) -> None:
        """A grid answers the pending question, or the line introducing it; no later table
        continues it."""
        if self.pending is not None:
            unit = self.pending
            self.pending = None
        else:
            unit = self._intro_unit(table)
        self.units.append(unit)
        unit.tables.append(table)
        unit.section_base = unit.section_base or self.section_base
        self.last_table_unit = None
        self.since_table = []

    def _lists_open_answers(self, table: Block) -> bool:
        """Survey tools list the free texts of an "Other (please specify)" answer under a
        "… Count" header after the question's table: they belong to that question."""
        unit = self.last_table_unit
        header = next((b for b in reversed(self.since_table) if b.kind == "paragraph"), None)
        if unit is None or header is None or self.pending is not None:
            return False
        if not _OPEN_ANSWERS_HEADER.search(header.text):
            return False
        if any(row.percent is not None for row in table.rows):
            return False
        unit.open_answers.append(table)
        self.since_table = []
        return True

    def _cue_since(self) -> bool:
        return any(b.kind in {"heading"} or b.text.rstrip().endswith(":") for b in self.since_table)

    def _subgroup_line(self) -> str | None:
        for block in reversed(self.since_table):
            if block.kind in {"paragraph", "heading"} and len(block.text.split()) <= 6:
                return block.text.strip(" :")
        return None

    def _intro_unit(self, table: Block) -> _Unit:
        """The wording of a table no question line announced: the nearest introducing line
        (one ending in ":" first), else the nearest short line or heading."""
        candidates = [
            b for b in self.since_table if b.kind in {"paragraph", "heading", "list_item"}
        ]
        for block, after in reversed(list(pairwise(self.since_table))):
            # survey tools print the question, then its "Answered: N" (or "Base:") line
            if block in candidates and after.kind == "note" and len(block.text.split()) <= 40:
                return self._consume(block)
        for block in reversed(candidates):
            if block.text.rstrip().endswith(":") and len(block.text.split()) >= 3:
                return self._consume(block)
        for block in reversed(candidates):
            if len(block.text.split()) <= 40:
                return self._consume(block)
        return _Unit("", table.start, table.start)

    def _consume(self, block: Block) -> _Unit:
        self.loose.pop(block.start, None)
        unit = _Unit(question_wording(block).rstrip(":"), block.start, block.end)
        # its "Answered: N" / "Base:" lines, printed between the wording and the table
        unit.base_blocks.extend(
            b for b in self.since_table if b.kind == "note" and b.start > block.start
        )
        return unit

    def _prose(self, block: Block) -> None:
        if block.kind != "table" and _states_section_base(block.text):
            self.section_base = block
            self.section_blocks.append(block)
            self._flush()
            return
        if block.kind == "heading" and self.pending is not None:
            if self._has_chart(self.pending) or _TOPIC_SECTION.match(block.text):
                self._flush()  # its chart and source are done: a heading starts what follows
            elif self.pending.items and not _names_listed(block, self.pending.items):
                # a heading that is not one of the parts its section listed opens the next one
                self._open(block)
                return
            elif _names_theme(block):
                self.pending.themes.append(block)
                return
        if self.in_chart and is_axis_scale(block.text):
            return  # the chart's axis scale: no one's share
        if block.kind == "list_item" and block.marker is None and self.pending is not None:
            self.pending.items.append(block)
        self.since_table.append(block)
        if self.pending is None and (asked := self._asked_unit(block)) is not None:
            asked.section_base = self.section_base
            self.pending = asked
        if self.pending is not None:
            self.pending.prose.append(block)
            return
        self.loose[block.start] = block


@dataclass(frozen=True)
class Reading:
    """What the reader found: the questions, and the numbers that belong to none."""

    questions: list[Question]
    statistics: list[Statistic]


def read_questions(doc: Document, quotes: list[QuoteFound]) -> Reading:
    """Every question of the document: question units first, then prose findings, in order."""
    index = QuoteIndex(quotes)
    reader = _Reader()
    # a question inside a respondent's words ("… how do I find the schema?") was not put to them
    reader.read(
        b.with_kind("paragraph") if b.kind == "question" and index.holds(b.start) else b
        for b in doc.blocks
    )
    built: list[Question] = []
    for unit in reader.units:
        if any(t.grid for t in unit.tables):
            built.extend(_grid_questions(doc, unit))
            continue
        question = _unit_question(doc, unit, index)
        if question is not None:
            built.append(question)
    tables = [q for q in built if q.options]
    loose: list[Statistic] = []
    for block in reader.section_blocks:  # "(100% (655) provided responses)": who answered
        for share in read_shares(doc.text, [(block.start, block.end)], index, numeric_scale=False):
            _place_share(doc, share, [], loose, into_options=False)
    headline = _headline(doc)
    for block in reader.loose.values():
        findings = _findings(doc, block, index, loose)
        if block is headline:  # the headline restates a finding of the body
            for finding in findings:
                loose.extend(_as_statistic(o, of="headline") for o in finding.options)
                loose.extend(finding.statistics)
            continue
        built.extend(f for f in findings if not _restates_table(f, tables))
    built.sort(key=lambda q: q.span.start)
    asking = []
    for question in built:
        if not _wordless(question.text):
            asking.append(question)
            continue
        # its numbers stay in the record, as statistics of no question
        loose.extend(_as_statistic(o) for o in question.options)
        loose.extend(question.statistics)
    built = _without_repeats(asking)
    questions = [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(built, start=1)]
    grid_ids: dict[str, str] = {}  # a grid is named by the id of its first row's question
    for i, q in enumerate(questions):
        if q.grid is not None:
            grid_ids.setdefault(q.grid, q.id)
            questions[i] = q.model_copy(update={"grid": grid_ids[q.grid]})
    return Reading(questions, loose)


_ANSWER_WORDS = frozenset({"yes", "no"})


def _wordless(text: str) -> bool:
    """A "question" worded by numbers and one word at most ("17%", "0 0.1 0.2 … Management",
    an axis or a row of a chart read as a title), or by an answer alone ("No"): it asks
    nothing. A one-word title ("Workloads", "Age") or a question mark ("Why?") still asks."""
    words = LETTER_WORD.findall(text)
    if len(words) >= 2 or text.rstrip().endswith("?"):
        return False
    return any(c.isdigit() for c in text) or (len(words) == 1 and words[0].lower() in _ANSWER_WORDS)


def _without_repeats(questions: list[Question]) -> list[Question]:
    """A question's wording printed again with nothing of its own under it (a table continued
    on the next page under its repeated title, a card repeated) is the same question, not
    another: it is dropped. One holding anything (options, numbers, answers) is kept."""
    seen: set[str] = set()
    kept = []
    for question in questions:
        wording = " ".join(question.text.lower().split())
        empty = not (
            question.options
            or question.statistics
            or question.items
            or question.themes
            or question.base is not None
            or question.free_text_responses is not None
        )
        if empty and wording in seen:
            continue
        seen.add(wording)
        kept.append(question)
    return kept


_HEADLINE_WORDS = 30


def _headline(doc: Document) -> Block | None:
    """The first block, when it is one line that does not end a sentence: the headline."""
    first = doc.blocks[0] if doc.blocks else None
    if first is None or first.kind not in {"paragraph", "heading"} or "\n" in first.text:
        return None
    if len(first.text.split()) > _HEADLINE_WORDS:
        return None  # a whole report flattened onto one line is not its headline
    return None if first.text.rstrip().endswith((".", "!")) else first


def _restates_table(finding: Question, tables: list[Question]) -> bool:
    """A prose share that restates an answer of the nearest table before or after it ("nine
    percent said near misses were not recorded" above "No - 9.0 %") is that answer, not a new
    question. It stays accounted for, as a statistic of that table's question."""
    before = [q for q in tables if q.span.start <= finding.span.start]
    after = [q for q in tables if q.span.start > finding.span.start]
    neighbours = before[-1:] + after[:1]
    holders = []
    for option in finding.options:
        tolerance = 0.6 if option.qualifier is None and "%" in option.text else 3.0
        holder = next(
            (
                q
                for q in neighbours
                if any(
                    o.percent is not None
                    and option.percent is not None
                    and abs(o.percent - option.percent) <= tolerance
                    for o in q.options
                )
            ),
            None,
        )
        if holder is None:
            return False
        holders.append((holder, option))
    for holder, option in holders:
        holder.statistics.append(_as_statistic(option, of="restates_option"))
    return True


def _as_statistic(option: Option, of: str | None = None) -> Statistic:
    return Statistic(
        label=option.label,
        value=option.percent or 0.0,
        unit="percent",
        qualifier=option.qualifier,
        of=of,
        text=option.text,
        span=option.span,
    )


def _unit_question(doc: Document, unit: _Unit, quotes: QuoteIndex) -> Question | None:
    options: list[Option] = []
    statistics: list[Statistic] = []
    base = _unit_base(doc, unit)
    for table in unit.tables:
        table_options, table_statistics, total = _table_answers(doc, unit, table)
        options.extend(table_options)
        statistics.extend(table_statistics)
        base = base or total
    free_text = None
    for table in unit.open_answers:
        for row in table.rows:
            count = row.count or (row.bare[0] if row.bare else None)
            if count is None:
                continue
            if row.is_total:
                free_text = Count(
                    n=int(count.value),
                    text=doc.text[row.start : row.end],
                    span=doc.span(row.start, row.end),
                )
            else:
                statistics.append(
                    Statistic(
                        label=row.label.text,
                        value=count.value,
                        unit="count",
                        of="free_text_answer",
                        text=count.text,
                        span=doc.span(row.start, row.end),
                    )
                )
    prose = [(b.start, b.end) for b in unit.prose]
    prose_text = "\n".join(doc.text[s:e] for s, e in prose)
    if prose:
        numeric = bool(NUMERIC_SCALE.search(f"{unit.text}\n{prose_text}"))
        stated: list[Option] = []
        for share in read_shares(doc.text, prose, quotes, numeric_scale=numeric):
            _place_share(doc, share, stated, statistics, into_options=not unit.tables)
        options.extend(_restated_once(options, stated, statistics))
        base = base or first_base(doc, prose)
        free_text = free_text or free_text_count(doc, prose)
        statistics.extend(people_counts(doc, prose, quotes, spans_of(base, free_text)))
        statistics.sort(key=lambda s: s.span.start)
    if not options:  # the prose names no answer: the chart's entries are the answers
        for chart in unit.charts:
            chart_options, _, total = _table_answers(doc, unit, chart)
            options.extend(o.model_copy(update={"source": "figure"}) for o in chart_options)
            base = base or total
    if not options and (unit.tables or not unit.text):
        return None  # counts under no question: left to the checks' warnings
    if not unit.text:
        unit.text = "(untitled table)"
    end = max([unit.end, *(b.end for b in [*unit.tables, *unit.charts, *unit.prose])])
    kind = question_kind(
        unit.text,
        options,
        from_prose=not unit.tables,
        prose=prose_text,
        free_text=free_text is not None,
    )
    if _answered_in_words(unit, options, base, quotes):
        kind = "free_text"
    if kind == "free_text" and not options and base and _ANSWER_COUNT_NOTE.match(base.text):
        # a survey tool's open question: its "Answered: N" counts the answers in words
        free_text = free_text or Count(n=base.n, text=base.text, span=base.span)
    return Question(
        id="q",
        text=unit.text,
        figure=unit.figure,
        kind=kind,
        base=base,
        options=_unique_labels(options),
        statistics=statistics,
        free_text_responses=free_text,
        themes=[Theme(title=b.text, span=doc.span(b.start, b.end)) for b in unit.themes],
        items=[TextItem(text=b.text, span=doc.span(b.start, b.end)) for b in unit.items],
        span=doc.span(unit.start, end),
    )


# The label survey tools print on the one row of a matrix that has no items: "(no label)".
_UNLABELLED_ROW = patterns.compile(r"\(\s*(?:no\s+label|unlabell?ed)\s*\)", regex.IGNORECASE)


def _grid_questions(doc: Document, unit: _Unit) -> list[Question]:
    """A grid's rows, each a question of its own: `<question> — <row>`, options the scale's
    points with the row's shares (bare numbers only where the row adds up to a whole). A grid
    whose one row has no label ("(no label)") is the question itself, asked on that scale."""
    base = _unit_base(doc, unit)
    wording = unit.text or "(untitled grid)"
    found: list[Question] = []
    for table in unit.tables:
        if not table.grid:
            continue
        best = best_scale(list(table.grid))
        # answers on no known scale, or few of them on one (a topline's columns, "Seldom" and
        # "Never" among six others, each row adding up to 100): one choice among them
        kind: QuestionKind = "single_choice"
        if best is not None and names_most(best, len(table.grid)):
            kind = "yes_no" if best[1] == "yes_no" else "scale" if best[1] == "scale" else kind
        grid: str | None = f"grid@{table.start}"
        rows = [row for row in table.rows if not row.is_total]
        alone = len(rows) == 1 and _UNLABELLED_ROW.fullmatch(rows[0].label.text) is not None
        if alone:
            grid = None  # the question itself, on one scale
        for row in rows:
            if isinstance(row, GridRow) and row.earlier and found:
                found[-1] = _with_earlier_wave(doc, found[-1], table.grid, row)
                continue
            options = [
                Option(
                    label=point,
                    percent=number.value,
                    text=doc.text[row.start : row.end],
                    span=doc.span(row.start, row.end),
                )
                for point, number in zip(table.grid, row.numbers, strict=True)
                if number.value <= 100
            ]
            if len(options) != len(table.grid):
                continue
            found.append(
                Question(
                    id="q",
                    text=wording if alone else f"{wording} — {row.label.text}",
                    figure=unit.figure,
                    kind=kind,
                    base=_row_base(doc, row) or base,
                    options=options,
                    grid=grid,
                    span=doc.span(unit.start if unit.text else row.start, row.end),
                )
            )
    return found


def _row_base(doc: Document, row: Row) -> Base | None:
    """A grid row's own base, where a column of the table gives it (a topline's N column)."""
    number = row.base if isinstance(row, GridRow) else None
    if number is None:
        return None
    return Base(
        n=int(number.value),
        text=number.text,
        span=doc.span(number.start, number.end),
        basis="stated",
    )


def _with_earlier_wave(
    doc: Document, question: Question, points: tuple[str, ...], row: GridRow
) -> Question:
    """A trend row under a grid's item: its shares are the item's question's statistics, each
    named by its answer and the wave ("Agree (2021)"), never options."""
    earlier = [
        Statistic(
            label=f"{point} ({row.label.text})",
            value=number.value,
            unit="percent",
            text=number.text,
            span=doc.span(number.start, number.end),
        )
        for point, number in zip(points, row.numbers, strict=True)
    ]
    return question.model_copy(update={"statistics": [*question.statistics, *earlier]})


def _answered_in_words(
    unit: _Unit, options: list[Option], base: Base | None, quotes: QuoteIndex
) -> bool:
    """An open question as survey tools print it: "Answered: N", then the answers themselves
    (quotes), no shares. Its N answered in their own words: the free-text count."""
    return (
        not options
        and not unit.tables
        and base is not None
        and bool(ANSWERED_NOTE.match(base.text))
        and any(quotes.overlaps(b.start, b.end) for b in unit.prose)
    )


def _place_share(
    doc: Document,
    share: Share,
    options: list[Option],
    statistics: list[Statistic],
    *,
    into_options: bool,
) -> None:
    span = doc.span(share.start, share.end)
    wording = doc.text[share.start : share.end]
    if (
        share.is_option
        and into_options
        and _has_content(share.label)
        and not _is_trend(doc.text, share)
    ):
        options.append(
            Option(
                label=answer_label(_clean_label(share.label), listed=True),
                percent=share.value,
                qualifier=share.qualifier,
                text=wording,
                span=span,
            )
        )
    else:
        statistics.append(
            Statistic(
                label=share.label or wording,
                value=share.value or 0.0,
                unit="percent",
                qualifier=share.qualifier,
                of=share.of,
                text=wording,
                span=span,
            )
        )


def _has_content(label: str) -> bool:
    """A label with a word in it: not "(+3)", "to", ")"."""
    words = LETTER_WORD.findall(label)
    return bool(words) and not (len(words) == 1 and words[0].lower() in _FUNCTION_WORDS)


_FUNCTION_WORDS = frozenset(
    [
        "to",
        "of",
        "by",
        "in",
        "on",
        "at",
        "as",
        "or",
        "and",
        "but",
        "the",
        "an",
        "for",
        "from",
        "with",
        "than",
        "that",
        "this",
        "these",
        "those",
    ]
)


def _is_trend(text: str, share: Share) -> bool:
    """An earlier wave or a change ("an increase of 11% since 2011", "up from 38%")."""
    before = text[max(0, share.start - 40) : share.start]
    after = text[share.end : share.end + 30]
    return bool(_TREND_BEFORE.search(before) or _TREND_AFTER.match(after))


def _restated_once(
    earlier: list[Option], stated: list[Option], statistics: list[Statistic]
) -> list[Option]:
    """The prose's options, each answer once: a share naming an answer already given ("Put
    another way, 30% never do") restates it, and goes to `statistics`, where the checks
    compare the two values (`option_conflict`)."""
    seen = {_label_key(o.label) for o in earlier}
    kept = []
    for option in stated:
        key = _label_key(option.label)
        if key in seen:
            statistics.append(_as_statistic(option, of="restates_option"))
            continue
        seen.add(key)
        kept.append(option)
    return kept


_DIGIT = patterns.compile(r"\d")


# A share in words is rounder than its digits: "Half … (51%)" restates 51% within this.
_WORDS_ROUNDING = 5.0


def _digits_win(options: list[Option], statistics: list[Statistic]) -> list[Option]:
    """One answer stated in words and in digits ("Half of them … (51%)"): the digits are the
    option, the words a restatement among `statistics`. The same answer: the same label, or
    one label the other cut shorter, and the words' share within rounding of the digits'."""
    keys = [_label_key(o.label) for o in options]
    kept = []
    for option, key in zip(options, keys, strict=True):
        twins = [
            o
            for o, k in zip(options, keys, strict=True)
            if o is not option
            and (
                k == key
                or (
                    (f"{k} ".startswith(f"{key} ") or f"{key} ".startswith(f"{k} "))
                    and abs((o.percent or 0.0) - (option.percent or 0.0)) <= _WORDS_ROUNDING
                )
            )
        ]
        in_words = not _DIGIT.search(option.text)
        if in_words and any(_DIGIT.search(o.text) for o in twins):
            statistics.append(_as_statistic(option, of="restates_option"))
        else:
            kept.append(option)
    return kept


def _unique_labels(options: list[Option]) -> list[Option]:
    """Two options of one question never share a label: a repeat gets its share appended."""
    seen: dict[str, int] = {}
    unique = []
    for option in options:
        key = _label_key(option.label)
        if key in seen:
            seen[key] += 1
            option = option.model_copy(update={"label": f"{option.label} ({seen[key]})"})
        else:
            seen[key] = 1
        unique.append(option)
    return unique


def _findings(
    doc: Document, block: Block, quotes: QuoteIndex, loose: list[Statistic]
) -> list[Question]:
    """Prose findings: each sentence's shares become one question (several shares of one
    thing) or one question per share (shares joined by a contrast). Shares that make no
    question (a change, a claim with no words left) go to `loose`."""
    questions = []
    for s_start, s_end in sentences(doc.text, block.start, block.end):
        sentence = doc.text[s_start:s_end]
        if _METHOD.search(sentence):
            continue
        shares = [
            s
            for s in read_shares(
                doc.text, [(s_start, s_end)], quotes, numeric_scale=False, free_text_cues=False
            )
            if not quotes.holds(s.start)
        ]
        if not shares:
            continue
        groups = _share_groups(doc.text, shares)
        for index, group in enumerate(groups):
            # a group's claim ends where the next group's begins ("35% lost X, and 22% lost Y")
            end = groups[index + 1][0].start if index + 1 < len(groups) else s_end
            question = _finding_question(doc, s_start, end, group, loose)
            if question is not None:
                questions.append(question)
    return questions


def _share_groups(text: str, shares: list[Share]) -> list[list[Share]]:
    """Shares of one sentence split where a contrast ("but", "while") joins two claims; shares
    listed together ("a (50%); b (33%) and c (21%)") stay one question."""
    groups = [[shares[0]]]
    sentence_start = _sentence_start(text, shares[0].start)
    listed = ":" in text[sentence_start : shares[0].start]  # "… the survey revealed that: …"
    for previous, share in pairwise(shares):
        between = text[previous.end : share.start]
        parallel = not listed and _PARALLEL.search(between) and not _is_bracketed(text, share)
        if (_CONTRAST.search(between) or parallel) and len(between.split()) > 3:
            groups.append([share])
        else:
            groups[-1].append(share)
    return groups


def _sentence_start(text: str, offset: int) -> int:
    """Start of the sentence holding `offset` (after the last full stop or line break)."""
    return max(text.rfind(". ", 0, offset) + 1, text.rfind("\n", 0, offset) + 1, 0)


def _is_bracketed(text: str, share: Share) -> bool:
    return text[max(0, share.start - 1) : share.start] == "("


def _finding_question(
    doc: Document, s_start: int, s_end: int, group: list[Share], loose: list[Statistic]
) -> Question | None:
    options: list[Option] = []
    statistics: list[Statistic] = []
    for share in group:
        _place_share(doc, share, options, statistics, into_options=True)
    options = _digits_win(options, statistics)
    if not options:  # only statistics: they belong to no question
        loose.extend(statistics)
        return None
    spans = [(o.span.start, o.span.end) for o in options]
    asked = _ASKED_LEAD.match(doc.text, s_start, spans[0][0])
    if asked and len(options) >= 2:
        text = _claim_text(asked.group("asked"))
    elif len(options) >= 3:
        lead = doc.text[s_start : spans[0][0]]
        text = _claim_text(lead if len(lead.split()) >= 3 else doc.text[s_start:s_end])
    else:
        text = _claim(doc.text, s_start, s_end, spans)
    if len(text.split()) < 2:  # no claim left to word a question with
        loose.extend([*statistics, *(_as_statistic(o) for o in options)])
        return None
    if len(options) == 1:
        # One share, one claim: the claim is what the share agreed to.
        label = answer_label(text)
        if not label[1:2].isupper():  # "MPs should …" keeps its capitals
            label = label[:1].lower() + label[1:]
        options = [options[0].model_copy(update={"label": label})]
    return Question(
        id="q",
        text=text,
        wording="claim",
        kind=question_kind(text, options, from_prose=True, claim=True),
        # the people its shares are of, when the sentence says ("of the 5,400 members surveyed")
        base=first_base(doc, [(s_start, s_end)]),
        options=_unique_labels(options),
        statistics=statistics,
        span=doc.span(s_start, s_end),
    )


def _claim(text: str, s_start: int, s_end: int, spans: list[tuple[int, int]]) -> str:
    """The clause that holds the shares, less the shares themselves and their subject."""
    start = s_start
    for cut in _CLAIM_CUT.finditer(text, s_start, spans[0][0]):
        start = cut.end()
    for lead in _REPORTED_LEAD.finditer(text, start, spans[0][0]):
        start = lead.end()  # "The survey also revealed that 33% …": the claim starts at the share
    end = s_end
    cut = _CLAIM_CUT.search(text, spans[-1][1], s_end)
    if cut:
        end = cut.start()
    pieces, pos = [], start
    for share_start, share_end in spans:
        pieces.append(text[pos:share_start])
        pos = share_end
    pieces.append(text[pos:end])
    return _claim_text(" ".join(pieces))


_EMPTY_BRACKETS_OR_EMPHASIS = patterns.compile(r"\(\s*\)|[*_]")


def _claim_text(raw: str) -> str:
    text = " ".join(_EMPTY_BRACKETS_OR_EMPHASIS.sub(" ", raw).split())
    text = text.strip(" ,;:.-–(")
    for _ in range(3):
        text = _LEAD_WORDS.sub("", _SUBJECT.sub("", _WHO_BEFORE_VERB.sub("", text)))
        text = text.strip(" ,;:.-–()")
    text = regex.sub(
        r"^(?:(?:say|said|says|think|thinks|believe|believes|reported|stated"
        r"|told\s+(?:us|the\s+\w+))\s+(?:that\s+)?|(?:feel|felt|feels)\s+that\s+)"
        r"(?:they\s+)?",
        "",
        text,
        flags=regex.IGNORECASE,
    )
    return text[:1].upper() + text[1:] if text else text


def with_order(question: Question) -> Question:
    """The question with each option's `position` (its place on the answer scale its labels
    name, non-answers last; else the source's order) and, where the wording left the kind
    `unknown` or called a rating scale a plain choice, the kind the scale shows."""
    options = question.options
    best = best_scale([o.label for o in options])
    if best is not None:
        after = max(p for p in best[2] if p is not None) + 1
        keys = [(p if p is not None else after, i) for i, p in enumerate(best[2])]
    else:
        keys = [(0, i) for i in range(len(options))]
    order = {index: rank for rank, (_, index) in enumerate(sorted(keys), start=1)}
    ordered = [o.model_copy(update={"position": order[i]}) for i, o in enumerate(options)]
    kind = question.kind
    shown = scale_kind(question.text, options, best) if options else None
    if shown is not None and (kind == "unknown" or (kind == "single_choice" and shown != kind)):
        kind = shown
    return question.model_copy(update={"options": ordered, "kind": kind})
