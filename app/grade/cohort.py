"""Cohort figures for instructors, from graded attempts alone (pure: no I/O).

- the heat map: per learner and rubric criterion, the mean score over the learner's latest graded attempt at
  each assignment (where they stand now, one voice per assignment however often they tried);
- per assignment: learners it is for, how many submitted, passed (after overrides), the pass rate among
  those who submitted, attempts made and time on task;
- the moves that most often cost trust: every trust loss the engine recorded on the graded branch of every
  submitted attempt, by cause (a codebook move id, or an engine pattern such as `probe`);
- time on task: active time per attempt, from when it started, each turn the learner sent and when it was
  submitted; a pause longer than IDLE counts as IDLE (a tab left open overnight is not practice).

Per-criterion scores come from app/grade/progress.py's `criterion_series`, the same the learner's own
progress page uses, so the two never disagree about a learner."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from app.domain.codebook import Move
from app.grade.progress import GradedRun, criterion_series

IDLE = timedelta(minutes=5)
MOVE_IDS = frozenset(move.value for move in Move)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class TrustLoss(_Frozen):
    """One trust loss the engine recorded: on which learner turn, its cause, how much, and why in words."""

    turn: int
    cause: str
    delta: float
    reason: str


class AttemptFacts(_Frozen):
    """One attempt at an assignment as the cohort view reads it. `graded` is the run as graded (None until
    submitted, or when no rubric graded it); `score`/`passed` are after any override."""

    attempt_id: int
    assignment_id: int
    learner: str
    number: int
    run_id: str
    started_at: datetime
    submitted_at: datetime | None
    score: float | None
    passed: bool | None
    graded: GradedRun | None
    losses: list[TrustLoss]  # on the graded branch; none until submitted
    turn_times: list[datetime]  # every turn the learner sent, on every branch


class Assignment(_Frozen):
    id: int
    title: str
    learners: list[str]  # whom it is for (and anyone who attempted it)


class Criterion(_Frozen):
    id: str
    title: str


class LearnerRow(_Frozen):
    learner: str
    scores: dict[str, float]  # criterion id -> mean score; a criterion never applicable is absent
    overall: float | None  # mean overall score (after overrides) over the same attempts
    assignments: int  # assignments set for them or attempted
    passed: int  # assignments passed
    attempts: int
    graded: int
    time_on_task: float  # seconds
    trust_losses: int


class AssignmentRow(_Frozen):
    id: int
    title: str
    learners: int
    started: int  # learners with an attempt
    submitted: int  # learners with a graded attempt
    passed: int
    pass_rate: float | None  # passed / submitted, 0-1; None while nobody submitted
    attempts: int
    attempts_per_learner: float | None  # per learner who started
    time_on_task: float  # seconds, all learners together
    time_per_learner: float | None  # seconds, per learner who started


class CostRow(_Frozen):
    cause: str
    kind: str  # "move" (a codebook id) or "pattern" (an engine cause: probe, stacked_questions, ...)
    turns: int  # learner turns where it cost trust
    learners: int
    trust_lost: float  # summed, positive
    reason: str  # the engine's words for it, the shortest of those it used


class CohortFigures(_Frozen):
    criteria: list[Criterion]  # rubric order
    learners: list[LearnerRow]  # by name
    assignments: list[AssignmentRow]  # as given
    costs: list[CostRow]  # most often first


def active_seconds(started: datetime, turns: Sequence[datetime], submitted: datetime | None) -> float:
    """Time on task of one attempt: the gaps between its moments, each at most IDLE."""
    moments = sorted([started, *turns, *([submitted] if submitted else [])])
    return sum(min(later - earlier, IDLE).total_seconds() for earlier, later in pairwise(moments))


def _latest_graded(attempts: Sequence[AttemptFacts]) -> list[AttemptFacts]:
    """Each learner's latest graded attempt per assignment."""
    latest: dict[tuple[str, int], AttemptFacts] = {}
    for attempt in sorted(attempts, key=lambda a: a.number):
        if attempt.score is not None:
            latest[(attempt.learner, attempt.assignment_id)] = attempt
    return list(latest.values())


def _criteria(attempts: Sequence[AttemptFacts]) -> list[Criterion]:
    seen: dict[str, str] = {}
    for attempt in attempts:
        if attempt.graded is not None:
            for result in attempt.graded.report.criteria:
                seen.setdefault(result.id, result.title)
    return [Criterion(id=cid, title=title) for cid, title in seen.items()]


def _passed(attempts: Sequence[AttemptFacts]) -> bool:
    return any(a.passed for a in attempts if a.score is not None)


def _learner_row(learner: str, assigned: int, attempts: list[AttemptFacts]) -> LearnerRow:
    counted = sorted(_latest_graded(attempts), key=lambda a: a.submitted_at or a.started_at)
    runs = [a.graded for a in counted if a.graded is not None]
    scores = [a.score for a in counted if a.score is not None]
    by_assignment: dict[int, list[AttemptFacts]] = defaultdict(list)
    for attempt in attempts:
        by_assignment[attempt.assignment_id].append(attempt)
    return LearnerRow(
        learner=learner,
        scores={series.id: round(series.mean, 1) for series in criterion_series(runs)},
        overall=round(sum(scores) / len(scores), 1) if scores else None,
        assignments=assigned,
        passed=sum(_passed(made) for made in by_assignment.values()),
        attempts=len(attempts),
        graded=sum(a.score is not None for a in attempts),
        time_on_task=sum(active_seconds(a.started_at, a.turn_times, a.submitted_at) for a in attempts),
        trust_losses=sum(len(a.losses) for a in attempts),
    )


def _assignment_row(assignment: Assignment, attempts: list[AttemptFacts]) -> AssignmentRow:
    by_learner: dict[str, list[AttemptFacts]] = defaultdict(list)
    for attempt in attempts:
        by_learner[attempt.learner].append(attempt)
    submitted = [made for made in by_learner.values() if any(a.score is not None for a in made)]
    passed = sum(_passed(made) for made in submitted)
    time = sum(active_seconds(a.started_at, a.turn_times, a.submitted_at) for a in attempts)
    return AssignmentRow(
        id=assignment.id,
        title=assignment.title,
        learners=len(set(assignment.learners) | set(by_learner)),
        started=len(by_learner),
        submitted=len(submitted),
        passed=passed,
        pass_rate=round(passed / len(submitted), 3) if submitted else None,
        attempts=len(attempts),
        attempts_per_learner=round(len(attempts) / len(by_learner), 2) if by_learner else None,
        time_on_task=time,
        time_per_learner=time / len(by_learner) if by_learner else None,
    )


def trust_costs(attempts: Sequence[AttemptFacts]) -> list[CostRow]:
    """Every recorded trust loss by cause: the most turns first, then the most trust lost."""
    turns: Counter[str] = Counter()
    lost: dict[str, float] = defaultdict(float)
    learners: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, set[str]] = defaultdict(set)
    for attempt in attempts:
        for loss in attempt.losses:
            turns[loss.cause] += 1
            lost[loss.cause] += -loss.delta
            learners[loss.cause].add(attempt.learner)
            reasons[loss.cause].add(loss.reason)
    ranked = sorted(turns, key=lambda cause: (-turns[cause], -lost[cause], cause))
    return [
        CostRow(
            cause=cause,
            kind="move" if cause in MOVE_IDS else "pattern",
            turns=turns[cause],
            learners=len(learners[cause]),
            trust_lost=round(lost[cause], 1),
            # The plainest wording: later losses carry the engine's note that errors compound.
            reason=min(reasons[cause], key=lambda text: (len(text), text)),
        )
        for cause in ranked
    ]


def cohort_figures(
    assignments: Sequence[Assignment], attempts: Sequence[AttemptFacts], learners: Sequence[str]
) -> CohortFigures:
    """The figures over the attempts at `assignments`, for `learners` only (whoever and whatever else appears
    is left out: a cohort view shows an instructor their own learners)."""
    wanted, shown = set(learners), {a.id for a in assignments}
    mine = [a for a in attempts if a.learner in wanted and a.assignment_id in shown]
    by_learner: dict[str, list[AttemptFacts]] = {name: [] for name in sorted(wanted)}
    for attempt in mine:
        by_learner[attempt.learner].append(attempt)
    concern: dict[str, set[int]] = defaultdict(set)  # per learner: assignments set for them or tried
    for assignment in assignments:
        for name in wanted & set(assignment.learners):
            concern[name].add(assignment.id)
    for attempt in mine:
        concern[attempt.learner].add(attempt.assignment_id)
    return CohortFigures(
        criteria=_criteria(_latest_graded(mine)),
        learners=[_learner_row(name, len(concern[name]), made) for name, made in by_learner.items()],
        assignments=[
            _assignment_row(
                Assignment(id=a.id, title=a.title, learners=[n for n in a.learners if n in wanted]),
                [m for m in mine if m.assignment_id == a.id],
            )
            for a in assignments
        ],
        costs=trust_costs([a for a in mine if a.score is not None]),
    )


def concerning(
    assignments: Sequence[Assignment], attempts: Sequence[AttemptFacts], learners: Sequence[str]
) -> list[Assignment]:
    """The assignments set for, or attempted by, any of these learners (a cohort's share of an instructor's)."""
    wanted = set(learners)
    tried = {(a.assignment_id, a.learner) for a in attempts}
    return [
        a for a in assignments if wanted & set(a.learners) or any((a.id, name) in tried for name in wanted)
    ]
