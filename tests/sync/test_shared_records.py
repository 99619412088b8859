"""Needs and answers written on the device: checked with the server's rules before anything is saved,
saved with their outbox op in one commit, shown at once as pending, refused ones kept with the reason,
status moves made offline sent one by one, and a colleague's edit merged field by field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.atlas import OwnerShare, Plant
from models.categories import CATEGORIES
from models.needs import NeedStatus, Offer, ReplyState
from sync.errors import AuthRequired, InvalidInput, WriteNotAllowed
from sync.reference_store import ServerItem
from sync.shared_records import SharedRecords, WriteState
from sync.store import LocalStore
from sync.user_store import OpState

OWNER_A, OWNER_B = "E100000000001", "E100000000002"
PLANT_A, PLANT_B = "P100000120001", "P100000120002"
CATEGORY = "consumables.refractories.shaped"


def plant(plant_id: str, owner: str) -> Plant:
    return Plant(
        id=plant_id,
        name_en=f"Plant {plant_id}",
        source_id="gem-gist-2025-09",
        owners=(OwnerShare(name=owner, gem_id=owner),),
    )


def sign_in(store: LocalStore, username: str, role: str, org_id: str | None) -> None:
    store.user.set_auth(
        {
            "api_url": "http://127.0.0.1:1",
            "username": username,
            "role": role,
            "org_id": org_id,
            "access_token": "a",
            "access_expires_at": "2099-01-01T00:00:00Z",
            "refresh_token": "r",
            "refresh_expires_at": "2099-01-01T00:00:00Z",
        }
    )


def open_store(folder: Path | None = None) -> LocalStore:
    store = LocalStore.open(folder) if folder is not None else LocalStore.in_memory()
    if not len(store.plants):
        store.replace_reference(
            {"plants": [plant(PLANT_A, OWNER_A), plant(PLANT_B, OWNER_B)], "categories": list(CATEGORIES)}, "tests"
        )
    return store


@pytest.fixture
def store() -> Iterator[LocalStore]:
    made = open_store()
    sign_in(made, "a1", "member", OWNER_A)
    yield made
    made.close()


def form(**changes: Any) -> dict[str, Any]:
    return {
        "plant_id": PLANT_A,
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "category": CATEGORY,
        "annual_qty": 1200,
        "unit": "t",
        "criticality": "A",
    } | changes


def ops(store: LocalStore) -> list[tuple[str, str | None, str]]:
    return [(op.collection, (op.data or {}).get("status"), op.state.value) for op in store.user.outbox()]


def conflict_result(op: Any, theirs: dict[str, Any], version: int) -> dict[str, Any]:
    """The push answer for an op whose record someone else changed first."""
    record = {"id": op.record_id, "version": version, "deleted": False, "data": theirs}
    return {"seq": op.seq, "op_id": op.op_id, "status": "conflict", "version": version, "record": record,
            "reason": "base_version_mismatch"}  # fmt: skip


def shared_page(store: LocalStore, collection: str, items: list[ServerItem]) -> None:
    """What a pull of a shared collection does: the page into the shared file, then settle the user's writes."""
    store.reference[collection].apply_page(items, "cursor", False, "tests")
    store.user.settle_shared(collection, items)


def test_a_raised_need_is_shown_at_once_pending_and_queued_once(store: LocalStore) -> None:
    records = SharedRecords(store)

    shown = records.raise_need(form())

    assert shown.state is WriteState.PENDING and shown.version is None
    assert shown.record.producer_org == OWNER_A and shown.record.origin == "app" and shown.record.status == "open"
    assert [n.record.id for n in records.needs()] == [shown.record.id]
    [op] = store.user.outbox()
    assert (op.collection, op.record_id, op.action, op.base_version) == ("needs", shown.record.id, "upsert", None)
    assert op.data is not None and "raised_by" not in op.data


def test_a_need_for_another_companys_plant_is_refused_here_and_nothing_is_saved(store: LocalStore) -> None:
    records = SharedRecords(store)

    with pytest.raises(WriteNotAllowed) as refused:
        records.raise_need(form(plant_id=PLANT_B))

    assert refused.value.refusal == "plant_not_owned" and refused.value.reason.startswith("plant_not_owned: ")
    assert store.user.outbox() == [] and records.needs() == []
    assert records.plants_owned() == {PLANT_A} and not records.may_raise_need(PLANT_B)


def test_bad_values_name_their_fields_and_nothing_is_saved(store: LocalStore) -> None:
    with pytest.raises(InvalidInput) as invalid:
        SharedRecords(store).raise_need(form(annual_qty=-5, category="consumables.unobtainium"))

    assert [field for field, _ in invalid.value.problems] == ["annual_qty"]
    with pytest.raises(InvalidInput) as category:
        SharedRecords(store).raise_need(form(category="consumables.unobtainium"))
    assert category.value.problems == [("category", "not a category of the tree")]
    assert store.user.outbox() == []


def test_only_the_roles_that_write_needs_can_raise_them() -> None:
    supplier = open_store()
    sign_in(supplier, "x1", "supplier", "S1001")
    nobody = open_store()

    with pytest.raises(WriteNotAllowed) as refused:
        SharedRecords(supplier).raise_need(form())
    with pytest.raises(AuthRequired):
        SharedRecords(nobody).raise_need(form())

    assert refused.value.refusal == "role_may_not_write"
    assert SharedRecords(supplier).plants_owned() == set()


def test_a_move_the_workflow_does_not_allow_is_refused_here(store: LocalStore) -> None:
    records = SharedRecords(store)
    need = records.raise_need(form())

    with pytest.raises(WriteNotAllowed) as refused:
        records.move_need(need.record.id, NeedStatus.TRIAL)

    assert refused.value.refusal == "status_move_not_allowed"
    assert records.moves(need.record.id) == [NeedStatus.PUBLISHED, NeedStatus.CLOSED]


def test_a_second_status_move_made_before_the_first_went_out_is_its_own_op(store: LocalStore) -> None:
    records = SharedRecords(store)
    need_id = records.raise_need(form()).record.id
    # the need reached the server as open (version 7) and came back in a pull
    [create] = store.user.claim_batch(10)
    store.user.apply_push_results(
        [create], [{"seq": create.seq, "op_id": create.op_id, "status": "applied", "version": 7}], 1
    )

    records.move_need(need_id, NeedStatus.PUBLISHED)
    records.edit_need(need_id, {"oem": "RHI Magnesita"})  # folds into the publish: still one allowed move
    records.move_need(need_id, NeedStatus.MATCHED)  # open → matched is no move: sent after the publish
    records.edit_need(need_id, {"part_number": "MC-12"})  # folds into the second

    waiting = store.user.outbox()
    assert [(op.data or {}).get("status") for op in waiting] == ["published", "matched"]
    assert waiting[0].base_version == 7 and waiting[1].after == waiting[0].op_id
    assert (waiting[0].data or {})["oem"] == "RHI Magnesita" and (waiting[1].data or {})["part_number"] == "MC-12"
    first = store.user.claim_batch(10)
    assert [op.op_id for op in first] == [waiting[0].op_id]  # the second waits for the first's version
    store.user.apply_push_results(
        first, [{"seq": first[0].seq, "op_id": first[0].op_id, "status": "applied", "version": 9}], 2
    )
    [second] = store.user.claim_batch(10)
    assert second.base_version == 9 and (second.data or {})["status"] == "matched"


def test_a_refused_write_is_kept_with_its_reason_and_the_member_decides(store: LocalStore) -> None:
    records = SharedRecords(store)
    need_id = records.raise_need(form()).record.id
    [op] = store.user.claim_batch(10)
    reason = f"plant_not_owned: the plant {PLANT_A} is not your organisation's"
    store.user.apply_push_results([op], [{"seq": op.seq, "op_id": op.op_id, "status": "rejected", "reason": reason}], 1)

    shown = records.need(need_id)

    assert shown is not None and shown.state is WriteState.REFUSED
    assert shown.reason == reason and shown.refusal == "plant_not_owned"
    assert [r.record.id for r in records.refused()] == [need_id]
    records.retry("needs", need_id)
    assert ops(store) == [("needs", "open", "queued")]
    [again] = store.user.claim_batch(10)
    store.user.apply_push_results(
        [again], [{"seq": again.seq, "op_id": again.op_id, "status": "rejected", "reason": reason}], 2
    )
    records.discard("needs", need_id)
    assert records.need(need_id) is None and store.user.outbox() == []


def test_a_supplier_answers_a_published_need_and_sees_its_answer_pending() -> None:
    store = open_store()
    sign_in(store, "x1", "supplier", "S1001")
    need = form(id="N2031", producer_org=OWNER_A, status="published", origin="register")
    shared_page(store, "needs", [ServerItem("N2031", 40, False, need)])
    records = SharedRecords(store)

    shown = records.answer_need("N2031", note="we cast these")

    assert (
        shown.state is WriteState.PENDING and shown.record.offered_by == "x1" and shown.record.note == "we cast these"
    )
    assert (shown.record.producer_org, shown.record.plant_id) == (OWNER_A, PLANT_A)
    [op] = store.user.outbox()
    assert op.record_id == "N2031:S1001" and set(op.data or {}) == {"offer", "note", "offered_at"}
    assert records.my_answer("N2031") == shown and records.may_answer("N2031")
    with pytest.raises(WriteNotAllowed) as closed:
        shared_page(store, "needs", [ServerItem("N2031", 41, False, need | {"status": "closed"})])
        records.answer_need("N2031", offer=Offer.WITHDRAWN)
    assert closed.value.refusal == "need_not_open_for_answers"


def test_the_producer_replies_and_the_suppliers_side_stays_as_the_server_has_it(store: LocalStore) -> None:
    need = form(id="N2031", producer_org=OWNER_A, status="published", origin="register")
    answer = {"need_id": "N2031", "supplier_id": "S1001", "producer_org": OWNER_A, "plant_id": PLANT_A,
              "offer": "can_make", "note": "we cast these", "offered_by": "x1", "offer_version": 50}  # fmt: skip
    shared_page(store, "needs", [ServerItem("N2031", 40, False, need)])
    shared_page(store, "answers", [ServerItem("N2031:S1001", 50, False, answer)])
    records = SharedRecords(store)

    shown = records.reply_to_answer("N2031:S1001", state=ReplyState.INTERESTED, note="send a quotation")

    assert shown.state is WriteState.PENDING and shown.record.note == "we cast these"
    assert shown.record.reply is not None and shown.record.reply.by == "a1" and shown.record.reply.state == "interested"
    [op] = store.user.outbox()
    assert op.base_version == 50 and set(op.data or {}) == {"reply"}
    assert records.may_reply("N2031:S1001")


def test_a_write_the_server_took_stays_shown_until_the_pull_brings_it_then_leaves_the_user_data(
    store: LocalStore,
) -> None:
    records = SharedRecords(store)
    need_id = records.raise_need(form(status="published")).record.id
    [op] = store.user.claim_batch(10)
    store.user.apply_push_results([op], [{"seq": op.seq, "op_id": op.op_id, "status": "applied", "version": 12}], 1)

    before_pull = records.need(need_id)
    stored = (op.data or {}) | {"raised_by": "a1", "updated_by": "a1", "updated_at": "2026-12-02T10:00:00Z"}
    shared_page(store, "needs", [ServerItem(need_id, 12, False, stored)])
    after_pull = records.need(need_id)

    assert before_pull is not None and before_pull.state is WriteState.SYNCED and before_pull.version == 12
    assert after_pull is not None and after_pull.record.raised_by == "a1" and after_pull.version == 12
    assert store.user.record("needs", need_id) is None  # the shared copy is all there is now


def test_a_colleagues_edit_of_other_fields_is_merged_and_sent_again_without_asking(store: LocalStore) -> None:
    need = form(id="N2031", producer_org=OWNER_A, status="published", origin="register")
    shared_page(store, "needs", [ServerItem("N2031", 40, False, need)])
    records = SharedRecords(store)
    records.edit_need("N2031", {"annual_qty": 1500})
    [op] = store.user.claim_batch(10)
    theirs = need | {"oem": "RHI Magnesita", "updated_by": "a2"}
    conflict = conflict_result(op, theirs, 44)

    outcome = store.user.apply_push_results([op], [conflict], 1)

    assert outcome.conflicts == 0 and outcome.notices == ["shared_edit_merged"] and store.user.conflicts() == []
    [merged] = store.user.outbox()
    assert merged.state is OpState.QUEUED and merged.base_version == 44
    assert (merged.data or {})["annual_qty"] == 1500 and (merged.data or {})["oem"] == "RHI Magnesita"
    assert records.need("N2031").state is WriteState.PENDING  # type: ignore[union-attr]


def test_the_same_field_changed_by_a_colleague_is_left_to_the_member(store: LocalStore) -> None:
    need = form(id="N2031", producer_org=OWNER_A, status="published", origin="register")
    shared_page(store, "needs", [ServerItem("N2031", 40, False, need)])
    records = SharedRecords(store)
    records.edit_need("N2031", {"annual_qty": 1500})
    [op] = store.user.claim_batch(10)
    conflict = conflict_result(op, need | {"annual_qty": 900}, 44)

    outcome = store.user.apply_push_results([op], [conflict], 1)

    assert outcome.conflicts == 1 and store.user.outbox() == []
    assert records.need("N2031").state is WriteState.CONFLICT  # type: ignore[union-attr]


def test_a_need_raised_offline_is_still_pending_after_the_app_restarts(tmp_path: Path) -> None:
    store = open_store(tmp_path / "phone")
    sign_in(store, "a1", "member", OWNER_A)
    need_id = SharedRecords(store).raise_need(form()).record.id
    store.close()

    reopened = open_store(tmp_path / "phone")
    shown = SharedRecords(reopened).need(need_id)

    assert shown is not None and shown.state is WriteState.PENDING and shown.record.item_fa == "آجر منیزیا-کربن پاتیل"
    reopened.close()
