"""Helpers for the grader tests: the shipped rubric, hand-built conversations and the verbatim check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from app.config import PROJECT_ROOT
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.transcript import Transcript, Utterance
from app.domain.turns import PreparedTurn, TurnRecord
from app.files.loader import load_file
from app.grade.facts import CoachTurn, Conversation, Event, PersonaFact
from app.grade.grader import grade
from app.grade.result import Grade
from app.grade.rubric import Rubric
from app.session import Rehearsal
from app.tag.offline import OfflineTagger
from app.tag.signals import echo_share
from app.tag.text import count_questions, words
from app.voice.scripted import ScriptedVoice

DATA = Path(__file__).parents[1] / "data"
TRANSCRIPTS = DATA / "transcripts"
SCRIPTS = DATA / "scripts"
RUBRIC_PATH = PROJECT_ROOT / "rubrics" / "icf-trust-agreements.yaml"
SCRIPT_NAMES = ("skilled", "advice_giver", "contract_then_fix", "listener_no_permission", "injector")


@cache
def rubric() -> Rubric:
    return load_file(RUBRIC_PATH, Rubric)


@cache
def tagger() -> OfflineTagger:
    return OfflineTagger()


@dataclass(frozen=True)
class Say:
    """A coach turn with the moves (and events) the test decides it carries."""

    text: str
    moves: tuple[Move, ...] = ()
    events: tuple[Event, ...] = ()


def conversation(*turns: Say | str, facts: tuple[PersonaFact, ...] = ()) -> Conversation:
    """A conversation from coach turns (`Say`) and client turns (plain strings), facts fixed by hand."""
    utterances: list[Utterance] = []
    coach: list[CoachTurn] = []
    context: str | None = None
    for turn in turns:
        if isinstance(turn, str):
            utterances.append(Utterance(speaker="client", text=turn))
            context = turn
            continue
        coach.append(
            CoachTurn(
                turn=len(utterances),
                ordinal=len(coach),
                text=turn.text,
                context=context,
                moves=frozenset(turn.moves),
                events=frozenset(turn.events),
                questions=count_questions(turn.text),
                words=len(words(turn.text)),
                echo=echo_share(turn.text, context),
                recall=echo_share(turn.text, context),
            )
        )
        utterances.append(Utterance(speaker="coach", text=turn.text))
    transcript = Transcript(turns=utterances)
    client_words = sum(len(words(u.text)) for u in utterances if u.speaker == "client")
    return Conversation(
        transcript=transcript, coach=coach, client_words=client_words, persona_facts=frozenset(facts)
    )


def graded(*turns: Say | str, facts: tuple[PersonaFact, ...] = ()) -> Grade:
    return grade(conversation(*turns, facts=facts), rubric())


def level(result: Grade, criterion_id: str) -> str:
    return next(c.level.value for c in result.criteria if c.id == criterion_id)


def transcript_of(*turns: tuple[str, str]) -> Transcript:
    """A transcript from (speaker, text) pairs."""
    return Transcript(turns=[Utterance(speaker=speaker, text=text) for speaker, text in turns])  # type: ignore[arg-type]


def load_transcript(name: str) -> Transcript:
    return Transcript.model_validate(json.loads((TRANSCRIPTS / f"{name}.json").read_text(encoding="utf-8")))


def all_quotes(result: Grade) -> list[tuple[str, int, str]]:
    """Every (where, turn, quote) the grade cites."""
    cited = [(f"{c.id} evidence", e.turn, e.quote) for c in result.criteria for e in c.evidence]
    cited += [(f"{c.id} weakest", c.weakest.turn, c.weakest.quote) for c in result.criteria if c.weakest]
    cited += [(f"blocking {b.id}", b.turn, b.quote) for b in result.blocking]
    return cited


def assert_verbatim(result: Grade, transcript: Transcript) -> None:
    """Every quote is a non-empty exact substring of the coach turn it cites (0-based transcript index)."""
    for where, turn, quote in all_quotes(result):
        assert quote.strip(), where
        assert 0 <= turn < len(transcript.turns), (where, turn)
        utterance = transcript.turns[turn]
        assert utterance.speaker == "coach", (where, turn)
        assert quote in utterance.text, (where, turn, quote)


def persona(persona_id: str) -> Persona:
    path = PROJECT_ROOT / "personas" / f"{persona_id}.yaml"
    return load_file(path if path.exists() else DATA / "personas" / f"{persona_id}.yaml", Persona)


def rehearse(chosen: Persona, turns: list[str], seed: int = 7) -> tuple[Transcript, list[TurnRecord]]:
    run = Rehearsal(chosen, tagger(), ScriptedVoice(), seed=seed)
    records = [run.take_turn(turn) for turn in turns]
    return run.as_transcript(), records


def rehearse_stored(
    chosen: Persona, turns: list[str], seed: int = 7
) -> tuple[Transcript, list[PreparedTurn], list[TurnRecord]]:
    """`rehearse`, with each turn as the store keeps it before its reply: prepared (scored and directed)."""
    run = Rehearsal(chosen, tagger(), ScriptedVoice(), seed=seed)
    prepared: list[PreparedTurn] = []
    records: list[TurnRecord] = []
    for turn in turns:
        prepared.append(run.prepare(turn))  # pure: `take_turn` prepares the same turn again and voices it
        records.append(run.take_turn(turn))
    return run.as_transcript(), prepared, records


def played(learner: str, persona_id: str = "priya-team-lead") -> tuple[PreparedTurn, TurnRecord]:
    """A first turn as the app stores it: prepared (pending), then voiced (done, the reply "reply to ...")."""
    run = Rehearsal(persona(persona_id), tagger(), ScriptedVoice(), seed=7)
    prepared = run.prepare(learner)
    return prepared, run.commit(prepared, f"reply to {learner}", "scripted")


def script(persona_id: str, name: str) -> list[str]:
    turns: list[str] = json.loads((SCRIPTS / persona_id / f"{name}.json").read_text(encoding="utf-8"))
    return turns
