"""Favourites and notes reach the server exactly once and other devices of the same user, whatever fails."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from sync import clock
from sync.engine import SyncState
from tests.sync_e2e.conftest import Device, run


@pytest.fixture
def server(any_server):
    """Every test of this module runs against the server on SQLite and on PostgreSQL."""
    return any_server


def favourite(store, asset_id: str) -> None:
    store.user.save("favourites", f"plant:{asset_id}", {"kind": "plant", "asset_id": asset_id,
                                                        "created_at": clock.now_iso()})  # fmt: skip


def nid(name: str) -> str:
    """Notes have UUIDs made on the device; tests name them and derive a stable UUID."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"zanjireh-test/{name}").hex


def note(store, name: str, text: str) -> None:
    store.user.save("notes", nid(name), {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                       "updated_at": clock.now_iso()})  # fmt: skip


def favourite_ids(device: Device) -> set[str]:
    return {r.id for r in device.store.user.records("favourites")}


def test_favourites_sync_across_devices_of_the_same_user(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    favourite(phone.store, "P100000120584")
    first = phone.sync()  # pushes the favourite, then pulls it back: its own write is not news
    assert first.ok and first.pushed.applied == 1 and first.pulled["favourites"].total == 0
    assert desktop.sync().ok
    assert favourite_ids(desktop) == {"plant:P100000120584"}
    desktop.store.user.delete("favourites", "plant:P100000120584")
    assert desktop.sync().ok and phone.sync().ok
    assert favourite_ids(phone) == set()


def test_user_collections_are_private_to_their_owner(devices) -> None:
    ali, sara = devices("ali"), devices("sara")
    ali.sign_in("ali")
    sara.sign_in("sara")
    favourite(ali.store, "P100000120584")
    assert ali.sync().ok and sara.sync().ok
    assert favourite_ids(sara) == set()


def test_push_replayed_after_lost_response_creates_one_note(devices) -> None:
    phone, other = devices("phone"), devices("other")
    phone.sign_in("ali")
    other.sign_in("ali")
    note(phone.store, "n-lost", "written in the field")
    phone.plan.add("/push", "lose_response")
    first = phone.sync()
    assert not first.ok and first.error.code == "transient"
    assert phone.store.user.pending_count() == 1  # not acknowledged: still queued
    second = phone.sync()
    assert second.ok and second.pushed.duplicates == 1 and second.pushed.applied == 0
    assert phone.store.user.pending_count() == 0
    assert other.sync().ok
    notes = other.store.user.records("notes")
    assert [(n.id, n.data["text"]) for n in notes] == [(nid("n-lost"), "written in the field")]


def test_seq_gap_is_closed_by_renumbering_and_each_op_lands_once(devices) -> None:
    phone, other = devices("phone"), devices("other")
    phone.sign_in("ali")
    other.sign_in("ali")
    note(phone.store, "n1", "one")
    assert phone.sync().ok
    # the device's counter jumps ahead (a restored file, a bug): the server has seen seq 1 only
    with phone.store.user._unit_of_work():
        phone.store.user._set_meta(next_seq=9)
        phone.store.user.unit.commit()
    note(phone.store, "n2", "two")
    note(phone.store, "n3", "three")
    result = phone.sync()
    assert result.ok and result.pushed.gaps == 1 and result.pushed.applied == 2
    assert other.sync().ok
    texts = {n.id: n.data["text"] for n in other.store.user.records("notes")}
    assert texts == {nid("n1"): "one", nid("n2"): "two", nid("n3"): "three"}


def test_edits_made_offline_are_sent_once_as_the_latest_text(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    for text in ("d", "dr", "dra", "draft"):
        note(phone.store, "n1", text)
    assert len(phone.store.user.outbox()) == 1
    result = phone.sync()
    assert result.ok and result.pushed.applied == 1
    assert phone.store.user.record("notes", nid("n1")).server_data["text"] == "draft"


def test_note_edited_on_two_devices_keeps_both_copies_until_the_user_chooses(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    note(phone.store, "n1", "furnace 2 relined")
    assert phone.sync().ok and desktop.sync().ok
    note(desktop.store, "n1", "furnace 2 relined in May")
    note(phone.store, "n1", "furnace 2 relined; visit again")
    assert desktop.sync().ok
    result = phone.sync()
    assert result.ok and result.pushed.conflicts == 1
    conflict = phone.store.user.conflict("notes", nid("n1"))
    assert conflict.mine["text"] == "furnace 2 relined; visit again"
    assert conflict.theirs["text"] == "furnace 2 relined in May"
    assert conflict.base["text"] == "furnace 2 relined"
    assert phone.store.user.record("notes", nid("n1")).data["text"] == "furnace 2 relined; visit again"  # kept
    merged = {**conflict.mine, "text": "furnace 2 relined in May; visit again"}
    phone.store.user.resolve_conflict("notes", nid("n1"), "merge", merged)
    assert phone.sync().ok and desktop.sync().ok
    assert desktop.store.user.record("notes", nid("n1")).data["text"] == "furnace 2 relined in May; visit again"
    assert phone.store.user.conflicts() == []


def test_keep_theirs_takes_the_server_copy_and_sends_nothing(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    note(phone.store, "n1", "v1")
    assert phone.sync().ok and desktop.sync().ok
    note(desktop.store, "n1", "desktop wins")
    note(phone.store, "n1", "phone loses")
    assert desktop.sync().ok and phone.sync().ok
    phone.store.user.resolve_conflict("notes", nid("n1"), "theirs")
    assert phone.store.user.outbox() == []
    assert phone.store.user.record("notes", nid("n1")).data["text"] == "desktop wins"


def test_delete_wins_over_an_edit_made_elsewhere_and_the_user_is_told(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    note(phone.store, "n1", "v1")
    assert phone.sync().ok and desktop.sync().ok
    note(desktop.store, "n1", "v2 from the desktop")
    assert desktop.sync().ok
    phone.store.user.delete("notes", nid("n1"))
    result = phone.sync()
    assert result.ok and result.pushed.notices == ["delete_overrode_newer_edit"]
    assert desktop.sync().ok
    assert desktop.store.user.records("notes") == []


def test_edit_of_a_note_deleted_elsewhere_is_a_conflict_not_a_loss(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    note(phone.store, "n1", "v1")
    assert phone.sync().ok and desktop.sync().ok
    desktop.store.user.delete("notes", nid("n1"))
    assert desktop.sync().ok
    note(phone.store, "n1", "v2 written offline")
    result = phone.sync()
    assert result.pushed.conflicts == 1
    conflict = phone.store.user.conflict("notes", nid("n1"))
    assert conflict.theirs is None and conflict.reason == "deleted_on_server"
    phone.store.user.resolve_conflict("notes", nid("n1"), "mine")  # recreate it
    assert phone.sync().ok and desktop.sync().ok
    assert desktop.store.user.record("notes", nid("n1")).data["text"] == "v2 written offline"


def test_a_poison_op_is_parked_with_its_reason_and_does_not_block_the_queue(devices) -> None:
    phone, other = devices("phone"), devices("other")
    phone.sign_in("ali")
    other.sign_in("ali")
    note(phone.store, "n-bad", "")  # an empty note: the server rejects it
    note(phone.store, "n-good", "fine")
    result = phone.sync()
    assert result.ok and result.pushed.rejected == 1 and result.pushed.applied == 1
    parked = [op for op in phone.store.user.outbox() if op.state.value == "rejected"]
    assert len(parked) == 1 and parked[0].record_id == nid("n-bad") and "text" in parked[0].reason
    assert phone.engine.status.rejected == 1
    assert other.sync().ok
    assert [n.id for n in other.store.user.records("notes")] == [nid("n-good")]
    assert phone.sync().ok  # the parked op is never sent again as it is
    assert len([op for op in phone.store.user.outbox() if op.state.value == "rejected"]) == 1


@pytest.mark.parametrize("skew", [dt.timedelta(days=3), dt.timedelta(days=-3)])
def test_device_clock_days_off_and_jumping_back_changes_nothing_synced(
    devices, monkeypatch: pytest.MonkeyPatch, skew: dt.timedelta
) -> None:
    real_now = clock.now
    offset = {"value": skew}
    monkeypatch.setattr(clock, "now", lambda: real_now() + offset["value"])
    phone, other = devices("phone"), devices("other")
    phone.sign_in("ali")
    other.sign_in("ali")
    note(phone.store, "n1", "before the jump")
    assert phone.sync().ok
    offset["value"] = skew - dt.timedelta(days=5)  # the clock jumps back five days
    note(phone.store, "n2", "after the jump")
    note(phone.store, "n1", "edited after the jump")
    assert phone.sync().ok
    assert other.sync().ok
    assert {n.id: n.data["text"] for n in other.store.user.records("notes")} == {
        nid("n1"): "edited after the jump",
        nid("n2"): "after the jump",
    }
    assert phone.store.user.outbox() == [] and phone.store.user.conflicts() == []


def test_status_says_sign_in_needed_before_any_session(devices) -> None:
    phone = devices("phone")
    phone.store.device.set_setting("api_url", phone.server.url)
    result = phone.sync()
    assert not result.ok and result.error.code == "auth_required"
    assert phone.engine.status.state is SyncState.SIGN_IN_NEEDED
    assert phone.plan.log == []  # signed out: the engine does not even ping


def test_wrong_password_is_refused_and_nothing_is_stored(devices) -> None:
    phone = devices("phone")
    with pytest.raises(Exception) as caught:
        run(phone.engine.sign_in(phone.server.url, "ali", "not the password"))
    assert getattr(caught.value, "code", "") == "bad_credentials"
    assert phone.store.user.auth() is None
