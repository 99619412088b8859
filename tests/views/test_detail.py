"""Plant and mine screens: figures with units and their source, names in both languages, favourites."""

from __future__ import annotations

import datetime as dt
import re

import flet as ft
import jdatetime

from models.quantity import Certainty
from sync.store import LocalStore
from tests.views.conftest import DESKTOP, MOBARAKEH_STEEL, PHONE, run, start_app
from views.shell import i18n

LATIN_DIGIT = re.compile(r"[0-9]")


def test_plant_screen_shows_capacities_with_units_and_the_source_line(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/plant/{MOBARAKEH_STEEL}")
        texts = h.texts()
        assert "فولاد مبارکه اصفهان" in texts and "Mobarakeh Steel Complex Isfahan" in texts  # both names
        # one unit for the whole table, said once over it: 7,610 kt/y of DRI is not written beside 10.0 Mt/y
        assert "ارقام به میلیون تن در سال" in texts
        assert "۱۰٫۰" in texts  # 10,000 kt/y of crude steel
        assert "۷٫۶" in texts  # DRI, 7,610 kt/y
        sources = [" ".join(h.texts(c)) for c in h.find(data="source-line")]
        assert sources and all(
            "Global Energy Monitor, Global Iron and Steel Tracker, September 2025 (V1) release" in s
            and "CC BY 4.0" in s
            and "شهریور ۱۴۰۴" in s
            for s in sources
        )
        # every amount is in Persian digits
        amounts = [t for t in texts if re.fullmatch(r"[۰-۹٫٬]+", t)]
        assert amounts and not any(LATIN_DIGIT.search(t) for t in amounts)

    run(scenario())


def test_plant_screen_in_english_on_desktop_uses_a_table(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.device.set_setting("language", "en")
        h = await start_app(gem_store, DESKTOP, route=f"/plant/{MOBARAKEH_STEEL}")
        texts = h.texts()
        assert h.page.rtl is False
        assert "Mobarakeh Steel Complex Isfahan" in texts and "فولاد مبارکه اصفهان" in texts
        assert "Figures in Mt/y" in texts and "10.0" in texts and "7.6" in texts and "7.2" in texts
        assert [c for c in h.walk(h.by_data("capacity-table")) if _is_capacity_row(c)]  # the desktop grid
        assert any("as of September 2025" in " ".join(h.texts(c)) for c in h.find(data="source-line"))

    run(scenario())


def _is_capacity_row(control: object) -> bool:
    data = getattr(control, "data", None)
    return isinstance(data, str) and data.startswith("capacity-row:")


def test_persian_desktop_capacity_table_spans_the_card_with_values_on_one_line(gem_store: LocalStore) -> None:
    """Every column takes its share of the card's width (none sized to its content) and no value wraps; a phone
    keeps the stacked blocks."""

    async def scenario() -> None:
        gem_store.device.set_setting("language", "fa")
        h = await start_app(gem_store, DESKTOP, route=f"/plant/{MOBARAKEH_STEEL}")
        table = h.by_data("capacity-table")
        assert table.horizontal_alignment == ft.CrossAxisAlignment.STRETCH
        rows = [c for c in h.walk(table) if _is_capacity_row(c)]
        assert len(rows) >= 3
        for row in rows:
            cells = row.content.controls
            assert cells and all(cell.expand for cell in cells)
            values = [cell.content for cell in cells[1:]]
            assert all(value.no_wrap for value in values)
        texts = h.texts(table)
        assert "۱۰٫۰" in texts and "۷٫۶" in texts
        phone = await start_app(gem_store, PHONE, route=f"/plant/{MOBARAKEH_STEEL}")
        assert phone.find(data="capacity-table") and not [c for c in phone.walk() if _is_capacity_row(c)]

    run(scenario())


def test_positive_but_unknown_amount_is_words_never_a_number(gem_store: LocalStore) -> None:
    plant = next(
        p
        for p in gem_store.plants.all()
        if any(c.amount_ktpa.certainty is Certainty.POSITIVE_UNKNOWN for c in p.capacities)
    )

    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/plant/{plant.id}")
        assert "بیش از صفر، مقدار نامعلوم" in h.texts()
        assert not any(t in ("۰ هزار تن در سال", "0 kt/y") for t in h.texts())

    run(scenario())


def test_mine_screen_shows_design_capacity_reserves_and_resources(gem_store: LocalStore) -> None:
    mine = next(m for m in gem_store.mines.all() if m.reserves_kt.is_known)

    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/mine/{mine.id}")
        texts = h.texts()
        assert mine.name_en in texts
        assert "در حال بهره‌برداری" in texts
        assert any(t.endswith("هزار تن در سال") or t.endswith("میلیون تن در سال") for t in texts)  # design capacity
        assert any(t.endswith(" هزار تن") or t.endswith(" میلیون تن") for t in texts)  # reserves, in kt or Mt
        assert any(
            "Global Iron Ore Mines Tracker, November 2024 (V1)" in " ".join(h.texts(c))
            for c in h.find(data="source-line")
        )

    run(scenario())


def plain(texts: list[str]) -> list[str]:
    """Texts without the direction isolates that keep English runs left-to-right inside Persian."""
    return [re.sub("[\u2066-\u2069]", "", t) for t in texts]


GOL_GOHAR_MINE = "P100000128556"
ARFA = "P100000120597"  # GEM names its largest parent "Chadelmu Mining and Industrial Co" under an id of its own


def test_mine_screen_names_the_mine_and_its_town_in_persian_with_the_english_beside(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/mine/{GOL_GOHAR_MINE}")
        texts = plain(h.texts())
        assert "معدن سنگ آهن گل‌گهر" in texts and "Gol Gohar Mine" in texts
        assert "سیرجان، کرمان" in texts  # the place line under the name, not "Sirjan، کرمان"
        assert "سیرجان (Sirjan)" in texts
        assert "شرکت معدنی و صنعتی گل‌گهر" in texts

    run(scenario())


def test_mine_screen_in_english_gives_the_towns_persian_name_beside(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.device.set_setting("language", "en")
        h = await start_app(gem_store, PHONE, route=f"/mine/{GOL_GOHAR_MINE}")
        texts = plain(h.texts())
        assert "Sirjan, Kerman" in texts and "Sirjan (سیرجان)" in texts

    run(scenario())


def test_an_owner_the_names_table_merged_says_how_gem_wrote_it(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/plant/{ARFA}")
        texts = plain(h.texts())
        assert "شرکت معدنی و صنعتی چادرملو" in texts
        assert "در GEM: Chadelmu Mining and Industrial Co, E100001016281" in texts

    run(scenario())


def test_favourite_toggle_is_kept_in_the_store_and_shown_at_home(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("favourite"))
        records = gem_store.user.records("favourites")
        assert [r.id for r in records] == [f"plant:{MOBARAKEH_STEEL}"]
        assert records[0].data is not None and records[0].data["asset_id"] == MOBARAKEH_STEEL
        await h.go("/")
        assert h.find(data=f"favourite:{MOBARAKEH_STEEL}")
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("favourite"))
        assert gem_store.user.records("favourites") == []

    run(scenario())


def test_unknown_asset_says_so_instead_of_a_blank_screen(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/plant/P999")
        assert h.find(data="asset-missing")
        assert any("P999" in t for t in h.texts())

    run(scenario())


def test_back_goes_to_the_list_with_the_search_kept(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        await h.type_into(h.by_data("search"), "Mobarakeh")
        await h.wait_for(lambda: h.by_data("result-count").value == "۴ مورد")
        await h.fire(h.by_data(f"open:{MOBARAKEH_STEEL}"))
        await h.settle()
        await h.fire(h.by_data("back"))
        await h.settle()
        assert h.page.route == "/atlas" and h.by_data("result-count").value == "۴ مورد"
        assert h.by_data("search").value == "Mobarakeh"

    run(scenario())


def test_a_persian_screen_says_gems_fixed_words_in_persian_and_dates_jalali_first(gem_store: LocalStore) -> None:
    plant = next(p for p in gem_store.plants.all() if p.state_owned == "Full" and p.started and p.product_categories)

    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route=f"/plant/{plant.id}")
        texts = plain(h.texts())
        assert "تمام دولتی" in texts and "Full" not in texts  # not «مالکیت دولتی: Full»
        assert not any(word in " ".join(texts) for word in ("semi-finished", "finished rolled", "automotive"))
        year = plant.started.year
        jalali = jdatetime.date.fromgregorian(date=dt.date(year, 1, 1)).year
        started = i18n.partial_date(plant.started, "fa")
        assert started.startswith(i18n.digits(str(jalali), "fa")) and i18n.digits(str(year), "fa") in started

    run(scenario())
