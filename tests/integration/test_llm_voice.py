"""The LLM voice over real HTTP to the local stub server: streaming, non-streaming and every fault mode."""

from itertools import cycle
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from app.domain.voicing import VoiceRequest
from app.llm import chat_model
from app.voice.fallback import FallbackVoice
from app.voice.guard import ECHO, EMPTY, OUT_OF_CHARACTER
from app.voice.llm import LLMVoice
from app.voice.prompt import FRAME
from app.voice.reply import Reply
from app.voice.scripted import ScriptedVoice
from tests.support.stub_llm import IN_CHARACTER, StubServer, stub_settings


def voice(base_url: str, model: str, **overrides: Any) -> FallbackVoice:
    settings = stub_settings(base_url, model, **overrides)
    return FallbackVoice(LLMVoice(chat_model(settings), name=f"llm:{model}", retries=settings.llm_retries))


async def streamed(speaker: FallbackVoice, request: VoiceRequest) -> tuple[Reply, list[str]]:
    shown: list[str] = []

    async def show(piece: str) -> None:
        shown.append(piece)

    return await speaker.stream_reply(request, show), shown


def test_a_whole_reply_comes_from_the_model(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    reply = voice(llm_stub.base_url, "normal#whole").reply(reveal)
    assert reply == Reply(text=IN_CHARACTER, voice="llm:normal#whole")
    [body] = llm_stub.sent("normal#whole")
    assert body["stream"] is True  # a whole reply is gathered from a stream, so that its deadline holds
    assert body["max_tokens"] == 200  # in the body, where local servers read it
    assert body["messages"][0]["role"] == "system" and body["messages"][0]["content"].startswith(FRAME)
    assert "I'm tired, honestly." in body["messages"][0]["content"]  # the disclosure this act unlocked
    assert body["messages"][-1] == {"role": "user", "content": "How are you, really?"}


async def test_a_streamed_reply_is_shown_in_pieces(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    reply, shown = await streamed(voice(llm_stub.base_url, "normal#stream"), reveal)
    assert reply == Reply(text=IN_CHARACTER, voice="llm:normal#stream")
    assert len(shown) > 5 and "".join(shown) == IN_CHARACTER
    [body] = llm_stub.sent("normal#stream")
    assert body["stream"] is True


async def test_a_speaker_label_is_dropped(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    speaker = voice(llm_stub.base_url, "labelled")
    assert speaker.reply(reveal).text == IN_CHARACTER
    reply, shown = await streamed(speaker, reveal)
    assert reply.text == "".join(shown) == IN_CHARACTER


FAULTS = [
    pytest.param("slow", {"RAPPORT_LLM_TIMEOUT": 0.3}, "the model timed out", id="timeout"),
    pytest.param("ratelimit", {}, "the model is rate-limited (HTTP 429)", id="429"),
    pytest.param("error", {}, "the model server failed (HTTP 500)", id="500"),
    pytest.param("", {}, "the model server could not be reached", id="refused"),
    pytest.param("empty", {}, EMPTY, id="empty"),
    pytest.param("malformed", {}, "the model's answer could not be read", id="malformed"),
    pytest.param("ooc", {}, OUT_OF_CHARACTER, id="out-of-character"),
    pytest.param("coach", {}, OUT_OF_CHARACTER, id="coaches-the-coach"),
    pytest.param("echo", {}, ECHO, id="echoes-its-prompt"),
]


def faulty_voice(
    llm_stub: StubServer, closed_port: str, mode: str, overrides: dict[str, Any]
) -> FallbackVoice:
    return (
        voice(closed_port, "normal", **overrides) if not mode else voice(llm_stub.base_url, mode, **overrides)
    )


def assert_scripted_stand_in(reply: Reply, request: VoiceRequest, reason: str) -> None:
    assert reply.voice == "scripted"
    assert reply.text == ScriptedVoice().speak(request)
    assert reply.note is not None and reply.note.startswith(reason)
    assert reply.note.endswith("the scripted reply was used for this turn")


async def answer(speaker: FallbackVoice, request: VoiceRequest, streaming: bool) -> Reply:
    return (await streamed(speaker, request))[0] if streaming else speaker.reply(request)


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize(("mode", "overrides", "reason"), FAULTS)
async def test_a_failed_reply_falls_back_with_a_note(
    llm_stub: StubServer,
    closed_port: str,
    reveal: VoiceRequest,
    mode: str,
    overrides: dict[str, Any],
    reason: str,
    streaming: bool,
) -> None:
    speaker = faulty_voice(llm_stub, closed_port, mode, overrides)
    if streaming:
        reply, shown = await streamed(speaker, reveal)
        assert shown == [reply.text] and not reply.replaced  # nothing of the model's was shown
    else:
        reply = speaker.reply(reveal)
    assert_scripted_stand_in(reply, reveal, reason)


async def test_a_reply_that_breaks_character_late_is_replaced(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    reply, shown = await streamed(voice(llm_stub.base_url, "late-ooc"), reveal)
    assert_scripted_stand_in(reply, reveal, OUT_OF_CHARACTER)
    assert reply.replaced
    assert "".join(shown).startswith("Honestly, it has been a long few weeks.")
    assert "AI" not in "".join(shown)


@pytest.mark.parametrize("streaming", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize(
    ("mode", "retries", "by_model", "calls"),
    [
        pytest.param("error", 2, False, 3, id="server-error-every-try"),
        pytest.param("ratelimit-once", 1, True, 2, id="429-then-an-answer"),
        pytest.param(
            "ooc", 3, False, 1, id="bad-answer-not-retried"
        ),  # another try doubles the learner's wait
    ],
)
async def test_what_is_retried(
    llm_stub: StubServer,
    reveal: VoiceRequest,
    streaming: bool,
    mode: str,
    retries: int,
    by_model: bool,
    calls: int,
) -> None:
    model = f"{mode}#retries-{streaming}"
    reply = await answer(voice(llm_stub.base_url, model, RAPPORT_LLM_RETRIES=retries), reveal, streaming)
    assert reply.voice == (f"llm:{model}" if by_model else "scripted")
    assert llm_stub.calls(model) == calls


async def test_the_voice_works_with_langchain_fake_models(reveal: VoiceRequest) -> None:
    said = "I'm tired, honestly. It's the evenings, every single one of them, and I can't see an end."
    speaker = FallbackVoice(
        LLMVoice(GenericFakeChatModel(messages=cycle([AIMessage(content=said)])), name="fake")
    )
    assert speaker.reply(reveal) == Reply(text=said, voice="fake")
    reply, shown = await streamed(speaker, reveal)
    assert reply.text == "".join(shown) == said and len(shown) > 1

    parrot = FallbackVoice(LLMVoice(FakeListChatModel(responses=["How are you, really?"]), name="parrot"))
    assert parrot.reply(reveal).note == f"{ECHO}; the scripted reply was used for this turn"
