"""Fixtures for the hardening tests: one live server per module with an account of every role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.world import World, create_accounts, seed
from tests.support.live_server import start_live_server


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A server on SQLite (started first, so that it creates its schema), seeded, with every actor's account."""
    folder: Path = tmp_path_factory.mktemp("hardening")
    db_url = f"sqlite:///{folder / 'server.sqlite3'}"
    # The limiter would answer the fuzzer's sign-ins 429 after ten; the matrix needs the real answers.
    with start_live_server(db_url, {"ZANJIREH_LOGIN_MAX_FAILURES": "100"}) as server:
        seed(db_url)
        create_accounts(db_url)
        built = World(server)
        yield built
        built.close()
