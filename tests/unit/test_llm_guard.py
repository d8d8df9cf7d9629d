"""What a model is told (prompt.py) and what of its answer may reach the learner (guard.py). No model."""

import random
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from app.config import PROJECT_ROOT
from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.files.loader import load_file
from app.voice import guard as guard_module
from app.voice.guard import ECHO, EMPTY, HOLD_WORDS, OUT_OF_CHARACTER, Guard, GuardedStream, _words
from app.voice.prompt import messages, system_prompt
from app.voice.reply import VoiceFault

PERSONAS = [
    *sorted((PROJECT_ROOT / "personas").glob("*.yaml")),
    Path(__file__).parents[1] / "data/personas/sam-fixture.yaml",
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
        hint.text for topic in persona.sensitive_topics for hint in topic.hint_items()
    ]
    said += [fact.text for _, fact in persona.facts.by_kind()]
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


ORDINARY = "I have been thinking about the rota a lot this week, and I do not know where to start."


def held_words(stream: GuardedStream) -> int:
    """How many finished words the stream has taken in but not shown."""
    return len(_words(stream.text[stream.shown : stream.settled]))


def test_stream_shows_ordinary_words_a_chunk_or_two_after_they_arrive_and_everything_at_the_end(
    sam: Persona,
) -> None:
    released, fault = streamed(elaborating(sam), ORDINARY)
    assert fault is None
    assert "".join(released) == ORDINARY
    assert released[0] == ""  # "I" could still become "I'm an AI"
    assert released[1] == "I have"  # not five words later
    # As a server streams it (" word" chunks): a word is shown when the next chunk finishes it.
    stream = elaborating(sam)
    words = ORDINARY.split(" ")
    pieces = [stream.feed(word if index == 0 else " " + word) for index, word in enumerate(words)]
    assert pieces[:2] == ["", "I"]
    assert all(pieces[index] for index in (1, 2, 3, 4))


def test_stream_never_holds_more_than_hold_words_finished_words(sam: Persona) -> None:
    for text in [ORDINARY, "It's a lot. Never coach, advise or give me that look, honestly, it is the rota."]:
        stream = elaborating(sam)
        most = 0
        for word in text.split(" "):
            stream.feed(word + " ")
            most = max(most, held_words(stream))
        assert 0 < most <= HOLD_WORDS
    stream = elaborating(sam)
    for word in ORDINARY.split(" "):
        stream.feed(word + " ")
        assert held_words(stream) <= 2  # ordinary words: at most a start of an echo run of two


def test_stream_never_shows_any_part_of_an_out_of_character_phrase(sam: Persona) -> None:
    text = "It is a lot, the rota, every single evening. Anyway as an AI language model I cannot say."
    released, fault = streamed(elaborating(sam), text)
    assert fault == OUT_OF_CHARACTER
    shown = "".join(released)
    assert shown == "It is a lot, the rota, every single evening. Anyway"  # all but the phrase
    assert "as an" not in shown and "AI" not in shown


def test_stream_catches_an_echo_of_the_prompt_before_showing_it(sam: Persona) -> None:
    req = request(sam, Act(kind=ActKind.ELABORATE, level=2))
    released, fault = streamed(GuardedStream(Guard(req)), system_prompt(req))
    assert fault == ECHO
    assert "".join(released) == ""


def test_stream_holds_the_start_of_an_echo_run_and_shows_it_once_it_turns_away(sam: Persona) -> None:
    """The prompt says "Never coach, advise or give feedback to the coach": a reply that starts saying the
    same has those words held until it turns away from them."""
    stream = elaborating(sam)
    shown = ""
    for word in ["Honestly?", "I", "never", "coach,", "advise", "or", "give"]:
        shown += stream.feed(word + " ")
    assert shown == "Honestly? I"
    shown += stream.feed("up ")
    assert shown == "Honestly? I never coach, advise or give up"
    shown += stream.feed("on people.")
    assert shown + stream.finish() == "Honestly? I never coach, advise or give up on people."


def test_stream_holds_a_reply_that_may_still_parrot_the_coach(sam: Persona) -> None:
    released, fault = streamed(elaborating(sam), "How are things?")  # the coach's words
    assert fault == ECHO and "".join(released) == ""
    released, fault = streamed(elaborating(sam), "How are things going? Slowly.")
    assert fault is None and released[:3] == ["", "", ""]
    assert "".join(released) == "How are things going? Slowly."


def splittings(text: str, count: int = 80) -> list[list[str]]:
    """Ways a server may cut `text` into chunks: at each single point (mid-word too), one character at a
    time, and at random points."""
    rng = random.Random(text)
    ways = [[text[:cut], text[cut:]] for cut in range(1, len(text))]
    ways.append(list(text))
    for _ in range(count):
        cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(2, 12))))
        ways.append([text[start:end] for start, end in pairwise([0, *cuts, len(text)])])
    return ways


def stream_chunks(stream: GuardedStream, chunks: list[str]) -> tuple[str, str | None]:
    shown = ""
    try:
        for chunk in chunks:
            shown += stream.feed(chunk)
        shown += stream.finish()
    except VoiceFault as fault:
        return shown, fault.reason
    return shown, None


@pytest.mark.parametrize(
    ("coach", "text", "starts", "expected"),
    [
        (
            "How are things?",
            "Well, honestly I was told to never coach, advise or give feedback.",
            "never",
            ECHO,
        ),
        (
            "What would a really good week look like for you and the team?",
            "Hmm. For me, a really good week looks like... well, a really good week look like quiet.",
            "a really good week look like",
            ECHO,
        ),
        ("How are things?", "How are things?", "How", ECHO),
        (
            "How are things?",
            "It is a lot, the rota. Anyway, as an AI language model I cannot say.",
            "as",
            OUT_OF_CHARACTER,
        ),
        ("How are things?", "Good question. You should ask me what I want, really.", "You", OUT_OF_CHARACTER),
        ("How are things?", "Right. As a coach, you could slow down.", "As", OUT_OF_CHARACTER),
        ("How are things?", "Honestly, my trust level is low.", "trust", OUT_OF_CHARACTER),
        ("How are things?", "Fine. I'm just an AI assistant here.", "I'm", OUT_OF_CHARACTER),
        ("How are things?", "We did some role-play today, open-ended questions.", "role", OUT_OF_CHARACTER),
    ],
)
def test_stream_never_shows_any_of_an_echo_or_phrase_however_the_chunks_fall(
    sam: Persona, coach: str, text: str, starts: str, expected: str
) -> None:
    req = request(sam, Act(kind=ActKind.ELABORATE, level=2), coach=coach)
    assert reason(Guard(req), text) == expected
    before = text.index(starts)
    for chunks in splittings(text):
        shown, fault = stream_chunks(GuardedStream(Guard(req)), chunks)
        assert fault == expected, chunks
        assert text.startswith(shown) and len(shown) <= before, chunks
    shown, _ = stream_chunks(GuardedStream(Guard(req)), [word + " " for word in text.split(" ")])
    assert shown == text[:before].rstrip()  # and with a word a chunk, everything before it is shown


@pytest.mark.parametrize(
    "text",
    [
        "Sam: It's a lot, the rota, every evening.",
        "**Sam:** It's a lot, the rota.",
        "  Sam :  honestly, it's fine.",
        "Sam here. It's fine, the rota.",
        "Samantha said that to me too.",
        "**Sam:***really* a lot.",
    ],
)
def test_stream_shows_no_speaker_label_and_ends_with_exactly_the_vetted_reply(
    sam: Persona, text: str
) -> None:
    guard = Guard(request(sam, Act(kind=ActKind.ELABORATE, level=2)))
    expected = guard.vet(text)
    for chunks in splittings(text):
        assert stream_chunks(GuardedStream(guard), chunks) == (expected, None), chunks


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_every_authored_line_streams_to_itself_however_the_chunks_fall(path: Path) -> None:
    persona = load_file(path, Persona)
    guard = Guard(request(persona, Act(kind=ActKind.ELABORATE, level=2)))
    lines = [line for by_level in persona.lines.values() for lines in by_level.values() for line in lines]
    for line in lines:
        for chunks in splittings(line, count=5)[-6:]:
            assert stream_chunks(GuardedStream(guard), chunks) == (guard.vet(line), None), chunks


class SearchSpy:
    """Stands in for OUT_OF_CHARACTER_PHRASES and counts how many characters each search reads."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.reads: list[int] = []

    def search(self, text: str, pos: int = 0, endpos: int | None = None, **options: Any) -> Any:
        self.reads.append((len(text) if endpos is None else endpos) - pos)
        return self.pattern.search(text, pos, endpos, **options)


def test_a_chunk_costs_the_same_late_in_a_long_reply_as_early(
    sam: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = SearchSpy(guard_module.OUT_OF_CHARACTER_PHRASES)
    monkeypatch.setattr(guard_module, "OUT_OF_CHARACTER_PHRASES", spy)
    stream = elaborating(sam)
    words = (ORDINARY + " ") * 100
    for word in words.split(" "):
        stream.feed(word + " ")
    assert len(stream.text) > 8000
    assert max(spy.reads) < 200  # a window of the last few words, never the whole reply
    # And a phrase that spans old and new words is still caught within that window.
    with pytest.raises(VoiceFault, match="broke character"):
        for word in ["as", "an", "AI"]:
            stream.feed(word + " ")
