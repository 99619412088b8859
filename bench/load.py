"""The load test of issue 12 (item 7): several server workers on PostgreSQL, many clients syncing at once.

    .venv/bin/python -m bench.load [--workers 4] [--clients 200] [--seconds 120] [--plants 1000] [--db URL] [--json]

Starts a private PostgreSQL (``tests/support/postgres.py``; ``--db`` or ``$ZANJIREH_TEST_PG_URL`` to use
another), imports ``--plants`` atlas plants, the suppliers' register and the checklists, makes one account per
client, and serves the API as ``python -m server serve --workers N`` (uvicorn's processes sharing one port;
everything they share — records, tokens, the sign-in limiter's counts — is in the database). Then
``--clients`` simulated phones, each with its own account, client id and address (sent as ``X-Forwarded-For``
by loopback, trusted as the load balancer in front of the workers), run at once for ``--seconds``:

- a first sync, all phones at once: sign in, ``ping``, every page of plants, suppliers and checklists;
- then, for ``--seconds``, at random: an incremental pull of the member's notes; a push of 1–5 new notes,
  resent once in a fifth of the pushes as a phone does when the answer was lost (a *deliberate retry*: every
  op must come back ``duplicate``, nothing written twice); a photo (~40 KB JPEG) uploaded in two chunks, and
  in a fifth of the uploads sent again whole (the server must answer "complete" without taking it again).

At the end the database is read: every note a client was told ``applied`` must be there once (``lost``,
``duplicates``), and every photo once, whole. Printed: requests, requests per second, p50/p95/p99 latency
(ms), errors (answers that are not 2xx, refused ops, transport failures; the deliberate retries are not
errors as long as they are answered as such), duplicates and lost writes. With ``--json`` the last line is
one object with ``requests``, ``rps``, ``p50_ms``, ``p95_ms``, ``p99_ms``, ``errors``, ``duplicates``,
``lost``, ``workers``, ``clients``, ``seconds`` (and ``workers_restarted``: workers uvicorn replaced meanwhile).
Figures are printed, never asserted (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PASSWORD = "load test password that is long enough"
API = "/api/v1"
FIRST_SYNC = ("plants", "suppliers", "checklists")
PHOTO_CHUNKS = 2


@dataclass
class Tally:
    """What every client did: latencies per request, errors, and what the server acknowledged."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes_applied: dict[str, str] = field(default_factory=dict)  # note id → its text
    photos_done: set[str] = field(default_factory=set)
    retries: int = 0
    first_syncs: int = 0
    first_sync_seconds: float = 0.0

    def error(self, what: str) -> None:
        if len(self.errors) < 10_000:
            self.errors.append(what[:300])


# ---- one simulated phone ----------------------------------------------------------------------------------
class Phone:
    def __init__(self, http: Any, username: str, tally: Tally, rng: random.Random, address: str) -> None:
        self.http, self.username, self.tally, self.rng = http, username, tally, rng
        self.address = address  # where the phone is, as the load balancer in front of the workers tells it
        self.client_id = str(uuid.uuid4())
        self.token = ""
        self.seq = 0
        self.notes_cursor: str | None = None

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"X-Zanjireh-Schema": "1", "X-Forwarded-For": self.address, **kwargs.pop("headers", {})}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        started = time.perf_counter()
        try:
            answer = await self.http.request(method, API + path, headers=headers, **kwargs)
        except Exception as error:  # a transport failure is an error of the run, not of the script
            self.tally.error(f"{method} {path.split('?')[0]}: {type(error).__name__}")
            return None
        self.tally.latencies_ms.append((time.perf_counter() - started) * 1000)
        if not 200 <= answer.status_code < 300:
            self.tally.error(f"{method} {path.split('?')[0]}: {answer.status_code} {answer.text[:120]}")
            return None
        return answer

    async def first_sync(self) -> None:
        answer = await self.call("POST", "/auth/token", json={"username": self.username, "password": PASSWORD})
        if answer is None:
            return
        self.token = answer.json()["access_token"]
        await self.call("GET", "/ping")
        for collection in FIRST_SYNC:
            await self.pull_all(collection)
        self.tally.first_syncs += 1

    async def pull_all(self, collection: str, cursor: str | None = None) -> str | None:
        while True:
            params = {"limit": 500} | ({"cursor": cursor} if cursor else {})
            answer = await self.call("GET", f"/changes/{collection}", params=params)
            if answer is None:
                return cursor
            page = answer.json()
            cursor = page["next_cursor"] or cursor
            if not page["has_more"]:
                return cursor

    async def push_notes(self) -> None:
        ops = []
        for _ in range(self.rng.randint(1, 5)):
            self.seq += 1
            note_id = uuid.uuid4().hex
            text = f"{self.username} note {self.seq} {note_id[:8]}"
            data = {"asset_id": "P100000120001", "kind": "plant", "text": text, "updated_at": "2026-12-02T08:00:00Z"}
            ops.append({"seq": self.seq, "op_id": uuid.uuid4().hex, "collection": "notes", "record_id": note_id,
                        "action": "upsert", "base_version": None, "data": data})  # fmt: skip
        body = {"client_id": self.client_id, "ops": ops}
        for _attempt in range(5):  # a failed push is sent again as it was, as the phone's outbox does
            answer = await self.call("POST", "/push", json=body)
            if answer is not None:
                break
            await asyncio.sleep(self.rng.uniform(1, 3))
        else:
            return
        for op, result in zip(ops, answer.json()["results"], strict=True):
            if result["status"] in ("applied", "duplicate"):  # duplicate: an earlier attempt was applied
                self.tally.notes_applied[op["record_id"]] = op["data"]["text"]
            else:
                self.tally.error(f"push: {result['status']} {result.get('reason') or ''}")
        if self.rng.random() < 0.2:  # the answer "was lost": the phone sends the same ops again
            self.tally.retries += 1
            again = await self.call("POST", "/push", json=body)
            if again is not None:
                statuses = {result["status"] for result in again.json()["results"]}
                if statuses != {"duplicate"}:
                    self.tally.error(f"retried push answered {sorted(statuses)}, not duplicate")

    async def upload_photo(self) -> None:
        data = photo(self.rng)
        sha = hashlib.sha256(data).hexdigest()
        cut = len(data) // PHOTO_CHUNKS
        for offset, chunk in ((0, data[:cut]), (cut, data[cut:])):
            headers = {"Upload-Offset": str(offset), "Upload-Length": str(len(data)),
                       "Content-Type": "application/octet-stream"}  # fmt: skip
            answer = await self.call("PUT", f"/attachments/{sha}", content=chunk, headers=headers)
            if answer is None:
                return
        if not answer.json()["complete"]:
            self.tally.error(f"photo {sha[:12]} not complete after its last chunk")
            return
        self.tally.photos_done.add(sha)
        if self.rng.random() < 0.2:  # sent again whole (the phone never heard "complete")
            self.tally.retries += 1
            headers = {
                "Upload-Offset": "0",
                "Upload-Length": str(len(data)),
                "Content-Type": "application/octet-stream",
            }
            again = await self.call("PUT", f"/attachments/{sha}", content=data, headers=headers)
            if again is not None and not again.json()["complete"]:
                self.tally.error(f"photo {sha[:12]} sent again was not answered complete")

    async def run(self, until: float) -> None:
        if not self.token:
            return
        while time.monotonic() < until:
            roll = self.rng.random()
            if roll < 0.45:
                self.notes_cursor = await self.pull_all("notes", self.notes_cursor)
            elif roll < 0.85:
                await self.push_notes()
            else:
                await self.upload_photo()
            await asyncio.sleep(self.rng.uniform(0.0, 0.2))  # a phone does something else between requests


def photo(rng: random.Random) -> bytes:
    from PIL import Image

    image = Image.frombytes("RGB", (160, 120), rng.randbytes(160 * 120 * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


# ---- the run ------------------------------------------------------------------------------------------------
async def drive(url: str, clients: int, seconds: float, seed: int) -> tuple[Tally, float]:
    import httpx

    from sync.api_client import KEEPALIVE_EXPIRY_S

    tally = Tally()
    # One connection per phone, kept idle no longer than the app keeps one (2 s; httpx's default is 5): the server
    # closes idle connections after 20 s (server/__main__.py, KEEP_ALIVE_S), and a phone must not send a request
    # on one it is closing. Unlike the app, a request that dies on a reused connection is not sent again here: it
    # stays an error of the run.
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=KEEPALIVE_EXPIRY_S
    )
    async with httpx.AsyncClient(base_url=url, timeout=httpx.Timeout(120.0), limits=limits) as http:
        started = time.perf_counter()
        phones = [Phone(http, f"load{n:03d}", tally, random.Random(seed * 1000 + n), phone_address(n))
                  for n in range(clients)]  # fmt: skip
        await asyncio.gather(*(phone.first_sync() for phone in phones))  # every phone installed at once
        tally.first_sync_seconds = time.perf_counter() - started
        until = time.monotonic() + seconds
        await asyncio.gather(*(phone.run(until) for phone in phones))
        return tally, time.perf_counter() - started


def phone_address(n: int) -> str:
    """Phone ``n``'s own address (10.0.0.0/8): 200 phones are 200 places, not one."""
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def seed_server(db_url: str, clients: int, plants: int, env: dict[str, str]) -> None:
    from server import migrations
    from server.accounts import create_user
    from server.config import Settings
    from server.db import Database
    from tests.server.helpers import import_reference, make_plant

    migrations.upgrade(db_url)
    import_reference(db_url, plants=[make_plant(n) for n in range(1, plants + 1)])
    for command in (["import-suppliers", str(ROOT / "docs" / "registers" / "suppliers-template.csv")],
                    ["import-checklists"]):  # fmt: skip
        subprocess.run([sys.executable, "-m", "server", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    database = Database(db_url)
    settings = Settings(db=db_url)
    try:
        for n in range(clients):
            create_user(database, username=f"load{n:03d}", role="field_staff", password=PASSWORD, settings=settings)
    finally:
        database.dispose()


def check_database(db_url: str, tally: Tally, attachments: Path) -> tuple[int, int]:
    """(duplicates, lost): notes stored twice or under another id, and acknowledged notes or photos missing."""
    import sqlalchemy as sa

    from server.db import Database
    from server.tables import Record

    database = Database(db_url)
    try:
        with database.read() as session:
            rows = session.execute(
                sa.select(Record.record_id, Record.data).where(Record.collection == "notes", Record.deleted.is_(False))
            ).all()
    finally:
        database.dispose()
    texts = [data["text"] for _, data in rows]
    stored = {record_id for record_id, _ in rows}
    duplicates = len(texts) - len(set(texts))
    lost = len(set(tally.notes_applied) - stored)
    for sha in tally.photos_done:
        path = attachments / sha[:2] / sha
        if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            lost += 1
    return duplicates, lost


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(workers: int, clients: int, seconds: float, plants: int, db: str | None, seed: int) -> dict[str, Any]:
    from tests.support.live_server import child_pids, free_port, listens_on, server_env
    from tests.support.postgres import PostgresCluster

    work = Path(tempfile.mkdtemp(prefix="zanjireh-load-"))
    cluster = None
    if db is None:
        cluster = PostgresCluster.start()
        db = cluster.create_database("zanjireh_load")
    port = free_port()
    # The workers sit behind a load balancer (issue 12): loopback plays it, and its X-Forwarded-For is believed, so
    # the sign-in limiter sees 200 phones in 200 places, with its production limits.
    settings = {"ZANJIREH_ATTACHMENTS_DIR": str(work / "attachments"), "ZANJIREH_TRUSTED_PROXIES": "127.0.0.1"}
    env = server_env(db, settings)
    log_path = Path(tempfile.gettempdir()) / f"zanjireh-load-server-{os.getpid()}.log"  # kept after the run
    log = open(log_path, "wb")  # noqa: SIM115 - kept open for the server's life
    server = None
    try:
        seed_server(db, clients, plants, env)
        command = [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", str(workers),
                   "--log-level", "warning"]  # fmt: skip
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until_answering(f"http://127.0.0.1:{port}", server)
        serving = set(child_pids(server.pid))
        tally, elapsed = asyncio.run(drive(f"http://127.0.0.1:{port}", clients, seconds, seed))
        # A worker uvicorn's supervisor killed and replaced drops the connections it held: worth knowing.
        restarted = len({pid for pid in child_pids(server.pid) if listens_on(pid, port)} - serving)
        duplicates, lost = check_database(db, tally, work / "attachments")
        lat = tally.latencies_ms
        kinds: dict[str, int] = {}
        for error in tally.errors:
            kinds[error[:80]] = kinds.get(error[:80], 0) + 1
        return {
            "requests": len(lat),
            "rps": round(len(lat) / elapsed, 1),
            "p50_ms": round(percentile(lat, 0.50), 1),
            "p95_ms": round(percentile(lat, 0.95), 1),
            "p99_ms": round(percentile(lat, 0.99), 1),
            "errors": len(tally.errors),
            "duplicates": duplicates,
            "lost": lost,
            "workers": workers,
            "clients": clients,
            "seconds": round(elapsed, 1),
            "first_syncs": tally.first_syncs,
            "first_syncs_took_s": round(tally.first_sync_seconds, 1),
            "notes_applied": len(tally.notes_applied),
            "photos_uploaded": len(tally.photos_done),
            "deliberate_retries": tally.retries,
            "workers_restarted": restarted,
            "plants": plants,
            "error_kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])[:5]),
            "server_log": str(log_path),
        }
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def wait_until_answering(url: str, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}) before answering")
        try:
            if httpx.get(url + API + "/ping", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=4, help="server worker processes (default 4)")
    parser.add_argument("--clients", type=int, default=200, help="simulated phones at once (default 200)")
    parser.add_argument("--seconds", type=float, default=120, help="how long the clients run (default 120)")
    parser.add_argument("--plants", type=int, default=1000, help="atlas plants each first sync pulls (default 1000)")
    parser.add_argument(
        "--db", help="an empty PostgreSQL database (default: a private cluster, or one in $ZANJIREH_TEST_PG_URL)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="the last line is one JSON object of the figures")
    args = parser.parse_args()
    figures = load(args.workers, args.clients, args.seconds, args.plants, args.db, args.seed)
    for key, value in figures.items():
        print(f"{key:>20}: {value}")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
