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
    "token_families",
    "sign_in_attempts",
    "known_sign_ins",
    "user_usage",
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


def test_sessions_records_and_names_of_a_0001_database_survive_the_upgrade(db_url: str) -> None:
    migrations.upgrade(db_url, "0001")
    engine = sa.create_engine(db_url)
    at = "2026-11-28 10:00:00"
    try:
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO users (id, username, password_hash, role, disabled, created_at) VALUES "
                    "(1, 'علي', 'h', 'member', false, :at), (2, 'ali', 'h', 'member', false, :at)"
                ),
                {"at": at},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO tokens (token_hash, kind, pair_id, user_id, created_at, expires_at) VALUES "
                    "('a1', 'access', 'p1', 1, :at, :at), ('r1', 'refresh', 'p1', 1, :at, :at)"
                ),
                {"at": at},
            )
            connection.execute(
                sa.text("INSERT INTO client_states (client_id, user_id, last_seq, updated_at) VALUES ('c', 1, 1, :at)"),
                {"at": at},
            )
            connection.execute(
                sa.text(
                    "INSERT INTO records (collection, owner, record_id, version, deleted, data, updated_at) VALUES "
                    "('notes', '1', 'n1', 1, false, :data, :at)"
                ),
                {"data": '{"text": "یادداشت"}', "at": at},
            )
    finally:
        engine.dispose()

    migrations.upgrade(db_url)

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            tokens = connection.execute(sa.text("SELECT token_hash, family_id FROM tokens ORDER BY token_hash")).all()
            families = connection.execute(sa.text("SELECT id, user_id FROM token_families")).all()
            states = connection.execute(sa.text("SELECT count(*) FROM client_states")).scalar_one()
            usage = connection.execute(
                sa.text("SELECT user_id, records, bytes FROM user_usage WHERE user_id = 1")
            ).one()
            names = connection.execute(sa.text("SELECT id, username FROM users ORDER BY id")).all()
    finally:
        engine.dispose()
    assert [tuple(t) for t in tokens] == [("a1", "p1"), ("r1", "p1")]  # no cascade while users was rebuilt
    assert [tuple(f) for f in families] == [("p1", 1)]
    assert states == 1
    assert usage[1] == 1 and usage[2] == len('{"text":"یادداشت"}'.encode())
    assert [tuple(n) for n in names] == [(1, "علی"), (2, "ali")]  # Arabic yeh folded to Persian
