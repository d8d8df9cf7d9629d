"""A local OpenAI-compatible chat server for the tests and the bench, started in a thread on a free port.

The model name picks the behaviour of each request, so one server covers every case:
`<mode>[@<seconds before the first byte>[@<seconds between streamed chunks>]][#<any label>]`, e.g. `normal`,
`normal@0.2@0.01`, `echo#run-3` (`numbered` answers in character with the digits of the last message) (a label keeps one test's requests apart from another's).
`drip` sends its answer one byte at a time, the gap between bytes (a server that is alive but never
finishes); `long` answers in character at length (LONG_REPLY_WORDS words, well over any sane reply);
`pair` holds each request until a second one to the same model has arrived (or PAIR_DEADLINE passes), so a
test of two calls made together waits on their meeting, not on a timing, and `paired(model)` says if they met.
`hold(model, containing)` stops the next streamed reply whose prompt contains those words after HELD_AFTER words,
until the client hangs up (a killed server) or the test calls `release(model)`: a test cuts a reply in the
middle on an event, not on a timing.
Every request body is kept in `StubServer.requests`, so a test can read exactly what a model was sent.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from app.config import Settings
from tests.support.server import free_port

IN_CHARACTER = "Honestly, it has been a long few weeks. I keep coming back to the same worry, and I am tired."
REPLIES = {
    "normal": IN_CHARACTER,
    "empty": "",
    "ooc": "As an AI language model, I cannot really pretend to be this person.",
    "late-ooc": f"{IN_CHARACTER} Anyway, as an AI I should say my trust level is only two.",
    "coach": "As a coach, you should try asking me what I want from the session. Nice reflection, though.",
    "labelled": f"Sam: {IN_CHARACTER}",
}
STRUCTURED_MOVES = ["empathy", "reflection"]
SLOW_SECONDS = 5.0
LONG_REPLY_WORDS = 20_000  # about 100 KB
# Words a held reply streams before it stops: enough for the voice's guard, which keeps back the newest five
# words of a stream until it can judge them, to have let some through to the learner.
HELD_AFTER = 10
PAIR_DEADLINE = 4.0  # under the stub settings' 5 s client timeout: calls made one after the other still end


def _mode(model: str) -> tuple[str, float, float]:
    mode, *timing = model.split("#")[0].split("@")
    ttft, gap = [*map(float, timing), 0.0, 0.0][:2]
    return mode, ttft, gap


def _whole_prompt(body: dict[str, Any]) -> str:
    return "\n".join(str(message.get("content") or "") for message in body["messages"])


def _numbers(body: dict[str, Any]) -> str:
    """The digits in the last message, repeated back: a reply that tells concurrent requests apart."""
    return "".join(c for c in str(body["messages"][-1].get("content") or "") if c.isdigit())


async def _wait(request: Request, seconds: float, until: Callable[[], bool] = lambda: False) -> bool:
    """Sleep until `until()` holds or the time is up, unless the client hangs up first (so a timed-out
    request does not keep the server busy)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0 and not until():
        await asyncio.sleep(min(left, 0.01))
        if await request.is_disconnected():
            return False
    return True


def _completion(model: str, message: dict[str, Any], finish: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _chunk(model: str, delta: dict[str, Any], finish: str | None = None) -> str:
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    body = {
        "id": "chatcmpl-stub",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [choice],
    }
    return f"data: {json.dumps(body)}\n\n"


def _pieces(text: str) -> list[str]:
    words = text.split(" ")
    return [word if index == 0 else " " + word for index, word in enumerate(words)]


async def _drip(body: bytes, gap: float) -> AsyncIterator[bytes]:
    """`body` one byte every `gap` seconds: each read returns in time, the whole never does."""
    for byte in body:
        await asyncio.sleep(gap)
        yield bytes([byte])


class StubServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.events: list[
            tuple[str, int]
        ] = []  # ("start" | "end", index in `requests`), in order of happening
        self.counts: Counter[str] = Counter()
        self.met: set[str] = set()  # `pair` models whose requests arrived together
        self._arrived: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        self._holds: dict[str, str] = {}  # model -> words of the prompt whose reply is held part-way
        self._released: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        # set once a held reply has streamed its first words and stopped
        self._holding: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        self.url = ""
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self.chat)

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def calls(self, model: str) -> int:
        return self.counts[model]

    def overlapped(self, first: int, second: int) -> bool:
        """Whether requests `first` and `second` (indexes in `requests`) were answered at the same time."""

        def at(event: tuple[str, int]) -> int | float:
            # An end is recorded once the body is sent, which may be after the client has read it all: an end
            # not recorded yet comes after every event recorded so far.
            return self.events.index(event) if event in self.events else float("inf")

        return at(("start", first)) < at(("end", second)) and at(("start", second)) < at(("end", first))

    def paired(self, model: str) -> bool:
        """Whether two requests to the `pair` model `model` were in flight at the same time."""
        return model in self.met

    async def called(self, model: str, timeout: float = 30.0) -> bool:
        """Wait until a request to `model` has arrived (the stub runs in a thread of its own)."""
        return await asyncio.to_thread(self._arrived[model].wait, timeout)

    def hold(self, model: str, containing: str) -> None:
        """Hold the next streamed reply of `model` whose prompt contains `containing` after HELD_AFTER words,
        until the client hangs up or `release(model)`; the replies after it stream as usual."""
        self._released[model].clear()
        self._holding[model].clear()
        self._holds[model] = containing

    async def holding(self, model: str, timeout: float = 30.0) -> bool:
        """Wait until the held reply of `model` has streamed its first words and stopped: the reply is then
        under way on the server that asked for it, whatever the transport that carries it on to a browser."""
        return await asyncio.to_thread(self._holding[model].wait, timeout)

    def release(self, model: str) -> None:
        """Let a held reply of `model` stream on to its end."""
        self._released[model].set()

    def sent(self, model: str) -> list[dict[str, Any]]:
        """The bodies of the requests made to `model`, oldest first."""
        return [body for body in self.requests if body["model"] == model]

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        number = len(self.requests)
        self.requests.append(body)
        self.events.append(("start", number))
        response = await self._answer(request, body)
        response.background = BackgroundTask(
            self.events.append, ("end", number)
        )  # runs once the body is sent
        return response

    async def _answer(self, request: Request, body: dict[str, Any]) -> Response:
        model = body["model"]
        self.counts[model] += 1
        self._arrived[model].set()
        mode, ttft, gap = _mode(model)
        if mode == "slow":
            ttft = max(ttft, SLOW_SECONDS)
        if mode == "pair" and (arrival := self.counts[model]) % 2 == 1:  # the first of a pair waits
            await _wait(request, PAIR_DEADLINE, until=lambda: self.counts[model] > arrival)
            if self.counts[model] > arrival:
                self.met.add(model)
        if not await _wait(request, ttft):
            return Response(status_code=499)  # the client gave up (timed out) while we waited
        failure = self._failure(mode, self.counts[model])
        if failure is not None:
            return failure
        if "response_format" in body or "tools" in body:
            structured = self._structured(body, mode)
            return StreamingResponse(_drip(structured.body, gap)) if mode == "drip" else structured
        text = (
            _whole_prompt(body)
            if mode == "echo"
            else f"{IN_CHARACTER} {_numbers(body)}"
            if mode == "numbered"
            else " ".join([IN_CHARACTER] * (LONG_REPLY_WORDS // len(IN_CHARACTER.split())))
            if mode == "long"
            else REPLIES.get(mode, IN_CHARACTER)
        )
        if mode == "drip" and body.get("stream"):
            events = "".join([_chunk(model, {"content": piece}) for piece in _pieces(text)])
            return StreamingResponse(_drip(events.encode(), gap), media_type="text/event-stream")
        if mode == "drip":
            whole = json.dumps(_completion(model, {"role": "assistant", "content": text}))
            return StreamingResponse(_drip(whole.encode(), gap), media_type="application/json")
        if body.get("stream"):
            held = model in self._holds and self._holds[model] in _whole_prompt(body)
            if held:
                del self._holds[model]
            stream = self._stream(request, model, text, mode, gap, held)
            return StreamingResponse(stream, media_type="text/event-stream")
        if mode == "malformed":
            return PlainTextResponse("this is not json", media_type="application/json")
        return JSONResponse(_completion(model, {"role": "assistant", "content": text}))

    def _failure(self, mode: str, count: int) -> Response | None:
        if mode == "ratelimit" or (mode == "ratelimit-once" and count % 2 == 1):
            return JSONResponse(
                {"error": {"message": "slow down"}}, status_code=429, headers={"retry-after": "0"}
            )
        if mode == "error":
            return JSONResponse({"error": {"message": "boom"}}, status_code=500, headers={"retry-after": "0"})
        return None

    def _structured(self, body: dict[str, Any], mode: str) -> Response:
        arguments = "{not json" if mode == "malformed" else json.dumps({"moves": STRUCTURED_MOVES})
        if "tools" in body:
            name = body["tools"][0]["function"]["name"]
            call = {"id": "call-1", "type": "function", "function": {"name": name, "arguments": arguments}}
            message = {"role": "assistant", "content": None, "tool_calls": [call]}
            return JSONResponse(_completion(body["model"], message, finish="tool_calls"))
        return JSONResponse(_completion(body["model"], {"role": "assistant", "content": arguments}))

    async def _stream(
        self, request: Request, model: str, text: str, mode: str, gap: float, held: bool
    ) -> AsyncIterator[str]:
        yield _chunk(model, {"role": "assistant", "content": ""})
        if mode == "malformed":
            yield "data: {this is not json\n\n"
            return
        for index, piece in enumerate(_pieces(text) if text else []):
            await asyncio.sleep(gap)
            yield _chunk(model, {"content": piece})
            if held and index == HELD_AFTER - 1:
                self._holding[model].set()
                if not await _wait(request, float("inf"), self._released[model].is_set):
                    return  # the client hung up while the reply was held
        yield _chunk(model, {}, finish="stop")
        yield "data: [DONE]\n\n"


@contextmanager
def running_stub() -> Iterator[StubServer]:
    stub = StubServer()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(stub.app, log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the stub LLM server did not start")
        time.sleep(0.01)
    stub.url = f"http://127.0.0.1:{port}"
    try:
        yield stub
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def stub_settings(base_url: str, model: str, **overrides: Any) -> Settings:
    """Settings for the "openai" provider pointed at a stub, ignoring any .env file and OPENAI_* variables."""
    values: dict[str, Any] = {
        "RAPPORT_LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": base_url,
        "OPENAI_API_KEY": "sk-test",
        "RAPPORT_MODEL": model,
        "RAPPORT_LLM_TIMEOUT": 5.0,
        "RAPPORT_LLM_RETRIES": 1,
    }
    return Settings(_env_file=None, **{**values, **overrides})  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def llm_stub() -> Iterator[StubServer]:
    with running_stub() as stub:
        yield stub


@pytest.fixture
def closed_port() -> str:
    """A base URL where nothing listens: connections are refused."""
    return f"http://127.0.0.1:{free_port()}/v1"
