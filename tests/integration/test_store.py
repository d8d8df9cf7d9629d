"""The store on SQLite and PostgreSQL: migrations, accounts, runs as turn trees, grades."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import StatementError

from app.store.accounts import AccountError, AccountView, Role, add_account, authenticate, list_accounts
from app.store.columns import EnumString, from_row
from app.store.db import Database
from app.store.migrate import current_revision, head_revision, upgrade
from app.store.runs import (
    StoreConflict,
    add_grade,
    add_pending_turn,
    all_turns,
    branch,
    complete_turn,
    create_run,
    get_run,
    grades_of,
    rewind,
    run_for_thread,
)
from app.store.schema import Account, RunStatus, TurnStatus, metadata
from app.store.urls import async_url, sqlite_path, sync_url
from tests.support.grading import played
from tests.support.names import unique


def test_urls_pick_the_drivers() -> None:
    assert sync_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert async_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert async_url("sqlite:////tmp/x.db") == "sqlite+aiosqlite:////tmp/x.db"
    with pytest.raises(ValueError, match="unsupported"):
        sync_url("mysql://u@h/db")
    with pytest.raises(ValueError, match="not a database URL"):
        sync_url("rapport.db")


def test_urls_keep_what_the_admin_wrote() -> None:
    # A quoted @ in the password, a port and query options survive the change of driver.
    url = "postgresql://coach:p%40ss@db.example:6543/rapport?sslmode=require"
    assert async_url(url) == "postgresql+psycopg://coach:p%40ss@db.example:6543/rapport?sslmode=require"
    assert sqlite_path("sqlite:////srv/rapport/data/rapport.db") == Path("/srv/rapport/data/rapport.db")
    assert sqlite_path(url) is None
    assert sqlite_path("sqlite://") is None


def test_migrations_create_exactly_the_models(database_url: str) -> None:
    assert current_revision(database_url) == head_revision()
    engine = create_engine(sync_url(database_url))
    try:
        inspector = inspect(engine)
        for table in metadata.sorted_tables:
            columns = {column["name"] for column in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'r.db'}"
    upgrade(url)
    upgrade(url)
    assert current_revision(url) == head_revision()


async def test_accounts_hash_passwords_and_check_them(db: Database) -> None:
    teacher = unique("teach")
    learner = unique("learn")
    await add_account(db, teacher, "correct horse", Role.INSTRUCTOR)
    made = await add_account(db, learner, "battery staple", Role.LEARNER, instructor=teacher)
    assert made.instructor == teacher
    assert await authenticate(db, learner, "battery staple") == made
    assert await authenticate(db, learner, "wrong password") is None
    assert await authenticate(db, unique("nobody"), "battery staple") is None
    names = {account.name: account for account in await list_accounts(db)}
    assert names[learner].role is Role.LEARNER and names[teacher].role is Role.INSTRUCTOR
    async with db.sessions() as session:
        from sqlalchemy import text

        stored = (await session.execute(text("SELECT password_hash FROM accounts"))).scalars().all()
    assert all(value.startswith("$argon2id$") for value in stored)
    assert "battery staple" not in " ".join(stored)


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [("x", "long enough", "2-64"), ("a b", "long enough", "2-64"), ("<script>", "long enough", "2-64")],
)
async def test_accounts_refuse_bad_names(db: Database, name: str, password: str, message: str) -> None:
    with pytest.raises(AccountError, match=message):
        await add_account(db, name, password, Role.LEARNER)


async def test_accounts_refuse_duplicates_short_passwords_and_unknown_instructors(db: Database) -> None:
    name = unique("dup")
    await add_account(db, name, "long enough", Role.LEARNER)
    with pytest.raises(AccountError, match="already exists"):
        await add_account(db, name, "long enough", Role.LEARNER)
    with pytest.raises(AccountError, match="at least 8"):
        await add_account(db, unique("short"), "short", Role.LEARNER)
    with pytest.raises(AccountError, match="no instructor"):
        await add_account(db, unique("orphan"), "long enough", Role.LEARNER, instructor=name)


async def _turn(db: Database, run_id: str, head: int | None, text: str) -> int:
    prepared, record = played(text)
    turn = await add_pending_turn(
        db,
        run_id,
        expected_head=head,
        learner=text,
        moves=[str(move) for move in prepared.signals.moves],
        trust=prepared.state.trust,
        level=prepared.state.level,
        state=prepared.state,
        prepared=prepared,
    )
    await complete_turn(db, turn.id, record.coachee, record)
    return turn.id


async def test_turns_form_branches_and_rewind_keeps_the_old_one(db: Database) -> None:
    owner = await add_account(db, unique("runner"), "long enough", Role.LEARNER)
    thread = unique("thread-")
    run = await create_run(
        db, account_id=owner.id, thread_id=thread, persona_id="p", persona_name="P", seed=7, opening="Hi."
    )
    assert (await run_for_thread(db, thread)) == run
    first = await _turn(db, run.id, None, "one")
    second = await _turn(db, run.id, first, "two")
    await _turn(db, run.id, second, "three")
    assert [t.learner for t in await branch(db, run.id)] == ["one", "two", "three"]

    head = await rewind(db, run.id, 2)
    assert head == first
    assert [t.learner for t in await branch(db, run.id)] == ["one"]
    await _turn(db, run.id, first, "two again")
    line = await branch(db, run.id)
    assert [(t.position, t.learner) for t in line] == [(1, "one"), (2, "two again")]
    assert [t.learner for t in await all_turns(db, run.id)] == ["one", "two", "three", "two again"]
    assert all(t.status is TurnStatus.DONE and t.coachee == f"reply to {t.learner}" for t in line)
    # The JSON columns come back as the models that were stored.
    assert [t.record for t in line] == [played("one")[1], played("two again")[1]]
    first, _ = played("one")
    assert (line[0].state, line[0].prepared) == (first.state, first)

    assert await rewind(db, run.id, 1) is None
    assert await branch(db, run.id) == []
    with pytest.raises(ValueError, match="cannot rewind"):
        await rewind(db, run.id, 3)


async def test_a_stale_head_is_refused(db: Database) -> None:
    owner = await add_account(db, unique("stale"), "long enough", Role.LEARNER)
    run = await create_run(
        db, account_id=owner.id, thread_id=None, persona_id="p", persona_name="P", seed=1, opening="Hi."
    )
    await _turn(db, run.id, None, "one")
    with pytest.raises(StoreConflict):
        await _turn(db, run.id, None, "also one")


async def test_pending_turns_are_stored_before_the_reply(db: Database) -> None:
    owner = await add_account(db, unique("pend"), "long enough", Role.LEARNER)
    run = await create_run(
        db, account_id=owner.id, thread_id=None, persona_id="p", persona_name="P", seed=1, opening="Hi."
    )
    prepared, _ = played("What brings you here?")
    pending = await add_pending_turn(
        db,
        run.id,
        expected_head=None,
        learner=prepared.learner,
        moves=[],
        trust=prepared.state.trust,
        level=prepared.state.level,
        state=prepared.state,
        prepared=prepared,
    )
    [stored] = await branch(db, run.id)
    assert stored.id == pending.id and stored.status is TurnStatus.PENDING and stored.coachee is None
    assert stored.record is None and stored.prepared == prepared
    # What is written is checked against its contract: a dict that is not a prepared turn is refused.
    with pytest.raises(StatementError, match="validation error"):
        await add_pending_turn(
            db,
            run.id,
            expected_head=pending.id,
            learner="Hm?",
            moves=[],
            trust=12.0,
            level=0,
            state=prepared.state,
            prepared={"learner": "Hm?"},  # type: ignore[arg-type]
        )


async def test_grades_end_the_run_and_keep_their_evidence(db: Database) -> None:
    owner = await add_account(db, unique("grade"), "long enough", Role.LEARNER)
    run = await create_run(
        db, account_id=owner.id, thread_id=None, persona_id="p", persona_name="P", seed=1, opening="Hi."
    )
    head = await _turn(db, run.id, None, "one")
    report = {"result": "pass", "evidence": [{"turn": 1, "quote": "one"}]}
    grade = await add_grade(db, run.id, head_turn_id=head, result="pass", report=report, markdown="# Pass")
    assert (await grades_of(db, run.id)) == [grade]
    assert grade.report == report
    ended = await get_run(db, run.id)
    assert ended is not None and ended.status is RunStatus.ENDED
    # The statuses are stored as the same strings as before they were enums.
    async with db.reads() as session:
        stored = (
            await session.execute(
                text(
                    "SELECT r.status, t.status FROM runs r JOIN turns t ON t.run_id = r.id WHERE r.id = :id"
                ),
                {"id": run.id},
            )
        ).one()
    assert tuple(stored) == ("ended", "done")
    await rewind(db, run.id, 1)
    reopened = await get_run(db, run.id)
    assert reopened is not None and reopened.status is RunStatus.ACTIVE


def test_a_status_column_writes_its_value_and_refuses_an_unknown_one() -> None:
    column = EnumString(RunStatus, 16)
    dialect = create_engine("sqlite://").dialect
    assert column.process_bind_param(RunStatus.ENDED, dialect) == "ended"
    assert column.process_result_value("active", dialect) is RunStatus.ACTIVE
    with pytest.raises(ValueError, match="'paused' is not a valid RunStatus"):
        column.process_bind_param("paused", dialect)


def test_a_record_is_made_from_every_column_it_names() -> None:
    row = Account(id=3, name="ada", role=Role.INSTRUCTOR, password_hash="x", instructor_id=None)
    assert from_row(AccountView, row, instructor="bo") == AccountView(
        id=3, name="ada", role=Role.INSTRUCTOR, instructor="bo"
    )
