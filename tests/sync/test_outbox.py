"""The outbox's op lifecycle (queued → sent → settled) on the store alone, at every step a save can land."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sync.store import LocalStore
from sync.user_store import OpState, UserStore

NOTE = "5d0e8f3a0b1c4d2e9f00000000000001"


def note(text: str) -> dict[str, Any]:
    return {"asset_id": "P1", "kind": "plant", "text": text, "updated_at": "2026-11-28T09:00:00Z"}


def answer(op: Any, status: str, **fields: Any) -> dict[str, Any]:
    return {"seq": op.seq, "op_id": op.op_id, "status": status, **fields}


def user() -> UserStore:
    return LocalStore.in_memory().user


def test_ops_are_marked_sent_with_their_seq_before_the_request_goes_out() -> None:
    store = user()
    store.save("notes", NOTE, note("v1"))

    batch = store.claim_batch(200)

    assert [(op.state, op.seq) for op in batch] == [(OpState.SENT, 1)]
    assert [(op.state, op.seq) for op in store.outbox()] == [(OpState.SENT, 1)]  # committed, not just returned


def test_an_edit_of_a_sent_op_is_a_new_op_that_waits_for_its_result() -> None:
    store = user()
    store.save("notes", NOTE, note("v1"))
    [sent] = store.claim_batch(200)

    store.save("notes", NOTE, note("v2"))
    waiting = [op for op in store.outbox() if op.state is OpState.QUEUED]

    assert sent.data["text"] == "v1" and [op.data["text"] for op in store.outbox()] == ["v1", "v2"]
    assert waiting[0].after == sent.op_id and waiting[0].seq is None
    assert store.claim_batch(200) == [sent]  # sent again as it was; the edit waits for its base version
    store.apply_push_results([sent], [answer(sent, "applied", version=7)], last_seq=1)
    [released] = store.claim_batch(200)
    assert released.data["text"] == "v2" and released.base_version == 7 and released.seq == 2


def test_a_waiting_op_does_not_hold_up_other_records() -> None:
    store = user()
    store.save("notes", NOTE, note("v1"))
    store.claim_batch(200)
    store.save("notes", NOTE, note("v2"))
    store.save("favourites", "plant:P1", {"kind": "plant", "asset_id": "P1", "created_at": "2026-11-28T09:00:00Z"})

    batch = store.claim_batch(200)

    assert [(op.collection, op.seq) for op in batch] == [("notes", 1), ("favourites", 2)]


def test_a_rejected_op_is_replaced_by_the_edit_that_waited_for_it() -> None:
    store = user()
    store.save("notes", NOTE, note("too long"))
    [sent] = store.claim_batch(200)
    store.save("notes", NOTE, note("fixed"))

    store.apply_push_results([sent], [answer(sent, "rejected", reason="invalid_data: text")], last_seq=1)

    [op] = store.outbox()
    assert op.state is OpState.QUEUED and op.data["text"] == "fixed" and op.after is None


def test_retry_sends_the_records_newest_text_never_the_parked_copy(tmp_path: Path) -> None:
    store = LocalStore.open(tmp_path)
    store.user.save("notes", NOTE, note("old"))
    [sent] = store.user.claim_batch(200)
    store.user.apply_push_results([sent], [answer(sent, "rejected", reason="server_error: x")], last_seq=1)
    store.close()
    # The state an older version could leave: the record edited after its op was parked.
    raw = json.loads((tmp_path / "user.json").read_text())
    raw["records"][f"notes/{NOTE}"]["data"] = note("newer")
    (tmp_path / "user.json").write_text(json.dumps(raw))
    store = LocalStore.open(tmp_path)

    store.user.retry_rejected(sent.seq)

    [op] = store.user.outbox()
    assert op.state is OpState.QUEUED and op.data["text"] == "newer"
    store.close()


def test_a_gap_returns_the_ops_it_names_to_the_queue_and_renumbers_them() -> None:
    store = user()
    for n in range(3):
        store.save("notes", f"{NOTE[:-1]}{n}", note(f"n{n}"))
    with store._unit_of_work():  # the device's counter ran ahead of the server's (a restored file)
        store._set_meta(next_seq=5)
        store.unit.commit()
    batch = store.claim_batch(200)

    outcome = store.apply_push_results(batch, [answer(op, "gap", expected_seq=1) for op in batch], last_seq=0)
    again = store.claim_batch(200)

    assert [op.seq for op in batch] == [5, 6, 7] and outcome.gaps == 1
    assert [(op.data["text"], op.seq) for op in again] == [("n0", 1), ("n1", 2), ("n2", 3)]


def test_the_acknowledged_seq_never_passes_an_op_still_waiting_for_its_answer() -> None:
    store = user()
    store.save("notes", NOTE, note("a"))
    first = store.claim_batch(200)
    store.apply_push_results(first, [answer(first[0], "applied", version=1)], last_seq=1)
    store.save("notes", NOTE, note("b"))
    store.claim_batch(200)  # seq 2 sent, answer not yet here

    assert store.acked_seq() == 1


def test_a_schema_1_outbox_keeps_ops_that_may_have_been_sent_as_sent(tmp_path: Path) -> None:
    old = {
        "meta": {"state": {"owner": "ali", "next_seq": 4}},
        "records": {},
        "auth": {"session": {"api_url": "http://127.0.0.1:1", "username": "ali", "role": "member",
                             "access_token": "a", "refresh_token": "r"}},
        "outbox": {
            "1": {"seq": 1, "op_id": "o1", "collection": "notes", "record_id": NOTE, "action": "upsert",
                  "data": note("maybe sent"), "base_version": None, "created_at": "x", "state": "pending"},
            "2": {"seq": 2, "op_id": "o2", "collection": "notes", "record_id": NOTE, "action": "upsert",
                  "data": note("waits"), "base_version": None, "created_at": "x", "state": "pending", "after_seq": 1},
            "3": {"seq": 3, "op_id": "o3", "collection": "favourites", "record_id": "plant:P1", "action": "upsert",
                  "data": {}, "base_version": None, "created_at": "x", "state": "rejected", "reason": "invalid_data"},
        },
    }  # fmt: skip
    (tmp_path / "user.json").write_text(json.dumps(old))

    store = LocalStore.open(tmp_path)

    ops = {op.op_id: op for op in store.user.outbox()}
    assert (ops["o1"].state, ops["o1"].seq) == (OpState.SENT, 1)
    assert (ops["o2"].state, ops["o2"].seq, ops["o2"].after) == (OpState.QUEUED, None, "o1")
    assert (ops["o3"].state, ops["o3"].seq) == (OpState.REJECTED, 3)
    assert store.user.auth()["refresh_token"] == "r"  # handed to the token keeper
    assert "auth" not in json.loads((tmp_path / "user.json").read_text())
    store.close()
