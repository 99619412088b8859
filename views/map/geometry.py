"""Pure geometry of the drawn map: fitting the province frame to a widget, markers, and what a tap hit.

The asset's outlines live in a 1080 × 1080 frame (docs/map.md); the widget shows them scaled to fit and
centred. ``MapLayout`` is that one affine step, both ways, so drawing, hit-testing and tests agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from models.atlas import Asset, Mine
from models.enums import Status
from models.geo import ProvinceShapes
from views.map.label_widths import FORMS, RIGHT_JOINING, SIMPLE
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


# ---- province names: every province named, placed clear of the markers and of each other ------------------
#: The width (in ems) counted for a character the table of Vazirmatn's widths lacks: as wide as its widest letters.
_UNKNOWN = 0.9
_NON_JOINING = set(RIGHT_JOINING) | {"ء"}
#: Where a name may go around its province's label point, in half-widths (x) and line heights (y): the point
#: itself first, then beside, above and below it, then further out. A tiny province's name may leave it.
OFFSETS: tuple[tuple[float, float], ...] = (
    (0, 0), (0, -1), (0, 1), (-1, 0), (1, 0), (-0.5, -1), (0.5, -1), (-0.5, 1), (0.5, 1),
    (-1, -1), (1, -1), (-1, 1), (1, 1), (0, -2), (0, 2), (-1.5, 0), (1.5, 0), (-2, 0), (2, 0),
    (-1, -2), (1, -2), (-1, 2), (1, 2), (-2, -1), (2, -1), (-2, 1), (2, 1), (0, -3), (0, 3),
)  # fmt: skip


@dataclass(frozen=True)
class Label:
    """A province's name at its place on the map: centred on (x, y), about ``width × height`` pixels."""

    code: str
    text: str
    x: float
    y: float
    width: float
    height: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x - self.width / 2, self.y - self.height / 2, self.x + self.width / 2, self.y + self.height / 2


def text_width(text: str, size: float) -> float:
    """A text's width at ``size`` px, its longest line, from the font's own widths (views/map/label_widths.py):
    no text is laid out on the server, and a name whose width was guessed short overran the map's edge
    («لرستان» cut at 360 px) or a neighbour's name."""
    return max(_line_width(line, size) for line in text.split("\n"))


def _line_width(text: str, size: float) -> float:
    total = 0.0
    for i, char in enumerate(text):
        forms = FORMS.get(char)
        if forms is None:
            total += SIMPLE.get(char, _UNKNOWN)
            continue
        # a Persian letter's shape, and so its width, follows whether it joins the letters beside it
        joins_before = i > 0 and text[i - 1] in FORMS and text[i - 1] not in _NON_JOINING
        joins_after = char not in _NON_JOINING and i + 1 < len(text) and text[i + 1] in FORMS
        total += forms[(3 if joins_before else 0) if not joins_after else (2 if joins_before else 1)]
    return total * size


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


#: What a name placed away from its own province costs: more than covering every marker and name there.
ELSEWHERE = 20_000
#: How far from its province's label point a small map's name may sit when it cannot sit over the province (a
#: small province's name beside it, over the sea or the land beyond the border, as one reads a name beside a
#: town's dot). Never over another province: a name there names that province, to anyone who reads the map.
NEAR_X, NEAR_Y = 40.0, 20.0


def place_labels(
    shapes: ProvinceShapes,
    layout: MapLayout,
    markers: Sequence[Marker],
    names: dict[str, str],
    size: float,
    *,
    rounds: int = 3,
    ranked: Sequence[str] | None = None,
    gap: float = 2.0,
) -> list[Label]:
    """A place for every name in ``names`` (province code → text): near the province's label point, over its
    own province, clear of the markers and of the other names, inside the map. Small provinces choose first
    (they have the fewest places to go), then every name is moved again where that helps, a few rounds; a name
    that cannot be clear everywhere takes its least crowded place.

    With ``ranked`` (the codes, most wanted first: a small map with no room for every name) each name in turn
    takes its best place at least ``gap`` px clear of the names already placed (the widths are estimates), and
    a name with no such place is left off."""
    line = size * 1.4
    marker_boxes = [(m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius) for m in markers]

    def area(code: str) -> float:
        x0, y0, x1, y1 = shapes[code].bbox
        return (x1 - x0) * (y1 - y0)

    def candidates(code: str) -> list[tuple[int, Label, float, str | None]]:
        """Each place the name may take, its order of preference, what it costs by itself, and the province
        under its centre."""
        text = names[code]
        width = text_width(text, size) + 4  # the halo's stroke (3.5 px) on both sides
        height = line * (text.count("\n") + 1)
        px, py = layout.to_widget(*shapes[code].label)
        out = []
        for order, (dx, dy) in enumerate(OFFSETS):
            label = Label(code, text, px + dx * (width / 2 + 3), py + dy * height, width, height)
            x0, y0, x1, y1 = label.box
            if x0 < 1 or y0 < 1 or x1 > layout.width - 1 or y1 > layout.height - 1:
                continue
            crowd = sum(overlap(label.box, box) for box in marker_boxes)
            under = shapes.province_at(*layout.to_frame(label.x, label.y))
            # over its own province: its centre in it, or the box over the province's own label point
            own = under == code or (x0 <= px <= x1 and y0 <= py <= y1)
            # a name over another province names the wrong one: far worse than covering a marker or a name
            out.append((order, label, 2 * crowd + order * 3 + (0 if own else ELSEWHERE), under))
        if not out:  # no place inside the map: the nearest that is, though it may leave its province
            x = min(max(px, width / 2 + 1), layout.width - width / 2 - 1)
            y = min(max(py, height / 2 + 1), layout.height - height / 2 - 1)
            label = Label(code, text, x, y, width, height)
            out.append((0, label, ELSEWHERE, shapes.province_at(*layout.to_frame(x, y))))
        return out

    options = {code: candidates(code) for code in names}
    placed: dict[str, Label] = {}
    if ranked is not None:
        for code in (c for c in ranked if c in names):
            px, py = layout.to_widget(*shapes[code].label)
            clear = [  # over its own province, or beside it where no other province is; clear of the others
                option
                for option in options[code]
                if not any(overlap(_padded(option[1].box, gap), other.box) for other in placed.values())
                and (
                    option[3] == code
                    or (
                        option[3] is None
                        and abs(option[1].x - px) <= NEAR_X
                        and abs(option[1].y - py) <= NEAR_Y
                        and _mostly_own_or_none(shapes, layout, option[1])
                    )
                )
            ]
            if clear:
                placed[code] = min(clear, key=lambda c: c[2])[1]
        return list(placed.values())

    def best(code: str) -> Label:
        others = [label for other, label in placed.items() if other != code]
        return min(options[code], key=lambda c: c[2] + 10 * sum(overlap(c[1].box, o.box) for o in others))[1]

    order = sorted(names, key=area)
    for code in order:
        placed[code] = best(code)
    for _ in range(rounds - 1):  # a name placed early may move now that it knows where the later ones went
        for code in order:
            placed[code] = best(code)
    return [placed[code] for code in order]


#: Always named on a small map when their names cross others: the capital (Tehran, a small province among big names).
NAMED_FIRST = ("IR-23",)


def marker_weights(markers: Iterable[Marker], shapes: ProvinceShapes, layout: MapLayout) -> dict[str, float]:
    """How much of the map's industry each province holds, by its markers' areas (a marker grows with capacity)."""
    weights: dict[str, float] = {}
    for marker in markers:
        code = shapes.province_at(*layout.to_frame(marker.x, marker.y))
        if code is not None:
            weights[code] = weights.get(code, 0.0) + marker.radius**2
    return weights


def label_rank(
    codes: Iterable[str], shapes: ProvinceShapes, chosen: str | None = None, weights: Mapping[str, float] | None = None
) -> list[str]:
    """The provinces in the order a small map names them: the chosen one, the capital, then those with the most
    on the map (``weights``, by province code), then the larger ones. A province left unnamed on a phone's map
    is named in the list, and on a wider map."""
    weights = weights or {}

    def rank(code: str) -> tuple[int, float, float]:
        first = 0 if code == chosen else 1 if code in NAMED_FIRST else 2
        x0, y0, x1, y1 = shapes[code].bbox
        return first, -weights.get(code, 0.0), -(x1 - x0) * (y1 - y0)

    return sorted(codes, key=rank)


def _mostly_own_or_none(shapes: ProvinceShapes, layout: MapLayout, label: Label) -> bool:
    """Whether no other province lies under more of the name than its own (its centre being over no province: a
    gap between two drawn outlines, or beside the coast or the border)."""
    x0, y0, x1, y1 = label.box
    under: dict[str | None, int] = {}
    for i in range(5):
        for j in range(3):
            code = shapes.province_at(*layout.to_frame(x0 + (x1 - x0) * (i + 0.5) / 5, y0 + (y1 - y0) * (j + 0.5) / 3))
            under[code] = under.get(code, 0) + 1
    own = under.get(label.code, 0)
    return all(count <= own for code, count in under.items() if code not in (None, label.code))


def _padded(box: tuple[float, float, float, float], gap: float) -> tuple[float, float, float, float]:
    return box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap
