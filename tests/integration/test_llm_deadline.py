"""A model call ends in bounded time, whatever the server does, and a reply has a bounded length.

A client's timeout bounds each read, not the call: these servers (tests/support/stub_llm.py) answer every read in
time and still never finish, or finish with far more than a reply.
"""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from app.bootstrap import build_server_voice, build_tagger, build_voice
from app.domain.voicing import VoiceRequest
from app.tag.reader import LearnedTagger
from app.voice.fallback import FallbackVoice
from app.voice.llm import CHARS_PER_TOKEN
from app.voice.process import VoiceProcess
from app.voice.reply import Reply
from app.voice.scripted import ScriptedVoice
from tests.support.cli import run_rapport
from tests.support.stub_llm import IN_CHARACTER, StubServer, stub_settings

DATA = Path(__file__).parents[1] / "data"
TIMED_OUT = "the model timed out; the scripted reply was used for this turn"
# A byte every 0.1 s: no read waits long, but the first words would take about 20 s and the reply minutes.
DRIP = "drip@0@0.1"
BOUNDS = {"RAPPORT_LLM_TIMEOUT": 0.5, "RAPPORT_LLM_DEADLINE": 1.5, "RAPPORT_LLM_RETRIES": 1}
GIVE_UP = 30.0  # seconds: only so that a failing test fails instead of hanging


def fallback_voice(stub: StubServer, model: str, **overrides: Any) -> FallbackVoice:
    voice = build_voice(stub_settings(stub.base_url, model, **overrides))
    assert isinstance(voice, FallbackVoice)
    return voice


async def streamed(voice: FallbackVoice | VoiceProcess, request: VoiceRequest) -> tuple[Reply, list[str]]:
    shown: list[str] = []

    async def show(piece: str) -> None:
        shown.append(piece)

    async with asyncio.timeout(GIVE_UP):
        return await voice.stream_reply(request, show), shown


def assert_timed_out(reply: Reply, request: VoiceRequest) -> None:
    assert reply.voice == "scripted" and reply.text == ScriptedVoice().speak(request)
    assert reply.note == TIMED_OUT


async def test_a_server_that_drips_bytes_times_out_before_the_first_words(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = fallback_voice(llm_stub, f"{DRIP}#first", **BOUNDS)
    reply, shown = await streamed(voice, reveal)
    assert_timed_out(reply, reveal)
    assert shown == [reply.text]
    assert (
        len(llm_stub.sent(f"{DRIP}#first")) == 2
    )  # a try without first words is retried, within the deadline


async def test_a_reply_that_never_ends_is_cut_off_at_the_deadline(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    # A word every 0.25 s: about 5 s for the reply, the first words well within 0.5 s, the deadline is 1.5 s.
    voice = fallback_voice(llm_stub, "normal@0@0.25#total", **BOUNDS)
    reply, shown = await streamed(voice, reveal)
    assert_timed_out(reply, reveal)
    if (
        reply.replaced
    ):  # words of the model's had been shown (as a rule): the caller swaps them for the stand-in
        assert IN_CHARACTER.startswith("".join(shown))
    else:  # a loaded machine: the guard still held every word when the deadline came
        assert shown == [reply.text]


def test_a_whole_reply_has_the_same_deadline(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    reply = fallback_voice(llm_stub, f"{DRIP}#whole", **BOUNDS).reply(reveal)
    assert_timed_out(reply, reveal)


async def test_the_server_gives_the_stand_in_at_the_deadline(
    llm_stub: StubServer, reveal: VoiceRequest
) -> None:
    voice = build_server_voice(stub_settings(llm_stub.base_url, f"{DRIP}#server", **BOUNDS))
    assert isinstance(voice, VoiceProcess)
    try:
        reply, shown = await streamed(voice, reveal)
        assert_timed_out(
            reply, reveal
        )  # said by the child, which keeps the deadline, not given up on as hung
        assert shown == [reply.text]
    finally:
        await voice.aclose()


def test_rehearse_does_not_wait_for_a_dripping_server(llm_stub: StubServer, tmp_path: Path) -> None:
    script = tmp_path / "turns.json"
    script.write_text(json.dumps(["Hi Sam. What would you like to get out of today?"]))
    env = {
        "RAPPORT_PERSONAS_DIR": str(DATA / "personas"),
        "RAPPORT_LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": llm_stub.base_url,
        "RAPPORT_MODEL": f"{DRIP}#cli",
        **{key: str(value) for key, value in BOUNDS.items()},
    }
    result = run_rapport(
        "rehearse", "--persona", "sam-fixture", "--script", str(script), env=env, timeout=GIVE_UP
    )
    assert result.returncode == 0, result.stderr
    assert f"note: {TIMED_OUT}" in result.stdout


def test_the_model_reader_keeps_the_same_deadline(llm_stub: StubServer) -> None:
    turn, context = "So the rota is eating your evenings. What would you like from today?", "It's a lot."
    settings = stub_settings(llm_stub.base_url, f"{DRIP}#reader", RAPPORT_TAGGER="llm", **BOUNDS)
    with ThreadPoolExecutor(max_workers=1) as pool:  # the reader is synchronous: wait for it from outside
        moves = pool.submit(build_tagger(settings).tag, turn, context).result(timeout=GIVE_UP)
    assert moves == LearnedTagger().tag(turn, context)  # the learned reader stood in when the model timed out
    assert len(llm_stub.sent(f"{DRIP}#reader")) >= 1


async def test_a_very_long_reply_is_cut_short(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    voice = fallback_voice(llm_stub, "long#cut", RAPPORT_MAX_TOKENS=50)
    reply, shown = await streamed(voice, reveal)
    assert reply.note is None and reply.voice == "llm:long#cut"
    assert reply.text.startswith(IN_CHARACTER) and "".join(shown) == reply.text
    assert len(reply.text) <= 50 * CHARS_PER_TOKEN
    assert not reply.text.endswith(" ") and reply.text.split()[-1] in IN_CHARACTER.split()  # whole words


def test_a_very_long_whole_reply_is_cut_short(llm_stub: StubServer, reveal: VoiceRequest) -> None:
    reply = fallback_voice(llm_stub, "long#whole", RAPPORT_MAX_TOKENS=50).reply(reveal)
    assert reply.note is None and reply.text.startswith(IN_CHARACTER)
    assert len(reply.text) <= 50 * CHARS_PER_TOKEN
