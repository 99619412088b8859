"""The atlas map: a province tap filters the list and the balance, a marker tap opens the plant, markers
follow the list's filter, and the map keeps its geographic orientation in Persian."""

from __future__ import annotations

from pathlib import Path

import flet.canvas as cv
import pytest

from models.enums import Process
from models.geo import ProvinceShapes
from models.provinces import PROVINCES
from sync.geometry import load_province_shapes
from sync.store import LocalStore
from tests.views.conftest import DESKTOP, MOBARAKEH_STEEL, PHONE, app_state, row_ids, run, start_app
from views.map.canvas import LABEL_SIZE, LABEL_SIZE_WIDE, province_label_text
from views.map.geometry import (
    TAP_SLACK,
    Label,
    MapLayout,
    Marker,
    marker_at,
    markers_for,
    overlap,
    place_labels,
    text_width,
)

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "Vazirmatn-Variable.ttf"
PROVINCE_CODES = [p.code for p in PROVINCES]


def the_map(h) -> tuple[cv.Canvas, MapLayout]:
    canvas = h.find(cv.Canvas)[0]
    return canvas, canvas.data


def circle_centres(canvas: cv.Canvas) -> set[tuple[float, float]]:
    return {(c.x, c.y) for c in canvas.shapes if isinstance(c, cv.Circle)}


def free_point_in(shapes: ProvinceShapes, layout: MapLayout, markers: list[Marker], code: str) -> tuple[float, float]:
    """A pixel inside the province's drawn outline and clear of every marker: where a member taps the province."""
    x0, y0, x1, y1 = shapes[code].bbox
    steps = 40
    for i in range(1, steps):
        for j in range(1, steps):
            fx, fy = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * j / steps
            px, py = layout.to_widget(fx, fy)
            clear = all((px - m.x) ** 2 + (py - m.y) ** 2 > (m.radius + TAP_SLACK + 4) ** 2 for m in markers)
            if clear and shapes.province_at(fx, fy) == code:
                return px, py
    raise AssertionError(f"no free point in {code}")


async def tap(h, x: float, y: float) -> None:
    """What the client sends for a tap on the map: the position local to the gesture detector."""
    await h.fire(h.by_data("iran-map"), "tap_up", {"k": "touch", "l": {"x": x, "y": y}, "g": {"x": x, "y": y}})


def test_tapping_isfahan_filters_the_list_and_sets_the_balance_province(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        shapes = load_province_shapes()
        _, layout = the_map(h)
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        await tap(h, *free_point_in(shapes, layout, markers, "IR-10"))
        state = app_state(h)
        assert state.filter.provinces == {"IR-10"} and state.balance.province == "IR-10"
        assert h.by_data("map-chosen").value.startswith("اصفهان")
        await h.go("/atlas")
        isfahan = {a.id for a in [*gem_store.plants.all(), *gem_store.mines.all()] if a.place.province == "IR-10"}
        assert set(row_ids(h)) == isfahan and MOBARAKEH_STEEL in isfahan
        await h.go("/balance")
        assert h.by_data("balance-province").value == "IR-10"
        assert h.by_data("balance-where").value.startswith("اصفهان")

    run(scenario())


def test_a_tap_outside_iran_changes_nothing(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        _, layout = the_map(h)
        await tap(h, 1, layout.height - 1)  # the south-west corner: the Persian Gulf
        assert app_state(h).filter.provinces == frozenset() and h.page.route == "/atlas/map"

    run(scenario())


def test_tapping_a_marker_opens_its_plant(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas/map")
        shapes = load_province_shapes()
        _, layout = the_map(h)
        mobarakeh = next(a for a in gem_store.plants.all() if a.id == MOBARAKEH_STEEL)
        assert mobarakeh.place.point is not None
        x, y = layout.to_widget(*shapes.projection.to_frame(mobarakeh.place.point.lat, mobarakeh.place.point.lon))
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        hit = marker_at(markers, x, y)
        assert hit is not None
        await tap(h, x, y)
        assert h.page.route == f"/plant/{hit.asset_id}"
        if hit.asset_id == MOBARAKEH_STEEL:  # the usual case; a neighbour drawn over it would win the tap
            assert "فولاد مبارکه اصفهان" in h.texts()

    run(scenario())


def test_markers_follow_the_list_filter(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        shapes = load_province_shapes()
        canvas, layout = the_map(h)
        everything = [*gem_store.plants.all(), *gem_store.mines.all()]
        assert len(circle_centres(canvas)) <= len(everything)
        app_state(h).toggle_filter("processes", Process.DRI)
        await h.settle()
        canvas, layout = the_map(h)
        dri = [a for a in gem_store.plants.all() if any(c.process is Process.DRI for c in a.capacities)]
        expected = set()
        for asset in dri:
            point = asset.place.point
            assert point is not None
            x, y = layout.to_widget(*shapes.projection.to_frame(point.lat, point.lon))
            expected.add((round(x, 1), round(y, 1)))
        assert circle_centres(canvas) == expected
        assert sum(isinstance(c, cv.Circle) for c in canvas.shapes) == 2 * len(dri)  # a fill and a rim each
        assert not any(a.kind == "mine" for a in app_state(h).results)

    run(scenario())


def test_the_map_keeps_east_on_the_right_in_persian_and_fits_the_phone(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        assert app_state(h).rtl
        wrapper = h.by_data("iran-map-semantics")
        assert wrapper.rtl is False  # laid out left-to-right whatever the page's direction
        shapes = load_province_shapes()
        canvas, layout = the_map(h)
        west, east = layout.to_widget(*shapes["IR-12"].label), layout.to_widget(*shapes["IR-11"].label)
        assert west[0] < east[0]  # Kurdistan left of Sistan and Baluchestan
        assert canvas.width <= PHONE[0] - 2 * 16 and canvas.height < PHONE[1] / 2
        assert "react-iran-map" in h.by_data("map-attribution").value  # where the outlines come from

    run(scenario())


def test_list_and_map_switch_between_each_other(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas")
        await h.fire(h.by_data("atlas-view:/atlas/map"))  # a tap on the segment
        assert h.page.route == "/atlas/map" and h.find(cv.Canvas)

    run(scenario())


def test_a_narrow_desktop_window_puts_the_panel_under_a_map_that_fits(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, (760, 860), route="/atlas/map")
        canvas, _ = the_map(h)
        room = 760 - 97 - 2 * 16  # the rail, its divider, the screen's padding
        assert 420 <= canvas.width <= room  # under it, the panel: the map keeps a width one can tap on
        await h.resize(*DESKTOP)
        canvas, _ = the_map(h)
        assert canvas.height <= DESKTOP[1] - 96 and canvas.width < DESKTOP[0] - 97 - 360

    run(scenario())


def _names_on(canvas: cv.Canvas) -> dict[str, cv.Text]:
    return {s.key.split(":", 1)[1]: s for s in canvas.shapes if isinstance(s, cv.Text) and s.key.startswith("name:")}


def test_every_province_is_named_over_itself_and_clear_of_the_markers_on_a_desktop(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas/map")
        canvas, layout = the_map(h)
        shapes = load_province_shapes()
        names = _names_on(canvas)
        assert set(names) == set(shapes.codes) and len(names) == 31  # Tehran, Markazi, Semnan… all named
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        placed = place_labels(shapes, layout, markers, {c: names[c].value for c in names}, LABEL_SIZE_WIDE)
        for label in placed:
            x0, y0, x1, y1 = label.box
            assert shapes.province_at(*layout.to_frame(label.x, label.y)) == label.code, label.code
            assert not any(x0 < m.x < x1 and y0 < m.y < y1 for m in markers), label.code  # no «اص●هان»
            assert (names[label.code].x, names[label.code].y) == (label.x, label.y)
        assert not [(a.code, b.code) for i, a in enumerate(placed) for b in placed[i + 1 :] if overlap(a.box, b.box)]

    run(scenario())


def test_a_phone_map_names_provinces_without_any_two_names_crossing_each_over_its_own(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        canvas, layout = the_map(h)
        shapes = load_province_shapes()
        names = _names_on(canvas)
        assert names["IR-03"].value == "آذربایجان\nشرقی"  # two lines: half as wide
        assert "IR-23" in names and len(names) >= 20  # the capital always; most provinces named
        boxes = {
            code: Label(
                code,
                t.value,
                t.x,
                t.y,
                text_width(t.value, LABEL_SIZE) + 4,
                LABEL_SIZE * 1.4 * (t.value.count("\n") + 1),
            )
            for code, t in names.items()
        }
        crossing = [(a, b) for a in boxes for b in boxes if a < b and overlap(boxes[a].box, boxes[b].box)]
        assert not crossing  # a name that would cross another («اص●هان» under its neighbour's) is left off
        unnamed = sorted(set(shapes.codes) - set(names))
        assert unnamed  # 31 names do not fit clear of each other at 412 px
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        await tap(h, *free_point_in(shapes, layout, markers, unnamed[0]))  # a province left unnamed, chosen:
        assert unnamed[0] in _names_on(the_map(h)[0])  # now named, the name the member asked for first
        for code, text in names.items():
            x, y = text.x, text.y
            point = layout.to_widget(*shapes[code].label)
            under = shapes.province_at(*layout.to_frame(x, y))
            # over itself, or beside it (near its label point) where no other province is: a name over another
            # province names that one («لرستان» read as Ilam's name, «سمنان» over Razavi Khorasan)
            assert under == code or (under is None and abs(point[0] - x) < 40 and abs(point[1] - y) < 20), code

    run(scenario())


def _drawn_width(text: str, size: float) -> float:
    """What the browser draws: the name shaped by HarfBuzz in Vazirmatn, at the wider of the two weights the
    map uses, and the halo's stroke (3.5 px) around it."""
    hb = pytest.importorskip("uharfbuzz")  # a desktop dependency (pyproject.toml): absent on phones only
    face = hb.Face(FONT.read_bytes())
    font = hb.Font(face)
    widest = 0.0
    for weight in (500, 700):
        font.set_variations({"wght": weight})
        for line in text.split("\n"):
            buf = hb.Buffer()
            buf.add_str(line)
            buf.guess_segment_properties()
            hb.shape(font, buf, {})
            widest = max(widest, sum(p.x_advance for p in buf.glyph_positions) / face.upem * size)
    return widest + 3.5


def test_every_province_names_width_is_known_before_the_client_draws_it() -> None:
    """The names are placed on the server, where no text is laid out: a width guessed short let «لرستان» run
    off the map's edge on a 360 px phone. The font's own table must cover what the browser draws, and not by
    so much that names are left off a phone's map for want of room."""
    for code in PROVINCE_CODES:
        for lang in ("fa", "en"):
            for wide, size in ((False, LABEL_SIZE), (True, LABEL_SIZE_WIDE)):
                text = province_label_text(code, lang, wide)
                drawn, counted = _drawn_width(text, size), text_width(text, size) + 4
                assert drawn <= counted <= drawn * 1.08 + 1, (text, drawn, counted)


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("size", [(360, 740), PHONE])
def test_a_phone_maps_names_stay_inside_the_map_each_over_its_own_province(
    gem_store: LocalStore, lang: str, size: tuple[int, int]
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, size, route="/atlas/map")
        if lang == "en":
            await h.fire(h.by_data("toggle-language"))
        canvas, layout = the_map(h)
        shapes = load_province_shapes()
        names = _names_on(canvas)
        assert len(names) >= 18  # most provinces named even at 360 px
        for code, text in names.items():
            half = _drawn_width(text.value, text.style.size) / 2
            assert half <= text.x <= layout.width - half, (text.value, text.x)  # not cut at the map's edge
            assert shapes.province_at(*layout.to_frame(text.x, text.y)) in (code, None), text.value

    run(scenario())


def test_the_maps_one_reset_shows_the_whole_country_and_a_second_tap_unchooses_a_province(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        shapes = load_province_shapes()
        _, layout = the_map(h)
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        fars = free_point_in(shapes, layout, markers, "IR-07")
        await tap(h, *fars)
        assert app_state(h).filter.provinces == {"IR-07"}
        assert not h.find(data="map-all-provinces")  # one way back, not two
        await tap(h, *fars)  # the chosen province again: the whole country
        assert app_state(h).filter.provinces == frozenset()
        await tap(h, *fars)
        await h.fire(h.by_data("map-zoom-reset"))
        assert app_state(h).filter.provinces == frozenset()

    run(scenario())
