"""Zoom and pan for the atlas map: pinch, mouse wheel and drag on the map itself; a button back to the whole country.

The map is an InteractiveViewer's child: taps reach the map's own gesture detector in the canvas's own
pixels at any zoom (Flutter maps the pointer through the viewer's transform), so hit-testing a province
or a marker needs no change. No "+"/"−" buttons: flet's ``zoom()`` scales about the content's corner, and
keeping the view's centre would need the current transform, which the client never reports — a button
that jumped to the north-west would be worse than none. The button sits over the Persian Gulf, the
map's emptiest corner, and is the map's one way back: to the whole country, unzoomed and (``on_reset``)
with no province chosen.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.shell import i18n
from views.shell.buttons import icon_button
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone

#: Enough to tell apart the plants of one city; markers grow with the map, so more would only blur them.
MAX_SCALE = 4.0


@ft.component
def ZoomableMap(
    content: ft.Control, width: float, height: float, lang: Lang, on_reset: Callable[[], None] | None = None
) -> ft.Control:
    viewer = ft.use_ref(None)  # the viewer of the latest draw: flet keeps its client-side id across draws

    async def reset() -> None:
        await viewer.current.reset()
        if on_reset is not None:
            on_reset()

    drawn = ft.InteractiveViewer(
        content=content,
        width=width,
        height=height,
        min_scale=1.0,
        max_scale=MAX_SCALE,
        boundary_margin=ft.Margin.all(0),  # the country never leaves the frame
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
        data="map-zoom",
    )
    viewer.current = drawn
    whole = ft.Container(
        content=icon_button(
            ft.Icons.ZOOM_OUT_MAP, i18n.t("map_zoom_reset", lang), on_click=reset, data="map-zoom-reset"
        ),
        bgcolor=Tone.CARD,
        border=ft.Border.all(1, Tone.OUTLINE),
        border_radius=Size.RADIUS,
        left=Space.XS,
        bottom=Space.XS,
    )
    return ft.Stack([drawn, whole], width=width, height=height, data="map-zoom-stack")
