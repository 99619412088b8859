"""The correction screens, renderer-free: a member proposes a correction to a supplier offline from its screen (the
form kept on the device through a killed app, the proposal waiting in the outbox), an admin declines only with a
reason and accepts, the proposer withdraws, and a plant's screen offers the same to a signed-in member only
(and names the source of a field a correction changed to anyone)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from models.atlas import FieldCorrection, GeoPoint, Place
from models.corrections import Correction
from models.enums import Process, Status
from models.photos import PhotoRef
from sync.reference_store import ServerItem
from sync.store import LocalStore
from tests.factories import TEST_SOURCE, make_capacity, make_plant
from tests.field_factories import SEPAHAN
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, run, start_app
from tests.views.test_visit_screens import signed_in
from tests.views.visit_world import seed_reference
from views.app import make_main

PLANT = "P100000999001"


def member_store(folder: Path, role: str = "member", username: str = "ali", lang: str = "fa") -> LocalStore:
    store = LocalStore.open(folder)
    seed_reference(store)
    plant = make_plant(
        id=PLANT,
        name_en="Test Steel",
        name_fa="فولاد آزمایشی",
        place=Place(point=GeoPoint(lat=32.5, lon=51.7), province="IR-10"),
        capacities=(make_capacity(Process.EAF, Status.OPERATING, 1000.0),),
        corrected=(FieldCorrection(field="workforce", correction_id="c-1", proposed_by="sara",
                                   accepted_on=dt.date(2026, 11, 20)),),
    )  # fmt: skip
    store.replace_reference({"plants": [plant], "sources": [TEST_SOURCE]}, origin="test")
    signed_in(store, username, role)
    store.device.set_setting("language", lang)
    return store


def proposed(store: LocalStore, by: str = "ali") -> Correction:
    """A correction the server holds, proposed by ``by`` (as a pull leaves it)."""
    correction = Correction(
        id=str(uuid.uuid4()), target_kind="supplier", target_id=SEPAHAN, field="phone", value="+98 31 4200 0000",
        note="the number on the gate", state="proposed", proposed_by=by,
        photos=(PhotoRef(sha256="a" * 64, width=1600, height=1200, bytes=250_000),),
        proposed_at=dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC),
        made_at=dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    store.reference["corrections"].apply_page(
        [ServerItem(correction.id, 5, False, correction.model_dump(mode="json"))], "c5", False, "sync: test"
    )
    return correction


def outbox(store: LocalStore, collection: str = "corrections") -> list[dict]:
    return [op.data for op in store.user.outbox() if op.collection == collection]  # type: ignore[misc]


async def pick_field(h: FletHarness, value: str) -> None:
    group = h.by_data("correction-fields", ft.RadioGroup)
    h.session.apply_patch(group._i, {"value": value})
    await h.fire(group, "change", value)


def test_a_member_proposes_a_correction_offline_and_a_killed_app_loses_none_of_the_form(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = member_store(folder)

    async def fill_in() -> None:
        h = await start_app(store, PHONE, f"/supplier/{SEPAHAN}")
        await h.fire(h.by_data("record-propose-correction"))
        await h.wait_for(lambda: bool(h.find(data="correction-new")))
        assert "تأمین‌کننده" in h.text_blob()
        await pick_field(h, "phone")
        await h.type_into(h.by_data("correction-value:value"), "۰۳۱ ۴۲۰۰ ۰۰۰۰")
        await h.type_into(h.by_data("correction-note"), "شمارهٔ روی تابلوی در کارخانه")
        await h.wait_for(lambda: "note" in (store.user.drafts().get(f"correction:supplier:{SEPAHAN}") or ""))

    run(fill_in())
    store.close()  # the app killed before the proposal was saved
    store = LocalStore.open(folder)

    async def send() -> None:
        h = await start_app(store, PHONE, f"/corrections/new?kind=supplier&id={SEPAHAN}")
        await h.wait_for(lambda: bool(h.find(data="correction-new")))
        assert h.by_data("correction-value:value").value == "۰۳۱ ۴۲۰۰ ۰۰۰۰"
        assert h.by_data("correction-note").value == "شمارهٔ روی تابلوی در کارخانه"
        await h.fire(h.by_data("correction-send"))
        await h.wait_for(lambda: (h.page.route or "") == f"/supplier/{SEPAHAN}")
        await h.wait_for(lambda: bool(h.find(data="record-corrections")))
        assert "در انتظار ارسال" in h.text_blob()  # waiting to send: the API is not reachable

    run(send())
    (op,) = outbox(store)
    assert (op["target_kind"], op["target_id"], op["field"], op["value"]) == (
        "supplier",
        SEPAHAN,
        "phone",
        "031 4200 0000",
    )
    assert op["note"] == "شمارهٔ روی تابلوی در کارخانه"
    assert f"correction:supplier:{SEPAHAN}" not in store.user.drafts()  # the form's draft went with the proposal
    store.close()


def test_a_bad_or_unchanged_value_is_said_in_the_members_words_and_nothing_is_queued(tmp_path: Path) -> None:
    store = member_store(tmp_path / "data", lang="en")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/corrections/new?kind=supplier&id={SEPAHAN}")
        await h.wait_for(lambda: bool(h.find(data="correction-new")))
        await pick_field(h, "email")
        await h.type_into(h.by_data("correction-value:value"), "not an address")
        await h.fire(h.by_data("correction-send"))
        assert "Enter the correct value" in h.by_data("correction-problem").value
        await pick_field(h, "location")
        await h.type_into(h.by_data("correction-value:lat"), "120")
        await h.type_into(h.by_data("correction-value:lon"), "51.5")
        await h.fire(h.by_data("correction-send"))
        assert "Enter the correct value" in h.by_data("correction-problem").value

    run(scenario())
    assert outbox(store) == []
    store.close()


def test_an_admin_declines_only_with_a_reason_and_accepts_from_the_review_list(tmp_path: Path) -> None:
    store = member_store(tmp_path / "data", role="admin", username="boss", lang="en")
    first = proposed(store)
    second = proposed(store)

    async def scenario() -> None:
        h = await start_app(store, DESKTOP, "/corrections")
        await h.wait_for(lambda: bool(h.find(data="corrections-review")))
        await h.fire(h.by_data(f"correction-row:{first.id}"))
        await h.wait_for(lambda: bool(h.find(data="correction-detail")))
        blob = h.text_blob()
        assert "+98 31 4200 0000" in blob and "the number on the gate" in blob and "ali" in blob
        # ali's photo is not this admin's to upload: it says it is not on this device, not "waiting"
        assert h.find(data=f"correction-photo-missing:{'a' * 12}") and "Photos: 0 of 1" not in blob
        await h.fire(h.by_data("correction-decline"))
        assert h.by_data("correction-problem").value == "Give the reason for declining"
        assert outbox(store) == []
        await h.fire(h.by_data("correction-accept"))
        await h.wait_for(lambda: "Your decision is waiting to be sent" in h.text_blob())
        assert not h.find(data="correction-accept")  # decided once on this device
        await h.go("/corrections")
        await h.wait_for(lambda: bool(h.find(data="corrections-review")))
        assert not h.find(data=f"correction-row:{first.id}") and h.find(data=f"correction-row:{second.id}")
        await h.fire(h.by_data(f"correction-row:{second.id}"))
        await h.wait_for(lambda: bool(h.find(data="correction-decision-note")))
        await h.type_into(h.by_data("correction-decision-note"), "the register has the right number")
        await h.fire(h.by_data("correction-decline"))

    run(scenario())
    assert outbox(store) == [
        {"state": "accepted", "decision_note": None},
        {"state": "declined", "decision_note": "the register has the right number"},
    ]
    store.close()


def test_the_proposer_sees_the_outcome_and_withdraws_a_proposal_still_waiting(tmp_path: Path) -> None:
    store = member_store(tmp_path / "data", lang="en")
    waiting = proposed(store)
    decided = Correction.model_validate(
        proposed(store).model_dump() | {"state": "declined", "decision_note": "checked by phone", "decided_by": "boss",
                                         "decided_at": dt.datetime(2026, 12, 2, tzinfo=dt.UTC)}
    )  # fmt: skip
    store.reference["corrections"].apply_page(
        [ServerItem(decided.id, 6, False, decided.model_dump(mode="json"))], "c6", False, "sync: test"
    )

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/correction/{decided.id}")
        await h.wait_for(lambda: bool(h.find(data="correction-decision")))
        assert "checked by phone" in h.text_blob() and not h.find(data="correction-withdraw")
        await h.go(f"/correction/{waiting.id}")
        await h.wait_for(lambda: bool(h.find(data="correction-withdraw")))
        assert not h.find(data="correction-accept")  # a member does not decide
        await h.fire(h.by_data("correction-withdraw"))
        await h.wait_for(lambda: "Withdrawn" in h.text_blob())

    run(scenario())
    (op,) = outbox(store)
    assert (op["state"], op["id"]) == ("withdrawn", waiting.id)
    store.close()


def test_a_plant_screen_offers_a_correction_to_a_signed_in_member_only(tmp_path: Path) -> None:
    store = member_store(tmp_path / "data", lang="en")

    async def scenario(expected: bool) -> None:
        h = await start_app(store, PHONE, f"/plant/{PLANT}")
        await h.wait_for(lambda: "Test Steel" in h.text_blob())
        assert bool(h.find(data="record-propose-correction")) is expected
        # the corrected field names its source, whoever reads the plant
        assert "corrected from the field, proposed by sara, accepted on 20 Nov 2026" in h.text_blob()
        if expected:
            await h.fire(h.by_data("record-propose-correction"))
            await h.wait_for(lambda: bool(h.find(data="correction-new")))
            await pick_field(h, "status")
            assert "operating" in h.text_blob()  # the status recorded now

    run(scenario(True))
    store.user.set_auth(None)  # signed out
    run(scenario(False))
    store.close()


@pytest.mark.parametrize(
    ("answers", "lang", "words"),
    [
        ({"is_location_service_enabled": True, "get_permission_status": "denied", "request_permission": "denied"},
         "fa", "اجازهٔ مکان داده نشد"),
        ({"is_location_service_enabled": False}, "en", "The device's location is turned off"),
    ],
    ids=["refused-fa", "switched-off-en"],
)  # fmt: skip
def test_a_refused_location_on_a_correction_says_it_can_be_sent_without_one_not_to_use_a_map_it_lacks(
    tmp_path: Path, answers: dict[str, Any], lang: str, words: str
) -> None:
    store = member_store(tmp_path / "data", lang=lang)

    async def scenario() -> None:
        handlers = {name: (lambda _args, v=value: v) for name, value in answers.items()}
        h = FletHarness(method_handlers=handlers, width=PHONE[0], height=PHONE[1])
        await h.start(make_main(store), route=f"/corrections/new?kind=supplier&id={SEPAHAN}")
        await h.settle()
        await h.fire(h.by_data("correction-locate"))
        await h.wait_for(lambda: bool(h.find(data="correction-location-problem")))
        said = " ".join(h.texts(h.by_data("correction-location-problem")))
        assert words in said
        assert ("بدون مکان" in said) if lang == "fa" else ("without" in said)  # the proposal is still sendable
        assert "نقشه" not in said and "map" not in said  # this screen has no map to pick on

    run(scenario())
    assert not outbox(store)  # a refusal proposes nothing by itself
    store.close()


def test_a_proposers_english_note_reads_left_to_right_in_the_persian_layout(tmp_path: Path) -> None:
    """Seen at 360 px: "The number on the gate sign" set right-aligned in its Persian fact row."""
    store = member_store(tmp_path / "data")
    correction = proposed(store)

    async def scenario() -> None:
        h = await start_app(store, (360, 740), f"/correction/{correction.id}")
        note = "\u2066the number on the gate\u2069"  # isolated left to right: flet's rtl=False would keep the page's
        await h.wait_for(lambda: bool(h.find(ft.Text, value=note)))
        assert h.page.rtl and [t.text_align for t in h.find(ft.Text, value=note)] == [ft.TextAlign.LEFT]

    run(scenario())
    store.close()
