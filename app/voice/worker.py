"""The voice process's work: `python -m app.voice_worker` (its entry point, which wires the voice) runs `main`,
started by the practice server (`app/voice/process.py`).

It reads its settings, builds the same model voice the server would (with its guard and scripted stand-in),
then voices every job it is sent, many at once, and writes back each reply's pieces as they pass the guard.
It stops when its stdin closes: when the server stops, however it stops.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable

from app.config import Settings
from app.voice.base import Voice
from app.voice.pacing import Paced
from app.voice.reply import stream_reply_of
from app.voice.wire import LINE_LIMIT, Cancel, Done, Failed, Job, Piece, Ready, ToWorker, line, settings_from

log = logging.getLogger("app.voice.worker")
GATHER = 0.02  # seconds between the pieces of one reply sent to the server


class Worker:
    def __init__(self, voice: Voice, writer: asyncio.StreamWriter) -> None:
        self.voice = voice
        self.writer = writer
        self.jobs: dict[int, asyncio.Task[None]] = {}

    async def serve(self, reader: asyncio.StreamReader) -> None:
        await self._send(line(Ready()))
        while raw := await reader.readline():
            message = ToWorker.validate_json(raw)
            if isinstance(message, Cancel):
                if (task := self.jobs.pop(message.id, None)) is not None:
                    task.cancel()
            else:
                self.jobs[message.id] = asyncio.create_task(self._voice(message))
        for task in self.jobs.values():
            task.cancel()

    async def _voice(self, job: Job) -> None:
        # Each line costs the server's shared event loop a read and a parse: pieces go on together.
        pieces = Paced(lambda text: self._send(line(Piece(id=job.id, text=text))), GATHER)
        try:
            reply = await stream_reply_of(self.voice, job.request, pieces.show)
            await pieces.close()
        except Exception as error:  # the voice stands in for the model itself; this is a bug, not a fault
            log.exception("job %d failed", job.id)
            await self._send(line(Failed(id=job.id, reason=type(error).__name__)))
        else:
            await self._send(line(Done(id=job.id, reply=reply)))
        finally:
            pieces.cancel()
            self.jobs.pop(job.id, None)

    async def _send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()


async def _serve(protocol_fd: int, build: Callable[[Settings], Voice]) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(protocol_fd, "wb", buffering=0)
    )
    writer = asyncio.StreamWriter(transport, protocol, None, loop)
    settings = settings_from(await reader.readline())
    await Worker(build(settings), writer).serve(reader)


def main(build: Callable[[Settings], Voice]) -> None:
    """Serve the server's turns with the voice `build` makes from the settings it sends first."""
    # The replies go out on a copy of stdout; stdout itself becomes stderr, so that nothing a library prints
    # can get in among them.
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    logging.basicConfig(level=logging.WARNING, format="voice process %(levelname)s %(name)s: %(message)s")
    asyncio.run(_serve(protocol_fd, build))
