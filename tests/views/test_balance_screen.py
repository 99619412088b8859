"""The Balance screen on the real GEM data: figures in words and bars, scenarios, provinces, ratios, what-ifs."""

from __future__ import annotations

import flet as ft
import flet.canvas as cv
import pytest

from models.balance import DEFAULT_RATIOS, Scenario, Stage, WhatIfUnit, chain_balance
from models.enums import Process
from sync.geometry import load_province_shapes
from sync.store import LocalStore
from tests.views.conftest import DESKTOP, PHONE, app_state, run, start_app
from views.session import AppState
from views.shell import i18n, units
from views.shell.theme import Palette
from views.shell.units import Scale


def assets(store: LocalStore) -> list:
    return [*store.plants.all(), *store.mines.all()]


def text_of(h, data: str) -> str:
    return h.by_data(data).value


def figure(value_kt: float, lang: i18n.Lang) -> str:
    """How the screen writes a bar's or a gap's tonnage: the bare figure in the screen's one unit, Mt/y with a
    decimal (the stages' values reach millions of tonnes); the stage's sentence says the unit."""
    return units.figure(value_kt, Scale.MT, lang)


def amount(value_kt: float, lang: i18n.Lang) -> str:
    """How a sentence writes it: with its unit."""
    return units.amount(value_kt, Scale.MT, lang)


async def choose(h, data: str, value: str) -> None:
    control = h.by_data(data)
    h.session.apply_patch(control._i, {"value": value})  # what the client does before it reports the choice
    await h.fire(control, "select", value)


async def choose_segment(h, data: str, value: str) -> None:
    """A tap on one segment of a choice (views/shell/buttons.segments)."""
    await h.fire(h.by_data(f"{data}:{value}"))


def test_pellet_deficit_for_operating_dri_in_persian_then_english(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        assert text_of(h, "line:pellet") == "گندله: ۱۲٫۰ میلیون تن در سال کمبود برای آهن اسفنجی فعال"
        assert text_of(h, "gap:pellet") == "کمبود ۱۲٫۰"  # the sentence above it says the unit
        await h.fire(h.by_data("toggle-language"))
        assert text_of(h, "line:pellet") == "Pellet: 12.0 Mt/y short for operating DRI"
        assert text_of(h, "supply:pellet-value") == "52.1" and text_of(h, "need:pellet-value") == "64.1"

    run(scenario())


def test_every_figure_is_in_one_unit_said_by_its_stage_and_in_persian_digits(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        values = [c.value for c in h.find(ft.Text) if isinstance(c.data, str) and c.data.endswith("-value")]
        assert len(values) == 12
        for value in values:  # bare figures in Mt/y, with a decimal: "۵۲٫۱", never "۹٬۱۰۰" beside "۱۱٫۰"
            assert value == "بدون داده" or ("٫" in value and "٬" not in value), value
            assert not any(ch.isascii() and ch.isdigit() for ch in value), value
        lines = [c.value for c in h.find(ft.Text) if isinstance(c.data, str) and c.data.startswith("line:")]
        assert all("میلیون تن در سال" in line for line in lines if "داده" not in line and "نه عرضه" not in line)

    run(scenario())


def test_construction_scenario_shows_what_chain_balance_computes(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        await choose_segment(h, "scenario", "construction")
        expected = chain_balance(assets(gem_store), Scenario.CONSTRUCTION).stages[Stage.PELLET]
        assert expected.balance_ktpa is not None and expected.balance_ktpa < 0
        short = amount(-expected.balance_ktpa, "fa")
        assert text_of(h, "line:pellet") == f"گندله: {short} کمبود برای آهن اسفنجی فعال و در دست ساخت"
        assert text_of(h, "need:pellet-value") == figure(expected.requirement_ktpa or 0, "fa")
        assert app_state(h).balance.scenario is Scenario.CONSTRUCTION

    run(scenario())


def test_province_picker_narrows_the_figures_and_the_atlas_filter(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/balance")
        picker = h.by_data("balance-province")
        assert "اصفهان" in [o.text for o in picker.options]
        await choose(h, "balance-province", "IR-10")
        isfahan = chain_balance(assets(gem_store), province="IR-10").stages
        assert text_of(h, "supply:pellet-value") == figure(isfahan[Stage.PELLET].supply_ktpa or 0, "fa")
        assert text_of(h, "supply:dri-value") == figure(isfahan[Stage.DRI].supply_ktpa or 0, "fa")
        assert text_of(h, "balance-where").startswith("اصفهان")
        assert app_state(h).filter.provinces == {"IR-10"}  # the list and the map show the same province
        await choose(h, "balance-province", "national")
        assert text_of(h, "supply:pellet-value") == "۵۲٫۱"

    run(scenario())


def test_concentrate_is_no_data_never_zero_and_crude_steel_need_too(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        assert text_of(h, "supply:concentrate-value") == "بدون داده"
        assert text_of(h, "gap:concentrate") == "بدون داده"
        assert text_of(h, "need:crude_steel-value") == "بدون داده"
        assert "صفر" not in text_of(h, "line:concentrate") and "۰ " not in text_of(h, "line:concentrate")
        notes = " ".join(c.value for c in h.find(ft.Text, data="note:concentrate"))
        assert "GEM کارخانه‌های کنسانتره را پوشش نمی‌دهد" in notes
        # the ore need is passed through the missing concentrate stage, and the screen says so
        assert any("نیاز سنگ آهن چنان حساب شده" in c.value for c in h.find(ft.Text, data="note:iron_ore"))

    run(scenario())


def test_status_unknown_supply_and_unknown_amounts_are_shown_per_stage(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/balance")
        await h.fire(h.by_data("toggle-language"))
        notes = " ".join(c.value for c in h.find(ft.Text, data="note:pellet"))
        assert "52.1 Mt/y of this supply has no status in the source" in notes
        pellet = chain_balance(assets(gem_store)).stages[Stage.PELLET].supply
        assert f"No amount in the source, not in the sum ({pellet.amount_unknown}): Ahya Steel" in notes

    run(scenario())


def test_editing_a_ratio_moves_the_need_keeps_it_in_range_and_reset_restores_it(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/balance")
        dri = chain_balance(assets(gem_store)).stages[Stage.DRI].supply_ktpa or 0
        for _ in range(8):  # 1.45 up by 0.01 steps: the button stops at the range's end, 1.50
            button = h.by_data("ratio-up:pellet_per_dri")
            if button.disabled:
                break
            await h.fire(button)
        assert h.by_data("ratio-up:pellet_per_dri").disabled and not h.by_data("ratio-down:pellet_per_dri").disabled
        assert text_of(h, "need:pellet-value") == figure(dri * 1.5, "fa")
        assert text_of(h, "ratio-value:pellet_per_dri") == "۱٫۵۰"
        assert app_state(h).balance.set_ratio("pellet_per_dri", 9.0) == 1.5  # beyond the range: kept at its end
        await h.fire(h.by_data("ratios-reset"))
        assert app_state(h).balance.ratios == DEFAULT_RATIOS
        assert text_of(h, "need:pellet-value") == figure(dri * 1.45, "fa")

    run(scenario())


def test_adding_and_removing_a_what_if_unit_moves_the_upstream_bars(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/balance")
        base = chain_balance(assets(gem_store)).stages
        await choose(h, "whatif-process", "dri")
        # in the balance's own unit (Mt/y, its label says so), in Persian digits, as a member types them
        assert h.by_data("whatif-capacity").label == "ظرفیت (میلیون تن در سال)"
        await h.type_into(h.by_data("whatif-capacity"), "۲")
        await h.fire(h.by_data("whatif-add"))
        balance = app_state(h).balance
        assert [w.unit for w in balance.what_ifs] == [WhatIfUnit(Process.DRI, 2000.0, None)]
        with_unit = chain_balance(assets(gem_store), what_ifs=[WhatIfUnit(Process.DRI, 2000.0)]).stages
        assert with_unit[Stage.PELLET].requirement_ktpa == pytest.approx(
            (base[Stage.PELLET].requirement_ktpa or 0) + 2000 * 1.45
        )
        assert text_of(h, "need:pellet-value") == figure(with_unit[Stage.PELLET].requirement_ktpa or 0, "fa")
        assert text_of(h, "need:iron_ore-value") == figure(with_unit[Stage.IRON_ORE].requirement_ktpa or 0, "fa")
        assert text_of(h, "supply:dri-value") == figure(with_unit[Stage.DRI].supply_ktpa or 0, "fa")
        await h.fire(h.by_data(f"whatif-remove:{balance.what_ifs[0].id}"))
        assert balance.what_ifs == ()
        assert text_of(h, "need:pellet-value") == figure(base[Stage.PELLET].requirement_ktpa or 0, "fa")

    run(scenario())


def test_a_capacity_that_is_not_a_number_is_refused_and_kept_in_the_box(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        await h.type_into(h.by_data("whatif-capacity"), "زیاد")
        await h.fire(h.by_data("whatif-add"))
        assert app_state(h).balance.what_ifs == ()
        field = h.by_data("whatif-capacity")
        assert field.value == "زیاد" and field.error == "عددی غیرصفر تا ۱۰۰ بنویسید، مثلاً ۲٫۵ یا \u2066−۰٫۸\u2069."

    run(scenario())


def test_tapping_a_stage_lists_its_provinces_shortest_first_and_a_province_applies(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        await choose_segment(h, "scenario", "construction")
        await h.fire(h.by_data("stage:pellet"))
        rows = [
            c.data.split(":", 1)[1] for c in h.walk() if isinstance(c.data, str) and c.data.startswith("province-row:")
        ]
        by_province = {
            code: chain_balance(assets(gem_store), Scenario.CONSTRUCTION, province=code).stages[Stage.PELLET]
            for code in rows
        }
        gaps = [by_province[code].balance_ktpa for code in rows]
        assert gaps == sorted(gaps) and gaps[0] < 0  # the shortest province first
        await h.fire(h.by_data(f"province-row:{rows[0]}"))
        state = app_state(h)
        assert state.balance.province == rows[0] and state.filter.provinces == {rows[0]}
        assert text_of(h, "supply:pellet-value") == figure(by_province[rows[0]].supply_ktpa or 0, "fa")

    run(scenario())


def test_assumptions_are_kept_for_the_next_session(gem_store: LocalStore) -> None:
    first = AppState.open(gem_store)
    first.balance.set_scenario("announced")
    first.balance.set_ratio("dri_share_of_eaf_charge", 0.7)
    first.balance.add_what_if(Process.PELLET, -800, "IR-10")
    second = AppState.open(gem_store).balance
    assert second.scenario is Scenario.ANNOUNCED
    assert second.ratios.dri_share_of_eaf_charge == 0.7
    assert [w.unit for w in second.what_ifs] == [WhatIfUnit(Process.PELLET, -800.0, "IR-10")]


def test_home_card_names_the_biggest_deficit_and_surplus_and_opens_the_balance(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/")
        chain = chain_balance(assets(gem_store))
        deficit, surplus = chain.biggest_deficit(), chain.biggest_surplus()
        assert deficit is not None and surplus is not None
        deficit_line = h.by_data("home_balance_deficit-line").value
        assert deficit_line.startswith(i18n.t(f"stage_{deficit.stage.value}", "fa"))
        assert amount(-(deficit.balance_ktpa or 0), "fa") in deficit_line and "کمبود" in deficit_line
        assert amount(surplus.balance_ktpa or 0, "fa") in h.by_data("home_balance_surplus-line").value
        await h.fire(h.by_data("home-balance"))
        assert h.page.route == "/balance"

    run(scenario())


def test_odd_saved_assumptions_fall_back_to_defaults(gem_store: LocalStore) -> None:
    gem_store.device.set_setting("balance_scenario", "someday")
    gem_store.device.set_setting("balance_ratios", {"pellet_per_dri": 7.0, "ore_per_hot_metal": "lots"})
    gem_store.device.set_setting("balance_what_ifs", [{"process": "unobtainium", "ktpa": 5}, "junk"])
    balance = AppState.open(gem_store).balance
    assert balance.scenario is Scenario.OPERATING
    assert balance.ratios == DEFAULT_RATIOS.with_changes(pellet_per_dri=1.5)  # kept within its range
    assert balance.what_ifs == ()


def test_the_provinces_of_a_stage_are_also_a_map_coloured_by_gap_and_a_tap_applies(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        await h.fire(h.by_data("stage-provinces:pellet"))
        canvas = next(c for c in h.find(cv.Canvas))
        layout, shapes = canvas.data, load_province_shapes()
        deficits = [code for code, f in app_state(h).balance.provinces_for(Stage.PELLET) if (f.balance_ktpa or 0) < 0]
        fills = {s.key: s.paint.color for s in canvas.shapes if isinstance(s.key, str) and s.key.startswith("land:")}
        assert all(Palette.DEFICIT in fills[f"land:{code}"] for code in deficits)
        x, y = layout.to_widget(*shapes["IR-08"].label)  # Kerman, where pellet is short
        await h.fire(h.by_data("stage-map"), "tap_up", {"k": "touch", "l": {"x": x, "y": y}, "g": {"x": x, "y": y}})
        assert app_state(h).balance.province == "IR-08"
        assert text_of(h, "balance-where").startswith("کرمان")

    run(scenario())


async def type_ratio(h, name: str, text: str, event: str = "submit") -> None:
    """Type into a ratio's field, then press Enter (or leave it)."""
    field = h.by_data(f"ratio-value:{name}")
    h.session.apply_patch(field._i, {"value": text})  # what the client does as the member types
    await h.fire(field, event)


def test_a_ratio_is_typed_in_persian_digits_and_kept_within_its_range(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        balance = app_state(h).balance
        await type_ratio(h, "ore_per_concentrate", "۱٫۶۱")  # typed at once, not 14 taps of +
        assert balance.ratios.ore_per_concentrate == 1.61
        assert (
            h.by_data("ratio-value:ore_per_concentrate").value == "۱٫۶۱"
            and not h.by_data("ratio-value:ore_per_concentrate").error
        )
        await type_ratio(h, "pellet_per_dri", "9")
        assert balance.ratios.pellet_per_dri == 1.5  # beyond the published range: kept at its end, and said so
        assert h.by_data("ratio-value:pellet_per_dri").error == "به بازهٔ مجاز برگردانده شد: ۱٫۵۰"
        await type_ratio(h, "pellet_per_dri", "زیاد", event="blur")
        assert balance.ratios.pellet_per_dri == 1.5 and h.by_data("ratio-value:pellet_per_dri").error == "عدد بنویسید"

    run(scenario())


def _above_the_what_ifs(h) -> list[str]:
    """What the balance shows above the what-if form, as (kind, data) of each of its top-level items."""
    items = h.by_data("balance").controls
    return [f"{type(c).__name__}:{c.data}" for c in items]


def test_adding_a_what_if_moves_nothing_above_the_form_and_says_plainly_it_is_not_the_default(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/balance")
        assert text_of(h, "assumptions") == "توازن پیش‌فرض: ضریب‌های منتشرشده، بدون واحد فرضی"
        before = _above_the_what_ifs(h)
        await choose(h, "whatif-process", "dri")
        await h.type_into(h.by_data("whatif-capacity"), "2")
        await h.fire(h.by_data("whatif-add"))
        assert _above_the_what_ifs(h) == before  # the page keeps its items: the form stays where it was
        assert text_of(h, "assumptions") == "توازن پیش‌فرض نیست: ۱ واحد فرضی"
        await type_ratio(h, "pellet_per_dri", "1.5")
        assert text_of(h, "assumptions") == "توازن پیش‌فرض نیست: ۱ واحد فرضی، ۱ ضریب تغییریافته"
        await h.fire(h.by_data("toggle-language"))
        assert text_of(h, "assumptions") == "Not the default balance: 1 what-if unit, 1 changed ratio"
        await h.fire(h.by_data("assumptions-reset"))
        balance = app_state(h).balance
        assert balance.is_default and balance.what_ifs == () and balance.ratios == DEFAULT_RATIOS
        assert text_of(h, "assumptions") == "The default balance: published ratios, no what-if units"
        assert AppState.open(gem_store).balance.is_default  # the next session starts from the default too

    run(scenario())
