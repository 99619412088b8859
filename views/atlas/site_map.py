"""A site on a small map of Iran: its province shaded, its marker ringed; a tap opens the atlas map there."""

from __future__ import annotations

import flet as ft
import flet.canvas as cv

from models.atlas import Asset, CoordinateAccuracy
from views.atlas.context import use_atlas
from views.atlas.state import AtlasState
from views.map.canvas import map_shapes
from views.map.geometry import MapLayout, height_for, markers_for
from views.map.outlines import province_shapes
from views.shell import i18n, labels, paths
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone, Type

#: Big enough to find the province at a glance, small enough to stay a part of the location card.
MAX_WIDTH = 360.0
MIN_WIDTH = 200.0
#: ResponsiveRow's "lg" breakpoint: from this row width on, the location card is half the row (facts.HALF).
HALF_FROM = 992
#: The card's padding and border on both sides, and a few pixels to spare (a wider canvas would overflow it).
CARD_INSET = 2 * Space.L + 2 + 4


def site_map_width(state: AtlasState) -> float:
    """The map's width inside the location card, from the window's width (the canvas needs it in pixels)."""
    row = state.width - 2 * Space.L - (0 if state.is_phone else Size.RAIL_WIDTH + 1)
    column = (row - Space.M) / 2 if row >= HALF_FROM else row
    return max(MIN_WIDTH, min(MAX_WIDTH, column - CARD_INSET))


def accuracy_words(asset: Asset, province: str, lang: Lang) -> str:
    point = asset.place.point
    if point is None:
        return i18n.t("site_map_no_point", lang, province=province)
    accuracy = point.accuracy if point.accuracy in CoordinateAccuracy else CoordinateAccuracy.UNKNOWN
    return i18n.t(f"site_map_{accuracy.value}", lang)


@ft.component
def SiteMap(asset: Asset) -> ft.Control:
    """Nothing at all when the source names no province the outlines know: a blank map would say nothing."""
    state = use_atlas()
    shapes = province_shapes(state.report)
    code = asset.place.province
    if shapes is None or code is None or code not in {p.code for p in shapes}:
        return ft.Container(visible=False)
    lang = state.lang
    province = labels.province_name(code, lang) or code
    width = site_map_width(state)
    height = height_for(shapes, width)
    layout = MapLayout.fit(shapes, width, height)
    markers, _ = markers_for([asset], shapes, layout)
    # no names on it: at this size they would crowd the marker, and the caption names the province
    drawn = map_shapes(shapes, layout, markers, code, lang, named=False, highlight=asset.id)
    canvas = cv.Canvas(shapes=drawn, width=width, height=height)
    canvas.data = layout  # tests find the marker's pixel through it

    def open_map() -> None:
        state.show_province(code)
        paths.go(paths.ATLAS_MAP)

    semantics = i18n.t("site_map_semantics", lang, name=labels.display_name(asset, lang), province=province)
    return ft.Column(
        [
            ft.Row(
                [
                    ft.Semantics(
                        label=semantics,
                        button=True,
                        container=True,
                        # a map is not mirrored in Persian: east stays on the right (the canvas is drawn as is)
                        content=ft.Container(canvas, on_click=open_map, border_radius=Size.RADIUS_S, data="site-map"),
                    )
                ],
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            ft.Row(
                [
                    ft.Icon(ft.Icons.PLACE_OUTLINED, size=Size.ICON_S, color=Tone.MUTED),
                    ft.Text(
                        accuracy_words(asset, province, lang),
                        style=Type.CAPTION,
                        color=Tone.MUTED,
                        expand=True,
                        data="site-map-accuracy",
                    ),
                ],
                spacing=Space.XS,
            ),
            ft.TextButton(
                content=i18n.t("site_map_open", lang, province=province),
                icon=ft.Icons.MAP_OUTLINED,
                on_click=open_map,
                data="site-map-open",
            ),
        ],
        spacing=Space.XS,
        tight=True,
        data="site-map-part",
    )
