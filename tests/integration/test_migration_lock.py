"""Migrations run once, not once per process: on PostgreSQL a server that starts while another migrates waits
for it (an advisory lock around the upgrade), then finds the schema at head and goes on."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy import create_engine, inspect

from app.store.migrate import MIGRATION_LOCK, current_revision, head_revision
from app.store.urls import sync_url
from tests.support.cli import RAPPORT
from tests.support.databases import _throwaway_postgres

WAIT = 60.0  # seconds before a wait for a condition gives up


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not hold in time")
        time.sleep(0.05)


def _psycopg(url: str) -> str:
    return sync_url(url).replace("postgresql+psycopg://", "postgresql://")


def _upgrading(url: str) -> subprocess.Popen[str]:
    """`rapport db upgrade` in a process of its own (as a starting server migrates), on `url`."""
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(
        [RAPPORT, "db", "upgrade"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=WAIT)
    return process.returncode, output


def _waiting_for_lock(url: str) -> bool:
    with psycopg.connect(_psycopg(url)) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
    return bool(row and row[0])


def test_a_server_starting_during_a_migration_waits_for_it_then_goes_on() -> None:
    with _throwaway_postgres() as url:
        # Another process is migrating: it holds the lock.
        with psycopg.connect(_psycopg(url), autocommit=True) as other:
            other.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            waiting = _upgrading(url)
            _until(lambda: _waiting_for_lock(url))
            # It waits, having changed nothing.
            assert waiting.poll() is None and current_revision(url) is None
            other.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
            assert _finished(waiting) == (0, f"database at revision {head_revision()}\n")
        assert current_revision(url) == head_revision()


@pytest.mark.parametrize("starting", [2, 4])
def test_servers_starting_together_migrate_once(starting: int) -> None:
    with _throwaway_postgres() as url:
        processes = [_upgrading(url) for _ in range(starting)]
        # Without the lock the losers fail (tables already exist, or a duplicate alembic_version row).
        assert [_finished(process)[0] for process in processes] == [0] * starting
        assert current_revision(url) == head_revision()
        engine = create_engine(sync_url(url))
        try:
            with engine.connect() as connection:
                versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
                assert [v for (v,) in versions] == [head_revision()]
                assert "runs" in inspect(connection).get_table_names()
        finally:
            engine.dispose()
