"""Accounts and tokens: sign-in, refresh rotation, expiry, logout, rate limiting, roles."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import httpx
import pytest
import sqlalchemy as sa

from tests.server.helpers import API, PASSWORD, Api, error_of
from tests.support.live_server import LiveServer


def sign_in(live_server: LiveServer, username: str, password: str) -> httpx.Response:
    return httpx.post(live_server.url + API + "/auth/token", json={"username": username, "password": password})


def test_sign_in_returns_tokens_and_me_names_the_user(make_api: Callable[..., Api]) -> None:
    api = make_api("field1", role="field_staff")

    tokens = api.tokens
    me = api.http.get("/me")

    assert tokens["token_type"] == "bearer"
    assert tokens["access_token"] != tokens["refresh_token"]
    assert tokens["expires_at"].endswith("Z") and tokens["refresh_expires_at"] > tokens["expires_at"]
    assert tokens["user"] == {"username": "field1", "role": "field_staff", "org_id": "association"}
    assert me.status_code == 200 and me.json() == tokens["user"]


def test_wrong_password_and_unknown_user_get_the_same_401(live_server: LiveServer) -> None:
    live_server.create_user("member1", "member", PASSWORD)

    wrong_password = sign_in(live_server, "member1", "not the password")
    unknown_user = sign_in(live_server, "nobody", PASSWORD)

    assert wrong_password.status_code == unknown_user.status_code == 401
    assert error_of(wrong_password) == error_of(unknown_user)
    assert error_of(wrong_password)["code"] == "unauthorized"


def test_usernames_are_not_case_sensitive(live_server: LiveServer) -> None:
    live_server.create_user("Ali", "member", PASSWORD)

    answer = sign_in(live_server, " ALI ", PASSWORD)

    assert answer.status_code == 200 and answer.json()["user"]["username"] == "ali"


@pytest.mark.parametrize("server_env", [{"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.03"}])  # 1.8 s
def test_expired_access_token_is_refused_and_refresh_rotates(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")
    first = dict(api.tokens)
    assert api.http.get("/me").status_code == 200

    time.sleep(2.2)
    expired = api.http.get("/me")
    refreshed = api.http.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    api.use(refreshed.json())
    again = api.http.get("/me")
    reused = api.http.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})

    assert expired.status_code == 401 and error_of(expired)["code"] == "unauthorized"
    assert refreshed.status_code == 200
    assert refreshed.json()["refresh_token"] != first["refresh_token"]
    assert again.status_code == 200
    assert reused.status_code == 401  # rotation: the old refresh token is revoked


def test_refresh_with_an_unknown_token_is_401(live_server: LiveServer) -> None:
    answer = httpx.post(live_server.url + API + "/auth/refresh", json={"refresh_token": "made-up"})

    assert answer.status_code == 401 and error_of(answer)["code"] == "unauthorized"


def test_an_access_token_is_not_a_refresh_token(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")

    answer = api.http.post("/auth/refresh", json={"refresh_token": api.tokens["access_token"]})

    assert answer.status_code == 401


def test_logout_revokes_token(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")
    tokens = dict(api.tokens)
    other_device = make_api()
    other_device.sign_in("member1")

    logout = api.http.post("/auth/logout")
    after = api.http.get("/me")
    refresh_after = api.http.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})

    assert logout.status_code == 204 and logout.content == b""
    assert after.status_code == 401
    assert refresh_after.status_code == 401
    assert other_device.http.get("/me").status_code == 200  # only that sign-in ends


@pytest.mark.parametrize("server_env", [{"ZANJIREH_LOGIN_MAX_FAILURES": "3"}])
def test_repeated_failed_sign_ins_are_rate_limited(live_server: LiveServer) -> None:
    live_server.create_user("member1", "member", PASSWORD)

    failures = [sign_in(live_server, "member1", f"guess {n}").status_code for n in range(3)]
    limited = sign_in(live_server, "member1", PASSWORD)

    assert failures == [401, 401, 401]
    assert limited.status_code == 429 and error_of(limited)["code"] == "rate_limited"
    assert int(limited.headers["retry-after"]) > 0


def test_tokens_are_stored_only_as_sha256(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    api = make_api("member1")

    engine = sa.create_engine(live_server.db_url)
    try:
        with engine.connect() as connection:
            stored = set(connection.execute(sa.text("SELECT token_hash FROM tokens")).scalars())
            password_hash = connection.execute(sa.text("SELECT password_hash FROM users")).scalar_one()
    finally:
        engine.dispose()

    for token in (api.tokens["access_token"], api.tokens["refresh_token"]):
        assert token not in stored
        assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert password_hash.startswith("$argon2id$")
