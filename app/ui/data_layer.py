"""Chainlit's chat history (threads, steps) in Rapport's database, through Rapport's engine.

Chainlit's SQLAlchemyDataLayer writes raw SQL. Two fixes: it binds Python lists (thread tags) and dicts as
parameters, which SQLite cannot store (the thread then loses its owner and cannot be listed or resumed), so
lists and dicts are stored as JSON text on every database; and JSON read back as text is parsed again.

And three for load: its reads go through the store's `reads()` (on SQLite they never take the write lock); its
writes, which nobody waits for (Chainlit saves steps in tasks of their own), are gathered and made together as
one background write, so that they never hold up a turn's own writes; and it no longer asks the database
whether a chat's thread exists before every step it saves (about ten statements a turn become five).

And one for ownership: its upserts of steps, elements and feedback overwrite whatever row has the id they are
given, so a message sent with another user's message id moved that row into the sender's thread and replaced
its text. Every such upsert now updates an existing row only when it is in the same thread: a row never moves
between threads, and one user's writes never touch another's rows (the threads are the session's own)."""

from __future__ import annotations

import asyncio
import json
import logging
import re
from functools import lru_cache, partial
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.types import ThreadDict
from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.runs import run_for_thread
from app.store.urls import async_url

log = logging.getLogger(__name__)

Rows = list[dict[str, Any]] | int

# Threads seen in the database; forgotten wholesale when this many (a thread costs a step's SELECT at most).
KNOWN_THREADS = 50_000
# Updates of one thread take turns on one of this many locks (by the thread's id): few enough to keep, enough
# that chats rarely wait for each other.
THREAD_LOCKS = 64


# Chainlit's upsert of a row that belongs to a thread: `INSERT INTO <table> (...) VALUES (...) ON CONFLICT (id)
# DO UPDATE SET ...;`
_THREADED_UPSERT = re.compile(
    r"^\s*INSERT INTO (?P<table>steps|elements|feedbacks)\b.*ON CONFLICT \(\"?id\"?\) DO UPDATE\s+SET\s.*?(?=;?\s*$)",
    re.DOTALL,
)


def owned(query: str) -> str:
    """The query, with an upsert of a thread's row made to update only a row of the same thread."""
    found = _THREADED_UPSERT.match(query)
    if found is None:
        return query
    table = found["table"]
    return f'{found.group(0)} WHERE {table}."threadId" = EXCLUDED."threadId";'


def is_threaded_upsert(query: str) -> bool:
    return _THREADED_UPSERT.match(query) is not None


@lru_cache(maxsize=512)
def _statement(query: str) -> TextClause:
    # Chainlit builds only a few distinct statements but parses its SQL anew on every call (seen in py-spy).
    return text(owned(query))


def _run(session: Session, statement: TextClause, parameters: dict[str, Any]) -> Rows:
    result = session.connection().execute(statement, parameters)
    return [dict(row._mapping) for row in result] if result.returns_rows else result.rowcount


def _run_all(statements: list[tuple[TextClause, dict[str, Any]]], session: Session) -> list[Rows]:
    return [_run(session, statement, parameters) for statement, parameters in statements]


def _loads(value: Any, default: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return default
    return default if value is None else value


class RapportDataLayer(SQLAlchemyDataLayer):
    def __init__(self, db: Database) -> None:
        super().__init__(conninfo=async_url(db.url))
        # Rapport's engine and pragmas for Chainlit too (the engine its __init__ made stays unused).
        self.engine = db.engine
        self.async_session = db.sessions
        self.db = db
        self._threads: set[str] = set()
        self._failures = 0
        self._queued: list[tuple[TextClause, dict[str, Any], asyncio.Future[Rows]]] = []
        self._flushing: asyncio.Task[None] | None = None
        self._thread_locks = [asyncio.Lock() for _ in range(THREAD_LOCKS)]

    async def execute_sql(self, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]] | int | None:
        """As Chainlit's (rows, or the row count; None after logging an error), on the store's reads/writes."""
        statement = _statement(query)
        encoded = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in parameters.items()}
        try:
            if query.lstrip()[:6].upper() == "SELECT":
                async with self.db.reads() as session:
                    rows: Rows = await session.run_sync(_run, statement, encoded)
            else:
                rows = await self._write(statement, encoded)
                if rows == 0 and is_threaded_upsert(query):
                    log.warning("Refused a write to %s: the id is another thread's", query.split()[2])
        except Exception as error:  # Chainlit's own behaviour: a failed statement is logged, not raised
            self._failures += 1
            log.warning("Chainlit data layer statement failed: %s", error)
            return None
        cleaned: Rows = self.clean_result(rows)
        return cleaned

    async def _write(self, statement: TextClause, parameters: dict[str, Any]) -> Rows:
        done: asyncio.Future[Rows] = asyncio.get_running_loop().create_future()
        self._queued.append((statement, parameters, done))
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush())
        return await done

    async def _flush(self) -> None:
        """What is queued, in order, as one background write; what is queued meanwhile goes in the next."""
        while self._queued:
            batch, self._queued = self._queued, []
            statements = [(statement, parameters) for statement, parameters, _ in batch]
            try:
                outcomes: list[Rows | Exception] = list(
                    await self.db.write(partial(_run_all, statements), background=True)
                )
            except Exception:  # one statement failed and took the batch with it: each again alone
                outcomes = [await self._alone(statement, parameters) for statement, parameters in statements]
            for (_, _, done), outcome in zip(batch, outcomes, strict=True):
                if done.cancelled():
                    continue
                if isinstance(outcome, Exception):
                    done.set_exception(outcome)
                else:
                    done.set_result(outcome)

    async def _alone(self, statement: TextClause, parameters: dict[str, Any]) -> Rows | Exception:
        try:
            return await self.db.write(lambda session: _run(session, statement, parameters), background=True)
        except Exception as error:
            return error

    async def update_thread(
        self,
        thread_id: str,
        name: str | None = None,
        user_id: str | None = None,
        metadata: dict[str, Any] | None = None,
        tags: list[str] | None = None,
    ) -> None:
        # Chainlit calls this with no changes before every step it saves, only to insert the thread if it is
        # missing: one SELECT per step. A thread this process has seen saved needs no check.
        if thread_id in self._threads and (name, user_id, metadata, tags) == (None, None, None, None):
            return
        failures = self._failures
        # Chainlit reads the thread's metadata, merges and writes it back: two updates of one thread at once
        # (its first save, begun with the first message, and the chat's settings) lost one another's keys.
        async with self._thread_locks[hash(thread_id) % THREAD_LOCKS]:
            await super().update_thread(thread_id, name=name, user_id=user_id, metadata=metadata, tags=tags)
        if self._failures == failures:  # remembered only once saved (statements fail quietly)
            if len(self._threads) >= KNOWN_THREADS:
                self._threads.clear()
            self._threads.add(thread_id)

    async def get_thread(self, thread_id: str) -> ThreadDict | None:
        thread = await super().get_thread(thread_id)
        if thread is None and await self._rebuilt(thread_id):
            thread = await super().get_thread(thread_id)
        return thread

    async def _rebuilt(self, thread_id: str) -> bool:
        """Chainlit's thread row made again from the run of its chat, when its server died before its background
        write landed: without it the chat could not be resumed on another server. Its owner is the run's."""
        run = await run_for_thread(self.db, thread_id)
        user = await self.get_user(run.owner) if run is not None else None
        if run is None or user is None:
            return False
        log.warning("Chat history of run %s was missing its thread: made again from the run", run.id)
        await self.update_thread(thread_id, name=run.persona_name, user_id=user.id)
        return True

    async def delete_thread(self, thread_id: str) -> None:
        self._threads.discard(thread_id)
        await super().delete_thread(thread_id)

    async def get_all_user_threads(
        self, user_id: str | None = None, thread_id: str | None = None
    ) -> list[ThreadDict] | None:
        threads = await super().get_all_user_threads(user_id=user_id, thread_id=thread_id)
        for thread in threads or []:
            thread["metadata"] = _loads(thread.get("metadata"), {})
            thread["tags"] = _loads(thread.get("tags"), None)
            for step in thread["steps"]:
                step["metadata"] = _loads(step.get("metadata"), {})
                step["tags"] = _loads(step.get("tags"), None)
                step["generation"] = _loads(step.get("generation"), None)
        return threads
