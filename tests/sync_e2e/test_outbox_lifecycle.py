"""The op lifecycle against a real server: an edit is never folded into an op that may have reached the
server, a rejected op never wedges the outbox, and a save at any await point of a cycle is kept and sent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from sync import clock
from sync.user_store import OpState
from tests.sync_e2e.conftest import Device

NOTE = uuid.uuid5(uuid.NAMESPACE_URL, "zanjireh-test/lifecycle").hex
TOO_LONG = "ب" * 10_001  # the server's limit is 10,000 characters


def write(device: Device, text: str, note_id: str = NOTE) -> None:
    device.store.user.save("notes", note_id, {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                              "updated_at": clock.now_iso()})  # fmt: skip


def favourite(device: Device, asset_id: str) -> None:
    device.store.user.save("favourites", f"plant:{asset_id}",
                           {"kind": "plant", "asset_id": asset_id, "created_at": clock.now_iso()})  # fmt: skip


def server_copy(devices: Callable[..., Device]) -> dict[str, str]:
    """What the server holds for ali, as a fresh device of ali's pulls it."""
    reader = devices(f"reader-{uuid.uuid4().hex[:6]}")
    reader.sign_in("ali")
    assert reader.sync().ok
    return {r.id: r.data["text"] for r in reader.store.user.records("notes")}


def text_here(device: Device, note_id: str = NOTE) -> str:
    return device.store.user.record("notes", note_id).data["text"]


def once(path: str, action: Callable[[], None]) -> Callable[[Any], None]:
    """A transport hook that runs ``action`` the first time a request to ``path`` passes it."""
    done: list[bool] = []

    def hook(request: Any) -> None:
        if path in request.url.path and not done:
            done.append(True)
            action()

    return hook


# ---- item 1: nothing typed after a push is lost ---------------------------------------------------------------
@pytest.mark.parametrize("restart", [False, True], ids=["same-run", "after-restart"])
def test_an_edit_made_after_a_push_whose_answer_was_lost_reaches_the_server(devices, restart: bool) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, "first draft")
    phone.plan.add("/push", "lose_response")  # the server applies "first draft"; the answer never arrives
    assert not phone.sync().ok
    if restart:
        phone = phone.reopen()

    write(phone, "final")
    first, second = phone.sync(), phone.sync()

    assert first.ok and second.ok
    assert text_here(phone) == "final" and phone.store.user.outbox() == []
    assert server_copy(devices) == {NOTE: "final"}


def save_before_results_are_applied(device: Device) -> None:
    """Wrap the store so that a save lands between the push answer's arrival and its being applied."""
    user = device.store.user
    real = user.apply_push_results

    def apply(*args: Any) -> Any:
        if not getattr(apply, "done", False):
            apply.done = True  # type: ignore[attr-defined]
            write(device, "v3")
        return real(*args)

    user.apply_push_results = apply  # type: ignore[method-assign]


def on_request(path: str, hook: str) -> Callable[[Device], None]:
    """Save "v3" once, from the transport, when a request to ``path`` is about to go out or has been answered."""
    return lambda device: setattr(device.plan, hook, once(path, lambda: write(device, "v3")))


AWAIT_POINTS: dict[str, Callable[[Device], None]] = {
    "before-the-ping": on_request("/ping", "before"),
    "while-the-push-is-sent": on_request("/push", "before"),
    "after-the-server-applied-it": on_request("/push", "after"),
    "before-the-answer-is-applied": save_before_results_are_applied,
    "during-the-pull": on_request("/changes/notes", "before"),
}


@pytest.mark.parametrize("point", list(AWAIT_POINTS))
def test_a_save_at_each_await_point_of_a_cycle_is_kept_and_sent(devices, point: str) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, "v1")
    assert phone.sync().ok
    write(phone, "v2")
    AWAIT_POINTS[point](phone)

    cycle = phone.sync()
    phone.plan.before = phone.plan.after = None
    settle = phone.sync()

    assert cycle.ok and settle.ok
    assert text_here(phone) == "v3"
    assert phone.store.user.outbox() == [] and phone.store.user.conflicts() == []
    assert server_copy(devices) == {NOTE: "v3"}


# ---- item 2: a rejected op never wedges the outbox ----------------------------------------------------------------
@pytest.mark.parametrize("edit", ["fixed", TOO_LONG + "!"], ids=["edit-that-fits", "edit-still-too-long"])
def test_a_rejected_note_edited_while_its_push_was_in_flight_never_wedges_the_outbox(devices, edit: str) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, TOO_LONG)
    phone.plan.after = once("/push", lambda: write(phone, edit))  # the member edits while the push is in flight

    first = phone.sync()
    phone.plan.after = None
    favourite(phone, "P100000120584")  # saved afterwards: must not queue behind anything
    second = phone.sync()

    assert first.ok and second.ok
    assert second.pushed.applied >= 1
    reader = devices("reader")
    reader.sign_in("ali")
    assert reader.sync().ok
    assert [r.id for r in reader.store.user.records("favourites")] == ["plant:P100000120584"]
    parked = [op for op in phone.store.user.outbox() if op.state is OpState.REJECTED]
    if edit == "fixed":
        assert parked == [] and {r.id: r.data["text"] for r in reader.store.user.records("notes")} == {NOTE: "fixed"}
    else:
        assert [op.data["text"] for op in parked] == [edit]  # the member decides about the newest text
    assert [op for op in phone.store.user.outbox() if op.state is not OpState.REJECTED] == []


def test_an_edit_of_a_parked_note_replaces_it_and_is_sent(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, TOO_LONG)
    assert phone.sync().ok and phone.engine.status.rejected == 1

    write(phone, "shortened")
    result = phone.sync()

    assert result.ok and phone.store.user.outbox() == [] and phone.engine.status.rejected == 0
    assert server_copy(devices) == {NOTE: "shortened"}
