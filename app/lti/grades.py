"""The scores Rapport sends to an LMS (AGS Score messages) and when to try again. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

SCORE_MAXIMUM = 100.0
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
PENDING_COMMENT = "Submitted; the grade is awaiting the instructor's review."


class ActivityProgress(StrEnum):
    """AGS's activityProgress: Rapport sends scores of submitted attempts only."""

    COMPLETED = "Completed"


class GradingProgress(StrEnum):
    """AGS's gradingProgress, as Rapport uses it: graded, or held for the instructor's review."""

    FULLY_GRADED = "FullyGraded"
    PENDING_MANUAL = "PendingManual"


class Score(BaseModel):
    """An AGS Score message, field names as the specification spells them; a field that is None is not sent
    (dump with `exclude_none`)."""

    model_config = ConfigDict(frozen=True)

    userId: str
    activityProgress: ActivityProgress
    timestamp: str  # ISO 8601, as sent
    gradingProgress: GradingProgress
    scoreGiven: float | None = None
    scoreMaximum: float | None = None
    comment: str | None = None

    @property
    def held(self) -> bool:
        """Sent as awaiting the instructor's review (no score given)."""
        return self.gradingProgress is GradingProgress.PENDING_MANUAL


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
