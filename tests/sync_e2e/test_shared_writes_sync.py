"""Needs and answers through the real engine and a real server: a member raises a need while the API
is down, it reaches the server once — also when the answer to the push is lost —, a supplier's device
sees it and answers, the member's device sees the answer and replies; a refused write is parked with
the server's reason while the rest of the queue goes through."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.needs import NeedStatus, ReplyState
from sync.reference_store import ServerItem
from sync.shared_records import SharedRecords, WriteState
from tests.server.helpers import Api
from tests.server.shared_world import CATEGORY, OWNER_A, PLANT_A, PLANT_A2, SUPPLIER_X, seed_world
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import PASSWORD, Device


@pytest.fixture
def world(tmp_path: Path) -> Iterator[LiveServer]:
    """A server with A's and B's plants, the category tree, suppliers X and Y, and their accounts."""
    server = LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}").start()
    seed_world(server.db_url)
    for name, role, org in (("a1", "member", OWNER_A), ("x1", "supplier", SUPPLIER_X), ("admin1", "admin", None)):
        server.run_cli("create-user", name, "--role", role, *(["--org", org] if org else []), input=PASSWORD + "\n")
    yield server
    server.close()


def device(tmp_path: Path, server: LiveServer, name: str, username: str) -> Device:
    made = Device(tmp_path / name, server)
    made.sign_in(username)
    assert made.sync().ok
    return made


def form(**changes: Any) -> dict[str, Any]:
    return {
        "plant_id": PLANT_A,
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "item_en": "Magnesia-carbon ladle bricks",
        "category": CATEGORY,
        "annual_qty": 1200,
        "unit": "t",
        "criticality": "A",
        "status": "published",
    } | changes


def server_needs(server: LiveServer) -> list[dict[str, Any]]:
    """Every need as the server holds it (read by an admin)."""
    api = Api(server.url)
    api.sign_in("admin1", PASSWORD)
    items, _ = api.pull_all("needs")
    api.close()
    return [i for i in items if not i["deleted"]]


def test_a_need_raised_offline_reaches_the_server_once_and_a_supplier_answers_it(
    world: LiveServer, tmp_path: Path
) -> None:
    phone = device(tmp_path, world, "member-phone", "a1")
    world.stop()  # the API is down

    need_id = SharedRecords(phone.store).raise_need(form()).record.id
    offline = phone.sync()
    phone = phone.reopen()  # the app is closed and opened again
    still = SharedRecords(phone.store).need(need_id)

    assert not offline.ok and offline.error is not None and offline.error.code == "offline"
    assert still is not None and still.state is WriteState.PENDING

    world.start()  # the API is back, and the answer to the first push is lost on the way
    phone.plan.add("/push", "lose_response")
    lost = phone.sync()
    replayed = phone.sync()

    assert not lost.ok and lost.error is not None and lost.error.code == "transient"
    assert replayed.ok and replayed.pushed.duplicates == 1 and replayed.pushed.applied == 0
    [stored] = server_needs(world)
    assert stored["id"] == need_id and stored["data"]["raised_by"] == "a1"
    shown = SharedRecords(phone.store).need(need_id)
    assert shown is not None and shown.state is WriteState.SYNCED and shown.version == stored["version"]

    supplier = device(tmp_path, world, "supplier-phone", "x1")
    supplier_records = SharedRecords(supplier.store)
    seen = supplier_records.need(need_id)
    assert seen is not None and seen.record.item_fa == "آجر منیزیا-کربن پاتیل" and supplier_records.may_answer(need_id)
    supplier_records.answer_need(need_id, note="ما این آجر را در نجف‌آباد می‌سازیم")
    assert supplier.sync().ok

    assert phone.sync().ok
    member_records = SharedRecords(phone.store)
    [answer] = member_records.answers(need_id)
    assert answer.record.note == "ما این آجر را در نجف‌آباد می‌سازیم" and answer.record.offered_by == "x1"
    member_records.reply_to_answer(answer.record.id, state=ReplyState.INTERESTED, note="پیش‌فاکتور بفرستید")
    assert phone.sync().ok

    assert supplier.sync().ok
    mine = SharedRecords(supplier.store).my_answer(need_id)
    assert mine is not None and mine.record.reply is not None and mine.record.reply.state == "interested"
    assert mine.record.note == "ما این آجر را در نجف‌آباد می‌سازیم"  # the reply left the offer as it was
    phone.close()
    supplier.close()


def test_a_refused_move_is_parked_with_its_reason_and_the_rest_of_the_queue_goes_through(
    world: LiveServer, tmp_path: Path
) -> None:
    phone = device(tmp_path, world, "member-phone", "a1")
    records = SharedRecords(phone.store)
    need_id = records.raise_need(form()).record.id
    assert phone.sync().ok
    # A client whose workflow differs from the server's (an older app, a changed workflow) queues a
    # move the server refuses; this device's own check would have stopped it, so it is queued directly.
    shown = records.need(need_id)
    assert shown is not None
    skipped = shown.record.model_dump(mode="json", exclude={"raised_by", "updated_by", "updated_at"})
    base = ServerItem(need_id, shown.version or 0, False, skipped)
    phone.store.user.save("needs", need_id, skipped | {"status": "trial"}, based_on=base)
    other_id = records.raise_need(form(plant_id=PLANT_A2, item_fa="نازل کشویی")).record.id
    records.move_need(other_id, NeedStatus.MATCHED)  # a second op after the other need's create

    result = phone.sync()

    assert result.ok and result.pushed.rejected == 1 and result.pushed.applied == 2
    refused = records.need(need_id)
    assert refused is not None and refused.state is WriteState.REFUSED
    assert refused.reason == (
        "status_move_not_allowed: a need cannot go from published to trial (allowed: open, matched, closed)"
    )
    flowed = records.need(other_id)
    assert flowed is not None and flowed.state is WriteState.SYNCED and flowed.record.status == "matched"
    assert {n["id"]: n["data"]["status"] for n in server_needs(world)} == {need_id: "published", other_id: "matched"}

    records.discard("needs", need_id)  # the member takes the server's copy back
    back = records.need(need_id)
    assert back is not None and back.state is WriteState.SYNCED and back.record.status == "published"
    phone.close()
