"""Sending a streamed reply on in fewer, larger pieces.

Every piece passed on costs the receiver's event loop something: a Socket.IO emit (a task, a wait and a
websocket frame) in the server, a line to read and parse from the voice process. A reply of 30 words cost 30
of them, and under load each waited its turn on a busy loop, so a reply took longer to pass on than to make.
`Paced` sends the first piece at once (the reply is seen to start) and later ones together, at most every
`interval` seconds, which reads the same on screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


class Paced:
    def __init__(self, send: Callable[[str], Awaitable[None]], interval: float) -> None:
        self.send = send
        self.interval = interval
        self._pending: list[str] = []
        self._sent_at: float | None = None
        self._timer: asyncio.Task[None] | None = None

    async def show(self, piece: str) -> None:
        self._pending.append(piece)
        now = asyncio.get_running_loop().time()
        if self._sent_at is None or now - self._sent_at >= self.interval:
            await self._send()
        elif self._timer is None:  # a slow stream must not hold back what it already said
            self._timer = asyncio.create_task(self._send_later(self._sent_at + self.interval - now))

    async def close(self) -> None:
        """Send what is left now."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await self._send()

    def cancel(self) -> None:
        """Stop a pending send (what is left is dropped)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def _send_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._timer = None
        await self._send()

    async def _send(self) -> None:
        text = "".join(self._pending)
        self._pending.clear()
        if text:
            self._sent_at = asyncio.get_running_loop().time()
            await self.send(text)
