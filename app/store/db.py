"""The async engine shared by Rapport's store and Chainlit's data layer (one pool, one set of pragmas)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from app.store.urls import async_url, is_sqlite


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes concurrent writers queue
    # instead of failing with "database is locked". The driver's own BEGIN is switched off: see _sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A deferred transaction that reads and then writes fails at once (SQLITE_BUSY_SNAPSHOT) when another
    # connection wrote in between; the busy timeout does not apply. IMMEDIATE takes the write lock up front,
    # so concurrent transactions queue instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        if is_sqlite(url):
            self.engine: AsyncEngine = create_async_engine(
                async_url(url), connect_args={"timeout": 30}, pool_size=8, max_overflow=8
            )
            event.listen(self.engine.sync_engine, "connect", _sqlite_connect)
            event.listen(self.engine.sync_engine, "begin", _sqlite_begin)
        else:
            self.engine = create_async_engine(
                async_url(url), pool_size=10, max_overflow=20, pool_pre_ping=True
            )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, class_=AsyncSession)

    async def dispose(self) -> None:
        await self.engine.dispose()
