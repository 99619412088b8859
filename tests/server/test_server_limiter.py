"""The sign-in limiter: guesses in flight count, forwarded addresses only from our proxies, no lock-out of
members by someone else's failures, and one count for every server process."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.server.helpers import API, PASSWORD
from tests.support.live_server import LiveServer, start_live_server

PROXY = {"ZANJIREH_TRUSTED_PROXIES": "127.0.0.1"}


def sign_in(server: LiveServer, username: str, password: str, forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    answer = httpx.post(server.url + API + "/auth/token", json={"username": username, "password": password},
                        headers=headers, timeout=120)  # fmt: skip
    return answer.status_code


def test_concurrent_guesses_are_counted_while_they_are_checked(live_server: LiveServer) -> None:
    live_server.create_user("member1", "member", PASSWORD)

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda n: sign_in(live_server, "member1", f"guess {n}"), range(100)))

    assert statuses.count(401) <= 10 and statuses.count(401) + statuses.count(429) == 100


@pytest.mark.parametrize("server_env", [{"ZANJIREH_LOGIN_MAX_FAILURES": "3"}])
def test_forwarded_for_from_a_peer_that_is_not_our_proxy_changes_nothing(live_server: LiveServer) -> None:
    live_server.create_user("member1", "member", PASSWORD)

    failures = [sign_in(live_server, "member1", "guess", forwarded_for=f"198.51.100.{n}") for n in range(3)]

    assert failures == [401, 401, 401]
    assert sign_in(live_server, "member1", "guess", forwarded_for="198.51.100.77") == 429


@pytest.mark.parametrize("server_env", [{"ZANJIREH_LOGIN_MAX_FAILURES": "3", **PROXY}])
def test_failures_from_one_address_do_not_lock_the_member_out_elsewhere(live_server: LiveServer) -> None:
    live_server.create_user("member1", "member", PASSWORD)

    failures = [sign_in(live_server, "member1", "guess", forwarded_for="198.51.100.1") for _ in range(3)]

    assert failures == [401, 401, 401]
    assert sign_in(live_server, "member1", PASSWORD, forwarded_for="198.51.100.1") == 429
    assert sign_in(live_server, "member1", PASSWORD, forwarded_for="203.0.113.9") == 200


@pytest.mark.parametrize("server_env", [{"ZANJIREH_LOGIN_MAX_FAILURES": "2", **PROXY}])
def test_junk_usernames_from_an_office_do_not_lock_out_the_members_who_work_there(live_server: LiveServer) -> None:
    office = "198.51.100.20"
    live_server.create_user("member1", "member", PASSWORD)
    live_server.create_user("member2", "member", PASSWORD)
    assert sign_in(live_server, "member1", PASSWORD, forwarded_for=office) == 200  # works there

    junk = [sign_in(live_server, f"junk-{uuid.uuid4().hex[:6]}", "x", forwarded_for=office) for _ in range(11)]

    assert junk[:10] == [401] * 10 and junk[10] == 429  # the office's own limit: 5 × 2
    assert sign_in(live_server, "member1", PASSWORD, forwarded_for=office) == 200
    assert sign_in(live_server, "member2", PASSWORD, forwarded_for="203.0.113.5") == 200  # and elsewhere


@pytest.mark.parametrize("server_env", [{"ZANJIREH_LOGIN_MAX_FAILURES": "3"}])
def test_every_server_process_sees_the_same_count(live_server: LiveServer, server_env: dict[str, str]) -> None:
    live_server.create_user("member1", "member", PASSWORD)
    with start_live_server(live_server.db_url, server_env) as second:
        failures = [sign_in(server, "member1", "guess") for server in (live_server, second, live_server)]

        assert failures == [401, 401, 401]
        assert sign_in(second, "member1", PASSWORD) == 429
