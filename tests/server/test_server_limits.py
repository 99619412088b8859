"""Server resources: an anonymous caller is refused before their body is read, and each route has its body limit."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx
import pytest

from tests.server.helpers import API, Api, error_of
from tests.support.live_server import LiveServer

#: Long enough for any answer on a loaded machine; the server under test would wait for ever otherwise.
ANSWER_WAIT_S = 30.0


def status_before_sending_the_body(server: LiveServer, path: str, headers: dict[str, str]) -> int:
    """Send only the head of a request that announces a big body, and read the status line.

    A server that read the body before answering would wait for bytes that never come (and the
    socket timeout ends the test); one that refuses first answers at once, the body unsent.
    """
    address = urlsplit(server.url)
    head = [f"POST {API}{path} HTTP/1.1", f"Host: {address.netloc}", "X-Zanjireh-Schema: 1"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    with socket.create_connection((address.hostname, address.port), timeout=ANSWER_WAIT_S) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        status_line = sock.makefile("rb").readline().decode("latin-1")
    return int(status_line.split()[1])


BIG = {"Content-Type": "application/json", "Content-Length": str(16 * 1024 * 1024)}
CHUNKED = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}


@pytest.mark.parametrize("headers", [BIG, CHUNKED], ids=["content-length", "chunked"])
@pytest.mark.parametrize("token", [None, "not-a-token"], ids=["no-token", "unknown-token"])
def test_anonymous_push_is_refused_before_its_body_is_read(
    live_server: LiveServer, headers: dict[str, str], token: str | None
) -> None:
    sent = dict(headers)
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"

    assert status_before_sending_the_body(live_server, "/push", sent) == 401


def test_signed_in_push_over_the_limit_is_refused_before_its_body_is_read(live_server: LiveServer, member: Api) -> None:
    headers = {
        **BIG,
        "Content-Length": str(17 * 1024 * 1024),
        "Authorization": f"Bearer {member.tokens['access_token']}",
    }

    assert status_before_sending_the_body(live_server, "/push", headers) == 413


@pytest.mark.parametrize("path", ["/auth/token", "/auth/refresh"])
def test_sign_in_bodies_over_a_few_kib_are_413(live_server: LiveServer, path: str) -> None:
    body = {"username": "ali", "password": "x" * 20_000, "refresh_token": "y" * 20_000}

    answer = httpx.post(live_server.url + API + path, json=body, headers={"X-Zanjireh-Schema": "1"})

    assert answer.status_code == 413 and error_of(answer)["code"] == "too_large"
    assert status_before_sending_the_body(live_server, path, BIG) == 413


def test_a_password_of_a_thousand_persian_letters_still_fits(live_server: LiveServer) -> None:
    live_server.create_user("ali", "member", "ک" * 1000)

    answer = httpx.post(live_server.url + API + "/auth/token", json={"username": "ali", "password": "ک" * 1000},
                        headers={"X-Zanjireh-Schema": "1"})  # fmt: skip

    assert answer.status_code == 200, answer.text
