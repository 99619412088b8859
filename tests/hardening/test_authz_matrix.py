"""Every cell of the authorisation matrix (``authz_matrix.py``) against one live server, and docs/security.md
carrying the same table (issue 12, item 1)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.hardening.authz_matrix import DOC, HIDDEN, ROWS, SEES, UNTOUCHED, Cell, document_with_matrix
from tests.hardening.world import ACTORS, BACKENDS, World, world_on
from tests.server.helpers import PASSWORD, Api

_numbers = itertools.count(130_000)


def code_of(result: dict[str, Any]) -> str:
    if result["status"] in ("rejected", "conflict"):
        return f"{result['status']}:{str(result.get('reason', '')).split(':', 1)[0]}"
    return str(result["status"])


def new_record(collection: str) -> tuple[str, dict[str, Any]]:
    """A record id and data no other cell uses."""
    asset = f"P{100000000000 + next(_numbers)}"
    if collection == "favourites":
        return f"plant:{asset}", {"kind": "plant", "asset_id": asset, "created_at": "2026-12-02T05:00:00Z"}
    if collection == "notes":
        return uuid.uuid4().hex, {
            "kind": "plant",
            "asset_id": asset,
            "text": "یادداشت",
            "updated_at": "2026-12-02T05:00:00Z",
        }
    return f"X{next(_numbers)}", {"id": "X", "name_en": "written by a client"}


def push(api: Api, collection: str, record_id: str, data: dict[str, Any] | None, **kwargs: Any) -> str | dict:
    """The op's result, or the HTTP status when the request itself is refused."""
    action = "upsert" if data is not None else "delete"
    answer = api.http.post(
        "/push",
        json={"client_id": api.client_id, "ops": [api.op(collection, record_id, data, action=action, **kwargs)]},
    )
    if answer.status_code != 200:
        return str(answer.status_code)
    return answer.json()["results"][0]


def outcome(result: str | dict) -> str:
    return result if isinstance(result, str) else code_of(result)


def ids_in(api: Api, collection: str) -> dict[str, dict[str, Any]]:
    answer = api.http.get(f"/changes/{collection}", params={"limit": 1000})
    if answer.status_code != 200:
        return {}
    return {item["id"]: item for item in answer.json()["items"] if not item["deleted"]}


class Runner:
    """Does one cell's action as one actor and says what came of it, in the table's words."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.b_records: dict[str, tuple[str, dict[str, Any]]] = {}

    def api(self, actor: str) -> Api:
        return self.world.client(actor)

    def b_record(self, collection: str) -> tuple[str, dict[str, Any]]:
        """Member B's record of ``collection`` (made once): its id and its item as the server holds it."""
        if collection not in self.b_records:
            record_id, data = new_record(collection)
            result = push(self.api("member_b"), collection, record_id, data)
            assert isinstance(result, dict) and result["status"] == "applied", result
            self.b_records[collection] = (record_id, data)
        record_id, _data = self.b_records[collection]
        return record_id, ids_in(self.api("member_b"), collection)[record_id]

    # ---- the actions ----------------------------------------------------------------------------------
    def ping(self, actor: str, _cell: Cell) -> str:
        return str(self.api(actor).http.get("/ping").status_code)

    def sign_in(self, actor: str, _cell: Cell) -> str:
        name, password = ("member_a", "a wrong password") if actor == "anonymous" else (actor, PASSWORD)
        return str(
            Api(self.world.server.url)
            .http.post("/auth/token", json={"username": name, "password": password})
            .status_code
        )

    def refresh(self, actor: str, _cell: Cell) -> str:
        token = "made-up" if actor == "anonymous" else self.world.fresh(actor).tokens["refresh_token"]
        return str(self.api("anonymous").http.post("/auth/refresh", json={"refresh_token": token}).status_code)

    def me(self, actor: str, _cell: Cell) -> str:
        answer = self.api(actor).http.get("/me")
        if answer.status_code == 200:
            assert answer.json()["role"] == ACTORS[actor][1]
        return str(answer.status_code)

    def logout(self, actor: str, _cell: Cell) -> str:
        api = self.world.fresh(actor)
        status = api.http.post("/auth/logout").status_code
        if status == 204:  # the sign-in is over: its token no longer opens anything
            assert api.http.get("/me").status_code == 401
        return str(status)

    def read_reference(self, actor: str, cell: Cell) -> str:
        return str(self.api(actor).http.get(f"/changes/{cell.collection}").status_code)

    def write_reference(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, data = new_record(cell.collection)
        return outcome(push(self.api(actor), cell.collection, record_id, data))

    def unknown_collection(self, actor: str, _cell: Cell) -> str:
        return str(self.api(actor).http.get("/changes/widgets").status_code)

    def create_own(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, data = new_record(cell.collection)
        return outcome(push(self.api(actor), cell.collection, record_id, data))

    def read_own(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, data = new_record(cell.collection)
        result = push(self.api(actor), cell.collection, record_id, data)
        if isinstance(result, str):
            return result
        return SEES if record_id in ids_in(self.api(actor), cell.collection) else HIDDEN

    def update_own(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, data = new_record(cell.collection)
        first = push(self.api(actor), cell.collection, record_id, data)
        if isinstance(first, str):
            return first
        return outcome(push(self.api(actor), cell.collection, record_id, data, base_version=first["version"]))

    def delete_own(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, data = new_record(cell.collection)
        first = push(self.api(actor), cell.collection, record_id, data)
        if isinstance(first, str):
            return first
        return outcome(push(self.api(actor), cell.collection, record_id, None, base_version=first["version"]))

    def read_other(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        record_id, _item = self.b_record(cell.collection)
        answer = self.api(actor).http.get(f"/changes/{cell.collection}", params={"limit": 1000})
        if answer.status_code != 200:
            return str(answer.status_code)
        return SEES if record_id in {item["id"] for item in answer.json()["items"]} else HIDDEN

    def _write_other(self, actor: str, cell: Cell, data: dict[str, Any] | None) -> str:
        assert cell.collection
        record_id, before = self.b_record(cell.collection)
        result = push(self.api(actor), cell.collection, record_id, data, base_version=before["version"])
        if actor == "member_b":
            self.b_records.pop(cell.collection)  # B's record changed: the next cell makes another
            return outcome(result)
        after = ids_in(self.api("member_b"), cell.collection).get(record_id)
        if isinstance(result, dict) and result["status"] == "applied" and after == before:
            return UNTOUCHED
        return outcome(result) if after == before else f"changed member B's record: {after}"

    def update_other(self, actor: str, cell: Cell) -> str:
        assert cell.collection
        _id, data = new_record(cell.collection)
        _record_id, before = self.b_record(cell.collection)
        if cell.collection == "favourites":
            data = {**before["data"]}  # a favourite's data must match its id
        return self._write_other(actor, cell, data)

    def delete_other(self, actor: str, cell: Cell) -> str:
        return self._write_other(actor, cell, None)


RUNNERS: dict[str, Callable[[Runner, str, Cell], str]] = {
    name: getattr(Runner, name) for name in {row.key for row in ROWS}
}


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The matrix on SQLite and on PostgreSQL: who may do what must not depend on the database's own behaviour
    (its isolation, its ordering, its types), and production runs on PostgreSQL."""
    with world_on(request.param, request, tmp_path_factory.mktemp("matrix")) as built:
        yield built


@pytest.fixture(scope="module")
def runner(world: World) -> Runner:
    return Runner(world)


@pytest.mark.parametrize("actor", list(ACTORS))
@pytest.mark.parametrize("cell", ROWS, ids=[f"{row.key}:{row.collection or row.target}" for row in ROWS])
def test_each_actor_gets_what_the_matrix_says(runner: Runner, cell: Cell, actor: str) -> None:
    assert RUNNERS[cell.key](runner, actor, cell) == cell.expected[actor]


def test_every_row_has_a_runner_and_every_actor_a_cell() -> None:
    for row in ROWS:
        assert row.key in RUNNERS
        assert set(row.expected) == set(ACTORS), row.title


def test_docs_security_carries_the_matrix_as_generated() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text == document_with_matrix(text), "run: python -m tests.hardening.authz_matrix"


def test_every_collection_the_server_serves_is_in_the_matrix(world: World) -> None:
    served = world.client("anonymous").http.get("/ping").json()["collections"]
    in_matrix = {row.collection for row in ROWS if row.collection}

    assert {name for names in served.values() for name in names} <= in_matrix
