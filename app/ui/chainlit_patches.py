"""Every change Rapport makes to Chainlit's own code, in one place: each patch named, what in Chainlit it
replaces, and why (the module that holds it explains in full).

They were written against the Chainlit pinned in pyproject.toml (`CHAINLIT_VERSION`).
`tests/integration/test_chainlit_patches.py` checks, against the installed Chainlit, that it is that version,
that every object a patch replaces is still there with the shape the patch expects, and that after
`install()` each one is Rapport's: an upgrade fails there first, naming the patch to look at again.

`app/ui/server.py` calls `install()` once, after the handlers are registered (importing `app.ui.app`);
nothing is patched as a side effect of an import.

Not patches, but leaning on Chainlit's insides all the same: `app/ui/data_layer.py` subclasses its SQLAlchemy
data layer, and `app/ui/drain.py` reads Engine.IO's socket table to close each chat once its work is done (the
drain tests fail if that changes).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import chainlit.auth
import chainlit.server
from chainlit.config import ChainlitConfig
from chainlit.session import WebsocketSession

from app.ui import (
    cohort_view,
    footer,
    gradebook,
    logins,
    no_sleep,
    offline,
    progress,
    routes,
    run_pages,
    sockets,
)
from app.ui import follow_up as follow_ups
from app.ui import lti as lti_routes
from app.ui.profiles import chat_profiles, install_storm_fix
from app.ui.state import current

CHAINLIT_VERSION = "2.12.0"

# The Socket.IO events whose handlers Rapport replaces (app/ui/sockets.py).
GUARDED_EVENTS = (
    "connect",
    "connection_successful",
    "edit_message",
    "client_message",
    "chat_settings_change",
)


@dataclass(frozen=True)
class Patch:
    name: str
    replaces: str  # the Chainlit object, as a dotted path
    why: str
    current: Callable[[], Any]  # what Chainlit uses now at that place
    expected: Callable[[], bool]  # whether Chainlit still has it in the shape the patch was written for


def _parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def _sleeps(module: str) -> bool:
    found = importlib.import_module(module)
    return "time.sleep(" in inspect.getsource(found) and getattr(found, "time", None) is not None


def _socket_handlers() -> tuple[Any, ...]:
    handlers = chainlit.server.sio.handlers.get("/", {})
    return tuple(handlers.get(event) for event in GUARDED_EVENTS)


def _first_route() -> Any:
    first = chainlit.server.app.router.routes[0]
    return getattr(first, "original_router", first)  # FastAPI keeps an included router as one entry


def _catch_all_route() -> bool:
    return any(getattr(route, "path", "") == "/{full_path:path}" for route in chainlit.server.router.routes)


PATCHES: tuple[Patch, ...] = (
    Patch(
        "offline page",
        "chainlit.server.get_html_template",
        "the page links Google Fonts and a CDN stylesheet; offline deployments have neither (app/ui/offline.py)",
        lambda: chainlit.server.get_html_template,
        lambda: _parameters(chainlit.server.get_html_template) == ["root_path"],
    ),
    Patch(
        "honest footer",
        "chainlit.config.ChainlitConfig.load_translation",
        "the line under the message box says an LLM speaks, which is false offline (app/ui/footer.py)",
        lambda: ChainlitConfig.load_translation,
        lambda: _parameters(ChainlitConfig.load_translation) == ["self", "language"],
    ),
    Patch(
        "no blocking sleep",
        "chainlit.message.time, chainlit.step.time",
        "Message and Step call time.sleep(0.001), blocking every chat on the server (app/ui/no_sleep.py)",
        lambda: tuple(importlib.import_module(name).time for name in ("chainlit.message", "chainlit.step")),
        lambda: _sleeps("chainlit.message") and _sleeps("chainlit.step"),
    ),
    Patch(
        "reconnect storm",
        "chainlit.session.WebsocketSession.get_config",
        "nested event loops per connect crash the server when many tabs reconnect at once (app/ui/profiles.py)",
        lambda: WebsocketSession.get_config,
        lambda: _parameters(WebsocketSession.get_config) == ["self"],
    ),
    Patch(
        "live logins",
        "chainlit.auth.authenticate_user",
        "a login ended on any server (logout, new password) must end on every server (app/ui/logins.py)",
        lambda: chainlit.auth.authenticate_user,
        lambda: _parameters(chainlit.auth.authenticate_user) == ["token"],
    ),
    Patch(
        "socket guards",
        "chainlit.server.sio handlers: " + ", ".join(GUARDED_EVENTS),
        "edits switched off, logins checked per message, half-open sessions resumed, a chat's start sent again "
        "to a page that reconnected, work known to the drain (app/ui/sockets.py)",
        _socket_handlers,
        lambda: all(_socket_handlers()),
    ),
    Patch(
        "routes first",
        "chainlit.server.app.router.routes (order)",
        "Chainlit's catch-all page route and unguarded feedback/action routes would answer before Rapport's "
        "(app/ui/routes.py)",
        _first_route,
        _catch_all_route,
    ),
)


_installed = False


def install() -> None:
    """Put every patch in place, once per process (Chainlit's server is one per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    offline.install()
    footer.install(lambda: current().practice.services.settings.llm_provider)
    no_sleep.install()
    install_storm_fix(lambda: chat_profiles(current().practice.personas()))
    sockets.install()
    logins.install()
    routes.install(
        gradebook.router,
        run_pages.router,
        progress.install(),
        cohort_view.router,
        lti_routes.router,
        follow_ups.router,
    )
