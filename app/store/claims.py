"""Which process is voicing a run's turn right now: a claim on the run, held from before the learner's words
are stored until the reply is, so that a turn is answered once even with several servers.

Why: a learner's tab can reach another server while the first is still answering (a dropped socket, a
balancer that gave up on a slow process), and a resumed chat finishes a turn a dead server cut off. Without a
claim both servers would voice the same turn. The one that cannot claim the run waits for the other's reply
instead (`Practice.finish`), or tells the tab that the session is being answered elsewhere.

On PostgreSQL a claim is a session-level advisory lock, taken on one connection this process keeps while it
holds any: when the process dies, however it dies, PostgreSQL ends the connection and the claims with it, so
a crashed server's turns are claimable at once (no lease to wait out). On SQLite there is one server process
(app/store/single_server.py), so a set in memory is the whole truth."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection

from app.store.db import Database
from app.store.urls import is_sqlite

log = logging.getLogger(__name__)

_TRY = text("SELECT pg_try_advisory_lock(:key)")
_UNLOCK = text("SELECT pg_advisory_unlock(:key)")


def lock_key(run_id: str) -> int:
    """The advisory lock's number for a run (64 bits of its id's hash, signed as PostgreSQL's bigint)."""
    return int.from_bytes(hashlib.sha256(f"rapport-run:{run_id}".encode()).digest()[:8], "big", signed=True)


class RunClaims:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._shared = not is_sqlite(db.url)  # other processes may serve the same database
        self._held: set[str] = set()
        self._connection: AsyncConnection | None = None
        self._guard = asyncio.Lock()  # one statement at a time on the claims' connection

    def held(self, run_id: str) -> bool:
        return run_id in self._held

    async def claim(self, run_id: str) -> bool:
        """Claim the run for this process; False when a chat of this process or another process has it."""
        if run_id in self._held:
            return False
        self._held.add(run_id)  # before any await: two chats of this process cannot both get it
        try:
            claimed = await self._lock(run_id) if self._shared else True
        except BaseException:
            self._held.discard(run_id)
            raise
        if not claimed:
            self._held.discard(run_id)
        return claimed

    async def release(self, run_id: str) -> None:
        if run_id not in self._held:
            return
        self._held.discard(run_id)
        if self._shared:
            await self._unlock(run_id)

    @asynccontextmanager
    async def holding(self, run_id: str) -> AsyncIterator[bool]:
        """Whether the run could be claimed; released on the way out (when it was)."""
        claimed = await self.claim(run_id)
        try:
            yield claimed
        finally:
            if claimed:
                await self.release(run_id)

    async def _lock(self, run_id: str) -> bool:
        async with self._guard:
            for attempt in (1, 2):
                try:
                    connection = await self._connect()
                    return bool((await connection.execute(_TRY, {"key": lock_key(run_id)})).scalar())
                except DBAPIError:
                    # The connection broke (PostgreSQL restarted): every claim on it ended with it. Take a new
                    # one and claim again what this process still voices, then this run.
                    await self._drop()
                    if attempt == 2:
                        raise
                    log.warning("Run claims' connection lost; claiming %d runs again", len(self._held) - 1)
                    connection = await self._connect()
                    for other in self._held - {run_id}:
                        await connection.execute(_TRY, {"key": lock_key(other)})
            raise AssertionError("unreachable")

    async def _unlock(self, run_id: str) -> None:
        async with self._guard:
            if self._connection is None:
                return
            try:
                await self._connection.execute(_UNLOCK, {"key": lock_key(run_id)})
            except DBAPIError:
                await self._drop()  # gone with the connection anyway
                return
            if not self._held:
                await self._drop()  # back to the pool, holding nothing

    async def _connect(self) -> AsyncConnection:
        if self._connection is None:
            # Autocommit: a claim outlives transactions, and the connection never sits idle in one.
            engine = self.db.engine.execution_options(isolation_level="AUTOCOMMIT")
            self._connection = await engine.connect()
        return self._connection

    async def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                await connection.close()
            except DBAPIError:
                await connection.invalidate()

    async def close(self) -> None:
        """Let go of every claim (a server stopping)."""
        self._held.clear()
        async with self._guard:
            await self._drop()
