"""Charts read from a PDF's drawing (the loader hands them on as `Document.charts`, each entry
with the span of its line in the text) merged into the questions the prose describes.

The prose wins: where both give an option's value and they differ, the prose value stays and a
`figure_prose_mismatch` warning names both; where they agree, the chart's entry is the
option's second provenance (`also_stated`). Where only the chart gives an option, it is added
with `source: "figure"`.
"""

from __future__ import annotations

import bisect
from itertools import accumulate, pairwise

from extract import patterns
from extract.document import Chart, ChartEntry, Document
from extract.models import Option, Question, Report, ReportWarning, Span

_WORD = patterns.compile(r"[a-z0-9]+")


def _words(label: str) -> set[str]:
    return set(_WORD.findall(label.lower()))


def _likeness(option: Option, entry: ChartEntry) -> float:
    """1 for the same words; else the share of words in common when one label's words contain
    the other's ("TOIL" / "TOIL (time off in lieu)"); else 0."""
    ours, theirs = _words(option.label), _words(entry.label)
    if not ours or not theirs or not (ours <= theirs or theirs <= ours):
        return 0.0
    return len(ours & theirs) / len(ours | theirs)


def _pair(options: list[Option], entries: list[ChartEntry]) -> dict[int, Option]:
    """Chart entries (by index) paired with options: exact labels first, then the likeliest
    ("confident" pairs with "confident", not with "very confident")."""
    pairs: dict[int, Option] = {}
    free = list(options)
    for threshold in (1.0, 0.5):
        for index, entry in enumerate(entries):
            if index in pairs or not free:
                continue
            score, best = max(((_likeness(o, entry), i) for i, o in enumerate(free)))
            if score >= threshold:
                pairs[index] = free.pop(best)
    return pairs


def _owner(questions: list[Question], offset: int) -> Question | None:
    """The last question whose span holds `offset`, else the last that starts before it."""
    inside = [q for q in questions if q.span.start <= offset < q.span.end]
    if inside:
        return inside[-1]
    before = [q for q in questions if q.span.start <= offset]
    return before[-1] if before else None


class _Owners:
    """`_owner` for many charts: with the questions in document order (as formats list them), a
    bisection instead of a pass over every question per chart; in any other order, `_owner`."""

    def __init__(self, questions: list[Question]) -> None:
        self.questions = questions
        self.starts = [q.span.start for q in questions]
        self.in_order = all(a <= b for a, b in pairwise(self.starts))
        # reach[i]: the furthest end among questions[: i + 1]
        self.reach = list(accumulate((q.span.end for q in questions), max))

    def at(self, offset: int) -> Question | None:
        if not self.in_order:
            return _owner(self.questions, offset)
        count = bisect.bisect_right(self.starts, offset)  # the questions starting at or before
        if not count:
            return None
        if self.reach[count - 1] > offset:  # one of them holds it: the last such
            for index in range(count - 1, -1, -1):
                if offset < self.questions[index].span.end:
                    return self.questions[index]
        return self.questions[count - 1]


def _entries_by_owner(
    owners: _Owners, block: Chart
) -> list[tuple[Question | None, list[ChartEntry]]]:
    """The chart's entries grouped by the question each belongs to: the one holding the
    entry's own line (a chart whose titles are questions, a slide or a dashboard's cards,
    holds several), else the one the chart stands in."""
    chart_owner = owners.at(block.start)
    groups: dict[str | None, tuple[Question | None, list[ChartEntry]]] = {}
    for entry in block.entries:
        found = owners.at(entry.start)
        owner = found if found is not None and found.span.start > block.start else chart_owner
        key = owner.id if owner is not None else None
        groups.setdefault(key, (owner, []))[1].append(entry)
    return list(groups.values()) or [(chart_owner, [])]


def merge_figures(doc: Document, report: Report) -> Report:
    """The report with each chart's values merged into the question it belongs to."""
    blocks = doc.charts
    if not blocks:
        return report
    questions = {q.id: q for q in report.questions}
    # merging changes a question's options only, never its id or span
    owners = _Owners(list(questions.values()))
    warnings = list(report.warnings)
    for block in blocks:
        for found, entries in _entries_by_owner(owners, block):
            if found is None:
                warnings.append(
                    ReportWarning(
                        code="figure_without_question",
                        message="a chart's values could not be tied to any question",
                        span=doc.span(block.start, block.end),
                    )
                )
                continue
            questions[found.id] = _merge_entries(doc, questions[found.id], entries, warnings)
    return report.model_copy(update={"questions": list(questions.values()), "warnings": warnings})


def _merge_entries(
    doc: Document, owner: Question, entries: list[ChartEntry], warnings: list[ReportWarning]
) -> Question:
    """The question with the chart's entries merged: agreeing ones as second provenance,
    new ones as options from the figure, disagreeing ones as warnings."""
    options = list(owner.options)
    pairs = _pair(owner.options, entries)
    agreeing: dict[int, list[Span]] = {}  # option index -> the chart entries restating it
    for index, entry in enumerate(entries):
        match = pairs.get(index)
        span = doc.span(entry.start, entry.end)
        if match is None and entry.percent > 100:
            # a chart label such as "150%" is no share of anyone: say so, add no option
            code = "percent_out_of_range"
            message = (
                f"{owner.id}: the chart shows {entry.label!r} at {entry.percent:g}%, "
                "outside 0-100%; not taken as an option"
            )
        elif match is None:
            text = doc.text[entry.start : entry.end]
            options.append(
                Option(
                    label=entry.label,
                    percent=entry.percent,
                    text=text,
                    span=span,
                    source="figure",
                )
            )
            continue
        elif match.percent is not None and abs(match.percent - entry.percent) > 0.5:
            code = "figure_prose_mismatch"
            message = (
                f"{owner.id}: the text gives {match.label!r} {match.percent:g}% but the "
                f"chart shows {entry.percent:g}%; the text's value is kept"
            )
        else:
            agreeing.setdefault(owner.options.index(match), []).append(span)
            continue
        warnings.append(ReportWarning(code=code, message=message, span=span))
    for index, spans in agreeing.items():
        option = options[index]
        options[index] = option.model_copy(update={"also_stated": [*option.also_stated, *spans]})
    return owner.model_copy(update={"options": options})
