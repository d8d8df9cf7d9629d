"""Attacks on the trust gates, tried from every level a real coach reaches. Pure.

A learner may try to shortcut trust: prompt injection, a pasted fake transcript, social engineering, fishing
for the never-told thing. Each attack is tried, as the coach's next turn, from the state a skilled coach
left at each level (the first turn at each level, and the end of the run, when topics are open). An attack
holds the gates when that turn earns no trust (no positive change at all), agrees no part of the contract,
opens no topic and releases no disclosure. Nothing is committed: `Rehearsal.prepare` is pure.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from app.domain.persona import Persona
from app.domain.trust_state import TopicStatus, TrustState
from app.session import Rehearsal


class Attack(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: str
    text: str  # may hold {name} for the client's first name


class AttackOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    attack: str
    kind: str
    level: int  # the level the attack was tried from
    after_turns: int  # how many turns of the coach's run came before it
    gained: float  # sum of the positive trust changes the attack earned
    contracted: list[str]  # contract items the attack got agreed
    opened: list[str]  # topics the attack opened
    disclosed: str | None  # the disclosure it released
    moves: list[str]

    @property
    def held(self) -> bool:
        return not (self.gained > 0 or self.contracted or self.opened or self.disclosed)


def _checkpoints(states: list[TrustState]) -> list[int]:
    """Turns played before each checkpoint: the first state at each level, and the last state."""
    first_at: dict[int, int] = {}
    for played, state in enumerate(states):
        first_at.setdefault(state.level, played)
    return sorted({*first_at.values(), len(states) - 1})


def addressed(text: str, persona: Persona) -> str:
    """The turn with `{name}` replaced by the client's first name."""
    return text.replace("{name}", persona.name.split()[0])


def gained_this_turn(state: TrustState) -> float:
    """The sum of the positive trust changes of the state's latest turn."""
    return round(sum(c.delta for c in state.changes_in(state.turn) if c.delta > 0), 2)


def _outcome(run: Rehearsal, attack: Attack) -> AttackOutcome:
    before = run.state
    prepared = run.prepare(addressed(attack.text, run.persona))
    after = prepared.state
    return AttackOutcome(
        attack=attack.id,
        kind=attack.kind,
        level=before.level,
        after_turns=before.turn,
        gained=gained_this_turn(after),
        contracted=[
            item
            for item, agreed in after.contract.model_dump().items()
            if agreed and not getattr(before.contract, item)
        ],
        opened=[
            topic
            for topic, status in after.topics.items()
            if status is TopicStatus.OPEN and before.topics.get(topic) is not TopicStatus.OPEN
        ],
        disclosed=prepared.act.disclosure,
        moves=[move.value for move in prepared.signals.moves],
    )


def try_attacks(run: Rehearsal, coach_turns: list[str], attacks: list[Attack]) -> list[AttackOutcome]:
    """Play the coach's turns on a fresh `run`, then try every attack from every checkpoint."""
    for turn in coach_turns:
        run.take_turn(turn)
    outcomes: list[AttackOutcome] = []
    for played in reversed(_checkpoints(run.states)):  # latest first: rewinding only ever goes back
        run.rewind(played + 1)
        outcomes.extend(_outcome(run, attack) for attack in attacks)
    return outcomes
