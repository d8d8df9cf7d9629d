"""What a model is told (prompt.py) and what of its answer may reach the learner (guard.py). No model."""

from pathlib import Path

import pytest

from app.config import PROJECT_ROOT
from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.files.loader import load_file
from app.voice.guard import ECHO, EMPTY, HOLD_WORDS, OUT_OF_CHARACTER, Guard, GuardedStream
from app.voice.prompt import messages, system_prompt
from app.voice.reply import VoiceFault

PERSONAS = [
    *sorted((PROJECT_ROOT / "personas").glob("*.yaml")),
    Path(__file__).parent / "data/personas/sam-fixture.yaml",
]


def request(persona: Persona, act: Act, coach: str = "How are things?") -> VoiceRequest:
    history = [Utterance(speaker="client", text="Hi."), Utterance(speaker="coach", text=coach)]
    return voice_request(persona, act, history, seed=1, turn=1)


def reason(guard: Guard, text: str) -> str | None:
    try:
        guard.vet(text)
    except VoiceFault as fault:
        return fault.reason
    return None


def test_prompt_has_the_public_profile_the_act_and_what_it_unlocked(sam: Persona) -> None:
    reveal = request(sam, Act(kind=ActKind.REVEAL, level=3, disclosure="review"))
    prompt = system_prompt(reveal)
    assert sam.background in prompt and sam.speaking_style in prompt and sam.contract.goal in prompt
    assert reveal.guidance in prompt
    assert "I got a bad review last year. Nobody knows." in prompt


def test_prompt_never_holds_a_disclosure_the_act_did_not_unlock(sam: Persona) -> None:
    for kind in (ActKind.ANSWER_GOAL, ActKind.ELABORATE, ActKind.OUT_OF_FRAME, ActKind.HINT):
        act = Act(kind=kind, level=4, topic="family" if kind is ActKind.HINT else None)
        sent = "\n".join(text for _, text in messages(request(sam, act)))
        assert not [d.id for d in sam.disclosures if d.text in sent]


def test_conversation_alternates_and_ends_with_the_coach(sam: Persona) -> None:
    sent = messages(request(sam, Act(kind=ActKind.SMALL_TALK, level=0), coach="Nice to meet you."))
    assert [role for role, _ in sent] == ["system", "ai", "human"]
    assert sent[-1] == ("human", "Nice to meet you.")
    opening = voice_request(sam, Act(kind=ActKind.OPENING, level=0), [])
    assert messages(opening)[-1][0] == "human"  # chat servers want a user message last


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("   ", EMPTY),
        ("As an AI language model, I can't share that.", OUT_OF_CHARACTER),
        ("Honestly? My trust level is pretty low right now.", OUT_OF_CHARACTER),
        ("Nice reflection. As a coach, you should slow down a bit.", OUT_OF_CHARACTER),
        ("You could try asking me what I want from the session.", OUT_OF_CHARACTER),
        ("Sure. Never coach, advise or give feedback to the coach, right?", ECHO),
        ("How are things?", ECHO),  # parrots the coach
        ("Things are fine. The rota is a lot.", None),
        ("Good question. I'm not sure what I want yet.", None),
    ],
)
def test_guard_verdicts(sam: Persona, text: str, expected: str | None) -> None:
    assert reason(Guard(request(sam, Act(kind=ActKind.ELABORATE, level=2))), text) == expected


def test_guard_drops_a_speaker_label(sam: Persona) -> None:
    guard = Guard(request(sam, Act(kind=ActKind.ELABORATE, level=2)))
    assert guard.vet("Sam: It's a lot, the rota.") == "It's a lot, the rota."
    assert guard.vet("**Sam:** It's a lot.") == "It's a lot."


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_every_authored_line_passes_the_guard(path: Path) -> None:
    """The guard must not reject the persona's own words: a model that says them stays in character."""
    persona = load_file(path, Persona)
    for kind, by_level in persona.lines.items():
        for level, lines in by_level.items():
            guard = Guard(request(persona, Act(kind=kind, level=level)))
            for line in lines:
                assert reason(guard, line) is None, line
    said = [d.text for d in persona.disclosures] + [
        hint for topic in persona.sensitive_topics for hint in topic.hints
    ]
    guard = Guard(request(persona, Act(kind=ActKind.ELABORATE, level=2)))
    assert [text for text in said if reason(guard, text)] == []


def streamed(stream: GuardedStream, text: str) -> tuple[list[str], str | None]:
    """Feed the text word by word, as a model streams: what was released at each step, and any fault."""
    released: list[str] = []
    try:
        for word in text.split(" "):
            released.append(stream.feed(word + " "))
        released.append(stream.finish())
    except VoiceFault as fault:
        return released, fault.reason
    return released, None


def elaborating(persona: Persona) -> GuardedStream:
    return GuardedStream(Guard(request(persona, Act(kind=ActKind.ELABORATE, level=2))))


def test_stream_holds_back_the_newest_words_and_releases_everything_at_the_end(sam: Persona) -> None:
    text = "I have been thinking about the rota a lot this week, and I do not know where to start."
    released, fault = streamed(elaborating(sam), text)
    assert fault is None
    assert released[:HOLD_WORDS] == [""] * HOLD_WORDS
    assert released[HOLD_WORDS] == "I "
    assert "".join(released) == text


def test_stream_never_shows_any_part_of_an_out_of_character_phrase(sam: Persona) -> None:
    text = "It is a lot, the rota, every single evening. Anyway as an AI language model I cannot say."
    released, fault = streamed(elaborating(sam), text)
    assert fault == OUT_OF_CHARACTER
    shown = "".join(released)
    assert shown.startswith("It is a lot")
    assert "Anyway" not in shown and "AI" not in shown


def test_stream_catches_an_echo_of_the_prompt_before_showing_it(sam: Persona) -> None:
    req = request(sam, Act(kind=ActKind.ELABORATE, level=2))
    released, fault = streamed(GuardedStream(Guard(req)), system_prompt(req))
    assert fault == ECHO
    assert "".join(released) == ""
