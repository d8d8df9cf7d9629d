"""The client refers to last time: a follow-up's first words in the persona's `lines.follow_up_opening`, or a
plain line built from what was agreed and told; the model voice is told what was agreed; the optional key is in
the scaffold and checked by `rapport validate`."""

import json
from pathlib import Path

from app.bootstrap import bootstrap, build_voice
from app.config import PROJECT_ROOT
from app.direct.brief import voice_request
from app.direct.director import opening
from app.domain.acts import ActKind
from app.domain.persona import Persona
from app.domain.trust_state import ContractState
from app.files.loader import load_file
from app.files.scaffold import persona_scaffold
from app.session import Rehearsal
from app.tag.offline import OfflineTagger
from app.trust.carryover import Carryover, carry_over, follow_up_state
from app.trust.engine import initial_state
from app.voice.prompt import system_prompt
from app.voice.scripted import ScriptedVoice
from tests.integration.test_persona_tools import line_of
from tests.support.cli import invoke_rapport
from tests.support.stub_llm import IN_CHARACTER, StubServer, stub_settings


def follow_up(persona: Persona, **facts: object) -> tuple[str, str]:
    """(what the offline voice says first, the model's system prompt) in the follow-up after `facts`."""
    given: dict[str, object] = {
        "session": 1,
        "agreements": ContractState(goal=True, working_style=True),
        "last_trust": 50.0,
        "peak_trust": 55.0,
        **facts,
    }
    state = follow_up_state(persona, Carryover.model_validate(given))
    act = opening(persona, state)
    assert act.kind is ActKind.FOLLOW_UP_OPENING
    request = voice_request(persona, act, [], state=state)
    return ScriptedVoice().speak(request), system_prompt(request)


def test_without_authored_lines_the_client_says_what_was_agreed_and_told(sam: Persona) -> None:
    said, prompt = follow_up(sam, disclosed=["tired"])
    assert said == (
        "Hello again. Last time we agreed what I wanted to get out of this and how I like to work. "
        "I told you more than I usually tell people, last time. I've been thinking about it since."
    )
    assert "From your last session together:" in prompt
    assert "Last time you agreed what you want from the sessions and how you like to work." in prompt
    assert "- he is tired" in prompt  # disclosed last time: already told the coach
    for locked in ("he blames himself", "his daughter is ill", "My daughter is ill"):
        assert locked not in prompt


def test_nothing_agreed_and_a_rupture_left_unrepaired(sam: Persona) -> None:
    said, prompt = follow_up(sam, agreements=ContractState(), unrepaired="breach", unrepaired_at=4)
    assert said.startswith("Hello again. I'll be honest, I nearly didn't come back after last time.")
    assert "Last time we never quite pinned down what I wanted from this." in said
    assert "Last time the coach broke your trust and never owned it: you are wary." in prompt


def test_authored_follow_up_lines_come_first() -> None:
    nadia = load_file(PROJECT_ROOT / "personas" / "nadia-picture-book.yaml", Persona)
    said, _ = follow_up(nadia)
    assert said in nadia.lines_for(ActKind.FOLLOW_UP_OPENING, follow_up_state(nadia, _carried()).level)


def _carried() -> Carryover:
    return Carryover(
        session=1, agreements=ContractState(goal=True, working_style=True), last_trust=50, peak_trust=55
    )


def test_a_first_session_opens_as_before(sam: Persona) -> None:
    state = initial_state(sam)
    request = voice_request(sam, opening(sam, state), [], state=state)
    assert request.act.kind is ActKind.OPENING and request.last_session == []
    assert "From your last session together:" not in system_prompt(request)


def test_the_scaffold_has_the_optional_key_and_validate_checks_it(tmp_path: Path) -> None:
    scaffold = persona_scaffold("base", "Base", "../schemas/persona.schema.json", "base.yaml")
    assert "follow_up_opening:" in scaffold
    without = "\n".join(line for line in scaffold.splitlines() if not line.startswith("  follow_up_opening:"))
    (tmp_path / "without.yaml").write_text(without.replace("id: base", "id: without"))
    empty = scaffold.replace(
        '  follow_up_opening: ["Hello again. I\'ve been thinking about what we said last time."]',
        "  follow_up_opening: []",
    )
    (tmp_path / "empty.yaml").write_text(empty)
    result = invoke_rapport("validate", str(tmp_path / "without.yaml"), str(tmp_path / "empty.yaml"))
    out = result.stdout
    assert result.returncode == 1, out
    line = line_of(empty, "follow_up_opening: []")
    assert f"{tmp_path / 'empty.yaml'}:{line}: lines.follow_up_opening" in out, out
    assert str(tmp_path / "without.yaml") not in out  # optional: a persona without it is valid


def test_with_a_model_voice_the_follow_up_is_told_last_time_and_nothing_locked(llm_stub: StubServer) -> None:
    services = bootstrap()
    priya = services.catalog.persona("priya-team-lead")
    first = services.rehearsal(priya)
    for line in (
        "Before we start: what you say here stays between us, and I'm not reporting to anyone.",
        "What would you like to get out of our time today?",
        "How would you like us to work together?",
    ):
        first.take_turn(line)
    told = first.state.disclosed
    assert told
    start = follow_up_state(priya, carry_over(first.states))
    model = "normal#follow-up"
    second = Rehearsal(
        priya, OfflineTagger(), build_voice(stub_settings(llm_stub.base_url, model)), start=start
    )
    assert second.opening() == IN_CHARACTER  # the model spoke the opening
    [body] = llm_stub.sent(model)
    prompt = json.dumps(body["messages"], ensure_ascii=False)
    assert "From your last session together:" in prompt and "second session with this coach" in prompt
    assert all(priya.disclosure(d).summary in prompt for d in told)
    for locked in (d for d in priya.disclosures if d.id not in told):
        assert locked.text not in prompt and locked.summary not in prompt
