"""What a practice server stands on, made ready before it starts: its data folder (its owner's only), its
database (made on the PostgreSQL server when missing, brought to the current schema, held by one server when it
is SQLite), the secret that signs logins, and on the very first start an instructor account. `rapport serve`
and `rapport cluster up` call these, so that neither reaches into the store itself."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from app.config import Settings
from app.store.accounts import Role, add_account, list_accounts
from app.store.db import Database
from app.store.migrate import upgrade
from app.store.postgres import DatabaseUnreachable, ensure_database
from app.store.private import FILE_MODE, private_folder
from app.store.single_server import AnotherServer, hold_for_this_server
from app.store.urls import database_url, is_sqlite

__all__ = [
    "FIRST_INSTRUCTOR",
    "AnotherServer",
    "DatabaseUnreachable",
    "auth_secret",
    "database_url",
    "ensure_database",
    "first_instructor",
    "hold_for_this_server",
    "is_sqlite",
    "prepare_data_folder_and_database",
    "private_folder",
    "upgrade",
]

FIRST_INSTRUCTOR = "instructor"


def prepare_data_folder_and_database(settings: Settings) -> Path:
    """The data folder, private, and the configured database at the current schema; the folder is returned."""
    data_dir = Path(settings.data_dir)
    private_folder(data_dir)
    upgrade(database_url(settings))
    return data_dir


def _write_once(path: Path, text: str) -> None:
    """`path` with `text`, unless it exists; whole or not at all, even with servers starting together on one
    data folder (a half-written secret read by another server would sign its logins with another key)."""
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
    try:
        os.link(draft, path)  # fails if another server made it first: theirs is kept
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def auth_secret(data_dir: Path) -> str:
    """The secret that signs login tokens: generated on first start and kept, so logins survive restarts."""
    path = data_dir / "auth_secret"
    if not path.exists():
        _write_once(path, secrets.token_urlsafe(48))
    return path.read_text().strip()


async def first_instructor(url: str) -> str | None:
    """On the very first start (no accounts at all): an instructor account with a generated password, which is
    returned to be shown once. Nothing is made, and None returned, once any account exists."""
    db = Database(url)
    try:
        if await list_accounts(db):
            return None
        password = secrets.token_urlsafe(12)
        await add_account(db, FIRST_INSTRUCTOR, password, Role.INSTRUCTOR)
        return password
    finally:
        await db.dispose()
