"""Logins kept on the server: the login cookie names one, and is honoured only while it has not ended."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.store.db import Database
from app.store.schema import Account, Login, utcnow

# Longer than any login cookie lives (Chainlit's user_session_timeout: 15 days): older logins are forgotten.
FORGET_AFTER = timedelta(days=30)


async def start_login(db: Database, account_name: str) -> str | None:
    """A new login for the account; its id (None when there is no such account)."""

    def write(session: Session) -> str | None:
        account_id = session.scalar(select(Account.id).where(Account.name == account_name))
        if account_id is None:
            return None
        session.execute(delete(Login).where(Login.created_at < utcnow() - FORGET_AFTER))
        login = Login(id=str(uuid.uuid4()), account_id=account_id)
        session.add(login)
        return login.id

    return await db.write(write)


async def is_live(db: Database, login_id: str, account_name: str) -> bool:
    """Whether this login of this account has not ended."""
    async with db.reads() as session:
        found = await session.scalar(
            select(Login.id)
            .join(Account, Account.id == Login.account_id)
            .where(Login.id == login_id, Account.name == account_name, Login.ended_at.is_(None))
        )
    return found is not None


async def end_login(db: Database, login_id: str) -> None:
    ended = update(Login).where(Login.id == login_id, Login.ended_at.is_(None)).values(ended_at=utcnow())
    await db.write(lambda session: session.execute(ended))
