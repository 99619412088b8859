"""Fixtures shared by every test (where the reference data is, a throwaway PostgreSQL, a database per test) and
how the suite is spread over pytest-xdist workers (docs/testing.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.parallel import XdistGroups, mark_for_workers
from tests.support.postgres import PostgresCluster, PostgresUnavailable

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistGroups(), "zanjireh-xdist-groups")
    else:  # xdist registers its mark itself; without it (-p no:xdist) the groups given at collection are harmless
        config.addinivalue_line("markers", "xdist_group(name): tests that run on one xdist worker")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups (it names each test after its group then)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests are slow; tests sharing a module's server or browser stay on one worker, all browser
    tests on the same one (tests/support/parallel.py)."""
    mark_for_workers(items)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the project (read in place, never copied)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL for the whole run (server and client tests share it)."""
    try:
        cluster = PostgresCluster.start()
    except PostgresUnavailable as error:
        pytest.skip(f"PostgreSQL tests skipped: {error}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for one test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)
