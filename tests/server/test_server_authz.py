"""Every cell of the shared collections' authorisation table (authz_table.py) against a real server:
each actor reads, raises, edits, moves and deletes needs, and answers, edits, replies to and deletes
answers, each on fresh records, and gets exactly the outcome the table says."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.server.authz_table import ACTORS, CASES, HIDDEN, SEES, Case, markdown
from tests.server.helpers import Api
from tests.server.shared_world import (
    OWNER_A,
    OWNER_B,
    PLANT_A2,
    SUPPLIER_X,
    SUPPLIER_Y,
    answer,
    code_of,
    make_account,
    need,
    offer,
    put,
    reply,
    seed_world,
)
from tests.support.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS: dict[str, tuple[str, str | None]] = {
    "producer_member": ("member", OWNER_A),
    "other_member": ("member", OWNER_B),
    "member_no_org": ("member", None),
    "supplier_x": ("supplier", SUPPLIER_X),
    "supplier_y": ("supplier", SUPPLIER_Y),
    "field_staff": ("field_staff", None),
    "admin": ("admin", None),
}


class World:
    """One server for the whole table (each cell works on records of its own) and an account per actor."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        seed_world(server.db_url)
        self.apis: dict[str, Api] = {"anonymous": Api(server.url)}
        for actor, (role, org) in ACCOUNTS.items():
            self.apis[actor] = make_account(server, actor.replace("_", "-"), role, org)

    def put_need(self, status: str) -> tuple[dict[str, Any], int]:
        """A fresh need of A at ``status``, as stored, and its version."""
        data = need(status=status, raised_by="producer-member")
        return data, put(self.server.db_url, "needs", {data["id"]: data})

    def put_answer(self, need_data: dict[str, Any]) -> tuple[str, int]:
        answer_id = f"{need_data['id']}:{SUPPLIER_X}"
        return answer_id, put(self.server.db_url, "answers", {answer_id: answer(need_data)})

    def close(self) -> None:
        for api in self.apis.values():
            api.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    database = tmp_path_factory.mktemp("authz") / "server.sqlite3"
    server = LiveServer(f"sqlite:///{database}").start()
    made = World(server)
    yield made
    made.close()
    server.close()


def own_org(actor: str) -> str:
    """The producer an actor raises needs for in its own name (A's for those that have none)."""
    role, org = ACCOUNTS.get(actor, ("", None))
    return org if role == "member" and org else OWNER_A


def own_supplier(actor: str) -> str:
    role, org = ACCOUNTS.get(actor, ("", None))
    return org if role == "supplier" and org else SUPPLIER_X


def push(world: World, actor: str, collection: str, record_id: str, data: Any, **kwargs: Any) -> str:
    api = world.apis[actor]
    op = api.op(collection, record_id, data, **kwargs)
    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": [op]})
    if answer.status_code == 401:
        return "401"
    assert answer.status_code == 200, answer.text
    return code_of(answer.json()["results"][0])


def read(world: World, actor: str, collection: str, record_id: str) -> str:
    answer = world.apis[actor].http.get(f"/changes/{collection}")
    if answer.status_code == 401:
        return "401"
    items, _ = world.apis[actor].pull_all(collection)
    return SEES if any(i["id"] == record_id and not i["deleted"] for i in items) else HIDDEN


# ---- the operations the table names ------------------------------------------------------------------
def op_read_open_need(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("open")
    return read(world, actor, "needs", data["id"])


def op_read_published_need(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    return read(world, actor, "needs", data["id"])


def op_create_need(world: World, actor: str, case: Case) -> str:
    data = need(status="open")
    return push(world, actor, "needs", data["id"], data)


def op_create_published_need(world: World, actor: str, case: Case) -> str:
    data = need(status="published")
    return push(world, actor, "needs", data["id"], data)


def op_create_need_own_name(world: World, actor: str, case: Case) -> str:
    data = need(status="open", org=own_org(actor))
    return push(world, actor, "needs", data["id"], data)


def op_update_open_need(world: World, actor: str, case: Case) -> str:
    data, version = world.put_need("open")
    return push(world, actor, "needs", data["id"], data | {"annual_qty": 900.0}, base_version=version)


def op_update_published_need(world: World, actor: str, case: Case) -> str:
    data, version = world.put_need("published")
    return push(world, actor, "needs", data["id"], data | {"oem": "Danieli"}, base_version=version)


def op_change_plant(world: World, actor: str, case: Case) -> str:
    data, version = world.put_need("open")
    return push(world, actor, "needs", data["id"], data | {"plant_id": PLANT_A2}, base_version=version)


def op_delete_need(world: World, actor: str, case: Case) -> str:
    data, version = world.put_need("published")
    return push(world, actor, "needs", data["id"], None, action="delete", base_version=version)


def op_move(world: World, actor: str, case: Case) -> str:
    seen = set()
    for current, target in case.moves:
        data, version = world.put_need(current)
        seen.add(push(world, actor, "needs", data["id"], data | {"status": target}, base_version=version))
    assert len(seen) == 1, f"{actor}: the moves of one row answered differently: {seen}"
    return seen.pop()


def op_read_answer(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    answer_id, _ = world.put_answer(data)
    return read(world, actor, "answers", answer_id)


def op_offer_own(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    return push(world, actor, "answers", f"{data['id']}:{own_supplier(actor)}", offer())


def op_offer_as_x(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    return push(world, actor, "answers", f"{data['id']}:{SUPPLIER_X}", offer())


def op_offer_open_need(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("open")
    return push(world, actor, "answers", f"{data['id']}:{own_supplier(actor)}", offer())


def op_offer_closed_need(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("closed")
    return push(world, actor, "answers", f"{data['id']}:{own_supplier(actor)}", offer())


def op_edit_offer(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    answer_id, version = world.put_answer(data)
    return push(world, actor, "answers", answer_id, offer("withdrawn for now", "withdrawn"), base_version=version)


def op_reply(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    answer_id, version = world.put_answer(data)
    return push(world, actor, "answers", answer_id, reply(), base_version=version)


def op_reply_missing(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    return push(world, actor, "answers", f"{data['id']}:{SUPPLIER_X}", reply())


def op_delete_answer(world: World, actor: str, case: Case) -> str:
    data, _ = world.put_need("published")
    answer_id, version = world.put_answer(data)
    return push(world, actor, "answers", answer_id, None, action="delete", base_version=version)


OPERATIONS: dict[str, Callable[[World, str, Case], str]] = {
    name.removeprefix("op_"): function for name, function in globals().items() if name.startswith("op_")
}


def cell_id(case: Case, actor: str) -> str:
    if len(case.moves) == 1:
        return f"{case.key}-{case.moves[0][0]}-{case.moves[0][1]}-{actor}"
    return f"{case.key}-{'refused' if case.moves else 'once'}-{actor}".replace("-once", "")


CELLS = [pytest.param(case, actor, id=cell_id(case, actor)) for case in CASES for actor in ACTORS]


@pytest.mark.parametrize(("case", "actor"), CELLS)
def test_each_actor_gets_what_the_authorisation_table_says(world: World, case: Case, actor: str) -> None:
    assert OPERATIONS[case.key](world, actor, case) == case.expected[actor]


def test_every_operation_of_the_table_is_run() -> None:
    assert {case.key for case in CASES} == set(OPERATIONS)


def test_the_protocol_document_shows_the_table_the_tests_prove() -> None:
    document = (ROOT / "docs" / "sync-protocol.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- authz-table:start -->\n(.*?)<!-- authz-table:end -->", document, re.S)

    assert shown is not None, "docs/sync-protocol.md lost its authz-table markers"
    assert shown.group(1) == markdown(), "regenerate it: python -m tests.server.authz_table"


def test_a_need_id_is_never_reused_across_cells() -> None:
    assert len({need()["id"] for _ in range(100)}) == 100 and uuid.UUID(need()["id"])
