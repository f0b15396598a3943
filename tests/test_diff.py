"""`extract diff`: only what a reader would call a change, whatever moved around it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from extract.diff import (
    KINDS,
    Change,
    Compare,
    diff_paths,
    diff_records,
    exit_code,
    load_records,
    render_json,
    render_markdown,
    render_table,
)
from extract.errors import ExtractError
from tests.conftest import GOLDEN

STEM = "002_32b4aaddebb844bc"


@pytest.fixture
def old() -> dict:
    return json.loads((GOLDEN / f"{STEM}.json").read_text(encoding="utf-8"))


def _shift_spans(value: object, by: int) -> None:
    """Move every span, as re-issuing a report with an edit above it would."""
    if isinstance(value, dict):
        span = value.get("span")
        if isinstance(span, dict):
            span["start"] += by
            span["end"] += by
            span["line"] += 1
        for item in value.values():
            _shift_spans(item, by)
    elif isinstance(value, list):
        for item in value:
            _shift_spans(item, by)


def _edited(old: dict) -> dict:
    """The corrected re-issue: fig4 'monthly' 32% -> 35%, fig7 removed, one quote and one
    warning added."""
    new = copy.deepcopy(old)
    new["source"]["sha256"] = "0" * 64
    new["source"]["path"] = "reissued/" + new["source"]["path"]
    _shift_spans(new, 17)
    q4 = next(q for q in new["questions"] if q["id"] == "fig4")
    monthly = next(o for o in q4["options"] if o["label"] == "monthly")
    monthly["percent"] = 35.0
    monthly["text"] = "35%"
    new["questions"] = [q for q in new["questions"] if q["id"] != "fig7"]
    new["quotes"].append(
        {
            "text": "supervision is the one hour a month I can think",
            "speaker": "social worker",
            "question": "fig8",
            "theme": None,
            "span": {"start": 9000, "end": 9047, "line": 200, "page": None},
        }
    )
    new["warnings"].append({"code": "unaccounted_number", "message": "a number", "span": None})
    return new


def test_edited_copy_gives_exactly_the_four_edits(old: dict) -> None:
    changes = diff_records(old, _edited(old))
    assert [c.kind for c in changes] == [
        "percent_changed",
        "question_removed",
        "quote_added",
        "warning_added",
    ]
    percent, removed, quote, warning = changes
    assert percent == Change(
        "percent_changed",
        STEM,
        "fig4",
        "options[monthly].percent",
        32.0,
        35.0,
        "fig4 option 'monthly': 32% -> 35%",
    )
    assert removed.question == "fig7"
    assert removed.old == old["questions"][6]["text"]
    assert removed.new is None
    assert removed.message.startswith("question removed: fig7 'How confident are you")
    assert quote.new == "supervision is the one hour a month I can think"
    assert quote.message == "quote added: 'supervision is the one hour a month I can think'"
    assert warning.message == "warning added: unaccounted_number: 'a number'"
    assert {c.kind for c in changes} <= set(KINDS)
    assert exit_code(changes) == 1


def test_identical_records_have_no_changes(old: dict) -> None:
    changes = diff_records(old, copy.deepcopy(old))
    assert changes == []
    assert exit_code(changes) == 0
    assert render_table(changes) == "no differences\n"
    assert render_markdown(changes) == "No differences.\n"
    assert json.loads(render_json(changes)) == []


def test_report_fields_and_question_details(old: dict) -> None:
    new = copy.deepcopy(old)
    new["title"] = "  the independent review of children’s social care: polling results report "
    new["respondents"]["n"] = 140
    new["fieldwork"]["end"] = "2022-02-03"
    q1, q2, q3 = new["questions"][:3]
    q1["text"] = "How often do you exceed your core working hours and work evenings or weekends?"
    q1["kind"] = "scale"
    q2["base"] = None
    q3["options"] = [o for o in q3["options"] if o["label"] != "sabbaticals"]
    q3["options"].append({**q3["options"][0], "label": "job share", "percent": 12.0})
    q3["free_text_responses"] = {"n": 38, "text": "38 free text", "span": q3["span"]}
    changes = diff_records(old, new)
    assert [(c.kind, c.question, c.field) for c in changes] == [
        ("field_changed", None, "fieldwork.end"),
        ("field_changed", None, "respondents"),
        ("question_reworded", "fig1", "text"),
        ("kind_changed", "fig1", "kind"),
        ("base_changed", "fig2", "base.n"),
        ("option_removed", "fig3", "options[sabbaticals]"),
        ("option_added", "fig3", "options[job share]"),
        ("free_text_changed", "fig3", "free_text_responses.n"),
    ]
    assert changes[1].message == "respondents: 135 -> 140"
    assert changes[3].message == "fig1 kind: single_choice -> scale"
    assert changes[4].message == "fig2 base: 135 -> none"


def test_questions_without_figures_pair_by_wording(old: dict) -> None:
    for q in old["questions"]:
        q["figure"] = None
    new = copy.deepcopy(old)
    new["questions"].reverse()
    q = new["questions"][0]  # fig14, reworded slightly
    q["text"] = q["text"].replace("In your experience how", "In your experience, how far")
    changes = diff_records(old, new)
    assert [(c.kind, c.question) for c in changes] == [("question_reworded", "fig14")]


def test_renumbered_figures_do_not_pair_different_questions(old: dict) -> None:
    new = copy.deepcopy(old)
    new["questions"] = [q for q in new["questions"] if q["figure"] != 12]
    for q in new["questions"]:
        if q["figure"] > 12:
            q["figure"] -= 1
    changes = diff_records(old, new)
    # figure 12's question is removed, not paired with the one now numbered 12; the two
    # renumbered figures are changes of their own
    assert [(c.kind, c.question, c.field, c.old, c.new) for c in changes] == [
        ("question_removed", "fig12", "question", old["questions"][11]["text"], None),
        ("field_changed", "fig13", "figure", 13, 12),
        ("field_changed", "fig14", "figure", 14, 13),
    ]


def _write(folder: Path, record: dict, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{record['id']}.json")
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_folders_pair_reports_by_id(old: dict, tmp_path: Path) -> None:
    other = json.loads((GOLDEN / "003_3e1dfabc19509116.json").read_text(encoding="utf-8"))
    _write(tmp_path / "a", old)
    _write(tmp_path / "a", other)
    _write(tmp_path / "a", {"files": []}, "_run.json")  # the run report: skipped, and said so
    _write(tmp_path / "b", _edited(old), "renamed.json")
    skipped: list[str] = []
    changes = diff_paths(tmp_path / "a", tmp_path / "b", skipped)
    assert skipped == [f"{tmp_path / 'a' / '_run.json'}: the run report, not a record"]
    assert [(c.kind, c.report) for c in changes] == [
        ("percent_changed", STEM),
        ("question_removed", STEM),
        ("quote_added", STEM),
        ("warning_added", STEM),
        ("report_removed", other["id"]),
    ]
    assert changes[-1].old == other["title"]
    back = diff_paths(tmp_path / "b", tmp_path / "a")
    assert back[-1].kind == "report_added"
    assert [c.kind for c in back[:3]] == ["percent_changed", "question_added", "quote_removed"]


def test_two_files_compare_whatever_their_ids(old: dict, tmp_path: Path) -> None:
    this_year = _edited(old)
    this_year["id"] = "poll_2023"
    changes = diff_paths(_write(tmp_path, old), _write(tmp_path, this_year))
    assert len(changes) == 4
    assert {c.report for c in changes} == {f"{STEM} -> poll_2023"}


def test_jsonl_records_load(old: dict, tmp_path: Path) -> None:
    other = json.loads((GOLDEN / "003_3e1dfabc19509116.json").read_text(encoding="utf-8"))
    path = tmp_path / "all.jsonl"
    path.write_text(json.dumps(old) + "\n\n" + json.dumps(other) + "\n", encoding="utf-8")
    assert sorted(load_records(path)) == [STEM, other["id"]]
    assert load_records(tmp_path)[STEM] == old


def test_renderers(old: dict) -> None:
    new = _edited(old)
    new["quotes"][-1]["text"] = "good | bad"
    changes = diff_records(old, new)
    table = render_table(changes).splitlines()
    assert table[0].split() == ["REPORT", "QUESTION", "CHANGE"]
    column = table[0].index("QUESTION")
    assert all(line[column : column + 2] in ("QU", "fi", "- ") for line in table)
    assert "fig4 option 'monthly': 32% -> 35%" in table[1]

    parsed = json.loads(render_json(changes))
    assert [list(item) for item in parsed] == [
        ["kind", "report", "question", "field", "old", "new", "message"]
    ] * 4
    assert parsed[0]["old"] == 32.0 and parsed[0]["new"] == 35.0

    markdown = render_markdown(changes).splitlines()
    assert markdown[0] == "| Report | Question | Change |"
    assert markdown[1] == "| --- | --- | --- |"
    assert markdown[-2].endswith("| quote added: 'good \\| bad' |")
    assert all(line.replace("\\|", "").count("|") == 4 for line in markdown)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_bad_json_names_the_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_text('{"id": "x", ', encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        load_records(path)
    assert caught.value.code == "bad_record"
    assert f"broken{suffix}" in caught.value.message
    assert "invalid JSON" in caught.value.message


def test_not_a_record_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"list\.json: not an extraction record"):
        load_records(path)
    with pytest.raises(ExtractError, match="no such file"):
        load_records(tmp_path / "missing.json")


def test_diff_command_exit_codes_and_formats(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extract.cli import app

    golden = Path(__file__).resolve().parent / "golden" / "002_32b4aaddebb844bc.json"
    record = json.loads(golden.read_text(encoding="utf-8"))
    record["questions"][3]["options"][0]["percent"] = 35.0
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(record), encoding="utf-8")
    runner = CliRunner()
    same = runner.invoke(app, ["diff", str(golden), str(golden)])
    assert same.exit_code == 0 and "no differences" in same.output
    changed = runner.invoke(app, ["diff", str(golden), str(edited), "--json"])
    assert changed.exit_code == 1
    assert [c["kind"] for c in json.loads(changed.output)] == ["percent_changed"]
    markdown = runner.invoke(app, ["diff", str(golden), str(edited), "--markdown"])
    assert markdown.output.startswith("|") and "32% -> 35%" in markdown.output


def _option(record: dict, qid: str, label: str) -> dict:
    question = next(q for q in record["questions"] if q["id"] == qid)
    return next(o for o in question["options"] if o["label"] == label)


def test_tolerance_lets_rounding_noise_pass(old: dict) -> None:
    new = copy.deepcopy(old)
    _option(new, "fig4", "monthly")["percent"] = 32.4
    _option(new, "fig4", "weekly")["percent"] = 11.0  # 10 -> 11: a real change at 0.5
    assert [c.new for c in diff_records(old, new)] == [32.4, 11.0]
    assert [c.new for c in diff_records(old, new, Compare(tolerance=0.5))] == [11.0]
    assert diff_records(old, new, Compare(tolerance=1)) == []


@pytest.mark.parametrize(
    ("label", "percent", "kinds"),
    [
        ("monthly sessions", 32.0, ["option_relabelled"]),  # similar label, same share
        ("every four weeks", 32.0, ["option_relabelled"]),  # same share, same place
        ("monthly sessions", 30.0, ["option_removed", "option_added"]),  # the share moved too
    ],
)
def test_a_relabel_is_one_change_only_when_the_share_is_the_same(
    old: dict, label: str, percent: float, kinds: list[str]
) -> None:
    new = copy.deepcopy(old)
    option = _option(new, "fig4", "monthly")
    option.update(label=label, percent=percent, id=f"fig4.{label.replace(' ', '_')}")
    changes = diff_records(old, new)
    assert [c.kind for c in changes] == kinds
    if kinds == ["option_relabelled"]:
        assert (changes[0].old, changes[0].new) == ("monthly", label)


def test_warnings_that_appear_and_vanish_are_named(old: dict) -> None:
    new = copy.deepcopy(old)
    old["warnings"] = [{"code": "unaccounted_date", "message": "date '1 May' is not in the record"}]
    new["warnings"] = [{"code": "options_sum", "message": "fig4: options sum to 120%"}]
    changes = diff_records(old, new)
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("warning_removed", "date '1 May' is not in the record", None),
        ("warning_added", None, "fig4: options sum to 120%"),
    ]
    assert changes[1].message == "warning added: options_sum: 'fig4: options sum to 120%'"


def test_stable_ids_pair_a_question_reworded_beyond_recognition(old: dict) -> None:
    for q in old["questions"]:
        q["figure"] = None
    new = copy.deepcopy(old)
    new["questions"][0]["text"] = "Overtime: how often?"
    changes = diff_records(old, new)
    assert [(c.kind, c.question) for c in changes] == [("question_reworded", "fig1")]
    # a 1.0 record's ids are positional: they pair nothing, so the same edit is removed + added
    for record in (old, new):
        record["schema_version"] = "1.0"
    kinds = sorted(c.kind for c in diff_records(old, new))
    assert kinds == ["question_added", "question_removed"]


def test_reports_pair_by_title_only_where_one_on_each_side_has_it(
    old: dict, tmp_path: Path
) -> None:
    renamed = {**copy.deepcopy(old), "id": "poll_2022_03"}
    _write(tmp_path / "a", old)
    _write(tmp_path / "b", renamed)
    assert diff_paths(tmp_path / "a", tmp_path / "b") == []
    twin = {**copy.deepcopy(old), "id": "poll_2022_03_copy"}  # two candidates: no guess
    _write(tmp_path / "b", twin)
    kinds = [(c.kind, c.report) for c in diff_paths(tmp_path / "a", tmp_path / "b")]
    assert kinds == [
        ("report_removed", STEM),
        ("report_added", "poll_2022_03"),
        ("report_added", "poll_2022_03_copy"),
    ]
    paired = diff_paths(tmp_path / "a", tmp_path / "b", explicit=[(STEM, "poll_2022_03.json")])
    assert [(c.kind, c.report) for c in paired] == [("report_added", "poll_2022_03_copy")]
    with pytest.raises(ExtractError, match="--pair: no record 'nope' in NEW"):
        diff_paths(tmp_path / "a", tmp_path / "b", explicit=[(STEM, "nope")])


def test_diff_command_usage_errors_are_one_line_and_exit_2(old: dict, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from extract.cli import app

    runner = CliRunner()
    a, b = _write(tmp_path / "a", old), _write(tmp_path / "b", old)
    cases = {
        ("diff", str(a), str(tmp_path / "missing.json")): "error: no such file or folder: ",
        ("diff", str(a.parent), str(b.parent), "--pair", "x"): "error: --pair x: give OLD=NEW",
        ("diff", str(a.parent), str(b.parent), "--pair", "x=y"): "error: --pair: no record 'x'",
        ("diff", str(a), str(b), "--tolerance", "-1"): "Invalid value for '--tolerance'",
    }
    for args, expected in cases.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 2, args
        assert expected in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_a_record_made_before_1_1_is_read_and_compared(old: dict, tmp_path: Path) -> None:
    """Last release's records have no extract_version or option ids, and number their
    questions q1, q2…: diff still reads them and pairs the questions by figure and wording."""
    before = copy.deepcopy(old)
    before["schema_version"] = "1.0"
    del before["extract_version"]
    for n, q in enumerate(before["questions"], start=1):
        q["id"] = f"q{n}"
        for option in q["options"]:
            del option["id"]
    for quote in before["quotes"]:
        quote["question"] = quote["question"] and f"q{quote['question'].removeprefix('fig')}"
    new = copy.deepcopy(old)
    _option(new, "fig4", "monthly")["percent"] = 35.0
    changes = diff_paths(_write(tmp_path / "a", before), _write(tmp_path / "b", new))
    assert [(c.kind, c.question, c.message) for c in changes] == [
        ("percent_changed", "fig4", "fig4 (was q4) option 'monthly': 32% -> 35%")
    ]


@pytest.mark.parametrize(
    ("old_id", "new_id", "kinds"),
    [
        ("q-3fa9c1", "q-77e0a2", ["question_reworded"]),  # the hash follows the wording
        ("q3-5e1f", "q3-9a0b", ["question_reworded"]),  # so does a told-apart code's
        ("q3", "q4", ["question_reworded", "question_id_changed"]),  # the report renumbered
        ("fig3", "q-77e0a2", ["question_reworded", "question_id_changed"]),  # figure dropped
    ],
)
def test_an_id_that_moved_only_with_the_wording_is_part_of_the_rewording(
    old: dict, old_id: str, new_id: str, kinds: list[str]
) -> None:
    old["questions"] = old["questions"][:1]
    old["questions"][0].update(id=old_id, figure=None)
    new = copy.deepcopy(old)
    new["questions"][0].update(id=new_id, text="Each week: " + old["questions"][0]["text"])
    changes = diff_records(old, new)
    assert [c.kind for c in changes] == kinds
    assert changes[0].message.startswith(f"{new_id} (was {old_id}) reworded: ")
