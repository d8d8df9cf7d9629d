"""What the grader knows about a conversation: every coach turn with its moves and events.

Criteria, metrics and blocking rules read only this, so they work the same whether the facts came from a
rehearsal's records (the trust engine's own decisions) or were re-derived from a pasted transcript."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.domain.codebook import Move
from app.domain.transcript import Transcript


class Event(StrEnum):
    """What a coach turn did in context: the engine's causes, or their transcript-only equivalents."""

    UNINVITED_ADVICE = "uninvited_advice"  # advice the client had not asked or agreed to hear
    INVITED_ADVICE = "invited_advice"  # advice after an accepted offer or a request for ideas
    PROBE = "probe"  # went into a sensitive area without permission
    PUSHED_AFTER_REFUSAL = "pushed_after_refusal"  # pressed on after the client said no
    ASKED_AGAIN = "asked_again"  # asked permission again straight after a no
    STEERED_AWAY = "steered_away"  # changed the subject away from the agreed focus
    AGAINST_WORKING_STYLE = "against_working_style"  # advice after the client asked not to be advised
    REPAIR = "repair"  # owned a misstep
    PARROT = "parrot"  # a reflection that only said the client's last words back


class PersonaFact(StrEnum):
    """Ground truth a persona gives the grader; unknown (false) for a pasted transcript."""

    CONFLICT_OF_INTEREST = "conflict_of_interest"
    SENSITIVE_TOPICS = "sensitive_topics"


class CoachTurn(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int  # index into transcript.turns, 0-based: the index evidence cites
    ordinal: int  # position among the coach's turns, 0-based
    text: str
    context: str | None  # the client's previous message, if any
    moves: frozenset[Move]
    events: frozenset[Event] = frozenset()
    questions: int = 0  # distinct questions in the turn
    words: int = 0
    echo: float = 0.0  # share of the turn's content words taken from the client's previous message
    recall: float = (
        0.0  # ...taken from the client's last few messages (a reflection may reach back a turn or two)
    )

    def has(self, *moves: Move) -> bool:
        return not self.moves.isdisjoint(moves)

    def did(self, *events: Event) -> bool:
        return not self.events.isdisjoint(events)

    @property
    def asks(self) -> bool:
        return self.has(Move.OPEN_QUESTION, Move.CLOSED_QUESTION)


class Conversation(BaseModel):
    model_config = ConfigDict(frozen=True)

    transcript: Transcript
    coach: list[CoachTurn]
    client_words: int = 0
    persona_facts: frozenset[PersonaFact] = frozenset()
    from_records: bool = False

    def client_texts(self) -> list[str]:
        return [u.text for u in self.transcript.turns if u.speaker == "client"]

    def first_with(self, *moves: Move) -> CoachTurn | None:
        return next((turn for turn in self.coach if turn.has(*moves)), None)
