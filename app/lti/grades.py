"""The scores Rapport sends to an LMS (AGS Score messages) and when to try again. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.lti import ActivityProgress, GradingProgress, Score

SCORE_MAXIMUM = 100.0
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
PENDING_COMMENT = "Submitted; the grade is awaiting the instructor's review."


def score_message(*, subject: str, score: float, held: bool, comment: str | None, at: datetime) -> Score:
    """The AGS Score for one attempt. While held for review the LMS learns only that it was submitted and a
    grade is pending (no score given); otherwise it gets the score out of 100."""
    sent = {"userId": subject, "activityProgress": ActivityProgress.COMPLETED, "timestamp": at.isoformat()}
    if held:
        return Score(**sent, gradingProgress=GradingProgress.PENDING_MANUAL, comment=PENDING_COMMENT)
    return Score(
        **sent,
        gradingProgress=GradingProgress.FULLY_GRADED,
        scoreGiven=score,
        scoreMaximum=SCORE_MAXIMUM,
        comment=comment or None,
    )


def next_try(tries: int, now: datetime) -> datetime:
    """After `tries` failed sends: 30 s, 1 min, 2 min, ... at most an hour apart."""
    wait: timedelta = FIRST_RETRY * (2 ** max(tries - 1, 0))
    return now + min(wait, LONGEST_WAIT)
