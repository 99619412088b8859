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
from models.geo import ProvinceShapes
from views.map.geometry import (
    Label,
    MapLayout,
    Marker,
    label_rank,
    marker_at,
    marker_weights,
    markers_for,
    place_labels,
    province_at,
    widget_rings,
)
from views.shell import i18n, labels
from views.shell.i18n import Lang
from views.shell.theme import FONT_FAMILY, Palette, Tone

#: Province names' size: a phone's map is ~380 px wide, a desktop's 700 or more.
LABEL_SIZE, LABEL_SIZE_WIDE = 11.0, 12.0
WIDE_FROM = 560
#: The shorter name of a province whose full name is too long for a phone's map (the full one is in the list).
SHORT_NAMES: dict[str, tuple[str, str]] = {
    "IR-14": ("چهارمحال", "Chaharmahal"),
    "IR-17": ("کهگیلویه", "Kohgiluyeh"),
}
#: The ring around a highlighted marker (the site on its own screen's map): its gap to the marker and its width.
HIGHLIGHT_GAP, HIGHLIGHT_STROKE = 4.0, 2.0


def _path(rings: Sequence[Sequence[tuple[float, float]]], paint: ft.Paint, key: str) -> cv.Path:
    elements: list[cv.Path.PathElement] = []
    for ring in rings:
        elements.append(cv.Path.MoveTo(*ring[0]))
        elements += [cv.Path.LineTo(x, y) for x, y in ring[1:]]
        elements.append(cv.Path.Close())
    return cv.Path(elements=elements, paint=paint, key=key)


def province_label_text(code: str, lang: Lang, wide: bool) -> str:
    """The name drawn on the map: on a phone's map a shorter one for the longest, and a name of two words or
    more on two lines (half as wide: the north-west's small provinces then each keep their name over them)."""
    short = SHORT_NAMES.get(code)
    if short is not None and not wide:
        return short[0] if lang == "fa" else short[1]
    name = labels.province_name(code, lang) or code
    words = name.split(" ")
    if wide or len(words) < 2:
        return name
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def _names(labels_: Sequence[Label], size: float, *, strong: bool = False) -> list[cv.Shape]:
    """Names on a halo in the surface colour, so they read over borders, land in any fill, and markers. A
    canvas does not take the theme's font: it is named, else Persian comes out as boxes."""
    weight = ft.FontWeight.W_700 if strong else ft.FontWeight.W_500
    halo = ft.Paint(color=Palette.MARKER_EDGE, style=ft.PaintingStyle.STROKE, stroke_width=3.5)
    styles = (
        ("halo", ft.TextStyle(size=size, weight=weight, foreground=halo, font_family=FONT_FAMILY)),
        ("name", ft.TextStyle(size=size, weight=weight, color=Tone.TEXT, font_family=FONT_FAMILY)),
    )
    drawn: list[cv.Shape] = []
    for label in labels_:
        for part, style in styles:
            drawn.append(
                cv.Text(
                    x=label.x,
                    y=label.y,
                    value=label.text,
                    alignment=ft.Alignment.CENTER,
                    text_align=ft.TextAlign.CENTER,
                    style=style,
                    key=f"{part}:{label.code}",
                )
            )
    return drawn


def map_shapes(
    shapes: ProvinceShapes,
    layout: MapLayout,
    markers: list[Marker],
    chosen: str | None,
    lang: Lang,
    fills: Mapping[str, str] | None = None,
    *,
    named: bool = True,
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
    places: list[Label] = []
    size = LABEL_SIZE_WIDE if layout.width >= WIDE_FROM else LABEL_SIZE
    if named:  # every province named, each placed clear of the markers and of the other names
        texts = {p.code: province_label_text(p.code, lang, layout.width >= WIDE_FROM) for p in shapes}
        ranked = None
        if layout.width < WIDE_FROM:
            # a phone's map has no room for 31 names clear of each other («اص●هان» under a neighbour's): the
            # chosen province's, the capital's and the most industrial provinces' names choose their places
            # first, and a name with no place clear of those already placed is left off
            ranked = label_rank(texts, shapes, chosen, marker_weights(markers, shapes, layout))
        places = place_labels(shapes, layout, markers, texts, size, ranked=ranked)
    for marker in markers:
        fill = ft.Paint(color=Palette.PROCESS[marker.group], style=ft.PaintingStyle.FILL)
        rim = ft.Paint(color=Palette.MARKER_EDGE, style=ft.PaintingStyle.STROKE, stroke_width=1.2)
        drawn.append(cv.Circle(marker.x, marker.y, marker.radius, fill, key=f"marker:{marker.asset_id}"))
        drawn.append(cv.Circle(marker.x, marker.y, marker.radius, rim, key=f"rim:{marker.asset_id}"))
        if marker.asset_id == highlight:  # a ring in the text colour: "this one", in either theme
            ring = ft.Paint(color=Tone.TEXT, style=ft.PaintingStyle.STROKE, stroke_width=HIGHLIGHT_STROKE)
            radius = marker.radius + HIGHLIGHT_GAP
            drawn.append(cv.Circle(marker.x, marker.y, radius, ring, key=f"highlight:{marker.asset_id}"))
    # over the markers (placed clear of them where the map has room, so a name is never cut by one), the one
    # the member chose in bold
    drawn += _names([label for label in places if label.code != chosen], size)
    drawn += _names([label for label in places if label.code == chosen], size, strong=True)
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

    drawn = map_shapes(shapes, layout, markers, chosen, lang, fills)
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
