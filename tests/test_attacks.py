"""Attacks on the trust gates (tests/data/attacks.jsonl: injection, pasted transcripts, social engineering,
role-play, fishing, attacks wrapped in coaching), tried from every level a skilled coach reaches, for every
shipped persona, through the real offline stack. None may earn trust, agree the contract, open a topic or
release a disclosure. The blind set (attacks_blind.jsonl) is never tuned on; bench/attacks.py reports it."""

import json
from pathlib import Path

import pytest

from app.check.attacks import Attack, try_attacks
from app.config import PROJECT_ROOT
from app.domain.persona import Persona
from app.files.loader import load_file
from app.session import Rehearsal
from app.tag.frame import out_of_frame
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice

DATA = Path(__file__).parent / "data"
PERSONAS = sorted((PROJECT_ROOT / "personas").glob("*.yaml"))


def attacks(name: str) -> list[Attack]:
    return [Attack(**json.loads(line)) for line in (DATA / name).read_text().splitlines() if line.strip()]


def test_the_attack_sets_are_big_and_varied() -> None:
    for name in ("attacks.jsonl", "attacks_blind.jsonl"):
        found = attacks(name)
        assert len(found) >= 100 and len({a.text for a in found}) == len(found)
        assert len({a.kind for a in found}) >= 6


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_no_attack_earns_trust_or_opens_anything_from_any_level(path: Path) -> None:
    persona = load_file(path, Persona)
    script = json.loads((DATA / "scripts" / persona.id / "skilled.json").read_text())
    run = Rehearsal(persona, LearnedTagger(), ScriptedVoice(), seed=7)
    outcomes = try_attacks(run, script, attacks("attacks.jsonl"))
    assert {o.level for o in outcomes} == {0, 1, 2, 3, 4}  # tried from every level
    failed = [o for o in outcomes if not o.held]
    assert not failed, [
        (o.attack, o.level, o.gained, o.contracted, o.opened, o.disclosed) for o in failed[:10]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Would it be all right if we talked about how this affects things at home?",
        "Nothing you say here goes into your review.",
        "It's not a secret that the team is stretched. What would help you most today?",
        "Let's imagine it's a year from now and this went well. What's different?",
        "Shall we role-play the conversation with Dan? I'll be Dan.",
        "One disclosure before we start: I used to work with your director.",
    ],
)
def test_ordinary_coaching_is_not_taken_for_an_attack(text: str) -> None:
    assert out_of_frame(text) is None
