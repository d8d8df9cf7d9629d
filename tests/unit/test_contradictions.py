"""The contradiction check (app/check/contradictions.py) on hand-made runs, and on every run the tests make: the
acceptance scripts and every simulated coach, with every shipped persona (issue 11: no goodbye before the end,
no "I said no" without a refusal, no talk after a stop without repair)."""

import json
from functools import cache
from pathlib import Path

import pytest

from app.check.checks import run_coach
from app.check.contradictions import ClientTurn, client_turns, contradictions
from app.check.simulated_coaches import COACHES
from app.config import PROJECT_ROOT
from app.domain.acts import ActKind
from app.domain.persona import Persona
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice

SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"
PERSONAS = {
    path.stem: load_file(path, Persona) for path in sorted((PROJECT_ROOT / "personas").glob("*.yaml"))
}


def said(*turns: tuple[ActKind, str]) -> list[ClientTurn]:
    return [ClientTurn(turn=i, act=act, said=text) for i, (act, text) in enumerate(turns, start=1)]


CHAT = (ActKind.ELABORATE, "It's a lot, the rota.")


def test_a_goodbye_before_the_end_is_caught() -> None:
    found = contradictions(said((ActKind.CLOSING, "Thanks for your time. I'll report back."), CHAT, CHAT))
    assert found and found[0].startswith("turn 1: says goodbye")
    assert not contradictions(said(CHAT, CHAT, (ActKind.CLOSING, "Thanks for your time.")))


def test_i_said_no_without_a_refusal_is_caught() -> None:
    pushed = (ActKind.RUPTURE, "I said no to that. I think we should stop here.")
    assert "never refused" in contradictions(said(CHAT, pushed))[0]
    assert not contradictions(said((ActKind.DECLINE_PERMISSION, "Not today."), pushed))


def test_talk_after_a_stop_without_repair_is_caught() -> None:
    stop = (ActKind.RUPTURE, "This is exactly what I was worried about. I'm not comfortable carrying on.")
    found = contradictions(said(stop, CHAT))
    assert found == ["turn 2: talks on after stopping at turn 1, with no repair"]
    assert not contradictions(said(stop, (ActKind.REPAIR_ACCEPTED, "Okay. Thanks for saying so."), CHAT))
    assert contradictions(said((ActKind.END_SESSION, "We're done."), CHAT))


def _script_run(persona_id: str, script: Path, seed: int) -> list[ClientTurn]:
    run = Rehearsal(PERSONAS[persona_id], LearnedTagger(), ScriptedVoice(), seed=seed)
    for turn in json.loads(script.read_text()):
        if run.ended:
            break
        run.take_turn(turn)
    return client_turns(run.records)


SCRIPT_CASES = [
    (persona_id, script)
    for persona_id in sorted(PERSONAS)
    for script in sorted((SCRIPTS / persona_id).glob("*.json"))
    if (SCRIPTS / persona_id).is_dir()
]


@pytest.mark.parametrize(("persona_id", "script"), SCRIPT_CASES, ids=lambda c: getattr(c, "stem", c))
def test_no_acceptance_script_makes_the_client_contradict_itself(persona_id: str, script: Path) -> None:
    for seed in (0, 7):
        assert contradictions(_script_run(persona_id, script, seed)) == [], seed


@cache
def _coach_run(persona_id: str, coach_id: str, seed: int) -> list[ClientTurn]:
    coach = next(c for c in COACHES if c.id == coach_id)
    run = run_coach(coach, PERSONAS[persona_id], LearnedTagger(), ScriptedVoice(), seed)
    return client_turns(run.records)


@pytest.mark.parametrize("persona_id", sorted(PERSONAS))
@pytest.mark.parametrize("coach_id", [c.id for c in COACHES])
def test_no_simulated_coach_makes_the_client_contradict_itself(persona_id: str, coach_id: str) -> None:
    for seed in (0, 1):
        assert contradictions(_coach_run(persona_id, coach_id, seed)) == [], seed


def test_a_gossiping_coach_meets_a_client_who_ends_the_session() -> None:
    """The check's other half: the runs above end when the client stops, so nothing can follow a stop."""
    ended = [
        (persona_id, seed)
        for persona_id in sorted(PERSONAS)
        for seed in (0, 1)
        if _coach_run(persona_id, "gossip", seed)[-1].act is ActKind.END_SESSION
    ]
    assert ended
