"""Two (or more) `rapport serve` processes on one PostgreSQL database behind nginx (deploy/nginx/rapport.conf
as app/cluster.py renders it), and a chat that talks to them through nginx as the browser does: one cookie
jar for every HTTP call and the socket, Chainlit's sticky-session cookie set before the socket opens,
Engine.IO long-polling then the WebSocket upgrade, automatic reconnects with the same session id and an empty
thread id until the server's `first_interaction` gives the chat's thread (then that one, as the page does),
`connection_successful` on every connect. Every wait is for an event."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import socketio

from app.cluster import UPSTREAM_HEADER, Balancer, running_balancer
from app.config import Settings
from tests.support.cluster import servers_on_postgres
from tests.support.server import STOP_TIMEOUT, Account, RapportServer, free_port

WAIT = 90.0  # seconds before a wait for an event gives up (generous: a loaded two-core machine)
# Failover is tested with offline replies at the pace users get (tests/conftest.py turns it off elsewhere): the
# kills mid-reply need a reply that takes a while (with instant replies those tests fail). With instant replies,
# test_a_message_typed_while_reconnecting_is_answered_once also once found the next turn unstored: no reply to
# it had come either, so `send` had most likely returned on a task_end left from the take-up, which instant
# replies move after it; `send` now waits for a message of the app's first.
AS_DEPLOYED = {"RAPPORT_READING_PACE": str(Settings.model_fields["reading_pace"].default)}
Event = tuple[str, Any]


@dataclass
class Cluster:
    servers: list[RapportServer]
    balancer: Balancer

    @property
    def url(self) -> str:
        return self.balancer.url

    def by_address(self, address: str) -> RapportServer:
        """The server nginx named in its X-Rapport-Upstream header (`127.0.0.1:PORT`)."""
        port = int(address.rsplit(",", 1)[-1].strip().rsplit(":", 1)[1])
        return next(server for server in self.servers if server.port == port)

    async def restore(self, deadline: float = 90.0) -> None:
        """Restart any server that is down, then wait until nginx sends requests to every server again: the
        next test needs them all. A server nginx saw fail stays out of rotation for its fail_timeout (10 s);
        a reload (SIGHUP) starts workers that have seen no failure, so a restarted server is back at once."""
        down = [server for server in self.servers if not server.running]
        for server in down:
            server.start()
        if down:
            self.balancer.process.send_signal(signal.SIGHUP)
        wanted = {f"127.0.0.1:{server.port}" for server in self.servers}
        seen: set[str] = set()
        async with asyncio.timeout(deadline), aiohttp.ClientSession() as http:
            while not wanted <= seen:
                # No chat cookie: nginx spreads each such request over the servers in rotation.
                async with http.get(f"{self.url}/health") as response:
                    seen.add(response.headers[UPSTREAM_HEADER].rsplit(",", 1)[-1].strip())
                await asyncio.sleep(0.05)  # a poll of nginx's state, not a wait for the test's own events

    def kill(self, server: RapportServer) -> None:
        """SIGKILL the server and its voice process: a crash, nothing said to anyone."""
        assert server.process is not None
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=30)

    def terminate(self, server: RapportServer) -> int:
        """SIGTERM the server, as a stop or a restart by systemd or supervisord does, without waiting for it
        (it drains its chats first). The size of its log then: what it logs from here on comes after."""
        assert server.process is not None
        logged = server.log.stat().st_size
        os.killpg(server.process.pid, signal.SIGTERM)
        return logged

    async def exit_status(self, server: RapportServer) -> int:
        """Wait for the server's process to end; its exit status (minus the signal that killed it)."""
        assert server.process is not None
        return await asyncio.to_thread(server.process.wait, STOP_TIMEOUT)


async def logged(server: RapportServer, text: str, after: int = 0) -> str:
    """The first line of the server's log, from byte `after` on, that contains `text`, waiting for it."""
    async with asyncio.timeout(WAIT):
        while True:
            for line in server.log.read_bytes()[after:].decode(errors="replace").splitlines():
                if text in line:
                    return line
            await asyncio.sleep(0.05)  # a file another process writes: nothing to wait on but time


@contextmanager
def running_cluster(
    work: Path,
    database_url: str,
    accounts: tuple[Account, ...],
    count: int = 2,
    settings: dict[str, str] | None = None,
) -> Iterator[Cluster]:
    """`count` servers (with `settings` in their environment, e.g. a model voice) and nginx before them."""
    deployed = {**AS_DEPLOYED, **(settings or {})}
    with (
        servers_on_postgres(work, database_url, accounts, count, deployed) as servers,
        running_balancer([s.port for s in servers], free_port(), _folder(work / "nginx")) as balancer,
    ):
        yield Cluster(servers, balancer)


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _from_the_app(event: Event) -> bool:
    name, data = event
    return (
        name in ("new_message", "stream_start")
        and isinstance(data, dict)
        and data.get("type") == "assistant_message"
    )


class PageSocket(socketio.AsyncClient):
    """python-socketio's client, waiting on a reconnect as the page's socket.io-client does. Its own reconnect
    waits 1 s for the server to accept the connection, then drops the socket and tries later: on a loaded
    machine every try could fail that way, each leaving a half-opened session on the server. The page waits
    for the server's answer (bench/chainlit_load.py has the same class, for the load tool)."""

    async def connect(self, *args: Any, wait_timeout: float = WAIT, **kwargs: Any) -> None:
        await super().connect(*args, wait_timeout=wait_timeout, **kwargs)


class BrowserChat:
    """One browser tab's chat, through the balancer."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session_id = str(uuid.uuid4())
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.client = PageSocket(reconnection=True, http_session=self.http)
        self.events: list[Event] = []
        self.connects = 0
        self.typed_while_away: list[
            str
        ] = []  # sent first on the next connect, as socket.io-client's buffer does
        self._arrived = asyncio.Event()
        self.client.on("*", self._record)
        self.client.on("connect", self._connected)
        self.client.on("disconnect", self._disconnected)
        self.client.on("first_interaction", self._first_interaction)

    async def _record(self, event: str, data: Any = None) -> None:
        self.events.append((event, data))
        self._arrived.set()

    async def _connected(self) -> None:
        self.connects += 1
        await self._record("connect")
        # socket.io-client sends what was emitted while disconnected as soon as it is connected, before the
        # page's own connect handler runs (which emits connection_successful).
        while self.typed_while_away:
            await self._emit_message(self.typed_while_away.pop(0))
        await self.client.emit("connection_successful")  # what the page does on every (re)connect

    async def _first_interaction(self, data: Any = None) -> None:
        await self._record("first_interaction", data)
        # The page's chat now has a thread: its later (re)connects send that id, so that a server that does
        # not know the session (another one, after a failover) resumes the thread instead of starting anew.
        if isinstance(data, dict) and data.get("thread_id") and self.client.connection_auth:
            self.client.connection_auth["threadId"] = data["thread_id"]

    async def _disconnected(self, reason: Any = None) -> None:
        await self._record("disconnect", reason)

    async def login(self, name: str, password: str) -> None:
        async with self.http.post(f"{self.url}/login", data={"username": name, "password": password}) as r:
            assert r.status == 200, await r.text()

    async def get(self, path: str) -> tuple[Any, dict[str, str]]:
        """GET through the balancer with this tab's cookies: the JSON and the response headers."""
        async with self.http.get(f"{self.url}{path}") as response:
            assert response.status == 200, f"GET {path}: {response.status} {await response.text()}"
            return await response.json(), dict(response.headers)

    async def holder(self) -> str:
        """The address of the server this tab's requests (and so its socket) go to, as nginx says."""
        _, headers = await self.get("/health")
        return headers[UPSTREAM_HEADER]

    def _auth(self, profile: str, thread_id: str) -> dict[str, str]:
        return {
            "clientType": "webapp",
            "sessionId": self.session_id,
            "threadId": thread_id,
            "userEnv": "{}",
            "chatProfile": quote(profile, safe="-_.!~*'()"),
        }

    async def _open(self, profile: str, thread_id: str) -> None:
        async with self.http.post(
            f"{self.url}/set-session-cookie", json={"session_id": self.session_id}
        ) as r:
            assert r.status == 200
        await self.client.connect(
            self.url, socketio_path="/ws/socket.io", auth=self._auth(profile, thread_id), wait_timeout=WAIT
        )

    async def connect(self, profile: str, thread_id: str = "") -> None:
        """Open the chat's socket: a new chat (no thread id), or one reopened on its thread, as the page at
        /thread/ID does (the page sends that id on every connect)."""
        await self._open(profile, thread_id)
        # The chat has started once the handler that sends the brief and the client's first words is done.
        brief = await self.said("You are coaching")
        await self.wait_for(lambda event: event[0] == "task_end", after=self.events.index(brief))

    async def reopen(self, profile: str, thread_id: str) -> Event:
        """Open the socket on a chat that exists, as the page at /thread/ID does: the server's answer, which is
        resume_thread, resume_thread_error, or the brief of a chat started afresh."""
        await self._open(profile, thread_id)
        return await self.wait_for(
            lambda event: (
                event[0] in ("resume_thread", "resume_thread_error")
                or (event[0] == "new_message" and "You are coaching" in str(event[1].get("output", "")))
            )
        )

    async def half_open(self, profile: str, thread_id: str) -> None:
        """A socket of this tab's session that the server accepts and that drops before the page could say
        `connection_successful` (a reconnect that gave up on a busy server, or that nginx moved back to a
        server coming up again): the server keeps the session it made for it."""
        async with self.http.post(
            f"{self.url}/set-session-cookie", json={"session_id": self.session_id}
        ) as r:
            assert r.status == 200
        dropped = socketio.AsyncClient(reconnection=False, http_session=self.http)
        await dropped.connect(
            self.url, socketio_path="/ws/socket.io", auth=self._auth(profile, thread_id), wait_timeout=WAIT
        )
        await dropped.disconnect()

    async def wait_for(self, wanted: Callable[[Event], bool], after: int = 0) -> Event:
        """The first event from index `after` on that `wanted` accepts, waiting for it to arrive."""
        return self.events[await self.index_of(wanted, after)]

    async def index_of(self, wanted: Callable[[Event], bool], after: int = 0) -> int:
        """Where that event is in `events` (events can be equal: a second connect is the same as the first)."""
        async with asyncio.timeout(WAIT):
            seen = after
            while True:
                for index in range(seen, len(self.events)):
                    if wanted(self.events[index]):
                        return index
                seen = len(self.events)
                self._arrived.clear()
                await self._arrived.wait()

    async def said(self, text: str, after: int = 0) -> Event:
        def has(event: Event) -> bool:
            name, data = event
            return name == "new_message" and text in str(data.get("output", ""))

        return await self.wait_for(has, after)

    async def emit_message(self, text: str) -> int:
        """Send a learner message as the page does; the index of the first event that can answer it."""
        mark = len(self.events)
        await self._emit_message(text)
        return mark

    async def _emit_message(self, text: str) -> None:
        message = {
            "id": str(uuid.uuid4()),
            "threadId": "",
            "name": "learner",
            "type": "user_message",
            "output": text,
            "createdAt": datetime.now(UTC).isoformat(),
        }
        await self.client.emit("client_message", {"message": message, "fileReferences": []})

    async def send(self, text: str) -> int:
        """Send and wait until the server has finished with it: a message of the app's (the client's reply, or
        Rapport's word when it refuses) and then the end of a task. A `task_end` alone can be one left over
        from work the server began before this message (a resumed chat's take-up)."""
        mark = await self.emit_message(text)
        answered = await self.index_of(_from_the_app, after=mark)
        await self.wait_for(lambda event: event[0] == "task_end", after=answered)
        return mark

    async def close(self) -> None:
        await self.client.disconnect()
        await self.http.close()
