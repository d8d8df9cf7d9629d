"""Grades to the LMS. A change to an attempt's grade (submitted, overridden, confirmed) puts the score as it
now stands in the outbox, in a quick database write; a background sender delivers it and retries with
back-off while the LMS is unreachable. A learner never waits for the LMS."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from app.domain.lti import KeyPair, Score
from app.lti import tool
from app.lti.grades import next_try, score_message
from app.store import lti
from app.store.attempts import get_attempt
from app.store.db import Database
from app.store.schema import utcnow

log = logging.getLogger(__name__)
LONGEST_IDLE = 60.0  # seconds: the sender looks again at least this often (scores queued by another process)

Send = Callable[[lti.Destination, KeyPair, Score], None]
_wake: asyncio.Event | None = None


async def grade_changed(db: Database, attempt_id: int, now: datetime | None = None) -> bool:
    """Queue the attempt's score for its LMS; False when there is nothing to send (the learner did not come
    from an LMS for this assignment, or the attempt is not graded). Held for review, the LMS hears only that
    a grade is pending, until an instructor confirms it or overrides it."""
    destination = await lti.destination_of(db, attempt_id)
    attempt = await get_attempt(db, attempt_id) if destination else None
    if destination is None or attempt is None or attempt.score is None:
        return False
    override = attempt.override
    held = (
        override is None
        and await lti.holds(db, attempt.assignment_id)
        and not await lti.confirmed(db, attempt_id)
    )
    score = score_message(
        subject=destination.subject,
        score=override.score if override else attempt.score,
        held=held,
        comment=override.comment if override else None,
        at=now or utcnow(),
    )
    await lti.enqueue(db, attempt_id, score, now)
    if _wake is not None:
        _wake.set()
    return True


async def safely(db: Database, attempt_id: int) -> None:
    """grade_changed for paths a learner or instructor is waiting on: a failure is logged, never raised."""
    try:
        await grade_changed(db, attempt_id)
    except Exception:
        log.exception("Could not queue the LMS score of attempt %s", attempt_id)


class Sender:
    """Delivers due scores in the order they were queued; a failed one waits its back-off and is tried again."""

    def __init__(
        self, db: Database, send: Send = tool.send_score, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.db = db
        self.send = send
        self.clock = clock

    async def deliver_due(self) -> tuple[int, int]:
        """(sent, failed) for the scores due now."""
        key = await lti.signing_key(self.db)
        batch = await lti.due(self.db, self.clock()) if key else []
        sent = failed = 0
        for item in batch:
            assert key is not None
            try:
                await asyncio.to_thread(self.send, item.destination, key, item.score)
            except Exception as error:
                failed += 1
                why = tool.describe(error)
                log.warning(
                    "LMS score for attempt %s not taken (try %d): %s", item.attempt_id, item.tries + 1, why
                )
                await lti.mark_failed(self.db, item.id, why, next_try(item.tries + 1, self.clock()))
            else:
                sent += 1
                await lti.mark_sent(self.db, item.id, self.clock())
        return sent, failed

    async def run(self) -> None:
        global _wake
        _wake = wake = asyncio.Event()
        while True:
            wake.clear()
            try:
                await self.deliver_due()
            except Exception:
                log.exception("LMS score sender")
            upcoming = await lti.next_due(self.db)
            idle = LONGEST_IDLE
            if upcoming is not None:
                idle = min(max((upcoming - self.clock()).total_seconds(), 0.0), LONGEST_IDLE)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=idle)
