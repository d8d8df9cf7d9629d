"""A chat over Chainlit's real Socket.IO connection, as the browser opens one: log in over HTTP, connect with
the login cookie, then send messages and wait for what the server emits (no sleeps: each wait is for an
event)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import socketio

from tests.support.server import RapportServer

WAIT = 60.0  # seconds before a wait for an event gives up
Event = tuple[str, Any]


class ChatSocket:
    def __init__(self, server: RapportServer, token: str, thread_id: str | None = None) -> None:
        self.server = server
        self.token = token
        self.thread_id = thread_id or str(uuid.uuid4())
        self.session_id = str(uuid.uuid4())
        self.client = socketio.AsyncClient(reconnection=False)
        self.events: list[Event] = []
        self._arrived = asyncio.Event()
        self.client.on("*", self._record)

    async def _record(self, event: str, data: Any = None) -> None:
        self.events.append((event, data))
        self._arrived.set()

    async def connect(self, profile: str = "Priya Raman") -> None:
        """Connect (ConnectionError when the server refuses) and start the chat as the page does."""
        await self._open(profile)
        # The chat has started once the handler that sends the brief (and then the opening) has finished.
        brief = await self.said("You are coaching")
        await self.wait_for(lambda event: event[0] == "task_end", after=self.events.index(brief))

    async def reconnect(self, profile: str = "Priya Raman") -> int:
        """Drop the socket and connect again with the same session, as the page's Socket.IO client does when its
        connection dropped; the index of the first event the new socket receives."""
        await self.client.disconnect()
        self.client = socketio.AsyncClient(reconnection=False)
        self.client.on("*", self._record)
        mark = len(self.events)
        await self._open(profile)
        return mark

    async def _open(self, profile: str) -> None:
        await self.client.connect(
            self.server.url,
            socketio_path="/ws/socket.io",
            transports=["websocket"],
            headers={"Cookie": f"access_token={self.token}"},
            auth={
                "sessionId": self.session_id,
                "clientType": "webapp",
                "threadId": self.thread_id,
                "chatProfile": profile,
                "userEnv": "{}",
            },
            wait_timeout=WAIT,
        )
        await self.client.emit("connection_successful")

    async def resume(self) -> Event:
        """Connect to the chat's thread as a reconnecting page does (its `threadId` in the handshake) and wait
        for the stored thread Chainlit sends back (`resume_thread`); that event."""
        await self.client.connect(
            self.server.url,
            socketio_path="/ws/socket.io",
            transports=["websocket"],
            headers={"Cookie": f"access_token={self.token}"},
            auth={
                "sessionId": self.session_id,
                "clientType": "webapp",
                "threadId": self.thread_id,
                "chatProfile": "",
                "userEnv": "{}",
            },
            wait_timeout=WAIT,
        )
        await self.client.emit("connection_successful")
        return await self.wait_for(lambda event: event[0] == "resume_thread")

    async def wait_for(self, wanted: Callable[[Event], bool], after: int = 0) -> Event:
        """The first event from index `after` on that `wanted` accepts, waiting for it to arrive."""
        async with asyncio.timeout(WAIT):
            seen = after
            while True:
                for event in self.events[seen:]:
                    if wanted(event):
                        return event
                seen = len(self.events)
                self._arrived.clear()
                await self._arrived.wait()

    async def said(self, text: str, after: int = 0) -> Event:
        """The first message from the server containing `text`."""

        def has(event: Event) -> bool:
            name, data = event
            return name == "new_message" and text in str(data.get("output", ""))

        return await self.wait_for(has, after)

    async def send(self, text: str, message_id: str | None = None) -> str:
        """Send a learner message and wait until the server has finished with it; its id."""
        message_id = message_id or str(uuid.uuid4())
        mark = len(self.events)
        message = {
            "id": message_id,
            "threadId": self.thread_id,
            "name": "coach",
            "type": "user_message",
            "output": text,
            "createdAt": datetime.now(UTC).isoformat(),
        }
        await self.client.emit("client_message", {"message": message, "fileReferences": None})
        await self.wait_for(lambda event: event[0] == "task_end", after=mark)
        return message_id

    async def close(self) -> None:
        await self.client.disconnect()
