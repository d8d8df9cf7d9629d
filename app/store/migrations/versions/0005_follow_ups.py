"""follow-ups: a run can be the next session with the same client after one of the learner's ended runs

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 02:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follows_run_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("session", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("start_state", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_runs_follows_run_id"), ["follows_run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_follows_run_id"))
        batch_op.drop_column("start_state")
        batch_op.drop_column("session")
        batch_op.drop_column("follows_run_id")
