"""Every limit the server keeps, exceeded: each gets a clear 4xx (or, inside a push, a rejected op) whose
message names the limit, and the server goes on serving everyone else meanwhile (issue 12, item 4).

The server runs with small limits (a 64 KiB push body, five records per member) so that exceeding them is
cheap; the defaults are in docs/security.md.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.server.helpers import API, PASSWORD, Api, error_of, note
from tests.support.live_server import LiveServer, start_live_server

MAX_BODY = 64 * 1024
MAX_RECORDS = 5


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder: Path = tmp_path_factory.mktemp("limits")
    env = {"ZANJIREH_MAX_REQUEST_BYTES": str(MAX_BODY), "ZANJIREH_USER_MAX_RECORDS": str(MAX_RECORDS)}
    with start_live_server(f"sqlite:///{folder / 'server.sqlite3'}", env) as live:
        for name in ("hoda", "reza", "bystander"):
            live.create_user(name, "member", PASSWORD)
        yield live


def signed_in(server: LiveServer, name: str) -> Api:
    api = Api(server.url)
    api.sign_in(name)
    return api


def note_op(api: Api, text: str = "یادداشت") -> dict:
    return api.op("notes", uuid.uuid4().hex, note(text))


def test_a_push_body_over_the_limit_is_413_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    ops = [note_op(api, "x" * 9_000) for _ in range(10)]  # ~90 KiB of JSON

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": ops})

    assert answer.status_code == 413
    error = error_of(answer)
    assert error["detail"] == {"max_bytes": MAX_BODY} and str(MAX_BODY) in error["message"]


def test_more_ops_than_a_push_takes_is_413_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    ops = [api.op("favourites", "plant:P1", {}, seq=n + 1) for n in range(201)]

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": ops})

    assert answer.status_code == 413
    assert error_of(answer)["detail"]["max_ops"] == 200


def test_a_note_longer_than_ten_thousand_characters_is_rejected_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")

    result = api.push(note_op(api, "ی" * 10_001))["results"][0]

    assert result["status"] == "rejected" and "10000" in result["reason"]


@pytest.mark.parametrize(
    "path, body, field, limit",
    [
        ("/auth/token", {"username": "u" * 201, "password": "p"}, "body.username", "200"),
        ("/auth/token", {"username": "u", "password": "p" * 1025}, "body.password", "1024"),
        ("/auth/refresh", {"refresh_token": "t" * 201}, "body.refresh_token", "200"),
    ],
)
def test_strings_over_their_length_are_422_naming_field_and_limit(
    server: LiveServer, path: str, body: dict, field: str, limit: str
) -> None:
    answer = Api(server.url).http.post(path, json=body)

    assert answer.status_code == 422
    problems = {p["field"]: p["message"] for p in error_of(answer)["detail"]}
    assert limit in problems[field]


def test_an_op_id_over_128_characters_is_422_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    op = {**note_op(api), "op_id": "x" * 129}

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": [op]})

    assert answer.status_code == 422 and "128" in error_of(answer)["message"]


def test_a_cursor_over_2000_characters_is_422_naming_the_limit(server: LiveServer) -> None:
    answer = signed_in(server, "hoda").http.get("/changes/plants", params={"cursor": "c" * 2001})

    assert answer.status_code == 422 and "2000" in error_of(answer)["message"]


def test_records_past_a_members_quota_are_rejected_naming_the_quota(server: LiveServer) -> None:
    api = signed_in(server, "reza")

    results = api.push(*(note_op(api) for _ in range(MAX_RECORDS + 1)))["results"]

    assert [r["status"] for r in results] == ["applied"] * MAX_RECORDS + ["rejected"]
    assert results[-1]["reason"].startswith("quota_exceeded") and str(MAX_RECORDS) in results[-1]["reason"]


def test_others_are_served_while_a_caller_trickles_a_body_past_the_limit(server: LiveServer) -> None:
    """A signed-in caller sends a chunked push a few bytes at a time, past the limit: meanwhile everyone else
    is answered as usual, and the trickler gets its 413."""
    hoda, bystander = signed_in(server, "hoda"), signed_in(server, "bystander")
    address = urlsplit(server.url)
    statuses: list[int] = []

    def trickle() -> None:
        head = (
            f"POST {API}/push HTTP/1.1\r\nHost: {address.netloc}\r\nX-Zanjireh-Schema: 1\r\n"
            f"Authorization: Bearer {hoda.tokens['access_token']}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        with socket.create_connection((address.hostname, address.port), timeout=60) as sock:
            sock.sendall(head.encode())
            chunk = b" " * 8192
            try:
                for _ in range(MAX_BODY // len(chunk) + 4):
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    time.sleep(0.2)
                sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed: what the test wants
            statuses.append(int(sock.makefile("rb").readline().split()[1]))

    thread = threading.Thread(target=trickle)
    thread.start()
    served = []
    while thread.is_alive() and len(served) < 5:
        served.append(bystander.http.get("/me").status_code)
        served.append(bystander.push(note_op(bystander))["results"][0]["status"])
    thread.join(60)

    assert statuses == [413]
    assert served and set(served) <= {200, "applied"}, served
