"""The small map on plant and mine screens: the site's marker ringed in its shaded province; a tap opens the
atlas map on that province, whatever search led there."""

from __future__ import annotations

import flet.canvas as cv

from models.atlas import Place
from sync.geometry import load_province_shapes
from sync.store import LocalStore
from tests.factories import TEST_SOURCE, make_plant
from tests.views.conftest import DESKTOP, MOBARAKEH_STEEL, PHONE, app_state, run, start_app
from views.atlas.site_map import MAX_WIDTH
from views.map.canvas import HIGHLIGHT_GAP
from views.map.geometry import MapLayout
from views.shell.theme import Palette


def site_canvas(h) -> tuple[cv.Canvas, MapLayout]:
    canvas = h.find(cv.Canvas, root=h.by_data("site-map"))[0]
    return canvas, canvas.data


def shape(canvas: cv.Canvas, key: str) -> cv.Shape:
    return next(s for s in canvas.shapes if s.key == key)


def test_plant_screen_shows_the_plant_ringed_in_its_shaded_province_and_a_tap_opens_the_map_there(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        state = app_state(h)
        state.search("مبارکه")  # how the member found it: the map must not keep this search
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        canvas, layout = site_canvas(h)
        plant = state.asset(MOBARAKEH_STEEL)
        assert plant is not None and plant.place.point is not None and plant.place.province == "IR-10"

        marker = shape(canvas, f"marker:{MOBARAKEH_STEEL}")
        ring = shape(canvas, f"highlight:{MOBARAKEH_STEEL}")
        shapes = load_province_shapes()
        expected = layout.to_widget(*shapes.projection.to_frame(plant.place.point.lat, plant.place.point.lon))
        assert abs(marker.x - expected[0]) < 0.2 and abs(marker.y - expected[1]) < 0.2
        assert (ring.x, ring.y) == (marker.x, marker.y) and ring.radius == marker.radius + HIGHLIGHT_GAP
        assert shapes.province_at(*layout.to_frame(marker.x, marker.y)) == "IR-10"  # inside its province
        assert shape(canvas, "land:IR-10").paint.color == Palette.CHOSEN
        assert shape(canvas, "land:IR-23").paint.color == Palette.LAND
        assert [s for s in canvas.shapes if isinstance(s, cv.Circle) and s.key.startswith("marker:")] == [marker]
        assert 300 < layout.width <= MAX_WIDTH  # the phone's card width, inside the card
        assert h.by_data("site-map-accuracy").value in ("مکان دقیق (مختصات منبع)", "مکان تقریبی (مختصات منبع)")

        await h.fire(h.by_data("site-map"))
        assert h.page.route == "/atlas/map"
        assert state.filter.provinces == {"IR-10"} and state.filter.text == ""
        isfahan = {a.id for a in [*gem_store.plants.all(), *gem_store.mines.all()] if a.place.province == "IR-10"}
        assert {a.id for a in state.results} == isfahan
        assert h.by_data("map-chosen").value.startswith("اصفهان")

    run(scenario())


def test_mine_screen_has_its_map_too_and_the_link_beside_it_opens_the_same(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        mine = next(m for m in gem_store.mines.all() if m.place.point is not None and m.place.province)
        h = await start_app(gem_store, DESKTOP, route=f"/mine/{mine.id}")
        state = app_state(h)
        state.set_language("en")
        await h.settle()
        canvas, layout = site_canvas(h)
        assert shape(canvas, f"highlight:{mine.id}") is not None
        assert layout.width == MAX_WIDTH  # half a desktop row is wider: the map keeps its size
        await h.fire(h.by_data("site-map-open"))
        assert h.page.route == "/atlas/map" and state.filter.provinces == {mine.place.province}

    run(scenario())


def test_no_coordinates_shades_the_province_and_says_so_and_no_province_shows_no_map() -> None:
    async def scenario() -> None:
        store = LocalStore.in_memory()
        in_fars = make_plant(1, name_en="Nowhere Steel", place=Place(province="IR-07"))
        unplaced = make_plant(2, name_en="Unplaced Steel", place=Place())
        store.replace_reference({"plants": [in_fars, unplaced], "sources": [TEST_SOURCE]}, origin="test")
        h = await start_app(store, PHONE, route=f"/plant/{in_fars.id}")
        canvas, _ = site_canvas(h)
        assert not [s for s in canvas.shapes if isinstance(s, cv.Circle)]
        assert shape(canvas, "land:IR-07").paint.color == Palette.CHOSEN
        assert h.by_data("site-map-accuracy").value == "مختصات نامعلوم؛ فقط استان فارس مشخص شده است"
        await h.go(f"/plant/{unplaced.id}")
        assert not h.find(data="site-map") and h.find(data="plant-detail")

    run(scenario())
