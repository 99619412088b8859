"""The logs of a whole sync — a wrong password, a sign-in, pushes, pulls, an access token that expires and is
refreshed, a sign-out — hold no password and no token, neither the client's (every logger at DEBUG, httpx's
included) nor the server's (issue 12, item 3)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync import clock
from sync.engine import SyncEngine
from sync.errors import BadCredentials
from sync.store import LocalStore
from tests.support.live_server import LiveServer, start_live_server

PASSWORD = "Persian-پسورد-that-must-never-be-logged-7311"
WRONG_PASSWORD = "a-wrong-guess-also-never-logged-5520"


class Collected(logging.Handler):
    """Every record any logger emits, formatted with its arguments and traceback."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def client_logs() -> Iterator[Collected]:
    handler = Collected()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    # Access tokens of two seconds: the sync below has to refresh one.
    with start_live_server(
        f"sqlite:///{tmp_path / 'server.sqlite3'}", {"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.035"}
    ) as live:
        live.create_user("ali", "member", PASSWORD)
        yield live


def test_a_whole_sync_logs_no_password_and_no_token(tmp_path: Path, server: LiveServer, client_logs: Collected) -> None:
    store = LocalStore.open(tmp_path / "phone")
    engine = SyncEngine(store)
    tokens: set[str] = set()

    def remember_tokens() -> None:
        session = engine.session()
        if session:
            tokens.update({session["access_token"], session["refresh_token"]})

    async def journey() -> None:
        with pytest.raises(BadCredentials):
            await engine.sign_in(server.url, "ali", WRONG_PASSWORD)
        await engine.sign_in(server.url, "ali", PASSWORD)
        remember_tokens()
        note_id = uuid.uuid4().hex
        store.user.save("notes", note_id, {"asset_id": "P100000120584", "kind": "plant", "text": "یادداشت میدانی",
                                           "updated_at": clock.now_iso()})  # fmt: skip
        first = await engine.sync_once("test")
        assert first.ok, first.error
        await asyncio.sleep(2.5)  # the access token expires: the next cycle refreshes it
        store.user.save("favourites", "plant:P100000120584", {"kind": "plant", "asset_id": "P100000120584",
                                                              "created_at": clock.now_iso()})  # fmt: skip
        second = await engine.sync_once("test")
        assert second.ok, second.error
        remember_tokens()
        await engine.sign_out()

    try:
        asyncio.run(journey())
    finally:
        store.close()
    time.sleep(0.2)  # the server's last lines reach its log file

    assert len(tokens) >= 4, "the sync did not refresh its tokens, so the test proves less than it says"
    secrets = {PASSWORD, WRONG_PASSWORD, *tokens}
    # A token cut short is still a token: look for a prefix of each too.
    pieces = secrets | {secret[:12] for secret in tokens}
    client_text = "\n".join(client_logs.lines)
    server_text = server.log()
    assert "HTTP Request" in client_text and "/api/v1/push" in server_text, "nothing was logged: nothing proved"
    for piece in pieces:
        assert piece not in client_text, "a secret is in the client's logs"
        assert piece not in server_text, "a secret is in the server's logs"
    assert "Bearer " not in client_text + server_text
