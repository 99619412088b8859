"""Zooming the atlas map: the map sits in one InteractiveViewer that outlives redraws (so a province tap keeps
the zoom), taps still pick by the canvas's own pixels, and "whole country" resets that same viewer."""

from __future__ import annotations

import flet as ft
from flet.messaging.protocol import MessageAction

from sync.geometry import load_province_shapes
from sync.store import LocalStore
from tests.views.conftest import DESKTOP, PHONE, app_state, run, start_app
from tests.views.test_map_view import free_point_in, tap, the_map
from views.map.geometry import markers_for
from views.map.zoom import MAX_SCALE


def viewer(h) -> ft.InteractiveViewer:
    return h.by_data("map-zoom", ft.InteractiveViewer)


def invoked(h, name: str) -> list[int]:
    """The controls a client-side method ``name`` was called on."""
    return [body["control_id"] for action, body in h.conn.messages
            if action == MessageAction.INVOKE_METHOD and body["name"] == name]  # fmt: skip


def test_the_map_zooms_inside_a_viewer_that_survives_a_province_tap_and_resets_to_the_country(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/atlas/map")
        first = viewer(h)
        canvas, layout = the_map(h)
        assert first.min_scale == 1.0 and first.max_scale == MAX_SCALE and first.scale_enabled and first.pan_enabled
        assert (first.width, first.height) == (layout.width, layout.height)  # the viewer frames the canvas exactly
        assert canvas in h.find(root=first)

        shapes = load_province_shapes()
        markers, _ = markers_for(app_state(h).results, shapes, layout)
        # the client reports a tap in the canvas's own pixels whatever the zoom: this point is in Fars at any zoom
        await tap(h, *free_point_in(shapes, layout, markers, "IR-07"))
        assert app_state(h).filter.provinces == {"IR-07"}
        assert viewer(h)._i == first._i  # the same viewer on the client: its zoom and pan are kept

        await h.fire(h.by_data("map-zoom-reset"))
        assert invoked(h, "reset") == [first._i]

    run(scenario())


def test_the_desktop_map_zooms_too_and_the_panel_says_how(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP, route="/atlas/map")
        assert viewer(h) and h.find(data="map-zoom-reset")
        assert "با دو انگشت یا چرخ ماوس بزرگ‌نمایی کنید و با کشیدن جابه‌جا شوید." in h.texts()

    run(scenario())
