"""The news article format: its detector against every raw document, the attribution rules it
relies on, and that the page around the article stays out of the record."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from extract import profiles
from extract.fields.quotes import find_quotes
from extract.fields.speakers import find_speaker
from extract.models import Report
from extract.pipeline import extract_file, extract_text
from extract.profiles import news_article
from tests.conftest import RAW

ARTICLE = RAW / "003_3e1dfabc19509116.txt"
POLL_REPORTS = [
    "000_973d4c83f07564ec.txt",
    "001_284db0d3e024a364.txt",
    "002_32b4aaddebb844bc.txt",
    "004_8dc5d5b4fe1fda7c.txt",
]

# Written for these tests in the same style as raw/003: the rules must not depend on its words.
HANDWRITTEN = """\
Foster carers call for more respite breaks, council review hears
A survey of foster carers in the North West has found that many feel unsupported by their councils.
14/03/23
Foster carers have told a council review that a lack of respite care is driving experienced carers away.
“We have had no break in three years and nobody asks how we are,” one foster carer said.
The review found that carers valued their supervising social workers but felt they were stretched too thin.
“Our social worker is brilliant but she is stretched,” said a kinship carer, adding: “She cannot be everywhere.”
Another added: “Respite should be a right, not a favour.”
Carers also said that training was too often an ‘afterthought’ once a child had been placed with them.
“We need to hear from carers much earlier than we do at the moment,” one council spokesperson told the review.
Read the survey: https://example.org/reports/respite-survey-2023.pdf.
£30,000 - £35,000
Featured event
Most popular articles today
"""  # noqa: E501


@cache
def article() -> Report:
    return extract_file(ARTICLE, relative_to=ARTICLE.parent)


def _quote(report: Report, starts: str) -> int:
    return next(i for i, q in enumerate(report.quotes) if q.text.startswith(starts))


def test_article_is_detected() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    assert news_article.detect(text) >= 0.5
    assert profiles.detect(text) is news_article


@pytest.mark.parametrize("name", POLL_REPORTS)
def test_poll_reports_are_not_articles(name: str) -> None:
    text = (RAW / name).read_text(encoding="utf-8")
    assert news_article.detect(text) <= 0.1
    assert profiles.detect(text) is not news_article


def test_head_lines() -> None:
    report = article()
    assert report.format == "news_article"
    assert (
        report.title == "Lower caseloads and properly fund services, professionals tell Care Review"
    )
    assert report.standfirst is not None
    assert report.standfirst.startswith("The Review of Children’s Social Care in England")
    assert report.published is not None
    assert report.published.date == dt.date(2022, 4, 6)  # day first
    assert report.published.text == "06/04/22"
    assert report.publisher is None
    assert report.questions == []


def test_adding_splits_a_quote_between_two_with_one_speaker() -> None:
    report = article()
    first = _quote(report, "Social work is a profession")
    second = report.quotes[first + 1]
    assert second.text == "We shouldn’t stop working with families."
    assert report.quotes[first].speaker == second.speaker == "social worker"
    assert report.quotes[first].span.line == second.span.line


def test_another_suggested_takes_the_previous_speaker() -> None:
    report = article()
    index = _quote(report, "Less paperwork, meetings")
    assert report.quotes[index].speaker == report.quotes[index - 1].speaker == "social worker"


def test_attributions_after_the_quote() -> None:
    report = article()
    assert report.quotes[_quote(report, "If I had a magic wand")].speaker == (
        "local authority staff member"
    )
    assert report.quotes[_quote(report, "Local authorities are underfunded")].speaker == (
        "Director of Children’s Services"
    )


def test_nested_quote_stays_inside() -> None:
    report = article()
    quote = report.quotes[_quote(report, "If I had a magic wand")]
    assert quote.text.endswith("Every complaint starts with ‘I have a new social worker’,")


def test_scare_quotes_are_the_writers_terms_not_respondent_quotes() -> None:
    report = article()
    texts = {q.text for q in report.quotes}
    assert not texts & {"cross-cutting theme", "afterthought", "cultural advisors"}


def test_page_furniture_is_not_in_the_record() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    end = news_article.article_end(text)
    assert text[:end].endswith(".pdf")
    assert end < text.index("£42,403") < text.index("Featured event")
    report = article()
    assert all(q.span.end <= end for q in report.quotes)
    assert not any("£" in q.text or "Sponsored" in q.text for q in report.quotes)
    assert report.links == [
        "https://childrenssocialcare.independent-review.uk/wp-content/uploads/2022/03/"
        "IRCSC_Workforce_Engagement_Summary_V_29.03.22_2.pdf"
    ]
    assert report.warnings == []


def test_handwritten_article() -> None:
    assert news_article.detect(HANDWRITTEN) >= 0.5
    report = extract_text(HANDWRITTEN)
    assert report.format == "news_article"
    assert report.title == "Foster carers call for more respite breaks, council review hears"
    assert report.standfirst is not None and report.standfirst.startswith("A survey of foster")
    assert report.published is not None and report.published.date == dt.date(2023, 3, 14)
    assert report.links == ["https://example.org/reports/respite-survey-2023.pdf"]
    assert [(q.text, q.speaker) for q in report.quotes] == [
        ("We have had no break in three years and nobody asks how we are,", "foster carer"),
        ("Our social worker is brilliant but she is stretched,", "kinship carer"),
        ("She cannot be everywhere.", "kinship carer"),
        ("Respite should be a right, not a favour.", "kinship carer"),
        (
            "We need to hear from carers much earlier than we do at the moment,",
            "council spokesperson",
        ),
    ]
    assert report.warnings == []


def test_handwritten_article_without_its_page_furniture_is_the_same() -> None:
    trimmed = HANDWRITTEN[: HANDWRITTEN.index("£30,000")]
    assert news_article.article_end(trimmed) == news_article.article_end(HANDWRITTEN)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“It was hard,” one foster carer said.", "foster carer"),
        ("“It was hard,” said a council spokesperson.", "council spokesperson"),
        (
            "“It was hard,” one Director of Children’s Services said.",
            "Director of Children’s Services",
        ),
        ("One senior social worker said: “It was hard.”", "senior social worker"),
        ("Social workers said the cuts were “hard to bear”.", "social workers"),
        ("Another suggested: “It was hard.”", "PREVIOUS"),
        ("Another respondent added: “It was hard.”", "respondent"),
        # Negatives: a time phrase, a proportion and a document are not speakers.
        ("“It was hard,” a week later the minister said.", None),
        ("“It was hard,” one in five respondents said.", None),
        ("“It was hard,” the report said.", None),
        ("Some suggested that ‘cultural advisors’ could help.", None),
    ],
)
def test_find_speaker(sentence: str, speaker: str | None) -> None:
    quote = find_quotes(sentence)[0]
    assert find_speaker(sentence, quote.start, quote.end, "PREVIOUS") == speaker


@pytest.mark.parametrize("most", [1, 2, 5])
def test_attributions_are_counted_as_the_whole_text_scan_counts_them(most: int) -> None:
    """Tried only where a quote closes, the attribution pattern counts what its scan finds."""
    texts = [HANDWRITTEN, *((RAW / name).read_text(encoding="utf-8") for name in POLL_REPORTS)]
    texts += [ARTICLE.read_text(encoding="utf-8"), '"x," said one nurse', "” one nurse said"]
    texts += ['"a" , one man said. ”b” said a c', "”,\n one of the staff members told", "said one"]
    for text in texts:
        expected = min(len(news_article._ATTRIBUTED.findall(text)), most)
        assert news_article.attributions(text, most) == expected, text
