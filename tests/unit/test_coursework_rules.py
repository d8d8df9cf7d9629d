"""Coursework rules without a database: attempts left, lateness, standing with overrides, the CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from app.domain.coursework import AttemptRecord, Override, Terms, attempts_left, is_late, refusal, standing
from app.practice.gradebook import COLUMNS, to_csv, to_json
from app.store.assignments import AssignmentView

DUE = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
TERMS = Terms(attempts_allowed=2, due_at=DUE, late_allowed=True, pass_mark=65.0)
BEFORE, AFTER = DUE - timedelta(hours=1), DUE + timedelta(minutes=1)


def attempt(number: int, learner: str = "ana", **changes: Any) -> AttemptRecord:
    started = AttemptRecord(
        id=number,
        assignment_id=1,
        number=number,
        learner=learner,
        run_id=f"run-{learner}-{number}",
        started_at=BEFORE + timedelta(minutes=number),
        late=False,
    )
    return replace(started, **changes)


def graded(number: int, score: float, passed: bool, **fields: Any) -> AttemptRecord:
    return attempt(number, submitted_at=BEFORE + timedelta(minutes=30), score=score, passed=passed, **fields)


def override(score: float, passed: bool) -> Override:
    return Override(score=score, passed=passed, comment="reviewed", by="ada", at=AFTER)


def test_lateness_is_strictly_after_the_due_date() -> None:
    assert not is_late(TERMS, DUE)
    assert is_late(TERMS, AFTER)
    assert not is_late(Terms(1, None, True, 65.0), AFTER + timedelta(days=999))


def test_attempts_are_counted_down_and_refused_when_used_up() -> None:
    assert [attempts_left(TERMS, used) for used in range(4)] == [2, 1, 0, 0]
    assert refusal(TERMS, 1, BEFORE) is None
    assert refusal(TERMS, 2, BEFORE) == "You have used all 2 attempts at this assignment."
    assert refusal(Terms(1, None, True, 65.0), 1, BEFORE) == "You have used all 1 attempt at this assignment."


def test_late_attempts_start_only_when_the_assignment_takes_them() -> None:
    assert refusal(TERMS, 0, AFTER) is None
    closed = Terms(attempts_allowed=2, due_at=DUE, late_allowed=False, pass_mark=65.0)
    assert refusal(closed, 0, DUE) is None
    assert refusal(closed, 0, AFTER) == (
        "This assignment was due 2026-12-01 17:00 UTC and does not accept late attempts."
    )


def test_standing_takes_best_and_latest_after_overrides() -> None:
    result = standing(
        "ana",
        [
            graded(2, 40.0, False, override=override(70.0, True), late=True),
            graded(1, 60.0, False),
            attempt(3),  # started, not submitted: counts as an attempt, not as a score
        ],
    )
    assert [a.number for a in result.attempts] == [1, 2, 3]
    assert result.best_score == 70.0 and result.latest_score == 70.0
    assert result.passed is True and result.overridden and result.late_attempts == 1
    assert result.last_attempt_at == BEFORE + timedelta(minutes=3)
    # The grader's own result is still there beside the override.
    assert result.attempts[1].score == 40.0 and result.attempts[1].passed is False


def test_a_learner_passes_when_any_attempt_passed_and_not_before_a_grade() -> None:
    assert standing("ana", [graded(1, 80.0, True), graded(2, 50.0, False)]).passed is True
    assert standing("ana", [graded(1, 80.0, False)]).passed is False  # e.g. a blocking error
    nothing = standing("ana", [attempt(1)])
    assert nothing.passed is None and nothing.best_score is None and nothing.latest_score is None


def assignment_view() -> AssignmentView:
    return AssignmentView(
        id=7,
        title="Contracting",
        instructions="Agree the goal first.",
        persona_id="priya-team-lead",
        persona_name="Priya Raman",
        persona_sha256="a" * 64,
        rubric_id="icf-trust-agreements",
        rubric_version=1,
        rubric_sha256="b" * 64,
        terms=TERMS,
        created_by="ada",
        created_by_id=1,
        created_at=BEFORE,
    )


def test_csv_has_the_documented_columns_and_exact_cells() -> None:
    rows = [
        standing("ana", [graded(1, 62.5, False), graded(2, 40.0, False, override=override(70.0, True))]),
        standing("ben", []),
        standing("cy, jr", [graded(1, 100.0, True, late=True)]),
    ]
    assert to_csv(rows, assignment_view()) == (
        "learner,attempts,attempts_allowed,graded,best_score,latest_score,passed,late_attempts,overridden,"
        "last_attempt_at,client_heard,client_agreed,client_got_there,client_pushed,client_book_again\n"
        "ana,2,2,2,70,70,true,0,true,2026-12-01T16:02:00+00:00,,,,,\n"
        "ben,0,2,0,,,,0,false,,,,,,\n"
        '"cy, jr",1,2,1,100,100,true,1,false,2026-12-01T16:01:00+00:00,,,,,\n'
    )


CALM = {"heard": "yes", "agreed": "yes", "got_there": "partly", "pushed": "no", "book_again": "yes"}
PUSHED = {"heard": "partly", "agreed": "yes", "got_there": "no", "pushed": "yes", "book_again": "no"}


def test_the_clients_answers_about_the_latest_graded_attempt_come_last() -> None:
    rows = [
        standing(
            "ana", [graded(1, 80.0, True, client=CALM), graded(2, 30.0, False, client=PUSHED), attempt(3)]
        ),
        standing("ben", [graded(1, 70.0, True)]),  # graded before the client's answers were kept
    ]
    lines = to_csv(rows, assignment_view()).splitlines()
    assert lines[0].endswith(",client_heard,client_agreed,client_got_there,client_pushed,client_book_again")
    assert lines[1].endswith(",partly,yes,no,yes,no") and lines[2].endswith("+00:00,,,,,")
    assert list(COLUMNS[:10]) == lines[0].split(",")[:10]  # the existing columns keep their places
    data = to_json(rows, assignment_view())
    assert data["learners"][0]["client_pushed"] == "yes"
    assert [a["client"] for a in data["learners"][0]["attempt_list"]] == [CALM, PUSHED, None]


def test_json_keeps_every_attempt_with_the_original_grade_and_the_override() -> None:
    row = standing("ana", [graded(1, 40.0, False, override=override(70.0, True))])
    data = to_json([row], assignment_view())
    assert data["columns"] == list(COLUMNS)
    assert data["assignment"]["persona_sha256"] == "a" * 64 and data["assignment"]["pass_mark"] == 65.0
    [learner] = data["learners"]
    assert learner["best_score"] == 70.0 and learner["passed"] is True
    [first] = learner["attempt_list"]
    assert (first["score"], first["passed"], first["graded_score"], first["graded_passed"]) == (
        70.0,
        True,
        40.0,
        False,
    )
    assert first["override"] == {
        "score": 70.0,
        "passed": True,
        "comment": "reviewed",
        "by": "ada",
        "at": "2026-12-01T17:01:00+00:00",
    }
