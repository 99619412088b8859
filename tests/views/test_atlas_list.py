"""The atlas list screen: debounced search, filters, the windowed list, the desktop table, no-match state."""

from __future__ import annotations

import asyncio

import flet as ft
from flet.messaging.protocol import MessageAction

from models.collation import collation_key
from models.enums import Process
from sync.store import LocalStore
from tests.views.conftest import (
    DESKTOP,
    MOBARAKEH_STEEL,
    MOBARAKEH_STEEL_CO,
    PHONE,
    app_state,
    big_store,
    row_ids,
    run,
    start_app,
)
from views.atlas.asset_list import WINDOW_ROWS
from views.shell import i18n
from views.shell.theme import Size

ROW_LIMIT = 200  # what flet-notes.md says a list may hold before serialising it gets slow


def count_text(h) -> str:
    return h.by_data("result-count").value


def test_typing_a_persian_name_narrows_the_list_after_a_pause(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        assert count_text(h) == "۵۹ مورد"
        await h.type_into(h.by_data("search"), "مبارکه")
        await h.wait_for(lambda: count_text(h) != "۵۹ مورد")
        assert MOBARAKEH_STEEL in row_ids(h) and len(row_ids(h)) == len(app_state(h).results) < 59
        assert "فولاد مبارکه اصفهان" in h.texts()

    run(scenario())


def test_quick_keystrokes_give_one_search_not_one_each(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        state = app_state(h)
        before = state.results_version
        field = h.by_data("search")

        async def keystroke(text: str) -> None:
            h.session.apply_patch(field._i, {"value": text})
            await h.session.dispatch_event(field._i, "change", text)

        # as the web server runs them: each keystroke's event in its own task, the next one arriving meanwhile
        await asyncio.gather(keystroke("م"), keystroke("مب"), keystroke("مبا"))
        await h.settle()
        assert state.results_version == before + 1 and state.filter.text == "مبا"

    run(scenario())


def test_redrawing_the_list_never_sends_an_older_text_back_to_the_search_box(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        field = h.by_data("search")
        await h.type_into(field, "مبا")
        # the client is ahead: it has "مبارکه" while the handlers still work through earlier keystrokes
        h.session.apply_patch(field._i, {"value": "مبارکه"})
        h.conn.messages.clear()
        app_state(h).toggle_theme()  # any redraw of the screen
        await h.settle()
        sent = [str(body) for action, body in h.conn.messages if action == MessageAction.PATCH_CONTROL]
        assert not any("'مبا'" in patch for patch in sent)
        assert h.by_data("search").value == "مبارکه"

    run(scenario())


def test_clearing_the_search_empties_the_box_and_shows_everything(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        await h.type_into(h.by_data("search"), "Mobarakeh")
        await h.wait_for(lambda: count_text(h) != "۵۹ مورد")
        await h.fire(h.by_data("search-clear"))
        assert h.by_data("search").value == "" and count_text(h) == "۵۹ مورد"

    run(scenario())


def test_process_chip_filters_the_list(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas")  # filters always open on desktop
        await h.fire(h.by_data("process:eaf"), "select", "true")
        expected = {p.id for p in gem_store.plants.all() if Process.EAF in p.processes}
        assert set(row_ids(h)) == expected
        assert count_text(h) == f"{len(expected)} مورد".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        await h.fire(h.by_data("clear-filters"))
        assert len(row_ids(h)) == 59

    run(scenario())


def test_phone_folds_the_filters_away_until_asked(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        assert not h.find(data="process:eaf")
        await h.fire(h.by_data("toggle-filters"))
        assert h.find(data="process:eaf")

    run(scenario())


def test_province_picker_filters_by_province(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas")
        picker = h.by_data("province")
        assert "اصفهان" in " ".join(o.text for o in picker.options)  # Persian province names
        h.session.apply_patch(picker._i, {"value": "IR-10"})
        await h.fire(picker, "select", "IR-10")
        isfahan = {a.id for a in [*gem_store.plants.all(), *gem_store.mines.all()] if a.place.province == "IR-10"}
        assert set(row_ids(h)) == isfahan

    run(scenario())


def test_owner_picker_finds_owners_in_either_language_and_filters(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas")
        await h.fire(h.by_data("owner-picker"))
        assert h.page._dialogs.controls, "the picker opens as a dialog"
        await h.type_into(h.by_data("owner-search"), "مباركه")  # Arabic kaf
        await h.wait_for(lambda: bool(h.find(data=f"owner:{MOBARAKEH_STEEL_CO}")))
        await h.fire(h.by_data(f"owner:{MOBARAKEH_STEEL_CO}"), "change", "true")
        await h.fire(h.by_data("owner-picker-done"))
        owned = {
            a.id
            for a in [*gem_store.plants.all(), *gem_store.mines.all()]
            if any(o.gem_id == MOBARAKEH_STEEL_CO for o in (*a.owners, *a.parents))
        }
        assert set(row_ids(h)) == owned
        assert h.find(data=f"owner-chip:{MOBARAKEH_STEEL_CO}")

    run(scenario())


def test_nothing_matches_is_its_own_screen_not_the_empty_atlas(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        await h.type_into(h.by_data("search"), "qqqqqq")
        await h.wait_for(lambda: bool(h.find(data="no-matches")))
        assert not h.find(data="empty-state") and not row_ids(h)
        assert "با این جستجو هیچ کارخانه یا معدنی پیدا نشد" in h.texts()
        await h.fire(h.by_data("no-matches-clear"))
        assert len(row_ids(h)) == 59 and h.by_data("search").value == ""

    run(scenario())


def test_list_of_5000_plants_never_holds_more_than_200_rows(tmp_path) -> None:
    async def scenario() -> None:
        store = big_store(5000)
        h = await start_app(store, PHONE, route="/atlas")
        results = app_state(h).results
        assert len(results) == 5000
        assert len(row_ids(h)) == WINDOW_ROWS <= ROW_LIMIT
        assert row_ids(h)[0] == results[0].id

        list_view = h.by_data("asset-list", ft.ListView)
        for row in (2500, 4990, 1234, 0):  # scroll, jump with the scroll bar, back up
            await h.fire(list_view, "scroll", {"event_type": "update", "pixels": float(row * Size.LIST_ROW),
                                               "min_scroll_extent": 0.0, "max_scroll_extent": 5000.0 * Size.LIST_ROW,
                                               "viewport_dimension": 700.0})  # fmt: skip
            shown = row_ids(h)
            assert len(shown) <= ROW_LIMIT
            assert results[row].id in shown and results[min(row + 10, 4999)].id in shown
            spacers = [c.height for c in h.find(ft.Container) if c.data in ("spacer-before", "spacer-after")]
            # the spacers stand in for the rows not sent, so the scroll extent is the whole list's
            assert sum(spacers) + len(shown) * Size.LIST_ROW == 5000 * Size.LIST_ROW

    run(scenario())


def test_desktop_table_sorts_by_column(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas")
        await h.fire(h.by_data("kind:plant"), "select", "true")  # mines' ore tonnage is not steel
        await h.fire(h.by_data("sort:capacity"))
        state = app_state(h)
        biggest = state.results[0]
        assert row_ids(h)[0] == biggest.id == MOBARAKEH_STEEL  # 10 Mt/y of crude steel
        await h.fire(h.by_data("sort:capacity"))
        assert row_ids(h)[0] != MOBARAKEH_STEEL
        await h.fire(h.by_data("sort:province"))
        provinces = [a.place.province for a in state.results if a.place.province]
        assert provinces[0] != provinces[-1]

    run(scenario())


def test_tapping_a_row_opens_its_screen(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        await h.fire(h.by_data(f"open:{MOBARAKEH_STEEL}"))
        await h.settle()
        assert h.page.route == f"/plant/{MOBARAKEH_STEEL}" and h.find(data="plant-detail")

    run(scenario())


def test_on_a_phone_the_filters_open_in_a_sheet_that_says_how_many_results_and_goes_back(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, (360, 640), route="/atlas")
        await h.fire(h.by_data("toggle-filters"))
        sheet = h.page._dialogs.controls[-1]
        assert isinstance(sheet, ft.BottomSheet) and sheet.data == "filter-sheet"
        assert h.by_data("filter-sheet-body").scroll  # the sheet's body scrolls on its own
        assert h.by_data("show-results").content == "نمایش ۵۹ نتیجه"
        await h.fire(h.by_data("process:eaf"), "select", "true")
        eaf = sum(1 for p in gem_store.plants.all() if Process.EAF in p.processes)
        assert h.by_data("show-results").content == f"نمایش {i18n.number(eaf, 'fa')} نتیجه"
        await h.fire(h.by_data("show-results"))
        assert not any(isinstance(d, ft.BottomSheet) and d.open for d in h.page._dialogs.controls)
        assert (
            count_text(h) == f"{i18n.number(eaf, 'fa')} مورد" and h.by_data("toggle-filters").content == "فیلترها (۱)"
        )

    run(scenario())


def test_province_menu_is_in_persian_alphabetical_order(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas")
        names = [o.text.rsplit(" (", 1)[0] for o in h.by_data("province").options[1:]]
        assert names == sorted(names, key=collation_key)
        assert names.index("کرمان") < names.index("یزد")
        assert names.index("چهارمحال و بختیاری") < names.index("خراسان رضوی")

    run(scenario())
