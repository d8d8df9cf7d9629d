"""Assignments as a learner does them: see what is set, open an attempt (the pinned persona), start it with the
first message (attempts and due date enforced there, in the store's transaction), submit it by ending the
session (graded with the pinned rubric and the assignment's pass mark, once). No UI here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from app.domain.coursework import AttemptRecord, Standing, attempts_left, refusal, standing
from app.domain.turns import PreparedTurn
from app.lti import passback
from app.practice.grading import rubric_grader
from app.practice.pinning import pinned_persona, pinned_rubric
from app.practice.report import Report
from app.practice.service import LiveRun, Practice, run_fields
from app.store import assignments, attempts
from app.store.accounts import AccountView
from app.store.assignments import AssignmentView
from app.store.attempts import AttemptRefused
from app.store.runs import RunInfo
from app.store.schema import utcnow
from app.voice.reply import unshown

NOT_SET = "This assignment is not set for you."


@dataclass(frozen=True)
class Offer:
    """An assignment as one learner sees it: its terms and their own attempts."""

    assignment: AssignmentView
    standing: Standing

    @property
    def used(self) -> int:
        return len(self.standing.attempts)

    @property
    def left(self) -> int:
        return attempts_left(self.assignment.terms, self.used)


@dataclass
class AttemptChat:
    """An assignment being attempted in one chat. `attempt` is None until the learner's first message."""

    assignment: AssignmentView
    live: LiveRun
    attempt: AttemptRecord | None = None

    @property
    def submitted(self) -> bool:
        return self.attempt is not None and self.attempt.submitted_at is not None


def outcome(report: Report) -> tuple[float, bool]:
    """Score and pass/fail of a rubric report (app.grade.report.Report as data)."""
    score, passed = report.data.get("score"), report.data.get("passed")
    if not isinstance(score, int | float) or not isinstance(passed, bool):
        raise ValueError("an assignment is graded with a rubric: the report has no score")
    return float(score), passed


class Coursework:
    def __init__(self, practice: Practice, clock: Callable[[], datetime] = utcnow) -> None:
        self.practice = practice
        self.db = practice.db
        self.clock = clock

    async def offers(self, learner: AccountView) -> list[Offer]:
        """Every assignment set for the learner, with their own attempts (nobody else's)."""
        return [
            Offer(a, standing(learner.name, await attempts.attempts_at(self.db, a.id, learner.id)))
            for a in await assignments.assignments_for(self.db, learner.id)
        ]

    async def offer(self, learner: AccountView, assignment_id: int) -> Offer:
        """One of the learner's assignments; AttemptRefused when it is not set for them (or does not exist:
        the answer is the same, so ids reveal nothing)."""
        found = next((o for o in await self.offers(learner) if o.assignment.id == assignment_id), None)
        if found is None:
            raise AttemptRefused(NOT_SET)
        return found

    async def open(
        self, learner: AccountView, assignment_id: int, opening: bool = True
    ) -> tuple[AttemptChat, Offer]:
        """A chat on the assignment's pinned persona; AttemptRefused when no attempt could start now. Without
        `opening` the client has not spoken yet: a chat shows the brief first, then streams their first words
        (`Practice.open`)."""
        offer = await self.offer(learner, assignment_id)
        reason = refusal(offer.assignment.terms, offer.used, self.clock())
        if reason is not None:
            raise AttemptRefused(reason)
        persona, _ = await assignments.pinned_content(self.db, assignment_id)
        live = self.practice.begin(pinned_persona(persona))
        if opening:
            await self.practice.open(live, unshown)
        return AttemptChat(assignment=offer.assignment, live=live), offer

    async def begin(self, chat: AttemptChat, learner: AccountView, thread_id: str | None) -> None:
        """Make the attempt (and its run) on the first message; AttemptRefused when the terms forbid it now."""
        if chat.attempt is not None:
            return
        assignment = chat.assignment
        chat.attempt = await attempts.start_attempt(
            self.db, assignment.id, assignment.terms, run_fields(chat.live, learner, thread_id), self.clock()
        )
        chat.live.run_id = chat.attempt.run_id

    async def submit(self, chat: AttemptChat) -> Report:
        """Grade the attempt with the pinned rubric and the assignment's pass mark, and record it. An attempt
        is submitted once: AttemptRefused afterwards."""
        attempt = chat.attempt
        if attempt is None or chat.submitted:
            raise AttemptRefused(
                "This attempt has already been submitted." if attempt else "Nothing to submit."
            )
        terms = chat.assignment.terms
        _, rubric = await assignments.pinned_content(self.db, chat.assignment.id)
        grader = rubric_grader(self.practice.services, pinned_rubric(rubric, terms.pass_mark))
        report = await self.practice.end(chat.live, grader)
        score, passed = outcome(report)
        if not await attempts.submit_attempt(
            self.db, attempt, terms, score=score, passed=passed, at=self.clock()
        ):
            raise AttemptRefused("This attempt has already been submitted.")
        chat.attempt = await attempts.get_attempt(self.db, attempt.id)
        await passback.safely(self.db, attempt.id)  # queued for the LMS when the learner came from one
        return report

    async def resume(self, run: RunInfo) -> tuple[AttemptChat, PreparedTurn | None] | None:
        """An attempt's chat as it was, on its pinned persona; None when the run is not an attempt."""
        attempt = await attempts.attempt_of_run(self.db, run.id)
        assignment = await assignments.get_assignment(self.db, attempt.assignment_id) if attempt else None
        if attempt is None or assignment is None:
            return None
        persona, _ = await assignments.pinned_content(self.db, assignment.id)
        live, unfinished = await self.practice.resume(run, pinned_persona(persona))
        return AttemptChat(assignment=assignment, live=live, attempt=attempt), unfinished
