"""Coursework rules, pure: may a learner start an attempt, is it late, and where does a learner stand on an
assignment (best and latest score, pass or not) once instructors' overrides are applied.

An attempt is late when it is started or submitted after the due date. A learner has passed an assignment
when any graded attempt passed; an instructor's override replaces an attempt's score and pass/fail (the
original grade is kept beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Terms:
    """What an assignment allows: how many attempts, until when, and whether late attempts may start."""

    attempts_allowed: int
    due_at: datetime | None
    late_allowed: bool
    pass_mark: float


def is_late(terms: Terms, at: datetime) -> bool:
    return terms.due_at is not None and at > terms.due_at


def attempts_left(terms: Terms, used: int) -> int:
    return max(terms.attempts_allowed - used, 0)


def refusal(terms: Terms, used: int, now: datetime) -> str | None:
    """Why a new attempt cannot start now, in words for the learner; None when it can."""
    if attempts_left(terms, used) == 0:
        plural = "" if terms.attempts_allowed == 1 else "s"
        return f"You have used all {terms.attempts_allowed} attempt{plural} at this assignment."
    if is_late(terms, now) and not terms.late_allowed:
        return f"This assignment was due {when(terms.due_at)} and does not accept late attempts."
    return None


def when(moment: datetime | None) -> str:
    """A moment as shown to people: minutes, in UTC (the zone every stored time is in)."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "no due date"


@dataclass(frozen=True)
class Override:
    score: float
    passed: bool
    comment: str
    by: str  # the instructor's login name
    at: datetime


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt as the gradebook sees it. `score`/`passed` are the grader's (None until graded);
    `override` is the latest instructor override, if any."""

    id: int
    assignment_id: int
    number: int
    learner: str
    run_id: str
    started_at: datetime
    late: bool
    submitted_at: datetime | None = None
    score: float | None = None
    passed: bool | None = None
    override: Override | None = None
    # The client's answers after the session (question -> yes/partly/no), from the attempt's grade.
    client: dict[str, str] | None = None

    @property
    def graded(self) -> bool:
        return self.score is not None

    @property
    def final_score(self) -> float | None:
        return self.override.score if self.override else self.score

    @property
    def final_passed(self) -> bool | None:
        return self.override.passed if self.override else self.passed


@dataclass(frozen=True)
class Standing:
    """A learner on one assignment: every attempt, and what the gradebook reports from them."""

    learner: str
    attempts: tuple[AttemptRecord, ...]

    @property
    def graded(self) -> list[AttemptRecord]:
        return [a for a in self.attempts if a.graded]

    @property
    def best_score(self) -> float | None:
        return max((a.final_score for a in self.graded if a.final_score is not None), default=None)

    @property
    def latest_score(self) -> float | None:
        graded = self.graded
        return graded[-1].final_score if graded else None

    @property
    def passed(self) -> bool | None:
        """None while nothing is graded."""
        graded = self.graded
        return any(a.final_passed for a in graded) if graded else None

    @property
    def late_attempts(self) -> int:
        return sum(a.late for a in self.attempts)

    @property
    def overridden(self) -> bool:
        return any(a.override is not None for a in self.attempts)

    @property
    def last_attempt_at(self) -> datetime | None:
        return max((a.started_at for a in self.attempts), default=None)

    @property
    def latest_client(self) -> dict[str, str] | None:
        """The client's answers about the latest graded attempt; None while nothing graded has them."""
        graded = self.graded
        return graded[-1].client if graded else None


def standing(learner: str, attempts: list[AttemptRecord]) -> Standing:
    """Attempts in the order they were made (their number), whatever order they came in."""
    return Standing(learner=learner, attempts=tuple(sorted(attempts, key=lambda a: a.number)))
