"""A hostile or broken server cannot stop the client: answers are capped, a cursor that never moves is a
protocol error, every cycle failure ends in a state the UI shows and recovers from, and pulled user
records are checked like pushed ones. (Faults a real server cannot be made to produce go through the
fault-injecting transport; everything else reaches the real server.)"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from sync import clock
from sync.engine import SyncState
from tests.sync_e2e.conftest import Device, run

NOTE = uuid.uuid5(uuid.NAMESPACE_URL, "zanjireh-test/hostile").hex


def write(device: Device, text: str, note_id: str = NOTE) -> None:
    device.store.user.save("notes", note_id, {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                              "updated_at": clock.now_iso()})  # fmt: skip


def test_an_answer_that_inflates_to_hundreds_of_megabytes_is_refused(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    phone.plan.add("/changes/plants", "gzip_bomb")

    refused = phone.sync()
    again = phone.sync()

    assert not refused.ok and refused.error.code == "answer_too_large"
    assert phone.engine.status.state is SyncState.IDLE and again.ok  # the next cycle is fine


def stuck_cursor() -> Any:
    """Rewrites every page: 'more is ready' with the first page's cursor, for ever."""
    first: list[str] = []

    def rewrite(body: dict[str, Any]) -> dict[str, Any]:
        if not first:
            first.append(body["next_cursor"])
        return {**body, "next_cursor": first[0], "has_more": True}

    return rewrite


def test_a_cursor_that_never_moves_while_more_is_ready_is_a_protocol_error(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    phone.plan.rewrites["/changes/mines"] = stuck_cursor()

    result = phone.sync()

    assert not result.ok and result.error.code == "protocol_error"
    assert phone.plan.count("/changes/mines") <= 3
    assert phone.engine.status.state is SyncState.BACKING_OFF


def test_more_is_ready_with_an_empty_page_is_a_protocol_error(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    phone.plan.rewrites["/changes/sources"] = lambda body: {**body, "items": [], "has_more": True}

    result = phone.sync()

    assert not result.ok and result.error.code == "protocol_error"


async def run_scheduler_until(device: Device, done: Any, timeout_s: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not done() and loop.time() < deadline:
        await asyncio.sleep(0.05)


def test_a_gap_without_expected_seq_ends_in_a_state_the_ui_shows_and_sync_now_works_again(devices) -> None:
    phone = devices("phone", backoff_base_s=30.0, backoff_cap_s=60.0)
    phone.sign_in("ali")
    write(phone, "written in the field")
    phone.plan.rewrites["/push"] = lambda body: {
        **body,
        "results": [{"seq": r["seq"], "op_id": r["op_id"], "status": "gap"} for r in body["results"]],
    }
    states: list[SyncState] = []
    phone.engine.subscribe(lambda status: states.append(status.state))

    async def scenario() -> tuple[SyncState, str | None, bool, SyncState]:
        runner = phone.engine.start()
        await run_scheduler_until(phone, lambda: SyncState.BACKING_OFF in states)
        failed_state, code, alive = phone.engine.status.state, phone.engine.status.error_code, not runner.done()
        phone.plan.rewrites.clear()
        states.clear()
        phone.engine.trigger("manual")  # "sync now"
        await run_scheduler_until(phone, lambda: SyncState.IDLE in states)
        final = phone.engine.status.state
        await phone.engine.stop()
        return failed_state, code, alive, final

    failed_state, code, alive, final = run(scenario())

    assert failed_state is SyncState.BACKING_OFF and code == "protocol_error" and alive
    assert final is SyncState.IDLE and phone.store.user.outbox() == []


def test_an_unexpected_error_in_a_cycle_is_shown_and_the_next_cycle_runs(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")

    def bug(request: Any) -> None:
        if "/changes/plants" in request.url.path:
            phone.plan.before = None
            raise RuntimeError("a bug nothing foresaw")

    phone.plan.before = bug
    failed = phone.sync()
    status = phone.engine.status

    assert not failed.ok and failed.error.code == "internal_error"
    assert status.state is SyncState.BACKING_OFF and status.error_code == "internal_error"
    assert phone.sync().ok


def test_pulled_user_records_that_break_the_rules_are_left_out_one_by_one(devices) -> None:
    phone, desktop = devices("phone"), devices("desktop")
    phone.sign_in("ali")
    desktop.sign_in("ali")
    write(desktop, "a good note")
    assert desktop.sync().ok

    def note(record_id: str, **data: Any) -> dict[str, Any]:
        fields = {"asset_id": "P1", "kind": "plant", "updated_at": "2026-11-28T09:00:00Z", **data}
        return {"id": record_id, "version": 1, "deleted": False, "data": fields}

    bad = [
        note(str(uuid.uuid4()), text="nul \u0000 inside"),
        note("not-a-uuid", text="bad id"),
        note(str(uuid.uuid4()), text="an unknown field", extra=1),
    ]
    phone.plan.rewrites["/changes/notes"] = lambda body: {**body, "items": bad + body["items"]}

    result = phone.sync()

    assert result.ok and result.pulled["notes"].invalid == 3 and result.pulled["notes"].added == 1
    assert {r.id: r.data["text"] for r in phone.store.user.records("notes")} == {NOTE: "a good note"}
