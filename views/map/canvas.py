"""The drawn map of Iran: province outlines and plant/mine markers on a canvas, and taps on them.

A flet canvas rather than flet_map: with no tiles a slippy map brings nothing but a Web Mercator warp of
an outline fitted in its own frame, while a canvas draws the asset's frame as it is, on a scale this
module chooses — so a tap's position maps back to a province or a marker exactly (``MapLayout``). The
canvas keeps its geographic orientation in Persian: its box is laid out left-to-right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import flet as ft
import flet.canvas as cv

from models.atlas import Asset
from models.geo import ProvinceShape, ProvinceShapes
from views.map.geometry import (
    MapLayout,
    Marker,
    marker_at,
    markers_for,
    province_at,
    widget_rings,
)
from views.shell import i18n, labels
from views.shell.i18n import Lang
from views.shell.theme import FONT_FAMILY, Palette, Tone

LABEL_SIZE = 10
#: Names of every province with a marker from this map width on (a phone shows only the chosen one's).
LABELS_FROM_WIDTH = 560
#: The ring around a highlighted marker (the site on its own screen's map): its gap to the marker and its width.
HIGHLIGHT_GAP, HIGHLIGHT_STROKE = 4.0, 2.0


def _path(rings: Sequence[Sequence[tuple[float, float]]], paint: ft.Paint, key: str) -> cv.Path:
    elements: list[cv.Path.PathElement] = []
    for ring in rings:
        elements.append(cv.Path.MoveTo(*ring[0]))
        elements += [cv.Path.LineTo(x, y) for x, y in ring[1:]]
        elements.append(cv.Path.Close())
    return cv.Path(elements=elements, paint=paint, key=key)


def _names(provinces: Sequence[ProvinceShape], layout: MapLayout, lang: Lang) -> list[cv.Shape]:
    """Province names at their label points, each on a halo in the surface colour (readable over borders
    and markers). A canvas does not take the theme's font: it is named, else Persian comes out as boxes."""
    halo = ft.Paint(color=Palette.MARKER_EDGE, style=ft.PaintingStyle.STROKE, stroke_width=3)
    styles = (
        ("halo", ft.TextStyle(size=LABEL_SIZE, foreground=halo, font_family=FONT_FAMILY)),
        ("name", ft.TextStyle(size=LABEL_SIZE, color=Tone.TEXT, font_family=FONT_FAMILY)),
    )
    drawn: list[cv.Shape] = []
    for province in provinces:
        x, y = layout.to_widget(*province.label)
        name = labels.province_name(province.code, lang) or province.name_en
        for part, style in styles:
            drawn.append(
                cv.Text(x=x, y=y, value=name, alignment=ft.Alignment.CENTER, style=style, key=f"{part}:{province.code}")
            )
    return drawn


def map_shapes(
    shapes: ProvinceShapes,
    layout: MapLayout,
    markers: list[Marker],
    named: set[str],
    chosen: str | None,
    lang: Lang,
    fills: Mapping[str, str] | None = None,
    *,
    name_chosen: bool = True,
    highlight: str | None = None,
) -> list[cv.Shape]:
    """Every shape with a stable key, and each province a path of its own whose points never change between
    redraws: choosing a province then changes one paint, and a filter adds or drops whole markers. (A
    single path for all the land, whose points shift when a province leaves it, came out garbled on the
    client after a few such diffs.)"""
    rings = widget_rings(shapes, layout)
    drawn: list[cv.Shape] = []
    for code, province in rings.items():
        if fills is not None:  # a province map: each province in its figure's colour, the chosen one named
            colour = fills.get(code, Palette.LAND)
        else:
            colour = Palette.CHOSEN if code == chosen else Palette.LAND
        drawn.append(_path(province, ft.Paint(color=colour, style=ft.PaintingStyle.FILL), f"land:{code}"))
    every = [r for province in rings.values() for r in province]
    border = ft.Paint(color=Palette.BORDER, style=ft.PaintingStyle.STROKE, stroke_width=0.8)
    drawn.append(_path(every, border, "borders"))
    names = [p for p in shapes if p.code != chosen and layout.width >= LABELS_FROM_WIDTH and p.code in named]
    drawn += _names(names, layout, lang)  # under the markers: a name must not hide a plant
    for marker in markers:
        fill = ft.Paint(color=Palette.PROCESS[marker.group], style=ft.PaintingStyle.FILL)
        rim = ft.Paint(color=Palette.MARKER_EDGE, style=ft.PaintingStyle.STROKE, stroke_width=1.2)
        drawn.append(cv.Circle(marker.x, marker.y, marker.radius, fill, key=f"marker:{marker.asset_id}"))
        drawn.append(cv.Circle(marker.x, marker.y, marker.radius, rim, key=f"rim:{marker.asset_id}"))
        if marker.asset_id == highlight:  # a ring in the text colour: "this one", in either theme
            ring = ft.Paint(color=Tone.TEXT, style=ft.PaintingStyle.STROKE, stroke_width=HIGHLIGHT_STROKE)
            radius = marker.radius + HIGHLIGHT_GAP
            drawn.append(cv.Circle(marker.x, marker.y, radius, ring, key=f"highlight:{marker.asset_id}"))
    if chosen is not None and name_chosen:  # over them: the one name the member asked for
        drawn += _names([shapes[chosen]], layout, lang)
    return drawn


@ft.component
def IranMap(
    shapes: ProvinceShapes,
    assets: Sequence[Asset],
    width: float,
    height: float,
    chosen: str | None,
    lang: Lang,
    on_province: Callable[[str], None],
    on_asset: Callable[[str], None] | None = None,
    *,
    fills: Mapping[str, str] | None = None,
    label: str | None = None,
    tag: str = "iran-map",
) -> ft.Control:
    """The map at ``width × height`` pixels; a tap on a marker opens its asset, elsewhere picks a province.

    With ``fills`` (province code → colour) and no assets it is a province map: a figure per province.
    """
    layout = MapLayout.fit(shapes, width, height)
    markers, _ = markers_for(assets, shapes, layout)
    named = {a.place.province for a in assets if a.place.province}

    def on_tap(e: ft.TapEvent) -> None:
        position = e.local_position
        if position is None:
            return
        hit = marker_at(markers, position.x, position.y)
        if hit is not None and on_asset is not None:
            on_asset(hit.asset_id)
            return
        code = province_at(shapes, layout, position.x, position.y)
        if code is not None:
            on_province(code)

    drawn = map_shapes(shapes, layout, markers, named, chosen, lang, fills)
    canvas = cv.Canvas(shapes=drawn, width=width, height=height)
    canvas.data = layout  # tests map a province to the pixel a member would tap through it
    count = i18n.number(len(assets), lang)
    return ft.Semantics(
        label=label or i18n.t("map_semantics", lang, count=count),
        container=True,
        content=ft.GestureDetector(
            content=canvas,
            on_tap_up=on_tap,
            mouse_cursor=ft.MouseCursor.CLICK,
            # a semantic "button" over the map would turn a click anywhere into a tap at its centre (Flutter
            # web taps a semantics node in the middle); the label above says what it is, the list is the
            # accessible way to the same places
            exclude_from_semantics=True,
            data=tag,
        ),
        rtl=False,  # a map is not mirrored in Persian: east stays on the right
        data=f"{tag}-semantics",
    )
