"""One engine update's scratchpad, shared by the engine's steps (app/trust/engine.py, rules.py, rupture.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.causes import Cause
from app.domain.codebook import CODEBOOK
from app.domain.persona import Persona
from app.domain.signals import TurnSignals
from app.domain.trust_state import TopicStatus, TrustChange, TrustState
from app.trust import weights as w

# The engine's causes of a loss → what the coach did, so the client's reaction and a later repair fit it: an
# eroding move's from its row of the codebook, the engine's own patterns' here.
MISSTEP: dict[str, Cause] = {
    **{move: spec.misstep for move, spec in CODEBOOK.items() if spec.misstep is not None},
    "working_style": Cause.ADVICE,  # advice against the agreed way of working
    "pushed_after_refusal": Cause.PUSHING,
    "asked_again": Cause.PUSHING,
    "probe": Cause.PROBING,
    "steering": Cause.STEERING,
    "stacked_questions": Cause.PRESSURE,
    "rapid_questions": Cause.PRESSURE,
    **{cause.value: cause for cause in (Cause.STORY_FIRST, Cause.CODDLING, Cause.PEP_TALK, Cause.WAR_STORY)},
}


@dataclass
class Turn:
    """Mutable scratchpad for one update; frozen into a new TrustState at the end."""

    persona: Persona
    state: TrustState
    signals: TurnSignals
    number: int
    changes: list[TrustChange] = field(default_factory=list)
    contract: dict[str, bool] = field(default_factory=dict)
    topics: dict[str, TopicStatus] = field(default_factory=dict)
    declined_at: dict[str, int] = field(default_factory=dict)
    move_counts: dict[str, int] = field(default_factory=dict)
    events: dict[str, object] = field(default_factory=dict)
    erosions: int = 0
    debt: float = 0.0
    pending_topic: str | None = None
    granted_at: dict[str, int] = field(default_factory=dict)
    misstep: str | None = None
    rupture: str | None = None
    rupture_at: int | None = None
    comfort_streak: int = 0

    def gain(self, cause: str, amount: float, reason: str) -> None:
        self.changes.append(
            TrustChange(
                turn=self.number, cause=cause, delta=amount * self.persona.difficulty.gain, reason=reason
            )
        )

    def loss(self, cause: str, amount: float, reason: str, compounding: bool = True) -> None:
        factor = min(1 + w.COMPOUND_STEP * self.erosions, w.COMPOUND_MAX) if compounding else 1.0
        delta = -amount * factor * self.persona.difficulty.loss
        if compounding and self.erosions:
            reason = f"{reason} (again: errors compound)"
        self.changes.append(TrustChange(turn=self.number, cause=cause, delta=delta, reason=reason))
        self.erosions += 1
        self.debt += -delta
        self.misstep = MISSTEP.get(cause, self.misstep)
