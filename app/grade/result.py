"""What grading a run produces. `Grade` is the full result the report builds on; `GradeContract` is the exact
shape `rapport grade --json` prints (scripts outside the project depend on it: change it only additively)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.grade.metrics import MetricValue
from app.grade.rubric import Level

TURN_DOC = (
    "Index of the cited turn in the transcript's `turns` list, 0-based (coach and client turns both count)."
)
LEARNER_TURN_DOC = (
    "The cited coach turn's number as people read it (the practice app, the trust timeline, the report): "
    "1 for the coach's first turn, 2 for their second, and so on."
)


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0, description=TURN_DOC)
    quote: str = Field(description="An exact substring of that turn's text (a coach turn).")
    learner_turn: int | None = Field(default=None, ge=1, description=LEARNER_TURN_DOC)


class CriterionResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    competency: str
    weight: float
    required: bool
    level: Level
    score: float | None  # 0-100; None when not applicable
    evidence: list[Evidence]
    feedback: str
    reason: str  # why this level, in a phrase
    weakest: Evidence | None = None  # the moment the better phrasing is for
    better: str | None = None


class BlockingHit(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    turn: int = Field(ge=0, description=TURN_DOC)
    quote: str
    feedback: str
    better: str
    learner_turn: int | None = Field(default=None, ge=1, description=LEARNER_TURN_DOC)


class Grade(BaseModel):
    model_config = ConfigDict(frozen=True)

    rubric: str
    rubric_title: str
    pass_mark: float
    score: float
    passed: bool
    criteria: list[CriterionResult]
    blocking: list[BlockingHit]
    metrics: dict[str, MetricValue]
    verdict: list[str]  # why the run passed or did not, one reason a line
    from_records: bool

    def contract(self) -> GradeContract:
        return GradeContract(
            rubric=self.rubric,
            score=self.score,
            passed=self.passed,
            criteria=[
                CriterionContract(
                    id=c.id, level=c.level, score=c.score, evidence=c.evidence, feedback=c.feedback
                )
                for c in self.criteria
            ],
            blocking=[
                BlockingContract(id=b.id, turn=b.turn, quote=b.quote, learner_turn=b.learner_turn)
                for b in self.blocking
            ],
            metrics=self.metrics,
        )


class CriterionContract(BaseModel):
    id: str
    level: Level = Field(description="not_evident, partial, consistent or not_applicable.")
    score: float | None = Field(
        description="0-100 for this criterion (0, 50 or 100); null when not applicable."
    )
    evidence: list[Evidence] = Field(description="Coach turns that show the level, each with an exact quote.")
    feedback: str = Field(
        description="Mentor-style: the behaviour, its effect on the client, a better phrasing."
    )


class BlockingContract(BaseModel):
    id: str = Field(description="Blocking rule id, e.g. confidentiality-breach.")
    turn: int = Field(ge=0, description=TURN_DOC)
    quote: str = Field(description="An exact substring of that turn's text.")
    learner_turn: int | None = Field(default=None, ge=1, description=LEARNER_TURN_DOC)


class GradeContract(BaseModel):
    """One graded transcript, as `rapport grade --json` prints it (one object per line, one line per file)."""

    rubric: str = Field(description="Rubric id.")
    score: float = Field(ge=0, le=100, description="Weighted score of the applicable criteria, 0-100.")
    passed: bool = Field(
        description="Score at or above the pass mark, no required criterion missing, no blocking error."
    )
    criteria: list[CriterionContract]
    blocking: list[BlockingContract] = Field(description="Errors that fail the run whatever the score.")
    metrics: dict[str, MetricValue] = Field(description="Countable metrics with their good/fair/weak bands.")
