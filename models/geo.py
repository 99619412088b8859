"""Offline map geometry: the projection onto the bundled map of Iran, point-in-polygon and province lookup."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: A point or vertex; rings are lists of them as JSON gives them ([x, y] lists) or tuples.
Vertex = Sequence[float]
Ring = Sequence[Vertex]

# Mean Earth radius (IUGG); enough for "how far outside the outline" at map scale.
EARTH_RADIUS_KM = 6371.0088
_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0

ProjectionKind = Literal["affine_equirectangular", "affine_mercator"]


def mercator_y(lat: float) -> float:
    """Spherical Mercator northing of a latitude, in degrees so that it is commensurate with latitude."""
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Projection(BaseModel):
    """An affine map from (lon, v) to the map frame, where v is the latitude or its Mercator northing.

    ``x = x_coef[0]·lon + x_coef[1]·v + x_coef[2]`` and ``y = y_coef[0]·lon + y_coef[1]·v + y_coef[2]``
    (frame y grows downwards, as in SVG). The coefficients are fitted once, by
    ``tools/build_map_asset.py``, and stored in the map asset.
    """

    # extra="ignore": the asset also carries the fit's residuals next to the coefficients.
    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: ProjectionKind
    x_coef: tuple[float, float, float]
    y_coef: tuple[float, float, float]

    @model_validator(mode="after")
    def _invertible(self) -> Projection:
        if abs(self._det) < 1e-12:
            raise ValueError("projection matrix is singular")
        return self

    @property
    def _det(self) -> float:
        return self.x_coef[0] * self.y_coef[1] - self.x_coef[1] * self.y_coef[0]

    def _v(self, lat: float) -> float:
        return mercator_y(lat) if self.kind == "affine_mercator" else lat

    def to_frame(self, lat: float, lon: float) -> tuple[float, float]:
        v = self._v(lat)
        a, b, c = self.x_coef
        d, e, f = self.y_coef
        return a * lon + b * v + c, d * lon + e * v + f

    def to_latlon(self, x: float, y: float) -> tuple[float, float]:
        a, b, c = self.x_coef
        d, e, f = self.y_coef
        dx, dy = x - c, y - f
        lon = (e * dx - b * dy) / self._det
        v = (a * dy - d * dx) / self._det
        lat = inverse_mercator_y(v) if self.kind == "affine_mercator" else v
        return lat, lon


def point_in_ring(x: float, y: float, ring: Ring) -> bool:
    """Whether (x, y) is inside one closed ring (crossing number; the closing edge is implied)."""
    inside = False
    n = len(ring)
    if n < 3:
        return False
    x0, y0 = ring[-1][0], ring[-1][1]
    for vertex in ring:
        x1, y1 = vertex[0], vertex[1]
        # Half-open rule on y, so a ray through a vertex counts it once.
        if (y1 > y) != (y0 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
        x0, y0 = x1, y1
    return inside


def point_in_polygon(x: float, y: float, rings: Sequence[Ring]) -> bool:
    """Even-odd rule over any number of rings: a ring inside another is a hole, one in a hole an island."""
    inside = False
    for ring in rings:
        if point_in_ring(x, y, ring):
            inside = not inside
    return inside


def segment_distance(px: float, py: float, ax: float, ay: float, bx: float, by: float) -> float:
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


class ProvinceShape(BaseModel):
    """One province's outline in the map frame (rings under the even-odd rule) and where to put its name."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    code: str = Field(pattern=r"^IR-\d\d$")
    name_fa: str
    name_en: str
    rings: tuple[tuple[tuple[float, float], ...], ...] = Field(min_length=1)
    label: tuple[float, float]

    @model_validator(mode="after")
    def _rings_are_polygons(self) -> ProvinceShape:
        for ring in self.rings:
            if len(ring) < 3:
                raise ValueError(f"{self.code}: a ring needs at least 3 points")
        return self

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [p[0] for ring in self.rings for p in ring]
        ys = [p[1] for ring in self.rings for p in ring]
        return min(xs), min(ys), max(xs), max(ys)


class MapFrame(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    width: float = Field(gt=0)
    height: float = Field(gt=0)


class MapAsset(BaseModel):
    """The parts of ``assets/map/iran_provinces.json`` the app uses (source and fit details are ignored)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    frame: MapFrame
    projection: Projection
    provinces: tuple[ProvinceShape, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> MapAsset:
        codes = [p.code for p in self.provinces]
        if len(codes) != len(set(codes)):
            raise ValueError("a province appears twice in the map asset")
        return self


class ProvinceShapes:
    """The 31 province outlines with the projection that places lat/lon on them."""

    def __init__(self, frame: MapFrame, projection: Projection, provinces: Sequence[ProvinceShape]) -> None:
        self.frame = frame
        self.projection = projection
        self._provinces = tuple(provinces)
        self._by_code = {p.code: p for p in self._provinces}
        self._bboxes = {p.code: p.bbox for p in self._provinces}

    @classmethod
    def from_asset(cls, data: Mapping[str, Any]) -> ProvinceShapes:
        """Build from the asset's parsed JSON; raises pydantic's ValidationError when it is malformed."""
        asset = MapAsset.model_validate(data)
        return cls(asset.frame, asset.projection, asset.provinces)

    def __iter__(self) -> Iterator[ProvinceShape]:
        return iter(self._provinces)

    def __len__(self) -> int:
        return len(self._provinces)

    def __getitem__(self, code: str) -> ProvinceShape:
        return self._by_code[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self._provinces)

    def province_at(self, x: float, y: float) -> str | None:
        """The province drawn at a frame point, or None for sea, lakes and abroad.

        Neighbouring outlines are drawn separately and may overlap by a hair; the first in the
        asset's order wins there, which keeps the answer deterministic.
        """
        for p in self._provinces:
            x0, y0, x1, y1 = self._bboxes[p.code]
            if x0 <= x <= x1 and y0 <= y <= y1 and point_in_polygon(x, y, p.rings):
                return p.code
        return None

    def province_for(self, lat: float, lon: float) -> str | None:
        """The province whose drawn outline contains a geographic point, or None."""
        return self.province_at(*self.projection.to_frame(lat, lon))

    def distance_km(self, lat: float, lon: float, code: str) -> float:
        """How far a point lies outside one province's outline, in km (0 inside).

        Measured in a local metric at the point (frame offsets → km east/north), which is exact
        enough for the tens of kilometres this is used for.
        """
        x, y = self.projection.to_frame(lat, lon)
        shape = self._by_code[code]
        if point_in_polygon(x, y, shape.rings):
            return 0.0
        to_km = self._frame_to_km(lat, lon)
        best = math.inf
        for ring in shape.rings:
            pts = [to_km(vx - x, vy - y) for vx, vy in ring]
            prev = pts[-1]
            for cur in pts:
                best = min(best, segment_distance(0.0, 0.0, prev[0], prev[1], cur[0], cur[1]))
                prev = cur
        return best

    def nearest_province(self, lat: float, lon: float, max_km: float) -> str | None:
        """The province containing the point, else the one whose outline is nearest within max_km.

        The drawn outlines are simplified and carry no islands, so coastal sites and islands (Qeshm,
        Kish) fall just outside every outline; this puts them in the nearest province.
        """
        inside = self.province_for(lat, lon)
        if inside is not None:
            return inside
        best_code, best_km = None, max_km
        for code in self._by_code:
            km = self.distance_km(lat, lon, code)
            if km <= best_km:
                best_code, best_km = code, km
        return best_code

    def _frame_to_km(self, lat: float, lon: float) -> _LinearMap:
        # The Jacobian of to_latlon at the point, scaled to km east and north.
        x, y = self.projection.to_frame(lat, lon)
        lat_x, lon_x = self.projection.to_latlon(x + 1.0, y)
        lat_y, lon_y = self.projection.to_latlon(x, y + 1.0)
        east, north = _KM_PER_DEGREE * math.cos(math.radians(lat)), _KM_PER_DEGREE
        return _LinearMap((lon_x - lon) * east, (lon_y - lon) * east, (lat_x - lat) * north, (lat_y - lat) * north)


class _LinearMap:
    __slots__ = ("_m",)

    def __init__(self, a: float, b: float, c: float, d: float) -> None:
        self._m = (a, b, c, d)

    def __call__(self, dx: float, dy: float) -> tuple[float, float]:
        a, b, c, d = self._m
        return a * dx + b * dy, c * dx + d * dy
