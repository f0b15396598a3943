"""Survey-tool exports as PDFs: small pages drawn with reportlab in the layouts survey tools print
(a tinted page, the question, its "Answered: N" line, a legend, a pie's slice values and a
"Choices / Response percent / Response count" table in ruled cells). The expected records were
checked by hand against the drawn page."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layout import text_to_blocks
from extract.loaders.pdf import PdfLine
from extract.loaders.text import text_document
from extract.pipeline import extract_file, extract_text

ROWS = [("At home", "22.50%", "27"), ("In an office", "45.83%", "55"), ("Both", "31.67%", "38")]


def _survey_tool_page(page, question: str, rows: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    page.setFillColorRGB(0.97, 0.97, 0.97)
    page.rect(0, 0, 595, 842, fill=1, stroke=0)  # the tinted page
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(60, 760, question)
    page.setFont("Helvetica", 11)
    page.drawString(60, 740, f"Answered: {sum(int(r[2]) for r in rows)} Skipped: 3")
    page.setFillColorRGB(0.2, 0.4, 0.8)
    page.circle(200, 600, 80, fill=1, stroke=0)  # the pie
    page.setFillColorRGB(0, 0, 0)
    page.setFont("Helvetica", 9)
    for index, (_, percent, _) in enumerate(rows):
        page.drawString(150 + 40 * index, 560 + 25 * index, percent)
    page.drawString(320, 620, "   ".join(label for label, _, _ in rows))  # the legend
    page.setFont("Helvetica", 11)
    top = 480
    page.setStrokeColorRGB(0.7, 0.7, 0.7)
    for index, cells in enumerate([("Choices", "Response percent", "Response count"), *rows]):
        y = top - 24 * index
        page.rect(60, y - 8, 460, 24, fill=0, stroke=1)  # the ruled cell row
        for x, cell in zip((66, 300, 440), cells, strict=True):
            page.drawString(x, y, cell)


def _line(text: str, top: float, left: float) -> PdfLine:
    """A text-layer line of 10-point text, 6 points a character, as a chart holds it."""
    return PdfLine(1, text, left, left + 6 * len(text), top, top + 10, 10.0, False)


def _pdf(tmp_path: Path, pages: list[tuple[str, list[tuple[str, str, str]]]]) -> Path:
    from reportlab.pdfgen import canvas

    path = tmp_path / "survey_tool.pdf"
    drawing = canvas.Canvas(str(path), pagesize=(595, 842))
    for question, rows in pages:
        _survey_tool_page(drawing, question, rows)
        drawing.showPage()
    drawing.save()
    return path


def test_a_survey_tool_table_page_is_one_question_with_its_base(tmp_path: Path) -> None:
    report = extract_file(_pdf(tmp_path, [("Where do you mostly work", ROWS)]))
    (question,) = report.questions
    assert question.text == "Where do you mostly work"
    assert question.base is not None and question.base.n == 120
    assert [(o.label, o.percent) for o in question.options] == [
        ("At home", 22.5),
        ("In an office", 45.83),
        ("Both", 31.67),
    ]
    assert question.kind == "single_choice"


def test_a_page_title_is_not_run_into_the_next_pages_title(tmp_path: Path) -> None:
    rows = [("Yes", "60.00%", "72"), ("No", "40.00%", "48")]
    report = extract_file(
        _pdf(tmp_path, [("Where do you mostly work", ROWS), ("Do you have a desk", rows)])
    )
    assert [q.text for q in report.questions] == [
        "Where do you mostly work",
        "Do you have a desk",
    ]
    assert [o.label for o in report.questions[1].options] == ["Yes", "No"]


def test_chart_boundaries_are_figure_blocks_and_never_labels() -> None:
    """A chart's boundary lines, known from the loader's charts (here: a saved `extract text`
    print-out's), are figure blocks; the same words with no chart behind them are prose."""
    text = "Which device do you use most\n\n[chart, page 2]\n41%\n[end of chart]\n\n59%\n"
    blocks = text_document(text).blocks
    kinds = [b.kind for b in blocks]
    assert kinds[1] == "figure" and "figure" in kinds[2:]
    assert all("[" not in r.label.text for b in blocks for r in b.rows)
    assert "figure" not in [b.kind for b in text_to_blocks(text)]


def _lines_pdf(tmp_path: Path, lines: list[str], ruled_from: int) -> Path:
    """One page of 11-point lines 14 points apart, those from `ruled_from` on in ruled cells."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "lines.pdf"
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        y = 760 - 14 * index
        if index >= ruled_from:
            page.rect(60, y - 4, 460, 14, fill=0, stroke=1)
        page.drawString(66, y, line)
    page.showPage()
    page.save()
    return path


def test_numbered_questions_one_under_another_stay_apart_and_total_is_the_base(
    tmp_path: Path,
) -> None:
    lines = [
        "Question 5: What do you like most about the course? (Free form Text)",
        "Question 6: Did you attend the last workshop? (Single Selection)",
        "Option Count Percentage",
        "Yes 116 73.89%",
        "No 41 26.11%",
        "Total Responses: 157",
    ]
    report = extract_file(_lines_pdf(tmp_path, lines, ruled_from=2))
    texts = [q.text for q in report.questions]
    assert "Did you attend the last workshop? (Single Selection)" in texts
    (asked,) = [q for q in report.questions if q.text.startswith("Did you attend")]
    assert [(o.label, o.percent) for o in asked.options] == [("Yes", 73.89), ("No", 26.11)]
    assert asked.base is not None and asked.base.n == 157
    assert not any("What do you like" in t and "Did you" in t for t in texts)


def test_a_table_drawn_column_by_column_is_read_row_by_row(tmp_path: Path) -> None:
    """SurveyMonkey-style: the values column is drawn before the labels, so the text layer lists
    "25.00% 30" lines apart from "Beginner"; a bar chart's axis sits above the table."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "columns.pdf"
    page = canvas.Canvas(str(path), pagesize=(612, 792))
    page.setFont("Helvetica", 16)
    page.drawString(60, 700, "Q1 How much do you know about gardening?")
    page.setFont("Helvetica", 11)
    page.drawString(60, 680, "Answered: 120 Skipped: 0")
    page.rect(100, 556, 300, 110, fill=1, stroke=0)  # the bars
    page.drawString(100, 546, "0% 20% 40% 60% 80% 100%")
    rows = [("Beginner", "25.00% 30"), ("Some knowledge", "50.00% 60"), ("Expert", "25.00% 30")]
    for index, (_, values) in enumerate(rows):
        page.drawString(420, 480 - 20 * index, values)
    page.drawString(60, 500, "ANSWER CHOICES RESPONSES")
    for index, (label, _) in enumerate(rows):
        page.drawString(60, 480 - 20 * index, label)
    page.drawString(60, 420, "TOTAL 120")
    page.rect(55, 410, 450, 105, fill=0, stroke=1)  # the table's frame joins the chart area
    page.showPage()
    page.save()
    report = extract_file(path)
    (question,) = report.questions
    assert question.text == "How much do you know about gardening?"
    assert question.base is not None and question.base.n == 120
    assert [(o.label, o.percent) for o in question.options] == [
        ("Beginner", 25.0),
        ("Some knowledge", 50.0),
        ("Expert", 25.0),
    ]


def test_a_charts_axis_scale_is_not_an_entry() -> None:
    from extract.loaders.pdf import Box, PdfFigure, chart_block

    figure = PdfFigure(1, Box(50, 90, 500, 200))
    figure.lines = [
        _line("Tablet", 100, 60),
        _line("62%", 100, 300),
        _line("Phone", 120, 60),
        _line("38%", 120, 300),
        _line("0% 20% 40% 60% 80% 100%", 140, 100),
    ]
    chart = chart_block(figure)
    assert [(e.label, e.percent) for e in chart.entries] == [("Tablet", 62.0), ("Phone", 38.0)]
    assert [chart.text[e.start : e.end] for e in chart.entries] == ["Tablet: 62%", "Phone: 38%"]
    assert "0% 20% 40% 60% 80% 100%" in chart.text


def test_bar_labels_count_then_share_keep_counts_as_counts(tmp_path: Path) -> None:
    lines = [
        "Which of these do you use? (select all that apply)",
        "40 responses",
        "Email 31 (77.5%)",
        "Chat 14 (35%)",
        "Video calls 6 (15%)",
    ]
    report = extract_file(_lines_pdf(tmp_path, lines, ruled_from=2))
    (question,) = report.questions
    assert [(o.label, o.percent) for o in question.options] == [
        ("Email", 77.5),
        ("Chat", 35.0),
        ("Video calls", 15.0),
    ]
    assert question.kind == "multi_choice"


def test_boxed_answers_one_per_line_after_text_answers_are_quotes(tmp_path: Path) -> None:
    """A survey tool's open answers, boxed under "Text answers:", the long one wrapped."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "boxed.pdf"
    page = canvas.Canvas(str(path), pagesize=(595, 842))
    page.setFont("Helvetica-Bold", 14)
    page.drawString(60, 740, "Why did you choose this library?")
    page.setFont("Helvetica", 10)
    page.drawString(60, 720, "Text answers:")
    answers = [
        [
            "It has the best documentation of the ones we tried and the maintainers answer",
            "questions quickly",
        ],
        ["Small and easy to read"],
        ["My team already knew it well"],
    ]
    y = 690
    for lines in answers:
        height = 14 * len(lines) + 6
        page.rect(58, y - height + 12, 440, height, fill=0, stroke=1)  # the answer's box
        for text in lines:
            page.drawString(62, y, text)
            y -= 14
        y -= 8
    page.showPage()
    page.save()
    texts = [q.text for q in extract_file(path).quotes]
    assert texts == [
        "It has the best documentation of the ones we tried and the maintainers answer "
        "questions quickly",
        "Small and easy to read",
        "My team already knew it well",
    ]


def test_a_dashboards_cards_keep_their_own_entries() -> None:
    """Two question cards in one drawn area, bars left to right: each card's entries are
    written under its own title, not all after the last one."""
    from extract.loaders.pdf import Box, PdfFigure, chart_block

    figure = PdfFigure(1, Box(50, 90, 500, 400))
    figure.lines = [
        _line("Which sector are you in?", 100, 60),
        _line("How large is your firm?", 220, 60),
        _line("Retail", 130, 60),
        _line("Farming", 150, 60),
        _line("Small", 250, 60),
        _line("Large", 270, 60),
        _line("70%", 130, 300),
        _line("30%", 150, 300),
        _line("45%", 250, 300),
        _line("55%", 270, 300),
    ]
    body = chart_block(figure).text.splitlines()[1:-1]
    assert body == [
        "Which sector are you in?",
        "Retail: 70%",
        "Farming: 30%",
        "How large is your firm?",
        "Small: 45%",
        "Large: 55%",
    ]


# Boxed open answers as the PDF loader writes them (a drawn box is a chart block): (text, the
# quotes with their speakers, what the case shows).
BOXED = [
    (
        "## Why did you pick this editor?\n\nText answers:\n\n"
        "[chart, page 1]\nIt starts quickly on my old laptop\nThe plugins cover everything I use\n"
        "[end of chart]\n\n"
        "[chart, page 2]\nMy whole team already works with it\n[end of chart]\n\n"
        "[chart, page 2]\nHow often do you use it?\nDaily: 80%\nWeekly: 20%\n[end of chart]\n",
        [
            ("It starts quickly on my old laptop", None),
            ("The plugins cover everything I use", None),
            ("My whole team already works with it", None),
        ],
        "a list cut by page breaks goes on in the next boxes, up to the next question's box",
    ),
    (
        "[chart, page 1]\nWhat slows your projects down?\nFree-texts\n"
        "- Waiting for approvals from several departments before\nany work can start\n"
        "- Budgets that are fixed a year ahead of time\n[end of chart]\n\n"
        "[chart, page 2]\nWhich tools do you use?\nResults\nFree-texts\nSpreadsheets: 60%\n"
        "Trackers: 40%\n[end of chart]\n",
        [
            ("Waiting for approvals from several departments before any work can start", None),
            ("Budgets that are fixed a year ahead of time", None),
        ],
        "a header inside the box over dashed answers with a wrapped line; under a tab label, "
        "a box that states shares is a chart",
    ),
    (
        "## Why this library?\n\nText answers:\n\n"
        '[chart, page 1]\nThe "quick start" guide got me going in minutes\n[end of chart]\n',
        [('The "quick start" guide got me going in minutes', None)],
        "a quoted name inside an answer is part of the answer",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=note) for t, e, note in BOXED]
)
def test_boxed_answers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q.text, q.speaker) for q in extract_text(text).quotes] == expected


def _answer_lines(answers: list[list[str]]) -> list[PdfLine]:
    """Boxed answers as a survey tool sets them: 10-point lines 4 points apart, each answer
    with 30 points of space above it."""
    lines: list[PdfLine] = []
    top = 100.0
    for answer in answers:
        for text in answer:
            lines.append(PdfLine(1, text, 40, 40 + 5 * len(text), top, top + 10, 10.0, False))
            top += 14
        top += 26
    return lines


def test_a_respondents_own_line_break_stays_inside_the_answer() -> None:
    """In a box that sets its answers apart, a short line closely followed by another is the
    writer's own line break: one answer, not two."""
    from extract.loaders.pdf import unwrap

    lines = _answer_lines(
        [
            ["Easy to read"],
            ["It was quick to set up for a small team like ours.", "Later it got harder."],
            ["Good value for the money"],
            ["The support staff answer within the hour"],
            ["Nothing to add at all"],
        ]
    )
    assert unwrap(lines) == [
        "Easy to read",
        "It was quick to set up for a small team like ours. Later it got harder.",
        "Good value for the money",
        "The support staff answer within the hour",
        "Nothing to add at all",
    ]


def test_evenly_spaced_chart_labels_are_not_joined() -> None:
    """Labels set at one spacing, with no answers set apart, stay one a line."""
    from extract.loaders.pdf import unwrap

    lines = [
        PdfLine(1, text, 40, 40 + 5 * len(text), 100 + 14 * i, 110 + 14 * i, 10.0, False)
        for i, text in enumerate(
            [
                "Once a week or so",
                "Twice a month or so",
                "Never at all these days",
                "Only when it rains hard",
                "Every single working day of the week",
            ]
        )
    ]
    assert unwrap(lines) == [line.text for line in lines]


def test_text_indexes_count_utf16_units() -> None:
    """pdfium's text indexes count UTF-16 code units: an emoji takes two, so every line after
    one on a page would read its neighbour's position and font if counted in characters."""
    from extract.loaders.pdf import _units

    assert _units("plain text") == 10
    assert _units("go with it! \U0001f604") == 14
