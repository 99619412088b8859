"""The supplier directory and a supplier's screen, renderer-free: a window of rows however many suppliers, search
and facets, the demo mark, Jalali validity, contacts through the device's launcher, favourites, the way in from
a plant's screen, and who is signed in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flet as ft
import pytest

from models.suppliers import QualificationState
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, app_state, run
from tests.views.directory_world import (
    MOBARAKEH_STEEL,
    MOBARAKEH_STEEL_CO,
    NEXT_MONTH,
    NEXT_YEAR,
    SEPAHAN,
    YESTERDAY,
    directory_store,
    sign_in_as,
)
from views.app import make_main
from views.shell import i18n
from views.shell.session import SMALL_DIRECTORY
from views.shell.theme import Size
from views.shell.windowed_list import WINDOW_ROWS
from views.suppliers.rows import NAME_MIN, TABLE_CHROME, WIDTHS, table_columns
from views.suppliers.state import SuppliersState


@pytest.fixture(scope="module")
def store(shared_data: Path) -> LocalStore:
    return directory_store(shared_data, suppliers=3000)


async def open_app(store: LocalStore, size: tuple[int, int], route: str) -> tuple[FletHarness, list[Any]]:
    store.device.set_setting("language", "fa")  # a test that switched to English leaves the device in it
    launched: list[Any] = []
    harness = FletHarness({"launch_url": lambda args: launched.append(args["url"])}, width=size[0], height=size[1])
    await harness.start(make_main(store), route=route)
    return harness, launched


def suppliers_of(h: FletHarness) -> SuppliersState:
    return app_state(h).part(SuppliersState)


def rows(h: FletHarness) -> list[str]:
    return [c.data.split(":", 1)[1] for c in h.walk() if isinstance(c.data, str) and c.data.startswith("supplier:")]


def test_the_directory_sends_a_window_of_rows_however_many_suppliers(store: LocalStore) -> None:
    async def scenario() -> None:
        for size in (PHONE, DESKTOP):
            h, _ = await open_app(store, size, "/suppliers")
            assert len(suppliers_of(h).results) == 3001
            assert 0 < len(rows(h)) <= WINDOW_ROWS
            assert i18n.number(3001, "fa") + " تأمین‌کننده" in h.texts(h.by_data("suppliers-count"))
            assert h.find(data="demo")  # the demo suppliers carry the mark in the list

    run(scenario())


def test_a_new_search_fills_the_same_rows_and_a_scrolled_list_goes_back_to_its_top(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, "/suppliers")
        listing = h.by_data("supplier-list", ft.ListView)
        first_row = next(c for c in h.walk() if isinstance(c.data, str) and c.data.startswith("supplier:"))
        before = rows(h)
        await h.type_into(h.by_data("supplier-search"), "نسوز")
        await h.wait_for(lambda: rows(h) != before)
        # the same list and the same first row, holding another supplier: a keystroke changes texts in place
        # rather than removing a window of rows and adding another (docs/performance.md)
        assert h.by_data("supplier-list", ft.ListView)._i == listing._i
        now_first = next(c for c in h.walk() if isinstance(c.data, str) and c.data.startswith("supplier:"))
        assert now_first._i == first_row._i and now_first.data != first_row.data
        assert _scroll_offsets(h) == []  # at the top: nothing to do

        scrolled_to = 40 * Size.LIST_ROW
        extent = 3000.0 * Size.LIST_ROW
        await h.fire(listing, "scroll", {"event_type": "update", "pixels": float(scrolled_to), "min_scroll_extent": 0.0,
                                         "max_scroll_extent": extent, "viewport_dimension": 700.0})  # fmt: skip
        assert h.find(data="spacer-before")  # the window moved down with the scroll
        await h.type_into(h.by_data("supplier-search"), "")
        await h.wait_for(lambda: not h.find(data="spacer-before"))  # new results start from their first row
        await h.wait_for(lambda: 0 in _scroll_offsets(h))  # and the client's list is told to go there

    run(scenario())


def _scroll_offsets(h: FletHarness) -> list[Any]:
    return [(args or {}).get("offset") for name, args in h.conn.invocations if name == "scroll_to"]


def test_searching_in_persian_with_arabic_letters_finds_the_supplier(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, "/suppliers")
        await h.type_into(h.by_data("supplier-search"), "صنايع نسوز سپاهان")  # Arabic yeh
        await h.wait_for(lambda: rows(h)[:1] == [SEPAHAN])
        assert "صنایع نسوز سپاهان" in h.texts()

    run(scenario())


def test_facets_narrow_the_list_and_say_so_in_the_export_summary(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, DESKTOP, "/suppliers")
        state = suppliers_of(h)
        await h.fire(h.by_data("category:consumables.refractories"), "select", True)
        state.set_filter(provinces=frozenset({"IR-10"}))
        await h.fire(h.by_data("scheme:ISO 9001"), "select", True)
        await h.settle()
        found = state.results
        assert found and SEPAHAN in [s.id for s in found]
        index = app_state(h).directory.suppliers
        for s in found:
            assert s.province == "IR-10" and "ISO 9001" in index.valid_schemes(s.id)
            assert any(c.startswith("consumables.refractories") for c in s.categories)
        assert set(rows(h)) <= {s.id for s in found}
        summary = state.filter_summary()
        assert "نسوز" in summary and "اصفهان" in summary and "ISO 9001" in summary

    run(scenario())


def test_a_link_from_a_plant_narrows_to_the_category_nearest_to_the_plant_first(store: LocalStore) -> None:
    async def scenario() -> None:
        route = f"/suppliers?category=consumables.refractories&near={MOBARAKEH_STEEL}"
        h, _ = await open_app(store, PHONE, route)
        await h.wait_for(lambda: suppliers_of(h).near == MOBARAKEH_STEEL)
        state = suppliers_of(h)
        distances = [state.distance(s) for s in state.results]
        known = [d for d in distances if d is not None]
        assert known == sorted(known) and rows(h)[0] == state.results[0].id
        sepahan = next(s for s in state.results if s.id == SEPAHAN)
        assert (state.distance(sepahan) or 999) < 30  # in Mobarakeh itself
        assert any("کیلومتر" in t for t in h.texts())
        assert "فولاد مبارکه" in " ".join(h.texts(h.by_data("suppliers-near")))

    run(scenario())


def test_the_supplier_screen_shows_standing_validity_in_jalali_sources_and_no_demo_mark(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, f"/supplier/{SEPAHAN}")
        texts = h.texts()
        assert "صنایع نسوز سپاهان" in texts and "Sepahan Refractory Industries" in texts
        assert not h.find(data="demo")  # a register supplier: no demo mark
        valid = i18n.date(NEXT_YEAR, "fa", with_gregorian=True)
        assert f"معتبر تا {valid}" in texts
        assert f"رو به انقضا: تا {i18n.date(NEXT_MONTH, 'fa', with_gregorian=True)}" in texts
        assert f"منقضی از {i18n.date(YESTERDAY, 'fa', with_gregorian=True)}" in texts
        assert any(t.startswith("تأیید شده — نسوز") for t in texts)
        assert any("منبع: تأییدشده در بازدید" in t for t in texts)  # the standing came from a visit
        issued = " ".join(h.texts(h.by_data("certificate:ISO 9001")))
        assert "TÜV · Q\u20111" in issued  # the number never split at its hyphen across two lines
        standing = " ".join(h.texts(h.by_data("standing:consumables.refractories")))
        since = i18n.date(YESTERDAY, "fa", with_gregorian=True)  # both ends in both calendars, Jalali first
        assert f"از {since} · تا {i18n.date(NEXT_YEAR, 'fa', with_gregorian=True)}" in standing
        assert "منبع: اظهار خود تأمین‌کننده" in texts  # capabilities: self-declared
        assert h.find(data=f"near-plant:{MOBARAKEH_STEEL}")  # the plants it is near
        assert h.find(data="fits-need:N2031")  # the needs it fits
        assert h.find(data="notes")  # the member's notes, as for plants

    run(scenario())


def test_contacts_open_the_dialer_mail_and_browser_through_the_launcher(store: LocalStore) -> None:
    async def scenario() -> None:
        h, launched = await open_app(store, PHONE, f"/supplier/{SEPAHAN}")
        await h.fire(h.by_data("contact-call"))
        await h.fire(h.by_data("contact-email"))
        await h.fire(h.by_data("contact-website"))
        await h.settle()
        assert launched == [
            "tel:+983152450000",
            "mailto:sales@sepahan-refractory.example",
            "https://sepahan-refractory.example",
        ]

    run(scenario())


def test_a_demo_supplier_says_it_is_made_up(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, DESKTOP, "/supplier/S-DEMO-000001")
        assert h.find(data="demo")
        assert "این تأمین‌کننده ساختگی است (دادهٔ نمایشی): نام، شماره‌های تلفن و نشانی‌هایش واقعی نیستند." in h.texts()

    run(scenario())


def test_a_favourite_supplier_is_kept_as_the_members_own_record(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, f"/supplier/{SEPAHAN}")
        await h.fire(h.by_data("favourite"))
        record = store.user.record("favourites", f"supplier:{SEPAHAN}")
        assert record is not None and record.data is not None
        assert record.data["kind"] == "supplier" and record.data["asset_id"] == SEPAHAN
        assert [s.id for s in suppliers_of(h).favourite_suppliers()] == [SEPAHAN]
        await h.fire(h.by_data("favourite"))
        record = store.user.record("favourites", f"supplier:{SEPAHAN}")
        assert record is None or record.deleted

    run(scenario())


def test_an_unknown_supplier_says_so_instead_of_an_empty_screen(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, "/supplier/S99999")
        assert h.find(data="supplier-missing")

    run(scenario())


def test_no_directory_yet_is_its_own_screen_with_the_way_to_sign_in() -> None:
    async def scenario() -> None:
        h, _ = await open_app(LocalStore.in_memory(), PHONE, "/suppliers")
        assert h.find(data="suppliers-empty") and h.find(data="suppliers-sign-in")

    run(scenario())


def test_the_header_says_who_is_signed_in_as_what_and_for_whom(shared_data: Path) -> None:
    async def scenario() -> None:
        store = directory_store(shared_data, suppliers=10)
        sign_in_as(store, "sara", "member", MOBARAKEH_STEEL_CO)
        h, _ = await open_app(store, DESKTOP, "/suppliers")
        who = app_state(h).who
        assert who is not None and who.org_fa == "شرکت فولاد مبارکه اصفهان"
        line = h.by_data("who").content.value
        assert "sara" in line and "عضو" in line and "شرکت فولاد مبارکه اصفهان" in line
        app_state(h).set_language("en")
        await h.settle()
        assert "Member" in h.by_data("who").content.value
        phone, _ = await open_app(store, PHONE, "/suppliers")
        assert "عضو" in phone.by_data("who").tooltip or "Member" in phone.by_data("who").tooltip

    run(scenario())


def test_standing_order_puts_approved_suppliers_first(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, DESKTOP, "/suppliers")
        state = suppliers_of(h)
        await h.fire(h.by_data("sort:standing"))
        index = app_state(h).directory.suppliers
        standings = [index.best_standing(s.id) for s in state.results[:50]]
        assert standings[0] is QualificationState.APPROVED
        assert h.find(data="suppliers-table-header")

    run(scenario())


def test_a_column_title_wider_than_its_column_wraps_inside_it_instead_of_running_to_the_windows_edge(
    store: LocalStore,
) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, (1280, 800), "/suppliers")
        app_state(h).set_language("en")
        await h.settle()
        header = h.by_data("suppliers-table-header", ft.Container)
        for cell in header.content.controls[1:]:  # the fixed-width columns ("Association's standing" is one)
            title = cell.content.controls[0]
            assert cell.width and not cell.content.tight, cell.data  # the title's row takes the column's width
            assert title.expand and (title.max_lines or 0) >= 2 and title.overflow, cell.data

    run(scenario())


def test_about_says_what_is_demo_and_what_is_real(store: LocalStore) -> None:
    async def scenario() -> None:
        h, _ = await open_app(store, PHONE, "/about")
        texts = " ".join(h.texts(h.by_data("about-demo")))
        demo_suppliers = i18n.number(3000, "fa")
        assert f"{demo_suppliers} نمایشی، ۱ از ثبت انجمن" in texts  # 3,000 demo, Sepahan from the register
        assert "نیاز واقعی آن کارخانه‌ها نیستند" in texts
        assert "Global Energy Monitor" in texts

    run(scenario())


def test_a_big_directory_says_it_is_loading_then_shows_the_list(shared_data: Path) -> None:
    async def scenario() -> None:
        big = directory_store(shared_data, suppliers=SMALL_DIRECTORY + 100, indexed=False)
        h, _ = await open_app(big, PHONE, "/")
        await h.go("/suppliers")
        assert h.find(data="suppliers-loading")  # drawn at once, saying the index is on its way
        await h.wait_for(lambda: bool(rows(h)), timeout=120)  # and the list replaces it when ready
        assert not h.find(data="suppliers-loading")

    run(scenario())


def test_the_desktop_table_drops_columns_before_it_cuts_the_supplier_name(store: LocalStore) -> None:
    """At 1280 px the rail, the facets and five columns left a company name 240 px: cut mid-word. The name keeps
    at least NAME_MIN; the certificates column (on the supplier's screen anyway) goes first; titles match cells."""

    async def scenario() -> None:
        for width, dropped in ((1366, set()), (1280, {"certificates"}), (1100, {"certificates", "type"})):
            h, _ = await open_app(store, (width, 860), "/suppliers")
            await h.wait_for(lambda h=h: bool(rows(h)))
            columns = table_columns(suppliers_of(h))
            assert {"type", "place", "standing", "certificates"} - set(columns) == dropped
            assert width - TABLE_CHROME - sum(WIDTHS[c] + 12 for c in columns) >= NAME_MIN
            titles = [c.data for c in h.walk(h.by_data("suppliers-table-header")) if str(c.data).startswith("sort:")]
            assert len(titles) == 1 + len(columns)

    run(scenario())
