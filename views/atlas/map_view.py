"""The atlas on a map of Iran: the list's filtered plants and mines as markers; a province tap filters by it."""

from __future__ import annotations

import flet as ft

from models.geo import ProvinceShapes
from views.atlas.context import use_atlas
from views.atlas.empty_state import EmptyStateView
from views.atlas.filters import FilterBar
from views.atlas.state import AtlasState
from views.atlas.view_switch import view_switch
from views.map.canvas import IranMap
from views.map.geometry import DOWNSTREAM_FIRST, height_for, main_group
from views.map.legend import attribution, group_legend
from views.map.outlines import province_shapes
from views.map.zoom import ZoomableMap
from views.shell import i18n, labels, paths
from views.shell.facts import caption
from views.shell.theme import Size, Space, Tone, Type

#: Width of the side panel beside the map on desktop (filters, legend, the chosen province).
PANEL_WIDTH = 360
#: What the app's header takes above the screen, with room to spare (a taller header scrolls, never clips).
CHROME_HEIGHT = 96
MIN_WIDTH = 240.0
#: Narrower than this beside the panel, the map is too small to tap: the panel goes under it instead.
MIN_BESIDE = 420.0
LEGEND_ORDER = (*reversed(DOWNSTREAM_FIRST[:-1]), "other")  # upstream first, as the chain reads


def map_size(state: AtlasState, shapes: ProvinceShapes, page_height: float) -> tuple[float, float, bool]:
    """The map's pixels, and whether the panel goes under it: beside it when the map keeps a useful width
    there (within the page's height), else under it at the content's full width (phones, narrow windows)."""
    content = state.width - 2 * Space.L - (0 if state.is_phone else Size.RAIL_WIDTH + 1)
    aspect = height_for(shapes, 1000.0) / 1000.0
    beside = min(content - PANEL_WIDTH - Space.L, (page_height - CHROME_HEIGHT - 2 * Space.L) / aspect)
    stacked = state.is_phone or beside < MIN_BESIDE
    width = max(content if stacked else beside, MIN_WIDTH)
    return width, height_for(shapes, width), stacked


def _chosen_row(state: AtlasState, chosen: str) -> ft.Control:
    lang = state.lang
    words = i18n.t(
        "map_chosen", lang, province=labels.place_name(chosen, lang), count=i18n.number(len(state.results), lang)
    )
    return ft.Column(
        [
            ft.Text(words, style=Type.BODY_STRONG, color=Tone.TEXT, data="map-chosen"),
            ft.Row(
                [
                    ft.TextButton(
                        content=state.t("map_open_list"), icon=ft.Icons.LIST, on_click=lambda: paths.go(paths.ATLAS)
                    ),
                    ft.TextButton(
                        content=state.t("map_open_balance"),
                        icon=ft.Icons.BALANCE,
                        on_click=lambda: paths.go(paths.BALANCE),
                        data="map-open-balance",
                    ),
                ],
                wrap=True,
                spacing=0,
            ),
        ],
        spacing=0,
        tight=True,
    )


@ft.component
def MapView() -> ft.Control:
    state = use_atlas()
    if not state.has_data:
        return EmptyStateView()
    lang = state.lang
    shapes = province_shapes(state.report)
    results = state.results
    chosen = state.province

    def open_asset(asset_id: str) -> None:
        asset = state.asset(asset_id)
        if asset is not None:
            paths.go(paths.asset_path(asset))

    def choose(code: str) -> None:
        # the list and the balance follow: they share the filter; the chosen province again is all of Iran
        state.set_province(None if code == chosen else code)

    unplaced = sum(1 for a in results if a.place.point is None)
    groups = {main_group(a) for a in results if a.place.point is not None}
    panel: list[ft.Control] = [
        view_switch(paths.ATLAS_MAP, lang),
        FilterBar(),
        ft.Text(labels.count_text("result_count", len(results), lang), style=Type.LABEL, color=Tone.MUTED),
    ]
    if chosen is not None:
        panel.append(_chosen_row(state, chosen))
    panel += [group_legend([g for g in LEGEND_ORDER if g in groups], lang), caption(state.t("map_legend_size"))]
    if unplaced:
        panel.append(caption(state.t("map_not_placed", count=i18n.number(unplaced, lang))))
    panel += [caption(state.t("map_hint")), caption(state.t("map_zoom_hint")), attribution(lang)]

    stacked = state.is_phone
    if shapes is None:
        drawn: ft.Control = ft.Text(state.t("map_unavailable"), style=Type.BODY, color=Tone.MUTED)
    else:
        width, height, stacked = map_size(state, shapes, ft.context.page.height or 860)
        the_map = IranMap(shapes, results, width, height, chosen, lang, choose, open_asset)
        # its one reset: the whole country, unzoomed, no province chosen
        drawn = ZoomableMap(the_map, width, height, lang, on_reset=lambda: state.set_province(None))
    if stacked:
        # the switch and the filters first, then the map, then what explains it
        body = [*panel[:3], drawn, *panel[3:]]
        return ft.ListView(body, padding=Space.L, spacing=Space.S, expand=True, data="atlas-map")
    return ft.ListView(
        [
            ft.Row(
                [drawn, ft.Column(panel, width=PANEL_WIDTH, spacing=Space.S)],
                spacing=Space.L,
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        ],
        padding=Space.L,
        expand=True,
        data="atlas-map",
    )
