"""Chainlit's chat history (threads, steps) in Rapport's database, through Rapport's engine.

Chainlit's SQLAlchemyDataLayer writes raw SQL. Two fixes: it binds Python lists (thread tags) and dicts as
parameters, which SQLite cannot store (the thread then loses its owner and cannot be listed or resumed), so
lists and dicts are stored as JSON text on every database; and JSON read back as text is parsed again."""

from __future__ import annotations

import json
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.types import ThreadDict

from app.store.db import Database
from app.store.urls import async_url


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
        # One pool and one set of SQLite pragmas (WAL, busy timeout, IMMEDIATE) for the app and Chainlit.
        self.engine = db.engine
        self.async_session = db.sessions

    async def execute_sql(self, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]] | int | None:
        encoded = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in parameters.items()}
        return await super().execute_sql(query, encoded)

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
