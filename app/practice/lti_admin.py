"""Rapport as an LTI 1.3 tool, as its administrator sees it: the signing keys it publishes, the LMS platforms
allowed to launch it, which assignments' grades wait for an instructor's review, and the outbox of scores on
their way to an LMS. `rapport lti` calls these, so that it never reaches into the store itself; the rows live
in app/store/lti.py, and app/lti signs and sends."""

from __future__ import annotations

from typing import Any

from app.domain.lti import KeyPair
from app.lti import passback
from app.lti.keys import new_key_pair, public_jwk
from app.store.db import Database
from app.store.lti import (
    LtiStoreError,
    OutboxEntry,
    Platform,
    add_key,
    add_platform,
    list_platforms,
    make_due,
    published_keys,
    remove_platform,
    set_hold,
    waiting,
)
from app.store.schema import utcnow

__all__ = [
    "LtiStoreError",
    "OutboxEntry",
    "Platform",
    "add_platform",
    "list_platforms",
    "published_jwks",
    "remove_platform",
    "rotate_key",
    "send_waiting_now",
    "set_hold",
    "waiting",
]


async def rotate_key(db: Database) -> KeyPair:
    """A new signing key, used from now on; the previous one stays published for a while (store/lti.py)."""
    return await add_key(db, new_key_pair())


async def published_jwks(db: Database) -> dict[str, list[dict[str, Any]]]:
    """The tool's public keys as a JWKS, as platforms read it from /lti/jwks (no key yet: an empty list)."""
    return {"keys": [public_jwk(key.public_pem) for key in await published_keys(db)]}


async def send_waiting_now(db: Database) -> tuple[int, int]:
    """Every waiting score tried now (say, once an LMS is back): how many were sent, how many failed."""
    await make_due(db, utcnow())
    return await passback.Sender(db).deliver_due()
