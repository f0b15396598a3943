"""An option read from prose gets the answer its clause states, not the whole clause.

A finding reports a share with its subject and a reporting verb around the answer ("of the
nurses surveyed said that they had felt stressed in the last year"). An analyst pivots on the
answer: "had felt stressed". `answer_label` takes the clause and keeps the answer:
- who answered and how they said it are not the answer ("of the nurses surveyed said that");
- an answer that is a point of an answer scale is that point as written ("agreed that …" →
  "agreed", "the advice was unhelpful" → "unhelpful");
- when, why and on what condition are not the answer ("… in the last year", "… if asked"),
  though a "when" clause may be ("see families when they are already in crisis");
- of a finding's claim, the head phrase: at most a few content words, ended before a
  preposition (an answer listed among others keeps its words).
Contractions are spelled out ("wouldn't" → "would not"), so the label's polarity reads plainly.
The option's `text` and span keep the whole clause.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from extract import patterns
from extract.fields.starts import folded, phrase_heads
from extract.layout import LETTER_WORD
from extract.vocab import alternation, every_scale_point, scale_alternation, words

_FUNCTION = frozenset(words("answers", "function_words"))
_OPENERS = frozenset(words("answers", "phrase_openers"))
_AUXILIARY = (
    r"(?:am|is|are|was|were|be|been|do|does|did|have|has|had|will|would|can|could|should"
    r"|shall|may|might|must|cannot|(?:is|are|was|were|do|does|did|have|has|had|would|could"
    r"|should|wo|ca)n['’]t)"
)
_REPORTING = (
    r"(?:said|say|says|saying|stated|state|states|stating|reported|report|reports|reporting"
    r"|told\s+(?:us|the\s+\w+)|indicated|indicate|answered|responded|revealed|admitted|claimed)"
)
_OPINION = (
    r"(?:think|thinks|thought|believe|believes|believed|feel|feels|felt|consider|considers"
    r"|considered)"
)
_PEOPLE = alternation("facts", "people")

# Lead words that join the clause to the sentence before it.
_JOINING = patterns.compile(
    r"^(?:a\s+further|further(?:more)?|moreover|in\s+addition|additionally|overall|however"
    r"|meanwhile|also|and|but|while|whilst|with|only|just|nearly|almost|around|about)\b[,\s]+",
    regex.IGNORECASE,
)
# Who answered: "of the nurses", "of the nation", "of the 800 members surveyed", and a share in
# words the share finder left ("three quarter of teachers").
_OF_WHOM = patterns.compile(
    r"^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|half|thirds?|quarters?"
    r"|fifths?|tenths?|in|out|nearly|almost|over|under|about|around|more|less|than|just)\s+)*"
    rf"of\s+(?:(?:the|all|these|those|our|their)\s+)?(?:[\w'’,.+-]+\s+){{0,3}}?"
    rf"(?:{_PEOPLE}|[\w'’-]+s|nation|public|population|country|sample|workforce|profession)"
    r"(?:\s+(?:surveyed|polled|questioned|asked|interviewed))?\b[,\s]+(?=[a-z])",
    regex.IGNORECASE,
)
# The same as a subject: "junior nurses in Wales have …", "Britons think …".
_SUBJECT = patterns.compile(
    rf"^(?:(?:most|many|some|all|the|these|those)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})"
    r"(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
    rf"\s+(?={_AUXILIARY}\b|{_REPORTING}\b|{_OPINION}\b)",
    regex.IGNORECASE,
)
# What is left of "those surveyed", "those who responded to the poll".
_SURVEYED = patterns.compile(
    r"^(?:surveyed|polled|questioned|asked|interviewed|responding\s+to\s+the\s+\w+"
    r"|who\s+(?:responded|took\s+part)(?:\s+(?:to|in)\s+the\s+\w+)?)\b[,\s]*",
    regex.IGNORECASE,
)
# "the proportion of staff who felt that …": the answer is what they felt.
_PROPORTION = patterns.compile(
    r"^.*?\b(?:proportion|percentage|share|number)\s+of\s+(?:[\w'’-]+\s+){0,4}?(?:who|that)\s+",
    regex.IGNORECASE,
)
# A relative clause on the subject: "who needed help did not seek it".
_RELATIVE = patterns.compile(
    rf"^who\s+(?:[\w'’-]+\s+){{1,8}}?(?={_AUXILIARY}\s|{_REPORTING}\s|{_OPINION}\s)",
    regex.IGNORECASE,
)
# How they said it: "said (that)", "reported that they", "believe that" (a bare "report" or
# "believe" is kept: "report long hours", "believe it likely").
_SAID = patterns.compile(
    r"^(?:they\s+)?(?:(?:said|say|says|saying|told\s+(?:us|the\s+\w+))\s+(?:that\s+)?"
    rf"|{_REPORTING}\s+(?:that\s+|(?=they\s))|{_OPINION}\s+that\s+)(?:they\s+)?"
    r"|^they\s+(?=\w)",
    regex.IGNORECASE,
)
# When, why and on what condition: not the answer.
_ADJUNCT = patterns.compile(
    r"(?<=\S)(?:\s*,\s*|\s+)(?:(?:in|over|during)\s+the\s+(?:last|past|next|coming|previous)\b"
    r"|in\s+the\s+(?:near\s+)?future\b"
    r"|since\b|because\b|as\s+a\s+result\s+of\b|due\s+to\b|if\b"
    r"|in\s+order\s+to\b|so\s+that\b|instead\s+of\b|rather\s+than\b|in\s+terms\s+of\b"
    r"|compared\s+(?:to|with)\b"
    r"|according\s+to\b|an?\s+(?:increase|decrease|rise|fall|drop)\b|(?:up|down)\s+from\b"
    r"|a\s+(?:survey|poll|study|report)\s+(?:shows|showed|finds|found|reveals|revealed)\b)"
    r"|\s*[,;:(]",
    regex.IGNORECASE,
)
# A short answer the report quotes: 'would be "nervous" about …' ends with it.
_QUOTED = patterns.compile(r"(?<!\w)[\"“‘'](?P<answer>[^\"“”‘’']{2,40}?)[\"”’'](?!\w)")
_CONTRACTION = patterns.compile(r"\b(\w+)n['’]t\b", regex.IGNORECASE)
_SPELLED = {"wo": "will", "ca": "can", "sha": "shall"}
_MAX_CONTENT_WORDS = 5
_MIN_HEAD_WORDS = 3


# Opinion verbs that are themselves scale points: "agreed that …", "strongly oppose the plan".
_POINT_VERB = patterns.compile(
    r"^(?:(?:strongly|somewhat|slightly|tend\s+to|completely|totally)\s+)?"
    r"(?:dis)?(?:agree|approve)(?:d|s)?\b|^(?:(?:strongly|somewhat|tend\s+to)\s+)?"
    r"(?:support|oppose)(?:ed|s|d)?\b",
    regex.IGNORECASE,
)


# A clause that opens with a scale point ("were satisfied with …", "felt very confident").
_POINT_FIRST = patterns.compile(
    r"^(?:(?:are|were|is|was|feel|felt|feels|remain|remained)\s+)?(?:either\s+)?"
    rf"(?P<point>{scale_alternation()})"
    r"(?=\s*$|\s*[,;.]|\s+(?:with|about|that|in|of|by|overall)\b)",
    regex.IGNORECASE,
)
# A clause that ends with a scale point ("the advice they found was unhelpful").
_POINT_LAST = patterns.compile(
    rf"(?<=\b(?:is|are|was|were|be|been|being|seems?|seemed|remains?|remained|feels?|felt|as"
    rf"|public|{_PEOPLE})\s+(?:either\s+)?)(?P<point>{scale_alternation()})\s*$",
    regex.IGNORECASE,
)


def _spelled_out(text: str) -> str:
    """ "wouldn't" → "would not", "won't" → "will not", "can't" → "can not"."""

    def spell(match: regex.Match[str]) -> str:
        stem = match.group(1)
        return f"{_SPELLED.get(stem.lower(), stem)} not"

    return _CONTRACTION.sub(spell, text)


def without_subject(text: str) -> str:
    """The clause less who answered and how they said it ("of the nurses surveyed said that")."""
    for _ in range(4):
        before = text
        for pattern in (_JOINING, _PROPORTION, _OF_WHOM, _SURVEYED, _SUBJECT, _RELATIVE, _SAID):
            text = pattern.sub("", text, count=1).lstrip(" ,")
        if text == before:
            break
    return text


_NOT_WORD_CHAR = patterns.compile(r"[^\w'’-]")


def _is_content(word: str) -> bool:
    bare = _NOT_WORD_CHAR.sub("", word).lower()
    return bool(bare) and bare not in _FUNCTION


def _head(text: str) -> str:
    """At most a few content words, cut where a preposition or conjunction opens the phrase the
    limit falls in (no phrase cut in half); the whole text when no such cut leaves three."""
    words = text.split()
    content = 0
    cut = None
    for index, word in enumerate(words):
        if word.lower() in _OPENERS and content >= _MIN_HEAD_WORDS:
            cut = index
        content += _is_content(word)
        if content > _MAX_CONTENT_WORDS:
            if cut is None:
                return text
            kept = words[:cut]
            while kept[-1].lower().strip(",;:") in _FUNCTION - {"not"}:
                kept.pop()
            return " ".join(kept)
    return text


def _straight(word: str) -> str:
    """`word` with its curly apostrophes straight: a point's apostrophe matches either."""
    return word.replace("’", "'")


# Each word of a scale point is one run of non-space in the clause (a space in a point matches
# any white space, and no word holds one), so a point may open only where a run does: at one of
# the first three runs (`_POINT_FIRST`: after a verb and "either"), or, ending the clause, at one
# of its last runs, as many as the longest point has words (`_POINT_LAST`). Both patterns are
# tried only where a point's first word opens such a run (`_POINT_HEADS`) and its last word
# ends the clause (`_POINT_ENDS`): a search tried the look-behind and the alternation of every
# point at every character (60 µs a clause), where most clauses name no point.
_POINTS = every_scale_point()
_POINT_HEADS = phrase_heads(point.split()[0] for point in _POINTS)
_POINT_ENDS = frozenset(_straight(folded(point.split()[-1])) for point in _POINTS)
_LONGEST_POINT_WORDS = max(len(point.split()) for point in _POINTS)
_NON_SPACE_RUN = patterns.compile(r"\S+")


def _first_point(clause: str, runs: list[regex.Match[str]]) -> regex.Match[str] | None:
    """`_POINT_FIRST.match(clause)`, `runs` the clause's runs of non-space."""
    folded_clause = folded(clause)
    if any(folded_clause.startswith(_POINT_HEADS, run.start()) for run in runs[:3]):
        return _POINT_FIRST.match(clause)
    return None


def _last_point(clause: str, runs: list[regex.Match[str]]) -> regex.Match[str] | None:
    """`_POINT_LAST.search(clause)`, `runs` the clause's runs of non-space."""
    if not runs or _straight(folded(runs[-1].group())) not in _POINT_ENDS:
        return None
    for run in runs[-_LONGEST_POINT_WORDS:]:
        match = _POINT_LAST.match(clause, run.start())
        if match:
            return match
    return None


def scale_answer(clause: str) -> str | None:
    """The scale point the clause states as its answer, as written, else None."""
    verb = _POINT_VERB.match(clause)
    if verb:
        return verb.group(0)
    runs = list(_NON_SPACE_RUN.finditer(clause))
    first = _first_point(clause, runs)
    if first:
        return first.group("point")
    last = _last_point(clause, runs)
    return last.group("point") if last else None


# Memoised by clause: a pure function of the string, asked for every option read from prose,
# and again for a share a report restates (a quarter of a reference's asks) or that a series'
# reports word alike; the bound keeps an archive's clauses from growing the memo without end.
@lru_cache(maxsize=8192)
def answer_label(clause: str, *, listed: bool = False) -> str:
    """The answer `clause` states: a scale point where it names one, else the clause less its
    subject and adjuncts, cut to its head phrase (an answer `listed` among others in the prose
    is kept whole: cutting it loses what tells it from the others). Falls back to the clause
    when nothing with a word in it would be left."""
    text = " ".join(clause.split()).strip(" •*-–,;:.")
    point = scale_answer(text) or scale_answer(without_subject(text))
    if point:
        return point
    text = without_subject(_spelled_out(text))
    quoted = _QUOTED.search(text)
    if quoted:
        text = text[: quoted.start()] + quoted.group("answer")
    cut = _ADJUNCT.search(text)
    if cut and any(map(_is_content, text[: cut.start()].split())):
        text = text[: cut.start()]
    label = (text if listed else _head(text)).strip(" ,;:.")
    return label if LETTER_WORD.search(label) else clause.strip()
