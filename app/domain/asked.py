"""What a learner turn asks of the client, as the director hears it: a contracting answer, a fact, a feeling,
what it means to them, options, a yes to a reflection or a summary, small talk, room to go on, or a goodbye.

Read in the reading step (app/tag/asked.py) and carried on `TurnSignals.asked`; the director answers it.
"""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from app.domain.persona import FactKind


class AskedKind(StrEnum):
    GOAL = "goal"
    SUCCESS = "success"
    IMPORTANCE = "importance"
    WORKING_STYLE = "working_style"
    CONFIDENTIALITY = "confidentiality"
    FACT = "fact"  # who, when, how long, what happened, what was said
    FEELING = "feeling"
    MEANING = "meaning"  # what matters to them, values, what it says about them
    OPTIONS = "options"  # options, next steps, what they could do or say
    REFLECTION = "reflection"  # the coach says back what they heard, with no question
    SUMMARY = "summary"
    SMALL_TALK = "small_talk"
    SILENCE = "silence"  # "Mm.", "...", "Take your time", an empty send: room to go on
    CLOSING = "closing"
    OPEN = "open"  # any other question or invitation to say more


CONTRACT_KINDS = frozenset(
    {
        AskedKind.GOAL,
        AskedKind.SUCCESS,
        AskedKind.IMPORTANCE,
        AskedKind.WORKING_STYLE,
        AskedKind.CONFIDENTIALITY,
    }
)
# What the words make clear enough that an engine reaction read from the same words (an offer, a permission
# request) should give way to answering it.
CLEAR_KINDS = frozenset(set(AskedKind) - {AskedKind.OPEN, AskedKind.SILENCE, AskedKind.REFLECTION})


class Asked(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: AskedKind
    fact: FactKind | None = (
        None  # for FACT: people (who), timeline (when, how long) or events (what happened)
    )
    reflected: bool = False  # the turn also says back what the client said, before its question
    misread: bool = False  # what it says back is what the client has just said was not so
