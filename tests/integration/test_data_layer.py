"""Chainlit's chat history through Rapport's data layer: updates of one thread made at once keep each other's
changes (Chainlit's own first save of a thread runs in a task of its own, beside the chat's settings)."""

import asyncio
import json
import uuid

from app.store.db import Database
from app.ui.data_layer import RapportDataLayer

THREAD = str(uuid.uuid4())
SETTINGS = {"chat_settings": {"show_trust": True}}


async def test_two_updates_of_one_thread_at_once_keep_each_others_changes(database_url: str) -> None:
    db = Database(database_url)
    try:
        layer = RapportDataLayer(db)
        await asyncio.gather(
            layer.update_thread(THREAD, name="First words"),
            layer.update_thread(THREAD, metadata=SETTINGS),
            layer.update_thread(THREAD, name="First words", tags=["Priya Raman"]),
        )
        rows = await layer.execute_sql(
            'SELECT "name", "metadata" FROM threads WHERE "id" = :id', {"id": THREAD}
        )
        assert isinstance(rows, list) and len(rows) == 1
        assert rows[0]["name"] == "First words"
        metadata = rows[0]["metadata"]
        assert (json.loads(metadata) if isinstance(metadata, str) else metadata) == SETTINGS
    finally:
        await db.dispose()
