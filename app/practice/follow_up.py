"""Second sessions in the store: which runs a learner may follow up (their own, ended), the follow-up's first
engine state carried over from the run it follows, and how a follow-up is named on reports and pages."""

from __future__ import annotations

from app.domain.persona import Persona
from app.domain.trust_state import TrustState
from app.store import runs
from app.store.accounts import AccountView
from app.store.db import Database
from app.store.schema import RunStatus, TurnStatus
from app.tag.unsaid import names_said
from app.trust.carryover import carry_over, follow_up_state
from app.trust.engine import initial_state


class FollowUpRefused(ValueError):
    """A run that cannot be followed up by this learner; the message says why."""


def short_id(run_id: str) -> str:
    return run_id[:8]


async def followable(db: Database, run_id: str, learner: AccountView) -> runs.RunInfo:
    """The learner's own ended run `run_id`, or FollowUpRefused. Another learner's run is refused with the same
    words as a run that does not exist, so the message tells nobody which runs there are."""
    run = await runs.get_run(db, run_id)
    if run is None or run.account_id != learner.id:
        raise FollowUpRefused(f"there is no run {run_id!r} of yours to follow up")
    if run.status is not RunStatus.ENDED:
        raise FollowUpRefused(
            f"run {short_id(run.id)} with {run.persona_name} has not ended: end it before the next session"
        )
    return run


def first_state(run: runs.RunInfo, persona: Persona) -> TrustState:
    """Where a stored run's engine started: carried over for a follow-up, afresh otherwise."""
    return run.start_state if run.start_state is not None else initial_state(persona)


async def follow_up_start(db: Database, run: runs.RunInfo, persona: Persona) -> TrustState:
    """The next session's first state, from the branch of `run` that was graded (the one in play)."""
    line = await runs.branch(db, run.id)
    done = [turn for turn in line if turn.status is TurnStatus.DONE]
    states = [first_state(run, persona), *(turn.state for turn in done)]
    said = [run.opening, *(turn.record.coachee for turn in done if turn.record is not None)]
    return follow_up_state(
        persona, carry_over(states, session=run.session, names_said=names_said(persona, said))
    )


def session_note(run: runs.RunInfo) -> str | None:
    """'Session 2 with Priya, following run 1a2b3c4d.' for a follow-up; None for a first session."""
    if run.follows_run_id is None:
        return None
    return f"Session {run.session} with {run.persona_name}, following run {short_id(run.follows_run_id)}."
