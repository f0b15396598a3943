"""Markdown read by a Markdown parser: pipe tables (with and without outer pipes, alignment
rows, escaped pipes), nested and ordered lists with wrapped lines, block quotes, setext and ATX
headings, code spans and fences; the line rules still read what Markdown does not know (text
tables, notes, captions, question lines). Every document here was written for these tests."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.layout import Block, text_to_blocks
from extract.loaders import load
from extract.markdown import Role, _region_roles, _regions, markdown_roles, table_cells
from tests.conftest import RAW, ROOT

Shape = tuple[object, ...]


def _shape(block: Block) -> Shape:
    """A block as the tests state it: a table's header and rows, any other block's kind,
    wording (white space collapsed), level and marker."""
    if block.kind == "table":
        rows = [(r.label.text, [n.text for n in r.numbers]) for r in block.rows]
        return ("table", block.header, rows)
    return (block.kind, " ".join(block.text.split()), block.level, block.marker)


CASES: dict[str, tuple[str, list[Shape]]] = {
    "table with outer pipes and an alignment row": (
        "| Answer | % |\n|:--|--:|\n| Bus | 40 |\n| Car | 60 |\n",
        [("table", ("Answer", "%"), [("Bus", ["40"]), ("Car", ["60"])])],
    ),
    "table without outer pipes": (
        "Mode | Share\n--- | ---\nWalk | 25%\nCycle | 75%\n",
        [("table", ("Mode", "Share"), [("Walk", ["25%"]), ("Cycle", ["75%"])])],
    ),
    "escaped pipe inside a label": (
        "| Drink | % |\n|---|---|\n| Tea \\| coffee | 55% |\n| Water | 45% |\n",
        [("table", ("Drink", "%"), [("Tea | coffee", ["55%"]), ("Water", ["45%"])])],
    ),
    "a share and a count in their own cells, a total row under the table": (
        "| Visits | Share | People |\n|---|---|---|\n| Weekly | 41% | 103 |\n"
        "| Monthly | 59% | 147 |\n\nTotal: 250\n",
        [
            (
                "table",
                ("Visits", "Share", "People"),
                [("Weekly", ["41%", "103"]), ("Monthly", ["59%", "147"]), ("Total", ["250"])],
            )
        ],
    ),
    "a header row with no answer rows is a line": (
        "| Site | Opened |\n|---|---|\n",
        [("paragraph", "| Site | Opened |", 0, None)],
    ),
    "nested bullet lists": (
        "- Reasons given\n  - cost\n  - distance\n- Other reasons\n",
        [
            ("list_item", "Reasons given", 1, "-"),
            ("list_item", "cost", 2, "-"),
            ("list_item", "distance", 2, "-"),
            ("list_item", "Other reasons", 1, "-"),
        ],
    ),
    "bullets the line rules do not know": (
        "+ Parking\n+ Lighting\n",
        [("list_item", "Parking", 1, "+"), ("list_item", "Lighting", 1, "+")],
    ),
    "ordered list with wrapped lines: the whole item decides": (
        "1. The waiting list was the longest\n   anyone could remember.\n"
        "2. Which of these services\n   do you use?\n",
        [
            ("list_item", "The waiting list was the longest anyone could remember.", 1, "1."),
            ("question", "2. Which of these services do you use?", 0, "2"),
        ],
    ),
    "a wrapped item's next line that is an answer row stays a row": (
        "1. How do you travel?\n   Bus 40%\n   Car 60%\n",
        [
            ("question", "1. How do you travel?", 0, "1"),
            ("table", (), [("Bus", ["40%"]), ("Car", ["60%"])]),
        ],
    ),
    "a capitalised line after a bullet starts its own paragraph": (
        "- Staff shortages\nThe survey also found longer waits.\n",
        [
            ("list_item", "Staff shortages", 1, "-"),
            ("paragraph", "The survey also found longer waits.", 0, None),
        ],
    ),
    "a capitalised line at the item's own indent starts a paragraph": (
        " 3. Staffing levels\n The figures below come from the March returns.\n",
        [
            ("question", "3. Staffing levels", 0, "3"),
            ("paragraph", "The figures below come from the March returns.", 0, None),
        ],
    ),
    "a capitalised line indented under the item carries it on": (
        "- Later opening on\n  Saturdays and Sundays\n",
        [("list_item", "Later opening on Saturdays and Sundays", 1, "-")],
    ),
    "block quotes: one block per quoted paragraph, nesting as level": (
        "> The new rota\n> is fairer to everyone.\n>\n> > I agree with that.\n",
        [
            ("quote", "The new rota is fairer to everyone.", 1, None),
            ("quote", "I agree with that.", 2, None),
        ],
    ),
    "setext and ATX headings": (
        "Annual members survey\n=====================\n\nResults\n-------\n\n"
        "### Q2. Do you drive?\n\nYes 30%\nNo 70%\n",
        [
            ("heading", "Annual members survey", 1, None),
            ("heading", "Results", 2, None),
            ("question", "Q2. Do you drive?", 3, "Q2"),
            ("table", (), [("Yes", ["30%"]), ("No", ["70%"])]),
        ],
    ),
    "a setext heading that asks is a question": (
        "Which day suits you best?\n-------------------------\n\nMonday 45%\nFriday 55%\n",
        [
            ("question", "Which day suits you best?", 2, None),
            ("table", (), [("Monday", ["45%"]), ("Friday", ["55%"])]),
        ],
    ),
    "answer rows above a rule are rows, not a heading": (
        "Yes 40%\nNo 60%\n-------\nTotal 100%\n",
        [("table", (), [("Yes", ["40%"]), ("No", ["60%"]), ("Total", ["100%"])])],
    ),
    "a paragraph above a rule stays a paragraph": (
        "We asked members in May.\nThey answered online\n------\n",
        [
            ("paragraph", "We asked members in May.", 0, None),
            ("paragraph", "They answered online", 0, None),
        ],
    ),
    "code spans are not structure": (
        "Exports use `Q1.` codes.\n\n`- 40%` is how a bullet prints.\n\n`## Not a heading`\n",
        [
            ("paragraph", "Exports use `Q1.` codes.", 0, None),
            ("paragraph", "`- 40%` is how a bullet prints.", 0, None),
            ("paragraph", "`## Not a heading`", 0, None),
        ],
    ),
    "a fenced code block is one block no line rule reads": (
        "Intro line.\n\n```\nBase: 300\nYes 40%\n```\n",
        [
            ("paragraph", "Intro line.", 0, None),
            ("paragraph", "Base: 300 Yes 40%", 0, None),
        ],
    ),
    "what Markdown does not know: notes, captions, text tables, values under labels": (
        "Figure 2: Preferred contact\nBase: 180 tenants\n\n"
        "Phone ........ 22%\nEmail – 48%\n30% Letter\n\n"
        "    Evening    64%\n    Morning    36%\n\nLast year\n15% (27 respondents)\n",
        [
            ("caption", "Figure 2: Preferred contact", 0, "2"),
            ("note", "Base: 180 tenants", 0, None),
            (
                "table",
                (),
                [
                    ("Phone", ["22%"]),
                    ("Email", ["48%"]),
                    ("Letter", ["30%"]),
                    ("Evening", ["64%"]),
                    ("Morning", ["36%"]),
                    ("Last year", ["15%", "27"]),
                ],
            ),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_blocks(name: str) -> None:
    text, expected = CASES[name]
    blocks = text_to_blocks(text, markdown=True)
    assert [_shape(b) for b in blocks] == expected
    for block in blocks:
        assert 0 <= block.start < block.end <= len(text)
        for row in block.rows:
            assert text[row.label.start : row.label.end].replace("\\|", "|") == row.label.text
            for number in row.numbers:
                assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("| Tea | 55% |", ["Tea", "55%"]),
        ("Tea | 55%", ["Tea", "55%"]),
        ("| Tea \\| coffee | 55% |", ["Tea \\| coffee", "55%"]),
        ("|  | Agree |", ["", "Agree"]),
    ],
)
def test_table_cells_are_offsets(row: str, cells: list[str]) -> None:
    assert [row[a:b] for a, b in table_cells(row, 0, len(row))] == cells


PAGE = """<!doctype html><html><head><title>Harbour users survey 2025</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Harbour users survey 2025</h1>
<p>We asked 420 boat owners about the harbour in February 2025.</p>
<h2>Q1. How often do you use the slipway?</h2>
<table><thead><tr><th>Answer</th><th>%</th></tr></thead><tbody>
<tr><td>Every week</td><td>35%</td></tr><tr><td>Every month</td><td>45%</td></tr>
<tr><td>Less often</td><td>20%</td></tr></tbody></table>
<h2>What owners asked for</h2>
<ul><li>Longer opening hours for the fuel berth.</li><li>More visitor moorings
<ul><li>on the north wall</li></ul></li></ul>
</article><footer><p>Copyright Harbour Trust. Cookie settings.</p></footer></body></html>
"""


def test_html_derived_markdown(tmp_path: Path) -> None:
    """The Markdown a saved page becomes is read by the parser: its table by cells and
    header row, its nested list with levels."""
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, "utf-8")
    blocks = load(page).document.blocks
    assert [_shape(b) for b in blocks] == [
        ("heading", "Harbour users survey 2025", 1, None),
        ("paragraph", "We asked 420 boat owners about the harbour in February 2025.", 0, None),
        ("question", "Q1. How often do you use the slipway?", 2, "Q1"),
        (
            "table",
            ("Answer", "%"),
            [("Every week", ["35%"]), ("Every month", ["45%"]), ("Less often", ["20%"])],
        ),
        ("heading", "What owners asked for", 2, None),
        ("list_item", "Longer opening hours for the fuel berth.", 1, "-"),
        ("list_item", "More visitor moorings", 1, "-"),
        ("list_item", "on the north wall", 2, "-"),
    ]


def test_text_blocks_shows_levels(tmp_path: Path) -> None:
    report = tmp_path / "poll.md"
    report.write_text("Results\n=======\n\n- Cost\n  - fuel\n", "utf-8")
    result = CliRunner().invoke(app, ["text", str(report), "--blocks"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "heading   0-7 level=1 Results",
        "list_item 19-23 [-] level=1 Cost",
        "list_item 28-32 [-] level=2 fuel",
    ]


def _whole_roles(text: str) -> dict[int, Role]:
    """The roles of one parse of the whole text, as before regions were cut out of it."""
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    return _region_roles(text, starts, 0, len(starts))


# Lines of every shape the regions are cut around: blanks (spaces, tabs), paragraphs, bullets
# and numbers at any indent, quotes, setext underlines, rules, tables with and without outer
# pipes, a reference, lazy and indented lines, white space Markdown does not count as indent.
_LINE_SHAPES = [
    *["", "", "", "  ", "\t"],
    *["Plain line of text", "another plain line", "Title", "# Heading", "Q1. What?", "12% Yes"],
    *["- item", "* star item", "+ plus", "1. first", "2) second", "10. ten", "-5% fell"],
    *["  - nested", "    - deep nested", "   * three spaces", "  1. nested number"],
    *["    indented code", "\tTabbed", "  continued", "lazy continuation", "3 people"],
    *["> quote", ">", "> > nested quote", "  > indented quote", "===", "---", "- - -"],
    *["***", "___", "| a | b |", "|---|---|", "| --- | :-: |", "a | b", "--- | ---", "x|y"],
    *["a\\|b | c", "[ref]: http://example.org", "\xa0- no-break space", "\u2003- em space"],
    *["40% of them", "1990s saw it", "1.5 million", "3.", "7)", "2021. A year", "1.Item"],
    *["0. zero", "1234567890. ten digits", "\u0663. an Arabic digit", "12.\tTabbed", "  4) x"],
    *["**Bold line**", "*emphasis*", "+5 points", "--", "-", "*", "**", "*\tx", "-\x0cx", "=x"],
]


def test_regions_give_the_roles_of_the_whole_text() -> None:
    """Parsing only the regions that hold a marked line gives every line the role one parse of
    the whole text gives it: on the reference reports, the test documents, and texts mixed at
    random from lines of every shape around which regions are cut."""
    documents = [*sorted(RAW.glob("*")), *sorted((ROOT / "tests" / "documents").glob("*"))]
    texts = [path.read_text() for path in documents]
    texts += [text for text, _ in CASES.values()]
    rng = random.Random(17)
    for _ in range(3000):
        lines = rng.choices(_LINE_SHAPES, k=rng.randint(1, 25))
        texts.append("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    for text in texts:
        assert markdown_roles(text) == _whole_roles(text), text


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("A plain report.\n\nIts second paragraph.\n", []),  # nothing to parse
        ("Intro.\n\n40% agreed.\n\n1990s saw it.\n", []),  # numbers that open no list
        ("Intro.\n\n**Bold**\n\n*said so*\n\n-5% fell\n", []),  # marks that open no item
        ("Intro.\n\nMore.\n\n- one\n- two\n\nAfter.\n\nEnd.\n", [(2, 7)]),  # "More." to "After."
        ("Intro.\n\n> said\n\nLater.\n", [(0, 4)]),
        ("Intro.\n\n| a | b |\n|---|---|\n\nLater.\n\nEnd.\n", [(0, 5)]),
        ("- one\n\n  still one\n\nTwo.\n", [(0, 4)]),  # an indented line is never a start
        ("Heading\n===\n\nText.\n", [(0, 3)]),
        ("Text.\n\n```\n\nplain\n```\n", [(0, 7)]),  # a fence: the whole text
        ("Text.\n\n<!--\n\n- hidden\n-->\n", [(0, 7)]),  # an HTML block: the whole text
        ("Text.\r\n\r\n- item\n", [(0, 4)]),  # a carriage return: the whole text
    ],
)
def test_regions(text: str, regions: list[tuple[int, int]]) -> None:
    assert list(_regions(text)) == regions
