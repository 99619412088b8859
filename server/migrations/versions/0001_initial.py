"""Initial schema: version counter, records, tombstone horizons, users, tokens, push state, imports.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from server.tables: a migration must keep meaning what it
# meant when it was written, whatever the models become.
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(counters, [{"name": "version", "value": 0}])

    op.create_table(
        "records",
        sa.Column("collection", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("record_id", sa.String(200), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("data", JSON, nullable=True),
        sa.Column("updated_at", TIME, nullable=False),
    )
    op.create_index("ix_records_feed", "records", ["collection", "owner", "version", "record_id"])
    op.create_index("ix_records_tombstones", "records", ["deleted", "updated_at"])

    op.create_table(
        "tombstone_horizons",
        sa.Column("collection", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(64), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("record_id", sa.String(200), nullable=False),
    )

    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
    )

    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("pair_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("revoked_at", TIME, nullable=True),
    )
    op.create_index("ix_tokens_pair", "tokens", ["pair_id"])
    op.create_index("ix_tokens_user", "tokens", ["user_id"])

    op.create_table(
        "client_states",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", TIME, nullable=False),
    )

    op.create_table(
        "push_results",
        sa.Column("client_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True),
        sa.Column("op_id", sa.String(128), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id", "user_id"],
            ["client_states.client_id", "client_states.user_id"],
            ondelete="CASCADE",
        ),
    )

    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("imported_at", TIME, nullable=False),
        sa.Column("imported_by", sa.String(128), nullable=False),
        sa.Column("source", sa.String(1000), nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("counts", JSON, nullable=False),
        sa.Column("issues", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("imports", "push_results", "client_states", "tokens", "users", "tombstone_horizons"):
        op.drop_table(table)
    op.drop_index("ix_records_tombstones", table_name="records")
    op.drop_index("ix_records_feed", table_name="records")
    op.drop_table("records")
    op.drop_table("counters")
