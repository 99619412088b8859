"""Pushing: idempotent seqs, per-op outcomes, note conflicts, favourites last-write-wins, validation."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from tests.server.helpers import Api, error_of, favourite, note
from tests.support.live_server import LiveServer

NOTE_ID = "5d0e8f3a-0b1c-4d2e-9f00-000000000001"


def only(response: dict[str, Any]) -> dict[str, Any]:
    assert len(response["results"]) == 1, response
    return response["results"][0]


def test_push_applies_and_the_record_appears_in_the_owners_feed(member: Api) -> None:
    record_id, data = favourite()

    result = only(member.push(member.op("favourites", record_id, data)))
    items = member.pull("favourites")["items"]

    assert result["status"] == "applied" and isinstance(result["version"], int)
    assert items == [{"id": record_id, "version": result["version"], "deleted": False, "data": data}]


def test_push_replayed_returns_duplicate_with_stored_result(member: Api) -> None:
    record_id, data = favourite()
    op = member.op("favourites", record_id, data)
    first = member.push(op)

    replay = member.push(op)  # the answer to the first push was lost; the client sends it again
    items = member.pull("favourites")["items"]

    original = only(first)
    again = only(replay)
    assert again["status"] == "duplicate" and again["seq"] == op["seq"]
    assert again["original"] == original
    assert replay["last_seq"] == first["last_seq"] == op["seq"]
    assert len(items) == 1 and items[0]["version"] == original["version"]  # nothing written twice


def test_push_seq_gap_is_reported_and_later_ops_not_applied(member: Api) -> None:
    ops = [
        member.op("favourites", *favourite("P100000120001"), seq=1),
        member.op("favourites", *favourite("P100000120002"), seq=3),  # seq 2 never arrived
        member.op("favourites", *favourite("P100000120003"), seq=4),
        member.op("favourites", *favourite("P100000120004"), seq=2),
    ]

    response = member.push(*ops)
    items = member.pull("favourites")["items"]

    assert [r["status"] for r in response["results"]] == ["applied", "gap", "gap", "gap"]
    assert [r.get("expected_seq") for r in response["results"][1:]] == [2, 2, 2]
    assert response["last_seq"] == 1
    assert [item["id"] for item in items] == ["plant:P100000120001"]


def test_after_a_gap_the_client_resends_from_the_expected_seq(member: Api) -> None:
    member.push(member.op("favourites", *favourite("P100000120001"), seq=1))

    resent = member.push(
        member.op("favourites", *favourite("P100000120002"), seq=2),
        member.op("favourites", *favourite("P100000120003"), seq=3),
    )

    assert [r["status"] for r in resent["results"]] == ["applied", "applied"] and resent["last_seq"] == 3


def test_seq_is_kept_per_client_and_per_user(make_api: Callable[..., Api]) -> None:
    ali, sara = make_api("ali"), make_api("sara")
    phone, tablet = str(uuid.uuid4()), str(uuid.uuid4())

    on_phone = ali.push(ali.op("favourites", *favourite("P100000120001"), seq=1), client_id=phone)
    on_tablet = ali.push(ali.op("favourites", *favourite("P100000120002"), seq=1), client_id=tablet)
    sara_on_phone = sara.push(sara.op("favourites", *favourite("P100000120003"), seq=1), client_id=phone)

    assert only(on_phone)["status"] == only(on_tablet)["status"] == only(sara_on_phone)["status"] == "applied"


def test_empty_push_reports_the_last_seq(member: Api) -> None:
    member.push(member.op("favourites", *favourite()))

    assert member.push() == {"results": [], "last_seq": 1}


def test_note_edit_against_stale_base_version_conflicts(make_api: Callable[..., Api]) -> None:
    phone, laptop = make_api("member1"), make_api()
    laptop.sign_in("member1")
    created = only(phone.push(phone.op("notes", NOTE_ID, note("first"))))
    edited = only(laptop.push(laptop.op("notes", NOTE_ID, note("laptop edit"), base_version=created["version"])))

    stale = only(phone.push(phone.op("notes", NOTE_ID, note("phone edit"), base_version=created["version"])))
    resolved = only(
        phone.push(phone.op("notes", NOTE_ID, note("merged edit"), base_version=stale["record"]["version"]))
    )
    items = phone.pull("notes")["items"]

    assert edited["status"] == "applied"
    assert stale["status"] == "conflict" and stale["reason"] == "base_version_mismatch"
    assert stale["version"] == edited["version"]
    server_copy = {"id": NOTE_ID, "version": edited["version"], "deleted": False, "data": note("laptop edit")}
    assert stale["record"] == server_copy
    assert resolved["status"] == "applied"
    assert [(i["data"]["text"], i["version"]) for i in items] == [("merged edit", resolved["version"])]


def test_note_create_of_an_existing_id_conflicts(member: Api) -> None:
    member.push(member.op("notes", NOTE_ID, note("first")))

    again = only(member.push(member.op("notes", NOTE_ID, note("second"), base_version=None)))

    assert again["status"] == "conflict" and again["reason"] == "already_exists"
    assert again["record"]["data"]["text"] == "first"


def test_note_delete_wins_over_newer_edit(make_api: Callable[..., Api]) -> None:
    phone, laptop = make_api("member1"), make_api()
    laptop.sign_in("member1")
    created = only(phone.push(phone.op("notes", NOTE_ID, note("first"))))
    only(laptop.push(laptop.op("notes", NOTE_ID, note("laptop edit"), base_version=created["version"])))

    deleted = only(phone.push(phone.op("notes", NOTE_ID, action="delete", base_version=created["version"])))
    items = laptop.pull("notes")["items"]

    assert deleted["status"] == "applied" and deleted["reason"] == "overrode_newer_edit"
    assert items == []  # a first pull carries no tombstones: the note is gone


def test_note_delete_at_the_current_version_is_plain(member: Api) -> None:
    created = only(member.push(member.op("notes", NOTE_ID, note())))

    deleted = only(member.push(member.op("notes", NOTE_ID, action="delete", base_version=created["version"])))

    assert deleted["status"] == "applied" and "reason" not in deleted
    assert deleted["version"] > created["version"]


def test_note_edit_of_a_note_deleted_on_the_server_conflicts_and_keep_mine_restores_it(
    make_api: Callable[..., Api],
) -> None:
    phone, laptop = make_api("member1"), make_api()
    laptop.sign_in("member1")
    created = only(phone.push(phone.op("notes", NOTE_ID, note("first"))))
    only(laptop.push(laptop.op("notes", NOTE_ID, action="delete", base_version=created["version"])))

    edit = only(phone.push(phone.op("notes", NOTE_ID, note("phone edit"), base_version=created["version"])))
    keep_mine = only(phone.push(phone.op("notes", NOTE_ID, note("phone edit"), base_version=edit["record"]["version"])))

    assert edit["status"] == "conflict" and edit["reason"] == "deleted_on_server"
    assert edit["record"]["deleted"] is True and edit["record"]["data"] is None
    assert keep_mine["status"] == "applied"
    assert [i["data"]["text"] for i in laptop.pull("notes")["items"]] == ["phone edit"]


def test_deleting_a_deleted_note_is_applied_without_a_new_version(member: Api) -> None:
    created = only(member.push(member.op("notes", NOTE_ID, note())))
    first = only(member.push(member.op("notes", NOTE_ID, action="delete", base_version=created["version"])))

    second = only(member.push(member.op("notes", NOTE_ID, action="delete", base_version=created["version"])))

    assert second["status"] == "applied" and second["version"] == first["version"]


def test_favourites_last_write_wins(make_api: Callable[..., Api]) -> None:
    phone, laptop = make_api("member1"), make_api()
    laptop.sign_in("member1")
    record_id, data = favourite()
    added = only(phone.push(phone.op("favourites", record_id, data)))

    removed = only(laptop.push(laptop.op("favourites", record_id, action="delete")))
    re_added = only(phone.push(phone.op("favourites", record_id, data, base_version=added["version"])))
    items = laptop.pull("favourites")["items"]

    assert removed["status"] == re_added["status"] == "applied"
    assert removed["version"] < re_added["version"]
    assert items == [{"id": record_id, "version": re_added["version"], "deleted": False, "data": data}]


#: (collection, record_id, action, data, how the reason starts): ops that can never succeed.
NEVER_VALID: list[tuple[str, str, str, Any, str]] = [
    ("plants", "P100000120001", "upsert", {"name_en": "x"}, "read_only_collection"),
    ("inspections", "v1", "upsert", {}, "unknown_collection"),
    ("notes", NOTE_ID, "patch", note(), "invalid_action"),
    ("notes", "not-a-uuid", "upsert", note(), "invalid_record_id"),
    ("favourites", "plant:P100000120009", "upsert", favourite()[1], "invalid_record_id"),
    ("favourites", "P100000120001", "delete", None, "invalid_record_id"),
    ("notes", NOTE_ID, "upsert", None, "invalid_data"),
    ("notes", NOTE_ID, "upsert", note(text=""), "invalid_data: text"),
    ("notes", NOTE_ID, "upsert", note(text="x" * 10_001), "invalid_data: text"),
    ("notes", NOTE_ID, "upsert", {**note(), "kind": "port"}, "invalid_data: kind"),
    ("notes", NOTE_ID, "upsert", {**note(), "asset_id": "E100"}, "invalid_data: asset_id"),
    ("notes", NOTE_ID, "upsert", {"asset_id": "P1", "kind": "plant", "text": "x"}, "invalid_data: updated_at"),
    ("notes", NOTE_ID, "upsert", {**note(), "colour": "red"}, "invalid_data: colour"),
    (
        "favourites",
        "plant:P100000120001",
        "upsert",
        {**favourite()[1], "created_at": "yesterday"},
        "invalid_data: created_at",
    ),
]


def test_op_that_can_never_succeed_is_rejected_naming_why(member: Api) -> None:
    # One push for all cases: each op consumes its seq and gets its own result.
    ops = [
        member.op(collection, record_id, data, action=action) for collection, record_id, action, data, _ in NEVER_VALID
    ]

    response = member.push(*ops)

    for (_collection, _record_id, _action, _data, reason), result in zip(NEVER_VALID, response["results"], strict=True):
        assert result["status"] == "rejected" and result["reason"].startswith(reason), result
    assert response["last_seq"] == len(NEVER_VALID)  # every seq is consumed
    assert member.pull("notes")["items"] == [] and member.pull("favourites")["items"] == []


def test_note_of_ten_thousand_persian_characters_is_accepted(member: Api) -> None:
    text = "ی" * 10_000

    result = only(member.push(member.op("notes", NOTE_ID, note(text=text))))

    assert result["status"] == "applied"
    assert member.pull("notes")["items"][0]["data"]["text"] == text


def test_poison_op_does_not_block_the_queue(member: Api) -> None:
    response = member.push(
        member.op("favourites", *favourite("P100000120001")),
        member.op("notes", NOTE_ID, {"text": "no fields"}),
        member.op("favourites", *favourite("P100000120002")),
    )

    assert [r["status"] for r in response["results"]] == ["applied", "rejected", "applied"]
    assert response["last_seq"] == 3


def test_more_than_200_ops_is_413(member: Api) -> None:
    ops = [member.op("favourites", *favourite(f"P{n}")) for n in range(1, 202)]

    answer = member.http.post("/push", json={"client_id": member.client_id, "ops": ops})

    assert answer.status_code == 413 and error_of(answer)["code"] == "too_large"
    assert member.push()["last_seq"] == 0  # nothing was processed


def test_200_ops_in_one_push_are_all_applied(member: Api) -> None:
    ops = [member.op("favourites", *favourite(f"P{n}")) for n in range(1, 201)]

    response = member.push(*ops)

    assert {r["status"] for r in response["results"]} == {"applied"} and response["last_seq"] == 200
    versions = [r["version"] for r in response["results"]]
    assert versions == sorted(versions) and len(set(versions)) == 200


def test_acknowledged_push_survives_a_server_crash(live_server: LiveServer, member: Api) -> None:
    op = member.op("notes", NOTE_ID, note("written before the crash"))
    first = only(member.push(op))

    live_server.kill()
    live_server.start()
    replay = only(member.push(op))

    assert replay["status"] == "duplicate" and replay["original"] == first
    assert [i["data"]["text"] for i in member.pull("notes")["items"]] == ["written before the crash"]


def test_a_supplier_can_be_starred_and_noted_like_a_plant(member: Api) -> None:
    starred = favourite("S-DEMO-000042", kind="supplier")
    noted = {"asset_id": "S1042", "kind": "supplier", "text": "نمونه خوب بود", "updated_at": "2026-11-28T09:00:00Z"}

    response = member.push(member.op("favourites", *starred), member.op("notes", NOTE_ID, noted))

    assert [r["status"] for r in response["results"]] == ["applied", "applied"]
    assert [i["id"] for i in member.pull("favourites")["items"]] == ["supplier:S-DEMO-000042"]
    assert member.pull("notes")["items"][0]["data"] == noted


def test_a_favourite_or_note_whose_id_is_not_of_its_kind_is_rejected(member: Api) -> None:
    response = member.push(
        member.op(
            "favourites",
            "supplier:P100000120001",
            {"kind": "supplier", "asset_id": "P100000120001", "created_at": "2026-11-28T09:00:00Z"},
        ),
        member.op("notes", NOTE_ID, {**note(), "kind": "plant", "asset_id": "S1042"}),
    )

    assert [r["status"] for r in response["results"]] == ["rejected", "rejected"]
    assert all(r["reason"].startswith(("invalid_record_id", "invalid_data")) for r in response["results"])


def test_note_with_a_nul_character_is_rejected_as_invalid_data_and_later_ops_apply(member: Api) -> None:
    # PostgreSQL's text and JSONB refuse U+0000 and lone surrogates; SQLite takes them. Both must answer the
    # same, per op. Sent with JSON escapes, as any client may: the surrogate cannot even be encoded as UTF-8.
    ops = [
        member.op("notes", NOTE_ID, note("before\u0000after")),
        member.op("notes", str(uuid.uuid4()), note("the \ud83d half of an emoji")),
        member.op("favourites", *favourite("P100000120001")),
    ]
    answer = member.http.post(
        "/push",
        content=json.dumps({"client_id": member.client_id, "ops": ops}),
        headers={"content-type": "application/json"},
    )

    assert answer.status_code == 200, answer.text
    response = answer.json()
    statuses = [(r["status"], r.get("reason", "")[:12]) for r in response["results"]]
    assert statuses == [("rejected", "invalid_data"), ("rejected", "invalid_data"), ("applied", "")]
    assert response["last_seq"] == 3
    assert member.pull("notes")["items"] == []
