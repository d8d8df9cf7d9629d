"""The cohort figures (app/grade/cohort.py) from real graded rehearsals: which attempt the heat map reads,
pass rate among those who submitted, the moves that cost trust, time on task, and that nobody outside the
learners asked for appears anywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.grade.cohort import (
    Assignment,
    AttemptFacts,
    TrustLoss,
    active_seconds,
    cohort_figures,
    concerning,
)
from app.grade.progress import GradedRun
from app.grade.report import Report
from app.practice.cohort_export import to_csv, to_json
from app.practice.cohort_tables import Table
from tests.support.cohort import Rehearsed, rehearsed

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PRIYA = "priya-team-lead"


def _attempt(
    learner: str,
    script_name: str,
    *,
    assignment: int = 1,
    number: int = 1,
    score: float | None = None,
    passed: bool | None = None,
    submitted: bool = True,
) -> AttemptFacts:
    done: Rehearsed = rehearsed(PRIYA, script_name)
    minutes = [T0 + timedelta(minutes=i + 1) for i in range(len(done.records))]
    graded = GradedRun(
        run_id=f"{learner}-{assignment}-{number}",
        persona_id=PRIYA,
        persona_name="Priya",
        graded_at=minutes[-1],
        report=Report.model_validate(done.data),
    )
    return AttemptFacts(
        attempt_id=hash((learner, assignment, number)),
        assignment_id=assignment,
        learner=learner,
        number=number,
        run_id=graded.run_id,
        started_at=T0,
        submitted_at=minutes[-1] + timedelta(minutes=1) if submitted else None,
        score=(done.score if score is None else score) if submitted else None,
        passed=(done.passed if passed is None else passed) if submitted else None,
        graded=graded if submitted else None,
        losses=[
            TrustLoss(turn=r.index, cause=c.cause, delta=c.delta, reason=c.reason)
            for r in done.records
            for c in r.changes
            if c.delta < 0
        ]
        if submitted
        else [],
        turn_times=minutes,
    )


def _criteria(script_name: str) -> dict[str, float]:
    return {
        c["id"]: c["score"] for c in rehearsed(PRIYA, script_name).data["criteria"] if c["score"] is not None
    }


def test_time_on_task_counts_pauses_up_to_five_minutes() -> None:
    turns = [T0 + timedelta(minutes=1), T0 + timedelta(minutes=2), T0 + timedelta(minutes=22)]
    submitted = T0 + timedelta(minutes=23)
    assert active_seconds(T0, turns, submitted) == (1 + 1 + 5 + 1) * 60
    assert (
        active_seconds(T0, list(reversed(turns)), None) == (1 + 1 + 5) * 60
    )  # in progress: up to the last turn
    assert active_seconds(T0, [], None) == 0


def test_the_heat_map_reads_each_learners_latest_graded_attempt_per_assignment() -> None:
    first = _attempt("alice", "advice_giver", number=1)
    second = _attempt("alice", "skilled", number=2)
    unsubmitted = _attempt("alice", "breach", number=3, submitted=False)
    elsewhere = _attempt("alice", "listener_no_permission", assignment=2)
    assignments = [
        Assignment(id=1, title="One", learners=["alice"]),
        Assignment(id=2, title="Two", learners=[]),
    ]

    only_one = cohort_figures(assignments[:1], [first, second, unsubmitted], ["alice"])
    [row] = only_one.learners
    assert row.scores == _criteria("skilled")
    assert (row.attempts, row.graded, row.overall) == (3, 2, rehearsed(PRIYA, "skilled").score)

    both = cohort_figures(assignments, [first, second, unsubmitted, elsewhere], ["alice"])
    [row] = both.learners
    skilled, listener = _criteria("skilled"), _criteria("listener_no_permission")
    for criterion in skilled.keys() | listener.keys():
        found = [s[criterion] for s in (skilled, listener) if criterion in s]
        assert row.scores[criterion] == round(sum(found) / len(found), 1), criterion
    assert [c.id for c in both.criteria] == [c["id"] for c in rehearsed(PRIYA, "skilled").data["criteria"]]
    assert (row.assignments, row.passed) == (2, 2)  # set for one, tried the other; passed both


def test_pass_rate_is_among_those_who_submitted_after_overrides() -> None:
    made = [
        _attempt("alice", "skilled"),  # passes
        _attempt("bea", "advice_giver"),  # fails
        _attempt("cal", "advice_giver", score=75, passed=True),  # failed, then overridden to a pass
        _attempt("dee", "skilled", submitted=False),  # still practising
    ]
    homework = Assignment(id=1, title="Homework", learners=["alice", "bea", "cal", "dee", "eve"])
    [row] = cohort_figures([homework], made, homework.learners).assignments
    assert (row.learners, row.started, row.submitted, row.passed, row.pass_rate) == (5, 4, 3, 2, 0.667)
    assert (row.attempts, row.attempts_per_learner) == (4, 1.0)
    records = {
        name: len(rehearsed(PRIYA, s).records)
        for name, s in [("skilled", "skilled"), ("advice", "advice_giver")]
    }
    # Every submitted attempt: a minute per turn and one to submit; dee's so far: a minute per turn.
    expected = (records["skilled"] + 1) + 2 * (records["advice"] + 1) + records["skilled"]
    assert row.time_on_task == expected * 60
    assert row.time_per_learner == expected * 60 / 4


def test_the_moves_that_cost_trust_most_often_come_first() -> None:
    made = [_attempt("alice", "advice_giver"), _attempt("bea", "advice_giver"), _attempt("cal", "breach")]
    made.append(_attempt("dee", "breach", submitted=False))  # not submitted: its losses are not counted yet
    figures = cohort_figures([Assignment(id=1, title="H", learners=[])], made, ["alice", "bea", "cal", "dee"])
    costs = {row.cause: row for row in figures.costs}
    advice = rehearsed(PRIYA, "advice_giver")
    advice_turns = sum(1 for r in advice.records for c in r.changes if c.cause == "advice" and c.delta < 0)
    assert figures.costs[0].cause == "advice"
    assert (costs["advice"].turns, costs["advice"].learners, costs["advice"].kind) == (
        2 * advice_turns,
        2,
        "move",
    )
    assert (costs["breach"].turns, costs["breach"].learners) == (3, 1)
    assert costs["probe"].kind == "pattern"
    lost = -sum(c.delta for r in advice.records for c in r.changes if c.cause == "advice" and c.delta < 0)
    assert costs["advice"].trust_lost == round(2 * lost, 1)
    # The engine's plain words for it, not a later loss's note that errors compound.
    said = {c.reason for r in advice.records for c in r.changes if c.cause == "advice" and c.delta < 0}
    assert costs["advice"].reason in said and "compound" not in costs["advice"].reason
    assert [row.trust_losses for row in figures.learners] == [len(made[0].losses), len(made[1].losses), 3, 0]


def test_nobody_outside_the_learners_asked_for_appears() -> None:
    made = [_attempt("alice", "skilled"), _attempt("zed", "breach")]
    homework = Assignment(id=1, title="Homework", learners=["alice", "zed"])
    figures = cohort_figures([homework], made, ["alice"])
    assert [row.learner for row in figures.learners] == ["alice"]
    assert "breach" not in {row.cause for row in figures.costs}
    assert figures.assignments[0].learners == 1
    exported = str(to_json(figures, {"cohort": "c"})) + "".join(to_csv(figures, table) for table in Table)
    assert "zed" not in exported


def test_a_cohort_shows_the_assignments_set_for_or_tried_by_its_learners() -> None:
    assignments = [
        Assignment(id=1, title="Set for alice", learners=["alice"]),
        Assignment(id=2, title="Tried by alice", learners=[]),
        Assignment(id=3, title="Someone else's", learners=["zed"]),
    ]
    tried = _attempt("alice", "skilled", assignment=2)
    assert [a.id for a in concerning(assignments, [tried], ["alice"])] == [1, 2]


def test_the_csv_tables_have_their_columns_also_when_empty() -> None:
    figures = cohort_figures([], [], [])
    assert to_csv(figures, Table.LEARNERS) == (
        "learner,overall,assignments,passed,attempts,graded,time_on_task_minutes,trust_losses\n"
    )
    assert to_csv(figures, Table.COSTS) == "cause,kind,turns,learners,trust_lost,reason\n"
    assert to_csv(figures, Table.ASSIGNMENTS).startswith(
        "assignment,title,learners,started,submitted,passed,"
    )
