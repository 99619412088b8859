"""Build assets/map/iran_provinces.json from the react-iran-map npm tarball and fit its projection to OSM.

Run once from the repository root, with the tarball from ``npm pack react-iran-map@0.1.3``::

    .venv/bin/python -m tools.build_map_asset /tmp/react-iran-map-0.1.3.tgz

OpenStreetMap provinces (ODbL) are read from ``../shared/data/iran-provinces-osm`` only to fit the six
projection coefficients; no OSM coordinate is written to the asset.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import hashlib
import heapq
import json
import math
import re
import sys
import tarfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from models.geo import (
    Projection,
    ProjectionKind,
    haversine_km,
    inverse_mercator_y,
    mercator_y,
    point_in_polygon,
    point_in_ring,
    segment_distance,
)
from models.provinces import PROVINCES, PROVINCES_BY_CODE, province_code_for_name

Point = tuple[float, float]
Ring = list[Point]

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OSM_DIR = REPO.parent / "shared" / "data" / "iran-provinces-osm"
DEFAULT_OUT = REPO / "assets" / "map" / "iran_provinces.json"

PACKAGE_NAME = "react-iran-map"
WRAPPER_FILE = "dist/esm/components/mapSvg/IranMapWrapper.js"
FRAME = 1080

# Curves are flattened until no point of the curve is further than this from the polyline (frame
# units; 1 unit ≈ 1.8 km), then Douglas–Peucker drops vertices that carry less than SIMPLIFY_TOLERANCE.
CURVE_TOLERANCE = 0.05
SIMPLIFY_TOLERANCE = 0.1

# Provinces on the Caspian, the Persian Gulf or the Sea of Oman. OSM draws their boundaries out to sea
# (territorial waters) while the SVG draws the coast, so their centroids disagree for a reason that has
# nothing to do with the projection; residuals are reported for them apart. Fitting without them was
# tried: better on a grid of points (3.4 % vs 4.5 % put in the wrong province) but it moves the Sirjan
# cluster ~10 km west and puts the Gol Gohar mine in Fars, so all 31 are fitted (docs/map.md).
COASTAL = frozenset({"IR-01", "IR-02", "IR-27", "IR-06", "IR-18", "IR-22", "IR-11"})


# --- reading the package --------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    version: str
    licence_text: str
    wrapper_js: str
    integrity: str


def read_package(tarball: Path) -> Package:
    """Read the wrapper component, licence and version from the npm tarball (``package/`` prefix)."""
    with tarfile.open(tarball, "r:gz") as tar:

        def text(name: str) -> str:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{tarball}: package/{name} missing")
            return member.read().decode("utf-8")

        meta = json.loads(text("package.json"))
        licence_text = text("LICENSE")
        wrapper = text(WRAPPER_FILE)
    if meta.get("name") != PACKAGE_NAME or meta.get("license") != "MIT":
        raise SystemExit(f"{tarball}: not the MIT-licensed {PACKAGE_NAME} package")
    # npm's integrity string, so provenance can be checked against `npm view react-iran-map dist`.
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    return Package(meta["version"], licence_text, wrapper, f"sha512-{digest}")


def _js_string(literal: str) -> str:
    # The compiled JSX holds ASCII string literals with \uXXXX and \r\n escapes.
    return codecs.decode(literal, "unicode_escape")


_PROVINCE_ELEMENT = re.compile(r'React\.createElement\("(path|polygon)", \{ "data-tooltip-id"(.*?)\' \}\)', re.S)
_PROVINCE_PROPS = re.compile(r"\"data-name\": '([^']*)'.*?\b(d|points): '([^']*)' *$", re.S)


@dataclass(frozen=True)
class SvgShape:
    tag: str
    name_fa: str
    geometry: str


def province_elements(js: str) -> list[SvgShape]:
    """The <path>/<polygon> elements that carry a province name (data-name), in document order.

    Fails on any transform on those elements or on the <svg> itself, since the outlines are taken
    as drawn in the 0 0 1080 1080 viewBox. (The one transform in the file moves a label group.)
    """
    svg = re.search(r'React\.createElement\("svg", \{(.*?)\} ?\},', js, re.S)
    if svg is None or "viewBox: '0 0 1080 1080'" not in svg.group(1) or "transform" in svg.group(1):
        raise SystemExit("the <svg> element is not the expected untransformed 1080×1080 frame")
    shapes = []
    # Event handlers contain braces, so cut each element's props at the geometry attribute.
    for match in _PROVINCE_ELEMENT.finditer(js):
        props = match.group(2) + "'"
        found = _PROVINCE_PROPS.search(props)
        if found is None:
            raise SystemExit(f"unexpected province element: {props[:120]}")
        if "transform" in props:
            raise SystemExit(f"province {found.group(1)} carries a transform")
        shapes.append(SvgShape(match.group(1), _js_string(found.group(1)), _js_string(found.group(3))))
    return shapes


# --- SVG geometry to polylines --------------------------------------------------------------------


class _Scanner:
    """Reads numbers and arc flags from SVG path data (``-0.53-8.18``, ``.5.5`` and ``0110`` forms)."""

    _NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
    _SEP = re.compile(r"[\s,]*")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _skip(self) -> None:
        self.pos = self._SEP.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def at_end(self) -> bool:
        self._skip()
        return self.pos >= len(self.text)

    def command(self) -> str | None:
        self._skip()
        if self.pos < len(self.text) and self.text[self.pos].isalpha():
            self.pos += 1
            return self.text[self.pos - 1]
        return None

    def has_number(self) -> bool:
        self._skip()
        return self._NUMBER.match(self.text, self.pos) is not None

    def number(self) -> float:
        self._skip()
        match = self._NUMBER.match(self.text, self.pos)
        if match is None:
            raise ValueError(f"number expected at {self.pos}: {self.text[self.pos : self.pos + 20]!r}")
        self.pos = match.end()
        return float(match.group())

    def flag(self) -> bool:
        self._skip()
        char = self.text[self.pos : self.pos + 1]
        if char not in ("0", "1"):
            raise ValueError(f"arc flag expected at {self.pos}")
        self.pos += 1
        return char == "1"


def _flatten_cubic(p0: Point, p1: Point, p2: Point, p3: Point, tol: float, out: Ring, depth: int = 0) -> None:
    """Append points of a cubic Bézier after p0, subdividing until it is flat within tol."""
    flat = max(_line_distance(p1, p0, p3), _line_distance(p2, p0, p3))
    if flat <= tol or depth >= 18:
        out.append(p3)
        return
    p01, p12, p23 = _mid(p0, p1), _mid(p1, p2), _mid(p2, p3)
    p012, p123 = _mid(p01, p12), _mid(p12, p23)
    m = _mid(p012, p123)
    _flatten_cubic(p0, p01, p012, m, tol, out, depth + 1)
    _flatten_cubic(m, p123, p23, p3, tol, out, depth + 1)


def _flatten_arc(
    p0: Point,
    rx: float,
    ry: float,
    phi_deg: float,
    large: bool,
    sweep: bool,
    p1: Point,
    tol: float,
    out: Ring,
) -> None:
    """Append points of an SVG elliptical arc (endpoint form, SVG 1.1 appendix F.6.5)."""
    if p0 == p1:
        return
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        out.append(p1)
        return
    phi = math.radians(phi_deg)
    cos_phi, sin_phi = math.cos(phi), math.sin(phi)
    dx, dy = (p0[0] - p1[0]) / 2, (p0[1] - p1[1]) / 2
    x1p, y1p = cos_phi * dx + sin_phi * dy, -sin_phi * dx + cos_phi * dy
    scale = x1p**2 / rx**2 + y1p**2 / ry**2
    if scale > 1:  # radii too small for the endpoints: scale them up, as the spec says
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx**2 * ry**2 - rx**2 * y1p**2 - ry**2 * x1p**2
    den = rx**2 * y1p**2 + ry**2 * x1p**2
    coef = math.sqrt(max(0.0, num / den)) * (-1 if large == sweep else 1)
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx = cos_phi * cxp - sin_phi * cyp + (p0[0] + p1[0]) / 2
    cy = sin_phi * cxp + cos_phi * cyp + (p0[1] + p1[1]) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    theta1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dtheta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and dtheta > 0:
        dtheta -= 2 * math.pi
    elif sweep and dtheta < 0:
        dtheta += 2 * math.pi
    # Enough steps that the sagitta of each step on the larger radius stays within tol.
    r = max(rx, ry)
    step = 2 * math.acos(max(-1.0, 1 - tol / r)) if tol < r else math.pi / 2
    n = max(1, math.ceil(abs(dtheta) / step))
    for i in range(1, n + 1):
        t = theta1 + dtheta * i / n
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        out.append((cx + cos_phi * ex - sin_phi * ey, cy + sin_phi * ex + cos_phi * ey))
    out[-1] = p1


def _reflect(ctrl: Point, about: Point) -> Point:
    return 2 * about[0] - ctrl[0], 2 * about[1] - ctrl[1]


def _mid(a: Point, b: Point) -> Point:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _line_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dx * (a[1] - p[1]) - dy * (a[0] - p[0])) / length


def parse_path(d: str, tol: float = CURVE_TOLERANCE) -> list[Ring]:
    """All subpaths of SVG path data as rings, curves flattened (M L H V C S Q T A Z, both cases)."""
    scan = _Scanner(d)
    rings: list[Ring] = []
    ring: Ring = []
    cur: Point = (0.0, 0.0)
    start: Point = cur
    last_ctrl: Point | None = None  # reflected by S (after C/S) and T (after Q/T)
    last_cmd = ""
    cmd: str | None = None

    def finish() -> None:
        nonlocal ring
        if len(ring) >= 3:
            rings.append(ring)
        ring = []

    while not scan.at_end():
        explicit = scan.command()
        if explicit is not None:
            cmd = explicit
        elif cmd is None or cmd in "Zz":
            raise ValueError(f"path data must start with a command: {d[:30]!r}")
        assert cmd is not None
        rel = cmd.islower()
        op = cmd.upper()
        ox, oy = cur if rel else (0.0, 0.0)
        if op == "Z":
            finish()
            cur = start
            last_ctrl, last_cmd = None, "Z"
            continue
        if op == "M":
            finish()
            cur = (ox + scan.number(), oy + scan.number())
            start = cur
            ring = [cur]
            # Further coordinate pairs after a moveto are implicit linetos.
            cmd = "l" if rel else "L"
            last_ctrl, last_cmd = None, "M"
            continue
        if not ring:  # drawing after Z without M starts again at the subpath start
            ring = [cur]
        if op == "L":
            cur = (ox + scan.number(), oy + scan.number())
            ring.append(cur)
            last_ctrl = None
        elif op == "H":
            cur = (ox + scan.number(), cur[1])
            ring.append(cur)
            last_ctrl = None
        elif op == "V":
            cur = (cur[0], oy + scan.number())
            ring.append(cur)
            last_ctrl = None
        elif op in "CS":
            if op == "C":
                c1 = (ox + scan.number(), oy + scan.number())
            else:
                c1 = _reflect(last_ctrl, cur) if last_cmd in "CS" and last_ctrl else cur
            c2 = (ox + scan.number(), oy + scan.number())
            end = (ox + scan.number(), oy + scan.number())
            _flatten_cubic(cur, c1, c2, end, tol, ring)
            cur, last_ctrl = end, c2
        elif op in "QT":
            if op == "Q":
                q = (ox + scan.number(), oy + scan.number())
            else:
                q = _reflect(last_ctrl, cur) if last_cmd in "QT" and last_ctrl else cur
            end = (ox + scan.number(), oy + scan.number())
            # A quadratic is the cubic with control points two thirds of the way to q.
            c1 = (cur[0] + 2 / 3 * (q[0] - cur[0]), cur[1] + 2 / 3 * (q[1] - cur[1]))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            _flatten_cubic(cur, c1, c2, end, tol, ring)
            cur, last_ctrl = end, q
        elif op == "A":
            rx, ry, phi = scan.number(), scan.number(), scan.number()
            large, sweep = scan.flag(), scan.flag()
            end = (ox + scan.number(), oy + scan.number())
            _flatten_arc(cur, rx, ry, phi, large, sweep, end, tol, ring)
            cur, last_ctrl = end, None
        else:
            raise ValueError(f"unknown path command {cmd!r}")
        last_cmd = op
    finish()  # an unclosed last subpath is still filled, so it is still a ring
    return [_clean(r) for r in rings]


def parse_points(points: str) -> list[Ring]:
    scan = _Scanner(points)
    ring: Ring = []
    while scan.has_number():
        ring.append((scan.number(), scan.number()))
    if not scan.at_end():
        raise ValueError(f"trailing data in points: {points[scan.pos : scan.pos + 20]!r}")
    return [_clean(ring)]


def _clean(ring: Ring) -> Ring:
    out: Ring = []
    for p in ring:
        if not out or p != out[-1]:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def simplify_ring(ring: Ring, tol: float) -> Ring:
    """Douglas–Peucker on a closed ring, anchored at the first vertex and the one farthest from it."""
    if len(ring) <= 4:
        return ring
    far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
    first = _douglas_peucker(ring[: far + 1], tol)
    second = _douglas_peucker([*ring[far:], ring[0]], tol)
    return first[:-1] + second[:-1]


def _douglas_peucker(line: Ring, tol: float) -> Ring:
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        i, j = stack.pop()
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            dist = _line_distance(line[k], line[i], line[j])
            if dist > best:
                best, best_k = dist, k
        if best > tol:
            keep[best_k] = True
            stack += [(i, best_k), (best_k, j)]
    return [p for p, k in zip(line, keep, strict=True) if k]


def _round_ring(ring: Ring) -> Ring:
    return _clean([(round(x, 1), round(y, 1)) for x, y in ring])


# --- measures shared by the fit and the labels ----------------------------------------------------


def _ring_area_centroid(ring: Sequence[Point]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a), cx / (6 * a), cy / (6 * a)


def area_centroid(rings: Sequence[Sequence[Point]]) -> Point:
    """Area-weighted centroid under the even-odd rule (a ring nested an odd number of times subtracts)."""
    total = sx = sy = 0.0
    for i, ring in enumerate(rings):
        depth = sum(point_in_ring(ring[0][0], ring[0][1], other) for j, other in enumerate(rings) if j != i)
        sign = -1.0 if depth % 2 else 1.0
        area, cx, cy = _ring_area_centroid(ring)
        total += sign * area
        sx += sign * area * cx
        sy += sign * area * cy
    return sx / total, sy / total


def polylabel(rings: Sequence[Sequence[Point]], precision: float = 0.5) -> Point:
    """The interior point farthest from the outline (pole of inaccessibility; Mapbox's polylabel)."""
    xs = [p[0] for r in rings for p in r]
    ys = [p[1] for r in rings for p in r]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = min(x1 - x0, y1 - y0)

    def signed_distance(x: float, y: float) -> float:
        d = min(
            segment_distance(x, y, a[0], a[1], b[0], b[1])
            for ring in rings
            for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)
        )
        return d if point_in_polygon(x, y, rings) else -d

    def cell(x: float, y: float, h: float) -> tuple[float, float, float, float, float]:
        d = signed_distance(x, y)
        return -(d + h * math.sqrt(2)), x, y, h, d  # heap key first: best possible distance in the cell

    heap: list[tuple[float, float, float, float, float]] = []
    h = size / 2
    x = x0
    while x < x1:
        y = y0
        while y < y1:
            heapq.heappush(heap, cell(x + h, y + h, h))
            y += size
        x += size
    cx, cy = area_centroid(rings)
    best = cell(cx, cy, 0)
    while heap:
        c = heapq.heappop(heap)
        if c[4] > best[4]:
            best = c
        if -c[0] - best[4] <= precision:
            continue
        h = c[3] / 2
        for dx in (-h, h):
            for dy in (-h, h):
                heapq.heappush(heap, cell(c[1] + dx, c[2] + dy, h))
    return best[1], best[2]


# --- fitting the projection -----------------------------------------------------------------------


def read_osm_rings(osm_dir: Path) -> dict[str, list[list[tuple[float, float]]]]:
    """OSM province rings as (lon, lat), by ISO code."""
    data = json.loads((osm_dir / "iran_provinces_simplified.geojson").read_text(encoding="utf-8"))
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        out[feature["properties"]["iso3166_2"]] = [
            [(float(lon), float(lat)) for lon, lat in ring[:-1]] for polygon in polygons for ring in polygon
        ]
    return out


def _solve3(m: list[list[float]], v: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (3×3 normal equations; no numpy in the app's venv)."""
    a = [[*row, v[i]] for i, row in enumerate(m)]
    for col in range(3):
        pivot = max(range(col, 3), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(3):
            if r != col:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][3] / a[i][i] for i in range(3)]


def fit_affine(src: Sequence[Point], dst: Sequence[float]) -> tuple[float, float, float]:
    """Least-squares (a, b, c) for dst ≈ a·u + b·v + c."""
    rows = [(u, v, 1.0) for u, v in src]
    ata = [[sum(r[i] * r[j] for r in rows) for j in range(3)] for i in range(3)]
    atb = [sum(r[i] * t for r, t in zip(rows, dst, strict=True)) for i in range(3)]
    a, b, c = _solve3(ata, atb)
    return a, b, c


@dataclass(frozen=True)
class Fit:
    projection: Projection
    fitted_on: tuple[str, ...]
    frame_residuals: dict[str, float]  # every province, fitted on or not
    km_residuals: dict[str, float]

    @property
    def rms_frame(self) -> float:
        return _rms(self.frame_residuals[c] for c in self.fitted_on)

    def summary(self, codes: Iterable[str]) -> dict[str, object]:
        chosen = list(codes)
        frame = [self.frame_residuals[c] for c in chosen]
        km = [self.km_residuals[c] for c in chosen]
        return {
            "rms_frame": round(_rms(frame), 2),
            "max_frame": round(max(frame), 2),
            "rms_km": round(_rms(km), 1),
            "max_km": round(max(km), 1),
            "worst_province": max(chosen, key=lambda c: self.km_residuals[c]),
        }

    def report(self) -> dict[str, object]:
        return {
            "all_provinces": self.summary(self.km_residuals),
            "inland_provinces": self.summary(c for c in self.km_residuals if c not in COASTAL),
            "coastal_provinces": self.summary(c for c in self.km_residuals if c in COASTAL),
        }


def _rms(values: Iterable[float]) -> float:
    items = list(values)
    return math.sqrt(sum(v * v for v in items) / len(items))


def fit_projection(
    kind: ProjectionKind,
    svg_rings: dict[str, list[Ring]],
    osm_rings: dict[str, list[list[Point]]],
    fit_codes: Iterable[str],
) -> Fit:
    """Fit frame ≈ affine(lon, v) on area-weighted centroids, each computed in its own plane.

    A centroid is affine-equivariant, so if the drawing is an affine image of the (lon, v) plane,
    the OSM centroid computed in that plane maps exactly onto the SVG centroid. Residuals are
    reported for every province, including those left out of the fit.
    """
    to_v: Callable[[float], float] = mercator_y if kind == "affine_mercator" else (lambda lat: lat)
    codes = sorted(svg_rings)
    src = {c: area_centroid([[(lon, to_v(lat)) for lon, lat in r] for r in osm_rings[c]]) for c in codes}
    dst = {c: area_centroid(svg_rings[c]) for c in codes}
    fitted_on = tuple(sorted(fit_codes))
    projection = Projection(
        kind=kind,
        x_coef=fit_affine([src[c] for c in fitted_on], [dst[c][0] for c in fitted_on]),
        y_coef=fit_affine([src[c] for c in fitted_on], [dst[c][1] for c in fitted_on]),
    )
    frame_res, km_res = {}, {}
    for code in codes:
        (lon, v), (sx, sy) = src[code], dst[code]
        lat = v if kind == "affine_equirectangular" else inverse_mercator_y(v)
        px, py = projection.to_frame(lat, lon)
        frame_res[code] = math.hypot(px - sx, py - sy)
        slat, slon = projection.to_latlon(sx, sy)
        km_res[code] = haversine_km(lat, lon, slat, slon)
    return Fit(projection, fitted_on, frame_res, km_res)


# --- the asset ------------------------------------------------------------------------------------


def build(tarball: Path, osm_dir: Path, simplify: float) -> tuple[dict[str, object], dict[str, Fit]]:
    package = read_package(tarball)
    shapes = province_elements(package.wrapper_js)
    svg_rings: dict[str, list[Ring]] = {}
    names: dict[str, str] = {}
    for shape in shapes:
        code = province_code_for_name(shape.name_fa)
        if code is None:
            raise SystemExit(f"no ISO code for the SVG's province name {shape.name_fa!r}")
        if code in svg_rings:
            raise SystemExit(f"{code} ({shape.name_fa}) drawn twice")
        rings = parse_path(shape.geometry) if shape.tag == "path" else parse_points(shape.geometry)
        svg_rings[code] = [_round_ring(simplify_ring(r, simplify)) for r in rings]
        names[code] = shape.name_fa
    missing = {p.code for p in PROVINCES} - set(svg_rings)
    if missing:
        raise SystemExit(f"provinces missing from the SVG: {sorted(missing)}")

    osm_rings = read_osm_rings(osm_dir)
    kinds: tuple[ProjectionKind, ...] = ("affine_equirectangular", "affine_mercator")
    fits = {kind: fit_projection(kind, svg_rings, osm_rings, svg_rings) for kind in kinds}
    best_kind = min(kinds, key=lambda k: fits[k].rms_frame)
    best = fits[best_kind]
    copyright_line = next(line for line in package.licence_text.splitlines() if line.startswith("Copyright"))

    provinces = []
    for code in sorted(svg_rings):
        label = polylabel(svg_rings[code])
        provinces.append(
            {
                "code": code,
                "name_fa": PROVINCES_BY_CODE[code].name_fa,
                "name_en": PROVINCES_BY_CODE[code].name_en,
                # The SVG's own spelling, kept only where it differs from the ISO name.
                **({"svg_name": names[code]} if names[code] != PROVINCES_BY_CODE[code].name_fa else {}),
                "rings": [[[x, y] for x, y in ring] for ring in svg_rings[code]],
                "label": [round(label[0], 1), round(label[1], 1)],
            }
        )
    asset: dict[str, object] = {
        "frame": {"width": FRAME, "height": FRAME},
        "source": {
            "name": PACKAGE_NAME,
            "version": package.version,
            "licence": "MIT",
            "copyright": copyright_line,
            "url": f"https://www.npmjs.com/package/{PACKAGE_NAME}/v/{package.version}",
            "file": WRAPPER_FILE,
            "integrity": package.integrity,
        },
        "projection": {
            "kind": best.projection.kind,
            "formula": "x = x_coef·(lon, v, 1); y = y_coef·(lon, v, 1); v = lat (equirectangular) "
            "or degrees(ln tan(45° + lat/2)) (mercator)",
            "x_coef": [round(c, 6) for c in best.projection.x_coef],
            "y_coef": [round(c, 6) for c in best.projection.y_coef],
            "fit": {
                "method": "least squares on the 31 area-weighted province centroids, OSM vs SVG",
                "residuals": "distance between each SVG centroid and the projected OSM centroid; "
                "coastal = on the Caspian or the Gulf, where OSM's outline includes the sea",
                **best.report(),
                "other_kinds": {k: f.report() for k, f in fits.items() if k != best_kind},
            },
        },
        "provinces": provinces,
    }
    return asset, fits


def dump(asset: dict[str, object]) -> str:
    """JSON with one province per line: small, and a re-run shows up as a readable diff."""
    head = {k: v for k, v in asset.items() if k != "provinces"}
    lines = [json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ","]
    provinces = asset["provinces"]
    assert isinstance(provinces, list)
    body = ",\n".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in provinces)
    return "\n".join([*lines, ' "provinces": [', body, " ]", "}"]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("tarball", type=Path, help="react-iran-map-0.1.3.tgz from `npm pack`")
    parser.add_argument("--osm-dir", type=Path, default=DEFAULT_OSM_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--simplify", type=float, default=SIMPLIFY_TOLERANCE, help="Douglas–Peucker tolerance, frame units"
    )
    args = parser.parse_args(argv)
    if args.simplify > 0.5:
        parser.error("--simplify above 0.5 frame units loses visible detail")
    asset, fits = build(args.tarball, args.osm_dir, args.simplify)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(asset), encoding="utf-8")
    (args.out.parent / "LICENSE-react-iran-map.txt").write_text(
        read_package(args.tarball).licence_text, encoding="utf-8", newline=""
    )
    for kind, fit in fits.items():
        print(kind, fit.report(), file=sys.stderr)
        for code, km in sorted(fit.km_residuals.items(), key=lambda kv: -kv[1]):
            print(f"  {code} {fit.frame_residuals[code]:6.2f} frame {km:6.1f} km", file=sys.stderr)
    points = sum(len(r) for p in asset["provinces"] for r in p["rings"])  # type: ignore[attr-defined, index]
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {points} vertices)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
