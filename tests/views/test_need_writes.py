"""Writing needs and answers from the screens, renderer-free: the form queues a need for the member's own plant
through the outbox and it shows at once, waiting to sync; the workflow moves, the supplier's answer and the
producer's reply are offered only to the roles that may make them; a refusal shows the server's reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.needs import NeedStatus, allowed_moves
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import PHONE, run
from tests.views.directory_world import (
    MOBARAKEH_STEEL,
    MOBARAKEH_STEEL_CO,
    NEXT_YEAR,
    SEPAHAN,
    SEPAHAN_NEED,
    directory_store,
    sign_in_as,
)
from views.app import make_main
from views.shell import i18n, paths

OTHER_COMPANY = "E100000000001"


@pytest.fixture
def store(shared_data: Path) -> LocalStore:
    return directory_store(shared_data, suppliers=200)


async def open_app(store: LocalStore, route: str) -> FletHarness:
    store.device.set_setting("language", "fa")
    harness = FletHarness(width=PHONE[0], height=PHONE[1])
    await harness.start(make_main(store), route=route)
    return harness


def datas(h: FletHarness, prefix: str) -> list[str]:
    return [c.data for c in h.walk() if isinstance(c.data, str) and c.data.startswith(prefix)]


def outbox(store: LocalStore, collection: str) -> list[str]:
    return [op.record_id for op in store.user.outbox() if op.collection == collection]


def test_a_member_raises_a_need_for_their_plant_and_sees_it_waiting_to_sync(store: LocalStore) -> None:
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def scenario() -> None:
        h = await open_app(store, paths.new_need_path(MOBARAKEH_STEEL))
        assert h.find(data="need-form")
        await h.type_into(h.by_data("need-form-item_fa"), "الکترود گرافیتی ۶۰۰ میلی‌متری")
        category = h.by_data("need-form-category")
        h.session.apply_patch(category._i, {"value": "consumables.graphite_electrodes"})  # as a tap on the menu
        await h.fire(category, "select", "consumables.graphite_electrodes")
        await h.fire(h.by_data("need-form-save"))
        await h.settle()
        [need_id] = outbox(store, "needs")
        assert (h.page.route or "") == paths.need_path(need_id)  # the need's own screen, at once
        await h.wait_for(lambda: bool(h.find(data="need-pending")))
        assert "الکترود گرافیتی ۶۰۰ میلی‌متری" in h.text_blob()
        listing = await open_app(store, paths.NEEDS)
        await listing.wait_for(lambda: f"need:{need_id}" in datas(listing, "need:"))

    run(scenario())


def test_the_form_keeps_what_was_typed_when_a_field_is_wrong(store: LocalStore) -> None:
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def scenario() -> None:
        h = await open_app(store, paths.new_need_path(MOBARAKEH_STEEL))
        await h.type_into(h.by_data("need-form-item_fa"), "غلتک کاری")
        await h.type_into(h.by_data("need-form-annual_qty"), "دوازده")
        await h.fire(h.by_data("need-form-save"))
        await h.settle()
        assert h.find(data="need-form-problem-annual_qty") and h.find(data="need-form-problem-category")
        assert not outbox(store, "needs")  # nothing queued, nothing lost: the draft is kept on the device
        again = await open_app(store, paths.new_need_path(MOBARAKEH_STEEL))
        assert again.by_data("need-form-item_fa").value == "غلتک کاری"

    run(scenario())


def test_editing_a_need_in_persian_shows_its_figures_in_persian_digits_and_its_deadline_in_jalali(
    store: LocalStore,
) -> None:
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def scenario() -> None:
        h = await open_app(store, paths.need_edit_path(SEPAHAN_NEED))
        assert h.by_data("need-form-annual_qty").value == "۱۴۵۰"  # as a Persian member types it, not "1450"
        assert h.by_data("need-form-annual_fx_eur").value == "۲۳۰۰۰۰۰"
        assert h.by_data("need-form-deadline").value == i18n.date(NEXT_YEAR, "fa")  # ۱۴۰۶/…, not 2027-…
        await h.fire(h.by_data("need-form-save"))  # saved untouched: read back as the same figures and day
        await h.settle()
        assert (h.page.route or "") == paths.need_path(SEPAHAN_NEED)
        assert outbox(store, "needs") == []  # nothing differs from the stored need, so nothing is queued

    run(scenario())


def test_a_producer_moves_its_need_only_along_the_workflow(store: LocalStore) -> None:
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def scenario() -> None:
        h = await open_app(store, paths.need_path(SEPAHAN_NEED))
        offered = {d.split(":", 1)[1] for d in datas(h, "move:")}
        assert offered == {s.value for s in allowed_moves(NeedStatus.PUBLISHED)}
        assert h.find(data="need-edit")
        await h.fire(h.by_data(f"move:{NeedStatus.MATCHED.value}"))
        await h.wait_for(lambda: bool(h.find(data="need-pending")))
        assert outbox(store, "needs") == [SEPAHAN_NEED]
        offered = {d.split(":", 1)[1] for d in datas(h, "move:")}
        assert offered == {s.value for s in allowed_moves(NeedStatus.MATCHED)}

    run(scenario())


def test_another_companys_member_may_not_edit_move_or_answer(store: LocalStore) -> None:
    sign_in_as(store, "reza", "member", OTHER_COMPANY)

    async def scenario() -> None:
        h = await open_app(store, paths.need_path(SEPAHAN_NEED))
        assert h.find(data="need-detail")
        assert not h.find(data="need-edit") and not datas(h, "move:") and not datas(h, "reply:")
        assert not h.find(data="answer-form")
        form = await open_app(store, paths.need_edit_path(SEPAHAN_NEED))
        assert form.find(data="need-form-refused")

    run(scenario())


def test_a_supplier_answers_a_published_need_and_the_producer_replies(store: LocalStore) -> None:
    sign_in_as(store, "sara", "supplier", "S0001")

    async def scenario() -> None:
        h = await open_app(store, paths.need_path(SEPAHAN_NEED))
        assert not h.find(data="need-edit") and not datas(h, "move:") and not datas(h, "reply:")
        await h.type_into(h.by_data("answer-note-field"), "می‌توانیم؛ نمونه در دو ماه")
        await h.fire(h.by_data("answer-send"))
        await h.wait_for(lambda: bool(h.find(data="answers-pending")))
        assert outbox(store, "answers") == [f"{SEPAHAN_NEED}:S0001"]
        assert "می‌توانیم؛ نمونه در دو ماه" in h.text_blob()

    run(scenario())

    store.user.set_auth(None)
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def reply() -> None:
        h = await open_app(store, paths.need_path(SEPAHAN_NEED))
        assert not h.find(data="answer-form")  # a producer does not answer its own need
        await h.fire(h.by_data(f"reply:{SEPAHAN}:interested"))
        await h.wait_for(lambda: bool(h.find(data="answer-reply")))
        assert f"{SEPAHAN_NEED}:{SEPAHAN}" in outbox(store, "answers")

    run(reply())


def test_a_refused_need_shows_the_servers_reason_and_can_be_dropped(store: LocalStore) -> None:
    sign_in_as(store, "mina", "member", MOBARAKEH_STEEL_CO)

    async def scenario() -> None:
        h = await open_app(store, paths.need_path(SEPAHAN_NEED))
        await h.fire(h.by_data(f"move:{NeedStatus.MATCHED.value}"))
        await h.settle()
        [op] = store.user.claim_batch(10)
        reason = "status_move_not_allowed: published → matched is not a move the workflow allows"
        store.user.apply_push_results(
            [op], [{"seq": op.seq, "op_id": op.op_id, "status": "rejected", "reason": reason}], 1
        )
        again = await open_app(store, paths.need_path(SEPAHAN_NEED))
        await again.wait_for(lambda: bool(again.find(data="needs-refused")))
        assert again.by_data("refusal-reason").value == i18n.t("refusal_status_move_not_allowed", "fa")
        await again.fire(again.by_data("needs-discard"))
        await again.wait_for(lambda: not again.find(data="needs-refused"))
        assert not store.user.outbox()

    run(scenario())
