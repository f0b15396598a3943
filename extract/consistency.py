"""Consistency checks on a finished record: values the text states that cannot all be true
together (shares of one answer each that add up to more than everyone, a word and the digit
that restates it far apart, a base larger than everyone who answered, dates in the wrong
order, figure numbers skipped or repeated, one option given two values).

Each rule is a pure function of the `Report` returning warnings that name the question, option
and value, with the span of the offending value where there is one. `RULES` runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from extract import patterns
from extract.fields.percentages import FRACTIONS, QUALIFIERS, find_percentages
from extract.fields.starts import folded
from extract.models import Question, Report, ReportWarning

Rule = Callable[[Report], list[ReportWarning]]

# Shares of a question where each respondent picks one answer add up to 100, give or take the
# rounding of each share.
SUM_TOLERANCE = 3.0
# "A third (32%)" is fine, "Half (61%)" is not.
WORD_DIGIT_TOLERANCE = 10.0
# A digit rounds: "over a third (33%)" may be 33.4%.
ROUNDING = 0.5

_ONE_ANSWER_EACH = ("single_choice", "yes_no")

# What a qualifier before a word share says about the digit that restates it. Open-ended ones
# ("over half") only give a direction; the others also say the digit is near the word.
_ABOVE_OPEN = {"over", "more than", "at least"}
_BELOW_OPEN = {"under", "less than", "fewer than"}
_ABOVE_NEAR = {"just over"}
_BELOW_NEAR = {"just under", "nearly", "almost"}
_ABOVE = _ABOVE_OPEN | _ABOVE_NEAR
_BELOW = _BELOW_OPEN | _BELOW_NEAR
_OPEN = _ABOVE_OPEN | _BELOW_OPEN

# "Six participants did not answer this question": people outside the base, not in it.
_OUTSIDE_BASE = patterns.compile(
    r"\b(?:not|n't|never)\b(?:\W+\w+){0,4}?\W+(?:answer|respond|reply|choose|chose|complete)",
    regex.IGNORECASE,
)


def _num(value: float) -> str:
    """42.0 -> "42", 33.3 -> "33.3"."""
    return f"{round(value, 1):g}"


def _normalised(text: str) -> str:
    """Case and runs of spacing ignored: "Over  Half" -> "over half"."""
    return " ".join(text.casefold().split())


def options_sum(report: Report) -> list[ReportWarning]:
    """A question answered with one option each (single_choice, yes_no) whose options (two or
    more, all with a share) sum outside 100 ± 3.

    A sum above 103 cannot be. A sum below 97 is only a contradiction when every option is
    known, and prose often names only the main answers ("… or at least once every three
    months" with no share), so a low sum is warned about only when a chart's own labels were
    read for the question (an option with source "figure"): the chart shows every answer."""
    warnings = []
    for q in report.questions:
        if q.kind not in _ONE_ANSWER_EACH or (q.figure is None and q.base is None):
            continue
        shares = [o.percent for o in q.options]
        if len(shares) < 2 or any(s is None for s in shares):
            continue
        total = sum(s for s in shares if s is not None)
        charted = any(o.source == "figure" for o in q.options)
        if total > 100 + SUM_TOLERANCE or (charted and total < 100 - SUM_TOLERANCE):
            listed = ", ".join(f"{o.label!r} {_num(o.percent or 0)}%" for o in q.options)
            warnings.append(
                ReportWarning(
                    code="options_sum",
                    message=(
                        f"{q.id} ({q.kind.replace('_', ' ')}): options sum to {_num(total)}%, "
                        f"not 100%: {listed}"
                    ),
                    span=q.span,
                )
            )
    return warnings


def percent_range(report: Report) -> list[ReportWarning]:
    """A percentage outside 0..100: an option's share, or a statistic in percent (statistics
    are not bounded by the schema)."""
    warnings = []
    for q in report.questions:
        for option in q.options:
            if option.percent is not None and not 0 <= option.percent <= 100:
                warnings.append(
                    ReportWarning(
                        code="percent_out_of_range",
                        message=(
                            f"{q.id}: option {option.label!r} is {_num(option.percent)}% "
                            f"({option.text!r}), outside 0-100%"
                        ),
                        span=option.span,
                    )
                )
    held = [(f"{q.id}: ", stat) for q in report.questions for stat in q.statistics]
    held += [("", stat) for stat in report.statistics]
    for where, stat in held:
        if stat.unit == "percent" and not 0 <= stat.value <= 100:
            warnings.append(
                ReportWarning(
                    code="percent_out_of_range",
                    message=(
                        f"{where}statistic {stat.text!r} is {_num(stat.value)}%, outside 0-100%"
                    ),
                    span=stat.span,
                )
            )
    return warnings


def _qualifier(wording: str) -> str | None:
    """The qualifier a word share's wording opens with ("Over half (52%)" -> "over")."""
    words = _normalised(wording)
    return next((q for q in QUALIFIERS if words.startswith(q + " ")), None)


def _word_digit_disagree(word: float, digit: float, qualifier: str | None) -> bool:
    if qualifier in _ABOVE and digit < word - ROUNDING:
        return True
    if qualifier in _BELOW and digit > word + ROUNDING:
        return True
    if qualifier in _OPEN:
        return False  # "more than half (80%)" is true, if understated
    return abs(word - digit) > WORD_DIGIT_TOLERANCE


# The word each fraction ends with ("half", "thirds"): a share in words restated by digits holds
# one, as the folded text shows it whatever the case.
_FRACTION_WORDS = tuple(sorted({fraction.split()[-1].rstrip("s") for fraction in FRACTIONS}))


def word_digit_mismatch(report: Report) -> list[ReportWarning]:
    """A word share restated by a digit ("Half of the respondents (51%)") where the two
    disagree: more than 10 points apart ("Half (61%)"), or on the wrong side of a qualifier
    ("Over half (45%)", "Nearly half (55%)"). The option's or statistic's wording is read
    again for it."""
    warnings = []
    for q in report.questions:
        values = [(f"option {o.label!r}", o.text, o.span) for o in q.options]
        values += [(f"statistic {s.label!r}", s.text, s.span) for s in q.statistics]
        for name, wording, span in values:
            lowered = folded(wording)
            if not any(word in lowered for word in _FRACTION_WORDS):
                continue  # no share in words: nothing restated ("51% agreed")
            for pct in find_percentages(wording):
                if pct.rule != "word_and_digits" or pct.word_value is None:
                    continue
                if _word_digit_disagree(pct.word_value, pct.value, _qualifier(pct.text)):
                    warnings.append(
                        ReportWarning(
                            code="word_digit_mismatch",
                            message=(
                                f"{q.id}: {name}: {pct.text!r}: the words say about "
                                f"{_num(pct.word_value)}%, the digits {_num(pct.value)}%"
                            ),
                            span=span,
                        )
                    )
    return warnings


def _out_of(of: str | None) -> int | None:
    """The whole of "8 out of 11" (`of` holds "11"), when the statistic has one."""
    return int(of) if of is not None and of.isdigit() else None


def base_above_respondents(report: Report) -> list[ReportWarning]:
    """A question's base larger than the report's respondents; a count of people larger than
    its question's base (or than the whole of its "N out of M"). People the sentence says did
    not answer are outside the base and are not compared with it."""
    warnings = []
    respondents = report.respondents
    for q in report.questions:
        if q.base is not None and respondents is not None and q.base.n > respondents.n:
            warnings.append(
                ReportWarning(
                    code="base_exceeds_respondents",
                    message=(
                        f"{q.id}: base {q.base.n} ({q.base.text!r}) is more than the "
                        f"report's {respondents.n} respondents ({respondents.text!r})"
                    ),
                    span=q.base.span,
                )
            )
        for stat in q.statistics:
            if stat.unit != "count":
                continue
            whole = _out_of(stat.of)
            if whole is not None and stat.value > whole:
                warnings.append(
                    ReportWarning(
                        code="count_exceeds_base",
                        message=(
                            f"{q.id}: count {stat.text!r} is {_num(stat.value)} out of only {whole}"
                        ),
                        span=stat.span,
                    )
                )
            elif (
                q.base is not None
                and stat.value > q.base.n
                and not _OUTSIDE_BASE.search(stat.label)
            ):
                warnings.append(
                    ReportWarning(
                        code="count_exceeds_base",
                        message=(
                            f"{q.id}: count {stat.text!r} ({_num(stat.value)}) is more than "
                            f"the question's base of {q.base.n} ({q.base.text!r})"
                        ),
                        span=stat.span,
                    )
                )
    return warnings


def date_order(report: Report) -> list[ReportWarning]:
    """Fieldwork that ends before it starts; a publication date before the fieldwork ended (or,
    when its end is unknown, before it started)."""
    warnings = []
    fieldwork = report.fieldwork
    if (
        fieldwork is not None
        and fieldwork.start is not None
        and fieldwork.end is not None
        and fieldwork.end < fieldwork.start
    ):
        warnings.append(
            ReportWarning(
                code="fieldwork_reversed",
                message=(
                    f"fieldwork {fieldwork.text!r} ends ({fieldwork.end}) before it starts "
                    f"({fieldwork.start})"
                ),
                span=fieldwork.span,
            )
        )
    published = report.published
    if fieldwork is not None and published is not None and published.date is not None:
        last = fieldwork.end or fieldwork.start
        if last is not None and published.date < last:
            ended = "ended" if fieldwork.end else "started"
            warnings.append(
                ReportWarning(
                    code="published_before_fieldwork",
                    message=(
                        f"published {published.date} ({published.text!r}), before the "
                        f"fieldwork {ended} ({last}, {fieldwork.text!r})"
                    ),
                    span=published.span,
                )
            )
    return warnings


def figure_numbering(report: Report) -> list[ReportWarning]:
    """Figure numbers on questions that repeat ("3, 3") or skip ("1, 2, 4"; a first figure
    above 1 skips the ones before it). Questions without a figure are left out."""
    charted: list[tuple[int, Question]] = [
        (q.figure, q) for q in report.questions if q.figure is not None
    ]
    if not charted:
        return []
    listed = ", ".join(str(n) for n, _ in charted)
    warnings = []
    first_with: dict[int, Question] = {}
    for n, q in charted:
        if n in first_with:
            warnings.append(
                ReportWarning(
                    code="figure_numbering",
                    message=(
                        f"{q.id}: figure {n} is also the figure of {first_with[n].id} "
                        f"(figures on questions: {listed})"
                    ),
                    span=q.span,
                )
            )
        else:
            first_with[n] = q
    previous = 0
    for n in sorted(first_with):
        if n > previous + 1:
            missing = range(previous + 1, n)
            named = (
                f"figure {missing[0]} is"
                if len(missing) == 1
                else f"figures {missing[0]}-{missing[-1]} are"
            )
            warnings.append(
                ReportWarning(
                    code="figure_numbering",
                    message=(
                        f"{first_with[n].id}: figure {n} "
                        + (f"follows figure {previous}" if previous else "is the first figure")
                        + f": {named} on no question (figures on questions: {listed})"
                    ),
                    span=first_with[n].span,
                )
            )
        previous = n
    return warnings


def option_conflict(report: Report) -> list[ReportWarning]:
    """The same option label (ignoring case and spacing) stated twice in one question with
    different shares: as two options, or as an option and a restatement of it."""
    warnings = []
    for q in report.questions:
        stated = [(o.label, o.percent, o.text, o.span) for o in q.options]
        stated += [
            (s.label, s.value, s.text, s.span) for s in q.statistics if s.of == "restates_option"
        ]
        seen: dict[str, float] = {}
        for label, percent, text, span in stated:
            if percent is None:
                continue
            key = _normalised(label)
            if key in seen and seen[key] != percent:
                warnings.append(
                    ReportWarning(
                        code="option_conflict",
                        message=(
                            f"{q.id}: option {label!r} is stated as {_num(seen[key])}% "
                            f"and as {_num(percent)}% ({text!r})"
                        ),
                        span=span,
                    )
                )
            else:
                seen.setdefault(key, percent)
    return warnings


RULES: tuple[Rule, ...] = (
    options_sum,
    percent_range,
    word_digit_mismatch,
    base_above_respondents,
    date_order,
    figure_numbering,
    option_conflict,
)


def consistency_warnings(report: Report) -> list[ReportWarning]:
    """Every rule's warnings on `report`, rule by rule in `RULES` order."""
    return [warning for rule in RULES for warning in rule(report)]
