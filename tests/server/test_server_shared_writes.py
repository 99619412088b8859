"""Writing shared records through POST /push on a real server: needs raised and moved by their producer,
answers written side by side by a supplier and the producer, versions, conflicts, validation, and what
each reader's feed then carries. Who may do what, role by role, is the table of test_server_authz.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.helpers import Api
from tests.server.shared_world import (
    CATEGORY,
    MERGED_NEW,
    MERGED_OLD,
    OWNER_A,
    OWNER_B,
    PLANT_A,
    PLANT_B,
    PLANT_MERGED,
    SUPPLIER_X,
    SUPPLIER_Y,
    answer,
    code_of,
    make_account,
    need,
    offer,
    push_one,
    put,
    reply,
    seed_world,
)
from tests.support.live_server import LiveServer


def feed(api: Api, collection: str) -> dict[str, dict[str, Any]]:
    """The live records the account's feed holds, by id."""
    items, _cursor = api.pull_all(collection)
    return {i["id"]: i["data"] for i in items if not i["deleted"]}


def test_a_member_raises_a_need_for_their_plant_and_everyone_sees_it_once_published(
    live_server: LiveServer,
) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    b1 = make_account(live_server, "b1", "member", OWNER_B)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    draft = need(status="open")
    _, b_cursor = b1.pull_all("needs")

    raised = push_one(a1, "needs", draft["id"], draft)
    hidden_from_b = b1.pull("needs", b_cursor)["items"]
    published = push_one(a1, "needs", draft["id"], draft | {"status": "published"}, base_version=raised["version"])

    assert raised["status"] == "applied" and published["status"] == "applied"
    assert [(i["id"], i["deleted"]) for i in hidden_from_b] == [(draft["id"], True)]  # open: not B's to see
    stored = feed(a1, "needs")[draft["id"]]
    assert stored["status"] == "published" and stored["raised_by"] == "a1" and stored["updated_by"] == "a1"
    assert stored["updated_at"].endswith("Z")
    assert feed(b1, "needs")[draft["id"]]["item_en"] == "Magnesia-carbon ladle bricks"
    assert draft["id"] in feed(x1, "needs")


def test_a_member_writing_a_need_for_another_companys_plant_is_refused_with_the_reason(
    live_server: LiveServer,
) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)

    in_own_name = push_one(a1, "needs", (n := need(plant=PLANT_B))["id"], n)
    in_their_name = push_one(a1, "needs", (m := need(plant=PLANT_B, org=OWNER_B))["id"], m)

    assert in_own_name["status"] == "rejected"
    assert in_own_name["reason"] == f"plant_not_owned: the plant {PLANT_B} is not your organisation's"
    assert code_of(in_their_name) == "rejected:not_your_organisation"
    assert feed(a1, "needs") == {}


def test_a_status_move_the_workflow_does_not_allow_is_refused_and_changes_nothing(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    draft = need(status="published")
    raised = push_one(a1, "needs", draft["id"], draft)

    skipped = push_one(a1, "needs", draft["id"], draft | {"status": "trial"}, base_version=raised["version"])

    assert skipped["status"] == "rejected"
    assert skipped["reason"] == (
        "status_move_not_allowed: a need cannot go from published to trial (allowed: open, matched, closed)"
    )
    assert feed(a1, "needs")[draft["id"]]["status"] == "published"


def test_two_members_of_one_producer_editing_one_need_the_second_gets_a_conflict_with_the_first_ones_copy(
    live_server: LiveServer,
) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    a2 = make_account(live_server, "a2", "member", OWNER_A)
    draft = need(status="open")
    base = push_one(a1, "needs", draft["id"], draft)["version"]

    first = push_one(a1, "needs", draft["id"], draft | {"annual_qty": 1500.0}, base_version=base)
    second = push_one(a2, "needs", draft["id"], draft | {"oem": "RHI Magnesita"}, base_version=base)
    merged = push_one(
        a2, "needs", draft["id"], draft | {"annual_qty": 1500.0, "oem": "RHI Magnesita"}, base_version=first["version"]
    )

    assert first["status"] == "applied"
    assert code_of(second) == "conflict:base_version_mismatch"
    assert second["record"]["version"] == first["version"] and second["record"]["data"]["annual_qty"] == 1500.0
    assert merged["status"] == "applied"
    stored = feed(a1, "needs")[draft["id"]]
    assert (stored["annual_qty"], stored["oem"], stored["updated_by"], stored["raised_by"]) == (
        1500.0,
        "RHI Magnesita",
        "a2",
        "a1",
    )


def test_an_update_that_changes_nothing_takes_no_new_version(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    draft = need()
    raised = push_one(a1, "needs", draft["id"], draft)

    again = push_one(a1, "needs", draft["id"], draft | {"raised_by": "a1"}, base_version=raised["version"])

    assert again == {"seq": again["seq"], "op_id": again["op_id"], "status": "applied", "version": raised["version"]}


def test_a_suppliers_offer_and_the_producers_reply_never_clobber_each_other(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    published = need(status="published")
    put(live_server.db_url, "needs", {published["id"]: published})
    answer_id = f"{published['id']}:{SUPPLIER_X}"

    offered = push_one(x1, "answers", answer_id, offer("first note"))
    replied = push_one(a1, "answers", answer_id, reply("interested"), base_version=offered["version"])
    # the supplier edits its note from the copy it had before the reply: its own part has not moved
    edited = push_one(x1, "answers", answer_id, offer("second note"), base_version=offered["version"])
    # the producer changes its reply from the copy it had after its own reply: the offer moved, not the reply
    shortlisted = push_one(a1, "answers", answer_id, reply("shortlisted"), base_version=replied["version"])

    assert [r["status"] for r in (offered, replied, edited, shortlisted)] == ["applied"] * 4
    stored = feed(a1, "answers")[answer_id]
    assert stored["note"] == "second note" and stored["offered_by"] == "x1"
    assert stored["reply"]["state"] == "shortlisted" and stored["reply"]["by"] == "a1"
    assert (stored["offer_version"], stored["reply_version"]) == (edited["version"], shortlisted["version"])
    assert (stored["producer_org"], stored["plant_id"]) == (OWNER_A, PLANT_A)
    assert feed(x1, "answers")[answer_id] == stored


def test_a_side_edited_from_a_stale_copy_of_its_own_part_conflicts(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    x2 = make_account(live_server, "x2", "supplier", SUPPLIER_X)
    published = need(status="published")
    put(live_server.db_url, "needs", {published["id"]: published})
    answer_id = f"{published['id']}:{SUPPLIER_X}"

    first = push_one(x1, "answers", answer_id, offer("from x1"))
    offline_twin = push_one(x2, "answers", answer_id, offer("from x2"))  # x2 answered offline, never saw x1's
    later = push_one(x1, "answers", answer_id, offer("x1 again"), base_version=first["version"])
    stale = push_one(x2, "answers", answer_id, offer("x2 again"), base_version=first["version"])

    assert code_of(offline_twin) == "conflict:already_exists"
    assert offline_twin["record"]["data"]["note"] == "from x1"
    assert later["status"] == "applied"
    assert code_of(stale) == "conflict:base_version_mismatch" and stale["record"]["data"]["note"] == "x1 again"


def test_answers_reach_the_supplier_and_the_producer_and_never_a_rival_or_another_producer(
    live_server: LiveServer,
) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    b1 = make_account(live_server, "b1", "member", OWNER_B)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    y1 = make_account(live_server, "y1", "supplier", SUPPLIER_Y)
    published = need(status="published")
    put(live_server.db_url, "needs", {published["id"]: published})

    push_one(x1, "answers", f"{published['id']}:{SUPPLIER_X}", offer())

    assert list(feed(a1, "answers")) == [f"{published['id']}:{SUPPLIER_X}"]
    assert list(feed(x1, "answers")) == [f"{published['id']}:{SUPPLIER_X}"]
    assert feed(y1, "answers") == {} and feed(b1, "answers") == {}


def test_an_admin_deleting_a_need_takes_its_answers_with_it(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    admin = make_account(live_server, "admin1", "admin", None)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    published = need(status="published")
    version = put(live_server.db_url, "needs", {published["id"]: published})
    put(live_server.db_url, "answers", {f"{published['id']}:{SUPPLIER_X}": answer(published)})
    _, cursor = x1.pull_all("answers")

    deleted = push_one(admin, "needs", published["id"], None, action="delete", base_version=version)

    assert deleted["status"] == "applied" and "reason" not in deleted
    page = x1.pull("answers", cursor)["items"]
    assert [(i["id"], i["deleted"], i["version"]) for i in page] == [
        (f"{published['id']}:{SUPPLIER_X}", True, deleted["version"])
    ]
    assert feed(admin, "needs") == {}


def test_pushed_needs_are_checked_whole_and_nothing_typed_is_dropped(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    n = need()

    extra = push_one(a1, "needs", n["id"], n | {"colour": "red"})
    mismatch = push_one(a1, "needs", n["id"], need())
    no_category = push_one(a1, "needs", n["id"], n | {"category": "consumables.unobtainium"})
    register_id = push_one(a1, "needs", "N4242", n | {"id": "N4242"})
    claims_register = push_one(a1, "needs", n["id"], n | {"origin": "register"})
    no_plant = push_one(a1, "needs", n["id"], n | {"plant_id": "P999999999999"})
    bad_qty = push_one(a1, "needs", n["id"], n | {"annual_qty": -3})
    nul = push_one(a1, "needs", n["id"], n | {"item_fa": "آجر\x00"})

    assert extra["reason"] == "invalid_data: colour: Extra inputs are not permitted"
    assert extra["problems"] == [{"field": "colour", "message": "Extra inputs are not permitted"}]
    assert code_of(mismatch) == "rejected:invalid_record_id"
    assert no_category["problems"] == [{"field": "category", "message": "not a category of the tree"}]
    assert code_of(register_id) == "rejected:invalid_record_id"
    assert code_of(claims_register) == "rejected:fixed_field"
    assert code_of(no_plant) == "rejected:no_such_plant"
    assert code_of(bad_qty) == "rejected:invalid_data" and bad_qty["problems"][0]["field"] == "annual_qty"
    assert code_of(nul) == "rejected:invalid_data" and "item_fa" in nul["reason"]
    assert feed(a1, "needs") == {}


def test_fields_the_server_owns_are_the_servers_whatever_the_op_says(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    n = need(status="published")

    push_one(a1, "needs", n["id"], n | {"raised_by": "admin", "updated_by": "admin", "updated_at": "2020-01-01T00:00Z"})
    push_one(x1, "answers", f"{n['id']}:{SUPPLIER_X}", offer() | {"offered_by": "someone else"})

    stored = feed(a1, "needs")[n["id"]]
    assert (stored["raised_by"], stored["updated_by"]) == ("a1", "a1") and not stored["updated_at"].startswith("2020")
    assert feed(x1, "answers")[f"{n['id']}:{SUPPLIER_X}"]["offered_by"] == "x1"


def test_an_answer_op_carries_one_side_only(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    x1 = make_account(live_server, "x1", "supplier", SUPPLIER_X)
    n = need(status="published")
    put(live_server.db_url, "needs", {n["id"]: n})
    answer_id = f"{n['id']}:{SUPPLIER_X}"

    both = push_one(x1, "answers", answer_id, offer() | reply())
    empty = push_one(x1, "answers", answer_id, {})
    wrong_id = push_one(x1, "answers", f"{n['id']}-{SUPPLIER_X}", offer())
    bad_offer = push_one(x1, "answers", answer_id, {"offer": "maybe"})

    assert [code_of(r) for r in (both, empty, wrong_id, bad_offer)] == [
        "rejected:invalid_data",
        "rejected:invalid_data",
        "rejected:invalid_record_id",
        "rejected:invalid_data",
    ]


def test_a_replayed_need_is_answered_duplicate_and_written_once(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    b1 = make_account(live_server, "b1", "member", OWNER_B)
    n = need(status="published")
    op = a1.op("needs", n["id"], n)
    _, cursor = b1.pull_all("needs")

    first = a1.push(op)["results"][0]
    replay = a1.push(op)["results"][0]  # the answer to the first push was lost; the client sends it again

    assert first["status"] == "applied"
    assert replay["status"] == "duplicate" and replay["original"]["version"] == first["version"]
    assert [i["id"] for i in b1.pull("needs", cursor)["items"]] == [n["id"]]


def test_an_organisation_the_names_table_merged_owns_its_plants_under_either_id(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    c1 = make_account(live_server, "c1", "member", MERGED_OLD)  # stored as the merged id
    admin = make_account(live_server, "admin1", "admin", None)

    by_member = push_one(c1, "needs", (n := need(plant=PLANT_MERGED, org=MERGED_NEW))["id"], n)
    by_admin = push_one(admin, "needs", (m := need(plant=PLANT_MERGED, org=MERGED_OLD))["id"], m)

    assert by_member["status"] == "applied" and by_admin["status"] == "applied"
    assert feed(c1, "needs")[m["id"]]["producer_org"] == MERGED_NEW  # the admin's need is theirs too


def test_an_admin_raises_a_need_only_in_the_name_of_one_of_the_plants_owners(live_server: LiveServer) -> None:
    seed_world(live_server.db_url)
    admin = make_account(live_server, "admin1", "admin", None)

    wrong_owner = push_one(admin, "needs", (n := need(plant=PLANT_A, org=OWNER_B))["id"], n)

    assert code_of(wrong_owner) == "rejected:plant_not_owned"


def test_a_register_import_leaves_a_need_edited_in_the_app_as_the_app_has_it(
    live_server: LiveServer, tmp_path: Path
) -> None:
    seed_world(live_server.db_url)
    register = tmp_path / "needs.csv"
    header = (
        "id,plant_id,producer_org,item_fa,category,status,item_en,oem,part_number,annual_qty,unit,annual_fx_eur,"
        "origin_country,criticality,deadline\n"
    )
    rows = [
        f"N7001,{PLANT_A},{OWNER_A},آجر پاتیل,{CATEGORY},published,,,,,,,,,\n",
        f"N7002,{PLANT_A},{OWNER_A},نازل,{CATEGORY},open,,,,,,,,,\n",
    ]
    register.write_text(header + "".join(rows), encoding="utf-8")
    live_server.run_cli("import-needs", str(register))
    a1 = make_account(live_server, "a1", "member", OWNER_A)
    stored = feed(a1, "needs")
    version = {i["id"]: i["version"] for i in a1.pull_all("needs")[0]}["N7001"]

    moved = push_one(a1, "needs", "N7001", stored["N7001"] | {"status": "matched"}, base_version=version)
    register.write_text(header + rows[0].replace("آجر پاتیل", "آجر پاتیل ۱۸۰ تنی"), encoding="utf-8")
    reimport = live_server.run_cli("import-needs", str(register)).stdout

    assert moved["status"] == "applied"
    after = feed(a1, "needs")
    assert after["N7001"]["status"] == "matched" and after["N7001"]["item_fa"] == "آجر پاتیل"
    assert "N7002" not in after  # removed from the register, never edited in the app: a tombstone
    assert "need N7001: edited in the app by a1" in reimport and "the register's row was not applied" in reimport
