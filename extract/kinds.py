"""The kind of a question, from its wording, the prose reporting it and its option set together.

Kinds as the corpus annotation defines them: `yes_no`, `scale` (a rating, in words or numbers),
`single_choice` (categories, frequency and quantity bands), `multi_choice`, `free_text`, and
`unknown` only where nothing says. The cues are extract/vocab/kinds.toml, the answer scales
extract/vocab/scales.toml; the general reader and the formats' sections share this one reading.
"""

from __future__ import annotations

import regex

from extract import patterns
from extract.fields.starts import PhraseSearch, vocabulary_search
from extract.models import Option, QuestionKind
from extract.vocab import (
    Scale,
    alternation,
    best_scale,
    every_scale_point,
    families,
    scale_phrase,
    scale_points,
    words,
)

# Shares that add up to well over a whole answer a question where each could pick several; a
# little over (rounding, a "would not vote" line under a vote share) is still one answer each.
_WELL_OVER_WHOLE = 120.0
# How far into the prose a reported "asked whether" still describes this question.
_ASKED_REACH = 300
NUMERIC_SCALE = patterns.compile(r"(?:on\s+a\s+)?scale\s+(?:of|from)\s+\d+\s*(?:-|–|to)\s*\d+")
"""A rating range stated in the wording: "on a scale of 1 to 10"."""


def _cue(key: str) -> PhraseSearch:
    """The phrases of extract/vocab/kinds.toml's list `key`, as whole words (the engine tried
    the list's alternation at every character of a question's wording and prose)."""
    return vocabulary_search("kinds", key)


_MULTI_WORDING = _cue("multi_choice")
_MULTI_QUESTION = _cue("multi_choice_questions")
_SCALE_WORDING = _cue("scale")
# At the start of the wording, so tried there alone already.
_YES_NO_OPENING = patterns.compile(
    rf"^[\W_]*(?:(?:Q\s*)?\d{{1,3}}[.):]\s*)?(?:{alternation('kinds', 'yes_no_openers')})(?!\w)",
    regex.IGNORECASE,
)
_YES_NO_REPORTED = _cue("yes_no_reported")
_SINGLE_WORDING = _cue("single_choice")
_SCALE_QUESTION = _cue("scale_questions")
_SINGLE_QUESTION = _cue("single_choice_questions")
_FREE_TEXT_WORDING = _cue("free_text")
_MULTI_MARK = patterns.compile(
    r"(?<=\w)(?:" + "|".join(regex.escape(m) for m in words("kinds", "multi_choice_marks")) + ")"
)
# Alternatives offered in the wording, a second verb after "or": "getting better or getting
# worse", "…, or be able to …" (not inside a "whether" clause, the yes/no question itself).
_ALTERNATIVES = patterns.compile(
    r"(?<!\bwhether\b[^?]*)\bor\s+(?:is|are|was|were|be|do|does|did|will|would|should|can|could"
    r"|have|has|getting|becoming|stay|staying|remain|remaining)\b",
    regex.IGNORECASE,
)


def question_kind(
    wording: str,
    options: list[Option],
    *,
    from_prose: bool,
    prose: str = "",
    free_text: bool = False,
    claim: bool = False,
) -> QuestionKind:
    """The kind from the wording, the prose reporting it and the option set together (the
    cues are extract/vocab/kinds.toml); `unknown` when nothing says. A `claim` (a finding's
    clause, "would recommend it") is no question: its opening auxiliary asks nothing."""
    both = f"{wording}\n{prose}"
    if not options and _FREE_TEXT_WORDING.search(wording):
        return "free_text"
    if (
        _MULTI_WORDING.search(both)
        or _MULTI_QUESTION.search(wording)
        or _MULTI_MARK.search(wording)
    ):
        return "multi_choice"
    scale = scale_kind(both, options)
    if scale is not None:
        return scale
    if _SCALE_WORDING.search(both) or _SCALE_QUESTION.search(wording) or _names_scale(wording):
        return "scale"
    opens = not claim and bool(_YES_NO_OPENING.search(wording))
    offers_alternatives = opens and bool(_ALTERNATIVES.search(wording))
    asks_yes_no = (opens and not offers_alternatives) or _YES_NO_REPORTED.search(
        f"{wording}\n{prose[:_ASKED_REACH]}"
    )
    if asks_yes_no and len(options) <= 2:
        return "yes_no"
    total = sum(o.percent or 0 for o in options)
    if len(options) >= 2 and total > _WELL_OVER_WHOLE and not _cumulative(options):
        return "multi_choice"
    if _SINGLE_WORDING.search(both) or _SINGLE_QUESTION.search(wording) or offers_alternatives:
        return "single_choice"
    if free_text and not options:
        return "free_text"
    if from_prose:
        return "single_choice" if len(options) >= 2 else "unknown"
    return "single_choice" if options else "unknown"


_DEGREE = patterns.compile(
    r"(?:very|fairly|quite|somewhat|strongly|slightly|extremely|completely|not\s+at\s+all"
    r"|not\s+very|neither|tend\s+to)\b",
    regex.IGNORECASE,
)


# The points of every answer scale, tried where a point's first word opens a word.
_SCALE_PHRASE = PhraseSearch(
    scale_phrase(),
    (point.split()[0] for point in every_scale_point()),
)


def _names_scale(wording: str) -> bool:
    """The wording names points of one rating scale that make a rating: "described it as low
    or very low", "poor, fair or good"."""
    named = [m.group(0) for m in _SCALE_PHRASE.finditer(wording)]
    found = best_scale(named)
    return found is not None and found[1] == "scale" and _rates(found, named)


def _rates(found: Scale, labels: list[str]) -> bool:
    """Whether the points `labels` name on a rating scale make a rating: three points or more,
    a point of degree ("very low"), or two on one side ("inadequate or requires improvement").
    Its two poles alone ("approve", "disapprove") are a plain choice between them."""
    points = sorted({p for p in found[2] if p is not None})
    if len(points) >= 3 or any(_DEGREE.match(label) for label in labels):
        return True
    middle = (len(families()[found[0]]) - 1) / 2
    return len(points) == 2 and (points[1] < middle or points[0] > middle)


# "over 3 years", "at least weekly": a bound, as the report facts' hedges name them.
_THRESHOLD = patterns.compile(
    r"^(?:"
    + "|".join(
        alternation("facts", f"hedge_{bound}")
        for bound in ("more_than", "at_least", "fewer_than", "at_most")
    )
    + r")\s+\d",
    regex.IGNORECASE,
)


def _cumulative(options: list[Option]) -> bool:
    """Shares of nested thresholds ("over 3 years", "over 6 years") add up past a whole
    without anyone choosing twice."""
    return all(_THRESHOLD.match(o.label) for o in options)


def names_most(best: Scale, labels: int) -> bool:
    """The scale names half the labels or more: "Seldom" and "Never" among seven answers do
    not make the seven a rating."""
    return 2 * sum(p is not None for p in best[2]) >= labels


_NUMBERED_LABEL = patterns.compile(r"^\d{1,2}\b")


def scale_kind(
    wording: str, options: list[Option], best: Scale | None = None
) -> QuestionKind | None:
    """The kind an answer scale shows: a numeric rating range, or the vocabulary family that
    names most of the labels (yes/no, a rating scale, frequency bands); `best` when the caller
    already looked the labels up."""
    numeric = [o for o in options if _NUMBERED_LABEL.match(o.label)]
    if NUMERIC_SCALE.search(wording) or (len(numeric) >= 4 and len(numeric) >= len(options) - 3):
        return "scale"
    best = best or best_scale([o.label for o in options])
    if best is None or not names_most(best, len(options)):
        return None
    kind = best[1]
    if kind == "yes_no" and not all(_yes_no_or_none(o.label) for o in options):
        return None  # "Yes, occasionally", "Partially": more than yes or no
    if kind == "scale" and not _rates(best, [o.label for o in options]):
        return None  # two poles: the wording may still name a scale
    return kind if kind in {"scale", "yes_no", "single_choice"} else None  # type: ignore[return-value]


def _yes_no_or_none(label: str) -> bool:
    """A yes/no answer or a non-answer ("Don't know")."""
    return any(p.family in {"yes_no", "non_answer"} for p in scale_points(label))
