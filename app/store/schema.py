"""The tables. Rapport's own (accounts, runs, turns, grades, coursework) and the ones Chainlit's data layer
writes.

Migrations (app/store/migrations) create exactly these; tests compare the two.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.domain.lti import Score
from app.domain.roles import Role as Role  # re-exported: app.store.accounts hands it on
from app.domain.trust_state import TrustState
from app.domain.turns import PreparedTurn, TurnRecord
from app.store.columns import EnumString, ModelJSON

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that comes back timezone-aware on SQLite too (which stores no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class RunStatus(StrEnum):
    """A run is played until it is graded ("End session"); a rewind makes an ended run active again."""

    ACTIVE = "active"
    ENDED = "ended"


class TurnStatus(StrEnum):
    """A turn is stored pending (the learner's words and the engine's decision) before the voice is asked,
    done once the client's reply is stored with it."""

    PENDING = "pending"
    DONE = "done"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(Base):
    """Someone who can log in. Learners may belong to an instructor, who then sees their runs."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(EnumString(Role, 16))
    password_hash: Mapped[str] = mapped_column(String(255))
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Login(Base):
    """One login: its id is in the login cookie, and the cookie works only while the login has not ended
    (logout ends it; a new password ends every login of the account)."""

    __tablename__ = "logins"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Run(Base):
    """One practice session. Its turns form a tree (rewind starts a new branch); `head_turn_id` is the tip
    of the branch in play, or None before the first turn of the current branch."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    persona_id: Mapped[str] = mapped_column(String(60))
    persona_name: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(Integer)
    opening: Mapped[str] = mapped_column(Text)
    # No foreign key: runs and turns would point at each other, which SQLite cannot add after the fact.
    head_turn_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[RunStatus] = mapped_column(EnumString(RunStatus, 16), default=RunStatus.ACTIVE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A second (third...) session with the same client: the run it follows (the learner's own, ended), its
    # number, and the engine's first state, carried over from that run (app/trust/carryover.py). No foreign
    # key, as for head_turn_id: SQLite cannot add one to an existing table.
    follows_run_id: Mapped[str | None] = mapped_column(String(36), index=True)
    session: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    start_state: Mapped[TrustState | None] = mapped_column(ModelJSON(TrustState))


class TurnRow(Base):
    """One learner turn. Written `pending` (the learner's words and the engine's decision) before the voice
    is called, then `done` with the coachee's reply."""

    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1-based learner turn number along its branch
    status: Mapped[TurnStatus] = mapped_column(EnumString(TurnStatus, 16))
    learner: Mapped[str] = mapped_column(Text)
    moves: Mapped[list[str]] = mapped_column(JSON)  # codebook move ids
    trust: Mapped[float] = mapped_column(Float)
    level: Mapped[int] = mapped_column(Integer)
    state: Mapped[TrustState] = mapped_column(ModelJSON(TrustState))  # the engine's state after this turn
    # The turn scored and directed, to finish it after a restart.
    prepared: Mapped[PreparedTurn] = mapped_column(ModelJSON(PreparedTurn))
    record: Mapped[TurnRecord | None] = mapped_column(ModelJSON(TurnRecord))  # once done
    coachee: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_turns_run_id_position", "run_id", "position"),)


class GradeRow(Base):
    """A graded branch: the report as shown and as data, with its evidence."""

    __tablename__ = "grades"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    head_turn_id: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(64))
    # Free-form on purpose: a run ended outside coursework keeps the practice report's data
    # (app/practice/report.py), a graded one the rubric grader's (app/grade/report.py) with the learner's
    # view inside; each reader validates the shape it reads (e.g. app/store/cohort_view.py).
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    markdown: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- coursework: cohorts, assignments (with pinned content), attempts, overrides -----------------------


class Cohort(Base):
    """A named group of learners an assignment can be set for."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CohortMember(Base):
    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AssignmentRow(Base):
    """What an instructor set. The persona and rubric are copied in as validated JSON with their sha256 when
    the assignment is made: attempts run and are graded from these copies, never from the files."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    instructions: Mapped[str] = mapped_column(Text)
    persona_id: Mapped[str] = mapped_column(String(60))
    persona_name: Mapped[str] = mapped_column(String(200))
    persona_sha256: Mapped[str] = mapped_column(String(64))
    # The pinned snapshots stay plain JSON: they are the content exactly as pinned, which their sha256 is of;
    # validating them on every read with today's models could change what was pinned. app/practice/pinning.py
    # validates them into a Persona and a Rubric when an attempt runs or is graded.
    persona_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    rubric_id: Mapped[str] = mapped_column(String(60))
    rubric_version: Mapped[int] = mapped_column(Integer)
    rubric_sha256: Mapped[str] = mapped_column(String(64))
    rubric_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    pass_mark: Mapped[float] = mapped_column(Float)
    attempts_allowed: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late_allowed: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AssignedLearner(Base):
    __tablename__ = "assignment_learners"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AssignedCohort(Base):
    __tablename__ = "assignment_cohorts"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AttemptRow(Base):
    """A learner's attempt at an assignment: one run. `score`/`passed` are the grader's, set once when the
    attempt is submitted and never changed (overrides go beside them)."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), unique=True)
    number: Mapped[int] = mapped_column(Integer)  # 1-based, per learner and assignment
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    late: Mapped[bool] = mapped_column(Boolean)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)

    # Two tabs starting attempts at once cannot both take the same number (nor go past the limit).
    __table_args__ = (UniqueConstraint("assignment_id", "account_id", "number"),)


class GradeOverride(Base):
    """An instructor's change to an attempt's grade: who, when, why. The latest one counts."""

    __tablename__ = "grade_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# --- LTI 1.3: the tool's keys, registered platforms, linked accounts, one-use nonces, grade passback ---------


class LtiKey(Base):
    """One of the tool's RSA key pairs. The newest unretired one signs; retired ones stay listed in the JWKS
    for a while so that messages signed just before a rotation still verify."""

    __tablename__ = "lti_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kid: Mapped[str] = mapped_column(String(100), unique=True)
    private_pem: Mapped[str] = mapped_column(Text)
    public_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LtiPlatform(Base):
    """An LMS registration: who may launch Rapport, and where its keys, login and tokens are."""

    __tablename__ = "lti_platforms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer: Mapped[str] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(255))
    auth_login_url: Mapped[str] = mapped_column(Text)
    token_url: Mapped[str] = mapped_column(Text)
    jwks_url: Mapped[str] = mapped_column(Text)
    deployment_ids: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("issuer", "client_id"),)


class LtiNonce(Base):
    """The nonce of an OIDC login Rapport started: a launch may use it once."""

    __tablename__ = "lti_nonces"

    nonce: Mapped[str] = mapped_column(String(128), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LtiAccount(Base):
    """A Rapport account linked to an LMS user (the platform's `sub`)."""

    __tablename__ = "lti_accounts"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(255))

    __table_args__ = (UniqueConstraint("platform_id", "subject"),)


class LtiGradeTarget(Base):
    """Where a learner's score at an assignment goes: the line item of their latest launch into it."""

    __tablename__ = "lti_grade_targets"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    platform_id: Mapped[int] = mapped_column(ForeignKey("lti_platforms.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(255))
    lineitem_url: Mapped[str] = mapped_column(Text)
    scopes: Mapped[list[str]] = mapped_column(JSON)


class LtiReview(Base):
    """An assignment whose grades go to the LMS as "pending review" until an instructor confirms them."""

    __tablename__ = "lti_reviews"

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), primary_key=True
    )
    hold: Mapped[bool] = mapped_column(Boolean)


class LtiConfirmation(Base):
    """An instructor confirmed an attempt's grade in the gradebook: it is released to the LMS."""

    __tablename__ = "lti_confirmations"

    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LtiOutbox(Base):
    """A score on its way to an LMS. Written in the transaction that changed the grade; sent (and retried
    with back-off) by a background task, so an LMS outage never holds up a learner."""

    __tablename__ = "lti_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"), index=True)
    score: Mapped[Score] = mapped_column(ModelJSON(Score, exclude_none=True))  # as sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


# Chainlit's SQLAlchemyDataLayer sends raw SQL against these (quoted camelCase columns). JSON values are
# stored as text on every database, so one data layer serves SQLite and PostgreSQL alike.
metadata = Base.metadata


def _text(*names: str) -> list[Column[Any]]:
    return [Column(name, Text) for name in names]


chainlit_users = Table(
    "users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("identifier", String(255), nullable=False, unique=True),
    Column("metadata", Text, nullable=False),
    Column("createdAt", Text),
)
chainlit_threads = Table(
    "threads",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("userId", String(36), ForeignKey("users.id", ondelete="CASCADE"), index=True),
    *_text("createdAt", "name", "userIdentifier", "tags", "metadata"),
)
chainlit_steps = Table(
    "steps",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("threadId", String(36), ForeignKey("threads.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("parentId", String(36)),
    Column("streaming", Boolean, nullable=False),
    Column("waitForAnswer", Boolean),
    Column("isError", Boolean),
    Column("indent", Integer),
    Column("defaultOpen", Boolean),
    Column("autoCollapse", Boolean),
    *_text("metadata", "tags", "input", "output", "createdAt", "command", "modes", "start", "end"),
    *_text("generation", "showInput", "language"),
)
chainlit_elements = Table(
    "elements",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("threadId", String(36), ForeignKey("threads.id", ondelete="CASCADE"), index=True),
    Column("name", Text, nullable=False),
    Column("page", Integer),
    Column("autoPlay", Boolean),
    *_text("type", "url", "chainlitKey", "display", "objectKey", "size", "language", "forId", "mime"),
    *_text("props", "playerConfig"),
)
chainlit_feedbacks = Table(
    "feedbacks",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("forId", String(36), nullable=False),
    Column("threadId", String(36), ForeignKey("threads.id", ondelete="CASCADE"), nullable=False),
    Column("value", Integer, nullable=False),
    Column("comment", Text),
)
