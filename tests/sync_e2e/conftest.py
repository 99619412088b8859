"""Real servers on loopback ports and client devices that sync with them."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from sync.api_client import ApiClient
from sync.engine import CycleResult, SyncEngine
from sync.store import LocalStore
from tests.support.accounts import AccountTemplates, cluster_for
from tests.support.live_server import LiveServer
from tests.sync_e2e.faults import FaultPlan, FaultyTransport

T = TypeVar("T")
PASSWORD = "correct horse battery"


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


class Device:
    """One installation of the app: its own data folder, store and sync engine."""

    def __init__(self, folder: Path, server: LiveServer, **engine_options: Any) -> None:
        self.folder = folder
        self.server = server
        self.plan = FaultPlan()
        self.store = LocalStore.open(folder)
        options = {"rng": random.Random(7), **engine_options}
        self.engine = SyncEngine(
            self.store, client_factory=lambda url: ApiClient(url, transport=FaultyTransport(self.plan)), **options
        )

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        run(self.engine.sign_in(self.server.url, username, password))

    def sync(self) -> CycleResult:
        return run(self.engine.sync_once("test"))

    def reopen(self) -> Device:
        """The app restarted: a new process opens the same data folder."""
        self.store.close()
        return Device(self.folder, self.server)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def server_env() -> dict[str, str]:
    """Extra ``ZANJIREH_*`` settings for the server; tests override it."""
    return {}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    """SQLite by default; the tests that must run on both backends parametrize ``backend``."""
    yield f"sqlite:///{tmp_path / 'server.sqlite3'}"


#: The accounts every test's server starts with (made by the real CLI, copied from a template database:
#: tests/support/accounts.py): ``ali`` (member) and ``sara`` (field staff).
ACCOUNTS = (("ali", "member"), ("sara", "field_staff"))


@pytest.fixture(scope="session")
def account_templates(tmp_path_factory: pytest.TempPathFactory) -> AccountTemplates:
    return AccountTemplates(tmp_path_factory.mktemp("accounts"))


@pytest.fixture
def server(
    request: pytest.FixtureRequest, database: str, server_env: dict[str, str], account_templates: AccountTemplates
) -> Iterator[LiveServer]:
    account_templates.fill(database, ACCOUNTS, PASSWORD, server_env, cluster_for(request, database))
    live = LiveServer(database, server_env).start()
    yield live
    live.close()


@pytest.fixture
def any_server(
    request: pytest.FixtureRequest, db_url: str, server_env: dict[str, str], account_templates: AccountTemplates
) -> Iterator[LiveServer]:
    """The same test on SQLite and on PostgreSQL."""
    account_templates.fill(db_url, ACCOUNTS, PASSWORD, server_env, cluster_for(request, db_url))
    live = LiveServer(db_url, server_env).start()
    yield live
    live.close()


@pytest.fixture
def devices(tmp_path: Path, server: LiveServer) -> Iterator[Any]:
    made: list[Device] = []

    def make(name: str = "phone", **options: Any) -> Device:
        device = Device(tmp_path / name, server, **options)
        made.append(device)
        return device

    yield make
    for device in made:
        device.store.close()
