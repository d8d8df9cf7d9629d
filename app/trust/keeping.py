"""Keeping last session's agreements, in a second session (app/trust/carryover.py): a coach who checks in on what
was agreed, or briefly re-contracts, keeps faith with the client and earns trust; one who lets the first turns
go by without it has dropped them, which costs a little, once."""

from __future__ import annotations

from app.domain.codebook import CONTRACTING_MOVES
from app.domain.trust_state import TrustState
from app.trust.turn import Turn

CHECK_IN_GAIN = 4.0
DROPPED_AGREEMENTS = 3.0
CHECK_IN_WITHIN = 3  # learner turns of a follow-up by which the coach has checked in


def _happened(state: TrustState, cause: str) -> bool:
    return any(change.cause == cause for change in state.changes)


def keeping_agreements(turn: Turn) -> None:
    """The follow-up's one check-in gain, or its one cost for dropping the agreements (nothing in a first
    session)."""
    carried = turn.state.carried
    if carried is None or _happened(turn.state, "check_in"):
        return
    if CONTRACTING_MOVES & set(turn.signals.moves):
        agreed = [name.replace("_", " ") for name, kept in carried.model_dump().items() if kept]
        what = f" ({', '.join(agreed)})" if agreed else ""
        turn.gain("check_in", CHECK_IN_GAIN, f"checked in on what was agreed last session{what}")
        return
    if turn.number >= CHECK_IN_WITHIN and not _happened(turn.state, "dropped_agreements"):
        turn.loss(
            "dropped_agreements",
            DROPPED_AGREEMENTS,
            f"{CHECK_IN_WITHIN} turns into a follow-up session without checking in on last session's agreements",
            compounding=False,
        )
