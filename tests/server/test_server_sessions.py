"""Sessions can be cut off: token families revoked on refresh-token reuse and on sign-out, an absolute
lifetime, and the admin's disable-user, reset-password and revoke-tokens commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

from tests.server.helpers import API, PASSWORD, Api, error_of
from tests.support.live_server import LiveServer


def when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def refresh(api: Api, token: str) -> httpx.Response:
    return api.http.post("/auth/refresh", json={"refresh_token": token})


def test_reusing_a_spent_refresh_token_revokes_the_chain_it_was_rotated_into(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")
    stolen = dict(api.tokens)  # a copy of the device's tokens, taken before it refreshed
    rotated = refresh(api, stolen["refresh_token"]).json()

    reuse = refresh(api, stolen["refresh_token"])
    api.use(rotated)

    assert reuse.status_code == 401 and error_of(reuse)["code"] == "unauthorized"
    assert api.http.get("/me").status_code == 401  # the access token the chain moved on to
    assert refresh(api, rotated["refresh_token"]).status_code == 401  # and its refresh token


def test_sign_out_ends_every_token_of_that_sign_in_and_no_other(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")
    earlier = dict(api.tokens)
    api.use(refresh(api, earlier["refresh_token"]).json())  # the earlier access token is still valid here
    other_sign_in = make_api()
    other_sign_in.sign_in("member1")

    assert api.http.post("/auth/logout").status_code == 204
    stale = httpx.get(api.http.base_url.join("me"), headers={"Authorization": f"Bearer {earlier['access_token']}"})

    assert stale.status_code == 401
    assert other_sign_in.http.get("/me").status_code == 200


@pytest.mark.parametrize("server_env", [{"ZANJIREH_SESSION_MAX_DAYS": "2", "ZANJIREH_REFRESH_TOKEN_DAYS": "30"}])
def test_refresh_never_takes_a_sign_in_past_its_absolute_lifetime(make_api: Callable[..., Api]) -> None:
    api = make_api("member1")
    signed_in_at = dt.datetime.now(dt.UTC)
    ends = signed_in_at + dt.timedelta(days=2, minutes=1)

    tokens = api.tokens
    for _ in range(3):
        tokens = refresh(api, tokens["refresh_token"]).json()
        assert when(tokens["refresh_expires_at"]) <= ends and when(tokens["expires_at"]) <= ends


def test_disable_user_ends_their_sessions_and_refuses_sign_in(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    api = make_api("member1")

    live_server.run_cli("disable-user", "member1")

    assert api.http.get("/me").status_code == 401
    assert refresh(api, api.tokens["refresh_token"]).status_code == 401
    signing_in = httpx.post(live_server.url + API + "/auth/token", json={"username": "member1", "password": PASSWORD})
    assert signing_in.status_code == 401
    live_server.run_cli("enable-user", "member1")
    api.sign_in("member1")
    assert api.http.get("/me").status_code == 200


def test_revoke_tokens_ends_every_session_of_a_user(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    phone, laptop = make_api("member1"), make_api()
    laptop.sign_in("member1")
    bystander = make_api("member2")

    printed = live_server.run_cli("revoke-tokens", "member1").stdout

    assert "2 session" in printed
    assert phone.http.get("/me").status_code == laptop.http.get("/me").status_code == 401
    assert refresh(phone, phone.tokens["refresh_token"]).status_code == 401
    assert bystander.http.get("/me").status_code == 200


def test_reset_password_takes_the_new_password_and_ends_old_sessions(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    api = make_api("member1")

    live_server.run_cli("reset-password", "member1", input="a brand new passphrase\n")

    assert api.http.get("/me").status_code == 401
    old = httpx.post(live_server.url + API + "/auth/token", json={"username": "member1", "password": PASSWORD})
    assert old.status_code == 401
    api.sign_in("member1", "a brand new passphrase")
    assert api.http.get("/me").status_code == 200


def test_account_commands_name_an_unknown_user(live_server: LiveServer) -> None:
    completed = live_server.run_cli("revoke-tokens", "nobody", check=False)

    assert completed.returncode == 1 and "no user named 'nobody'" in completed.stderr
