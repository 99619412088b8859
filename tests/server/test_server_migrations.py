"""Migrations: from an empty database on both backends, idempotent, reversible, matching the tables."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server import migrations
from server.tables import Base
from tests.support.live_server import REPO_ROOT, server_env

TABLES = {
    "counters",
    "records",
    "tombstone_horizons",
    "users",
    "tokens",
    "client_states",
    "push_results",
    "imports",
}


def table_names(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrations_run_on_an_empty_database(db_url: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "server", "migrate"],
        cwd=REPO_ROOT,
        env=server_env(db_url),
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert f"at migration {migrations.head_revision()}" in completed.stdout
    assert table_names(db_url) >= TABLES
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            counter = connection.execute(sa.text("SELECT value FROM counters WHERE name = 'version'")).scalar_one()
    finally:
        engine.dispose()
    assert counter == 0


def test_migrating_twice_changes_nothing(db_url: str) -> None:
    migrations.upgrade(db_url)
    migrations.upgrade(db_url)

    assert migrations.current_revision(db_url) == migrations.head_revision()


def test_migrations_can_be_undone_and_redone(db_url: str) -> None:
    migrations.upgrade(db_url)
    migrations.downgrade(db_url, "base")

    assert not (TABLES & table_names(db_url))
    migrations.upgrade(db_url)
    assert table_names(db_url) >= TABLES


def test_tables_match_the_migrations(db_url: str) -> None:
    migrations.upgrade(db_url)

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()

    assert differences == []
