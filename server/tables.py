"""The database tables as SQLAlchemy 2 typed ORM classes (migrations in ``server/migrations``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


#: JSON everywhere, JSONB on PostgreSQL (smaller, and compared by value).
JsonData = sa.JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime(), dict[str, Any]: JsonData}


class Counter(Base):
    """The one version counter; its row is locked by every writer until commit."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger)


class Record(Base):
    """A reference record (owner ``''``) or a user record (owner = the user's id), live or tombstone."""

    __tablename__ = "records"
    __table_args__ = (
        # The feed: one collection of one owner in (version, record_id) order.
        sa.Index("ix_records_feed", "collection", "owner", "version", "record_id"),
        # Tombstone purges look for old deletions.
        sa.Index("ix_records_tombstones", "deleted", "updated_at"),
    )

    collection: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger)
    deleted: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    data: Mapped[dict[str, Any] | None] = mapped_column(JsonData, nullable=True)
    #: Server clock; for display and tombstone retention, never for ordering.
    updated_at: Mapped[dt.datetime]


class TombstoneHorizon(Base):
    """The highest (version, record_id) of purged tombstones in one feed: older cursors get 410."""

    __tablename__ = "tombstone_horizons"

    collection: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger)
    record_id: Mapped[str] = mapped_column(sa.String(200))


class User(Base):
    #: AUTOINCREMENT on SQLite: a deleted user's id is never handed out again (user records name their
    #: owner by id, so a reused id would inherit whatever was left of them). PostgreSQL's sequence never reuses.
    __tablename__ = "users"
    __table_args__: ClassVar[dict[str, Any]] = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16))
    #: The organisation the account works for (models/orgs.py); null for accounts made before them.
    org_id: Mapped[str | None] = mapped_column(sa.String(64), nullable=True)
    disabled: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[dt.datetime]


class TokenFamily(Base):
    """Every token of one sign-in, refreshed in turn: revoked together on refresh-token reuse, sign-out,
    or by an admin, and never valid past ``expires_at`` however often it is refreshed."""

    __tablename__ = "token_families"
    __table_args__ = (sa.Index("ix_token_families_user", "user_id"),)

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    #: sign_out | refresh_reused | revoked | disabled | password_reset
    revoked_reason: Mapped[str | None] = mapped_column(sa.String(32))


class Token(Base):
    """An access or refresh token, stored as the SHA-256 of the random string handed out."""

    __tablename__ = "tokens"
    __table_args__ = (
        sa.Index("ix_tokens_pair", "pair_id"),
        sa.Index("ix_tokens_user", "user_id"),
        sa.Index("ix_tokens_family", "family_id"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(8))  # access | refresh
    #: The access and refresh token issued together share a pair id (logout revokes both).
    pair_id: Mapped[str] = mapped_column(sa.String(32))
    family_id: Mapped[str] = mapped_column(sa.ForeignKey("token_families.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class ClientState(Base):
    """The push sequence of one install (client_id) for one user."""

    __tablename__ = "client_states"

    client_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    updated_at: Mapped[dt.datetime]


class PushResult(Base):
    """The answer given to one consumed op, returned again when the op is replayed."""

    __tablename__ = "push_results"
    __table_args__ = (
        sa.ForeignKeyConstraint(
            ["client_id", "user_id"],
            ["client_states.client_id", "client_states.user_id"],
            ondelete="CASCADE",
        ),
    )

    client_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(sa.BigInteger, primary_key=True)
    op_id: Mapped[str] = mapped_column(sa.String(128))
    result: Mapped[dict[str, Any]] = mapped_column(JsonData)
    created_at: Mapped[dt.datetime]


class UserUsage(Base):
    """What one user's live records take, kept with every write: the per-user quota reads it."""

    __tablename__ = "user_usage"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    records: Mapped[int] = mapped_column(sa.Integer, default=0)
    bytes: Mapped[int] = mapped_column(sa.BigInteger, default=0)


class SignInAttempt(Base):
    """A sign-in being checked (``pending``) or that failed, counted by the limiter in every server process."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        sa.Index("ix_sign_in_attempts_address", "address", "at"),
        sa.Index("ix_sign_in_attempts_pair", "username", "address", "at"),
        sa.Index("ix_sign_in_attempts_at", "at"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(sa.String(200))  # as normalised, whether or not it exists
    address: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[dt.datetime]
    outcome: Mapped[str] = mapped_column(sa.String(8))  # pending | failed


class KnownSignIn(Base):
    """A user signed in successfully from an address: the address's own limit does not lock them out."""

    __tablename__ = "known_sign_ins"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    address: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    last_at: Mapped[dt.datetime]


class Import(Base):
    """Audit trail of reference-data imports."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[dt.datetime]
    imported_by: Mapped[str] = mapped_column(sa.String(128))
    source: Mapped[str] = mapped_column(sa.String(1000))
    version: Mapped[int] = mapped_column(sa.BigInteger)
    #: ``{"plants": {"added": 3, "changed": 1, "removed": 0, "unchanged": 43}, ...}``
    counts: Mapped[dict[str, Any]] = mapped_column(JsonData)
    issues: Mapped[int] = mapped_column(sa.Integer)


VERSION_COUNTER = "version"


class Attachment(Base):
    """A photo uploaded by content hash: how far its upload has got, and what it is once complete."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    length: Mapped[int] = mapped_column(sa.BigInteger)
    #: Bytes received and committed; the partial file is cut back to this before each append.
    offset: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    mime: Mapped[str | None] = mapped_column(sa.String(40), nullable=True)
    width: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(sa.Integer, nullable=True)
    #: The account that started the upload (it may read the photo back; staff read any).
    uploaded_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
