"""Accounts belong to an organisation: users.org_id (a GEM entity id, a supplier id or 'association').

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # nullable: accounts made before organisations keep working and see what everyone sees
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("org_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("org_id")
