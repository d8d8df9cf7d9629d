"""The server's voice process: a real child process talking real HTTP to the stub model."""

import asyncio
import os
import signal
import sys
from typing import Any

import pytest

from app.bootstrap import build_server_voice, build_voice
from app.direct.brief import voice_request
from app.domain.acts import Act, ActKind
from app.domain.persona import Persona
from app.domain.transcript import Utterance
from app.domain.voicing import VoiceRequest
from app.voice import process
from app.voice.process import HUNG, STOPPED, VoiceProcess
from app.voice.reply import Reply
from app.voice.scripted import ScriptedVoice
from tests.support.stub_llm import IN_CHARACTER, StubServer, stub_settings


def voice_process(stub: StubServer, model: str, **overrides: Any) -> VoiceProcess:
    voice = build_server_voice(stub_settings(stub.base_url, model, **overrides))
    assert isinstance(voice, VoiceProcess)
    return voice


async def streamed(voice: VoiceProcess, request: VoiceRequest) -> tuple[Reply, list[str]]:
    shown: list[str] = []

    async def show(piece: str) -> None:
        shown.append(piece)

    return await voice.stream_reply(request, show), shown


def child_pid(voice: VoiceProcess) -> int:
    assert voice._child is not None
    return voice._child.process.pid


def assert_stand_in(reply: Reply, request: VoiceRequest, reason: str) -> None:
    assert reply.voice == "scripted" and reply.text == ScriptedVoice().speak(request)
    assert reply.note == f"{reason}; the scripted reply was used for this turn"


def test_only_the_server_with_a_model_gets_a_voice_process(llm_stub: StubServer) -> None:
    settings = stub_settings(llm_stub.base_url, "normal")
    assert isinstance(build_server_voice(settings), VoiceProcess)
    assert not isinstance(build_voice(settings), VoiceProcess)  # the CLI voices in its own process
    off = settings.model_copy(update={"voice_process": False})
    assert not isinstance(build_server_voice(off), VoiceProcess)
    offline = settings.model_copy(update={"llm_provider": "offline"})
    assert isinstance(build_server_voice(offline), ScriptedVoice)


async def test_a_reply_streams_from_the_child_as_it_would_in_process(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = voice_process(llm_stub, "normal@0@0.01#process")
    try:
        reply, shown = await streamed(voice, reveal)
        assert child_pid(voice) != os.getpid()
        assert reply == Reply(text=IN_CHARACTER, voice="llm:normal@0@0.01#process")
        assert len(shown) > 1 and "".join(shown) == IN_CHARACTER  # streamed, in pieces
        # The child was sent the request itself: the same prompt as the in-process voice sends.
        in_process = build_voice(stub_settings(llm_stub.base_url, "normal@0@0.01#process"))
        assert in_process.speak(reveal) == IN_CHARACTER
        [from_child, from_server] = llm_stub.sent("normal@0@0.01#process")
        assert from_child["messages"] == from_server["messages"]
        assert from_child["stream"] is True
    finally:
        await voice.aclose()


async def test_many_replies_stream_at_once_each_to_its_own_turn(llm_stub: StubServer, sam: Persona) -> None:
    voice = voice_process(llm_stub, "numbered@0.2@0.005#many")  # answers with the number the coach said
    requests = [
        voice_request(
            sam,
            Act(kind=ActKind.ELABORATE, level=0),
            [Utterance(speaker="coach", text=f"Tell me about week {n}?")],
            seed=n,
            turn=n,
        )
        for n in range(12)
    ]
    try:
        answers = await asyncio.gather(*(streamed(voice, request) for request in requests))
        first, second = [
            i for i, body in enumerate(llm_stub.requests) if body["model"] == "numbered@0.2@0.005#many"
        ][:2]
        assert llm_stub.overlapped(first, second)  # the child voices them at the same time
        for n, (reply, shown) in enumerate(answers):
            assert reply.text == "".join(shown) == f"{IN_CHARACTER} {n}"
    finally:
        await voice.aclose()


async def test_a_child_that_dies_mid_reply_costs_the_turn_nothing_but_a_note(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = voice_process(llm_stub, "normal@0@0.1#dies")
    shown: list[str] = []
    try:
        await voice.start()
        pid = child_pid(voice)

        async def show(piece: str) -> None:
            shown.append(piece)
            if len(shown) == 1:
                os.kill(pid, signal.SIGKILL)

        reply = await voice.stream_reply(reveal, show)
        assert shown and reply.replaced  # words were shown: the caller swaps them for the stand-in
        assert_stand_in(reply, reveal, STOPPED)
        # No new child for a while (a child that keeps dying must not loop): the server voices the next turns.
        again, shown_again = await streamed(voice, reveal)
        assert again == Reply(text=IN_CHARACTER, voice="llm:normal@0@0.1#dies")
        assert "".join(shown_again) == IN_CHARACTER
        assert voice._child is not None and not voice._child.alive
    finally:
        await voice.aclose()


async def test_a_child_that_cannot_start_leaves_the_server_voicing(
    llm_stub: StubServer, reveal: VoiceRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process, "WORKER", (sys.executable, "-c", "import sys; sys.exit(3)"))
    voice = voice_process(llm_stub, "normal#no-child")
    reply, shown = await streamed(voice, reveal)
    assert reply == Reply(text=IN_CHARACTER, voice="llm:normal#no-child") and "".join(shown) == IN_CHARACTER
    assert voice._child is None
    await voice.aclose()


async def test_a_hung_child_is_given_up_on(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    voice = voice_process(llm_stub, "slow#hung", RAPPORT_LLM_TIMEOUT=30.0)
    voice.job_limit = 0.5  # the stub answers "slow" after 5 s; the child's own timeout is 30 s
    try:
        reply, shown = await streamed(voice, reveal)
        assert_stand_in(reply, reveal, HUNG)
        assert shown == [reply.text]  # nothing of the model's had been shown: the stand-in is shown once
        assert voice._child is not None
        await asyncio.wait_for(voice._child.process.wait(), 5)  # killed, not left running
        await asyncio.wait_for(voice._child.reading, 5)
        assert not voice._child.alive
    finally:
        await voice.aclose()


async def test_a_turn_cancelled_midway_leaves_the_child_serving_others(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = voice_process(llm_stub, "normal@1.0#cancelled")
    try:
        await voice.start()
        turn = asyncio.create_task(streamed(voice, reveal))
        assert await llm_stub.called("normal@1.0#cancelled")  # the child's call now waits for its first token
        turn.cancel()
        with pytest.raises(asyncio.CancelledError):
            await turn
        pid = child_pid(voice)
        reply, _ = await streamed(voice, reveal)
        assert reply.text == IN_CHARACTER and child_pid(voice) == pid
        assert voice._child is not None and voice._child.alive and not voice._child.waiting
    finally:
        await voice.aclose()


async def test_settings_reach_the_child_down_its_pipe_not_its_environment(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = voice_process(llm_stub, "normal#key", OPENAI_API_KEY="sk-only-in-the-pipe")
    try:
        await streamed(voice, reveal)
        with open(f"/proc/{child_pid(voice)}/environ", "rb") as environ:
            assert b"sk-only-in-the-pipe" not in environ.read()
        with open(f"/proc/{child_pid(voice)}/cmdline", "rb") as cmdline:
            assert b"sk-only-in-the-pipe" not in cmdline.read()
    finally:
        await voice.aclose()


async def test_a_turn_cancelled_while_the_child_starts_leaves_it_starting_for_the_next(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = voice_process(llm_stub, "normal#cancelled-start")
    try:
        turn = asyncio.create_task(streamed(voice, reveal))
        await asyncio.sleep(0.05)  # the child is still importing
        turn.cancel()
        with pytest.raises(asyncio.CancelledError):
            await turn
        reply, _ = await streamed(voice, reveal)
        assert reply == Reply(text=IN_CHARACTER, voice="llm:normal#cancelled-start")
        assert voice._child is not None and voice._child.alive  # the same start, not a second child
        assert len(llm_stub.sent("normal#cancelled-start")) == 1
    finally:
        await voice.aclose()
