"""Open answers listed by survey tools (numbered, time-stamped, no quote marks) are quotes.
Every phrasing here was written for these tests."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.document import Document
from extract.fields.answer_lists import bulleted_answers, listed_answers
from extract.layout import text_to_blocks

LISTING = """## Q4 What would make the newsletter more useful?

Answered: 3 Skipped: 1

# RESPONSES DATE
1 Shorter issues 3/2/2021 9:15 AM
2 More pictures of the allotments and fewer notices about meetings. How do I find the
archive of old issues?
2/28/2021 6:40 PM
3 A calendar of events on the back page would help 2/27/2021 11:02 AM
"""


def test_each_numbered_answer_up_to_its_time_is_a_quote() -> None:
    assert [q.text for q in listed_answers(LISTING)] == [
        "Shorter issues",
        "More pictures of the allotments and fewer notices about meetings. How do I find the "
        "archive of old issues?",
        "A calendar of events on the back page would help",
    ]
    for quote in listed_answers(LISTING):
        assert LISTING[quote.start : quote.end].split() == quote.text.split()


def test_listed_answers_are_quotes_of_the_question_and_ask_nothing() -> None:
    report = extract_text(LISTING)
    assert [q.text for q in report.questions] == ["What would make the newsletter more useful?"]
    assert [q.question for q in report.quotes] == ["q4", "q4", "q4"]  # its code, "Q4"
    assert report.quotes[2].text == "A calendar of events on the back page would help"


@pytest.mark.parametrize(
    "text",
    [
        "The meeting on 3/2/2021 9:15 AM was cancelled.",  # a time stamp without a numbered line
        "12% said yes\nThe poll closed 3/2/2021 9:15 AM",  # a share is no list number
        "Fieldwork ran from 3 March to 9 March 2021.",  # no time stamp
    ],
)
def test_no_numbered_answer_no_quote(text: str) -> None:
    assert listed_answers(text) == []


BULLETED = """## Please tell us why you joined the club (optional)

Answered: 4 Skipped: 9

● To meet people who live nearby. ● The courts are close to my house
● My daughter plays in the junior league.

## How often do you play?

Answered: 12 Skipped: 1

Weekly 50%
Monthly 50%

● 50% of members play weekly
"""


def test_bulleted_answers_under_answered_are_quotes_until_a_table() -> None:
    assert [q.text for q in bulleted_answers(Document(BULLETED))] == [
        "To meet people who live nearby.",
        "The courts are close to my house",
        "My daughter plays in the junior league.",
    ]


def test_bullets_set_side_by_side_are_items_of_their_own() -> None:
    items = [b.text for b in text_to_blocks("● Fast to set up. ● Cheap\n") if b.kind == "list_item"]
    assert items == ["Fast to set up.", "Cheap"]


def test_bullets_without_answered_are_not_quotes() -> None:
    text = "## Key findings\n\n● Members like the new courts\n● Fees should stay as they are\n"
    assert bulleted_answers(Document(text)) == []


def test_an_open_question_answered_in_words_counts_its_answers() -> None:
    report = extract_text(BULLETED)
    first = report.questions[0]
    assert first.text == "Please tell us why you joined the club (optional)"
    assert first.kind == "free_text"
    assert first.base is not None and first.base.n == 4
    assert first.free_text_responses is not None and first.free_text_responses.n == 4
    assert {q.question for q in report.quotes} == {first.id}
    second = report.questions[1]
    assert second.text == "How often do you play?"
    assert second.kind != "free_text" and second.free_text_responses is None


def test_a_numbered_listing_is_an_open_questions_answers() -> None:
    (question,) = extract_text(LISTING).questions
    assert question.kind == "free_text"
    assert question.free_text_responses is not None and question.free_text_responses.n == 3


OTHER_SPECIFIED = """## Q2 Where do you usually swim?

Answered: 40 Skipped: 2

# OTHER (PLEASE SPECIFY) DATE
1 The river by the old mill 5/2/2021 9:15 AM
2 Wherever my club trains that week 5/1/2021 6:40 PM
3 A lido 4/29/2021 11:02 AM

ANSWER CHOICES RESPONSES
Indoor pool 55.00% 22
Outdoor pool 25.00% 10
Open water 12.50% 5
Other (please specify) 7.50% 3
"""


def test_the_numbered_other_answers_of_a_choice_question_are_its_free_text_count() -> None:
    """The tool numbers the "Other (please specify)" answers it lists, 1 to n: n answered in
    their own words, the last number its span."""
    (question,) = extract_text(OTHER_SPECIFIED).questions
    assert [o.label for o in question.options][-1] == "Other (please specify)"
    count = question.free_text_responses
    assert count is not None and count.n == 3 and count.text == "3"
    assert OTHER_SPECIFIED[count.span.start : count.span.end] == "3"


def test_numbers_that_do_not_run_from_one_count_nothing() -> None:
    """A listing carried over from the page before starts at 4: the count is not all there."""
    text = (
        OTHER_SPECIFIED.replace("\n1 The river", "\n4 The river")
        .replace("\n2 Wherever", "\n5 Wherever")
        .replace("\n3 A lido", "\n6 A lido")
    )
    (question,) = extract_text(text).questions
    assert question.free_text_responses is None


def test_an_open_questions_number_of_responses_is_its_free_text_count() -> None:
    text = (
        "## Why did you stop swimming at the town pool?\n\nNumber of responses: 12\n\n"
        "Text answers:\n\nMore hooks and a bench that is not always wet\n"
    )
    (question,) = extract_text(text).questions
    assert question.kind == "free_text"
    assert question.free_text_responses is not None and question.free_text_responses.n == 12
