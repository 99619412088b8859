"""Two parts of the app renewing one expired session at the same moment, against a real server.

A refresh token is spent by its first use; sent again, the server revokes its whole family (docs/security.md).
A background sync and a Fund document opened by the user both find the access token expired and both want
it renewed: the device must send one refresh and give its result to both, or the user is signed out. And a
member who signs in while the previous member's renewal is under way must end up holding only their own tokens,
with the previous sign-in ended on the server.

The server's access tokens live 3 s here. The moments are not left to timing: a gate in front of the server
holds the first refresh until what the test names has happened (with a timeout, so a client that never gets
there fails the assertions rather than hangs).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync.api_client import ApiClient
from sync.errors import AuthRequired
from sync.fund import FundClient
from sync.fund_open import document_bytes
from tests.fund_factories import NEED_ID, SUPPLIER_ID, make_content
from tests.server.fund_world import seed_world
from tests.server.helpers import PASSWORD
from tests.support.live_server import LiveServer
from tests.support.waiting import scaled, wait_until
from tests.sync_e2e.conftest import Device, run

PDF = b"%PDF-1.4\n" + b"the plan\n" * 50 + b"%%EOF\n"
ACCESS_MINUTES = "0.05"  # 3 s: long enough to set up, short enough to wait out


class Gate:
    """Shared by every client of a test: logs requests, counts 401s, and holds refreshes while told to."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.refused = 0
        #: What each successful refresh answered (the tokens it handed out).
        self.renewals: list[dict[str, Any]] = []
        self.hold_refresh_until: Callable[[], bool] | None = None
        self._changed: asyncio.Condition | None = None

    def count(self, fragment: str) -> int:
        return sum(1 for line in self.log if fragment in line)

    def condition(self) -> asyncio.Condition:
        if self._changed is None:
            self._changed = asyncio.Condition()
        return self._changed

    async def poke(self) -> None:
        async with self.condition():
            self.condition().notify_all()


class GatedTransport(httpx.AsyncBaseTransport):
    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        gate = self.gate
        gate.log.append(f"{request.method} {request.url.path}")
        if request.url.path.endswith("/auth/refresh") and gate.hold_refresh_until is not None:
            until = gate.hold_refresh_until
            async with gate.condition():
                # not finished in time: let it through, and let the assertions say what happened
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(gate.condition().wait_for(until), scaled(30))
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/auth/refresh") and response.status_code == 200:
            gate.renewals.append(json.loads(await response.aread()))
        if response.status_code == 401:
            gate.refused += 1
            await gate.poke()
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def _factory(gate: Gate, **options: Any) -> Callable[[str], ApiClient]:
    return lambda url: ApiClient(url, transport=GatedTransport(gate), **options)


@pytest.fixture
def short_token_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}", {"ZANJIREH_ACCESS_TOKEN_MINUTES": ACCESS_MINUTES})
    server.start()
    seed_world(server)
    yield server
    server.close()


def _device(tmp_path: Path, name: str, server: LiveServer, username: str, gate: Gate) -> tuple[Device, FundClient]:
    device = Device(tmp_path / name, server)
    device.engine.client_factory = _factory(gate)
    device.sign_in(username, PASSWORD)
    assert device.sync().ok
    fund = FundClient.of(device.store)
    fund.follow_user()
    return device, fund


def _submitted_document(tmp_path: Path, server: LiveServer, gate: Gate) -> str:
    """The sha256 of a proposal the applicant has sent to the server."""
    phone, fund = _device(tmp_path, "phone", server, "sepahan1", gate)
    draft = fund.start_draft("FC-T1", SUPPLIER_ID, (NEED_ID,))
    whole = make_content()
    for field in ("summary", "requested_irr", "own_contribution_irr", "grace_months", "budget", "milestones",
                  "trl_now", "trl_target", "contact_name", "contact_phone"):  # fmt: skip
        fund.change(draft.id, {field: getattr(whole, field)})
    fund.attach(draft.id, "proposal", "plan.pdf", PDF)
    sha = fund.submit(draft.id).content.attachments[0].sha256
    assert phone.sync().fund_documents.sent == 1
    phone.close()
    return sha


def _refused_now(server: LiveServer, access_token: str) -> bool:
    answer = httpx.get(f"{server.url}/api/v1/me", headers={"Authorization": f"Bearer {access_token}",
                                                          "X-Zanjireh-Schema": "1"})  # fmt: skip
    return answer.status_code == 401


def _refreshable(server: LiveServer, refresh_token: str) -> bool:
    answer = httpx.post(f"{server.url}/api/v1/auth/refresh", json={"refresh_token": refresh_token},
                        headers={"X-Zanjireh-Schema": "1"})  # fmt: skip
    return answer.status_code == 200


def _whoami(server: LiveServer, access_token: str) -> str | None:
    answer = httpx.get(f"{server.url}/api/v1/me", headers={"Authorization": f"Bearer {access_token}",
                                                          "X-Zanjireh-Schema": "1"})  # fmt: skip
    return answer.json()["username"] if answer.status_code == 200 else None


def _wait_for_expiry(server: LiveServer, device: Device) -> None:
    session = device.store.session.current()
    assert session is not None
    wait_until(lambda: _refused_now(server, session["access_token"]), what="the access token to expire")


def test_a_sync_and_a_fund_document_renewing_one_expired_token_at_once_send_one_refresh_and_stay_signed_in(
    short_token_server: LiveServer, tmp_path: Path
) -> None:
    gate = Gate()
    sha = _submitted_document(tmp_path, short_token_server, gate)
    desk, officer = _device(tmp_path, "desk", short_token_server, "officer1", gate)
    _wait_for_expiry(short_token_server, desk)
    gate.log.clear()
    gate.refused = 0
    # both the sync's first authed request and the document's GET are refused before any refresh answers
    gate.hold_refresh_until = lambda: gate.refused >= 2

    async def both() -> tuple[Any, bytes | BaseException]:
        opened: Awaitable[bytes] = document_bytes(officer, sha, client_factory=_factory(gate))
        results = await asyncio.gather(desk.engine.sync_once("timer"), opened, return_exceptions=True)
        return results[0], results[1]

    cycle, data = run(both())
    assert gate.refused >= 2, gate.log  # the race was real: each found the token expired
    assert data == PDF, (data, cycle.error, gate.log)
    assert cycle.ok, cycle.error
    assert gate.count("/auth/refresh") == 1, gate.log  # one renewal, its result used by both
    gate.hold_refresh_until = None
    session = desk.store.session.current()
    assert session is not None and _whoami(short_token_server, session["access_token"]) == "officer1"
    assert desk.sync().ok  # the sign-in's family is alive: nobody was signed out
    desk.close()


def test_a_member_signing_in_during_the_previous_members_renewal_ends_that_sign_in_and_holds_only_their_own(
    short_token_server: LiveServer, tmp_path: Path
) -> None:
    gate = Gate()
    sha = _submitted_document(tmp_path, short_token_server, gate)
    desk, officer = _device(tmp_path, "desk", short_token_server, "officer1", gate)
    _wait_for_expiry(short_token_server, desk)
    gate.log.clear()
    # officer1's refresh (for the document) answers only once rev_a's password has been taken on this device
    gate.hold_refresh_until = lambda: gate.count("/auth/token") >= 1

    async def scene() -> BaseException | bytes:
        opening = asyncio.ensure_future(document_bytes(officer, sha, client_factory=_factory(gate)))
        await asyncio.wait_for(_until(lambda: gate.count("/auth/refresh") >= 1), scaled(30))
        await desk.engine.sign_in(short_token_server.url, "rev_a", PASSWORD)
        try:
            return await opening
        except AuthRequired as error:
            return error

    outcome = run(scene())
    session = desk.store.session.current()
    assert session is not None and session["username"] == "rev_a"
    assert _whoami(short_token_server, session["access_token"]) == "rev_a"  # rev_a's own tokens, not officer1's
    # the sign-in's logout of officer1 waited for the renewal under way instead of spending the token again
    assert gate.count("/auth/refresh") == 1, gate.log
    assert len(gate.renewals) == 1 and not _refreshable(short_token_server, gate.renewals[0]["refresh_token"])
    # officer1's document got its answer before the logout or was refused after it: never with rev_a's token
    assert outcome == PDF or isinstance(outcome, AuthRequired), outcome
    desk.close()


async def _until(predicate: Callable[[], bool]) -> None:
    while not predicate():
        await asyncio.sleep(0.02)
