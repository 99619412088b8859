"""The client survives being killed mid-commit, a server down for a while, captive portals, flapping
networks, Retry-After, a newer server — and user saves made while pages commit."""

from __future__ import annotations

import asyncio
import http.server
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from sync import clock
from sync.engine import SyncState
from sync.storage import TEMP_MARKER
from sync.store import LocalStore
from tests.support.live_server import LiveServer
from tests.support.waiting import eventually
from tests.sync_e2e.conftest import Device
from tests.sync_e2e.gem_files import plant_id, write_gem_folder

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("sync_child.py")
STEPS = ["begin", "temp_partial", "temp_written", "temp_synced", "replaced", "dir_synced"]


def note_data(text: str) -> dict:
    return {"asset_id": plant_id(1), "kind": "plant", "text": text, "updated_at": clock.now_iso()}


def server_notes(server: LiveServer, devices) -> dict[str, str]:
    """What the server holds for ali, read by a fresh device."""
    reader = devices(f"reader-{uuid.uuid4().hex[:6]}")
    reader.sign_in("ali")
    assert reader.sync().ok
    return {n.id: n.data["text"] for n in reader.store.user.records("notes")}


def run_child(device: Device, file_name: str, step: str, occurrence: int = 1) -> subprocess.CompletedProcess[str]:
    device.store.close()
    return subprocess.run(
        [sys.executable, str(CHILD), str(device.folder), device.server.url, file_name, step, str(occurrence)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


#: The second page's commit: its own file first (the plants' 2nd page file), then the manifest naming it.
PAGE_FILES = ["plants/000002.seg", "plants/manifest.json"]


@pytest.mark.parametrize("file_name", PAGE_FILES)
@pytest.mark.parametrize("step", STEPS)
def test_client_killed_at_each_step_of_a_page_commit_resumes_without_loss_or_duplicates(
    server: LiveServer, devices, tmp_path: Path, step: str, file_name: str
) -> None:
    server.run_cli("import-gem", str(write_gem_folder(tmp_path, list(range(1, 251)))))
    phone = devices("phone")
    phone.sign_in("ali")
    # the manifest is written once per page: its 2nd write is the second page's commit
    occurrence = 2 if file_name.endswith("manifest.json") else 1
    killed = run_child(phone, file_name, step, occurrence=occurrence)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    phone = phone.reopen()
    kept = len(phone.store.plants)
    assert kept in (100, 200)  # one whole page or two, with the cursor that goes with them
    result = phone.sync()
    assert result.ok
    assert {p.id for p in phone.store.plants.all()} == {plant_id(n) for n in range(1, 251)}
    assert result.pulled["plants"].added == 250 - kept  # resumed, not from zero
    assert not [p for p in phone.folder.rglob("*") if TEMP_MARKER in p.name]
    phone.close()


@pytest.mark.parametrize("commit", [1, 2], ids=["marking-it-sent", "applying-the-answer"])
@pytest.mark.parametrize("step", STEPS)
def test_client_killed_while_saving_a_push_result_sends_the_note_exactly_once(
    server: LiveServer, devices, step: str, commit: int
) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    note_id = uuid.uuid4().hex
    phone.store.user.save("notes", note_id, note_data("recorded at the supplier"))
    # the client dies while committing the op as sent (before the request), or — the server having
    # applied the push — while committing what it heard back
    killed = run_child(phone, "user.json", step, occurrence=commit)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    phone = phone.reopen()
    assert phone.store.user.record("notes", note_id) is not None  # never lost
    result = phone.sync()
    assert result.ok and phone.store.user.pending_count() == 0
    assert result.pushed.applied + result.pushed.duplicates <= 1
    assert server_notes(server, devices) == {note_id: "recorded at the supplier"}
    phone.close()


@pytest.mark.slow
def test_server_down_for_minutes_then_back_syncs_with_no_user_action(server: LiveServer, devices) -> None:
    """The real base delay (1 s); the cap is 15 s instead of 5 min so the test ends within two minutes."""
    phone = devices("phone", backoff_base_s=1.0, backoff_cap_s=15.0, debounce_s=0.1)
    phone.sign_in("ali")
    server.kill()
    note_id = uuid.uuid4().hex
    states: list[str] = []
    phone.engine.subscribe(lambda status: states.append(status.state.value))
    synced_after: list[float] = []

    async def field_day() -> None:
        phone.engine.start()
        await asyncio.sleep(0.2)
        await asyncio.to_thread(phone.store.user.save, "notes", note_id, note_data("saved with the server down"))
        phone.engine.local_write()
        await asyncio.sleep(90)  # a minute and a half down: the engine keeps retrying by itself
        await asyncio.to_thread(server.start)
        back = time.monotonic()
        while phone.store.user.pending_count() and time.monotonic() < back + 30:
            await asyncio.sleep(0.2)
        synced_after.append(time.monotonic() - back)
        await phone.engine.stop()

    asyncio.run(field_day())
    assert phone.store.user.pending_count() == 0
    assert synced_after[0] <= 16  # within one capped backoff of the server's return
    assert states.count("offline") >= 5  # several automatic attempts while it was down, none by a user
    assert server_notes(server, devices) == {note_id: "saved with the server down"}


@pytest.mark.parametrize("server_env", [{}])
def test_retry_after_is_honoured(server: LiveServer, devices) -> None:
    phone = devices("phone", backoff_base_s=0.01, backoff_cap_s=60)
    phone.sign_in("ali")
    phone.plan.add("/changes/plants", "503_retry_after", delay_s=7)
    result = phone.sync()
    assert not result.ok and phone.engine.status.state is SyncState.BACKING_OFF
    assert phone.engine.status.retry_in_s >= 7
    assert phone.sync().ok  # a manual "sync now" does not wait


class _CaptivePortal(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html><body>Please accept the hotel's terms</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_captive_portal_answering_200_html_counts_as_offline(tmp_path: Path) -> None:
    portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CaptivePortal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    try:
        store = LocalStore.open(tmp_path / "phone")
        from sync.engine import SyncEngine

        url = f"http://127.0.0.1:{portal.server_address[1]}"
        store.device.set_setting("api_url", url)
        # signed in earlier (tokens kept); now the hotel's portal answers in the server's place
        store.user.set_auth({"api_url": url, "username": "ali", "role": "member", "access_token": "a",
                             "access_expires_at": "", "refresh_token": "r", "refresh_expires_at": ""})  # fmt: skip
        engine = SyncEngine(store)
        result = asyncio.run(engine.sync_once("test"))
        assert not result.ok and result.error.code == "offline"
        assert engine.status.state is SyncState.OFFLINE
        store.close()
    finally:
        portal.shutdown()


def test_connectivity_lost_is_offline_without_a_request_and_regained_triggers_a_sync(
    server: LiveServer, devices
) -> None:
    phone = devices("phone", debounce_s=0.05)
    phone.sign_in("ali")

    async def flap() -> None:
        at_start = len(phone.plan.log)
        phone.engine.start()
        await eventually(  # the start-up cycle, however long a loaded machine takes for it
            lambda: len(phone.plan.log) > at_start and phone.engine.status.state is SyncState.IDLE,
            what="the start-up cycle",
        )
        before = len(phone.plan.log)
        phone.engine.connectivity_changed(False)
        phone.engine.trigger("timer")
        await asyncio.sleep(0.3)
        assert len(phone.plan.log) == before and phone.engine.status.state is SyncState.OFFLINE
        for online in (True, False, True):  # flapping
            phone.engine.connectivity_changed(online)
            await asyncio.sleep(0.05)
        await eventually(  # back online: a cycle is made by itself
            lambda: len(phone.plan.log) > before and phone.engine.status.state is SyncState.IDLE,
            what="a cycle once back online",
        )
        assert len(phone.plan.log) > before and phone.engine.status.state is SyncState.IDLE
        await phone.engine.stop()

    asyncio.run(flap())


def test_a_hundred_saves_while_pages_commit_are_all_kept_and_sent_once(
    server: LiveServer, devices, tmp_path: Path
) -> None:
    server.run_cli("import-gem", str(write_gem_folder(tmp_path, list(range(1, 2001)))))
    phone = devices("phone", page_size=100, snapshot_page_size=100)
    phone.sign_in("ali")
    saved: list[str] = []

    def field_engineer() -> None:
        for number in range(100):
            note_id = uuid.uuid4().hex
            phone.store.user.save("notes", note_id, note_data(f"observation {number}"))
            saved.append(note_id)

    async def both() -> None:
        writer = asyncio.create_task(asyncio.to_thread(field_engineer))
        result = await phone.engine.sync_once("test")
        await writer
        assert result.ok

    asyncio.run(both())
    assert len(phone.store.plants) == 2000
    assert {r.id for r in phone.store.user.records("notes")} == set(saved)
    assert phone.sync().ok and phone.store.user.pending_count() == 0
    assert set(server_notes(server, devices)) == set(saved)


def test_unknown_fields_and_collections_from_a_newer_server_are_ignored(server: LiveServer, devices, tmp_path) -> None:
    server.run_cli("import-gem", str(write_gem_folder(tmp_path, [1, 2])))
    phone = devices("phone")
    phone.sign_in("ali")

    def newer_ping(body: dict) -> dict:
        body["collections"]["reference"].append("rolling_mills")
        body["feature_flags"] = {"visits": True}
        return body

    def newer_page(body: dict) -> dict:
        for item in body["items"]:
            if item["data"]:
                item["data"]["rolling_capacity_ktpa"] = 1200
        body["server_hint"] = "unused"
        return body

    phone.plan.rewrites = {"/ping": newer_ping, "/changes/plants": newer_page}
    result = phone.sync()
    assert result.ok and "rolling_mills" not in result.pulled
    assert phone.plan.count("/changes/rolling_mills") == 0
    assert {p.id for p in phone.store.plants.all()} == {plant_id(1), plant_id(2)}
    reopened = phone.reopen()  # the unknown field is stored, and still loads
    assert len(reopened.store.plants) == 2
    reopened.close()


@pytest.mark.parametrize("server_env", [{"ZANJIREH_MIN_CLIENT_SCHEMA": "2"}])
def test_server_that_no_longer_serves_this_app_says_upgrade_needed_and_stops_retrying(
    server: LiveServer, tmp_path: Path
) -> None:
    store = LocalStore.open(tmp_path / "phone")
    from sync.engine import SyncEngine

    store.device.set_setting("api_url", server.url)
    store.user.set_auth({"api_url": server.url, "username": "ali", "role": "member", "access_token": "a",
                         "access_expires_at": "", "refresh_token": "r", "refresh_expires_at": ""})  # fmt: skip
    engine = SyncEngine(store)
    result = asyncio.run(engine.sync_once("test"))
    assert not result.ok and result.error.code == "upgrade_required"
    assert engine.status.state is SyncState.UPGRADE_NEEDED
    assert engine.seconds_until_next() is None  # no retry loop against a server that refuses this version
    store.close()


def test_disk_full_while_committing_a_page_is_a_storage_error_and_nothing_half_written(
    server: LiveServer, devices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from sync import storage

    server.run_cli("import-gem", str(write_gem_folder(tmp_path, list(range(1, 51)))))
    phone = devices("phone")
    phone.sign_in("ali")

    def disk_full(step: str, path: Path) -> None:
        if step == "temp_partial" and path.parent.name == "plants":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "fault_hook", disk_full)
    result = phone.sync()
    assert not result.ok and result.error.code == "store_write_failed"
    assert phone.engine.status.state is SyncState.STORAGE_ERROR
    assert phone.engine.seconds_until_next() is not None  # retried later by itself
    assert len(phone.store.plants) == 0 and phone.store.plants.state.cursor is None
    monkeypatch.setattr(storage, "fault_hook", None)
    assert phone.sync().ok and len(phone.store.plants) == 50
