"""A graceful stop of `rapport serve` (SIGTERM from systemd, supervisord or a rolling restart): every chat's work
under way is finished here, then the chat's socket is closed so that its page reconnects to another server.

Without it, uvicorn closed every WebSocket at once on SIGTERM and the process exited about a second later, with
the turns it was still working on abandoned: one already stored as pending was answered by the next server on
resume, but a message received and not yet stored (waiting behind a cut-off turn's answer or for a busy event
loop) was lost. Measured in the 100-learner rolling restart: every lost turn was such a message.

While draining (app/ui/server.py begins it on SIGTERM, before uvicorn's own shutdown):

1. `/health` and every new Socket.IO connection answer 503 (`DrainGate`): nginx passes the request to another
   server (`proxy_next_upstream http_503`) and keeps this one out of rotation.
2. A chat's socket is closed as soon as the work it has under way (a turn, a resume and the cut-off turn it
   answers, a button) is done and its reply queued. The page is then waiting for its learner, so nothing they
   sent is on the way; it reconnects through nginx to another server, which resumes the chat. A message that
   comes while draining is answered here first, and the socket is closed after it.
3. At the deadline the sockets of chats that said nothing are closed too, and uvicorn's shutdown follows."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from chainlit.server import sio
from chainlit.session import WebsocketSession
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

SOCKET_PATH = "/ws/socket.io"  # where Chainlit serves Socket.IO
HEALTH_PATH = "/health"
POLL = 0.1  # seconds between looks at whether every chat is closed (uvicorn's own shutdown polls as often)


def refused_while_draining(path: str, query: bytes) -> bool:
    """Whether a request is turned away while draining: the health check, and a new Socket.IO connection (an
    Engine.IO handshake names no session, `sid`). Requests of a connection already open go on."""
    if path == HEALTH_PATH:
        return True
    return path.startswith(SOCKET_PATH) and "sid" not in parse_qs(query.decode("latin-1"))


class Drain:
    """Which chat sessions have work under way, and the drain itself. One per process (`drain` below)."""

    def __init__(self) -> None:
        self.draining = False
        self._work: dict[str, set[asyncio.Future[Any]]] = {}  # by Chainlit session id
        self._closing: set[asyncio.Task[None]] = set()  # sockets being closed: held so they are not collected

    def begin(self) -> None:
        """From now on the health check fails and new connections are refused. Safe in a signal handler."""
        self.draining = True

    def track(self, session: WebsocketSession, work: asyncio.Future[Any] | None) -> None:
        """`work` (a task or future) is done for `session`'s chat: while draining, the chat's socket is closed
        only once all of it is done."""
        if work is None or work.done():
            return
        under_way = self._work.setdefault(session.id, set())
        if work not in under_way:
            under_way.add(work)
            work.add_done_callback(lambda _: self._finished(session, work))

    def busy(self) -> bool:
        return bool(self._work)

    def _finished(self, session: WebsocketSession, work: asyncio.Future[Any]) -> None:
        under_way = self._work.get(session.id, set())
        under_way.discard(work)
        if under_way:
            return
        self._work.pop(session.id, None)
        if self.draining:
            self._close_soon(session.socket_id)

    def _close_soon(self, sid: str) -> None:
        self._closing.add(task := asyncio.ensure_future(close_socket(sid)))
        task.add_done_callback(self._closing.discard)

    async def run(self, deadline: float, forced: Callable[[], bool] = lambda: False) -> None:
        """Drain: wait until every chat's work is done and its socket closed, for `deadline` seconds at most
        (or until `forced`); then close the sockets still open."""
        self.begin()
        loop = asyncio.get_running_loop()
        until = loop.time() + deadline
        log.warning("Draining: %d chats open, %d with work under way", len(_open_sockets()), len(self._work))
        # Polled, as uvicorn's shutdown polls its connections: the sockets close in Engine.IO, not here.
        while (self._work or _open_sockets() or self._closing) and loop.time() < until and not forced():
            await asyncio.sleep(POLL)
        left = _open_sockets()
        if left or self._work:
            log.warning(
                "Drain deadline: closing %d idle chats; %d chats still at work", len(left), len(self._work)
            )
        for sid in left:
            await close_socket(sid)


def _open_sockets() -> list[str]:
    """The Socket.IO ids of the chats whose socket to this server is open."""
    open_ids = []
    for eio_sid, socket in list(sio.eio.sockets.items()):
        sid = sio.manager.sid_from_eio_sid(eio_sid, "/")
        if sid is not None and not socket.closed:
            open_ids.append(sid)
    return open_ids


async def close_socket(sid: str) -> None:
    """Close the chat's transport the way a dropped connection closes it, so that the page (and python-socketio's
    client) reconnects; Engine.IO's own close packet would tell the client not to. What is queued for the
    page (the reply, `task_end`) is sent first."""
    eio_sid = sio.manager.eio_sid_from_sid(sid, "/")
    socket = sio.eio.sockets.get(eio_sid) if eio_sid is not None else None
    if socket is None or socket.closed:
        return
    if not socket.upgraded:
        # Long-polling: closed here, the page's next poll finds no such session and it reconnects.
        await socket.close(wait=False, abort=True, reason=sio.eio.reason.SERVER_DISCONNECT)
    # The end of the queue: the WebSocket's writer sends what is before it and closes the connection (or the
    # poll waiting on it returns).
    socket.queue.put_nowait(None)


drain = Drain()


class DrainGate:
    """ASGI middleware: while draining, `refused_while_draining` requests answer 503 Service Unavailable (a
    WebSocket handshake too, where the server can answer it with HTTP, else it is closed: 403)."""

    def __init__(self, app: ASGIApp, state: Drain = drain) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.state.draining
            and scope["type"] in ("http", "websocket")
            and refused_while_draining(scope["path"], scope.get("query_string", b""))
        ):
            await _unavailable(scope, send)
            return
        await self.app(scope, receive, send)


UNAVAILABLE = b"This server is stopping: another one takes over."


async def _unavailable(scope: Scope, send: Send) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"1")]
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": UNAVAILABLE})
    elif "websocket.http.response" in scope.get("extensions", {}):
        await send({"type": "websocket.http.response.start", "status": 503, "headers": headers})
        await send({"type": "websocket.http.response.body", "body": UNAVAILABLE})
    else:
        await send({"type": "websocket.close"})
