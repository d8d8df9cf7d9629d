"""Second sessions: what a client carries from an ended session into the next one with the same coach, and where
trust starts. Pure: from the last session's engine states to the next session's first state.

Where trust starts: the client keeps some of the ground gained last time (CARRY_SHARE of the way from their
usual starting trust to where the last session ended), never as much as the level it peaked at (trust has to
be re-earned), and a rupture left unrepaired costs more on top and, for a client who waits for a repair
(`difficulty.repair_window`), stays open until the coach owns it. Every
effect is a TrustChange at turn 0, so the trace says why the session started where it did.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from app.domain.persona import Persona
from app.domain.trust_state import (
    LEVEL_THRESHOLDS,
    ContractState,
    TopicStatus,
    TrustChange,
    TrustState,
    level_for,
)
from app.trust import weights as w
from app.trust.engine import conflict_penalty

# Share of last session's gain (from the usual starting trust to where it ended) that the next one starts with.
CARRY_SHARE = 0.6
# What a rupture nobody repaired takes off the start of the next session.
UNREPAIRED_RUPTURE_COST = 10.0

AGREEMENT_NAMES = {
    "goal": "what the client wants from the sessions",
    "success_measure": "how they will know it worked",
    "importance": "why it matters to them",
    "working_style": "how they want to work",
    "confidentiality": "confidentiality and roles",
}


class Carryover(BaseModel):
    """What an ended session leaves for the next one with the same coach."""

    model_config = ConfigDict(frozen=True)

    session: int = Field(ge=1, description="The number of the session it comes from (1: a first session).")
    agreements: ContractState
    disclosed: list[str] = Field(default_factory=list)  # disclosure ids said, in order
    opened: list[str] = Field(default_factory=list)  # topic ids the client agreed to go into
    hinted: dict[str, list[int]] = Field(default_factory=dict)  # topic id -> indices of the hints said
    last_trust: float
    peak_trust: float
    unrepaired: str | None = None  # the cause of a rupture left unrepaired (a Cause)
    unrepaired_at: int | None = None  # its turn in that session
    names: list[str] = Field(default_factory=list)  # hidden names the client has said, this session or before

    @property
    def agreed(self) -> list[str]:
        """The agreements in place at the end, by field name."""
        return [name for name, kept in self.agreements.model_dump().items() if kept]


def carry_over(states: list[TrustState], session: int = 1, names_said: Sequence[str] = ()) -> Carryover:
    """What the session whose engine states are `states` (its first state to its last) carries over;
    `names_said`: the names from the client's hidden material the client said in it (`unsaid.names_said`)."""
    if not states:
        raise ValueError("a session with no engine state has nothing to carry over")
    final = states[-1]
    return Carryover(
        names=sorted({*states[0].carried_names, *names_said}),
        session=session,
        agreements=final.contract,
        disclosed=list(final.disclosed),
        opened=[topic for topic, status in final.topics.items() if status is TopicStatus.OPEN],
        hinted={topic: list(indices) for topic, indices in final.hints_used.items()},
        last_trust=final.trust,
        peak_trust=max(state.trust for state in states),
        unrepaired=final.rupture,
        unrepaired_at=final.rupture_at,
    )


def starting_changes(persona: Persona, carried: Carryover) -> list[TrustChange]:
    """The causes of where the follow-up's trust starts, from the persona's usual starting trust."""
    usual = persona.difficulty.initial_trust
    kept = CARRY_SHARE * (carried.last_trust - usual)
    changes = [
        TrustChange(
            turn=0,
            cause="follow_up",
            delta=round(kept, 2),
            reason=f"session {carried.session + 1}: picks up from last time (ended at {carried.last_trust:.0f}, "
            f"peaked at {carried.peak_trust:.0f}); {CARRY_SHARE:.0%} of the ground "
            f"{'gained is kept' if kept >= 0 else 'lost stays lost'}",
        )
    ]
    peak_level = level_for(carried.peak_trust)
    cap = LEVEL_THRESHOLDS[peak_level] - 0.1 if peak_level > 0 else 0.0
    if usual + kept > cap > usual:
        changes.append(
            TrustChange(
                turn=0,
                cause="follow_up_cap",
                delta=round(cap - (usual + kept), 2),
                reason=f"starts below level {peak_level}, where last session peaked: that has to be re-earned",
            )
        )
    if carried.unrepaired is not None:
        changes.append(
            TrustChange(
                turn=0,
                cause="rupture_unrepaired",
                delta=-UNREPAIRED_RUPTURE_COST,
                reason=f"last session's broken trust ({carried.unrepaired.replace('_', ' ')} at turn "
                f"{carried.unrepaired_at}) was never repaired",
            )
        )
    if persona.setting.conflict_of_interest and not carried.agreements.confidentiality:
        changes.append(
            TrustChange(
                turn=0,
                cause="conflict_of_interest",
                delta=-conflict_penalty(persona),
                reason=f"conflict of interest still not addressed: {persona.setting.conflict_of_interest}",
            )
        )
    trust = usual + sum(change.delta for change in changes)
    if not carried.agreements.goal and trust > w.NO_GOAL_CEILING:
        changes.append(
            TrustChange(
                turn=0,
                cause="no_goal_ceiling",
                delta=round(w.NO_GOAL_CEILING - trust, 2),
                reason="held below level 3: no session goal was agreed last time",
            )
        )
    return changes


def follow_up_state(persona: Persona, carried: Carryover) -> TrustState:
    """The first state of the next session: the agreements, disclosures and opened topics remembered, trust
    where `starting_changes` put it, and a rupture left unrepaired still open (owning it is the way back)."""
    changes = starting_changes(persona, carried)
    trust = min(
        max(persona.difficulty.initial_trust + sum(change.delta for change in changes), 0.0), w.MAX_TRUST
    )
    topics = {topic.id: TopicStatus.LOCKED for topic in persona.sensitive_topics}
    topics.update({topic: TopicStatus.OPEN for topic in carried.opened if topic in topics})
    # A client who would have left at once (no repair window) is not held closed again: the cost stands.
    still_broken = carried.unrepaired if persona.difficulty.repair_window > 0 else None
    return TrustState(
        trust=round(trust, 2),
        contract=carried.agreements,
        carried=carried.agreements,
        topics=topics,
        disclosed=[d for d in carried.disclosed if any(own.id == d for own in persona.disclosures)],
        hints_used={topic: hints for topic, hints in carried.hinted.items() if topic in topics},
        debt=UNREPAIRED_RUPTURE_COST if carried.unrepaired else 0.0,  # owning it wins some back
        misstep=carried.unrepaired,
        rupture=still_broken,
        rupture_at=0 if still_broken else None,
        changes=changes,
        carried_names=list(carried.names),
    )
