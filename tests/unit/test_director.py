"""The director: which act the coachee performs, and when a disclosure is revealed."""

import json
from pathlib import Path

from app.direct.brief import voice_request
from app.direct.director import direct
from app.domain.acts import Act, ActKind
from app.domain.codebook import Move
from app.domain.persona import Persona
from app.domain.signals import TurnSignals
from app.domain.trust_state import TrustState
from app.session import Rehearsal
from app.trust.engine import initial_state, update
from app.voice.scripted import ScriptedVoice
from tests.support.shipped import learned_tagger, shipped_persona
from tests.support.signals import CONTRACT, LISTEN, listening

DATA = Path(__file__).parents[1] / "data"


def say(*moves: Move, **facts: object) -> TurnSignals:
    return TurnSignals(text="...", moves=list(moves), **facts)  # type: ignore[arg-type]


def acts(persona: Persona, *turns: TurnSignals) -> tuple[TrustState, list[Act]]:
    """The client's act for each turn, and the state after the last."""
    state = initial_state(persona)
    performed: list[Act] = []
    for signals in turns:
        direction = direct(update(state, signals, persona), signals, persona)
        state = direction.state
        performed.append(direction.act)
    return state, performed


def run(persona: Persona, *turns: TurnSignals) -> tuple[TrustState, list[ActKind], list[str | None]]:
    state, performed = acts(persona, *turns)
    return state, [act.kind for act in performed], [act.disclosure for act in performed]


def test_contracting_questions_get_contract_answers(sam: Persona) -> None:
    _, kinds, _ = run(sam, *CONTRACT)
    assert kinds[0] is ActKind.ANSWER_GOAL
    assert kinds[1] is ActKind.ANSWER_SUCCESS
    assert kinds[3] is ActKind.ANSWER_WORKING_STYLE


def test_disclosures_come_once_lowest_level_first(sam: Persona) -> None:
    state, _, revealed = run(sam, *CONTRACT, *listening(8))
    order = [d for d in revealed if d]
    assert order == sorted(order, key=lambda d: sam.disclosure(d).level)
    assert len(order) == len(set(order))
    assert "daughter" not in order and "never" not in order  # gated: nobody asked permission
    assert state.level == 4


def test_hint_then_permission_then_reveal(sam: Persona) -> None:
    state, performed = acts(sam, *CONTRACT, *listening(4))
    # A hint is an act of its own, or comes after the main act (a FEEL_HEARD that goes on to hint).
    hinted = [act.topic if act.kind is ActKind.HINT else act.hint_topic for act in performed]
    assert "family" in hinted and state.pending_topic == "family"
    assert "daughter" not in [act.disclosure for act in performed]  # hinted at, not yet told
    direction = direct(update(state, say(Move.PERMISSION), sam), say(Move.PERMISSION), sam)
    assert direction.act.kind is ActKind.GRANT_PERMISSION
    assert direction.act.disclosure == "daughter"


def test_probe_without_permission_deflects_and_reveals_nothing(sam: Persona) -> None:
    _, kinds, revealed = run(sam, *CONTRACT, LISTEN, say(Move.OPEN_QUESTION, topics=["family"]))
    assert kinds[-1] is ActKind.DEFLECT and revealed[-1] is None


def test_eroding_moves_get_matching_reactions(sam: Persona) -> None:
    _, kinds, revealed = run(
        sam, say(Move.ADVICE), say(Move.JUDGMENT), say(Move.PRESSURE), say(Move.SELF_FOCUS), say(Move.BREACH)
    )
    # Sam has no repair window: a breach ends the session at once.
    assert kinds == [
        ActKind.RESIST_ADVICE,
        ActKind.HURT,
        ActKind.WITHDRAW,
        ActKind.REFOCUS,
        ActKind.END_SESSION,
    ]
    assert revealed == [None] * 5


def test_injection_is_out_of_frame(sam: Persona) -> None:
    _, kinds, revealed = run(sam, say(injection=True))
    assert kinds == [ActKind.OUT_OF_FRAME] and revealed == [None]


def test_voice_request_holds_only_what_is_unlocked(sam: Persona) -> None:
    state = initial_state(sam)
    for signals in (*CONTRACT, *listening(8)):
        direction = direct(update(state, signals, sam), signals, sam)
        state = direction.state
        request = voice_request(sam, direction.act, [], seed=1, turn=state.turn)
        dumped = request.model_dump_json()
        for disclosure in sam.disclosures:
            if disclosure.id != direction.act.disclosure:
                assert disclosure.text not in dumped


def test_scripted_voice_is_deterministic_per_seed_and_varies(sam: Persona) -> None:
    state = initial_state(sam)
    chat = TurnSignals(text="How was the drive in?")
    direction = direct(update(state, chat, sam), chat, sam)
    voice = ScriptedVoice()
    texts = {voice.speak(voice_request(sam, direction.act, [], seed=seed, turn=1)) for seed in range(20)}
    assert texts <= set(sam.lines_for(ActKind.SMALL_TALK, 0))
    assert len(texts) == 2
    again = voice_request(sam, direction.act, [], seed=3, turn=1)
    assert voice.speak(again) == voice.speak(again)


def test_feeling_heard_opens_the_client_only_when_listening_was_heard() -> None:
    """Replayed to the point where Marcus's never-told thing is next, a guess with a question tag (which the
    reader reads as no move) is answered as if heard, but releases nothing; a reflection releases it."""
    marcus = shipped_persona("marcus-engineer")
    script = json.loads((DATA / "scripts" / "marcus-engineer" / "skilled.json").read_text())
    run = Rehearsal(marcus, learned_tagger(), ScriptedVoice(), seed=7)
    reflection = "It sounds like that's been sitting heavy with you for a long time."
    for turn in script:
        if run.prepare(reflection).act.disclosure == "the-fall":
            break
        run.take_turn(turn)
    guess = run.prepare("I bet it's the offer. It's the offer, isn't it?")
    assert guess.signals.moves == [] and guess.act.kind is ActKind.FEEL_HEARD
    assert guess.act.disclosure is None and guess.act.hint_topic is None
    assert run.prepare(reflection).act.disclosure == "the-fall"
