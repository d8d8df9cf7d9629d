"""Accounts: who may log in, their role, and which instructor (if any) a learner belongs to."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from app.store.columns import from_row
from app.store.db import Database
from app.store.passwords import hash_password, verify_password
from app.store.schema import Account, Login, utcnow
from app.store.schema import Role as Role  # the accounts' roles: callers take them from here

T = TypeVar("T")

# Argon2 takes ~170 ms of CPU per hash on purpose. Its own threads leave a core to the event loop: with
# asyncio's shared pool (6 threads on 2 cores) a burst of logins took both cores and every open chat waited.
_HASHING = ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 1) - 1), thread_name_prefix="argon2")

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A request the store refuses, with a message fit for the person who made it."""


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    role: Role
    instructor: str | None


def _check(name: str, password: str) -> None:
    if not NAME.match(name):
        raise AccountError(
            "a name is 2-64 characters: letters, digits and . _ @ - (starting with a letter or digit)"
        )
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")


async def _hashing(fn: Callable[..., T], *args: str | None) -> T:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, fn, *args)


_TEACHER = aliased(Account)
_WITH_INSTRUCTOR = select(Account, _TEACHER.name).outerjoin(_TEACHER, _TEACHER.id == Account.instructor_id)


async def _account_named(db: Database, name: str) -> tuple[Account, str | None] | None:
    """The account and its instructor's name, in one query."""
    async with db.reads() as session:
        row = (await session.execute(_WITH_INSTRUCTOR.where(Account.name == name))).first()
    return (row[0], row[1]) if row else None


def _view(account: Account, instructor: str | None) -> AccountView:
    return from_row(AccountView, account, instructor=instructor)


async def add_account(
    db: Database, name: str, password: str, role: Role, instructor: str | None = None
) -> AccountView:
    _check(name, password)
    password_hash = await _hashing(hash_password, password)
    async with db.sessions() as session:
        instructor_id = None
        if instructor:
            teacher = await session.scalar(select(Account).where(Account.name == instructor))
            if teacher is None or teacher.role != Role.INSTRUCTOR:
                raise AccountError(f"no instructor called {instructor!r}")
            instructor_id = teacher.id
        account = Account(name=name, role=role, password_hash=password_hash, instructor_id=instructor_id)
        session.add(account)
        try:
            await session.commit()
        except IntegrityError:
            raise AccountError(f"an account called {name!r} already exists") from None
        return AccountView(id=account.id, name=name, role=role, instructor=instructor)


async def authenticate(db: Database, name: str, password: str) -> AccountView | None:
    """The account if the password is right. Hashing runs in a thread: it is slow on purpose."""
    found = await _account_named(db, name)
    stored = found[0].password_hash if found else None
    if not await _hashing(verify_password, stored, password) or found is None:
        return None
    return _view(*found)


async def get_account(db: Database, name: str) -> AccountView | None:
    found = await _account_named(db, name)
    return _view(*found) if found else None


async def list_accounts(db: Database) -> list[AccountView]:
    async with db.reads() as session:
        accounts = list(await session.scalars(select(Account).order_by(Account.name)))
        names = {account.id: account.name for account in accounts}
    return [_view(a, names.get(a.instructor_id) if a.instructor_id else None) for a in accounts]


async def learners_of(db: Database, instructor_id: int) -> list[int]:
    async with db.reads() as session:
        return list(await session.scalars(select(Account.id).where(Account.instructor_id == instructor_id)))


async def set_password(db: Database, name: str, password: str) -> None:
    """A new password; every login of the account ends."""
    _check(name, password)
    password_hash = await _hashing(hash_password, password)
    async with db.sessions() as session, session.begin():
        account = await session.scalar(select(Account).where(Account.name == name))
        if account is None:
            raise AccountError(f"no account called {name!r}")
        account.password_hash = password_hash
        # Whoever was logged in with the old password is logged out everywhere.
        await session.execute(
            update(Login)
            .where(Login.account_id == account.id, Login.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
