"""Survey-tool exports as PDFs: small pages drawn with reportlab in the layouts survey tools print
(a tinted page, the question, its "Answered: N" line, a legend, a pie's slice values and a
"Choices / Response percent / Response count" table in ruled cells). The expected records were
checked by hand against the drawn page."""

from __future__ import annotations

from pathlib import Path

from extract.layout import text_to_blocks
from extract.pipeline import extract_file

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
    text = "Which device do you use most\n\n[chart, page 2]\n41%\n[end of chart]\n\n59%\n"
    kinds = [b.kind for b in text_to_blocks(text)]
    assert kinds[1] == "figure" and "figure" in kinds[2:]
    assert all("[" not in r.label.text for b in text_to_blocks(text) for r in b.rows)


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
        "Question 6: Did you finish the final project? (Single Selection)",
        "Option Count Percentage",
        "Yes 100 70.92%",
        "No 41 29.08%",
        "Total Responses: 141",
    ]
    report = extract_file(_lines_pdf(tmp_path, lines, ruled_from=2))
    texts = [q.text for q in report.questions]
    assert "Did you finish the final project? (Single Selection)" in texts
    (asked,) = [q for q in report.questions if q.text.startswith("Did you finish")]
    assert [(o.label, o.percent) for o in asked.options] == [("Yes", 70.92), ("No", 29.08)]
    assert asked.base is not None and asked.base.n == 141
    assert not any("What do you like" in t and "Did you" in t for t in texts)
