"""Stable ids: named by what the report prints, unchanged when another question comes or goes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import __version__
from extract.ids import (
    code_id,
    disambiguate,
    label_slug,
    question_id,
    short_hash,
    with_question_ids,
)
from extract.models import Question, Quote
from extract.pipeline import extract_file, extract_text, read_file
from tests.conftest import GOLDEN, RAW, ROOT

DOCUMENTS = ROOT / "tests" / "documents"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Q3", "q3"),
        ("Q 3", "q3"),
        ("q12b", "q12b"),
        ("Question 3", "q3"),
        ("Question12b", "q12b"),
        ("QA", "qa"),
        ("P1", "p1"),
        ("POL1_2", "pol1_2"),
        ("np3c", "np3c"),
        ("3", "q3"),  # a numbered "3." before the wording
    ],
)
def test_printed_codes_become_ids(code: str, expected: str) -> None:
    assert code_id(code) == expected


@pytest.mark.parametrize(
    ("code", "figure", "text", "expected"),
    [
        ("Q3", 7, "How often?", "q3"),  # the code wins over the figure
        (None, 7, "How often?", "fig7"),
        (None, 0, "How often?", "fig0"),  # figure 0 is a figure (zero is a value)
        (None, None, "How often?", "q-" + short_hash("how often")),
        # the hash is of the normalised wording: case, spacing, quotes and the "?" ignored
        (None, None, "  HOW   often ", "q-" + short_hash("how often")),
        (None, None, "Don’t you?", "q-" + short_hash("don't you")),
    ],
)
def test_question_id_from_code_then_figure_then_wording(
    code: str | None, figure: int | None, text: str, expected: str
) -> None:
    assert question_id(code, figure, text) == expected


@pytest.mark.parametrize(
    ("bases", "keys", "expected"),
    [
        (["q1", "q2", "fig3"], ["a", "b", "c"], ["q1", "q2", "fig3"]),
        # a shared base: each adds a hash of its own wording, the others keep theirs
        (
            ["q2", "q2", "q3"],
            ["Printing", "Study rooms", "c"],
            [f"q2-{short_hash('printing', 4)}", f"q2-{short_hash('study rooms', 4)}", "q3"],
        ),
        # the same wording too: numbered in document order
        (
            ["q1", "q1"],
            ["Same?", "same"],
            [f"q1-{short_hash('same', 4)}", f"q1-{short_hash('same', 4)}~2"],
        ),
        (["a.x", "a.x", "a.x"], None, ["a.x", "a.x~2", "a.x~3"]),
    ],
)
def test_collisions_are_told_apart_deterministically(
    bases: list[str], keys: list[str] | None, expected: list[str]
) -> None:
    made = disambiguate(bases, keys)
    assert made == expected
    assert len(set(made)) == len(made)
    assert disambiguate(bases, keys) == made  # the same on every run


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Monthly", "monthly"),
        ("Don’t know", "don_t_know"),
        ("Other (please specify)", "other_please_specify"),
        ("4-6 weeks", "4_6_weeks"),
        ("a " + "very " * 20 + "long label", "a_very_very_very_very_very_very_very"),
        ("—", short_hash("—")),  # no word characters: a hash of the label
    ],
)
def test_label_slugs(label: str, expected: str) -> None:
    assert label_slug(label) == expected
    assert len(label_slug(label)) <= 40


def _ids(text: str) -> dict[str, str]:
    """{wording: id} of a report's questions."""
    return {q.text: q.id for q in extract_text(text).questions}


def test_numbered_questions_keep_their_codes_when_one_is_removed_and_one_added() -> None:
    text = (DOCUMENTS / "numbered_questions_tables.txt").read_text(encoding="utf-8")
    before = _ids(text)
    assert sorted(before.values()) == ["q1", "q2", "q3", "q4"]
    start, end = text.index("Q2."), text.index("Q3.")
    edited = text[:start] + text[end:] + "\nQ5. Do you own a bicycle?\n\nYes 40%\nNo 60%\n"
    after = _ids(edited)
    removed = next(w for w, i in before.items() if i == "q2")
    assert removed not in after
    assert after.pop("Do you own a bicycle?") == "q5"
    assert after == {w: i for w, i in before.items() if i != "q2"}


def test_claims_keep_their_hash_ids_when_one_is_removed_and_one_added() -> None:
    text = (DOCUMENTS / "key_findings_bullets.txt").read_text(encoding="utf-8")
    before = _ids(text)
    assert len(before) == 5 and all(i.startswith("q-") for i in before.values())
    gone = "- Only 9% said the waiting list in their area was under a year long.\n"
    added = "- 30% of plot holders share their tools with neighbours.\n"
    edited = text.replace(gone, "").replace("- Almost two", added + "- Almost two")
    after = _ids(edited)
    assert len(after) == 5
    new = (set(after) - set(before)).pop()
    assert new.lower().startswith("share their tools")
    del after[new]
    assert after == {w: i for w, i in before.items() if "waiting list" not in w}


def test_figure_ids_unchanged_when_a_section_is_removed(tmp_path: Path) -> None:
    text = (RAW / "002_32b4aaddebb844bc.txt").read_text(encoding="utf-8")
    heading = "### How frequently do you or social workers in your organisation receive "
    start, end = text.index(heading + "peer"), text.index(heading + "supervision")
    path = tmp_path / "poll.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    before = {q.text: q.id for q in extract_file(RAW / "002_32b4aaddebb844bc.txt").questions}
    after = {q.text: q.id for q in extract_file(path).questions}
    assert after == {w: i for w, i in before.items() if i != "fig4"}
    assert len(after) == len(before) - 1


def test_a_code_printed_twice_gives_two_ids_and_the_same_ones_on_every_run() -> None:
    text = (
        "Spring wave\n\nQ1. Do you cycle to work?\n\nYes 40%\nNo 60%\n\n"
        "Autumn wave\n\nQ1. Do you walk to work?\n\nYes 30%\nNo 70%\n"
    )
    ids = _ids(text)
    assert ids == {
        "Do you cycle to work?": f"q1-{short_hash('do you cycle to work', 4)}",
        "Do you walk to work?": f"q1-{short_hash('do you walk to work', 4)}",
    }
    assert _ids(text) == ids


def test_grid_rows_share_their_code_and_name_their_grid_by_the_first_rows_id() -> None:
    report = extract_file(DOCUMENTS / "grid_frequency_counts.txt")
    rows = [(q.id, q.grid) for q in report.questions]
    wording = "how often do you use each of these services? - "
    printing, study = (f"q2-{short_hash(wording + row, 4)}" for row in ("printing", "study rooms"))
    assert rows[:2] == [(printing, printing), (study, printing)]
    assert {grid for _, grid in rows[2:]} == {rows[2][0]}


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.stem)
def test_ids_are_unique_and_name_what_they_point_at(path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["extract_version"] == __version__
    questions = record["questions"]
    ids = [q["id"] for q in questions]
    assert len(set(ids)) == len(ids)
    option_ids = [o["id"] for q in questions for o in q["options"]]
    assert len(set(option_ids)) == len(option_ids)
    for q in questions:
        assert all(o["id"].startswith(q["id"] + ".") for o in q["options"])
        assert sorted(o["position"] for o in q["options"]) == list(range(1, len(q["options"]) + 1))
        assert q["grid"] is None or q["grid"] in ids
    assert {quote["question"] for quote in record["quotes"]} <= {*ids, None}


@pytest.mark.parametrize("path", sorted(DOCUMENTS.iterdir()), ids=lambda p: p.stem)
def test_ids_are_given_by_copies_only_where_they_change(path: Path) -> None:
    """A record whose questions and quotes hold their ids already is given them again
    without a copy; one whose ids were lost (the grids and quotes naming the lost ones) gets
    copies equal to the record, the models it was given left as they were."""
    doc, report = read_file(path)
    again = with_question_ids(doc, report)
    assert again == report
    for made, given in (
        *zip(again.questions, report.questions, strict=True),
        *zip(again.quotes + again.statements, report.quotes + report.statements, strict=True),
    ):
        assert made is given

    lost_id = {q.id: f"lost{i}" for i, q in enumerate(report.questions)}

    def lost(model: Question | Quote, **names: str | None) -> Question | Quote:
        return model.model_copy(update={k: lost_id.get(v or "", v) for k, v in names.items()})

    forgotten = report.model_copy(
        update={
            "questions": [lost(q, id=q.id, grid=q.grid) for q in report.questions],
            "quotes": [lost(quote, question=quote.question) for quote in report.quotes],
            "statements": [lost(quote, question=quote.question) for quote in report.statements],
        }
    )
    assert with_question_ids(doc, forgotten) == report
    assert [q.id for q in forgotten.questions] == list(lost_id.values())
