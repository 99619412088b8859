"""Hostile answers at the client (issue 12, item 5), from a real hostile server process on loopback
(``hostile_server.py``): huge strings, deep nesting, wrong types, unknown collections, 10 MB of garbage as a
page, a redirect to another host, a slow-loris answer, a certificate made for another host, a megabyte error
message. Each unfit record is left out and reported, the valid ones kept, nothing half-applied, the app goes
on working, and what the member is told is in their language. Plain HTTP is refused but on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from server.__main__ import KEEP_ALIVE_S
from sync.api_client import KEEPALIVE_EXPIRY_S, ApiClient, check_api_address
from sync.engine import CycleResult, SyncEngine, SyncState
from sync.errors import InsecureApiAddress, Transient, ZanjirehError
from sync.store import LocalStore
from tests.support.live_server import REPO_ROOT
from views.shell.i18n import error_message

VALID_IDS = ["P100000100001", "P100000100002"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Hostile:
    url: str
    requests: Path
    process: subprocess.Popen[bytes]

    def seen(self) -> list[list]:
        if not self.requests.exists():
            return []
        return [json.loads(line) for line in self.requests.read_text().splitlines()]


def start_hostile(folder: Path, *extra: str, scheme: str = "http") -> Hostile:
    port = free_port()
    requests = folder / f"requests-{port}.jsonl"
    command = [sys.executable, "-m", "tests.hardening.hostile_server", "--port", str(port), "--requests", str(requests)]
    process = subprocess.Popen([*command, *extra], cwd=REPO_ROOT, stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    return Hostile(f"{scheme}://127.0.0.1:{port}", requests, process)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    server = start_hostile(tmp_path_factory.mktemp("hostile"))
    yield server
    server.process.kill()
    server.process.wait()


class Phone:
    """An install of the app against one mode of the hostile server."""

    def __init__(self, folder: Path, url: str, deadline_s: float = 300.0) -> None:
        self.folder = folder
        self.store = LocalStore.open(folder)
        self.url = url
        self.engine = SyncEngine(self.store, client_factory=lambda api: ApiClient(api, deadline_s=deadline_s))

    def sign_in(self) -> None:
        asyncio.run(self.engine.sign_in(self.url, "ali", "a password"))

    def sync(self) -> CycleResult:
        return asyncio.run(self.engine.sync_once("test"))

    def plants(self) -> list[str]:
        return sorted(self.store.reference["plants"].models)

    def close(self) -> None:
        self.store.close()


@pytest.fixture
def phone(tmp_path: Path, hostile: Hostile) -> Iterator[Phone]:
    made: list[Phone] = []

    def make(mode: str, **options) -> Phone:  # type: ignore[no-untyped-def]
        device = Phone(tmp_path / f"{mode}-{len(made)}", f"{hostile.url}/{mode}", **options)
        made.append(device)
        return device

    yield make  # type: ignore[misc]
    for device in made:
        device.close()


def told_in_both_languages(error: ZanjirehError) -> None:
    """What the member reads for ``error`` exists in Persian and in English, and holds no megabyte of junk."""
    persian, english = error_message(error, "fa"), error_message(error, "en")
    assert persian and english and persian != english and error.code not in (persian, english)
    assert len(persian) < 1_000 and len(english) < 1_000


@pytest.mark.parametrize(
    "mode, left_out, why",
    [("huge_strings", 1, "characters"), ("deep_nesting", 1, "nested"), ("wrong_types", 2, "record rules")],
)
def test_unfit_records_are_left_out_and_reported_and_the_valid_ones_kept(
    phone, mode: str, left_out: int, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    device = phone(mode)
    device.sign_in()

    result = device.sync()

    assert result.ok
    assert device.plants() == VALID_IDS
    assert result.pulled["plants"].invalid == left_out
    assert f"{left_out} left out" in "\n".join(result.lines())
    reported = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert len(reported) == left_out and all(why in line for line in reported)
    # nothing of a record left out reaches the store's files (a page is kept as sent only when all of it is kept)
    stored = b"".join(p.read_bytes() for p in (device.folder / "atlas" / "plants").iterdir())
    assert b"P10000010000" in stored and not any(f"P1000001{n:05d}".encode() in stored for n in range(3, 7))


@pytest.mark.parametrize(
    "mode, code",
    [
        ("unknown_collections", "protocol_error"),  # a page of another collection than asked for
        ("garbage", "transient"),  # 10 MB of random bytes
        ("bad_error", "protocol_error"),  # a 400 whose message is a megabyte
    ],
)
def test_a_page_that_cannot_be_used_changes_nothing_and_the_app_goes_on(phone, mode: str, code: str) -> None:
    good = phone("ok")
    good.sign_in()
    assert good.sync().ok
    cursor_before = good.store.reference["plants"].state.cursor
    # The same device's data folder, now pointed at the hostile mode: what it kept must survive.
    good.close()
    device = Phone(good.store.folder, f"{good.url.rsplit('/', 1)[0]}/{mode}")
    device.sign_in()

    result = device.sync()

    assert not result.ok and result.error is not None and result.error.code == code
    assert len(result.error.detail) < 1_000  # the megabyte message is cut before it reaches logs and screens
    assert device.plants() == VALID_IDS and device.store.reference["plants"].state.cursor == cursor_before
    assert device.engine.status.state in (SyncState.BACKING_OFF, SyncState.IDLE, SyncState.OFFLINE)
    told_in_both_languages(result.error)
    device.close()


def test_unknown_collections_in_ping_are_skipped(phone, hostile: Hostile) -> None:
    """A newer server's collections the app does not know are not pulled (nor is the hostile page asked for)."""
    device = phone("unknown_collections")
    device.sign_in()
    device.sync()

    asked = {path.split("?")[0].rsplit("/", 1)[1] for _m, path, _t in hostile.seen() if "/unknown_collections/" in path}
    assert not asked & {"widgets", "gadgets", "rumours"}


def test_a_redirect_to_another_host_is_not_followed_and_no_token_leaves(tmp_path: Path, phone) -> None:
    elsewhere = start_hostile(tmp_path)  # the other host: it must receive nothing
    hostile_url = phone("ok").url.rsplit("/", 1)[0]
    redirecting = start_hostile(tmp_path, "--elsewhere", elsewhere.url)
    try:
        device = Phone(tmp_path / "redirected", f"{redirecting.url}/redirect")
        with pytest.raises(ZanjirehError) as refused:
            device.sign_in()
        told_in_both_languages(refused.value)
        assert elsewhere.seen() == []
        device.close()
    finally:
        for server in (elsewhere, redirecting):
            server.process.kill()
            server.process.wait()
    assert hostile_url


def test_a_slow_loris_answer_is_given_up_at_the_deadline_and_the_next_cycle_runs(phone) -> None:
    device = phone("slow_loris", deadline_s=3.0)
    device.sign_in()

    result = device.sync()

    assert not result.ok and result.error is not None and result.error.code == "transient"
    assert "longer than 3 s" in result.error.detail
    told_in_both_languages(result.error)
    assert device.sync().error.code == "transient"  # not stuck: the next cycle starts and ends too


@pytest.fixture(scope="module")
def wrong_host_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=not-zanjireh.example",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_a_certificate_for_another_host_is_refused_and_said_so(tmp_path: Path, wrong_host_certificate) -> None:
    cert, key = wrong_host_certificate
    server = start_hostile(tmp_path, "--certificate", str(cert), "--key", str(key), scheme="https")
    try:
        device = Phone(tmp_path / "tls", f"{server.url}/ok")
        with pytest.raises(ZanjirehError) as refused:
            device.sign_in()
        assert refused.value.code == "offline"  # nothing is exchanged with it: the app works from its data
        assert "CERTIFICATE_VERIFY_FAILED" in refused.value.detail
        told_in_both_languages(refused.value)
        assert [line for line in server.seen() if line[2]] == []  # no token, no password went to it
        device.close()
    finally:
        server.process.kill()
        server.process.wait()


@pytest.mark.parametrize("url", ["http://10.0.0.5:8760", "http://api.steelassociation.ir", "ftp://127.0.0.1"])
def test_plain_http_is_refused_but_on_loopback(url: str) -> None:
    with pytest.raises(InsecureApiAddress):
        check_api_address(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8760", "http://localhost:8760", "http://[::1]:8760"])
def test_plain_http_on_loopback_is_allowed(url: str) -> None:
    assert check_api_address(url) == url


def _requests_after(hostile: Hostile, count: int) -> list[tuple[str, str]]:
    return [(method, path.split("?", 1)[0].split("/api/v1", 1)[1]) for method, path, _ in hostile.seen()[count:]]


def test_a_request_the_server_drops_on_a_kept_alive_connection_goes_again_on_a_fresh_one(hostile: Hostile) -> None:
    """A server closes an idle connection after its keep-alive timeout; when that lands as the client reuses the
    connection, the request dies with "Server disconnected without sending a response" (what stopped syncs on a
    loaded machine). Reads and pushes (replayed pushes are answered `duplicate`) go once more on a new connection."""
    before = len(hostile.seen())

    async def scenario() -> tuple[list[str], int]:
        async with ApiClient(f"{hostile.url}/drop_kept_alive") as client:
            await client.ping()  # a new connection: answered, then kept alive
            page = await client.changes("plants", None, 100, "a token")  # the kept connection is dropped
            pushed = await client.push("a-client", [], "a token")
            await client.ping()
            return sorted(item.id for item in page.items), pushed.last_seq

    assert asyncio.run(scenario()) == (VALID_IDS, 0)
    # Each request after the first met the closed connection once, then was answered on a fresh one.
    assert _requests_after(hostile, before) == [
        ("GET", "/ping"),
        *[("GET", "/changes/plants")] * 2,
        *[("POST", "/push")] * 2,
        *[("GET", "/ping")] * 2,
    ]


def test_a_refresh_that_dies_on_a_kept_alive_connection_is_not_sent_twice(hostile: Hostile) -> None:
    """A refresh token spent twice revokes the whole session, so a refresh is never replayed: the cycle fails as
    transient and the engine's backoff tries again, from the sign-in if need be."""
    before = len(hostile.seen())

    async def scenario() -> None:
        async with ApiClient(f"{hostile.url}/drop_kept_alive") as client:
            await client.ping()
            with pytest.raises(Transient, match="RemoteProtocolError"):
                await client.refresh("a refresh token")

    asyncio.run(scenario())
    assert _requests_after(hostile, before) == [("GET", "/ping"), ("POST", "/auth/refresh")]


def test_the_client_lets_an_idle_connection_go_before_the_reference_server_does() -> None:
    """At equal keep-alive times (5 s both, the libraries' defaults) the server closed connections the client was
    reusing; the side that closes first must be the client."""
    assert KEEPALIVE_EXPIRY_S * 5 <= KEEP_ALIVE_S
