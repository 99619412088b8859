"""Token families, user ids never reused, the sign-in limiter's state, per-user usage, one spelling per username.

- ``token_families``: every token of one sign-in; existing tokens each get the family of their pair,
  ending 90 days after it began (the default absolute session lifetime).
- ``users`` is rebuilt with AUTOINCREMENT on SQLite so a deleted user's id is never handed out again.
- ``sign_in_attempts`` and ``known_sign_ins``: the limiter's state, shared by every server process.
- ``user_usage``: live records and bytes per user, filled from the records there are.
- Usernames are re-normalised (Arabic letter forms folded to Persian, invisible characters dropped),
  unless that would merge two accounts; those are left as they are and named in the log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)
SESSION_DAYS = 90
USER_COLLECTIONS = ("favourites", "notes")
log = logging.getLogger("alembic.runtime.migration")

# The username rule as it was when this migration was written (a migration must keep its meaning).
_FOLDS = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0629": "\u0647", "\u06d5": "\u0647",
     "\u06c1": "\u0647", "\u0671": "\u0627", "\u0625": "\u0627", "\u0623": "\u0627", "\u0622": "\u0627"}
)  # fmt: skip
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def _normalised(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ")
    return unicodedata.normalize("NFC", text.translate(_FOLDS).translate(_DIGITS))


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _bind(value: dt.datetime, dialect: str) -> dt.datetime:
    # server.tables.UTCDateTime stores naive UTC on SQLite, aware elsewhere.
    value = _as_utc(value)
    return value.replace(tzinfo=None) if dialect == "sqlite" else value


def upgrade() -> None:
    connection = op.get_bind()
    dialect = connection.dialect.name

    families = op.create_table(
        "token_families",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("revoked_at", TIME, nullable=True),
        sa.Column("revoked_reason", sa.String(32), nullable=True),
    )
    op.create_index("ix_token_families_user", "token_families", ["user_id"])
    pairs = connection.execute(
        sa.text("SELECT pair_id, MIN(user_id), MIN(created_at), MAX(revoked_at) FROM tokens GROUP BY pair_id")
    ).all()
    rows = []
    for pair_id, user_id, created_at, revoked_at in pairs:
        created = created_at if isinstance(created_at, dt.datetime) else dt.datetime.fromisoformat(str(created_at))
        revoked = None
        if revoked_at is not None:
            revoked = revoked_at if isinstance(revoked_at, dt.datetime) else dt.datetime.fromisoformat(str(revoked_at))
        rows.append(
            {
                "id": pair_id,
                "user_id": user_id,
                "created_at": _bind(created, dialect),
                "expires_at": _bind(created + dt.timedelta(days=SESSION_DAYS), dialect),
                "revoked_at": None if revoked is None else _bind(revoked, dialect),
                "revoked_reason": None if revoked is None else "sign_out",
            }
        )
    if rows:
        op.bulk_insert(families, rows)
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("family_id", sa.String(32), nullable=True))
    connection.execute(sa.text("UPDATE tokens SET family_id = pair_id"))
    with op.batch_alter_table("tokens") as batch:
        batch.alter_column("family_id", existing_type=sa.String(32), nullable=False)
        batch.create_foreign_key(
            "fk_tokens_family_id_token_families", "token_families", ["family_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_tokens_family", ["family_id"])

    if dialect == "sqlite":
        # AUTOINCREMENT is part of the table's definition: SQLite needs the table rebuilt.
        with op.batch_alter_table("users", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass

    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sign_in_attempts_address", "sign_in_attempts", ["address", "at"])
    op.create_index("ix_sign_in_attempts_pair", "sign_in_attempts", ["username", "address", "at"])
    op.create_index("ix_sign_in_attempts_at", "sign_in_attempts", ["at"])
    op.create_table(
        "known_sign_ins",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("address", sa.String(64), primary_key=True),
        sa.Column("last_at", TIME, nullable=False),
    )

    usage = op.create_table(
        "user_usage",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
    )
    users = {str(row[0]): int(row[0]) for row in connection.execute(sa.text("SELECT id FROM users"))}
    totals: dict[int, list[int]] = {user_id: [0, 0] for user_id in users.values()}
    live = connection.execute(
        sa.text(
            "SELECT owner, data FROM records WHERE owner <> '' AND deleted = :no AND collection IN :names"
        ).bindparams(sa.bindparam("no", False), sa.bindparam("names", expanding=True, value=list(USER_COLLECTIONS)))
    )
    for owner, data in live:
        if owner in users:
            value = json.loads(data) if isinstance(data, str) else data
            totals[users[owner]][0] += 1
            totals[users[owner]][1] += len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
    if totals:
        op.bulk_insert(usage, [{"user_id": u, "records": r, "bytes": b} for u, (r, b) in totals.items()])

    names = {row[1]: row[0] for row in connection.execute(sa.text("SELECT id, username FROM users"))}
    taken = set(names)
    for name, user_id in sorted(names.items(), key=lambda item: item[1]):
        better = _normalised(name)
        if better == name:
            continue
        if better in taken:
            log.warning("username %r (user %s) is left as it is: %r exists", name, user_id, better)
            continue
        connection.execute(sa.text("UPDATE users SET username = :new WHERE id = :id"), {"new": better, "id": user_id})
        taken.discard(name)
        taken.add(better)


def downgrade() -> None:
    op.drop_table("user_usage")
    op.drop_table("known_sign_ins")
    op.drop_index("ix_sign_in_attempts_at", table_name="sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_pair", table_name="sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_address", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_index("ix_tokens_family")
        batch.drop_constraint("fk_tokens_family_id_token_families", type_="foreignkey")
        batch.drop_column("family_id")
    op.drop_index("ix_token_families_user", table_name="token_families")
    op.drop_table("token_families")
    # users keeps AUTOINCREMENT on SQLite: ids that were never reused stay that way.
