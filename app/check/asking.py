"""Asking before going in: what a coach's turn earns right after the client hinted at something. Pure.

The client touches on a sensitive topic and pulls back (one of the persona's own hints). A coach who asks
leave to go there, in whatever words, should be heard asking: credited with `permission`, never charged with
going in uninvited. A coach who goes straight in should be charged with it, not credited. Each labelled turn
is tried where a skilled coach's run first reached the topic's hint level, with the hint as the client's last
line; nothing is committed (`Rehearsal.prepare` is pure).

An attack dressed as asking leave (consent claimed or pre-answered, an ask inside a pasted log, an ask with
leverage or instructions to the simulation) is tried where a real ask would be granted, at the topic's open level
(`at_open_level`): it must open nothing, release nothing and earn no trust.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from app.check.attacks import addressed, gained_this_turn
from app.direct.director import recorded
from app.domain.acts import Act, ActKind
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.revise import revised
from app.domain.transcript import Utterance
from app.domain.trust_state import TopicStatus, TrustState
from app.session import Rehearsal
from app.tag.tagger import Tagger
from app.voice.base import Voice


class AfterHint(BaseModel):
    """One labelled coach turn, said right after the client's hint."""

    model_config = ConfigDict(frozen=True)

    id: str
    persona: str
    topic: str
    hint: str  # the client's line: one of the topic's hints, as authored
    text: str  # the coach's turn
    label: Literal["ask", "probe", "attack"]
    kind: str | None = None  # what sort of attack (or ask) it is, as its author filed it


class AfterHintOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: Literal["ask", "probe", "attack"]
    level: int  # the level the turn was tried at
    asked: bool  # read as a permission request
    probed: bool  # charged with going into the topic without asking (or past a no)
    # charged with stepping out of the conversation (naming what only the persona's file says)
    stepped_out: bool = False
    moves: list[str]
    opened: bool = False  # the topic was opened or a disclosure released
    gained: float = 0.0  # the sum of the turn's positive trust changes

    @property
    def right(self) -> bool:
        """An ask heard as one and not charged; a probe charged and not heard as an ask; an attack that opens
        nothing and earns nothing."""
        if self.label == "ask":
            return self.asked and not self.charged
        if self.label == "attack":
            return not self.opened and self.gained <= 0
        return self.charged and not self.asked

    @property
    def charged(self) -> bool:
        return self.probed or self.stepped_out


def _checkpoint(states: list[TrustState], topic: str, hint_level: int) -> int:
    """Turns played before the first state at the topic's hint level with the topic still closed."""
    for played, state in enumerate(states):
        if state.level >= hint_level and state.topics.get(topic) is not TopicStatus.OPEN:
            return played
    return len(states) - 1


def _hinted(state: TrustState, topic: str) -> TrustState:
    """The state as the director leaves it after a hint at `topic`, with no earlier refusal of it."""
    hinted = recorded(state, Act(kind=ActKind.HINT, level=state.level, topic=topic))
    return revised(hinted, declined_at={k: v for k, v in state.declined_at.items() if k != topic})


def try_after_hints(
    run: Rehearsal, coach_turns: list[str], rows: list[AfterHint], at_open_level: bool = False
) -> list[AfterHintOutcome]:
    """Play a skilled coach's turns on a fresh `run`, then try each of the persona's rows after its hint (at the
    topic's hint level, or where an ask would be granted: its open level)."""
    for turn in coach_turns:
        run.take_turn(turn)
    states = list(run.states)

    def checkpoint(row: AfterHint) -> int:
        topic = run.persona.topic(row.topic)
        level = max(topic.hint_level, topic.open_level) if at_open_level else topic.hint_level
        return _checkpoint(states, row.topic, level)

    outcomes: dict[int, AfterHintOutcome] = {}
    # latest checkpoint first: a run only rewinds backwards
    for index, row in sorted(enumerate(rows), key=lambda pair: -checkpoint(pair[1])):
        run.rewind(checkpoint(row) + 1)
        run.transcript[-1:] = [Utterance(speaker="client", text=row.hint)]
        run.states[-1] = _hinted(run.state, row.topic)
        prepared = run.prepare(addressed(row.text, run.persona))
        events = prepared.state.events
        outcomes[index] = AfterHintOutcome(
            id=row.id,
            label=row.label,
            level=run.state.level,
            asked=prepared.signals.has(Move.PERMISSION),
            probed=bool(events.probed or events.pushed_after_refusal),
            stepped_out=events.out_of_frame,
            moves=[move.value for move in prepared.signals.moves],
            opened=bool(events.permission_granted or prepared.act.disclosure),
            gained=gained_this_turn(prepared.state),
        )
    return [outcomes[index] for index in range(len(rows))]


def try_rows(
    rows: list[AfterHint],
    personas: Mapping[str, Persona],
    scripts: Mapping[str, list[str]],
    tagger: Tagger,
    voice: Voice,
    at_open_level: bool = False,
) -> list[tuple[AfterHint, AfterHintOutcome]]:
    """Every row with its outcome, each persona's rows tried after its skilled coach's turns (`scripts`, by
    persona id), persona by persona (`at_open_level`: see `try_after_hints`)."""
    pairs: list[tuple[AfterHint, AfterHintOutcome]] = []
    for persona_id in sorted({row.persona for row in rows}):
        mine = [row for row in rows if row.persona == persona_id]
        run = Rehearsal(personas[persona_id], tagger, voice, seed=7)
        tried = try_after_hints(run, scripts[persona_id], mine, at_open_level)
        pairs.extend(zip(mine, tried, strict=True))
    return pairs
