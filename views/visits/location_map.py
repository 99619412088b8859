"""Where the visit was, picked on a map when the device gives no location (refused, switched off, no fix in
time) or has none: a local map around the supplier's recorded site — the province borders, the supplier's
site, the plants and suppliers nearby as landmarks — tapped where the auditor stands, zoomed in steps down
to a few km across, and saved as "set by hand, picked on the map" with the accuracy a fingertip allows at
that zoom (so the reviewer's "far from the site" check allows for it).

The map is drawn in a local equirectangular view (``LocalView``): over a few hundred km the error against
the real projection is far below a fingertip. No tiles: it works offline, with what the cache holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import flet as ft
import flet.canvas as cv

from models.geo import ProvinceShapes, haversine_km
from sync.fieldwork import VisitDetail
from views.map.outlines import province_shapes
from views.shell import i18n
from views.shell.buttons import icon_button
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import FONT_FAMILY, Palette, Space, Tone, Type
from views.visits.context import use_visits
from views.visits.state import VisitsState

#: How wide the map is at each zoom step, km: the country's heart, a province, a city, a town, a works.
SPANS_KM = (1600.0, 400.0, 100.0, 25.0, 6.0, 1.5)
#: Where the map starts when the supplier's site is known (a town: the works and its neighbours).
SITE_LEVEL = 3
#: Where it starts with nothing known: Iran, centred.
IRAN_CENTRE = (32.4, 53.7)
#: A fingertip covers this many pixels: the accuracy a map pick is saved with (metres per pixel × this).
FINGER_PX = 8.0
#: Landmarks drawn at most (plants and suppliers in view, the nearest first): more would only blur the map.
MAX_LANDMARKS = 150
MAX_MAP_WIDTH = 560.0
KM_PER_DEGREE = math.pi * 6371.0088 / 180.0


@dataclass(frozen=True)
class LocalView:
    """A ``width × height`` pixel window ``span_km`` wide, centred on (lat, lon); north up, east right."""

    lat: float
    lon: float
    span_km: float
    width: float
    height: float

    @property
    def km_per_px(self) -> float:
        return self.span_km / self.width

    @property
    def metres_per_px(self) -> float:
        return self.km_per_px * 1000.0

    def _east_km_per_degree(self) -> float:
        return KM_PER_DEGREE * max(0.05, math.cos(math.radians(self.lat)))

    def to_px(self, lat: float, lon: float) -> tuple[float, float]:
        x = (lon - self.lon) * self._east_km_per_degree() / self.km_per_px + self.width / 2
        y = (self.lat - lat) * KM_PER_DEGREE / self.km_per_px + self.height / 2
        return x, y

    def to_latlon(self, x: float, y: float) -> tuple[float, float]:
        lat = self.lat - (y - self.height / 2) * self.km_per_px / KM_PER_DEGREE
        lon = self.lon + (x - self.width / 2) * self.km_per_px / self._east_km_per_degree()
        return max(-90.0, min(90.0, lat)), max(-180.0, min(180.0, lon))

    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) of the window."""
        north, west = self.to_latlon(0, 0)
        south, east = self.to_latlon(self.width, self.height)
        return south, west, north, east

    def holds(self, lat: float, lon: float, margin_px: float = 0.0) -> bool:
        x, y = self.to_px(lat, lon)
        return -margin_px <= x <= self.width + margin_px and -margin_px <= y <= self.height + margin_px


#: Lengths a scale bar may show, km: a round one about a quarter of the map's width.
SCALE_KM = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0)


def scale_bar_km(view: LocalView) -> float:
    """The longest round length that fits in a quarter of the map's width."""
    return max((km for km in SCALE_KM if km <= view.span_km / 4), default=SCALE_KM[0])


def _scale_bar(view: LocalView, lang: Lang) -> list[cv.Shape]:
    """A bar of a round length in the lower left corner, its length written over it (the map has no tiles:
    the bar is how far a tap is from the site)."""
    km = scale_bar_km(view)
    length = km / view.km_per_px
    x0, y = 10.0, view.height - 10.0
    pen = ft.Paint(color=Tone.TEXT, style=ft.PaintingStyle.STROKE, stroke_width=2)
    words = i18n.t("visit_map_scale", lang, km=i18n.number(km, lang, decimals=0 if km >= 1 else 1))
    style = ft.TextStyle(size=11, weight=ft.FontWeight.W_500, color=Tone.TEXT, font_family=FONT_FAMILY)
    return [
        cv.Line(x0, y, x0 + length, y, pen, key="scale"),
        cv.Line(x0, y - 5, x0, y + 1, pen, key="scale-start"),
        cv.Line(x0 + length, y - 5, x0 + length, y + 1, pen, key="scale-end"),
        cv.Text(x=x0, y=y - 20, value=words, style=style, key="scale-words"),
    ]


def coordinates(lat: float, lon: float, lang: Lang) -> str:
    """Latitude, longitude in decimal degrees to five places (about a metre), in the language's digits."""
    return i18n.ltr(f"{i18n.number(lat, lang, decimals=5)}, {i18n.number(lon, lang, decimals=5)}")


def pick_accuracy_m(view: LocalView) -> float:
    """The accuracy a point tapped on ``view`` is saved with: what a fingertip covers, in metres."""
    return round(view.metres_per_px * FINGER_PX, -1) or 10.0


def border_lines(shapes: ProvinceShapes, view: LocalView) -> list[list[tuple[float, float]]]:
    """The province outlines that cross the window, in its pixels (frame → lat/lon → window)."""
    south, west, north, east = view.bounds()
    corners = [shapes.projection.to_frame(lat, lon) for lat in (south, north) for lon in (west, east)]
    fx0, fx1 = min(c[0] for c in corners), max(c[0] for c in corners)
    fy0, fy1 = min(c[1] for c in corners), max(c[1] for c in corners)
    out = []
    for province in shapes:
        x0, y0, x1, y1 = province.bbox
        if x1 < fx0 or x0 > fx1 or y1 < fy0 or y0 > fy1:
            continue
        for ring in province.rings:
            out.append([view.to_px(*shapes.projection.to_latlon(x, y)) for x, y in ring])
    return out


def landmarks(points: Iterable[tuple[float, float]], view: LocalView) -> list[tuple[float, float]]:
    """The points in the window, in its pixels, the nearest to its centre first, at most ``MAX_LANDMARKS``."""
    inside = [view.to_px(lat, lon) for lat, lon in points if view.holds(lat, lon)]
    centre = (view.width / 2, view.height / 2)
    inside.sort(key=lambda p: (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2)
    return inside[:MAX_LANDMARKS]


def _landmark_points(state: VisitsState, supplier_id: str) -> list[tuple[float, float]]:
    store = state.app.store
    points = [(s.lat, s.lon) for s in store.suppliers.all() if s.id != supplier_id and s.has_point]
    for collection in (store.plants, store.mines):
        points += [(a.place.point.lat, a.place.point.lon) for a in collection.all() if a.place.point is not None]
    return points  # type: ignore[return-value]


def _start(detail: VisitDetail) -> tuple[tuple[float, float], int]:
    """Where the map opens: on the supplier's site, else on the visit's saved point, else on Iran."""
    supplier = detail.summary.supplier
    if supplier is not None and supplier.has_point:
        return (supplier.lat, supplier.lon), SITE_LEVEL  # type: ignore[return-value]
    where = detail.visit.location
    if where is not None:
        return (where.lat, where.lon), SITE_LEVEL
    return IRAN_CENTRE, 0


@ft.component
def PickOnMap(detail: VisitDetail, on_close: Callable[[], None]) -> ft.Control:
    """The map, the point tapped, the zoom steps, and "save this point"; ``on_close`` hides it."""
    state = use_visits()
    app = state.app
    lang = app.lang
    start, start_level = _start(detail)
    centre, set_centre = ft.use_state(start)
    level, set_level = ft.use_state(start_level)
    picked, set_picked = ft.use_state(None)
    saved, set_saved = ft.use_state(None)  # the point last saved from this map (the map stays open: no jump)
    width = max(240.0, min(MAX_MAP_WIDTH, app.width - 2 * Space.L - 2 * Space.M - 8))
    height = round(width * 0.8)
    view = LocalView(centre[0], centre[1], SPANS_KM[level], width, height)
    supplier = detail.summary.supplier
    site = (supplier.lat, supplier.lon) if supplier is not None and supplier.has_point else None

    drawn: list[cv.Shape] = [
        cv.Rect(0, 0, width, height, paint=ft.Paint(color=Palette.LAND, style=ft.PaintingStyle.FILL), key="land")
    ]
    shapes = province_shapes(state.app.report)
    if shapes is not None:
        border = ft.Paint(color=Palette.BORDER, style=ft.PaintingStyle.STROKE, stroke_width=1.2)
        for n, ring in enumerate(border_lines(shapes, view)):
            elements = [cv.Path.MoveTo(*ring[0]), *(cv.Path.LineTo(x, y) for x, y in ring[1:]), cv.Path.Close()]
            drawn.append(cv.Path(elements, paint=border, key=f"border:{n}"))
    dot = ft.Paint(color=Tone.MUTED, style=ft.PaintingStyle.FILL)
    for n, (x, y) in enumerate(landmarks(_landmark_points(state, detail.visit.supplier_id), view)):
        drawn.append(cv.Circle(x, y, 3, dot, key=f"landmark:{n}"))
    if site is not None and view.holds(*site, margin_px=10):
        x, y = view.to_px(*site)
        drawn.append(cv.Circle(x, y, 8, ft.Paint(color=Tone.PRIMARY, style=ft.PaintingStyle.FILL), key="site"))
        drawn.append(cv.Circle(x, y, 8, ft.Paint(color=Tone.SURFACE, style=ft.PaintingStyle.STROKE,
                                                  stroke_width=2), key="site-rim"))  # fmt: skip
    if picked is not None and view.holds(*picked, margin_px=12):
        x, y = view.to_px(*picked)
        pen = ft.Paint(color=Tone.ERROR, style=ft.PaintingStyle.STROKE, stroke_width=2.5)
        drawn += [
            cv.Circle(x, y, 10, pen, key="picked"),
            cv.Line(x - 16, y, x + 16, y, pen, key="picked-h"),
            cv.Line(x, y - 16, x, y + 16, pen, key="picked-v"),
        ]
    drawn += _scale_bar(view, lang)
    canvas = cv.Canvas(shapes=drawn, width=width, height=height)
    canvas.data = view  # tests turn a place into the pixel a finger would tap through it

    def on_tap(e: ft.TapEvent) -> None:
        position = e.local_position
        if position is not None:
            set_picked(view.to_latlon(position.x, position.y))

    def zoom(step: int) -> None:
        new = max(0, min(len(SPANS_KM) - 1, level + step))
        if step > 0 and picked is not None:
            set_centre(picked)  # closer in around the point tapped, to place it finer
        set_level(new)

    def save() -> None:
        # The map stays open, saying the point is saved: closing it would pull the page up under the thumb.
        if picked is not None and state.map_location(detail.visit.id, picked[0], picked[1], pick_accuracy_m(view)):
            set_saved(picked)

    span = i18n.number(SPANS_KM[level], lang, decimals=0 if SPANS_KM[level] >= 10 else 1)
    lines: list[ft.Control] = [
        caption(app.t("visit_map_how", km=span)),
        ft.Row(
            [
                ft.Semantics(
                    label=app.t("visit_map_semantics"),
                    container=True,
                    content=ft.Container(
                        ft.GestureDetector(
                            content=canvas,
                            on_tap_up=on_tap,
                            mouse_cursor=ft.MouseCursor.PRECISE,
                            # a semantic button would turn a tap anywhere into one at its centre (Flutter web);
                            # the label says what it is, and the typed coordinates are the accessible way
                            exclude_from_semantics=True,
                            data="visit-pick-map",
                        ),
                        border_radius=6,
                        clip_behavior=ft.ClipBehavior.HARD_EDGE,
                        rtl=False,  # a map is not mirrored in Persian: east stays on the right
                    ),
                ),
            ],
            alignment=ft.MainAxisAlignment.CENTER,
        ),
        ft.Row(
            [
                icon_button(
                    ft.Icons.ZOOM_IN,
                    app.t("visit_map_zoom_in"),
                    on_click=lambda: zoom(1),
                    disabled=level >= len(SPANS_KM) - 1,
                    data="visit-map-zoom-in",
                ),
                icon_button(
                    ft.Icons.ZOOM_OUT,
                    app.t("visit_map_zoom_out"),
                    on_click=lambda: zoom(-1),
                    disabled=level == 0,
                    data="visit-map-zoom-out",
                ),
                ft.Text(app.t("visit_map_legend"), style=Type.CAPTION, color=Tone.MUTED, expand=True),
            ],
            spacing=Space.XS,
        ),
    ]
    if picked is None:
        lines.append(caption(app.t("visit_map_tap")))
    else:
        # on lines of their own: a left-to-right number run beside Persian words reorders around a "·"
        picked_lines: list[ft.Control] = [ft.Text(coordinates(picked[0], picked[1], lang), style=Type.BODY)]
        if site is not None:
            km = haversine_km(picked[0], picked[1], site[0], site[1])
            distance = app.t("visit_location_distance", km=i18n.number(km, lang, decimals=1))
            picked_lines.append(ft.Text(distance, style=Type.BODY, color=Tone.TEXT))
        lines.append(ft.Column(picked_lines, spacing=0, tight=True, data="visit-map-picked"))
    if saved is not None and saved == picked:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, color=Tone.PRIMARY, size=18),
                    ft.Text(app.t("visit_map_saved"), style=Type.BODY_STRONG, color=Tone.PRIMARY, expand=True),
                ],
                spacing=Space.XS,
                data="visit-map-saved",
            )
        )
    lines.append(
        ft.Row(
            [
                ft.FilledTonalButton(
                    content=app.t("visit_map_save"),
                    icon=ft.Icons.PLACE,
                    on_click=save,
                    disabled=picked is None or saved == picked,
                    data="visit-map-save",
                ),
                ft.TextButton(content=app.t("visit_map_cancel"), on_click=on_close, data="visit-map-cancel"),
            ],
            wrap=True,
            spacing=Space.S,
        )
    )
    return ft.Column(lines, spacing=Space.XS, tight=True, data="visit-map-picker")
