"""The layout: each line shape becomes its block kind, and answer rows of every style become one
table whose cells keep their offsets. Every phrasing here was written for these tests."""

from __future__ import annotations

import random

import pytest

from extract.layout import (
    _LIST_INTRO,
    _TOKEN,
    _TOKEN_FROM_RIGHT,
    Block,
    _introduces_list,
    ends_paragraph,
    ends_sentence,
    parse_row,
    sentences,
    text_to_blocks,
)


def _kinds(text: str) -> list[str]:
    return [b.kind for b in text_to_blocks(text)]


def _rows(block: Block) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(r.label.text, [(n.text, n.unit) for n in r.numbers]) for r in block.rows]


@pytest.mark.parametrize(
    ("line", "label", "numbers"),
    [
        ("Parking - 31 %", "Parking", [("31 %", "percent")]),
        ("Tablet: 47%", "Tablet", [("47%", "percent")]),
        ("Laptop 12%", "Laptop", [("12%", "percent")]),
        ("Rent ........ 22%", "Rent", [("22%", "percent")]),
        ("| Rent | 22% |", "Rent", [("22%", "percent")]),
        ("Women 52.5% 210", "Women", [("52.5%", "percent"), ("210", "bare")]),
        ("Too slow 431 38%", "Too slow", [("431", "bare"), ("38%", "percent")]),
        ("Last month 18% (44 respondents)", "Last month", [("18%", "percent"), ("44", "count")]),
        ("Labour 41", "Labour", [("41", "bare")]),
        ("7 6", "7", [("6", "bare")]),  # point 7 of a numeric scale
        ("- Walking: 9%", "Walking", [("9%", "percent")]),
        ("61% Morning shifts", "Morning shifts", [("61%", "percent")]),
        ("No reply *", "No reply", []),  # under half a percent
        # survey tools and chart labels: the count, then the share in brackets
        ("Walks to school 14 (35%)", "Walks to school", [("14", "count"), ("35%", "percent")]),
        ("By car 3(7.5%)", "By car", [("3", "count"), ("7.5%", "percent")]),
    ],
)
def test_answer_row_styles(line: str, label: str, numbers: list[tuple[str, str]]) -> None:
    row = parse_row(line)
    assert row is not None
    assert row.label.text == label
    assert [(n.text, n.unit) for n in row.numbers] == numbers
    assert line[row.label.start : row.label.end] == label
    for number in row.numbers:
        assert line[number.start : number.end] == number.text


@pytest.mark.parametrize(
    "line",
    [
        "The harbour survey was repeated in 2019",  # a year, not a share
        "Cycling to school rose sharply",  # no number
        "Council tax went up by +4",  # a change
        "Mar-21",  # an axis date
        "Fieldwork lasted from the first week of the spring and on into the summer of 2",  # long
        "42",  # a number without a label
        "13 (33.33%)",  # a bar's data label: a count and its share, no label
    ],
)
def test_not_answer_rows(line: str) -> None:
    assert parse_row(line) is None


def test_question_then_answer_table_with_header_and_base() -> None:
    text = (
        "Q4. How do you usually travel to the clinic?\n"
        "Base: 212 patients\n"
        "%\n"
        "Bus 40\n"
        "Car 35\n"
        "Walk 25\n"
    )
    blocks = text_to_blocks(text)
    assert [b.kind for b in blocks] == ["question", "note", "table"]
    assert blocks[0].marker == "Q4"
    table = blocks[2]
    assert table.percent_header and table.header == ("%",)
    assert _rows(table) == [
        ("Bus", [("40", "bare")]),
        ("Car", [("35", "bare")]),
        ("Walk", [("25", "bare")]),
    ]


def test_label_line_above_its_value_line() -> None:
    text = "Which day suits you?\n\nMonday\n\n30% (12 votes)\n\nFriday\n\n70% (28 votes)\n"
    blocks = text_to_blocks(text)
    assert [b.kind for b in blocks] == ["question", "table"]
    assert _rows(blocks[1]) == [
        ("Monday", [("30%", "percent"), ("12", "count")]),
        ("Friday", [("70%", "percent"), ("28", "count")]),
    ]


def test_numbered_answers_with_counts_on_their_own_line() -> None:
    text = (
        "Should the pool open earlier?\n1.\nYes, at six\n55%\n(22 votes)\n2.\nNo\n45%\n(18 votes)\n"
    )
    (question, table) = text_to_blocks(text)
    assert question.kind == "question"
    assert _rows(table) == [
        ("Yes, at six", [("55%", "percent"), ("22", "count")]),
        ("No", [("45%", "percent"), ("18", "count")]),
    ]


def test_markdown_pipe_table() -> None:
    text = (
        "## Q2. Preferred contact\n\n| Answer | % |\n|---|---|\n| Email | 58% |\n| Phone | 42% |\n"
    )
    blocks = text_to_blocks(text)
    assert [b.kind for b in blocks] == ["question", "table"]
    assert blocks[1].header == ("| Answer | % |",)
    assert _rows(blocks[1]) == [("Email", [("58%", "percent")]), ("Phone", [("42%", "percent")])]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("# Winter survey results", ["heading"]),
        ("**About the poll**", ["heading"]),
        ("Source: Harbour Trust members' panel", ["note"]),
        ("Base = 88 volunteers", ["note"]),
        ("Fieldwork: 3-9 March 2024", ["note"]),
        ("Figure 2: Reasons for leaving", ["caption"]),
        ("Chart 5 – Hours worked", ["caption"]),
        ("Exhibit 1. Satisfaction by region", ["caption"]),
        ("Question 7: Which services did you use?", ["question"]),
        ("QB Which of these would you choose first?", ["question"]),
        ("3. How safe do you feel at night", ["question"]),
        ("Would you recommend the library to a friend?", ["question"]),
        ("- More late buses were the top request.", ["list_item"]),
        ("• Staff felt valued at work.", ["list_item"]),
        ("> The new rota has helped my family a lot.", ["quote"]),
        ("Most members took part online.", ["paragraph"]),
    ],
)
def test_line_shapes(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


def test_hard_wrapped_paragraph_is_one_block() -> None:
    text = "Most members who answered said the\nnew timetable was easier to follow.\n"
    (block,) = text_to_blocks(text)
    assert block.kind == "paragraph"
    assert block.text == text.strip()


def test_blocks_keep_offsets() -> None:
    text = "Intro line.\n\nQ1 Do you cycle?\nYes 30%\nNo 70%\n"
    for block in text_to_blocks(text):
        assert text[block.start : block.end].startswith(block.text.split("\n")[0][:5])
        for row in block.rows:
            assert text[row.label.start : row.label.end] == row.label.text


def test_a_survey_tools_number_of_responses_is_a_note_not_a_row() -> None:
    blocks = text_to_blocks("Which pet do you have?\nNumber of responses: 39\nCat 20 (51.28%)\n")
    assert [b.kind for b in blocks] == ["question", "note", "table"]
    assert [r.label.text for r in blocks[2].rows] == ["Cat"]


@pytest.mark.parametrize(
    ("where", "text"),
    [
        (
            "above its table",
            "Q2. Would you walk to work?\nBase: 230 staff\n\nYes - 64%\nNo - 36%\n",
        ),
        (
            "under its table",
            "Q2. Would you walk to work?\n\nYes - 64%\nNo - 36%\n\nBase: 230 staff\n",
        ),
    ],
)
def test_a_base_line_belongs_to_its_table_above_or_below(where: str, text: str) -> None:
    """A survey tool prints "Base:" over the answers, a slide under them: either way it is that
    question's base, and no warning calls it unaccounted."""
    from extract.pipeline import extract_text

    report = extract_text(text)
    (question,) = report.questions
    assert question.base is not None and question.base.n == 230, where
    assert report.warnings == []


# One rule of where a sentence ends, asked of a line's end by every reader that needs it (the
# PDF loader joining paragraphs across pages, the profiles finding paragraph ends).
SENTENCE_ENDS = [
    ("Most staff agreed.", ".!?", True),
    ("Would you recommend it?", ".!?", True),
    ("Would you recommend it?", ".!", False),  # a question is not a statement's end
    ("She said it was “the best year yet.”", ".!?", True),  # closing quote after the mark
    ("(see the methods section.)", ".!?", True),
    ("**Response rates were low.**  ", ".!?", True),  # emphasis and trailing spaces
    ("Respondents named pay, hours, etc.", ".!?", False),  # an abbreviation's full stop
    ("for example, e.g.", ".!?", False),
    ("Asked about a levy, most of them said no.", ".!?", True),  # "no." is a word, not "No. 5"
    ("The options were as follows:", ".!?", False),
    ("The options were as follows:", ".!?:", True),  # a caller may count an introduction
    ("the paragraph goes on over the", ".!?", False),
    ("", ".!?", False),
]


@pytest.mark.parametrize(("text", "marks", "expected"), SENTENCE_ENDS)
def test_ends_sentence(text: str, marks: str, expected: bool) -> None:
    assert ends_sentence(text, marks) is expected


PARAGRAPH_ENDS = [
    ("Nobody expected the change.", True),
    ("“It was never explained to us”", True),  # a quoted answer set alone, no full stop
    ("and then there was silence…", True),
    ("These included:", False),
    ("These included", False),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_ENDS)
def test_ends_paragraph(text: str, expected: bool) -> None:
    assert ends_paragraph(text) is expected


# Plain text with no blank lines between paragraphs (hard-wrapped, or copied out of a PDF):
# lists that lost their bullets, and headings set apart by nothing but their line.
PLAIN_TEXT_STRUCTURE = [
    (
        "Members named three worries. These included:\nPay\nHours\nWorkload\n",
        ["paragraph", "list_item", "list_item", "list_item"],
    ),
    (  # items indented by the bullet the conversion dropped, a page number among them
        "The main reasons were as follows:\n Rent Arrears\n 12\n Damp and Mould\n",
        ["paragraph", "list_item", "paragraph", "list_item"],
    ),
    (  # a sentence after the introduction is not an item
        "One tenant said:\nWe were never told about the change.\n",
        ["paragraph", "paragraph"],
    ),
    (  # prose wrapped after a small word is not an item
        "Support came from groups such as:\nParents and carers of the\nyoungest pupils.\n",
        ["paragraph", "paragraph"],
    ),
    (  # an item repeated ends the list: it heads its own part below
        "Costs rose in areas such as:\nHeating\nFood\nHeating\nMost households cut back on "
        "heating first.\n",
        ["paragraph", "list_item", "list_item", "heading", "paragraph"],
    ),
    (
        "The survey closed at the end of May.\nStaffing and Workload\nMost staff said that "
        "their workload had grown.\n",
        ["paragraph", "heading", "paragraph"],
    ),
    (  # the sentence above has not ended: a wrapped line, not a heading
        "Responses came from three areas and the\nNorth West Branches\nwere the largest group.\n",
        ["paragraph", "paragraph"],
    ),
    (  # a title-case line that ends a sentence is not a heading
        "Staff were asked about the plan.\nMost Staff Agreed With It.\nOthers did not.\n",
        ["paragraph", "paragraph", "paragraph"],
    ),
    (  # a prose line that ends in a share, its sentence going on below, is not a row
        "Over half of members backed the offer, although 29%\nwere against it.\n",
        ["paragraph"],
    ),
    (  # ... nor when it carries on the paragraph above it
        "The ballot closed on Friday and over half of members\nbacked the offer, although as "
        "many as 29%\nwere against it.\n",
        ["paragraph"],
    ),
    (  # answer rows with long labels, each line its own answer, stay rows
        "I would recommend this service to a friend 45%\nI would not recommend it to anyone 55%\n",
        ["table"],
    ),
]


@pytest.mark.parametrize(("text", "kinds"), PLAIN_TEXT_STRUCTURE)
def test_plain_text_lists_and_headings(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


def test_a_pdfs_lines_inside_one_block_are_not_a_list_or_headings() -> None:
    """On a PDF's pages lines broken inside one block are a chart's labels, and headings come
    from fonts: the plain-text rules stay off."""
    listed = "Why not?:\nNo Time\nNo Budget\n"
    headed = "The survey closed at the end of May.\nStaffing and Workload\nMost staff agreed.\n"
    assert [b.kind for b in text_to_blocks(listed, paged=True)] == ["paragraph"] * 3
    assert [b.kind for b in text_to_blocks(headed, paged=True)] == ["paragraph"] * 3
    assert [b.kind for b in text_to_blocks("Why not?:\n\nNo Time\n\nNo Budget\n", paged=True)] == [
        "paragraph",
        "list_item",
        "list_item",
    ]


def test_a_topline_run_onto_one_line_is_split_into_its_questions_and_answers() -> None:
    """A topline whose line breaks a copy lost: question codes, wordings and "label count
    share" answers on one line. Each answer, each question, is a line of its own again."""
    text = (
        "Sample: 1,200 adults Question Response Frequency Percentage Q1 Should the park open "
        "later in summer? Yes 804 67% No 300 25% Not sure 96 8% Q2 How often do you visit the "
        "park? Weekly 1020 85% Rarely 180 15%\n"
    )
    blocks = text_to_blocks(text)
    assert [b.kind for b in blocks] == ["note", "question", "table", "question", "table"]
    assert [b.marker for b in blocks if b.kind == "question"] == ["Q1", "Q2"]
    assert [_rows(b) for b in blocks if b.kind == "table"] == [
        [
            ("Yes", [("804", "bare"), ("67%", "percent")]),
            ("No", [("300", "bare"), ("25%", "percent")]),
            ("Not sure", [("96", "bare"), ("8%", "percent")]),
        ],
        [
            ("Weekly", [("1020", "bare"), ("85%", "percent")]),
            ("Rarely", [("180", "bare"), ("15%", "percent")]),
        ],
    ]
    for block in blocks:  # offsets still index the one line
        if block.kind == "table":
            for row in block.rows:
                assert text[row.label.start : row.label.end] == row.label.text
                assert [text[n.start : n.end] for n in row.numbers] == [n.text for n in row.numbers]
        else:
            assert text[block.start : block.end] == block.text


def test_a_paragraph_with_a_few_shares_and_counts_is_not_split() -> None:
    text = "Of 900 members 450 50% voted, and 300 33% abstained.\n"
    assert _kinds(text) == ["paragraph"]


def test_one_answer_with_several_columns_of_counts_and_shares_is_not_split() -> None:
    """Three "count share" pairs but no question code or "?" on the line: one answer's row
    across several columns (waves, groups), not a topline run together."""
    assert len(text_to_blocks("Very satisfied 120 30% 130 32% 140 35%\n")) == 1


def test_a_number_abbreviated_does_not_end_a_sentence() -> None:
    text = "See item No. 5 on the list. Then stop."
    assert [text[a:b] for a, b in sentences(text, 0, len(text))] == [
        "See item No. 5 on the list.",
        "Then stop.",
    ]


NUMBERED_LINES = [
    (  # numbered one under another, nothing between: a list
        "The top three worries were:\n1. Paying the rent on time\n2. Finding a school place\n"
        "3. Getting a doctor's appointment\n",
        ["paragraph", "list_item", "list_item", "list_item"],
    ),
    (  # numbered sections, each with its own text under it
        "1. Who Took Part\nMost of those who answered were tenants.\n2. Repairs\nMost repairs "
        "were done on time.\n",
        ["question", "paragraph", "question", "paragraph"],
    ),
    (  # numbered questions that ask stay questions, one under another or not
        "1. How old are you?\n2. Where do you live?\n",
        ["question", "question"],
    ),
    (  # numbers out of turn are not one list
        "3. Paying the rent on time\n7. Finding a school place\n",
        ["question", "question"],
    ),
]


@pytest.mark.parametrize(("text", "kinds"), NUMBERED_LINES)
def test_numbered_lines_are_a_list_or_sections(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


def test_a_list_items_words_start_after_its_marker() -> None:
    text = "Top worries:\n- Paying the rent\n2. Finding a school place\n3. Seeing a doctor\n"
    for block in text_to_blocks(text)[1:]:
        assert text[block.start : block.end] == block.text


def test_tokens_from_the_right_are_the_tokens() -> None:
    """A row's numbers are read from its line's last tokens, found from the right: the same
    tokens, last first, whatever the white space (tabs, no-break and em spaces, NEL, and the
    separators Python's str.split takes for white space but the pattern does not)."""
    rng = random.Random(17)
    alphabet = ["a", "1", "%", "|", "(", ")", " ", "\t", "\xa0", "\u2003", "\x85", "\x1c", "\n"]
    for _ in range(5000):
        line = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        forward = [m.span() for m in _TOKEN.finditer(line)]
        assert [m.span() for m in _TOKEN_FROM_RIGHT.finditer(line)] == forward[::-1], line


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Don't know *", "Don't know"),  # under half a percent: a row with no number
        ("- Refused\t*", "Refused"),
        ("Most staff said the rota was fair", None),  # no digit: never a row
        ("Votes | %", None),
        ("Four in ten (votes)", None),
    ],
)
def test_rows_without_digits(line: str, label: str | None) -> None:
    row = parse_row(line)
    assert (row.label.text if row else None) == label
    assert row is None or row.numbers == ()


# Lines that introduce a list, and lines that only come close: any case, white space and marks
# after them, the long s that case-insensitive matching takes for "s".
LIST_INTRODUCTIONS = [
    *("These included:", "Reasons given included", "such as", "SUCH\nAS", "Such aſ", "x:"),
    *("It includes ", "Including\t", "include:\u2003\n", "Examples :  : ", "they include:\n"),
    *("Things such as.", "includes.", "including those", "Seasons", "Included", "fed", "dig"),
    *("", "   ", ":", "\n", "a: b", "gag", "such  as  ", "unclude", "reincluded"),
]


@pytest.mark.parametrize("text", LIST_INTRODUCTIONS)
def test_a_list_introduction_is_told_as_its_pattern_tells_it(text: str) -> None:
    """The last character's guard rules out no line the introduction's pattern finds."""
    assert _introduces_list(text) == bool(_LIST_INTRO.search(text))
