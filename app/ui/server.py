"""Start Chainlit's server with Rapport's handlers, in this process (no `chainlit run`: it reads CI from the
environment and then overwrites OPENAI_API_KEY, and it puts the app's folder first on sys.path)."""

from __future__ import annotations

import asyncio
import importlib
import sys

import uvicorn
from chainlit.auth import ensure_jwt_secret
from chainlit.config import config
from chainlit.server import app as asgi_app

SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while another waits for it


def run(host: str, port: int) -> None:
    importlib.import_module("app.ui.app")  # registers the handlers, routes and patches

    # The event loop shares the GIL with the store's writer thread. Each time the loop does I/O (every
    # websocket frame) it lets go of the GIL, and by default waits up to 5 ms to get it back from a busy
    # thread: under load those waits add up on every learner's turn. 1 ms bounds them.
    sys.setswitchinterval(SWITCH_INTERVAL)
    ensure_jwt_secret()
    config.run.host = host
    config.run.port = port
    config.run.headless = True
    server = uvicorn.Server(uvicorn.Config(asgi_app, host=host, port=port, log_level="warning", ws="auto"))
    asyncio.run(server.serve())
