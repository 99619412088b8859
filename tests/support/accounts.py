"""Databases that start with accounts the real CLI made, copied per test instead of made again.

Making an account is a ``python -m server create-user`` process: start-up, migrations and argon2, about 2 s of CPU
(10 s of wall time on a loaded machine), and the tests of ``tests/server`` and ``tests/sync_e2e`` make one to three
before their first request. Here each set of accounts is made once per worker (per backend and server settings)
into a template database with that same CLI, and each test's own fresh database becomes a copy of it: a SQLite
backup, or PostgreSQL's ``CREATE DATABASE … TEMPLATE``. The test still has a database of its own holding exactly
what the CLI wrote, and its server is started on it as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.support.postgres import PostgresCluster

#: (username, role) pairs, in the order the CLI makes them.
Accounts = tuple[tuple[str, str], ...]


class AccountTemplates:
    """Template databases by (backend, accounts, server settings), made on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[tuple[str, Accounts, tuple[tuple[str, str], ...]], str] = {}

    def fill(
        self, url: str, accounts: Accounts, password: str, env: dict[str, str], cluster: PostgresCluster | None
    ) -> None:
        """Give the new, empty database at ``url`` the ``accounts`` (all with ``password``) as the CLI makes them
        under ``env``; ``cluster`` is the PostgreSQL holding ``url``, None for SQLite."""
        key = (url.partition(":")[0], accounts, tuple(sorted(env.items())))
        if key not in self.made:
            self.made[key] = self._make(accounts, password, env, cluster)
        if cluster is None:
            import sqlite3

            source = sqlite3.connect(self.made[key].removeprefix("sqlite:///"))
            target = sqlite3.connect(url.removeprefix("sqlite:///"))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            cluster.refill_from(url, self.made[key])

    def _make(self, accounts: Accounts, password: str, env: dict[str, str], cluster: PostgresCluster | None) -> str:
        if cluster is None:
            url = f"sqlite:///{self.folder / f'accounts-{len(self.made)}.sqlite3'}"
        else:
            url = cluster.create_database("zanjireh_accounts")
        with LiveServer(url, env) as cli:  # its command line only: no server is started
            for username, role in accounts:
                cli.create_user(username, role, password)
        return url


def cluster_for(request: pytest.FixtureRequest, url: str) -> PostgresCluster | None:
    """The worker's PostgreSQL when ``url`` is one of its databases; None for SQLite."""
    return None if url.startswith("sqlite") else request.getfixturevalue("postgres_cluster")
