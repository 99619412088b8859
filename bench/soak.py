"""The crash soak of issue 12 (item 6): a client killed at random moments, a server killed in some rounds.

    .venv/bin/python -m bench.soak [--runs 200] [--server-kill-every 5] [--seed 1] [--json]

Each round starts a client process on one data folder that, as fast as it can, saves notes (user records
bound for the server), saves a Fund application draft (``sync/fund_drafts.py``), attaches a photo to a field
visit draft every other save (``sync/fieldwork.py``: stored, then named in the visit) and syncs every few
saves (the visit, then its photos in resumable chunks); it writes a line for each save once the save has
returned (acknowledged; one write a line, so a kill leaves it whole or absent). The round SIGKILLs it at a random moment
(0.3–2.5 s in); every ``--server-kill-every``-th round the server is SIGKILLed too, mid-round, and started
again on the same database. After each kill the folder is opened again and checked. At the end one clean
sync sends what is left, and the server's copy is checked. Printed (and with ``--json`` the last line is
one object):

- ``unreadable_files``: files of the data folder that do not parse, or a store that does not open;
- ``acknowledged_saves_lost``: acknowledged saves missing on the device after a kill, or on the server at
  the end (a draft counts as lost when its file is older than its last acknowledged save);
- ``server_duplicates``: saves that reached the server more than once (one note's text under two ids, one
  photo named twice in the server's visits);
- ``photos_corrupt``: acknowledged photos whose bytes on the device or on the server do not hash to their
  name (an acknowledged photo missing from the device, from the server's visits or from its attachments
  counts as lost);
- ``photos_sent_again``: photos a further sync after the final one still sends (each is uploaded once).

All must be 0. Figures are printed, never asserted here (tests/hardening/test_soak.py runs a few rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
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
#: The visit the photos go to: a supplier of the register's template, a category, a checklist (import-checklists).
SUPPLIER, CATEGORY, TEMPLATE = "S1042", "consumables.refractories.shaped", "general-supplier-audit@1"
#: Photos per visit draft before the child starts another (a visit holds at most 200).
PHOTOS_PER_VISIT = 40
#: How long a restarted server may take to answer: on a machine shared by many runs (load average near 40)
#: two 200-round soaks stopped when a restart took over the test suite's 120 s.
RESTART_TIMEOUT = 900
#: Pixels of a soak photo: noise, so that it stays ~700 KB once stored, three chunks of an upload.
PHOTO_SIZE = (1200, 900)


def soak_photo(round_no: int, step: int) -> bytes:
    """A camera-like JPEG, different for every (round, step)."""
    import io
    import random as _random

    from PIL import Image

    rng = _random.Random(f"{round_no}/{step}")
    image = Image.frombytes("RGB", PHOTO_SIZE, rng.randbytes(PHOTO_SIZE[0] * PHOTO_SIZE[1] * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


# ---- the client process -------------------------------------------------------------------------------
def acknowledge(kind: str, *values: object) -> None:
    """Tell the soak that a save returned: the whole line in one ``write`` to the pipe.

    Not ``print``: with ``PYTHONUNBUFFERED`` set (as on the development machine) ``print("photo", visit, sha)``
    is six writes, and a SIGKILL between two of them left "photo <visit> " in the pipe, which the soak read as
    a photo "" acknowledged and counted lost in every later check. One write of less than ``PIPE_BUF`` bytes
    reaches the pipe whole or not at all."""
    line = " ".join([kind, *map(str, values)]) + "\n"
    os.write(sys.stdout.fileno(), line.encode())


def read_acknowledgements(
    lines: list[str], acked_notes: set[str], acked_photos: dict[str, str], acked_draft_rev: int
) -> int:
    """Add a round's acknowledged saves to the sets; the highest acknowledged draft rev.

    Only whole lines count: a line without its newline is one the child was killed while writing (it cannot
    be, since ``acknowledge`` writes once, but a check that counted it would report a loss that is not one)."""
    for line in lines:
        if not line.endswith("\n"):
            continue
        kind, _, value = line.strip().partition(" ")
        if kind == "note":
            acked_notes.add(value)
        elif kind == "draft":
            acked_draft_rev = max(acked_draft_rev, int(value))
        elif kind == "photo":
            visit_id, _, sha = value.partition(" ")
            acked_photos[sha] = visit_id
    return acked_draft_rev


def child(folder: Path, api: str, round_no: int) -> None:
    """Save, save, sync, … until killed; print every acknowledged save."""
    from models.fund_applications import ApplicationContent
    from sync.engine import SyncEngine
    from sync.fieldwork import Fieldwork
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
    work = Fieldwork(store)
    while work.template(TEMPLATE) is None:  # the checklists come with the first sync
        asyncio.run(engine.sync_once("soak: checklists"))
    open_visits = [v for v in store.visits.all() if v.editable and len(v.visit.photos) < PHOTOS_PER_VISIT]
    visit_id = open_visits[0].id if open_visits else work.start_visit(SUPPLIER, [CATEGORY], TEMPLATE).visit.id
    acknowledge("ready")  # the kill's random moment is counted from here, not from the imports
    for step in range(1, 1_000_000):
        text = f"round {round_no} save {step}"
        note_id = uuid.uuid5(NAMESPACE, text).hex
        store.user.save("notes", note_id, {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                           "updated_at": "2026-12-02T05:00:00Z"})  # fmt: skip
        acknowledge("note", note_id)
        saved = drafts.change(DRAFT_ID, {"summary": text})
        acknowledge("draft", saved.rev)
        if step % 2 == 0:
            if len(work.visit(visit_id).visit.photos) >= PHOTOS_PER_VISIT:  # type: ignore[union-attr]
                visit_id = work.start_visit(SUPPLIER, [CATEGORY], TEMPLATE).visit.id
            _, ref = work.attach_photo(visit_id, soak_photo(round_no, step))
            acknowledge("photo", visit_id, ref.sha256)
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


def check_device(
    folder: Path, acked_notes: set[str], acked_draft_rev: int, acked_photos: dict[str, str]
) -> tuple[int, int, int]:
    """(unreadable files, acknowledged saves lost, photos corrupt) of the folder after a kill."""
    from sync.errors import PhotoRefused, StoreError
    from sync.fund_drafts import DraftStore
    from sync.store import LocalStore

    bad = unreadable(folder)
    try:
        store = LocalStore.open(folder)
    except StoreError:
        return bad + 1, len(acked_notes) + len(acked_photos), 0
    lost = corrupt = 0
    try:
        kept = {record.id for record in store.user.records("notes")}
        for sha, visit_id in acked_photos.items():
            local = store.visits.get(visit_id)
            if local is None or all(p.sha256 != sha for p in local.visit.photos):
                lost += 1  # the visit no longer names an acknowledged photo
            try:
                store.photos.read(sha)  # checked against its hash
            except PhotoRefused as refused:
                corrupt += refused.code == "photo_damaged"
                lost += refused.code == "photo_missing"
    finally:
        store.close()
    lost += len(acked_notes - kept)
    drafts = DraftStore(folder)
    notices = drafts.open(USER)
    bad += len(notices)
    draft = drafts.get(DRAFT_ID)
    if acked_draft_rev and (draft is None or draft.rev < acked_draft_rev):
        lost += 1
    return bad, lost, corrupt


def server_records(url: str, collection: str) -> list[dict[str, Any]]:
    import httpx

    with httpx.Client(base_url=url + "/api/v1", timeout=60) as http:
        token = http.post("/auth/token", json={"username": USER, "password": PASSWORD}).json()["access_token"]
        items: list[dict[str, Any]] = []
        cursor = None
        while True:
            params = {"limit": 1000} | ({"cursor": cursor} if cursor else {})
            page = http.get(f"/changes/{collection}", params=params, headers={"Authorization": f"Bearer {token}"})
            page.raise_for_status()
            body = page.json()
            items += [item for item in body["items"] if not item["deleted"]]
            cursor = body["next_cursor"]
            if not body["has_more"]:
                return items


def server_photos(url: str, acked_photos: dict[str, str]) -> tuple[int, int, int]:
    """(lost, corrupt, duplicates) of the acknowledged photos on the server: each named once by its visit there,
    and served whole (its bytes hash to its name)."""
    import hashlib

    import httpx

    named: list[str] = []
    where: dict[str, str] = {}
    for visit in server_records(url, "visits"):
        for photo in visit["data"].get("photos", []):
            named.append(photo["sha256"])
            where[photo["sha256"]] = visit["id"]
    lost = corrupt = 0
    with httpx.Client(base_url=url + "/api/v1", timeout=60) as http:
        token = http.post("/auth/token", json={"username": USER, "password": PASSWORD}).json()["access_token"]
        for sha, visit_id in acked_photos.items():
            if where.get(sha) != visit_id:
                lost += 1
                continue
            answer = http.get(f"/attachments/{sha}", headers={"Authorization": f"Bearer {token}"})
            if answer.status_code == 404:
                lost += 1
            elif answer.status_code != 200 or hashlib.sha256(answer.content).hexdigest() != sha:
                corrupt += 1
    return lost, corrupt, len(named) - len(set(named))


def final_sync(folder: Path) -> tuple[int, int, int]:
    """Sync until the outbox is empty and every photo is up (a few cycles at most); (ops left, photos still
    waiting, photos a further sync sends again)."""
    from sync.engine import SyncEngine
    from sync.store import LocalStore

    store = LocalStore.open(folder)
    try:
        engine = SyncEngine(store, password_provider=lambda: PASSWORD)
        for _ in range(10):
            asyncio.run(engine.sync_once("soak: final"))
            if not store.user.outbox() and not engine.status.photos_waiting:
                break
        again = asyncio.run(engine.sync_once("soak: once more"))
        return len(store.user.outbox()), engine.status.photos_waiting, again.photos.sent
    finally:
        store.close()


# ---- the soak ---------------------------------------------------------------------------------------------
def soak(runs: int, server_kill_every: int, seed: int) -> dict[str, Any]:
    from tests.support.live_server import start_live_server

    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="zanjireh-soak-"))
    folder = work / "device"
    # Drafts: the soak's visits stay drafts (one per PHOTOS_PER_VISIT photos), more than an officer usually keeps.
    server = start_live_server(f"sqlite:///{work / 'server.sqlite3'}", {"ZANJIREH_USER_MAX_DRAFTS": "10000"})
    server.create_user(USER, "field_staff", PASSWORD)
    server.run_cli("import-suppliers", str(ROOT / "docs" / "registers" / "suppliers-template.csv"))
    server.run_cli("import-checklists")
    figures: dict[str, Any] = {
        "unreadable_files": 0, "acknowledged_saves_lost": 0, "server_duplicates": 0, "photos_corrupt": 0,
        "photos_sent_again": 0,
    }  # fmt: skip
    acked_notes: set[str] = set()
    acked_photos: dict[str, str] = {}  # photo → the visit that names it
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
                server.start(timeout=RESTART_TIMEOUT)
            else:
                time.sleep(lifetime)
            process.send_signal(signal.SIGKILL)
            process.wait()
            reader.join(10)
            acked_draft_rev = read_acknowledgements(lines, acked_notes, acked_photos, acked_draft_rev)
            bad, lost, corrupt = check_device(folder, acked_notes, acked_draft_rev, acked_photos)
            figures["unreadable_files"] += bad
            figures["acknowledged_saves_lost"] += lost
            figures["photos_corrupt"] += corrupt
            # One line a round on stderr: a run stopped early still says how far it got and what it found.
            print(
                f"round {round_no}/{runs}: {len(acked_notes)} notes, {acked_draft_rev} draft saves and"
                f" {len(acked_photos)} photos acknowledged,"
                f" {server_kills} server kills, {figures['unreadable_files']} unreadable,"
                f" {figures['acknowledged_saves_lost']} lost and {figures['photos_corrupt']} photos corrupt"
                f" on the device, {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
                flush=True,
            )
        left, photos_left, figures["photos_sent_again"] = final_sync(folder)
        on_server = server_records(server.url, "notes")
        texts = [item["data"]["text"] for item in on_server]
        figures["server_duplicates"] = len(texts) - len(set(texts))
        figures["acknowledged_saves_lost"] += len(acked_notes - {item["id"] for item in on_server})
        photos_lost, photos_corrupt, photos_twice = server_photos(server.url, acked_photos)
        figures["acknowledged_saves_lost"] += photos_lost
        figures["photos_corrupt"] += photos_corrupt
        figures["server_duplicates"] += photos_twice
        figures.update(
            runs=runs,
            server_kills=server_kills,
            acknowledged_saves=len(acked_notes),
            acknowledged_draft_saves=acked_draft_rev,
            acknowledged_photos=len(acked_photos),
            ops_left_after_final_sync=left,
            photos_left_after_final_sync=photos_left,
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
