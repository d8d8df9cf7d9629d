"""The practice app's database for a CLI command: migrated first, opened for one piece of work, closed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.config import Settings
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.urls import database_url

T = TypeVar("T")


def with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    url = database_url(Settings())
    upgrade(url)

    async def run() -> T:
        db = Database(url)
        try:
            return await work(db)
        finally:
            await db.dispose()

    return asyncio.run(run())
