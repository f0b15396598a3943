"""Accuracy against hand-made truth: field-level precision, recall and F1, per document and in
total, as GROBID and docling-eval report theirs.

Each field counts the values the truth states, the values the record states, and the values
both state alike (`matched`). Precision is matched/record, recall matched/truth, F1 their
harmonic mean, 2·matched/(truth + record); a field of one value per slot also counts the slots
either side fills, for its accuracy. Questions are paired first (figure number, then
wording); a question's base, kind and free-text count are compared on its pair, and its options
are paired within it by percentage, then label. Totals add the counts of every document, so a
document with many questions weighs more than one with few (micro-averaging).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from extract.annotation import Truth, TruthOption, TruthQuestion
from extract.models import Option, Question, Report

FIELDS = ("facts", "questions", "bases", "kinds", "options", "labels", "free_text", "quotes")
"""The fields scored, in the order the table shows them."""

SLOT_FIELDS = frozenset({"facts", "bases", "kinds", "free_text", "labels", "labels_loose"})
"""Fields of one value per slot (a report's date, a question's base): each slot either side
fills is scored once, as right or wrong, by `Count.accuracy`. The others are lists (questions,
options, quotes), scored by F1."""
STRICT_PARTS = FIELDS
LENIENT_PARTS = ("facts", "questions", "bases", "options", "labels_loose", "quotes")
"""What each overall score averages: strict counts every field with the strict label test;
lenient leaves kinds and free-text counts out and takes the loose label test."""

PERCENT_TOLERANCE = 0.5
"""Points two percentages may differ by and still be one value: a share printed rounded to a
whole number (63%) is the truth's 63.46%."""
QUESTION_LIKENESS = 0.34
"""Least share of content words two wordings must have in common to be one question."""

_TOKEN = re.compile(r"[^\W_]+")
_FUNCTION_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "how",
    "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "they", "this", "to",
    "was", "were", "what", "which", "with", "you", "your",
))  # fmt: skip
_NEGATIONS = frozenset(("no", "not", "never", "none", "nor", "neither", "without"))
_NEGATIVE_PREFIXES = ("un", "dis", "in", "non")


def tokens(text: str | None) -> list[str]:
    """The words of `text`, lower-cased; a curly apostrophe splits like a straight one."""
    return _TOKEN.findall((text or "").lower())


def content_words(text: str | None) -> frozenset[str]:
    """The words that carry meaning: function words ("the", "of", "how") are left out."""
    return frozenset(w for w in tokens(text) if w not in _FUNCTION_WORDS)


def likeness(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of words in common (Jaccard); 0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def negative(words: frozenset[str]) -> bool:
    """The words deny ("not confident", "unhelpful", "disagree"): such a label names the
    opposite option, however many words it shares."""
    return bool(words & _NEGATIONS) or any(
        len(w) > 6 and w.startswith(_NEGATIVE_PREFIXES) for w in words
    )


@dataclass
class Count:
    """One field's tally: values in the truth, values in the record, values alike in both."""

    truth: int = 0
    output: int = 0
    matched: int = 0
    either: int = 0
    """Slots that the truth or the record fills (slot fields only)."""

    def add(self, *, truth: int = 0, output: int = 0, matched: int = 0, either: int = 0) -> None:
        self.truth += truth
        self.output += output
        self.matched += matched
        self.either += either

    @property
    def precision(self) -> float | None:
        return self.matched / self.output if self.output else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.truth if self.truth else None

    @property
    def f1(self) -> float | None:
        """Strict: nothing to score is None; truth with no record values (or the reverse) is 0."""
        both = self.truth + self.output
        return 2 * self.matched / both if both else None

    @property
    def accuracy(self) -> float | None:
        """Slots alike over slots either side fills: a missed, a wrong and an invented value
        each cost one slot (F1 would count a wrong value twice, as missed and as invented)."""
        return self.matched / self.either if self.either else None

    @property
    def f1_lenient(self) -> float | None:
        """Lenient: a field nothing matched in is left out rather than counted as 0."""
        return self.f1 if self.matched else None


@dataclass
class Score:
    """The counts of every field for one document (or, added up, for many)."""

    counts: dict[str, Count] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Count:
        return self.counts.setdefault(name, Count())

    def merge(self, other: Score) -> None:
        for name, count in other.counts.items():
            self[name].add(
                truth=count.truth, output=count.output, matched=count.matched, either=count.either
            )

    def part(self, name: str, *, lenient: bool) -> float | None:
        count = self.counts.get(name)
        if count is None:
            return None
        if name in SLOT_FIELDS:
            return count.accuracy
        return count.f1_lenient if lenient else count.f1

    def overall(self, *, lenient: bool = False) -> float:
        """The mean of the fields' scores (accuracy of a slot field, F1 of a list) over the
        fields with something to score."""
        parts = [
            self.part(p, lenient=lenient) for p in (LENIENT_PARTS if lenient else STRICT_PARTS)
        ]
        scored = [p for p in parts if p is not None]
        return sum(scored) / len(scored) if scored else 0.0


def _slot(score: Score, name: str, truth: object, output: object, alike: bool) -> None:
    """One slot of a slot field: stated by the truth, by the record, both and alike."""
    said, found = truth is not None, output is not None
    score[name].add(
        truth=said, output=found, matched=said and found and alike, either=said or found
    )


def _same_title(truth: str, output: str | None) -> bool:
    """Titles agree in their words, or nearly (a subtitle or a colon more or less)."""
    if output is None:
        return False
    return (
        tokens(truth) == tokens(output)
        or likeness(content_words(truth), content_words(output)) >= 0.8
    )


def score_facts(truth: Truth, record: Report, score: Score) -> None:
    """Title, publication date, fieldwork start and end, respondents and invited."""
    title = record.title
    if truth.title is not None or title is not None:
        _slot(score, "facts", truth.title, title, _same_title(truth.title or "", title))
    fieldwork = record.fieldwork
    pairs = [
        (truth.published, _iso(record.published.date if record.published else None)),
        (truth.fieldwork_start, _iso(fieldwork.start if fieldwork else None)),
        (truth.fieldwork_end, _iso(fieldwork.end if fieldwork else None)),
        (truth.respondents, record.respondents.n if record.respondents else None),
        (truth.invited, record.invited.n if record.invited else None),
    ]
    for expected, found in pairs:
        _slot(score, "facts", expected, found, expected == found)


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _greedy(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs, the likeliest first: each truth and record item used once."""
    pairs, used_truth, used_output = [], set(), set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_truth and j not in used_output:
            pairs.append((i, j))
            used_truth.add(i)
            used_output.add(j)
    return sorted(pairs)


def _answers_agree(truth: TruthQuestion, found: Question) -> float:
    """How far the record's options give the truth's percentages, 0 to 1.1: the share within
    `PERCENT_TOLERANCE`, plus a tenth for the share given to the decimal. Of two questions
    worded alike (one poll asked of two groups, a table read twice), the one with the same
    answers is the pair."""
    stated = [o.percent for o in found.options if o.percent is not None]
    shares = [o.percent for o in truth.options if o.percent is not None]
    if not shares:
        return 0.0
    near = sum(any(abs(p - q) <= PERCENT_TOLERANCE for q in stated) for p in shares)
    exact = sum(any(abs(p - q) < 0.05 for q in stated) for p in shares)
    return (near + exact / 10) / len(shares)


def pair_questions(truth: Iterable[TruthQuestion], output: list[Question]) -> list[tuple[int, int]]:
    """(truth index, record index) of the questions that are one question: the same figure
    number first, then wordings alike enough; among equals, the one whose answers agree."""
    words = [content_words(q.text) for q in output]
    candidates = []
    for i, question in enumerate(truth):
        mine = content_words(question.text)
        for j, found in enumerate(output):
            alike = likeness(mine, words[j])
            rank = alike + _answers_agree(question, found)
            if question.figure is not None and question.figure == found.figure:
                candidates.append((4.0 + rank, i, j))  # a figure number outranks any wording
            elif alike >= QUESTION_LIKENESS:
                candidates.append((rank, i, j))
    return _greedy(candidates)


def label_names_option(truth: str, output: str) -> bool:
    """Strict: the record's label names the truth's option: half its words or more in common,
    the same polarity ("satisfied" is not "not satisfied"), and not a sentence around it."""
    mine, theirs = content_words(truth), content_words(output)
    return (
        likeness(mine, theirs) >= 0.5
        and negative(mine) == negative(theirs)
        and len(tokens(output)) <= 2 * len(tokens(truth)) + 2
    )


def label_overlaps(truth: str, output: str) -> bool:
    """Lenient: the labels share a third of their words, or one holds all the other's."""
    mine, theirs = content_words(truth), content_words(output)
    return (
        likeness(mine, theirs) >= 0.3
        or bool(mine and mine <= theirs)
        or bool(theirs and theirs <= mine)
    )


def pair_options(truth: tuple[TruthOption, ...], output: list[Option]) -> list[tuple[int, int]]:
    """Options are one when their percentages agree within `PERCENT_TOLERANCE`; among those,
    the labels most alike pair first."""
    candidates = []
    for i, option in enumerate(truth):
        mine = content_words(option.label)
        for j, found in enumerate(output):
            if option.percent is None or found.percent is None:
                continue
            if abs(option.percent - found.percent) <= PERCENT_TOLERANCE + 1e-9:
                candidates.append((likeness(mine, content_words(found.label)), i, j))
    return _greedy(candidates)


def score_question(truth: TruthQuestion, found: Question, score: Score) -> None:
    """The fields of one question pair: base, kind, free-text count, options and labels."""
    base = found.base.n if found.base else None
    _slot(score, "bases", truth.base, base, base == truth.base)
    if truth.kind not in (None, "unknown"):
        _slot(score, "kinds", truth.kind, found.kind, found.kind == truth.kind)
    free = found.free_text_responses.n if found.free_text_responses else None
    _slot(score, "free_text", truth.free_text_responses, free, free == truth.free_text_responses)
    for i, j in pair_options(truth.options, found.options):
        label, stated = truth.options[i].label, found.options[j].label
        score["options"].add(matched=1)
        _slot(score, "labels", label, stated, label_names_option(label, stated))
        _slot(score, "labels_loose", label, stated, label_overlaps(label, stated))


def _normalised(text: str) -> str:
    return " ".join(tokens(text))


def same_quote(truth: str, output: str) -> bool:
    """One quote: one holds the other and covers 70% of it (a clause more or less), or the
    two read 85% alike (a word changed, punctuation aside)."""
    a, b = _normalised(truth), _normalised(output)
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) >= 0.7 * max(len(a), len(b))
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.85


MIN_QUOTE_WORDS = 4
"""The truth leaves out quotes under four words, so the record's are not counted either."""


def score_quotes(truth: Truth, quotes: list[str], score: Score) -> None:
    """Quotes in full, and quotes given by their first words, each paired with one record quote."""
    found = [q for q in quotes if len(tokens(q)) >= MIN_QUOTE_WORDS]
    tests: list[Callable[[str], bool]] = [
        *(lambda o, t=t: same_quote(t, o) for t in truth.quotes),
        *(lambda o, s=s: _normalised(o).startswith(_normalised(s)) for s in truth.quote_starts),
    ]
    used: set[int] = set()
    for test in tests:
        hit = next((j for j, q in enumerate(found) if j not in used and test(q)), None)
        if hit is not None:
            used.add(hit)
    if tests or found:
        score["quotes"].add(truth=len(tests), output=len(found), matched=len(used))


def _annotated(record: Report, pages: frozenset[int] | None) -> tuple[list[Question], list[str]]:
    """The record's questions and quotes on the pages the truth annotates (all without
    `partial`): what a partial truth says nothing about is neither right nor wrong."""
    if pages is None:
        return record.questions, [q.text for q in record.quotes]

    def inside(page: int | None) -> bool:
        return page is None or page in pages

    return (
        [q for q in record.questions if inside(q.span.page)],
        [q.text for q in record.quotes if inside(q.span.page)],
    )


def score_document(truth: Truth, record: Report | None, *, annotated_pages: bool = False) -> Score:
    """Every field of one document; a missing record (the file failed) scores as empty. With
    `annotated_pages`, a partial truth's record is cut to the pages it annotates."""
    score = Score()
    record = record or Report.model_construct(questions=[], quotes=[])
    questions, quotes = _annotated(record, truth.pages if annotated_pages else None)
    score_facts(truth, record, score)
    pairs = pair_questions(truth.questions, questions)
    score["questions"].add(truth=len(truth.questions), output=len(questions), matched=len(pairs))
    for i, j in pairs:
        score_question(truth.questions[i], questions[j], score)
    paired = {i for i, _ in pairs}
    for i, question in enumerate(truth.questions):  # a question not found: its base is missed
        if i not in paired:
            _slot(score, "bases", question.base, None, False)
        score["options"].add(truth=len(question.options))
    score["options"].add(output=sum(len(q.options) for q in questions))
    score_quotes(truth, quotes, score)
    return score
