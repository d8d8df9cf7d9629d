"""Accounts: who may log in, their role, and which instructor (if any) a learner belongs to."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.store.db import Database
from app.store.passwords import hash_password, verify_password
from app.store.schema import Account

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
MIN_PASSWORD = 8


class Role(StrEnum):
    LEARNER = "learner"
    INSTRUCTOR = "instructor"


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


async def _view(db: Database, account: Account) -> AccountView:
    instructor = await db_get_name(db, account.instructor_id) if account.instructor_id else None
    return AccountView(id=account.id, name=account.name, role=Role(account.role), instructor=instructor)


async def db_get_name(db: Database, account_id: int) -> str | None:
    async with db.sessions() as session:
        account = await session.get(Account, account_id)
        return account.name if account else None


async def add_account(
    db: Database, name: str, password: str, role: Role, instructor: str | None = None
) -> AccountView:
    _check(name, password)
    password_hash = await asyncio.to_thread(hash_password, password)
    async with db.sessions() as session:
        instructor_id = None
        if instructor:
            teacher = await session.scalar(select(Account).where(Account.name == instructor))
            if teacher is None or teacher.role != Role.INSTRUCTOR:
                raise AccountError(f"no instructor called {instructor!r}")
            instructor_id = teacher.id
        account = Account(
            name=name, role=role.value, password_hash=password_hash, instructor_id=instructor_id
        )
        session.add(account)
        try:
            await session.commit()
        except IntegrityError:
            raise AccountError(f"an account called {name!r} already exists") from None
        return AccountView(id=account.id, name=name, role=role, instructor=instructor)


async def authenticate(db: Database, name: str, password: str) -> AccountView | None:
    """The account if the password is right. Hashing runs in a thread: it is slow on purpose."""
    async with db.sessions() as session:
        account = await session.scalar(select(Account).where(Account.name == name))
    stored = account.password_hash if account else None
    if not await asyncio.to_thread(verify_password, stored, password) or account is None:
        return None
    return await _view(db, account)


async def get_account(db: Database, name: str) -> AccountView | None:
    async with db.sessions() as session:
        account = await session.scalar(select(Account).where(Account.name == name))
    return await _view(db, account) if account else None


async def list_accounts(db: Database) -> list[AccountView]:
    async with db.sessions() as session:
        accounts = list(await session.scalars(select(Account).order_by(Account.name)))
        names = {account.id: account.name for account in accounts}
    return [
        AccountView(
            id=a.id,
            name=a.name,
            role=Role(a.role),
            instructor=names.get(a.instructor_id) if a.instructor_id else None,
        )
        for a in accounts
    ]


async def learners_of(db: Database, instructor_id: int) -> list[int]:
    async with db.sessions() as session:
        return list(await session.scalars(select(Account.id).where(Account.instructor_id == instructor_id)))


async def set_password(db: Database, name: str, password: str) -> None:
    _check(name, password)
    password_hash = await asyncio.to_thread(hash_password, password)
    async with db.sessions() as session, session.begin():
        account = await session.scalar(select(Account).where(Account.name == name))
        if account is None:
            raise AccountError(f"no account called {name!r}")
        account.password_hash = password_hash
