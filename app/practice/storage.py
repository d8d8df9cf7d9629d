"""The practice store for one piece of work outside a server (a CLI command): brought to the current schema,
opened, used, closed. The server keeps one store open for its whole life instead (app/ui)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.config import Settings
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.urls import database_url

T = TypeVar("T")

__all__ = ["Database", "with_db"]  # Database: the handle the service functions take


def with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    """Run `work` on the configured database (DATABASE_URL, or SQLite in the data folder)."""
    url = database_url(Settings())
    upgrade(url)

    async def run() -> T:
        db = Database(url)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())
