"""What the handlers work with, built once per process (or installed by a test)."""

from __future__ import annotations

from dataclasses import dataclass

from app.bootstrap import bootstrap
from app.config import Settings
from app.practice.grading import default_grader
from app.practice.service import Practice
from app.store.db import Database
from app.store.urls import database_url
from app.voice.process import VoiceProcess


@dataclass
class AppState:
    practice: Practice
    db: Database

    async def open(self) -> None:
        """Start what the first learner would otherwise wait for: the voice process, when there is one."""
        if isinstance(voice := self.practice.services.voice, VoiceProcess):
            await voice.start()

    async def close(self) -> None:
        if isinstance(voice := self.practice.services.voice, VoiceProcess):
            await voice.aclose()
        await self.practice.claims.close()
        await self.db.dispose()


_current: AppState | None = None


def build(settings: Settings | None = None) -> AppState:
    settings = settings or Settings()
    services = bootstrap(settings, serving=True)
    db = Database(database_url(settings))
    return AppState(practice=Practice(services, db, default_grader(services)), db=db)


def install(state: AppState | None) -> None:
    global _current
    _current = state


def current() -> AppState:
    global _current
    if _current is None:
        _current = build()
    return _current
