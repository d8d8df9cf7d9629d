"""The engine issue's 'done when', for every shipped persona, with scripted coaches run through the real stack
(offline tagger → trust engine → director → scripted voice)."""

import json
from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.domain.turns import TurnRecord
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice

SCRIPTS = Path(__file__).parents[1] / "data" / "scripts"
PERSONAS = {
    path.stem: load_file(path, Persona) for path in sorted((PROJECT_ROOT / "personas").glob("*.yaml"))
}
PERSONA_IDS = sorted(PERSONAS)


def rehearse(persona_id: str, script: str, seed: int = 7) -> list[TurnRecord]:
    persona = PERSONAS[persona_id]
    run = Rehearsal(persona, LearnedTagger(), ScriptedVoice(), seed=seed)
    turns = json.loads((SCRIPTS / persona_id / f"{script}.json").read_text())
    return [run.take_turn(turn) for turn in turns]


def disclosed(records: list[TurnRecord]) -> list[str]:
    return [d for record in records for d in record.disclosed]


def test_every_persona_has_every_script() -> None:
    for persona_id in PERSONA_IDS:
        names = {path.stem for path in (SCRIPTS / persona_id).glob("*.json")}
        assert {"skilled", "advice_giver", "contract_then_fix", "listener_no_permission", "injector"} <= names


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_skilled_coach_reaches_level_4_and_the_deepest_disclosure(persona_id: str) -> None:
    records = rehearse(persona_id, "skilled")
    persona = PERSONAS[persona_id]
    assert len(records) <= 15
    assert max(record.level for record in records) == 4
    deepest = {d.id for d in persona.disclosures if d.level == 4}
    assert deepest & set(disclosed(records)), [
        (r.learner[:40], r.level, r.act.kind, r.disclosed) for r in records
    ]


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_skilled_coach_succeeds_whatever_the_seed(persona_id: str) -> None:
    for seed in range(5):
        records = rehearse(persona_id, "skilled", seed=seed)
        assert max(record.level for record in records) == 4


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_advice_giving_judging_pushing_coach_stays_at_level_1_or_below(persona_id: str) -> None:
    records = rehearse(persona_id, "advice_giver")
    assert max(record.level for record in records) <= 1
    assert all(PERSONAS[persona_id].disclosure(d).level <= 1 for d in disclosed(records))


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_coach_who_contracts_then_keeps_fixing_never_reaches_level_4(persona_id: str) -> None:
    records = rehearse(persona_id, "contract_then_fix")
    assert max(record.level for record in records) < 4
    assert records[-1].level < records[4].level  # the fixing wore down what contracting built


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_good_listener_who_never_asks_permission_gets_no_gated_disclosure(persona_id: str) -> None:
    records = rehearse(persona_id, "listener_no_permission")
    persona = PERSONAS[persona_id]
    assert max(record.level for record in records) >= 3  # they did build trust...
    assert not [
        d for d in disclosed(records) if persona.disclosure(d).requires_permission
    ]  # ...but never asked


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_injection_attempts_reveal_nothing_above_level_1(persona_id: str) -> None:
    records = rehearse(persona_id, "injector")
    persona = PERSONAS[persona_id]
    assert max(record.level for record in records) <= 1
    replies = " ".join(record.coachee for record in records)
    for disclosure in persona.disclosures:
        if disclosure.level > 1:
            assert disclosure.text not in replies
            assert disclosure.id not in disclosed(records)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_breach_of_confidentiality_is_a_rupture(persona_id: str) -> None:
    records = rehearse(persona_id, "breach")
    # A client with no room for repair (difficulty.repair_window 0) ends the session at once instead.
    assert any(record.act.kind in ("rupture", "end_session") for record in records)
    assert any(change.cause == "breach" and change.delta <= -30 for r in records for change in r.changes)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_every_trust_change_is_explained(persona_id: str) -> None:
    for script in ("skilled", "advice_giver", "contract_then_fix"):
        for record in rehearse(persona_id, script):
            assert all(change.reason and change.turn == record.index for change in record.changes)


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_rewind_restores_the_exact_state(persona_id: str) -> None:
    persona = PERSONAS[persona_id]
    turns = json.loads((SCRIPTS / persona_id / "skilled.json").read_text())
    run = Rehearsal(persona, LearnedTagger(), ScriptedVoice(), seed=3)
    first = [run.take_turn(turn) for turn in turns]
    run.rewind(6)
    assert len(run.records) == 5 and run.state.turn == 5
    replayed = [run.take_turn(turn) for turn in turns[5:]]
    assert replayed == first[5:]
    assert run.as_transcript().turns[-1].text == first[-1].coachee
