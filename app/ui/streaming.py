"""Streaming a reply without paying the socket for every word.

Each `Message.stream_token` is one Socket.IO emit: a task, a wait for it and a websocket frame. A reply of 30
words cost 30 of them, and under load every one waited its turn on the busy event loop, so the reply took
longer to stream than to make. The first piece still goes out at once (the learner sees the reply start);
later pieces are sent together, at most every `INTERVAL`, which reads the same on screen."""

from __future__ import annotations

import asyncio

import chainlit as cl

INTERVAL = 0.05  # seconds between emits while a reply streams


class Coalescing:
    def __init__(self, message: cl.Message, interval: float = INTERVAL) -> None:
        self.message = message
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

    async def _send_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._timer = None
        await self._send()

    async def _send(self) -> None:
        text = "".join(self._pending)
        self._pending.clear()
        if text:
            self._sent_at = asyncio.get_running_loop().time()
            await self.message.stream_token(text)

    async def close(self) -> None:
        """Send what is left; the message's `content` is then everything shown."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        await self._send()
