"""Start Chainlit's server with Rapport's handlers, in this process (no `chainlit run`: it reads CI from the
environment and then overwrites OPENAI_API_KEY, and it puts the app's folder first on sys.path)."""

from __future__ import annotations

import asyncio
import importlib

import uvicorn
from chainlit.auth import ensure_jwt_secret
from chainlit.config import config
from chainlit.server import app as asgi_app


def run(host: str, port: int) -> None:
    importlib.import_module("app.ui.app")  # registers the handlers, routes and patches

    ensure_jwt_secret()
    config.run.host = host
    config.run.port = port
    config.run.headless = True
    server = uvicorn.Server(uvicorn.Config(asgi_app, host=host, port=port, log_level="warning", ws="auto"))
    asyncio.run(server.serve())
