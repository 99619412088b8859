"""The logs of a whole sync — a wrong password, a sign-in, pushes, pulls, an access token that expires and is
refreshed, a sign-out — hold no password and no token, neither the client's (every logger at DEBUG, httpx's
included) nor the server's (issue 12, item 3). Nor do those of a field visit uploaded with its photo, or of a
Fund application submitted with a document: no password, no token, and nothing of the photo's or the
document's bytes (a slice of them raw, escaped, in hex or in base64)."""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import random
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from sync import clock
from sync.engine import SyncEngine
from sync.errors import BadCredentials
from sync.fieldwork import Fieldwork
from sync.fund import FundClient
from sync.store import LocalStore
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.fund_factories import NEED_ID, SUPPLIER_ID, make_content
from tests.server.fund_world import seed_world
from tests.server.helpers import PASSWORD as WORLD_PASSWORD
from tests.support.live_server import LiveServer, start_live_server

ROOT = Path(__file__).resolve().parents[2]

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


# ---- a field visit with its photo, a Fund application with its document ---------------------------------
def content_pieces(data: bytes) -> set[str]:
    """What of a file's bytes could reach a log: slices from its middle as text, escaped (repr), in hex, and
    in base64 at every alignment."""
    pieces: set[str] = set()
    for start in (len(data) // 3, len(data) // 2, 2 * len(data) // 3):
        chunk = data[start : start + 48]
        pieces |= {chunk.hex(), repr(chunk)[2:40], chunk.decode("latin-1")[:24]}
        for shift in range(3):
            pieces.add(base64.b64encode(data[start + shift : start + shift + 48]).decode()[4:36])
    whole = base64.b64encode(data).decode()
    pieces |= {whole[n : n + 32] for n in range(len(whole) // 4, len(whole), len(whole) // 4)}
    return pieces


def assert_nothing_secret(client_logs: Collected, server: LiveServer, secrets: set[str], files: list[bytes]) -> None:
    time.sleep(0.2)  # the server's last lines reach its log file
    client_text = "\n".join(client_logs.lines)
    server_text = server.log()
    for text, whose in ((client_text, "client"), (server_text, "server")):
        for secret in secrets:
            assert secret not in text, f"a password or token is in the {whose}'s logs"
        for data in files:
            for piece in content_pieces(data):
                assert piece not in text, f"a file's content is in the {whose}'s logs"
    assert "Bearer " not in client_text + server_text


def signed_in_engine(store: LocalStore, url: str, username: str, password: str) -> tuple[SyncEngine, set[str]]:
    engine = SyncEngine(store)
    asyncio.run(engine.sign_in(url, username, password))
    session = engine.session()
    assert session is not None
    return engine, {password, session["access_token"], session["refresh_token"]}


def camera_photo() -> bytes:
    image = Image.frombytes("RGB", (900, 700), random.Random(12).randbytes(900 * 700 * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_a_visit_uploaded_with_its_photo_logs_no_secret_and_nothing_of_the_photo(
    tmp_path: Path, client_logs: Collected
) -> None:
    with start_live_server(f"sqlite:///{tmp_path / 'server.sqlite3'}") as server:
        server.create_user("sara", "field_staff", PASSWORD)
        server.run_cli("import-suppliers", str(ROOT / "docs" / "registers" / "suppliers-template.csv"))
        server.run_cli("import-checklists")
        store = LocalStore.open(tmp_path / "phone")
        try:
            engine, secrets = signed_in_engine(store, server.url, "sara", PASSWORD)
            assert asyncio.run(engine.sync_once("test")).ok
            work = Fieldwork(store)
            visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
            work.answer(visit_id, "qms.iso9001", True)
            taken = camera_photo()
            _, ref = work.attach_photo(visit_id, taken, question="prod.line_photos")
            result = asyncio.run(engine.sync_once("test"))
            assert result.ok, result.error
            assert result.photos.sent == 1, "the photo was not uploaded: the test proves less than it says"
            stored = store.photos.read(ref.sha256)  # the bytes that travelled (scaled, stripped)
        finally:
            store.close()
        assert "/api/v1/attachments/" in server.log(), "the upload was not logged at all: nothing proved"
        assert_nothing_secret(client_logs, server, secrets, [stored, taken])


def test_a_fund_application_submitted_with_a_document_logs_no_secret_and_nothing_of_the_document(
    tmp_path: Path, client_logs: Collected
) -> None:
    document = b"%PDF-1.4\n" + b"Zanjireh confidential business plan " + random.Random(3).randbytes(6000) + b"\n%%EOF"
    with start_live_server(f"sqlite:///{tmp_path / 'server.sqlite3'}") as server:
        seed_world(server)  # its accounts have the helpers' password
        store = LocalStore.open(tmp_path / "phone")
        try:
            engine, secrets = signed_in_engine(store, server.url, "sepahan1", WORLD_PASSWORD)
            assert asyncio.run(engine.sync_once("test")).ok
            fund = FundClient.of(store)
            fund.follow_user()
            draft = fund.start_draft("FC-T1", SUPPLIER_ID, (NEED_ID,))
            whole = make_content()
            for field in ("summary", "requested_irr", "own_contribution_irr", "grace_months", "budget", "milestones",
                          "trl_now", "trl_target", "contact_name", "contact_phone"):  # fmt: skip
                fund.change(draft.id, {field: getattr(whole, field)})
            fund.attach(draft.id, "proposal", "plan.pdf", document)
            fund.submit(draft.id)
            result = asyncio.run(engine.sync_once("test"))
            assert result.ok and result.pushed.applied == 1, result.error
        finally:
            store.close()
        assert "/api/v1/push" in server.log(), "the submission was not logged at all: nothing proved"
        assert_nothing_secret(client_logs, server, secrets, [document])
