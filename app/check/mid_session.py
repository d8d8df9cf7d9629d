"""A rehearsal set in the middle of a session, for trying one labelled coach turn. Pure.

A labelled turn comes with the client's line before it, written as if the session had run a while: it is the
MID_SESSION_TURN-th turn (a turn with no line before it is the first), and the client has talked about their
situation and the people in it, and said what needs no permission below the deepest level, so the coach may
name them. What only a permission or the deepest level opens stays inside knowledge (app/tag/unsaid.py).
"""

from __future__ import annotations

from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.session import Rehearsal
from app.tag.answer_kinds import MID_SESSION_TURN
from app.tag.signals import AnswerReader
from app.tag.tagger import Tagger
from app.tag.unsaid import said_by_mid_session
from app.voice.base import Voice
from app.voice.scripted import ScriptedVoice


def mid_session(
    persona: Persona,
    tagger: Tagger,
    context: str | None,
    voice: Voice | None = None,
    answers: AnswerReader | None = None,
    seed: int = 0,
) -> Rehearsal:
    """A rehearsal whose next turn follows the client's `context` in the middle of a session (None: the
    session's first turn)."""
    run = Rehearsal(
        persona,
        tagger,
        voice or ScriptedVoice(),
        seed=seed,
        answers=answers,
        told_before=said_by_mid_session(persona) if context is not None else (),
    )
    if context is not None:
        run.transcript.append(Utterance(speaker="client", text=context))
        run.states[-1] = run.state.model_copy(update={"turn": MID_SESSION_TURN - 1})
    return run
