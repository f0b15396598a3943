"""From a question section's prose to its options and other statistics.

Reports state shares in a handful of sentence shapes; each rule below handles one:
- "LABEL (N%)"                      the label precedes a bracketed share;
- "N% [of respondents] VERB LABEL"  the label follows the share;
- answer vocabulary                 scale and frequency answers ("to a small extent", "monthly")
                                    are taken as written wherever they stand in the clause;
- "(both chosen by N%)"            one share for the two answers before it;
- "the same number chose LABEL"     a share restated by reference;
- "none …" / "not chosen by any"    an option at zero.
A share of free-text answers, an aggregate over several answers ("at 5 or below") and a share in
a question on a numeric scale are statistics, never options.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import regex

from extract import patterns
from extract.fields.numbers import find_people_counts
from extract.fields.percentages import Percent, find_percentages
from extract.fields.quotes import QuoteFound
from extract.fields.starts import PhraseSearch, folded
from extract.intervals import ByStart, Coverage
from extract.labels import answer_label, without_subject
from extract.layout import sentences
from extract.vocab import alternation, every_scale_point, words

# An adjective answer ("effective") is not an answer when it qualifies a noun ("effective
# approaches to early intervention").
_ADJECTIVES = alternation("answers", "adjectives")
_ADJECTIVE_BEFORE_NOUN = (
    rf"(?<!\b(?:{_ADJECTIVES}))"
    rf"|(?<=\b(?:{_ADJECTIVES}))(?!\s+(?!(?:and|or|but|whereas|while|with|by|in|at|to|for"
    r"|than|about|as)\b)[a-z])"
)
# The points of the answer scales (extract/vocab/scales.toml) that open with a degree ("very
# trustworthy", "not at all confident", "neither … nor …") are answers wherever they stand too.
_DEGREE_PHRASES = [
    p
    for p in every_scale_point()  # ordered: the same pattern in every process, so it is kept
    if regex.match(r"(?:very|fairly|quite|somewhat|strongly|slightly|extremely|completely"
                   r"|totally|not|neither|tend\s+to)\s", p)
]  # fmt: skip
_DEGREE_POINTS = "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in _DEGREE_PHRASES)
_PROSE_ANSWERS = alternation("answers", "prose").replace("'", "['’]")
_VOCABULARY = PhraseSearch(
    patterns.compile(
        rf"\b(?:{_DEGREE_POINTS}|{_PROSE_ANSWERS})\b"
        rf"(?:{_ADJECTIVE_BEFORE_NOUN})",
        regex.IGNORECASE,
    ),
    (p.split()[0] for p in [*_DEGREE_PHRASES, *words("answers", "prose")]),
)
_OF_TOTAL = patterns.compile(r"^\s*of\s+(?:the\s+)?(?:total|all)\b", regex.IGNORECASE)
_PEOPLE = alternation("facts", "people")
# Who answered: the subject of a sentence, which is never an option's label.
_SUBJECT_END = patterns.compile(
    rf"""(?:respondents|participants|social\s+workers|practitioners|people|them|majority|minority
        |proportion|number|half|third|quarter|thirds|quarters|\bof\s+all\b
        |\bof\s+(?:the\s+|all\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})
        |(?:^|[,;]\s*)(?:most|many|some|all|the|these|those|our)\s+(?:[\w'’-]+\s+){{0,2}}?
         (?:{_PEOPLE}))[\s,]*$""",
    regex.VERBOSE | regex.IGNORECASE,
)
# "(19% approve, 48% disapprove)": the bracket opens with the share and holds its label.
_OPENS_LABEL = patterns.compile(r"^\s*[^\W\d_]")
# "(70%, unchanged from 2009) could identify …": an aside closes the bracket before the label.
_ASIDE = patterns.compile(r"^\s*[,;][^()]*\)")
# "(?<!\s)": a run of white space is tried from its start only; from every space in it, a long run
# costs its length squared (here and in the patterns below that begin with white space).
_CLAUSE_BOUNDARY = patterns.compile(
    r",\s+|;\s+|(?<!\s)\s+(?:whereas|while|followed\s+by|and\s+that|but)\s+"
)
# "The most popular response was (having heard of it through) …": what follows is the answer.
_ANSWER_WAS = patterns.compile(
    r"^.*?\b(?:answer|response|option|choice)\s+(?:was|being)\s+(?:that\s+)?", regex.IGNORECASE
)
_BOTH_BEFORE = patterns.compile(
    r"\(\s*both\s+(?:chosen|selected|picked)\s+by\s*$", regex.IGNORECASE
)
_LEAD_IN = patterns.compile(
    r"""^(?:
        (?:and|or|but|then|lastly|finally|next|also|only|again|as|with|who|whereas|while|however|indeed|what\s+is
           \s+more|in\s+this\s+case|of\s+these|either|similarly|so)\b[,\s]*
      | of\s+(?:all\s+|the\s+|our\s+)?(?:respondents|participants|social\s+workers|practitioners)
           (?:\s+(?:polled|in\s+the\s+survey))?\b[,\s]*
    )+""",
    regex.VERBOSE | regex.IGNORECASE,
)
_VERB_LEAD = patterns.compile(
    r"""^(?:(?:also|then|had|have|has|said|answered|reported|responded|listed|chose|chosen|selected
          |explained|considered|described|felt|were|was|cited|mentioned|would|stated|receive
          |received|reporting|answering|listing|through|via)(?:\s+|$))+
        (?:(?:that|having|being|access\s+to|them\s+as|these\s+to\s+be|they)\s+)*""",
    regex.VERBOSE | regex.IGNORECASE,
)
_LABEL_CUT = patterns.compile(
    r"""(?<!\s)\s+(?:(?:acted\s+|served\s+)?as\s+(?:a|an|the)\s+\w+|to\s+be\s+the\s+\w+
          |in\s+comparison|which\s|suggesting|meaning)\b
      | (?<!\s)\s*\((?:Figure|Fig|Chart|Graph|Exhibit)
      | [.;:]\s*$""",
    regex.VERBOSE | regex.IGNORECASE,
)
_BEFORE_CUT = patterns.compile(
    r"""^.*\b(?:through|that|answered|listed|whereby|by|was|were|chose|selected|as|access\s+to
        |considered|named|cited|picked|mentioned)\s+""",
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)
_TWO_THAT = patterns.compile(
    r"\bthat\s+(?P<a>(?:(?!\bthat\b).)+?)(?:,|(?<!\s))\s+and\s+that\s+(?P<b>.+?)(?<!\s)\s*\(\s*both\b",
    regex.IGNORECASE | regex.DOTALL,
)
_SAME_NUMBER = patterns.compile(
    r"\bthe\s+same\s+(?:number|proportion|share)\s+(?:chose|selected|listed|answered|picked)"
    r"\s+(?P<label>[^.,;]+)",
    regex.IGNORECASE,
)
_ZERO = patterns.compile(
    # "none" of the people asked, doing what they were asked ("none chose X"): never "none of
    # these measures are …", which is no one's answer
    r"""(?:\bnone\b(?:\s+of\s+the\s+\w+)?\s+(?:can|could|chose|selected|said|had)
        (?:\s+\w+){0,2}?\s+(?P<vocab>\w+)\s*[.,;]
      | (?:was|were)\s+not\s+(?:chosen|selected|picked)\s+by\s+any(?:\s+of\s+the\s+\w+)?)""",
    regex.VERBOSE | regex.IGNORECASE,
)
# Words every match of `_ZERO` (one of them) and of `_SAME_NUMBER` holds, in any case: a
# sentence without them is not scanned for either.
_ZERO_WORDS = ("none", "not")
_SAME_NUMBER_WORD = "same"
_FREE_TEXT_CUE = patterns.compile(
    r"free[\s-]text|\bmentioned\b|\bcited\b|\bwrote\b|of\s+the\s+\d+\s+responses", regex.IGNORECASE
)
_CLOSED_CUE = patterns.compile(
    r"\b(?:selected|chose|chosen|answer(?:ed|s)?|options?|rated)\b", regex.IGNORECASE
)
# Words every match of `_FREE_TEXT_CUE` (one of them) and of `_CLOSED_CUE` holds, in any case: a
# sentence without them switches nothing, and is not scanned for the counts that would let it.
_FREE_TEXT_CUE_WORDS = ("free", "mentioned", "cited", "wrote", "responses")
_CLOSED_CUE_WORDS = ("selected", "chose", "answer", "option", "rated")
_FREE_TEXT_SHARE = patterns.compile(
    r"^\s*of\s+the\s+(?:\d+|\w+)\s+(?:free[\s-]text\s+)?responses", regex.IGNORECASE
)
_AGGREGATE = patterns.compile(
    r"\bat\s+\d+\s+or\s+(?:below|above|more|less|lower|higher|\d+)\b|\bor\s+(?:below|above)\b",
    regex.IGNORECASE,
)
_NEGATED_ECHO = patterns.compile(
    r"^(?:of\s+\w+\s+)?(?:\w+ing\s+that\s+they\s+)?(?:were|was|did|do|are)\s+not\s*[.,;]?\s*$",
    regex.IGNORECASE,
)
# "had heard about the review through word of mouth": the channel is the answer.
_CHANNEL = patterns.compile(
    r"^(?:had\s+)?(?:heard|seen|found\s+out|learned|learnt)\s+(?:about\s+)?(?:it|the\s+\w+)\s+"
    r"(?:through|via|on|from|in)\s+",
    regex.IGNORECASE,
)
# "social workers would like to increase accessibility …": the answer is what they would do.
_MODAL_LEAD = patterns.compile(
    r"^(?:(?:social\s+workers|respondents|participants|practitioners|they)\s+)?"
    r"(?:would\s+like\s+to|would|wanted\s+to|want\s+to)\s+",
    regex.IGNORECASE,
)
_RELATIVE = patterns.compile(
    r"^\s*(?:which|that|who|as\s+(?:reported|chosen|selected|stated)\s+by)\s*$", regex.IGNORECASE
)
# "… said that they had received help (51%)": what they said is the answer.
_SAID_THEY = patterns.compile(
    r"\b(?:said|say|says|reported|stated|told\s+\w+|think|believe|believed|felt|feel)\s+"
    r"(?:that\s+)?they\b",
    regex.IGNORECASE,
)
_SUBJECT_OF_SUPERLATIVE = patterns.compile(
    r"^(?P<subject>.+?)(?<!\s)\s+(?:were|was)\s+the\s+(?:least|most)\b", regex.IGNORECASE
)


@dataclass(frozen=True)
class Share:
    """One share read from the prose: an option (`label` set) or a statistic."""

    value: float | None
    label: str
    qualifier: str | None
    start: int
    end: int
    is_option: bool
    of: str | None = None


class QuoteIndex:
    """A document's quotes indexed once for all its questions: each question looks up the quotes
    in its own prose, and indexing them again for every question cost questions × quotes."""

    def __init__(self, quotes: Iterable[QuoteFound]) -> None:
        self.by_start = ByStart(quotes)

    @cached_property
    def _covered(self) -> Coverage:
        return Coverage((q.start, q.end) for q in self.by_start.items)

    def holds(self, offset: int) -> bool:
        """Some quote covers `offset`."""
        return self._covered.overlaps(offset, offset + 1)

    def overlaps(self, start: int, end: int) -> bool:
        """Some quote shares a character with [start, end)."""
        return self._covered.overlaps(start, end)


@dataclass
class _Context:
    free_text_cues: bool = True
    free_text: bool = False
    options: list[Share] = field(default_factory=list)


_TRAILING_CONJUNCTION = patterns.compile(r"\s+(?:and|or)$")


def _tidy(label: str) -> str:
    label = _MODAL_LEAD.sub("", " ".join(label.split()).strip(" ,;:*"))
    label = _TRAILING_CONJUNCTION.sub("", label)
    if label.count("(") > label.count(")"):
        label = label[: label.rindex("(")].strip()
    return label


def _vocabulary(segment: str, *, last: bool) -> str | None:
    """The first (or `last`) answer vocabulary in `segment`; the first needs no scan past it."""
    if not last:
        first = _VOCABULARY.search(segment)
        return first.group(0) if first else None
    found = list(_VOCABULARY.finditer(segment))
    return found[-1].group(0) if found else None


def _clause_before(text: str) -> str:
    parts = _CLAUSE_BOUNDARY.split(text.rstrip().rstrip("("))
    return parts[-1] if parts else text


def _clause_after(text: str) -> str:
    return _CLAUSE_BOUNDARY.split(text.lstrip().lstrip(")").lstrip(", "), maxsplit=1)[0]


def _label_after(after: str) -> str:
    label = _LEAD_IN.sub("", after.strip().lstrip(")").strip().rstrip(".,;:"))
    label = _ANSWER_WAS.sub("", label)
    label = _VERB_LEAD.sub("", label)
    label = _CHANNEL.sub("", label)
    cut = _LABEL_CUT.search(label)
    if cut:
        label = label[: cut.start()]
    return _tidy(label)


def _label_before(before: str) -> str:
    before = before.strip(" \t\n()")
    parts = _CLAUSE_BOUNDARY.split(before)
    clause = parts[-1] if parts else before
    if _RELATIVE.match(clause) and len(parts) > 1:
        clause = parts[-2]  # "changes in social workers, which 19% of respondents answered"
    superlative = _SUBJECT_OF_SUPERLATIVE.match(_LEAD_IN.sub("", clause))
    if superlative:
        return _tidy(superlative.group("subject"))  # "sabbaticals were the least available …"
    label = _LEAD_IN.sub("", _BEFORE_CUT.sub("", clause))
    cut = _LABEL_CUT.search(label)
    return _tidy(label[: cut.start()] if cut else label)


def _statistic_label(before: str, pct: Percent, after: str) -> str:
    """A statistic is labelled by its whole clause: "mentioned in a quarter of the 27 responses"."""
    head = _clause_before(before).strip(" \t\n(")
    tail = _clause_after(after).rstrip(" .;:")
    return _tidy(_LEAD_IN.sub("", f"{head} {pct.text} {tail}".strip()))


def _is_bracketed(text: str, pct: Percent) -> bool:
    return text[max(0, pct.start - 1) : pct.start] == "(" or pct.text.startswith("(")


def read_shares(
    text: str,
    ranges: list[tuple[int, int]],
    quotes: QuoteIndex,
    *,
    numeric_scale: bool,
    free_text_cues: bool = True,
) -> list[Share]:
    """Every share in the prose of `ranges`, classed as option or statistic, in order.

    `free_text_cues`: whether "mentioned", "cited" mark shares of free-text answers (in a
    question's section) or are just how findings report a closed answer (prose findings)."""
    context = _Context(free_text_cues=free_text_cues)
    shares: list[Share] = []
    by_start = quotes.by_start
    for range_start, range_end in ranges:
        for s_start, s_end in sentences(text, range_start, range_end):
            sentence_quotes = by_start.starting_in(s_start, s_end)
            shares.extend(
                _sentence_shares(text, s_start, s_end, sentence_quotes, context, numeric_scale)
            )
    return shares


def _inside(quotes: list[QuoteFound], start: int) -> bool:
    return any(q.start <= start < q.end for q in quotes)


def _sentence_shares(
    text: str,
    s_start: int,
    s_end: int,
    quotes: list[QuoteFound],
    context: _Context,
    numeric_scale: bool,
) -> list[Share]:
    sentence = text[s_start:s_end]
    words = folded(sentence)  # each pattern below is scanned for only where its words stand
    found = [
        p for p in find_percentages(text, s_start, s_end) if not _inside(quotes, s_start + p.start)
    ]
    # Only sentences that report numbers switch between closed answers and free text; the
    # question's own description ("they could add a free text response") does not. (The cues
    # are looked for in those sentences alone: the others never use them.)
    closed_cue = False
    if found or (_may_cue(words, context) and find_people_counts(text, s_start, s_end)):
        closed_cue = bool(_CLOSED_CUE.search(sentence))
        if context.free_text_cues and _FREE_TEXT_CUE.search(sentence):
            context.free_text = True
        elif closed_cue:
            context.free_text = False
    shares: list[Share] = []
    for index, pct in enumerate(found):
        prev_end = found[index - 1].end if index else 0
        next_start = found[index + 1].start if index + 1 < len(found) else len(sentence)
        before = sentence[prev_end : pct.start]
        after = sentence[pct.end : next_start]
        start, end = s_start + pct.start, s_start + pct.end
        statistic, of = _statistic_of(pct, after, context, closed_cue, numeric_scale)
        if statistic:
            label = _statistic_label(before, pct, after)
            shares.append(Share(pct.value, label, pct.qualifier, start, end, False, of))
            continue
        both = _BOTH_BEFORE.search(before) and _TWO_THAT.search(sentence[: pct.start])
        if both:
            for part in ("a", "b"):
                shares.append(
                    Share(pct.value, _tidy(both.group(part)), pct.qualifier, start, end, True)
                )
            continue
        shares.append(
            Share(pct.value, _option_label(pct, before, after, sentence, context), pct.qualifier,
                  start, end, True)
        )  # fmt: skip
        context.options.append(shares[-1])
    shares.extend(_zero_and_echo_options(s_start, sentence, words, quotes, context))
    return shares


def _may_cue(words: str, context: _Context) -> bool:
    """Whether a sentence, `words` folded, holds the words of a cue that would switch between
    closed answers and free text."""
    cues = _CLOSED_CUE_WORDS + _FREE_TEXT_CUE_WORDS if context.free_text_cues else _CLOSED_CUE_WORDS
    return any(word in words for word in cues)


def _statistic_of(
    pct: Percent, after: str, context: _Context, closed_cue: bool, numeric_scale: bool
) -> tuple[bool, str | None]:
    """Whether the share is a statistic rather than an option, and what it is a share of."""
    if _FREE_TEXT_SHARE.match(after) or (context.free_text and not closed_cue):
        return True, "free_text_responses"
    if _OF_TOTAL.match(after):
        return True, "responses"
    if numeric_scale or _AGGREGATE.search(_clause_after(after)):
        return True, "respondents"
    # "rose by 150%" is a change, not a share of those who answered: a statistic (the checks
    # warn that it is out of range), never an option
    return pct.value > 100, None


_WHICH = patterns.compile(r"(?:,|(?<!\s))\s+which\b")
_WAS_THE = patterns.compile(r"\b(?:was|were)\s+the\b")


def _option_label(pct: Percent, before: str, after: str, text: str, context: _Context) -> str:
    bracketed = _is_bracketed(text, pct) or pct.rule == "word_and_digits"
    if bracketed and not pct.text.rstrip().endswith(")") and _OPENS_LABEL.match(after):
        bracketed = False
    aside = _ASIDE.match(after)
    if aside:
        after = after[aside.end() :]
    subject_before = bool(_SUBJECT_END.search(before.rstrip().rstrip("("))) or pct.rule in {
        "fraction",
        "word_and_digits",
    }
    after_clause = _clause_after(after)
    before_clause = _clause_before(before)
    if bracketed and not subject_before:
        vocab = _vocabulary(before_clause, last=True)
        if vocab:
            return vocab
        clause = before_clause.strip(" \t\n(")
        if _SAID_THEY.search(clause) and without_subject(clause) != clause:
            return answer_label(clause)  # "half of carers said they had received help (51%)"
        return _label_before(before)
    if _NEGATED_ECHO.match(after_clause) and context.options:
        return "not " + context.options[-1].label
    vocab = _vocabulary(after_clause, last=False)
    if vocab:
        return vocab
    if not subject_before:
        vocab = _vocabulary(before_clause, last=True)
        # an answer the previous share already named is that share's ("60% every week, 15%
        # every fortnight"), not this one's
        if vocab and not any(o.label.lower() == vocab.lower() for o in context.options):
            return vocab
    superlative = _SUBJECT_OF_SUPERLATIVE.match(_LEAD_IN.sub("", before_clause))
    if superlative:
        return _tidy(superlative.group("subject"))  # "TOIL was the most frequently chosen …"
    vocab = _vocabulary(_WHICH.split(after)[0], last=False)
    if vocab:
        return vocab  # "(67%) work overtime, either … every week"
    label = _label_after(after_clause)
    if not label or (bracketed and _WAS_THE.search(before_clause)):
        label = _label_before(before) or label
    return label


def _zero_and_echo_options(
    s_start: int, sentence: str, words: str, quotes: list[QuoteFound], context: _Context
) -> list[Share]:
    """Options stated without a digit: "none can access it daily", "the same number chose X";
    `words` is the sentence folded."""
    shares = []
    zeros = _ZERO.finditer(sentence) if any(w in words for w in _ZERO_WORDS) else ()
    for match in zeros:
        start = s_start + match.start()
        label = match.group("vocab")
        labels = [q for q in quotes if q.kind == "label" and q.end <= start + 1]
        if not label and labels:
            label = labels[-1].text
            start = labels[-1].start
        vocab = _vocabulary(sentence[match.start() : match.end()], last=True)
        label = vocab or label
        if label:
            shares.append(Share(0.0, label, None, start, s_start + match.end(), True))
    same = _SAME_NUMBER.search(sentence) if _SAME_NUMBER_WORD in words else None
    if same and context.options:
        previous = context.options[-1]
        shares.append(
            Share(previous.value, _tidy(same.group("label")), previous.qualifier,
                  s_start + same.start(), s_start + same.end(), True)
        )  # fmt: skip
    return shares
