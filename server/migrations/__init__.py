"""Alembic migrations of the server database; applied by ``serve`` and ``python -m server migrate``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from server.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(url: str) -> Config:
    """An Alembic configuration built in code, so no alembic.ini has to be found on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Percent signs in passwords would otherwise be read as interpolation.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision`` (creating it from empty if need be)."""
    _run(url, lambda config: command.upgrade(config, revision))


def downgrade(url: str, revision: str) -> None:
    _run(url, lambda config: command.downgrade(config, revision))


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest migration in this checkout (what ``upgrade`` brings a database to)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def _run(url: str, action) -> None:  # type: ignore[no-untyped-def]
    # Our engine, so that SQLite migrations run with the same pragmas as the server.
    engine = make_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:
                # A batch migration rebuilds a table and drops the old one; with foreign keys on, SQLite
                # first deletes every row that refers to it (ON DELETE CASCADE). Off while migrating (it
                # can only change outside a transaction); afterwards no reference may have broken.
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
                before = _broken_references(connection)
            with connection.begin():
                config = alembic_config(url)
                config.attributes["connection"] = connection
                action(config)
            if sqlite:
                broken = _broken_references(connection) - before
                if broken:
                    raise RuntimeError(f"the migration left rows that refer to nothing: {sorted(broken)[:5]}")
    finally:
        engine.dispose()


def _broken_references(connection) -> set[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    rows = {tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check").all()}
    connection.commit()
    return rows
