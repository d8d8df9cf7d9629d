"""The record of one learner turn, and a turn directed but not yet voiced: what the grader, the store and the
reports read, kept apart from the turn loop (app/session.py) so that reading a record never loads the voice."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from app.domain.acts import Act
from app.domain.codebook import Move
from app.domain.signals import TurnSignals
from app.domain.trust_state import TrustChange, TrustState
from app.domain.voicing import VoiceRequest


class TurnRecord(BaseModel):
    """Everything about one learner turn, for reports, storage and the CLI."""

    model_config = ConfigDict(frozen=True)

    index: int
    learner: str
    moves: list[Move]
    signals: TurnSignals
    trust: float
    level: int
    act: Act
    coachee: str
    disclosed: list[str]
    changes: list[TrustChange]
    voice: str
    note: str | None = None
    assisted_moves: list[Move] | None = None  # offline moves merged with the LLM tagger's, when it ran
    # A follow-up session's first engine state (app/trust/carryover.py), on its first record only: where trust
    # started and why (its changes at turn 0), for the reports' trust timeline.
    start: TrustState | None = None


def told_before(records: Sequence[TurnRecord]) -> set[str]:
    """The disclosures a follow-up's client had already made in an earlier session: neither reached in this one
    nor still locked."""
    start = records[0].start if records else None
    return set(start.disclosed) if start else set()


class PreparedTurn(BaseModel):
    """A learner turn scored and directed, waiting for its words."""

    model_config = ConfigDict(frozen=True)

    learner: str
    context: str | None = None  # the client's last words, which the turn answers
    signals: TurnSignals
    state: TrustState
    act: Act
    request: VoiceRequest
