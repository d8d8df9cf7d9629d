"""The scores Rapport sends to an LMS (AGS Score messages) and when to try again. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

SCORE_MAXIMUM = 100.0
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
PENDING_COMMENT = "Submitted; the grade is awaiting the instructor's review."


def score_message(
    *, subject: str, score: float, held: bool, comment: str | None, at: datetime
) -> dict[str, Any]:
    """The AGS Score for one attempt. While held for review the LMS learns only that it was submitted and a
    grade is pending (no score given); otherwise it gets the score out of 100."""
    message: dict[str, Any] = {
        "userId": subject,
        "activityProgress": "Completed",
        "timestamp": at.isoformat(),
    }
    if held:
        return message | {"gradingProgress": "PendingManual", "comment": PENDING_COMMENT}
    message |= {"gradingProgress": "FullyGraded", "scoreGiven": score, "scoreMaximum": SCORE_MAXIMUM}
    return message | ({"comment": comment} if comment else {})


def next_try(tries: int, now: datetime) -> datetime:
    """After `tries` failed sends: 30 s, 1 min, 2 min, ... at most an hour apart."""
    wait: timedelta = FIRST_RETRY * (2 ** max(tries - 1, 0))
    return now + min(wait, LONGEST_WAIT)
