"""Ruptures: a breach, gossip or pushing past a no breaks trust until the coach owns it. Until then nothing the
coach does earns trust; a second rupture, or no repair within the persona's `difficulty.repair_window`, and the
client ends the session (at once, with a window of 0)."""

from __future__ import annotations

from app.domain.causes import Cause
from app.domain.trust_state import TrustChange
from app.trust.turn import Turn

BROKEN: dict[Cause, str] = {
    Cause.BREACH: "broke confidentiality",
    Cause.GOSSIP: "passed on what others said",
    Cause.PUSHING: "pushed past the client's no",
}


def rupture(turn: Turn) -> None:
    """Record a rupture this turn, or hold the gains of a turn that leaves an earlier one unrepaired."""
    cause = _cause(turn)
    if cause is not None:
        turn.misstep = cause
        turn.events["rupture"] = cause.value
        # No window to repair it, or broken again before the first was repaired: the client leaves.
        if turn.state.rupture is not None or turn.persona.difficulty.repair_window == 0:
            turn.events["stopped"] = True
        turn.rupture, turn.rupture_at = cause, turn.number
        return
    if turn.state.rupture is None:
        return
    if turn.events.get("repaired"):
        turn.rupture = turn.rupture_at = None
        return
    hold(turn)


def _cause(turn: Turn) -> Cause | None:
    if turn.events.get("breach"):
        return Cause.GOSSIP if turn.signals.gossip else Cause.BREACH
    if turn.events.get("pushed_after_refusal"):
        return Cause.PUSHING
    return None


def hold(turn: Turn) -> None:
    """Nothing earns trust while a rupture is unrepaired; after the persona's repair window the client stops."""
    since = turn.state.rupture_at or 0
    what = BROKEN.get(Cause(turn.state.rupture), "broke trust") if turn.state.rupture else "broke trust"
    turn.changes = [change for change in turn.changes if change.delta <= 0]
    turn.changes.append(
        TrustChange(
            turn=turn.number,
            cause="rupture_unrepaired",
            delta=0.0,
            reason=f"earned nothing: the coach {what} at turn {since} and has not owned it",
        )
    )
    turn.events["held"] = True
    if turn.number - since >= turn.persona.difficulty.repair_window:
        turn.events["stopped"] = True
