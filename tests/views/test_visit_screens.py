"""The field-visit screens, renderer-free: start a visit from a supplier, answer (each answer on disk at once),
conditional questions appearing, the location typed with its distance, submit sealing it read-only, the
admin's decision form, and the roles that see none of it."""

from __future__ import annotations

from pathlib import Path

import flet as ft

from models.visits import Finding, VisitState
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, run, start_app
from tests.views.visit_world import decided_visit, seed_reference
from views.shell import i18n
from views.shell.i18n import gregorian_to_jalali
from views.visits.state import today


def signed_in(store: LocalStore, username: str, role: str) -> None:
    store.user.set_auth(
        {
            "api_url": "http://127.0.0.1:9",
            "username": username,
            "role": role,
            "org_id": "ASSOC",
            "access_token": "a",
            "refresh_token": "r",
        }
    )


def field_store(folder: Path) -> LocalStore:
    store = LocalStore.open(folder)
    seed_reference(store)
    signed_in(store, "sara", "field_staff")
    store.device.set_setting("language", "fa")
    return store


def visit_id_of(h: FletHarness) -> str:
    return (h.page.route or "").rsplit("/", 1)[-1]


def test_a_field_visit_is_started_from_the_supplier_and_every_answer_is_on_disk(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/supplier/{SEPAHAN}")
        await h.fire(h.by_data("supplier-start-visit"))
        await h.wait_for(lambda: (h.page.route or "").startswith("/visits/new"))
        await h.settle()
        checklists = next(c for c in h.find(ft.RadioGroup) if c.value and c.value.startswith("refractories"))
        h.session.apply_patch(checklists._i, {"value": "general-supplier-audit@1"})
        await h.fire(checklists, "change", "general-supplier-audit@1")
        await h.fire(h.by_data("visit-start"))
        await h.wait_for(lambda: bool(h.find(data="visit-detail")))
        visit_id = visit_id_of(h)
        assert "پیش‌نویس" in h.texts()
        assert not h.find(data="question:qms.iso9001_scope")  # asked only once ISO 9001 is answered "yes"
        group = next(c for c in h.find(ft.RadioGroup) if any(
            getattr(r, "data", "") == "answer:qms.iso9001:yes" for r in h.walk(c)))  # fmt: skip
        h.session.apply_patch(group._i, {"value": "yes"})
        await h.fire(group, "change", "yes")
        local = store.visits.get(visit_id)
        assert local is not None and local.visit.answers["qms.iso9001"] is True
        await h.wait_for(lambda: bool(h.find(data="question:qms.iso9001_scope")))
        await h.type_into(h.by_data("answer:qms.complaints_12m"), "۱۲")
        await h.wait_for(lambda: store.visits.get(visit_id).visit.answers.get("qms.complaints_12m") == 12)
        await h.fire(h.by_data("visit-type-location"))
        await h.type_into(h.by_data("visit-lat"), "32.6351")
        await h.type_into(h.by_data("visit-lon"), "51.3660")
        await h.fire(h.by_data("visit-save-location"))
        location = store.visits.get(visit_id).visit.location
        assert location is not None and location.source.value == "typed"
        assert h.by_data("visit-distance")  # the distance to the supplier's recorded site
        assert h.by_data("visit-submit").disabled  # much is still missing

    run(scenario())
    store.close()
    reopened = LocalStore.open(tmp_path / "data")  # what a restarted app reads: the answer was on disk at once
    try:
        visits = Fieldwork(reopened).my_visits()
        assert len(visits) == 1 and visits[0].status.value == "draft" and visits[0].answered >= 1
    finally:
        reopened.close()


def test_a_typed_location_shows_its_distance_and_a_sealed_visit_is_read_only(tmp_path: Path) -> None:
    store, visit_id = decided_visit(tmp_path / "data")
    signed_in(store, "sara", "field_staff")

    async def scenario() -> None:
        h = await start_app(store, DESKTOP, f"/visit/{visit_id}")
        assert h.find(data="visit-sealed")
        assert not h.find(data="visit-submit")
        assert h.by_data("visit-distance")
        assert all(r.disabled for r in h.find(ft.Radio) if str(r.data).startswith("answer:"))
        assert h.find(data="visit-decision")  # the admin's decision, shown to its author

    run(scenario())
    store.close()


def test_members_are_offered_no_visits(tmp_path: Path) -> None:
    store, visit_id = decided_visit(tmp_path / "data")
    detail = Fieldwork(store).visit(visit_id)
    assert detail is not None and detail.visit.state is VisitState.SUBMITTED

    async def scenario() -> None:
        signed_in(store, "member1", "member")
        h = await start_app(store, PHONE, "/visits")
        assert "بازدیدهای میدانی ویژهٔ کارشناسان" in " ".join(h.texts())
        assert not h.find(data="supplier-start-visit")

    run(scenario())
    store.close()


def test_the_new_visit_screen_offers_the_suppliers_categories_and_its_checklists(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/visits/new?supplier={SEPAHAN}")
        assert h.find(data=f"visit-category:{REFRACTORIES}")
        keys = [c.data for c in h.walk() if isinstance(c.data, str) and c.data.startswith("visit-checklist:")]
        assert keys and keys[0].startswith("visit-checklist:refractories")  # its category's checklist first

    run(scenario())
    store.close()


def test_a_visits_planned_day_is_offered_in_jalali_on_persian_screens_and_kept_as_that_day(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/visits/new?supplier={SEPAHAN}")
        planned = h.by_data("visit-planned")
        jalali = gregorian_to_jalali(today())
        # «۱۴۰۵/۰۹/۱۱», as the hint and every other date on a Persian screen: not the Gregorian ISO in Persian digits
        assert planned.value == i18n.digits(f"{jalali.year:04d}/{jalali.month:02d}/{jalali.day:02d}", "fa")
        await h.fire(h.by_data("visit-start"))
        await h.wait_for(lambda: bool(h.find(data="visit-detail")))
        assert Fieldwork(store).visit(visit_id_of(h)).visit.planned_on == today()

    run(scenario())
    store.close()


def test_a_finding_reads_in_its_own_direction_in_the_persian_layout(tmp_path: Path) -> None:
    store = field_store(tmp_path / "data")
    work = Fieldwork(store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    work.save_finding(visit_id, Finding(id="f1", severity="major", text="Two gauges out of calibration"))
    work.save_finding(visit_id, Finding(id="f2", severity="strength", text="ردیابی محموله در کمتر از یک ساعت"))

    async def scenario() -> None:
        h = await start_app(store, (360, 740), f"/visit/{visit_id}")
        assert h.page.rtl
        # flet's rtl=False only keeps the page's direction: the English words are isolated and set from the left
        english = h.find(ft.Text, value="\u2066Two gauges out of calibration\u2069")
        persian = h.find(ft.Text, value="ردیابی محموله در کمتر از یک ساعت")
        assert [t.text_align for t in english] == [ft.TextAlign.LEFT] and [t.rtl for t in persian] == [True]

    run(scenario())
    store.close()
