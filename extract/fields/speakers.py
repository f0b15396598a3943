"""Who said a quote, as the text names them: "one social worker told the review", "said one
local authority staff member", "One respondent explained", "Another suggested:"."""

from __future__ import annotations

import regex

_NOUN = r"""
    (?P<noun>
        local\s+authority\s+staff\s+member | staff\s+member
      | Director\s+of\s+Children[’']s\s+Services
      | social\s+workers? | respondents? | practitioners? | participants? | person | people
      | professionals? | managers? | carers? | PSWs? | parents?
    )
"""
_DETERMINER = r"(?:one|a|an|another|the|several|many|some|two|three|a\s+number\s+of)"
_VERB = r"""
    (?:said|says|say|told|tells|stated|states|explained|explains|suggested|suggests|suggesting
      |argued|argues|argue|advocates|advocated|advocating|described|describes|mentioned|wrote
      |responded|added|adding|questioned|put\s+it|raised|noted|commented|highlighted|felt
      |summed\s+up)
"""
# Attribution before the quote, in the same sentence: "One social worker said it would be a".
_BEFORE = regex.compile(
    rf"(?:\b{_DETERMINER}\s+)?\b{_NOUN}\b(?:[^.;“”\"]{{0,80}}?)\b{_VERB}\b",
    regex.VERBOSE | regex.IGNORECASE,
)
# "…by one respondent:" / "as one respondent put it:"
_BY_BEFORE = regex.compile(
    rf"\b(?:by|from|as)\s+{_DETERMINER}\s+{_NOUN}(?:\s+{_VERB})?\s*:?\s*\*?$",
    regex.VERBOSE | regex.IGNORECASE,
)
# Attribution after the quote: ", one social worker told the review" / ", said one … member".
_AFTER = regex.compile(
    rf"""^[\s,*]*(?:
        {_DETERMINER}\s+{_NOUN}\s+{_VERB}
      | {_VERB}\s+{_DETERMINER}\s+{_NOUN}
    )""",
    regex.VERBOSE | regex.IGNORECASE,
)
# "Another suggested:" and "…, adding:" speak for the speaker of the quote before.
_SAME_SPEAKER = regex.compile(r"(?:\bAnother\s+\w+|\badding|\badded)\s*:?\s*\*?$", regex.IGNORECASE)
_CLAUSE_BREAK = regex.compile(r"[.;!?](?=\s)|\n\s*\n")


def _speaker_name(noun: str) -> str:
    noun = " ".join(noun.split())
    return noun if noun[0].isupper() and noun.startswith("Director") else noun.lower()


def find_speaker(
    text: str, quote_start: int, quote_end: int, previous_speaker: str | None
) -> str | None:
    """The speaker the text names for the quote at `quote_start:quote_end`, or None.

    Looks back to the start of the quote's sentence (or, for a quote set as its own paragraph,
    the sentence before it that ends with a colon), then forward to the end of its sentence.
    """
    before = text[max(0, quote_start - 300) : quote_start]
    lead_in = before.rstrip(" \t*\n")
    if lead_in.endswith(":"):
        before = lead_in
    else:
        breaks = list(_CLAUSE_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
    if _SAME_SPEAKER.search(before):
        return previous_speaker
    by_match = _BY_BEFORE.search(before)
    if by_match:
        return _speaker_name(by_match.group("noun"))
    matches = list(_BEFORE.finditer(before))
    if matches:
        return _speaker_name(matches[-1].group("noun"))
    after = text[quote_end : quote_end + 120]
    after_match = _AFTER.match(after)
    if after_match:
        return _speaker_name(after_match.group("noun"))
    return None
