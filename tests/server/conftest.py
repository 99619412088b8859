"""Fixtures for the server tests: a live API per test on SQLite and on PostgreSQL, signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.server.helpers import PASSWORD, Api
from tests.support.accounts import Accounts, AccountTemplates, cluster_for
from tests.support.live_server import LiveServer, start_live_server


# ---- databases and servers ---------------------------------------------------------------------------
@pytest.fixture
def server_env() -> dict[str, str]:
    """Extra ``ZANJIREH_*`` settings; a test overrides it with ``@pytest.mark.parametrize``."""
    return {}


@pytest.fixture(scope="session")
def account_templates(tmp_path_factory: pytest.TempPathFactory) -> AccountTemplates:
    return AccountTemplates(tmp_path_factory.mktemp("accounts"))


#: The account of the ``member`` fixture.
MEMBER = ("member1", "member")


@pytest.fixture
def premade(request: pytest.FixtureRequest) -> Accounts:
    """The accounts the test's database starts with: ``member1`` where the test asks for ``member``, which would
    make it with the CLI first thing anyway. It is made by that CLI once per worker and copied
    (tests/support/accounts.py), not made again for every test."""
    return (MEMBER,) if "member" in request.fixturenames else ()


@pytest.fixture
def live_server(
    request: pytest.FixtureRequest,
    db_url: str,
    server_env: dict[str, str],
    premade: Accounts,
    account_templates: AccountTemplates,
) -> Iterator[LiveServer]:
    if premade:
        account_templates.fill(db_url, premade, PASSWORD, server_env, cluster_for(request, db_url))
    with start_live_server(db_url, server_env) as server:
        yield server


@pytest.fixture
def make_api(live_server: LiveServer, premade: Accounts) -> Iterator[Callable[..., Api]]:
    """``make_api("ali", role="member")`` creates the user (real CLI) and returns a signed-in client."""
    made: list[Api] = []

    def make(username: str | None = None, role: str = "member", *, sign_in: bool = True) -> Api:
        api = Api(live_server.url)
        made.append(api)
        if username is not None:
            if (username, role) not in premade:
                live_server.create_user(username, role, PASSWORD)
            if sign_in:
                api.sign_in(username)
        return api

    yield make
    for api in made:
        api.close()


@pytest.fixture
def member(make_api: Callable[..., Api]) -> Api:
    return make_api(*MEMBER)
