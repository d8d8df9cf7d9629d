"""The `rapport grade FILE... [--rubric ID] [--json]` contract. Scripts outside the project depend on it:
field names and shapes are checked exactly. Most cases run in-process (Typer's runner); the first and the
rehearse-then-grade pipeline run the installed command, as a user would."""

import json
from pathlib import Path

import pytest

from tests.support.cli import invoke_rapport, run_rapport
from tests.support.grading import SCRIPTS, TRANSCRIPTS

GOOD = TRANSCRIPTS / "long_two_sessions.json"
POOR = TRANSCRIPTS / "friendly_consultant.json"
LEVELS = {"not_evident", "partial", "consistent", "not_applicable"}


def learner_turn(turns: list[dict[str, str]], index: int) -> int:
    """The coach turn's number as the practice app shows it: how many coach turns up to and including it."""
    return sum(1 for turn in turns[: index + 1] if turn["speaker"] == "coach")


def check_contract(graded: dict[str, object], transcript: Path) -> None:
    assert set(graded) == {"rubric", "score", "passed", "criteria", "blocking", "metrics"}
    assert graded["rubric"] == "icf-trust-agreements"  # the default rubric
    assert isinstance(graded["score"], int | float) and 0 <= graded["score"] <= 100
    assert isinstance(graded["passed"], bool)
    turns = json.loads(transcript.read_text())["turns"]
    criteria = graded["criteria"]
    assert isinstance(criteria, list) and criteria
    for criterion in criteria:
        assert set(criterion) == {"id", "level", "score", "evidence", "feedback"}
        assert (
            criterion["level"] in LEVELS and isinstance(criterion["feedback"], str) and criterion["feedback"]
        )
        assert (
            criterion["score"] is None
            if criterion["level"] == "not_applicable"
            else 0 <= criterion["score"] <= 100
        )
        for evidence in criterion["evidence"]:
            assert set(evidence) == {"turn", "quote", "learner_turn"}  # learner_turn: added, issue 12
            assert turns[evidence["turn"]]["speaker"] == "coach"
            assert evidence["quote"] in turns[evidence["turn"]]["text"]
            assert evidence["learner_turn"] == learner_turn(turns, evidence["turn"])
    blocking = graded["blocking"]
    assert isinstance(blocking, list)
    for hit in blocking:
        assert set(hit) == {"id", "turn", "quote", "learner_turn"}
        assert hit["quote"] in turns[hit["turn"]]["text"]
        assert hit["learner_turn"] == learner_turn(turns, hit["turn"])
    metrics = graded["metrics"]
    assert isinstance(metrics, dict)
    for name in (
        "client_talk_share",
        "reflection_question_ratio",
        "open_question_share",
        "stacked_questions",
    ):
        assert "value" in metrics[name] and "band" in metrics[name]
    assert "advice_before_permission" in metrics


def test_json_for_one_file() -> None:
    result = invoke_rapport("grade", str(GOOD), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    graded = json.loads(lines[0])
    check_contract(graded, GOOD)
    assert graded["passed"] is True and graded["blocking"] == []


def test_json_for_several_files_is_one_line_each_in_order() -> None:
    result = run_rapport("grade", str(GOOD), str(POOR), str(GOOD), "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    check_contract(second, POOR)
    assert first == third and first["passed"] and not second["passed"]
    assert [hit["id"] for hit in second["blocking"]] == ["consulting-mode"]


def test_explicit_rubric_and_an_unknown_one() -> None:
    result = invoke_rapport("grade", str(GOOD), "--rubric", "icf-trust-agreements", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["rubric"] == "icf-trust-agreements"
    unknown = invoke_rapport("grade", str(GOOD), "--rubric", "nope", "--json")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert "unknown rubric 'nope'" in unknown.stderr and "icf-trust-agreements" in unknown.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "not valid JSON"),
        ('["a", "b"]', 'expected {"turns"'),
        ('{"turns": [{"speaker": "Coach", "text": "Hi"}]}', "turns.0.speaker"),
        ('{"turns": [{"speaker": "client", "text": "Hi"}]}', "no coach turns"),
        ('{"turns": ' + "[" * 100_000, "nested too deeply"),  # once a RecursionError that stopped the batch
        (b'{"turns": [{"speaker": "coach", "text": "caf\xe9"}]}', "not UTF-8"),
    ],
    ids=["missing", "not-json", "not-turns", "bad-speaker", "no-coach", "deep", "latin-1"],
)
def test_a_bad_file_is_named_the_others_are_still_graded_and_the_exit_code_is_not_zero(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    bad = tmp_path / "bad.json"
    if isinstance(content, str):
        bad.write_text(content)
    elif content is not None:
        bad.write_bytes(content)
    result = invoke_rapport("grade", str(GOOD), str(bad), str(POOR), "--json")
    assert result.returncode == 1
    assert f"error: {bad}: " in result.stderr and message in result.stderr
    assert len(result.stdout.splitlines()) == 2  # both good files graded, in order
    check_contract(json.loads(result.stdout.splitlines()[1]), POOR)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    marked = tmp_path / "marked.json"
    marked.write_bytes(b"\xef\xbb\xbf" + GOOD.read_bytes())  # as Windows editors save UTF-8
    result = invoke_rapport("grade", str(marked), "--json")
    assert result.returncode == 0, result.stderr
    check_contract(json.loads(result.stdout), GOOD)


def test_the_readable_report_by_default() -> None:
    result = invoke_rapport("grade", str(POOR))
    assert result.returncode == 0
    out = result.stdout
    assert "**Result: not passed**" in out
    assert out.index("## Strengths") < out.index("## Growth points") < out.index("## Criteria")
    assert "Mostly telling the client what to do" in out and "Try: “" in out
    assert "## Metrics" in out and "## Trust timeline" not in out  # no trust trace from a transcript alone


def test_several_readable_reports_are_headed_by_their_file() -> None:
    result = invoke_rapport("grade", str(GOOD), str(POOR))
    assert result.returncode == 0
    assert f"=== {GOOD} ===" in result.stdout and f"=== {POOR} ===" in result.stdout


@pytest.mark.skipif(not SCRIPTS.is_dir(), reason="the persona rehearsal scripts are not there yet")
def test_grades_the_transcript_of_rehearse_json(tmp_path: Path) -> None:
    script = SCRIPTS / "priya-team-lead" / "skilled.json"
    rehearsed = run_rapport("rehearse", "--persona", "priya-team-lead", "--script", str(script), "--json")
    assert rehearsed.returncode == 0, rehearsed.stderr
    whole = tmp_path / "run.json"
    whole.write_text(rehearsed.stdout)
    transcript = tmp_path / "transcript.json"
    transcript.write_text(json.dumps(json.loads(rehearsed.stdout)["transcript"]))
    result = run_rapport("grade", str(transcript), str(whole), "--json")
    assert result.returncode == 0, result.stderr
    from_transcript, from_whole = (json.loads(line) for line in result.stdout.splitlines())
    check_contract(from_transcript, transcript)
    assert from_transcript == from_whole  # the whole `rehearse --json` output is accepted too
    assert from_transcript["passed"]


def test_a_bad_rubric_file_warns_and_the_good_one_still_grades(tmp_path: Path) -> None:
    rubrics = tmp_path / "rubrics"
    rubrics.mkdir()
    shipped = Path(__file__).parents[2] / "rubrics" / "icf-trust-agreements.yaml"
    (rubrics / shipped.name).write_text(shipped.read_text())
    (rubrics / "broken.yaml").write_text("id: broken\ntitle: Broken\n")
    result = invoke_rapport("grade", str(GOOD), "--json", env={"RAPPORT_RUBRICS_DIR": str(rubrics)})
    assert result.returncode == 0
    assert "broken.yaml" in result.stderr and "pass_mark" in result.stderr
    check_contract(json.loads(result.stdout), GOOD)
