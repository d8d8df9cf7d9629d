"""What Rapport keeps of its LMS link, as plain types: the AGS Score messages it sends and its signing keys.
The LTI service (app/lti) makes and sends them; the store (app/store/lti.py) keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


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


@dataclass(frozen=True)
class KeyPair:
    """An RSA signing key pair as PEM; `kid` is its RFC 7638 thumbprint."""

    kid: str
    private_pem: str
    public_pem: str
