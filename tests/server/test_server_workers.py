"""Several server processes on one PostgreSQL (``serve --workers 2``, as production runs behind its load
balancer): what one worker learns, the others know. Sign-in failures spread over the workers are counted
together, and a push that reaches one worker and is sent again to another — one after the other, or both at
once — is applied once.

Which worker answers is not left to chance: the other workers are stopped (SIGSTOP) while a new connection is
opened, so only the wanted one can accept it, and every answer is checked to have come over a connection that
worker holds (its socket, found in ``/proc``). A keep-alive connection stays with the worker that accepted it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.server.helpers import API, PASSWORD, note
from tests.support.live_server import (
    REPO_ROOT,
    LiveServer,
    child_pids,
    free_port,
    held_by,
    listens_on,
    server_env,
    start_live_server,
)
from tests.support.postgres import PostgresCluster
from tests.support.waiting import wait_until

pytestmark = pytest.mark.postgres

WORKERS = 2
MAX_FAILURES = 3


@dataclass
class Workers:
    server: LiveServer
    pids: list[int]


def worker_pids(server: LiveServer) -> list[int]:
    """The server's worker processes: its children holding the listening socket (not multiprocessing's helper)."""
    assert server.pid is not None
    return sorted(pid for pid in child_pids(server.pid) if listens_on(pid, server.port))


@pytest.fixture(scope="module")
def workers(postgres_cluster: PostgresCluster) -> Iterator[Workers]:
    db_url = postgres_cluster.create_database()
    with start_live_server(db_url, {"ZANJIREH_LOGIN_MAX_FAILURES": str(MAX_FAILURES)}, workers=WORKERS) as server:
        wait_until(lambda: len(worker_pids(server)) == WORKERS, timeout=120, what=f"{WORKERS} workers listening")
        for name in ("guessed", "pusher"):
            server.create_user(name, "member", PASSWORD)
        yield Workers(server, worker_pids(server))
    postgres_cluster.drop_database(db_url)


class Connection:
    """One keep-alive HTTP connection to one worker; every answer is checked to come from that worker."""

    def __init__(self, workers: Workers, worker: int) -> None:
        self.workers, self.worker = workers, worker
        self.http = httpx.Client(
            base_url=workers.server.url + API,
            headers={"X-Zanjireh-Schema": "1"},
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            timeout=120,
        )
        others = [pid for pid in workers.pids if pid != worker]
        for pid in others:
            os.kill(pid, signal.SIGSTOP)  # only `worker` can accept the connection opened now
        try:
            self.request("GET", "/ping")
        finally:
            for pid in others:
                os.kill(pid, signal.SIGCONT)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        answer = self.http.request(method, path, **kwargs)
        assert served_by(answer, self.workers) == self.worker
        return answer

    def sign_in(self, username: str, password: str) -> int:
        answer = self.request("POST", "/auth/token", json={"username": username, "password": password})
        if answer.status_code == 200:
            self.http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
        return answer.status_code

    def close(self) -> None:
        self.http.close()


def served_by(answer: httpx.Response, workers: Workers) -> int | None:
    """The worker holding the server's end of the connection ``answer`` came over."""
    _host, client_port = answer.extensions["network_stream"].get_extra_info("client_addr")
    ends = (f"0100007F:{workers.server.port:04X}", f"0100007F:{client_port:04X}")
    with open("/proc/net/tcp", encoding="ascii") as table:
        inodes = {f"socket:[{row.split()[9]}]" for row in table.readlines()[1:] if tuple(row.split()[1:3]) == ends}
    for pid in workers.pids:
        if inodes & held_by(pid):
            return pid
    return None


@pytest.fixture
def connections(workers: Workers) -> Iterator[list[Connection]]:
    """One connection to each worker."""
    made = [Connection(workers, pid) for pid in workers.pids]
    yield made
    for connection in made:
        connection.close()


def test_sign_in_failures_spread_over_the_workers_are_counted_together(connections: list[Connection]) -> None:
    first, second = connections

    failures = [connection.sign_in("guessed", "wrong guess") for connection in (first, second, first)]

    assert failures == [401] * MAX_FAILURES
    assert second.sign_in("guessed", PASSWORD) == 429  # one count: each worker alone saw fewer than three
    assert first.sign_in("guessed", PASSWORD) == 429


def test_a_push_sent_again_to_another_worker_is_not_applied_twice(connections: list[Connection]) -> None:
    first, second = connections
    assert first.sign_in("pusher", PASSWORD) == 200
    second.http.headers["Authorization"] = first.http.headers["Authorization"]  # one phone, one sign-in
    client_id = str(uuid.uuid4())
    records = [uuid.uuid4().hex for _ in range(3)]
    body = {"client_id": client_id, "ops": [op(seq, record) for seq, record in enumerate(records, 1)]}

    applied = first.request("POST", "/push", json=body).json()["results"]
    again = second.request("POST", "/push", json=body).json()["results"]  # the first answer was "lost"

    assert [result["status"] for result in applied] == ["applied"] * 3
    assert [result["status"] for result in again] == ["duplicate"] * 3
    assert stored_versions(second, records) == {result["seq"]: result["version"] for result in applied}


def test_a_push_sent_to_two_workers_at_once_is_applied_once(connections: list[Connection]) -> None:
    first, second = connections
    assert first.sign_in("pusher", PASSWORD) == 200
    second.http.headers["Authorization"] = first.http.headers["Authorization"]
    records = [uuid.uuid4().hex for _ in range(5)]
    body = {"client_id": str(uuid.uuid4()), "ops": [op(seq, record) for seq, record in enumerate(records, 1)]}
    start = threading.Barrier(2)
    answers: dict[int, list[dict[str, Any]]] = {}

    def push(connection: Connection) -> None:
        start.wait(timeout=60)
        answers[connection.worker] = connection.request("POST", "/push", json=body).json()["results"]

    threads = [threading.Thread(target=push, args=(connection,)) for connection in connections]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert len(answers) == 2, "a push got no answer"
    by_seq = {seq: sorted(results[seq - 1]["status"] for results in answers.values()) for seq in range(1, 6)}
    assert all(statuses == ["applied", "duplicate"] for statuses in by_seq.values()), by_seq
    applied = {r["seq"]: r["version"] for results in answers.values() for r in results if r["status"] == "applied"}
    assert stored_versions(first, records) == applied


def op(seq: int, record_id: str) -> dict[str, Any]:
    data = note(f"note {seq} of {record_id[:8]}")
    return {"seq": seq, "op_id": uuid.uuid4().hex, "collection": "notes", "record_id": record_id,
            "action": "upsert", "base_version": None, "data": data}  # fmt: skip


def stored_versions(connection: Connection, records: list[str]) -> dict[int, int]:
    """{seq: version} of the notes ``records`` (seq = place in the list + 1) as the feed has them: each once, at
    the version its one write gave it."""
    items = [item for item in pull_all(connection, "notes") if item["id"] in records]
    assert sorted(item["id"] for item in items) == sorted(records)  # each once
    return {records.index(item["id"]) + 1: item["version"] for item in items}


def pull_all(connection: Connection, collection: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"cursor": cursor} if cursor else {}
        page = connection.request("GET", f"/changes/{collection}", params=params).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return items


def test_serve_refuses_more_workers_than_postgresql_has_connections_for(postgres_cluster: PostgresCluster) -> None:
    import sqlalchemy as sa

    db_url = postgres_cluster.create_database()
    env = server_env(db_url, {"ZANJIREH_DB_POOL_SIZE": "16", "ZANJIREH_DB_POOL_OVERFLOW": "4"})
    try:
        engine = sa.create_engine(db_url, poolclass=sa.NullPool)
        with engine.connect() as connection:
            allowed = int(connection.exec_driver_sql("SHOW max_connections").scalar_one())
        engine.dispose()
        workers = allowed // 20 + 1  # 20 connections each: one worker too many
        command = [sys.executable, "-m", "server", "serve", "--port", str(free_port()), "--workers", str(workers)]
        completed = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    finally:
        postgres_cluster.drop_database(db_url)

    assert completed.returncode != 0
    assert f"{workers} worker(s) × 20 connections" in completed.stderr and "max_connections" in completed.stderr
