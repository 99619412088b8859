"""Engine and session factory: SQLite gets WAL, foreign keys, a busy timeout and immediate writers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

_WRITE_OPTION = "zanjireh_write"


class Database:
    """One engine plus two kinds of transactions: consistent reads and serialised writes.

    Writers must never interleave their version counter use. PostgreSQL gets that from the counter
    row lock; SQLite from ``BEGIN IMMEDIATE``, which takes the write lock at the start instead of
    failing half-way with "database is locked" when a reader upgrades. Readers get one snapshot for
    the whole request (REPEATABLE READ on PostgreSQL, a deferred transaction on SQLite), so a page,
    the counter and the tombstone horizon are read as of one instant.
    """

    def __init__(
        self, url: str, *, sqlite_busy_timeout_ms: int = 30_000, echo: bool = False, pool: PoolSize | None = None
    ) -> None:
        self.url = url
        self.engine = make_engine(url, sqlite_busy_timeout_ms=sqlite_busy_timeout_ms, echo=echo, pool=pool)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        write_bind = self.engine.execution_options(**{_WRITE_OPTION: True})
        read_bind = self.engine
        if not self.is_sqlite:
            read_bind = self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._reader = sessionmaker(bind=read_bind, expire_on_commit=False, autoflush=False)
        self._writer = sessionmaker(bind=write_bind, expire_on_commit=False, autoflush=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction with one consistent snapshot."""
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction, committed when the block ends without an exception."""
        with self._writer() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class PoolSize:
    """A server database's connection pool (``ZANJIREH_DB_POOL_*``; SQLAlchemy's defaults are 5, 10 and 30 s)."""

    size: int = 16
    overflow: int = 4
    timeout_seconds: float = 30.0

    @property
    def most(self) -> int:
        """The most connections one process may hold at once."""
        return self.size + self.overflow


def make_engine(
    url: str, *, sqlite_busy_timeout_ms: int = 30_000, echo: bool = False, pool: PoolSize | None = None
) -> Engine:
    """An engine for ``url``; for SQLite the connection is set up for many readers and one writer."""
    if not url.startswith("sqlite"):
        pool = pool or PoolSize()
        return sa.create_engine(url, echo=echo, pool_pre_ping=True, pool_size=pool.size,
                                max_overflow=pool.overflow, pool_timeout=pool.timeout_seconds)  # fmt: skip
    connect_args: dict[str, Any] = {
        "timeout": sqlite_busy_timeout_ms / 1000,
        # Requests run on worker threads; a connection is only ever used by one at a time.
        "check_same_thread": False,
    }
    sizes: dict[str, Any] = {}
    if pool is not None and sa.engine.make_url(url).database not in (None, "", ":memory:"):
        # A file database pools like PostgreSQL (an in-memory one has a connection per thread).
        sizes = {"pool_size": pool.size, "max_overflow": pool.overflow, "pool_timeout": pool.timeout_seconds}
    engine = sa.create_engine(url, echo=echo, connect_args=connect_args, **sizes)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so that BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(sqlite_busy_timeout_ms)}")
            # NORMAL could lose the last commits on power loss; an acknowledged push must not be.
            cursor.execute("PRAGMA synchronous=FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite file database (the default data folder may not exist yet)."""
    if not url.startswith("sqlite"):
        return
    database = sa.engine.make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
