"""Labels that name the answer (extract/labels.py, extract/shares.py) and question kinds from the
wording and the option set (extract/kinds.py `question_kind`): one table per rule, each with
the phrasings it serves and the negatives it must leave alone. Every sentence is made up."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.kinds import question_kind
from extract.labels import answer_label, scale_answer, without_subject
from extract.models import Option, Span
from extract.reader import with_order
from extract.shares import QuoteIndex, read_shares


@pytest.mark.parametrize(
    ("clause", "subject_free"),
    [
        # who answered
        ("of the gardeners surveyed grow their own herbs", "grow their own herbs"),
        ("of the nation could name their local councillor", "could name their local councillor"),
        ("three quarter of pilots would fly the route again", "would fly the route again"),
        ("surveyed who had moved house said that they regretted it", "regretted it"),
        ("teachers in Leeds have raised their grades", "have raised their grades"),
        ("who needed a repair did not report it", "did not report it"),
        ("a further said they would be worried", "would be worried"),
        (
            "there was no change in the proportion of cyclists who felt that roads were safe",
            "roads were safe",
        ),
        # how they said it
        ("reported that they walk to work", "walk to work"),
        ("said they had moved house", "had moved house"),
        # negatives: a bare "report" or "believe" is the answer's own verb
        ("report long waits at the clinic", "report long waits at the clinic"),
        ("believe it likely they will move", "believe it likely they will move"),
        ("grow their own herbs", "grow their own herbs"),
        ("the new timetable was popular", "the new timetable was popular"),
    ],
)
def test_who_answered_and_how_they_said_it_are_not_the_answer(
    clause: str, subject_free: str
) -> None:
    assert without_subject(clause) == subject_free


@pytest.mark.parametrize(
    ("clause", "point"),
    [
        ("agreed that the park should open later", "agreed"),
        ("strongly oppose the new car park", "strongly oppose"),
        ("were satisfied with the bus service", "satisfied"),
        ("felt very confident", "very confident"),
        ("the advice they found online was unhelpful", "unhelpful"),
        ("their own dentist was either very trustworthy", "very trustworthy"),
        ("the public disapprove", "disapprove"),
        ("don’t know", "don’t know"),
        # negatives: a scale word that is not the answer
        ("it was more helpful than unhelpful", None),
        ("have a duty to support local shops", None),
        ("are less likely to stay in the job", None),
        ("effective approaches to flood defence", None),
    ],
)
def test_an_answer_on_a_scale_is_its_point_as_written(clause: str, point: str | None) -> None:
    assert scale_answer(clause) == point


@pytest.mark.parametrize(
    ("clause", "label"),
    [
        # the scale point (issue 12: "52% said they were satisfied" → "satisfied")
        ("of the tenants said they were satisfied with repairs", "satisfied"),
        ("agree that the library should open on Sundays", "agree"),
        # when, why, on what condition: not the answer
        ("had visited a museum in the last year", "had visited a museum"),
        ("would cancel their subscription if the price rose", "would cancel their subscription"),
        ("had changed jobs because of the commute", "had changed jobs"),
        ("walk to work instead of driving", "walk to work"),
        ("bought a bike, a survey shows", "bought a bike"),
        ("shop online (mostly for groceries)", "shop online"),
        # a quoted answer ends the label
        ('would be "anxious" about the cost of the trip', "would be anxious"),
        # polarity spelled out
        ("wouldn't feel safe walking home", "would not feel safe walking home"),
        ("won't renew their lease", "will not renew their lease"),
        # the head phrase of a long claim, ended before a preposition
        (
            "have personally seen litter dumped in the river by visitors at weekends",
            "have personally seen litter dumped in the river",
        ),
        (
            "would recommend the campsite to friends and family members",
            "would recommend the campsite to friends and family members",
        ),
        # negatives: kept as they are
        ("Yes", "Yes"),
        ("grow fruit as well as vegetables", "grow fruit as well as vegetables"),
        ("see patients when they are already unwell", "see patients when they are already unwell"),
    ],
)
def test_a_claim_is_labelled_by_the_answer_it_states(clause: str, label: str) -> None:
    assert answer_label(clause) == label


@pytest.mark.parametrize(
    "clause",
    [
        "have personally seen litter dumped in the river by visitors at weekends",
        "had moved the weekly market to a new site in the town centre last spring",
    ],
)
def test_an_answer_listed_among_others_keeps_its_words(clause: str) -> None:
    assert len(answer_label(clause, listed=True).split()) > len(answer_label(clause).split())


@pytest.mark.parametrize("clause", ["of", "to the", ")", "and (12)"])
def test_a_label_is_never_a_fragment_without_a_word(clause: str) -> None:
    label = answer_label(clause)
    assert label == clause.strip()  # nothing better: the caller's content check drops it


def _labels(text: str) -> list[str]:
    shares = read_shares(text, [(0, len(text))], QuoteIndex([]), numeric_scale=False)
    return [s.label for s in shares if s.is_option]


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        # "(N% LABEL, M% LABEL)": the bracket opens with the share and holds its label
        (
            "Fewer back the second plan (21% approve, 52% disapprove).",
            ["approve", "disapprove"],
        ),
        # an aside closes the bracket before the label
        (
            "Most drivers (54%, the same as last year) could name the speed limit.",
            ["could name the speed limit"],
        ),
        # "… said that they …(N%)": what they said is the answer
        (
            "Half of tenants said that they had reported a repair to the council (51%).",
            ["had reported a repair to the council"],
        ),
        # negatives: a noun before the bracket is the label's end, not who answered
        (
            "Drivers most often named delays at roadworks (31%) and poor signs (12%).",
            ["delays at roadworks", "poor signs"],
        ),
        # a degree point of an answer scale is an answer wherever it stands
        (
            "Of those asked, 40% were fairly confident and 12% not at all confident.",
            ["fairly confident", "not at all confident"],
        ),
    ],
)
def test_labels_of_shares_in_prose(sentence: str, labels: list[str]) -> None:
    assert _labels(sentence) == labels


def test_one_answer_in_words_and_in_digits_is_one_option() -> None:
    report = extract_text(
        "Survey of tenants\n\nHalf of tenants said that they had asked for a repair (51%).\n"
    )
    options = [o for q in report.questions for o in q.options]
    assert [(o.label, o.percent) for o in options] == [("had asked for a repair", 51.0)]


def _option(label: str, percent: float = 10.0) -> Option:
    return Option(label=label, percent=percent, text=label, span=Span(start=0, end=1, line=1))


@pytest.mark.parametrize(
    ("wording", "labels", "kind"),
    [
        # wording alone, no options
        ("Should the council build a new pool?", [], "yes_no"),
        ("12. Is the new website easy to use?", [], "yes_no"),
        ("Is traffic getting better or getting worse?", [], "single_choice"),
        ("Should the vote be held now, or be delayed until spring?", [], "single_choice"),
        ("Would you support a ban on fireworks, or not?", [], "yes_no"),
        ("Should we ask whether members want longer or shorter meetings?", [], "yes_no"),
        ("How would you rate the new menu?", [], "scale"),
        ("How familiar are you with the recycling rules?", [], "scale"),
        ("How many cars does your household own?", [], "single_choice"),
        ("What is your current job title?", [], "single_choice"),
        ("Which club(s) do you belong to?", [], "multi_choice"),
        ("What are your reasons for volunteering?", [], "multi_choice"),
        ("Why did you choose this school?", [], "free_text"),
        ("Any other comments about the event? (free text)", [], "free_text"),
        # the option set decides
        ("Did you vote?", ["Yes", "No"], "yes_no"),
        ("Is the bridge safe?", ["Yes", "No", "Don't know"], "yes_no"),
        ("Do you cycle?", ["Yes, daily", "Yes, sometimes", "No"], "single_choice"),
        ("Did you enjoy the film?", ["Yes", "Partly"], "yes_no"),
        # two poles alone are a choice; degrees or three points make a scale
        ("The plan", ["Approve", "Disapprove"], "single_choice"),
        ("The plan", ["Strongly approve", "Disapprove"], "scale"),
        ("The plan", ["Approve", "Neither approve nor disapprove", "Disapprove"], "scale"),
        # the wording names points of a rating scale
        ("Rated their local park as poor or very poor", [], "scale"),
        ("Rated the canteen as inadequate or requiring improvement", [], "scale"),
        ("Owners said the advice was helpful or unhelpful", [], "unknown"),
    ],
)
def test_kind_from_wording_and_options(wording: str, labels: list[str], kind: str) -> None:
    options = [_option(label) for label in labels]
    assert question_kind(wording, options, from_prose=False) == kind


@pytest.mark.parametrize(
    "claim",
    ["Would walk more if pavements were wider", "Have used the new cycle lane"],
)
def test_a_claim_opening_with_an_auxiliary_asks_no_yes_no_question(claim: str) -> None:
    assert question_kind(claim, [_option("x")], from_prose=True, claim=True) == "unknown"


def test_yes_and_more_than_yes_is_no_yes_no_question() -> None:
    question = extract_text(
        "Do you recycle glass?\n\nYes, every week 40%\nYes, sometimes 35%\nNo 25%\n"
    ).questions
    assert question
    ordered = with_order(question[0])
    assert ordered.kind != "yes_no"
