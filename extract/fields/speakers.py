"""Who said a quote, as the text names them: "one social worker told the review", "said one
local authority staff member", "One respondent explained", "Another suggested:".

Before a quote any noun may be the subject of any verb, so only known roles count there
("respondent", "social worker"), with a few modifiers after a determiner ("one senior social
worker"). Right after the closing mark the layout itself marks an attribution (", one foster
carer said" / ", said a council spokesperson."), so there any short noun phrase after
"one/a/an/another" is taken as the speaker's role: reports name roles the list cannot foresee.
"""

from __future__ import annotations

import regex

from extract import patterns
from extract.fields.starts import per_document

_NOUN = r"""
    (?P<noun>
        local\s+authority\s+staff\s+member | staff\s+member
      | Director\s+of\s+Children[’']s\s+Services
      | social\s+workers? | respondents? | practitioners? | participants? | person | people
      | professionals? | managers? | carers? | PSWs? | parents? | staff
      | (?:home\s+)?care\s+workers? | support\s+workers?
    )
"""
RESPONDENT_NOUN = _NOUN
"""The roles of people a survey hears from, as a (verbose) regex."""
_DETERMINER = r"(?:one|a|an|another|the|several|many|some|two|three|a\s+number\s+of)"
# Determiners that introduce one person's role in an attribution ("one", not "the" or "some",
# which as easily introduce "the report" or "some suggested").
_ONE = r"(?:one|a|an|another)"
# Words that end a role's noun phrase: what follows them is a clause, not more of the role.
_STOP = r"""(?:of|the|and|or|in|on|at|to|for|with|who|that|which|whose|from|by|as|is|are|was
    |were|has|have|had|it|they|he|she|this|these|those|when|while|but|if)"""
_WORD = rf"(?:(?!{_STOP}\b)[\w’'-]+)"
# "senior ", "foster ": up to three words between a determiner and a known role.
_MODIFIERS = rf"(?P<mods>(?:{_WORD}\s+){{0,3}}?)"
# An open role after "one/a/an": up to five words, "of" allowed inside
# ("Director of Children’s Services"), not first.
_ROLE = rf"(?P<role>{_WORD}(?:\s+(?:of\s+)?{_WORD}){{0,4}}?)"
_VERB = r"""
    (?:said|says|say|told|tells|stated|states|explained|explains|suggested|suggests|suggesting
      |argued|argues|argue|advocates|advocated|advocating|described|describes|mentioned|wrote
      |responded|added|adding|questioned|put\s+it|raised|noted|commented|highlighted|felt
      |summed\s+up|suggest|raise|raises|saying|advocate)
"""
SPEECH_VERB = _VERB
"""The verbs that attribute words to someone, as a (verbose) regex."""
# Attribution before the quote, in the same sentence: "One social worker said it would be a".
_BEFORE = patterns.compile(
    rf"(?:\b{_DETERMINER}\s+{_MODIFIERS})?\b{_NOUN}\b(?:[^.;“”\"]{{0,80}}?)\b{_VERB}\b",
    regex.VERBOSE | regex.IGNORECASE,
)
# A known role as a whole word: what `_BEFORE` and `_BY_BEFORE` both hold, looked for first
# (half the lead-ins name none) so that neither is tried at every character for nothing.
_ROLE_NOUN = patterns.compile(rf"\b{_NOUN}\b", regex.VERBOSE | regex.IGNORECASE)
# "…by one respondent:" / "as one respondent put it:"
_BY_BEFORE = patterns.compile(
    rf"\b(?:by|from|as)\s+{_DETERMINER}\s+{_NOUN}(?:\s+{_VERB})?\s*(?::\s*)?\*?$",
    regex.VERBOSE | regex.IGNORECASE,
)
# Attribution right after the quote: ", one social worker told the review", ", said one local
# authority staff member.", ", one of the respondents said".
_AFTER = patterns.compile(
    rf"""^[\s,*]*(?:
        {_ONE}\s+(?:of\s+(?:the|our|their)\s+)?{_ROLE}\s+{_VERB}\b
      | {_VERB}\s+{_ONE}\s+(?:of\s+(?:the|our|their)\s+)?{_ROLE}(?=\s*(?:[.,;:!?)]|$))
      | {_DETERMINER}\s+{_NOUN}\s+{_VERB}
      | {_VERB}\s+{_DETERMINER}\s+{_NOUN}
    )""",
    regex.VERBOSE | regex.IGNORECASE | regex.MULTILINE,
)
# "Another suggested:" (no noun) speaks for the speaker of the quote before.
_ANOTHER = patterns.compile(
    rf"\bAnother\s+{_VERB}\s*[:,]?\s*\*?$", regex.VERBOSE | regex.IGNORECASE
)
# "…, adding:" continues the attribution before it; when that names no one, the speaker of the
# quote before is still speaking.
_ADDING = patterns.compile(r"\b(?:adding|added)\s*(?::\s*)?\*?$", regex.IGNORECASE)
_PARAGRAPH_BREAK = patterns.compile(r"\n[ \t]*\n")
# How a named person's attribution ends: the verb right before the quote ("said:").
_NAMED_VERB_END = (
    r"\s+(?:said|says|told\s+\w+(?:\s+\w+)?|added|commented|explained)\s*(?::\s*)?\*?$"
)
# A person named in full before the quote: "Dr Priya Nandra, Chair of the Forum, said:".
_NAMED = patterns.compile(
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Sir|Dame|Cllr)\.?\s+)?"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})"
    rf"(?:,\s+[^,:]{{3,100}},)?{_NAMED_VERB_END}"
)
# Looked for before `_NAMED`, which tries a name and a clause of up to 100 characters at every
# capital: a lead-in seldom ends with the verb.
_ENDS_WITH_NAMED_VERB = patterns.compile(_NAMED_VERB_END)
_CLAUSE_BREAK = r"[.;!?](?=\s)|\n\s*\n"
# Searched from the end: the break found first ends where the last of a forward scan's breaks
# ends (a sentence end, or the last line break of the last run of white space holding two),
# without scanning the whole lead-in for the others.
_LAST_CLAUSE_BREAK = patterns.compile(rf"(?r){_CLAUSE_BREAK}")
# "One nurse said:", "A midwife in Cardiff told us:", "Another teacher wrote:": an open role
# after "one/a/an/another" right before a colon that introduces the quote.
_ROLE_BEFORE = patterns.compile(
    rf"""(?:^|(?<=[\s(*]))(?:{_ONE})\s+(?:of\s+(?:the|our|their)\s+)?{_ROLE}
    (?:\s+(?:in|from|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?
    \s+{_VERB}(?:\s+(?:us|me|them|the\s+\w+|[A-Z][\w-]*))?\s*:\s*\*?$""",
    regex.VERBOSE | regex.IGNORECASE,
)
# ", said Dr Jane Smith, a GP in Leeds." / ", said Robin Hargreaves.": a person named after the
# quote.
_NAMED_AFTER = patterns.compile(
    r"^[\s,*]*(?:said|says|added|explained|commented|told\s+\w+)\s+"
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Miss|Professor|Prof|Sir|Dame|Cllr)\.?\s+)?"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2})(?=\s*[,.;]|\s*$)"
)
# A role on its own line under a quote set as its own paragraph: "– Staff nurse, Manchester".
_ROLE_LINE = patterns.compile(r"^[ \t*]*\n(?:[ \t]*\n)?[ \t*]*[–—-][ \t]*(?P<role>[^,\n]{2,60})")
# A signature on the line under a pull quote: "Sam Okafor, nurse on a night shift" (a name,
# a comma, the role; no sentence ends on the line).
SIGNATURE = (
    r"[ \t*]*(?P<name>[A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'-]+){1,2}),[ \t]+"
    r"(?P<role>[^,.;:!?\n]{2,60}?)[ \t*]*(?=\n|$)"
)
_SIGNATURE_LINE = patterns.compile(rf"^[ \t*]*\n{SIGNATURE}")


def _speaker_name(phrase: str) -> str:
    """The role as written, with a sentence-initial capital dropped ("Social workers said")
    but a title's kept ("Director of Children’s Services", "PSW")."""
    words = phrase.split()
    if words[0].istitle() and all(word.islower() for word in words[1:]):
        words[0] = words[0].lower()
    return " ".join(words)


def _noun_phrase(match: regex.Match[str]) -> str:
    return _speaker_name(f"{match.group('mods') or ''} {match.group('noun')}")


@per_document
def _lead_ins(text: str) -> dict[int, str]:
    """The lead-ins of a document's quotes by where they start, each worked out once: a quote's
    kind, whether it is a statement and who said it all read it."""
    return {}


def lead_in(text: str, quote_start: int) -> str:
    """The text before a quote that can attribute it: back to the start of its sentence, or,
    for a quote set as its own paragraph, the sentence before it that ends with a colon."""
    known = _lead_ins(text)
    if quote_start not in known:
        known[quote_start] = _lead_in(text, quote_start)
    return known[quote_start]


def _lead_in(text: str, quote_start: int) -> str:
    before = text[max(0, quote_start - 300) : quote_start]
    lead_in = before.rstrip(" \t*\n")
    # after a colon, the introducing sentence only: "…raised with thoughts on:" names no one
    scope = lead_in if lead_in.endswith(":") else before
    last_break = _LAST_CLAUSE_BREAK.search(scope)
    return scope[last_break.end() :] if last_break else scope


def find_speaker(
    text: str, quote_start: int, quote_end: int, previous_speaker: str | None
) -> str | None:
    """The speaker the text names for the quote at `quote_start:quote_end`, or None.

    Looks back to the start of the quote's sentence (or the colon sentence that introduces it),
    then forward to the attribution right after it. `previous_speaker` is the speaker of the
    quote before, for "Another suggested:" and "…, adding:".
    """
    before = lead_in(text, quote_start)
    named = _ENDS_WITH_NAMED_VERB.search(before) and _NAMED.search(before)
    if named:
        return named.group("name")
    if _ANOTHER.search(before):
        return previous_speaker
    names_role = bool(_ROLE_NOUN.search(before))
    by_match = names_role and _BY_BEFORE.search(before)
    if by_match:
        return _speaker_name(by_match.group("noun"))
    matches = list(_BEFORE.finditer(before)) if names_role else []
    if matches:
        return _noun_phrase(matches[-1])
    role_match = _ROLE_BEFORE.search(before)
    if role_match:
        return _speaker_name(role_match.group("role"))
    if _ADDING.search(before):
        return previous_speaker
    after = text[quote_end : quote_end + 120]
    role_line = _ROLE_LINE.match(after) or _SIGNATURE_LINE.match(after)
    if role_line:
        return _speaker_name(role_line.group("role").strip(" *"))
    after = after[: m.start()] if (m := _PARAGRAPH_BREAK.search(after)) else after
    named_after = _NAMED_AFTER.match(after)
    if named_after:
        return named_after.group("name")
    after_match = _AFTER.match(after)
    if after_match:
        return _speaker_name(after_match.group("role") or after_match.group("noun"))
    return None
