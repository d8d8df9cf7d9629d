"""Schema migrations as code: `upgrade(url)` brings any database to the current schema."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool

from app.store.private import private_file
from app.store.urls import sqlite_path, sync_url

MIGRATIONS = Path(__file__).parent / "migrations"
# The PostgreSQL advisory lock (any fixed number) under which one process at a time migrates (migrations/env.py).
MIGRATION_LOCK = 7_265_773_100


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's config is an .ini parser: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", sync_url(url).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    if (path := sqlite_path(url)) is not None:
        private_file(path)
    command.upgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()
