"""Which format claims which document: every raw report and every test document, and releases of
one series whose style changed (headings ### -> bold -> plain, "Figure" -> "Fig.")."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import regex

from extract import profiles
from extract.layout import FIGURE_WORD_HEADS
from extract.models import Report
from extract.pipeline import extract_text
from extract.profiles import DETECT_THRESHOLD, captioned_poll, count_line_matches, special_poll
from tests.conftest import RAW, ROOT

DOCUMENTS = ROOT / "tests" / "documents"

EXPECTED = {
    RAW / "000_973d4c83f07564ec.txt": "special_poll",
    RAW / "001_284db0d3e024a364.txt": "fortnightly_digest",
    RAW / "002_32b4aaddebb844bc.txt": "captioned_poll",
    RAW / "003_3e1dfabc19509116.txt": "news_article",
    RAW / "004_8dc5d5b4fe1fda7c.txt": "findings_report",
    DOCUMENTS / "press_release_poll.txt": "generic",
    DOCUMENTS / "captioned_poll_plain_headings.txt": "captioned_poll",
    DOCUMENTS / "special_poll_markdown.txt": "special_poll",
}


def _profile(text: str) -> str:
    """The name of the profile that claims `text` (`NO_PROFILE` for none)."""
    profile = profiles.detect(text)
    return profile.NAME if profile is not None else profiles.NO_PROFILE


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def _report(text: str) -> Report:
    return extract_text(text)


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.name)
def test_document_is_detected_as_its_format(path: Path) -> None:
    name = _profile(_text(path))
    assert name == EXPECTED[path]


@pytest.mark.parametrize("path", list(EXPECTED), ids=lambda p: p.name)
def test_only_its_own_format_claims_it(path: Path) -> None:
    """No second format reaches the threshold: detection does not hang on registry order."""
    text = _text(path)
    claiming = [m.NAME for m in profiles.registry() if m.detect(text) >= DETECT_THRESHOLD]
    expected = [] if EXPECTED[path] == "generic" else [EXPECTED[path]]
    assert claiming == expected


def test_bare_figure_markers_are_not_captions() -> None:
    """ "Figure 2." with the next paragraph after a blank line is a special poll's marker."""
    text = "Figure 1.\n\nAn overwhelming majority (90%) agreed.\n\nFigure 2.\n\nMost (60%) did.\n"
    assert captioned_poll.detect(text) == 0.0
    captions = "Fig. 1: The proportions of X\n\nFig. 2 - The proportions of Y\n"
    assert captioned_poll.detect(captions) == pytest.approx(0.3)


# The same releases in another house style: the rules must follow the series, not the markup.
def _captioned_plain(text: str) -> str:
    """raw/002 with plain headings and "Fig. N:" captions."""
    text = regex.sub(r"(?m)^#+[ \t]+(?:\*\*)?(.+?)(?:\*\*)?[ \t]*$", r"\1", text)
    text = regex.sub(r"(?m)^\*\*(.+?)\*\*[ \t]*$", r"\1", text)
    return regex.sub(r"(?m)^Figure (\d+):", r"Fig. \1:", text)


def _special_marked(style: str) -> Callable[[str], str]:
    def restyle(text: str) -> str:
        """raw/000 with its question headings marked up and "Figure N." markers."""
        text = regex.sub(r"(?m)^([A-Z][^\n]*\?)[ \t]*$", lambda m: style.format(m.group(1)), text)
        return regex.sub(r"(?m)^Fig (\d+)\.", r"Figure \1.", text)

    return restyle


RESTYLED = {
    "002-plain-headings-fig": (RAW / "002_32b4aaddebb844bc.txt", _captioned_plain),
    "000-hash-headings-figure": (RAW / "000_973d4c83f07564ec.txt", _special_marked("### {}")),
    "000-bold-headings-figure": (RAW / "000_973d4c83f07564ec.txt", _special_marked("**{}**")),
}


@pytest.mark.parametrize("name", list(RESTYLED))
def test_restyled_release_stays_in_its_series(name: str) -> None:
    path, restyle = RESTYLED[name]
    original = _text(path)
    restyled = restyle(original)
    assert restyled != original
    name = _profile(restyled)
    assert name == EXPECTED[path]


@pytest.mark.parametrize("name", ["000-hash-headings-figure", "000-bold-headings-figure"])
def test_restyled_special_poll_yields_the_same_questions(name: str) -> None:
    path, restyle = RESTYLED[name]
    before, after = _report(_text(path)), _report(restyle(_text(path)))
    assert [(q.text, q.figure, len(q.options)) for q in after.questions] == [
        (q.text, q.figure, len(q.options)) for q in before.questions
    ]


def test_restyled_captioned_poll_keeps_its_bases_and_options() -> None:
    """Every question, even the last, whose plain heading ends in "." (bold in the original):
    a line worded as a question to "you" is one, full stop or not."""
    path, restyle = RESTYLED["002-plain-headings-fig"]
    before, after = _report(_text(path)), _report(restyle(_text(path)))
    by_figure = {q.figure: q for q in before.questions}
    assert len(after.questions) == len(before.questions) == 14
    for question in after.questions:
        original = by_figure[question.figure]
        assert question.text == original.text
        assert question.base is not None and question.base.n == original.base.n
        assert [o.percent for o in question.options] == [o.percent for o in original.options]


def test_special_poll_detector_is_penalised_by_source_blocks() -> None:
    """A captioned release also says "series of special polls": its Base lines rule it out."""
    assert special_poll.detect(_text(RAW / "002_32b4aaddebb844bc.txt")) < DETECT_THRESHOLD


@pytest.mark.parametrize("text", ["", "\n\n", "x", "50%", "Figure 1.", "Base: 3"])
def test_odd_text_is_claimed_by_no_profile(text: str) -> None:
    assert profiles.detect(text) is None


# Lines a detector's line pattern may or may not match: marked up, indented, after blank lines
# (a `\s*` opening spans them), glued to words, in any case and with the letters
# case-insensitive matching takes for ASCII ones ("ſource"), each one, twice and three times.
LINE_PHRASINGS = [
    *("Base: 135 Social Workers", "  Base : 9", "BASE:\n 12", "base:", "Base 12", "Database: 3"),
    *("Source: poll", "\tſource :", "Sources: x", "Open Source: 4", " \n\n \t Base: 7"),
    *("Fig 3.", "Figure 12:", "  FIG. 4", "Chart 2 -", "graph 7", "Exhibit 1.", "Figs 2."),
    *("### Figure 1: The shares", "**Fig. 2: Who", "# Fig 3 – Most", "Configure 4: x"),
    *("Figure 1.\n\nAn overwhelming majority", "see Figure 2.", "Fig 1000.", "Fig\n1."),
    *("Table 1: x", "#######Figure 1: x", "**Chart 3**", "İllustration", "\r\nFig 5.\r"),
]


@pytest.mark.parametrize("repeat", [1, 2, 3])
def test_line_matches_are_counted_as_findall_counts_them(repeat: int) -> None:
    """`count_line_matches` tries a detector's pattern at a few line starts only: it counts
    what the pattern's whole-text scan finds, up to its limit."""
    detectors = [
        (captioned_poll._BASE_LINE, ["base"]),
        (captioned_poll._SOURCE_LINE, ["source"]),
        (captioned_poll._CAPTION, FIGURE_WORD_HEADS),
        (special_poll._BARE_MARKER, FIGURE_WORD_HEADS),
        (special_poll._BASE_LINE, ["base"]),
    ]
    texts = [
        "\n".join([phrasing] * repeat)
        for phrasing in [*LINE_PHRASINGS, "\n\n".join(LINE_PHRASINGS)]
    ]
    texts += [_text(path) for path in EXPECTED]
    for pattern, words in detectors:
        for text in texts:
            for most in (1, 2, 3):
                expected = min(len(pattern.findall(text)), most)
                assert count_line_matches(pattern, text, words, most) == expected, (
                    pattern.pattern,
                    text,
                )
