"""The practice server's model voice, run in a child process (`app/voice_worker.py`, `app/voice/worker.py`).

Streaming a model reply costs CPU for every chunk (HTTP, server-sent events, the SDK's and LangChain's
objects, the guard). In the server all learners share one event loop, so with many replies streaming at once
that work held everyone's turns up. The child does it on another core and sends back only the pieces that may
be shown, and the reply. It sees exactly what an in-process voice would: the VoiceRequest, nothing locked.

If the child cannot start, turns are voiced in the server itself (the same words, slower under load). If it
stops in the middle of a reply, the scripted voice stands in for that turn with a note, as for any model
failure; a new child is started at most once every RESTART_PAUSE seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import sys
import time
from collections.abc import AsyncIterator

from app.config import Settings
from app.domain.revise import revised
from app.domain.voicing import VoiceRequest
from app.voice.base import Voice
from app.voice.fallback import stand_in
from app.voice.reply import Reply, Show, reply_of, stream_reply_of, unshown
from app.voice.scripted import ScriptedVoice
from app.voice.wire import (
    LINE_LIMIT,
    Cancel,
    Done,
    Failed,
    FromWorker,
    Job,
    Piece,
    Ready,
    line,
    settings_line,
)

log = logging.getLogger(__name__)

WORKER = (sys.executable, "-m", "app.voice_worker")
STARTUP_LIMIT = 60.0  # seconds a child may take to import and build its voice (a loaded machine is slow)
RESTART_PAUSE = 30.0  # seconds between attempts to start a child, so a child that cannot run never loops
GRACE = 5.0  # seconds a job may run past what its model calls can take before the child counts as hung
STOPPED = "the voice process stopped"
HUNG = "the voice process did not answer in time"


class ChildGone(Exception):
    """The child cannot finish this job. `reason` is worded for the learner's note."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class VoiceProcess:
    def __init__(self, settings: Settings, local: Voice) -> None:
        self.settings = settings
        self.local = local  # voices what the child cannot, and every synchronous call
        self.name = local.name
        self.backup = ScriptedVoice()
        # A job's model call takes at most RAPPORT_LLM_DEADLINE (the child enforces it); past that, it is hung.
        self.job_limit = settings.llm_deadline + GRACE
        self._child: _Child | None = None
        self._starting: asyncio.Task[_Child | None] | None = None
        self._last_start = -RESTART_PAUSE

    def speak(self, request: VoiceRequest) -> str:
        return self.reply(request).text

    def reply(self, request: VoiceRequest) -> Reply:
        return reply_of(self.local, request)

    async def stream(self, request: VoiceRequest) -> AsyncIterator[str]:
        # As FallbackVoice.stream: a plain stream cannot withdraw words, so it yields the settled reply.
        yield (await self.stream_reply(request, unshown)).text

    async def stream_reply(self, request: VoiceRequest, show: Show) -> Reply:
        child = await self.start()
        if child is None:
            return await stream_reply_of(self.local, request, show)
        shown = False

        async def showing(piece: str) -> None:
            nonlocal shown
            shown = True
            await show(piece)

        try:
            return await child.voice(request, showing, self.job_limit)
        except ChildGone as gone:
            if gone.reason == HUNG:
                child.kill()  # at once: the learner is waiting for the stand-in
            spoken = stand_in(self.backup, request, gone.reason, self.name)
            if shown:
                return revised(spoken, replaced=True)
            await show(spoken.text)
            return spoken

    async def start(self) -> _Child | None:
        """The running child, started if need be; None while no child can run (turns are voiced here)."""
        child = self._child
        if child is not None and child.alive and child.loop is asyncio.get_running_loop():
            return child
        if self._starting is None or self._starting.get_loop() is not asyncio.get_running_loop():
            if time.monotonic() - self._last_start < RESTART_PAUSE:
                return None
            self._last_start = time.monotonic()
            if child is not None:
                child.kill()
            self._starting = asyncio.create_task(self._start())
        starting = self._starting
        self._child = await asyncio.shield(starting)
        if self._starting is starting:
            self._starting = None
        return self._child

    async def _start(self) -> _Child | None:
        try:
            process = await asyncio.create_subprocess_exec(
                *WORKER,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                limit=LINE_LIMIT,
                start_new_session=True,  # Ctrl-C in the server's terminal is for the server; EOF stops the child
            )
        except OSError as error:
            log.warning("could not start the voice process (%s): voicing replies in the server", error)
            return None
        child = _Child(process)
        try:
            await child.send(settings_line(self.settings))
            async with asyncio.timeout(STARTUP_LIMIT):
                await asyncio.shield(child.ready)
        except (ChildGone, TimeoutError):
            log.warning("the voice process did not start: voicing replies in the server")
            child.kill()
            return None
        return child

    async def aclose(self) -> None:
        """Stop the child (it finishes nothing: call this when no turn is running)."""
        if self._starting is not None:
            self._child = await self._starting
            self._starting = None
        if self._child is not None:
            await self._child.close()
            self._child = None


class _Child:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.loop = asyncio.get_running_loop()
        self.ready: asyncio.Future[None] = self.loop.create_future()
        self.waiting: dict[int, asyncio.Queue[Piece | Done | Failed | None]] = {}
        self.numbers = itertools.count()
        self.closing = False
        self.reading = asyncio.create_task(self._read())

    @property
    def alive(self) -> bool:
        return not self.reading.done()

    async def voice(self, request: VoiceRequest, show: Show, limit: float) -> Reply:
        number = next(self.numbers)
        answers: asyncio.Queue[Piece | Done | Failed | None] = asyncio.Queue()
        self.waiting[number] = answers
        finished = False
        try:
            await self.send(line(Job(id=number, request=request)))
            async with asyncio.timeout(limit):
                while (answer := await answers.get()) is not None:
                    if isinstance(answer, Piece):
                        await show(answer.text)
                        continue
                    finished = True
                    if isinstance(answer, Done):
                        return answer.reply
                    log.warning("the voice process failed a job (%s)", answer.reason)
                    raise ChildGone(f"the voice process failed ({answer.reason})")
            raise ChildGone(STOPPED)
        except TimeoutError:
            raise ChildGone(HUNG) from None
        finally:
            del self.waiting[number]
            if (
                not finished and self.alive
            ):  # cancelled (the learner left) or given up on: stop the model call
                with contextlib.suppress(ChildGone):
                    self._write(line(Cancel(id=number)))

    async def send(self, data: bytes) -> None:
        self._write(data)
        try:
            await self._stdin().drain()
        except ConnectionError as error:
            raise ChildGone(STOPPED) from error

    def _write(self, data: bytes) -> None:
        stdin = self._stdin()
        if stdin.is_closing():
            raise ChildGone(STOPPED)
        stdin.write(data)

    def _stdin(self) -> asyncio.StreamWriter:
        assert self.process.stdin is not None  # created with stdin=PIPE
        return self.process.stdin

    async def _read(self) -> None:
        assert self.process.stdout is not None  # created with stdout=PIPE
        try:
            while raw := await self.process.stdout.readline():
                answer = FromWorker.validate_json(raw)
                if isinstance(answer, Ready):
                    self.ready.set_result(None)
                elif (answers := self.waiting.get(answer.id)) is not None:
                    answers.put_nowait(answer)
        except Exception:  # a line that is not the protocol: the child cannot be trusted with more jobs
            log.exception("the voice process sent something unreadable")
            self.kill()
        finally:
            if not self.ready.done():
                self.ready.set_exception(ChildGone(STOPPED))
            elif not self.closing:
                log.warning("the voice process stopped")
            for answers in self.waiting.values():
                answers.put_nowait(None)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()

    async def close(self) -> None:
        """End of input: the child stops; killed if it has not within a few seconds."""
        self.closing = True
        with contextlib.suppress(ConnectionError):
            self._stdin().close()
        try:
            async with asyncio.timeout(GRACE):
                await self.process.wait()
        except TimeoutError:
            self.kill()
            await self.process.wait()
        await self.reading
