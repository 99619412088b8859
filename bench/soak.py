"""The crash soak of issue 12 (item 6): a client killed at random moments, a server killed in some rounds.

    .venv/bin/python -m bench.soak [--runs 200] [--server-kill-every 5] [--seed 1] [--json]

Each round starts a client process on one data folder that, as fast as it can, saves notes (user records
bound for the server), saves a Fund application draft (``sync/fund_drafts.py``) and syncs every few saves;
it prints each save once the save has returned (acknowledged). The round SIGKILLs it at a random moment
(0.3–2.5 s in); every ``--server-kill-every``-th round the server is SIGKILLed too, mid-round, and started
again on the same database. After each kill the folder is opened again and checked. At the end one clean
sync sends what is left, and the server's copy is checked. Printed (and with ``--json`` the last line is
one object):

- ``unreadable_files``: files of the data folder that do not parse, or a store that does not open;
- ``acknowledged_saves_lost``: acknowledged saves missing on the device after a kill, or on the server at
  the end (a draft counts as lost when its file is older than its last acknowledged save);
- ``server_duplicates``: saves that reached the server more than once (one note's text under two ids);
- ``photos_corrupt``: null — field-visit photos are not on main yet, so this soak does not attach any.

All must be 0. Figures are printed, never asserted here (tests/hardening/test_soak.py runs a few rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

USER, PASSWORD = "soak", "soak password that is long enough"
DRAFT_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "zanjireh-soak/draft"))
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "zanjireh-soak/notes")


# ---- the client process -------------------------------------------------------------------------------
def child(folder: Path, api: str, round_no: int) -> None:
    """Save, save, sync, … until killed; print every acknowledged save."""
    from models.fund_applications import ApplicationContent
    from sync.engine import SyncEngine
    from sync.fund_drafts import DraftStore
    from sync.store import LocalStore

    store = LocalStore.open(folder)
    engine = SyncEngine(store, password_provider=lambda: PASSWORD)
    if engine.session() is None:
        asyncio.run(engine.sign_in(api, USER, PASSWORD))
    drafts = DraftStore(folder)
    drafts.open(USER)
    if drafts.get(DRAFT_ID) is None:
        drafts.create(DRAFT_ID, ApplicationContent(call_id="FC-SOAK-1", supplier_id="S1001"))
    print("ready", flush=True)  # the kill's random moment is counted from here, not from the imports
    for step in range(1, 1_000_000):
        text = f"round {round_no} save {step}"
        note_id = uuid.uuid5(NAMESPACE, text).hex
        store.user.save("notes", note_id, {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                           "updated_at": "2026-12-02T05:00:00Z"})  # fmt: skip
        print("note", note_id, flush=True)
        saved = drafts.change(DRAFT_ID, {"summary": text})
        print("draft", saved.rev, flush=True)
        if step % 3 == 0:
            asyncio.run(engine.sync_once("soak"))


# ---- the checks -------------------------------------------------------------------------------------------
def unreadable(folder: Path) -> int:
    """Files of the folder that do not parse as JSON (temporary files of a write cut short excepted)."""
    bad = 0
    for path in folder.rglob("*.json"):
        if ".tmp" in path.name or path.parent.name == "quarantine":
            continue
        try:
            json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError):
            bad += 1
    return bad


def check_device(folder: Path, acked_notes: set[str], acked_draft_rev: int) -> tuple[int, int]:
    """(unreadable files, acknowledged saves lost) of the folder after a kill."""
    from sync.errors import StoreError
    from sync.fund_drafts import DraftStore
    from sync.store import LocalStore

    bad = unreadable(folder)
    try:
        store = LocalStore.open(folder)
    except StoreError:
        return bad + 1, len(acked_notes)
    try:
        kept = {record.id for record in store.user.records("notes")}
    finally:
        store.close()
    lost = len(acked_notes - kept)
    drafts = DraftStore(folder)
    notices = drafts.open(USER)
    bad += len(notices)
    draft = drafts.get(DRAFT_ID)
    if acked_draft_rev and (draft is None or draft.rev < acked_draft_rev):
        lost += 1
    return bad, lost


def server_notes(url: str) -> list[dict[str, Any]]:
    import httpx

    with httpx.Client(base_url=url + "/api/v1", timeout=60) as http:
        token = http.post("/auth/token", json={"username": USER, "password": PASSWORD}).json()["access_token"]
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            params = {"limit": 1000} | ({"cursor": cursor} if cursor else {})
            page = http.get("/changes/notes", params=params, headers={"Authorization": f"Bearer {token}"}).json()
            items += [item for item in page["items"] if not item["deleted"]]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return items


def final_sync(folder: Path) -> int:
    """Sync until the outbox is empty (a few cycles at most); how many ops are left."""
    from sync.engine import SyncEngine
    from sync.store import LocalStore

    store = LocalStore.open(folder)
    try:
        engine = SyncEngine(store, password_provider=lambda: PASSWORD)
        for _ in range(10):
            asyncio.run(engine.sync_once("soak: final"))
            if not store.user.outbox():
                break
        return len(store.user.outbox())
    finally:
        store.close()


# ---- the soak ---------------------------------------------------------------------------------------------
def soak(runs: int, server_kill_every: int, seed: int) -> dict[str, Any]:
    from tests.support.live_server import start_live_server

    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="zanjireh-soak-"))
    folder = work / "device"
    server = start_live_server(f"sqlite:///{work / 'server.sqlite3'}")
    server.create_user(USER, "member", PASSWORD)
    figures = {"unreadable_files": 0, "acknowledged_saves_lost": 0, "server_duplicates": 0, "photos_corrupt": None}
    acked_notes: set[str] = set()
    acked_draft_rev = 0
    started = time.perf_counter()
    server_kills = 0
    try:
        for round_no in range(1, runs + 1):
            command = [sys.executable, "-m", "bench.soak", "--child", str(folder), "--api", server.url,
                       "--round", str(round_no)]  # fmt: skip
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            lines: list[str] = []
            reader = threading.Thread(target=lines.extend, args=(process.stdout,), daemon=True)
            reader.start()
            deadline = time.monotonic() + 120
            while "ready\n" not in lines and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            lifetime = rng.uniform(0.05, 2.0)
            if server_kill_every and round_no % server_kill_every == 0:
                time.sleep(lifetime * rng.uniform(0.2, 0.8))
                server.kill()  # mid-round: the client is pushing or about to
                server_kills += 1
                server.start()
            else:
                time.sleep(lifetime)
            process.send_signal(signal.SIGKILL)
            process.wait()
            reader.join(10)
            for line in lines:
                kind, _, value = line.strip().partition(" ")
                if kind == "note":
                    acked_notes.add(value)
                elif kind == "draft":
                    acked_draft_rev = max(acked_draft_rev, int(value))
            bad, lost = check_device(folder, acked_notes, acked_draft_rev)
            figures["unreadable_files"] += bad
            figures["acknowledged_saves_lost"] += lost
            # One line a round on stderr: a run stopped early still says how far it got and what it found.
            print(
                f"round {round_no}/{runs}: {len(acked_notes)} notes and {acked_draft_rev} draft saves acknowledged,"
                f" {server_kills} server kills, {figures['unreadable_files']} unreadable,"
                f" {figures['acknowledged_saves_lost']} lost on the device, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
        left = final_sync(folder)
        on_server = server_notes(server.url)
        texts = [item["data"]["text"] for item in on_server]
        figures["server_duplicates"] = len(texts) - len(set(texts))
        figures["acknowledged_saves_lost"] += len(acked_notes - {item["id"] for item in on_server})
        figures.update(
            runs=runs,
            server_kills=server_kills,
            acknowledged_saves=len(acked_notes),
            acknowledged_draft_saves=acked_draft_rev,
            ops_left_after_final_sync=left,
            seconds=round(time.perf_counter() - started, 1),
        )
        return figures
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--server-kill-every", type=int, default=5, help="kill the server in every Nth round (0: never)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="the last line is one JSON object of the figures")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--round", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.api, args.round)
        return
    figures = soak(args.runs, args.server_kill_every, args.seed)
    for key, value in figures.items():
        print(f"{key:>28}: {'not measured' if value is None else value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
