"""Start Chainlit's server with Rapport's handlers, in this process (no `chainlit run`: it reads CI from the
environment and then overwrites OPENAI_API_KEY, and it puts the app's folder first on sys.path).

On SIGTERM (systemd, supervisord, a rolling restart) the server drains before uvicorn's own shutdown
(app/ui/drain.py): every chat's work under way is finished and stored, each chat's socket is closed once it is
done, and then uvicorn closes what is left, waits for its requests at most GRACEFUL_SECONDS and runs the
lifespan shutdown. A second Ctrl+C skips what remains of the drain."""

from __future__ import annotations

import asyncio
import importlib
import socket
import sys
from types import FrameType

import uvicorn
from chainlit.auth import ensure_jwt_secret
from chainlit.config import config
from chainlit.server import app as asgi_app

from app.ui import chainlit_patches
from app.ui.drain import DrainGate, drain

SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while another waits for it
# After the drain: how long uvicorn waits for the HTTP requests still open (a report being graded) before it
# cancels them. The stop waits of deploy/ (systemd's TimeoutStopSec, supervisord's stopwaitsecs) cover the
# drain's deadline, this and the lifespan shutdown.
GRACEFUL_SECONDS = 5
# How long an idle keep-alive connection stays open. A balancer reuses its idle connections to the server, so the
# balancer must drop them first (nginx: `keepalive_timeout` in the upstream, 60 s): were the server to close one
# first (uvicorn's default is 5 s), a request nginx sends on it in that instant fails, and with the other server
# down nginx has nowhere to retry it and answers 502.
KEEP_ALIVE_SECONDS = 75


class DrainingServer(uvicorn.Server):
    """uvicorn's server, draining the chats (`drain_seconds` at most) between a stop signal and its shutdown."""

    def __init__(self, config: uvicorn.Config, drain_seconds: float) -> None:
        super().__init__(config)
        self.drain_seconds = drain_seconds

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        drain.begin()  # the health check fails from this moment, not from the main loop's next tick
        super().handle_exit(sig, frame)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if not self.force_exit:
            await drain.run(self.drain_seconds, forced=lambda: self.force_exit)
        await super().shutdown(sockets)


def run(host: str, port: int, drain_seconds: float) -> None:
    importlib.import_module("app.ui.app")  # registers the handlers
    chainlit_patches.install()

    # The event loop shares the GIL with the store's writer thread. Each time the loop does I/O (every
    # websocket frame) it lets go of the GIL, and by default waits up to 5 ms to get it back from a busy
    # thread: under load those waits add up on every learner's turn. 1 ms bounds them.
    sys.setswitchinterval(SWITCH_INTERVAL)
    ensure_jwt_secret()
    config.run.host = host
    config.run.port = port
    config.run.headless = True
    asyncio.run(build_server(host, port, drain_seconds).serve())


def build_server(host: str, port: int, drain_seconds: float) -> DrainingServer:
    """The app's server as `run` starts it (built, not started)."""
    return DrainingServer(
        uvicorn.Config(
            DrainGate(asgi_app),
            host=host,
            port=port,
            log_level="warning",
            ws="auto",
            timeout_graceful_shutdown=GRACEFUL_SECONDS,
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
        ),
        drain_seconds,
    )
