"""Database fixtures: a fresh SQLite file, and a throw-away PostgreSQL database when the server is there."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import pytest_asyncio

from app.store.db import Database
from app.store.migrate import upgrade

PG_SERVER = "host=127.0.0.1 port=5432 dbname=postgres connect_timeout=3"
PG_USERS = ("root", "postgres")


def _pg_user() -> str | None:
    for user in PG_USERS:
        try:
            with psycopg.connect(f"{PG_SERVER} user={user}") as connection:
                connection.execute("SELECT 1")
                return user
        except psycopg.Error:
            continue
    return None


@contextmanager
def _throwaway_postgres() -> Iterator[str]:
    user = _pg_user()
    if user is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432 (as root or postgres)")
    name = f"rapport_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{PG_SERVER} user={user}", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://{user}@127.0.0.1:5432/{name}"
    with psycopg.connect(f"{PG_SERVER} user={user}", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database created for this test session and dropped after it."""
    with _throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="module")
def module_postgres_url() -> Iterator[str]:
    """A database of the test module's own (its accounts' names cannot clash with other modules')."""
    with _throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def migrated_postgres(postgres_url: str) -> str:
    upgrade(postgres_url)
    return postgres_url


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database migrated to head, made once per test process; tests take copies of it
    (`copy_of`), which is the same database without running every migration again."""
    path = tmp_path_factory.mktemp("migrated") / "rapport.db"
    upgrade(f"sqlite:///{path}")
    return path


def copy_of(database: Path, path: Path) -> str:
    """The URL of a copy of the SQLite file `database` at `path`."""
    shutil.copyfile(database, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> str:
    """Each store test runs on both databases, each migrated to head."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("migrated_postgres")
        return url
    return copy_of(migrated_sqlite, tmp_path / "rapport.db")


@pytest_asyncio.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()
