"""The needs' screens, renderer-free: the list and its filters, a need with its plant, ranked matches with their
reasons in the member's language and its answers, a plant's localization section, and actions by role."""

from __future__ import annotations

from pathlib import Path

import flet as ft
import pytest

from models.needs import Criticality, Need, NeedStatus
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, app_state, run
from tests.views.directory_world import MOBARAKEH_STEEL, SEPAHAN, SEPAHAN_NEED, directory_store
from views.app import make_main
from views.needs.state import NeedsState
from views.shell import i18n
from views.shell.directory_labels import quantity_words
from views.shell.i18n import Lang
from views.shell.windowed_list import WINDOW_ROWS


@pytest.fixture(scope="module")
def store(shared_data: Path) -> LocalStore:
    return directory_store(shared_data, suppliers=3000)


async def open_app(store: LocalStore, size: tuple[int, int], route: str) -> FletHarness:
    store.device.set_setting("language", "fa")  # a test that switched to English leaves the device in it
    harness = FletHarness(width=size[0], height=size[1])
    await harness.start(make_main(store), route=route)
    return harness


def needs_of(h: FletHarness) -> NeedsState:
    return app_state(h).part(NeedsState)


def need_rows(h: FletHarness) -> list[str]:
    return [c.data.split(":", 1)[1] for c in h.walk() if isinstance(c.data, str) and c.data.startswith("need:")]


def test_the_needs_list_is_a_window_open_and_critical_first(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, "/needs")
        state = needs_of(h)
        assert len(state.results) == len(store.needs) == 301
        assert 0 < len(need_rows(h)) <= WINDOW_ROWS
        first = state.results[0]
        assert first.criticality is Criticality.A and first.status is not NeedStatus.CLOSED
        assert h.find(data="demo")

    run(scenario())


def test_filters_by_status_criticality_and_plant_narrow_the_list(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, DESKTOP, "/needs")
        state = needs_of(h)
        await h.fire(h.by_data("need-status:published"), "select", True)
        await h.fire(h.by_data("criticality:A"), "select", True)
        state.set_filter(plants=frozenset({MOBARAKEH_STEEL}))
        await h.settle()
        found = state.results
        assert SEPAHAN_NEED in [n.id for n in found]
        assert all(n.status is NeedStatus.PUBLISHED and n.criticality is Criticality.A for n in found)
        assert all(n.plant_id == MOBARAKEH_STEEL for n in found)
        assert set(need_rows(h)) == {n.id for n in found}
        assert "منتشرشده" in state.filter_summary() and "حیاتی (A)" in state.filter_summary()

    run(scenario())


def test_a_need_shows_its_plant_matches_with_persian_reasons_and_its_answer(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, f"/need/{SEPAHAN_NEED}")
        texts = h.texts()
        assert "آجر منیزیا-کربن پاتیل" in texts and "حیاتی (A)" in texts
        assert f"{i18n.number(1450, 'fa')} تن در سال" in texts  # the quantity with its unit
        plant = h.by_data("need-plant")
        assert "فولاد مبارکه" in plant.content.value
        matches = needs_of(h).matches(needs_of(h).need(SEPAHAN_NEED))
        assert matches[0].supplier_id == SEPAHAN  # approved, certified, in Mobarakeh
        reasons = h.texts(h.find(data=f"match:{SEPAHAN}")[0])
        line = next(t for t in reasons if "تأیید شده برای نسوز" in t)
        assert "ISO 9001 معتبر" in line and "کیلومتر" in line
        assert len(h.find(data="match-reasons")) <= 20  # a window of matches, more on request
        answer = h.by_data(f"answer:{SEPAHAN}")
        assert "نمونه در سه ماه" in h.texts(answer) and "می‌توانیم بسازیم" in " ".join(h.texts(answer))
        await h.fire(plant)
        assert h.page.route == f"/plant/{MOBARAKEH_STEEL}"

    run(scenario())


def test_an_answers_supplier_name_takes_the_rows_room_and_wraps_instead_of_being_cut_on_a_phone(
    store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await open_app(store, (360, 740), f"/need/{SEPAHAN_NEED}")
        for data in (f"answer-supplier:{SEPAHAN}", "need-plant"):
            link = h.by_data(data, ft.TextButton)
            row = next(r for r in h.find(ft.Row) if link in r.controls)
            # the link itself expands (beside a spacer, a name longer than the row was cut to its first letter)
            assert link.expand and not [c for c in row.controls if isinstance(c, ft.Container) and c.expand], data
            assert isinstance(link.content, ft.Text) and (link.content.max_lines or 0) >= 2, data
            assert link.style.alignment == ft.Alignment.CENTER_RIGHT, data  # Persian: the name starts on the right

    run(scenario())


def test_reasons_follow_the_language(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, DESKTOP, f"/need/{SEPAHAN_NEED}")
        app_state(h).set_language("en")
        await h.settle()
        reasons = " ".join(h.texts(h.find(data=f"match:{SEPAHAN}")[0]))
        assert "approved for refractories until" in reasons and "ISO 9001 valid" in reasons and " km" in reasons

    run(scenario())


def test_a_plants_screen_lists_its_open_needs_and_qualified_suppliers_near_it(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, f"/plant/{MOBARAKEH_STEEL}")
        section = h.by_data("plant-localization")
        assert h.find(data=f"plant-need:{SEPAHAN_NEED}")
        refractories = h.by_data("near-category:consumables.refractories")
        assert refractories.content.startswith("نسوز (")
        await h.fire(refractories)
        assert h.page.route == f"/suppliers?category=consumables.refractories&near={MOBARAKEH_STEEL}"
        assert "تأمین‌کنندگان تأییدشدهٔ انجمن تا ۲۵۰ کیلومتری" in " ".join(h.texts(section))

    run(scenario())


GOL_GOHAR_MINE = "P100000128556"


def test_a_mines_screen_counts_its_needs_as_the_mines_not_a_plants(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, f"/mine/{GOL_GOHAR_MINE}")
        words = " ".join(h.texts(h.by_data("plant-localization")))
        assert "۰ نیاز باز در این معدن" in h.texts(h.by_data("plant-needs-count"))
        assert "کارخانه" not in words

    run(scenario())


def test_no_write_action_is_offered_to_a_reader(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, f"/need/{SEPAHAN_NEED}")  # nobody signed in
        assert not h.find(data="need-edit") and not h.find(data="answer-form")
        assert not [c for c in h.walk() if isinstance(c.data, str) and c.data.startswith(("move:", "reply:"))]
        listing = await open_app(store, PHONE, "/needs")
        assert not listing.find(data="need-raise")

    run(scenario())


def test_an_unknown_need_says_so(store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(store, PHONE, "/need/N404")
        assert h.find(data="need-missing")

    run(scenario())


def test_no_wrapping_row_on_these_screens_holds_an_expanding_child(store: LocalStore) -> None:
    """Flutter cannot expand a child of a wrapping row: it draws a grey error box the size of the screen."""

    async def scenario() -> None:
        routes = ["/needs", f"/need/{SEPAHAN_NEED}", f"/plant/{MOBARAKEH_STEEL}", "/suppliers", f"/supplier/{SEPAHAN}"]
        for size in (PHONE, DESKTOP):
            for route in routes:
                h = await open_app(store, size, route)
                for row in h.find(ft.Row):
                    if row.wrap:
                        assert not [c for c in row.controls if getattr(c, "expand", None)], (route, row.data)

    run(scenario())


#: A need with only what it must have (its quantity and unit are set per case).
NEED_BASE = {
    "id": "N1",
    "plant_id": "P100000120584",
    "producer_org": "E100000001959",
    "item_fa": "غلتک",
    "category": "mechanical.rolls",
}


def test_a_quantity_of_one_piece_is_singular_in_english_and_persian_figures_use_persian_separators() -> None:
    def words(qty: float, lang: Lang) -> str:
        return quantity_words(Need.model_validate({**NEED_BASE, "annual_qty": qty, "unit": "piece"}), lang)

    assert (words(1, "en"), words(4, "en"), words(1.5, "en")) == (
        "1 piece a year",
        "4 pieces a year",
        "1.5 pieces a year",
    )
    assert words(1450, "fa") == "۱\u066c۴۵۰ عدد در سال"  # Persian digits, the Arabic thousands separator, no comma
