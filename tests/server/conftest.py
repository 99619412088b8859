"""Fixtures for the server tests: a live API per test on SQLite and on PostgreSQL, signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.server.helpers import PASSWORD, Api
from tests.support.live_server import LiveServer, start_live_server


# ---- databases and servers ---------------------------------------------------------------------------
@pytest.fixture
def server_env() -> dict[str, str]:
    """Extra ``ZANJIREH_*`` settings; a test overrides it with ``@pytest.mark.parametrize``."""
    return {}


@pytest.fixture
def live_server(db_url: str, server_env: dict[str, str]) -> Iterator[LiveServer]:
    with start_live_server(db_url, server_env) as server:
        yield server


@pytest.fixture
def make_api(live_server: LiveServer) -> Iterator[Callable[..., Api]]:
    """``make_api("ali", role="member")`` creates the user (real CLI) and returns a signed-in client."""
    made: list[Api] = []

    def make(username: str | None = None, role: str = "member", *, sign_in: bool = True) -> Api:
        api = Api(live_server.url)
        made.append(api)
        if username is not None:
            live_server.create_user(username, role, PASSWORD)
            if sign_in:
                api.sign_in(username)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def member(make_api: Callable[..., Api]) -> Api:
    return make_api("member1")
