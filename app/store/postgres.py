"""The PostgreSQL server beneath a database: the database a URL names, made when it is not there yet
(`rapport cluster up` on a fresh machine; the schema is then migrate.py's business)."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url

from app.store.urls import sync_url


class DatabaseUnreachable(RuntimeError):
    """The PostgreSQL server could not be reached or refused: `str(error)` is what it said."""


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database named in `url` when it does not exist yet; True if it was made."""
    parsed = make_url(sync_url(url))
    name = parsed.database
    server = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                return False
            connection.execute(f'CREATE DATABASE "{name}"')
            return True
    except (psycopg.Error, OSError) as error:
        # The driver's own words, under a name that callers outside the store can catch.
        raise DatabaseUnreachable(str(error)) from error
