"""LTI in the store, on SQLite and PostgreSQL: registrations, one-use nonces, keys kept for the JWKS after a
rotation, accounts linked to LMS users (never taking over a local account), and the score outbox (newest
state only, back-off, what is due)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import JSON, select, type_coerce

from app.domain.coursework import Terms
from app.domain.lti import KeyPair, Score
from app.lti import passback
from app.lti.grades import score_message
from app.lti.keys import new_key_pair
from app.store import lti
from app.store.accounts import AccountView, Role, add_account, get_account
from app.store.attempts import start_attempt, submit_attempt
from app.store.db import Database
from app.store.lti import LtiStoreError
from app.store.runs import RunFields
from app.store.schema import LtiOutbox, utcnow
from tests.support.coursework import assign
from tests.support.names import unique


async def platform(db: Database, **changed: object) -> lti.Platform:
    fields: dict[str, object] = {
        "issuer": f"https://{unique('lms')}.example",
        "client_id": "rapport",
        "auth_login_url": "https://lms.example/auth",
        "token_url": "https://lms.example/token",
        "jwks_url": "https://lms.example/jwks",
        "deployment_ids": ["1"],
    }
    return await lti.add_platform(db, **(fields | changed))  # type: ignore[arg-type]


async def test_a_platform_is_registered_once_and_bad_fields_are_refused(db: Database) -> None:
    made = await platform(db, deployment_ids=["1", " 2 ", "1"])
    assert made.deployment_ids == ["1", "2"]
    with pytest.raises(LtiStoreError, match="already registered"):
        await platform(db, issuer=made.issuer)
    with pytest.raises(LtiStoreError, match="JWKS URL must be an http"):
        await platform(db, jwks_url="lms.example/jwks")
    with pytest.raises(LtiStoreError, match="at least one deployment id"):
        await platform(db, deployment_ids=[])
    with pytest.raises(LtiStoreError, match="issuer and the client id"):
        await platform(db, issuer=" ")
    assert [p.issuer for p in await lti.list_platforms(db)].count(made.issuer) == 1
    with pytest.raises(LtiStoreError, match="no platform with id"):
        await lti.remove_platform(db, 999_999)
    await lti.remove_platform(db, made.id)
    assert made.issuer not in [p.issuer for p in await lti.list_platforms(db)]


async def test_a_nonce_is_good_once_and_only_while_fresh(db: Database) -> None:
    now = utcnow()
    fresh, stale = unique("n-"), unique("n-")
    await lti.remember_nonces(db, [fresh], now)
    await lti.remember_nonces(db, [stale], now - lti.NONCE_LIFETIME - timedelta(seconds=1))
    assert await lti.use_nonce(db, fresh, now) is True
    assert await lti.use_nonce(db, fresh, now) is False  # replayed
    assert await lti.use_nonce(db, stale, now) is False  # expired
    assert await lti.use_nonce(db, unique("never-issued-"), now) is False


async def test_a_rotated_key_stays_published_for_a_while(db: Database) -> None:
    first = await lti.add_key(db, new_key_pair())
    second = await lti.add_key(db, new_key_pair())
    signing = await lti.signing_key(db)
    assert signing is not None and signing.kid == second.kid
    published = [k.kid for k in await lti.published_keys(db)]
    assert published[:2] == [second.kid, first.kid]
    later = utcnow() + lti.RETIRED_KEY_LISTED + timedelta(minutes=1)
    assert first.kid not in [k.kid for k in await lti.published_keys(db, later)]
    assert second.kid in [k.kid for k in await lti.published_keys(db, later)]


async def test_an_lms_user_never_takes_over_a_local_account(db: Database) -> None:
    made = await platform(db)
    local = await add_account(db, unique("sam"), "a local password", Role.INSTRUCTOR)
    subject = unique("sub-")
    name = await lti.link_new_account(db, made.id, subject, [local.name, f"lti-{subject}"], Role.LEARNER)
    assert name == f"lti-{subject}"
    assert await lti.linked_account(db, made.id, subject) == name
    assert (await get_account(db, local.name)) == local  # untouched
    linked = await get_account(db, name)
    assert linked is not None and linked.role is Role.LEARNER


async def _graded_attempt(db: Database) -> tuple[int, AccountView, int]:
    teacher = await add_account(db, unique("teach"), "long enough", Role.INSTRUCTOR)
    learner = await add_account(db, unique("learn"), "long enough", Role.LEARNER)
    assignment = await assign(db, teacher.name, learners=[learner.name], attempts=3)
    terms: Terms = assignment.terms
    run: RunFields = {
        "account_id": learner.id,
        "thread_id": None,
        "persona_id": "priya-team-lead",
        "persona_name": "Priya Raman",
        "seed": 7,
        "opening": "Hello.",
    }
    attempt = await start_attempt(db, assignment.id, terms, run, utcnow())
    await submit_attempt(db, attempt, terms, score=64.0, passed=False, at=utcnow())
    return attempt.id, learner, assignment.id


async def test_the_outbox_keeps_the_newest_state_and_backs_off(db: Database) -> None:
    attempt_id, learner, assignment_id = await _graded_attempt(db)
    made = await platform(db)
    assert await lti.destination_of(db, attempt_id) is None  # not from an LMS: nothing to send
    await lti.save_grade_target(
        db, account_id=learner.id, assignment_id=assignment_id, platform_id=made.id,
        subject="s-1", lineitem_url="https://lms.example/lineitems/1", scopes=["score"],
    )  # fmt: skip
    destination = await lti.destination_of(db, attempt_id)
    assert destination is not None and destination.subject == "s-1" and destination.platform.id == made.id

    now = utcnow()
    pending = score_message(subject="s-1", score=64.0, held=True, comment=None, at=now)
    graded = score_message(subject="s-1", score=64.0, held=False, comment=None, at=now)
    await lti.enqueue(db, attempt_id, pending, now)
    newest = await lti.enqueue(db, attempt_id, graded, now)
    [waiting] = await lti.outbox_of(db, attempt_id)
    assert waiting.id == newest and waiting.score == graded  # the older one is dropped
    # Stored as the AGS Score is sent: no nulls for the fields a graded score leaves out.
    async with db.reads() as session:
        stored = await session.scalar(
            select(type_coerce(LtiOutbox.score, JSON)).where(LtiOutbox.id == newest)
        )
    assert stored == {
        "userId": "s-1", "activityProgress": "Completed", "timestamp": now.isoformat(),
        "gradingProgress": "FullyGraded", "scoreGiven": 64.0, "scoreMaximum": 100.0,
    }  # fmt: skip

    [due] = [d for d in await lti.due(db, now) if d.attempt_id == attempt_id]
    await lti.mark_failed(db, due.id, "the LMS answered 503", now + timedelta(seconds=30))
    assert attempt_id not in [d.attempt_id for d in await lti.due(db, now)]
    assert attempt_id in [d.attempt_id for d in await lti.due(db, now + timedelta(seconds=30))]
    [failed] = await lti.outbox_of(db, attempt_id)
    assert failed.tries == 1 and failed.last_error == "the LMS answered 503" and failed.sent_at is None

    await lti.make_due(db, now)
    assert attempt_id in [d.attempt_id for d in await lti.due(db, now)]
    await lti.mark_sent(db, due.id, now)
    [sent] = await lti.outbox_of(db, attempt_id)
    assert sent.sent_at is not None and sent.last_error is None
    assert attempt_id not in [e.attempt_id for e in await lti.waiting(db)]


async def test_the_review_hold_and_confirmations(db: Database) -> None:
    attempt_id, _, assignment_id = await _graded_attempt(db)
    assert await lti.holds(db, assignment_id) is False
    await lti.set_hold(db, assignment_id, True)
    assert await lti.holds(db, assignment_id) is True
    with pytest.raises(LtiStoreError, match="no assignment"):
        await lti.set_hold(db, 999_999, True)
    teacher = await add_account(db, unique("teach"), "long enough", Role.INSTRUCTOR)
    assert await lti.confirmed(db, attempt_id) is False
    await lti.confirm(db, attempt_id, teacher.id)
    await lti.confirm(db, attempt_id, teacher.id)  # twice is once
    assert await lti.confirmed(db, attempt_id) is True


async def test_the_sender_backs_off_while_the_lms_is_down_and_sends_once_it_is_back(db: Database) -> None:
    attempt_id, learner, assignment_id = await _graded_attempt(db)
    made = await platform(db)
    await lti.add_key(db, new_key_pair())
    await lti.save_grade_target(
        db, account_id=learner.id, assignment_id=assignment_id, platform_id=made.id,
        subject="s-2", lineitem_url="https://lms.example/lineitems/2", scopes=["score"],
    )  # fmt: skip
    lms_up = False
    received: list[dict[str, object]] = []

    def send(destination: lti.Destination, key: KeyPair, score: Score) -> None:
        if destination.subject != "s-2":
            return  # another test's score (PostgreSQL is shared by the module)
        if not lms_up:
            raise ConnectionError("the LMS is down")
        received.append(score.model_dump(exclude_none=True))

    now = utcnow()
    clock = [now]
    sender = passback.Sender(db, send=send, clock=lambda: clock[0])
    assert await passback.grade_changed(db, attempt_id, now) is True
    await sender.deliver_due()
    [waiting] = await lti.outbox_of(db, attempt_id)
    assert waiting.tries == 1 and "ConnectionError" in (waiting.last_error or "") and received == []

    lms_up = True
    clock[0] = now + timedelta(seconds=10)  # still within the back-off: not tried
    await sender.deliver_due()
    assert received == []
    clock[0] = now + timedelta(seconds=31)
    await sender.deliver_due()
    [score] = received
    assert (
        score["userId"] == "s-2" and score["scoreGiven"] == 64.0 and score["gradingProgress"] == "FullyGraded"
    )
    [sent] = await lti.outbox_of(db, attempt_id)
    assert sent.sent_at is not None
