"""Personas as Chainlit chat profiles, and the fix for Chainlit's reconnect-storm crash.

Chainlit builds each new socket session's config by running the async `set_chat_profiles` callback with
`loop.run_until_complete` inside the running loop (made re-entrant by nest_asyncio). When many tabs connect at
once (every open tab after a restart), each nested run picks up the next connect, which nests again: hundreds
of connects hit RecursionError, half the learners are dropped and the server can die. Rapport's profiles are
known without awaiting anything, so the session's config is computed synchronously instead: no nested loop."""

from __future__ import annotations

from typing import Any

import chainlit as cl
from chainlit.config import config as global_config
from chainlit.session import WebsocketSession

from app.domain.persona import Persona
from app.practice.markup import escape


def chat_profiles(personas: list[Persona], default: str | None = None) -> list[cl.ChatProfile]:
    """One profile per persona; the page starts with `default` (a persona id), else the first."""
    chosen = default if any(p.id == default for p in personas) else personas[0].id if personas else None
    return [
        cl.ChatProfile(
            name=persona.name, markdown_description=escape(persona.role), default=persona.id == chosen
        )
        for persona in personas
    ]


def persona_for(personas: list[Persona], profile: str | None) -> Persona:
    """The persona a chat profile names; the first one when none is chosen (as the UI does)."""
    return next((p for p in personas if p.name == profile), personas[0])


def _session_config(self: WebsocketSession, profiles: Any) -> Any:
    if getattr(self, "config", None):
        return self.config
    cfg = global_config
    chosen = next((p for p in profiles() if p.name == self.chat_profile), None)
    if chosen is not None and getattr(chosen, "config_overrides", None):
        cfg = global_config.with_overrides(chosen.config_overrides)
    return cfg


def install_storm_fix(profiles: Any) -> None:
    """Replace WebsocketSession.get_config with one that reads `profiles()` (a plain function) directly."""

    def get_config(self: WebsocketSession) -> Any:
        return _session_config(self, profiles)

    WebsocketSession.get_config = get_config  # type: ignore[method-assign]
