"""Pure geometry of the drawn map: fitting the province frame to a widget, markers, and what a tap hit.

The asset's outlines live in a 1080 × 1080 frame (docs/map.md); the widget shows them scaled to fit and
centred. ``MapLayout`` is that one affine step, both ways, so drawing, hit-testing and tests agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.atlas import Asset, Mine
from models.enums import Status
from models.geo import ProvinceShapes
from views.shell.labels import chart_group

#: Blank frame around the outlines, in widget pixels (room for the markers on the coast).
MARGIN = 6.0
#: Marker radius range in pixels, and the capacity that gets the largest.
MIN_RADIUS, MAX_RADIUS = 4.0, 13.0
FULL_KTPA = 12_000.0
#: A tap this many pixels outside a marker still counts as on it (a fingertip is ~9 mm).
TAP_SLACK = 6.0
#: Which group a plant is drawn as: its most downstream step (a steel plant with a DRI module is a steel plant).
DOWNSTREAM_FIRST: tuple[str, ...] = ("eaf", "bof", "bf", "dri", "pellet", "iron_ore", "other")
#: Capacity that does not count towards a marker's size.
GONE = frozenset({Status.RETIRED, Status.CANCELLED, Status.SHELVED, Status.MOTHBALLED})


@dataclass(frozen=True)
class MapLayout:
    """Frame → widget: ``x_px = frame_x · scale + dx``; the widget is ``width × height`` pixels."""

    width: float
    height: float
    scale: float
    dx: float
    dy: float

    @classmethod
    def fit(cls, shapes: ProvinceShapes, width: float, height: float) -> MapLayout:
        x0, y0, x1, y1 = outline_bounds(shapes)
        scale = max(1e-6, min((width - 2 * MARGIN) / (x1 - x0), (height - 2 * MARGIN) / (y1 - y0)))
        dx = (width - (x1 - x0) * scale) / 2 - x0 * scale
        dy = (height - (y1 - y0) * scale) / 2 - y0 * scale
        return cls(width, height, scale, dx, dy)

    def to_widget(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale + self.dx, y * self.scale + self.dy

    def to_frame(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.dx) / self.scale, (py - self.dy) / self.scale


def outline_bounds(shapes: ProvinceShapes) -> tuple[float, float, float, float]:
    boxes = [p.bbox for p in shapes]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def height_for(shapes: ProvinceShapes, width: float) -> float:
    """The height that shows the whole country at ``width`` with nothing to spare."""
    x0, y0, x1, y1 = outline_bounds(shapes)
    return (width - 2 * MARGIN) * (y1 - y0) / (x1 - x0) + 2 * MARGIN


def widget_rings(shapes: ProvinceShapes, layout: MapLayout) -> dict[str, list[list[tuple[float, float]]]]:
    """Every province's rings in widget pixels, rounded to a tenth (finer is invisible and costs bytes)."""
    out = {}
    for province in shapes:
        rings = []
        for ring in province.rings:
            points = (layout.to_widget(x, y) for x, y in ring)
            rings.append([(round(px, 1), round(py, 1)) for px, py in points])
        out[province.code] = rings
    return out


def main_group(asset: Asset) -> str:
    """The colour group of a marker: a mine is ore; a plant its most downstream step."""
    if isinstance(asset, Mine):
        return "iron_ore"
    groups = {chart_group(c.process) for c in asset.capacities} - {None}
    return next((g for g in DOWNSTREAM_FIRST if g in groups), "other")


def marker_ktpa(asset: Asset, group: str) -> float:
    """The size a marker stands for: the largest known capacity of its group at any live status."""
    sizes = [
        c.amount_ktpa.value
        for c in asset.capacities
        if chart_group(c.process) == group and c.status not in GONE and c.amount_ktpa.value is not None
    ]
    return max(sizes, default=0.0)


def radius_for(ktpa: float) -> float:
    """Area grows with capacity (radius with its square root), so a 10 Mt/y complex is not ten times as wide."""
    share = math.sqrt(max(0.0, min(ktpa / FULL_KTPA, 1.0)))
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share


@dataclass(frozen=True)
class Marker:
    asset_id: str
    x: float
    y: float
    radius: float
    group: str


def markers_for(assets: Iterable[Asset], shapes: ProvinceShapes, layout: MapLayout) -> tuple[list[Marker], int]:
    """Markers of the assets that have coordinates, biggest first (so small ones are drawn on top), and
    how many had none."""
    markers, unplaced = [], 0
    for asset in assets:
        point = asset.place.point
        if point is None:
            unplaced += 1
            continue
        group = main_group(asset)
        x, y = layout.to_widget(*shapes.projection.to_frame(point.lat, point.lon))
        markers.append(Marker(asset.id, round(x, 1), round(y, 1), radius_for(marker_ktpa(asset, group)), group))
    markers.sort(key=lambda m: -m.radius)
    return markers, unplaced


def marker_at(markers: Sequence[Marker], px: float, py: float) -> Marker | None:
    """The marker a tap is on; among overlapping ones the nearest centre, then the smallest (drawn on top)."""
    best: tuple[float, float, Marker] | None = None
    for marker in markers:
        distance = math.hypot(px - marker.x, py - marker.y)
        if distance <= marker.radius + TAP_SLACK:
            key = (distance, marker.radius, marker)
            if best is None or key[:2] < best[:2]:
                best = key
    return best[2] if best else None


def province_at(shapes: ProvinceShapes, layout: MapLayout, px: float, py: float) -> str | None:
    return shapes.province_at(*layout.to_frame(px, py))
