"""The engines shared by Rapport's store and Chainlit's data layer: one pool, one set of pragmas.

Three ways in:
- `reads()`: sessions for reading. On SQLite they start a plain (deferred) transaction, so readers never
  take the write lock: in WAL mode they run alongside the writer and each other.
- `write(fn)`: runs `fn(session)` in one transaction and commits. On SQLite every such write runs on one
  connection in one thread, whole: the write lock is held only for the SQLite work itself, never across
  event-loop turns, and writers queue instead of sleeping in SQLite's busy handler (which, under load, left
  the lock free while 16 pooled connections waited out their back-off). Writes nobody is waiting on
  (`background=True`: Chainlit's chat history) go after the others, so a turn's own writes never queue
  behind them. On PostgreSQL it runs on an ordinary async session (`run_sync`).
- `sessions()`: async sessions for anything else, reads and writes. On SQLite they take the write lock at
  BEGIN (IMMEDIATE), so prefer `reads()` and `write()` on any path that runs per turn or per login.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import itertools
import queue
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from app.store.urls import async_url, is_sqlite, sync_url

T = TypeVar("T")

READ_ONLY = "rapport_read_only"  # execution option of the engine behind `reads()`


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes writers from other processes (the
    # CLI) queue instead of failing with "database is locked". The driver's own BEGIN is switched off: see
    # _sqlite_begin.
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
    # so concurrent writers queue instead. A read-only session needs no lock: a deferred BEGIN just pins
    # its snapshot.
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_pragmas(engine: Engine) -> None:
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self._writer: _SQLiteWriter | None = None
        if is_sqlite(url):
            self.engine: AsyncEngine = create_async_engine(
                async_url(url), connect_args={"timeout": 30}, pool_size=8, max_overflow=8
            )
            _sqlite_pragmas(self.engine.sync_engine)
            self._writer = _SQLiteWriter(url)
        else:
            self.engine = create_async_engine(
                async_url(url), pool_size=10, max_overflow=20, pool_pre_ping=True
            )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, class_=AsyncSession)
        self.reads = async_sessionmaker(
            self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False, class_=AsyncSession
        )

    async def write(self, fn: Callable[[Session], T], *, background: bool = False) -> T:
        """`fn(session)` in one transaction, committed; its result (plain data: the session is closed after).
        On SQLite `fn` runs in the writer's thread, so it must not touch the event loop; `background` writes
        wait until no other write is queued."""
        if self._writer is not None:
            return await self._writer.run(fn, background)
        async with self.sessions() as session, session.begin():
            return await session.run_sync(fn)

    async def dispose(self) -> None:
        if self._writer is not None:
            self._writer.close()
        await self.engine.dispose()


class _SQLiteWriter:
    """One connection in one thread for every `Database.write`: the thread runs them one at a time, each in a
    single hop from the event loop; first come first served, except that background writes go last."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._jobs: queue.PriorityQueue[tuple[int, int, _Job[Any] | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    async def run(self, fn: Callable[[Session], T], background: bool) -> T:
        job = _Job(fn, asyncio.get_running_loop())
        if self._thread is None or not self._thread.is_alive():
            self._start()
        self._jobs.put((1 if background else 0, next(self._order), job))
        return await job.done

    def _start(self) -> None:
        # Started on first use: a Database that only reads never starts it. Daemon, so that a process that
        # never disposes its Database can still exit; the queued writes are then finished at exit.
        engine = create_engine(
            sync_url(self._url), connect_args={"timeout": 30, "check_same_thread": False}, pool_size=1
        )
        _sqlite_pragmas(engine)
        self._thread = threading.Thread(target=self._work, args=(engine,), name="sqlite-writer", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    def _work(self, engine: Engine) -> None:
        sessions = sessionmaker(engine, expire_on_commit=False)
        try:
            while (job := self._jobs.get()[2]) is not None:
                job.run(sessions)
        finally:
            engine.dispose()

    def close(self) -> None:
        """Finish the queued writes and stop the thread."""
        if self._thread is not None:
            atexit.unregister(self.close)
            self._jobs.put((2, next(self._order), None))  # after every queued write
            self._thread.join()
            self._thread = None


class _Job(Generic[T]):
    def __init__(self, fn: Callable[[Session], T], loop: asyncio.AbstractEventLoop) -> None:
        self.fn = fn
        self.loop = loop
        self.done: asyncio.Future[T] = loop.create_future()

    def run(self, sessions: sessionmaker[Session]) -> None:
        try:
            with sessions() as session, session.begin():
                result = self.fn(session)
        except BaseException as error:  # delivered to the awaiting coroutine, which raises it
            self._tell(self._fail, error)
        else:
            self._tell(self._succeed, result)

    def _tell(self, settle: Callable[[Any], None], outcome: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is closed (shutting down): nobody is waiting now
            self.loop.call_soon_threadsafe(settle, outcome)

    # The caller may have stopped waiting (cancelled); the write itself happened, or failed, anyway.
    def _succeed(self, result: T) -> None:
        if not self.done.cancelled():
            self.done.set_result(result)

    def _fail(self, error: BaseException) -> None:
        if not self.done.cancelled():
            self.done.set_exception(error)
