"""One `rapport serve` per SQLite database. SQLite is the single-process default: its writes go through one
writer thread of one process (app/store/db.py), and the chats' in-process guards assume every tab of a run is
in that process. A second server on the same file is refused, pointing at PostgreSQL.

The guard is an exclusive lock (flock) on a file beside the database, held for the server's life: the kernel
lets go of it when the process ends however it ends, so a crashed server never blocks a restart. Only `serve`
takes it; the CLI's commands (`rapport users add`, ...) go on working while a server runs."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from app.store.private import FILE_MODE, private_folder
from app.store.urls import is_sqlite, sync_url

_held: list[IO[str]] = []  # the open lock files of this process (kept open: closing one lets go)


class AnotherServer(RuntimeError):
    """Another server already serves this SQLite database: `str(error)` says so, and what to do instead."""


def lock_path(url: str) -> Path | None:
    """The lock file of a SQLite database (None for PostgreSQL or an in-memory database)."""
    if not is_sqlite(url):
        return None
    database = sync_url(url).removeprefix("sqlite:///")
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).with_name(Path(database).name + ".server-lock")


def hold_for_this_server(url: str) -> None:
    """Claim the SQLite database for this process until it ends; AnotherServer when another server has it."""
    path = lock_path(url)
    if path is None:
        return
    private_folder(path.parent)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    handle = os.fdopen(descriptor, "r+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = handle.read().strip() or "unknown"
        handle.close()
        database = path.with_name(path.name.removesuffix(".server-lock"))
        raise AnotherServer(
            f"another rapport serve (pid {holder}) is already serving the SQLite database {database}. SQLite "
            "is for one server process; to run several servers, put them on PostgreSQL (set DATABASE_URL="
            "postgresql://user@host:5432/dbname on every server; see docs/deploy-state.md), or stop the "
            "other server first"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _held.append(handle)


def release_all() -> None:
    """Let go of this process's locks (for tests that serve in-process; a server simply ends)."""
    while _held:
        _held.pop().close()
