"""LLM-assisted tagging over real HTTP: structured output into codebook ids, run alongside the voice call."""

from typing import Any

import pytest

from app.bootstrap import bootstrap, build_assist, build_voice
from app.config import Settings
from app.domain.codebook import Move, sort_moves
from app.domain.persona import Persona
from app.llm import chat_model
from app.session import Rehearsal
from app.tag.fallback import FallbackTagger
from app.tag.llm import LLMTagger
from app.tag.offline import OfflineTagger
from app.tag.reader import LearnedTagger
from app.voice.scripted import ScriptedVoice
from tests.support.stub_llm import STRUCTURED_MOVES, StubServer, stub_settings

TURN = "So the rota is eating your evenings. What would you like from today?"
CONTEXT = "It's a lot, the rota."
FROM_THE_MODEL = sort_moves([Move(move) for move in STRUCTURED_MOVES])


def tagging_settings(llm_stub: StubServer, model: str, **overrides: Any) -> Settings:
    return stub_settings(llm_stub.base_url, model, RAPPORT_LLM_TAGGING=True, **overrides)


@pytest.mark.parametrize(
    ("method", "sent"),
    [
        ("json_schema", lambda body: body["response_format"]["type"] == "json_schema"),
        ("json_mode", lambda body: body["response_format"] == {"type": "json_object"}),
        ("function_calling", lambda body: body["tools"][0]["function"]["name"] == "Tags"),
    ],
)
def test_structured_output_gives_codebook_moves(llm_stub: StubServer, method: str, sent: Any) -> None:
    model = f"normal#tags-{method}"
    tagger = LLMTagger(chat_model(stub_settings(llm_stub.base_url, model)), method=method)  # type: ignore[arg-type]
    assert tagger.tag(TURN, CONTEXT) == FROM_THE_MODEL
    [body] = llm_stub.sent(model)
    assert sent(body)
    assert CONTEXT in body["messages"][-1]["content"] and TURN in body["messages"][-1]["content"]


def test_the_schema_only_allows_codebook_ids(llm_stub: StubServer) -> None:
    LLMTagger(chat_model(stub_settings(llm_stub.base_url, "normal#schema"))).tag(TURN)
    [body] = llm_stub.sent("normal#schema")
    schema = body["response_format"]["json_schema"]["schema"]
    assert set(schema["$defs"]["Move"]["enum"]) == {move.value for move in Move}


def test_malformed_structured_output_raises(llm_stub: StubServer) -> None:
    with pytest.raises(Exception):  # noqa: B017 - whatever the parser raises, the rehearsal must absorb it
        LLMTagger(chat_model(stub_settings(llm_stub.base_url, "malformed#tags"))).tag(TURN)


def test_tagging_is_built_only_when_asked_for(llm_stub: StubServer) -> None:
    assert build_assist(stub_settings(llm_stub.base_url, "normal")) is None
    assert build_assist(tagging_settings(llm_stub, "normal", RAPPORT_LLM_PROVIDER="offline")) is None
    assert isinstance(build_assist(tagging_settings(llm_stub, "normal")), LLMTagger)


def rehearsal(sam: Persona, settings: Settings) -> Rehearsal:
    """A rehearsal wired as bootstrap wires it."""
    return Rehearsal(sam, OfflineTagger(), build_voice(settings), seed=7, assist=build_assist(settings))


def test_assisted_moves_enrich_the_record_and_leave_the_act_alone(llm_stub: StubServer, sam: Persona) -> None:
    run = rehearsal(sam, tagging_settings(llm_stub, "normal#assist"))
    offline = Rehearsal(sam, OfflineTagger(), ScriptedVoice(), seed=7)
    for turn in ["Hi Sam.", TURN]:
        record, reference = run.take_turn(turn), offline.take_turn(turn)
        assert record.moves == reference.moves  # the engine decided from the offline tags
        assert record.act == reference.act and record.trust == reference.trust
        assert record.assisted_moves == sort_moves({*reference.moves, *FROM_THE_MODEL})
    assert len(llm_stub.sent("normal#assist")) == 4  # one voice call and one tagging call per turn


def test_the_tagging_call_runs_alongside_the_voice_call(llm_stub: StubServer, sam: Persona) -> None:
    model = "pair#alongside"  # each call is held until the other arrives: made one after the other, they never meet
    rehearsal(sam, tagging_settings(llm_stub, model)).take_turn(TURN)
    first = len(llm_stub.requests) - 2
    kinds = {"response_format" in llm_stub.requests[index] for index in (first, first + 1)}
    assert [body["model"] for body in llm_stub.requests[first:]] == [model, model] and kinds == {True, False}
    assert llm_stub.paired(model)


def test_calls_made_one_after_the_other_never_pair(llm_stub: StubServer) -> None:
    # What makes the test above able to fail: a call that waits for the voice call's answer is never paired.
    model = "pair#in-turn"
    tagger = LLMTagger(chat_model(tagging_settings(llm_stub, model)))
    tagger.tag(TURN, CONTEXT)
    tagger.tag(TURN, CONTEXT)
    assert llm_stub.calls(model) == 2 and not llm_stub.paired(model)


async def test_streamed_turns_are_tagged_alongside_too(llm_stub: StubServer, sam: Persona) -> None:
    run = rehearsal(sam, tagging_settings(llm_stub, "normal#assist-stream"))
    shown: list[str] = []

    async def show(piece: str) -> None:
        shown.append(piece)

    record = await run.stream_turn(TURN, show)
    assert "".join(shown) == record.coachee and record.note is None
    assert record.assisted_moves == sort_moves({*record.moves, *FROM_THE_MODEL})


def test_a_failed_tagging_call_costs_only_its_tags(llm_stub: StubServer, sam: Persona) -> None:
    voice = build_voice(stub_settings(llm_stub.base_url, "normal#voice"))
    broken = LLMTagger(chat_model(stub_settings(llm_stub.base_url, "malformed#tagger")))
    record = Rehearsal(sam, OfflineTagger(), voice, seed=7, assist=broken).take_turn(TURN)
    assert record.assisted_moves is None
    assert record.note is None and record.voice == "llm:normal#voice"
    assert len(llm_stub.sent("malformed#tagger")) == 1


# --- RAPPORT_TAGGER=llm: the model reads the turn before the voice, the learned reader stands in ----------


def test_the_model_reads_first_when_asked_and_the_engine_acts_on_its_reading(
    llm_stub: StubServer, sam: Persona
) -> None:
    settings = stub_settings(llm_stub.base_url, "normal#reads-first", RAPPORT_TAGGER="llm")
    services = bootstrap(settings)
    assert isinstance(services.tagger, FallbackTagger) and services.assist is None
    record = services.rehearsal(sam).take_turn(TURN)
    assert record.moves == FROM_THE_MODEL  # the engine's moves are the model's
    sent = llm_stub.sent("normal#reads-first")
    assert len(sent) == 2 and "response_format" in sent[0] and "response_format" not in sent[1]


def test_when_the_model_cannot_read_the_learned_reader_stands_in(llm_stub: StubServer, sam: Persona) -> None:
    broken = LLMTagger(chat_model(stub_settings(llm_stub.base_url, "malformed#reader")))
    tagger = FallbackTagger(broken, LearnedTagger())
    assert tagger.tag(TURN, CONTEXT) == LearnedTagger().tag(TURN, CONTEXT)
    assert len(llm_stub.sent("malformed#reader")) == 1


def test_the_model_reader_needs_a_model() -> None:
    with pytest.raises(ValueError, match="RAPPORT_TAGGER=llm needs a model"):
        Settings(RAPPORT_TAGGER="llm", RAPPORT_LLM_PROVIDER="offline")  # type: ignore[call-arg]
