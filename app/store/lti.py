"""LTI 1.3 in the store: the tool's keys, platform registrations, one-use nonces, accounts linked to LMS users,
where each learner's score goes, the review hold, confirmations and the outbox of scores to send."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.lti import KeyPair, Score
from app.store.accounts import AccountError, Role, add_account
from app.store.columns import from_row
from app.store.db import Database
from app.store.schema import (
    Account,
    AssignedLearner,
    AssignmentRow,
    AttemptRow,
    LtiAccount,
    LtiConfirmation,
    LtiGradeTarget,
    LtiKey,
    LtiNonce,
    LtiOutbox,
    LtiPlatform,
    LtiReview,
    utcnow,
)

# A retired key stays in the JWKS this long: a platform may still hold a message signed just before.
RETIRED_KEY_LISTED = timedelta(days=2)
NONCE_LIFETIME = timedelta(minutes=10)


class LtiStoreError(ValueError):
    """A request the LTI store refuses, with a message for whoever made it."""


# --- keys ---------------------------------------------------------------------------------------------


def _pair(row: LtiKey) -> KeyPair:
    return KeyPair(kid=row.kid, private_pem=row.private_pem, public_pem=row.public_pem)


async def add_key(db: Database, pair: KeyPair) -> KeyPair:
    """The new signing key; the one before it is retired (still listed for RETIRED_KEY_LISTED)."""

    def write(session: Session) -> None:
        session.execute(update(LtiKey).where(LtiKey.retired_at.is_(None)).values(retired_at=utcnow()))
        session.add(LtiKey(kid=pair.kid, private_pem=pair.private_pem, public_pem=pair.public_pem))

    await db.write(write)
    return pair


async def signing_key(db: Database) -> KeyPair | None:
    async with db.reads() as session:
        row = await session.scalar(
            select(LtiKey).where(LtiKey.retired_at.is_(None)).order_by(LtiKey.id.desc()).limit(1)
        )
    return _pair(row) if row else None


async def published_keys(db: Database, now: datetime | None = None) -> list[KeyPair]:
    """The keys in the tool's JWKS: the signing key and those retired recently."""
    since = (now or utcnow()) - RETIRED_KEY_LISTED
    async with db.reads() as session:
        rows = await session.scalars(
            select(LtiKey)
            .where(LtiKey.retired_at.is_(None) | (LtiKey.retired_at > since))
            .order_by(LtiKey.id.desc())
        )
        return [_pair(row) for row in rows]


# --- platforms ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    id: int
    issuer: str
    client_id: str
    auth_login_url: str
    token_url: str
    jwks_url: str
    deployment_ids: list[str]


def _platform(row: LtiPlatform) -> Platform:
    return from_row(Platform, row, deployment_ids=list(row.deployment_ids))


def _check_url(label: str, url: str) -> None:
    if not url.startswith(("https://", "http://")):
        raise LtiStoreError(f"the {label} must be an http(s) URL, not {url!r}")


async def add_platform(
    db: Database,
    *,
    issuer: str,
    client_id: str,
    auth_login_url: str,
    token_url: str,
    jwks_url: str,
    deployment_ids: list[str],
) -> Platform:
    if not issuer.strip() or not client_id.strip():
        raise LtiStoreError("a platform needs its issuer and the client id it gave Rapport")
    for label, url in (("auth login URL", auth_login_url), ("token URL", token_url), ("JWKS URL", jwks_url)):
        _check_url(label, url)
    if not deployment_ids:
        raise LtiStoreError("a platform needs at least one deployment id")
    row = LtiPlatform(
        issuer=issuer.strip(),
        client_id=client_id.strip(),
        auth_login_url=auth_login_url,
        token_url=token_url,
        jwks_url=jwks_url,
        deployment_ids=list(dict.fromkeys(d.strip() for d in deployment_ids)),
    )

    def write(session: Session) -> Platform:
        session.add(row)
        session.flush()
        return _platform(row)

    try:
        return await db.write(write)
    except IntegrityError:
        raise LtiStoreError(f"{issuer} with client id {client_id} is already registered") from None


async def list_platforms(db: Database) -> list[Platform]:
    async with db.reads() as session:
        return [_platform(row) for row in await session.scalars(select(LtiPlatform).order_by(LtiPlatform.id))]


async def remove_platform(db: Database, platform_id: int) -> None:
    """The registration goes, and with it the links of accounts and line items to it (accounts stay)."""
    done = await db.write(
        lambda session: session.execute(delete(LtiPlatform).where(LtiPlatform.id == platform_id))
    )
    if not getattr(done, "rowcount", 0):
        raise LtiStoreError(f"no platform with id {platform_id}")


# --- nonces -------------------------------------------------------------------------------------------


async def remember_nonces(db: Database, nonces: list[str], now: datetime | None = None) -> None:
    moment = now or utcnow()

    def write(session: Session) -> None:
        session.execute(delete(LtiNonce).where(LtiNonce.expires_at < moment))
        session.add_all(LtiNonce(nonce=n, expires_at=moment + NONCE_LIFETIME) for n in nonces)

    await db.write(write)


async def use_nonce(db: Database, nonce: str, now: datetime | None = None) -> bool:
    """Whether the nonce was one Rapport issued, unused and unexpired; it can never be used again."""
    moment = now or utcnow()
    used = delete(LtiNonce).where(LtiNonce.nonce == nonce, LtiNonce.expires_at >= moment)
    done = await db.write(lambda session: session.execute(used))
    return bool(getattr(done, "rowcount", 0))


# --- accounts -----------------------------------------------------------------------------------------


async def linked_account(db: Database, platform_id: int, subject: str) -> str | None:
    async with db.reads() as session:
        return await session.scalar(
            select(Account.name)
            .join(LtiAccount, LtiAccount.account_id == Account.id)
            .where(LtiAccount.platform_id == platform_id, LtiAccount.subject == subject)
        )


async def link_new_account(db: Database, platform_id: int, subject: str, names: list[str], role: Role) -> str:
    """A new account for an LMS user, under the first free name of `names`, linked to them. Its password is
    random and never shown: the account logs in through the LMS (an admin may set one later)."""
    for name in names:
        try:
            account = await add_account(db, name, secrets.token_urlsafe(32), role)
            break
        except AccountError:
            continue
    else:
        raise LtiStoreError("no free account name for this LMS user")
    link = LtiAccount(account_id=account.id, platform_id=platform_id, subject=subject)
    try:
        await db.write(lambda session: session.add(link))
    except IntegrityError:  # a second launch of the same user linked them first: theirs counts
        found = await linked_account(db, platform_id, subject)
        if found is None:
            raise
        return found
    return account.name


async def enrol(db: Database, assignment_id: int, account_id: int) -> None:
    """Set the assignment for a learner who launched into it (and make them the setter's learner when they
    belong to no instructor yet, so the setter sees their runs)."""

    def write(session: Session) -> None:
        setter = session.scalar(select(AssignmentRow.created_by).where(AssignmentRow.id == assignment_id))
        if setter is None:
            raise LtiStoreError(f"no assignment {assignment_id}")
        if session.get(AssignedLearner, (assignment_id, account_id)) is None:
            session.add(AssignedLearner(assignment_id=assignment_id, account_id=account_id))
        session.execute(
            update(Account)
            .where(Account.id == account_id, Account.instructor_id.is_(None))
            .values(instructor_id=setter)
        )

    await db.write(write)


# --- where scores go, the review hold, confirmations ----------------------------------------------------


async def save_grade_target(
    db: Database,
    *,
    account_id: int,
    assignment_id: int,
    platform_id: int,
    subject: str,
    lineitem_url: str,
    scopes: list[str],
) -> None:
    def write(session: Session) -> None:
        row = session.get(LtiGradeTarget, (account_id, assignment_id))
        if row is None:
            row = LtiGradeTarget(account_id=account_id, assignment_id=assignment_id)
            session.add(row)
        row.platform_id, row.subject, row.lineitem_url, row.scopes = (
            platform_id,
            subject,
            lineitem_url,
            scopes,
        )

    await db.write(write)


async def set_hold(db: Database, assignment_id: int, hold: bool) -> None:
    def write(session: Session) -> None:
        if session.get(AssignmentRow, assignment_id) is None:
            raise LtiStoreError(f"no assignment {assignment_id}")
        row = session.get(LtiReview, assignment_id)
        if row is None:
            session.add(LtiReview(assignment_id=assignment_id, hold=hold))
        else:
            row.hold = hold

    await db.write(write)


async def holds(db: Database, assignment_id: int) -> bool:
    async with db.reads() as session:
        return bool(
            await session.scalar(select(LtiReview.hold).where(LtiReview.assignment_id == assignment_id))
        )


async def confirm(db: Database, attempt_id: int, by_id: int) -> None:
    def write(session: Session) -> None:
        if session.get(LtiConfirmation, attempt_id) is None:
            session.add(LtiConfirmation(attempt_id=attempt_id, by_id=by_id))

    await db.write(write)


async def confirmed(db: Database, attempt_id: int) -> bool:
    async with db.reads() as session:
        return await session.get(LtiConfirmation, attempt_id) is not None


# --- the outbox ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    """Where an attempt's score goes: the platform's registration and the learner's line item there."""

    platform: Platform
    subject: str
    lineitem_url: str
    scopes: list[str]


@dataclass(frozen=True)
class Outgoing:
    id: int
    attempt_id: int
    score: Score
    tries: int
    destination: Destination


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    attempt_id: int
    score: Score
    tries: int
    sent_at: datetime | None
    last_error: str | None


_DESTINATION = (
    select(AttemptRow.id, LtiGradeTarget, LtiPlatform)
    .join(
        LtiGradeTarget,
        (LtiGradeTarget.account_id == AttemptRow.account_id)
        & (LtiGradeTarget.assignment_id == AttemptRow.assignment_id),
    )
    .join(LtiPlatform, LtiPlatform.id == LtiGradeTarget.platform_id)
)


def _destination(target: LtiGradeTarget, platform: LtiPlatform) -> Destination:
    return from_row(Destination, target, platform=_platform(platform), scopes=list(target.scopes))


async def destination_of(db: Database, attempt_id: int) -> Destination | None:
    """Where this attempt's score goes; None when the learner did not come from an LMS for it."""
    async with db.reads() as session:
        row = (await session.execute(_DESTINATION.where(AttemptRow.id == attempt_id))).first()
    return _destination(row[1], row[2]) if row else None


async def enqueue(db: Database, attempt_id: int, score: Score, now: datetime | None = None) -> int:
    """A score to send for the attempt. Older unsent ones for it are dropped: this one says the grade as it
    is now, and the LMS must not get an older state after it."""
    moment = now or utcnow()

    def write(session: Session) -> int:
        session.execute(
            delete(LtiOutbox).where(LtiOutbox.attempt_id == attempt_id, LtiOutbox.sent_at.is_(None))
        )
        row = LtiOutbox(attempt_id=attempt_id, score=score, created_at=moment, tries=0, next_try_at=moment)
        session.add(row)
        session.flush()
        return row.id

    return await db.write(write)


async def due(db: Database, now: datetime, limit: int = 20) -> list[Outgoing]:
    async with db.reads() as session:
        rows = (
            await session.execute(
                select(LtiOutbox, LtiGradeTarget, LtiPlatform)
                .join(AttemptRow, AttemptRow.id == LtiOutbox.attempt_id)
                .join(
                    LtiGradeTarget,
                    (LtiGradeTarget.account_id == AttemptRow.account_id)
                    & (LtiGradeTarget.assignment_id == AttemptRow.assignment_id),
                )
                .join(LtiPlatform, LtiPlatform.id == LtiGradeTarget.platform_id)
                .where(LtiOutbox.sent_at.is_(None), LtiOutbox.next_try_at <= now)
                .order_by(LtiOutbox.id)
                .limit(limit)
            )
        ).all()
    return [from_row(Outgoing, o, destination=_destination(t, p)) for o, t, p in rows]


async def next_due(db: Database) -> datetime | None:
    """When the earliest unsent score is next due (None when nothing waits)."""
    async with db.reads() as session:
        return await session.scalar(
            select(LtiOutbox.next_try_at)
            .where(LtiOutbox.sent_at.is_(None))
            .order_by(LtiOutbox.next_try_at)
            .limit(1)
        )


async def mark_sent(db: Database, entry_id: int, at: datetime) -> None:
    sent = update(LtiOutbox).where(LtiOutbox.id == entry_id).values(sent_at=at, last_error=None)
    await db.write(lambda session: session.execute(sent))


async def mark_failed(db: Database, entry_id: int, error: str, next_try_at: datetime) -> None:
    failed = (
        update(LtiOutbox)
        .where(LtiOutbox.id == entry_id)
        .values(tries=LtiOutbox.tries + 1, last_error=error[:2000], next_try_at=next_try_at)
    )
    await db.write(lambda session: session.execute(failed))


def _entry(row: LtiOutbox) -> OutboxEntry:
    return from_row(OutboxEntry, row)


async def outbox_of(db: Database, attempt_id: int) -> list[OutboxEntry]:
    """Every score kept for the attempt (sent or waiting), oldest first."""
    async with db.reads() as session:
        rows = await session.scalars(
            select(LtiOutbox).where(LtiOutbox.attempt_id == attempt_id).order_by(LtiOutbox.id)
        )
        return [_entry(r) for r in rows]


async def waiting(db: Database) -> list[OutboxEntry]:
    """Every score not yet taken by its LMS, oldest first."""
    async with db.reads() as session:
        rows = await session.scalars(
            select(LtiOutbox).where(LtiOutbox.sent_at.is_(None)).order_by(LtiOutbox.id)
        )
        return [_entry(r) for r in rows]


async def make_due(db: Database, now: datetime) -> None:
    """Every waiting score is due now (an admin's "the LMS is back: send now")."""
    due_now = update(LtiOutbox).where(LtiOutbox.sent_at.is_(None)).values(next_try_at=now)
    await db.write(lambda session: session.execute(due_now))
