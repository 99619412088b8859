"""Tests of the offline map: point-in-polygon, the fitted projection, province lookup against OSM and GEM."""

from __future__ import annotations

import csv
import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest

from models.geo import (
    Projection,
    ProvinceShapes,
    haversine_km,
    point_in_polygon,
    point_in_ring,
)
from models.provinces import PROVINCES, PROVINCES_BY_CODE
from sync.geometry import DEFAULT_ASSETS_DIR, MapAssetInvalid, load_province_shapes
from tools.build_map_asset import parse_path, parse_points

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"reference data not found at {SHARED}")

ASSET = DEFAULT_ASSETS_DIR / "map" / "iran_provinces.json"

# A site closer than this to another province's OSM border may be drawn on the other side: the drawing
# is stylised and the projection fit has a residual of about 10 km RMS (docs/map.md).
BORDER_KM = 10.0
# How far outside every outline a site may fall (simplified coasts, missing islands) and still be placed.
NEAREST_KM = 25.0


@pytest.fixture(scope="module")
def shapes() -> ProvinceShapes:
    return load_province_shapes()


@pytest.fixture(scope="module")
def osm() -> dict[str, list[list[list[float]]]]:
    """OSM province rings as [lon, lat], by ISO code (all rings of a MultiPolygon, even-odd)."""
    path = SHARED / "iran-provinces-osm" / "iran_provinces_simplified.geojson"
    data = json.loads(path.read_text("utf-8"))
    out: dict[str, list[list[list[float]]]] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        out[feature["properties"]["iso3166_2"]] = [ring for polygon in polygons for ring in polygon]
    return out


def osm_provinces_at(osm: dict[str, list[list[list[float]]]], lat: float, lon: float) -> list[str]:
    return [code for code, rings in osm.items() if point_in_polygon(lon, lat, rings)]


def osm_distance_km(osm: dict[str, list[list[list[float]]]], lat: float, lon: float, code: str) -> float:
    """Distance from a point to an OSM province's outline (0 inside), in a local flat metric."""
    if point_in_polygon(lon, lat, osm[code]):
        return 0.0
    kx, ky = 111.195 * math.cos(math.radians(lat)), 111.195
    best = math.inf
    for ring in osm[code]:
        pts = [((p[0] - lon) * kx, (p[1] - lat) * ky) for p in ring]
        for (ax, ay), (bx, by) in zip(pts, [*pts[1:], pts[0]], strict=True):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy or 1.0)))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def read_sites() -> list[tuple[str, str, float, float]]:
    """(id, name, lat, lon) of every Iranian plant and iron-ore mine in the GEM trackers."""
    sites = []
    for folder, file, id_col, name_col in (
        ("gem-iron-steel-2025-09", "iran_plant_data.csv", "Plant ID", "Plant name (English)"),
        ("gem-iron-ore-mines-2024-11", "iran_iron_ore_mines.csv", "GEM Asset ID", "Asset name (English)"),
    ):
        with (SHARED / folder / file).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                lat, lon = (float(part) for part in row["Coordinates"].split(","))
                sites.append((row[id_col], row[name_col], lat, lon))
    return sites


# --- point in polygon (pure) -----------------------------------------------------------------------

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
HOLE = [(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)]
ISLAND = [(4.5, 4.5), (5.5, 4.5), (5.5, 5.5), (4.5, 5.5)]


def test_point_in_ring_tells_inside_from_outside_of_a_square() -> None:
    assert point_in_ring(5, 5, SQUARE)
    assert point_in_ring(0.1, 9.9, SQUARE)
    assert not point_in_ring(-0.1, 5, SQUARE)
    assert not point_in_ring(5, 10.1, SQUARE)
    assert not point_in_ring(15, 5, SQUARE)


def test_point_in_ring_ignores_orientation_and_an_explicit_closing_vertex() -> None:
    clockwise_closed = [*reversed(SQUARE), SQUARE[-1]]
    for x, y in [(5, 5), (1, 9), (11, 5), (5, -1)]:
        assert point_in_ring(x, y, clockwise_closed) == point_in_ring(x, y, SQUARE)


def test_point_in_ring_counts_a_ray_through_a_vertex_once() -> None:
    diamond = [(5.0, 0.0), (10.0, 5.0), (5.0, 10.0), (0.0, 5.0)]
    # y = 5 passes exactly through the left and right vertices.
    assert point_in_ring(5, 5, diamond)
    assert not point_in_ring(-1, 5, diamond)
    assert not point_in_ring(11, 5, diamond)


def test_ring_with_fewer_than_three_points_contains_nothing() -> None:
    assert not point_in_ring(0, 0, [(-1.0, -1.0), (1.0, 1.0)])
    assert not point_in_ring(0, 0, [])


def test_point_in_a_hole_is_outside_the_polygon() -> None:
    rings = [SQUARE, HOLE]
    assert point_in_polygon(1, 1, rings)
    assert not point_in_polygon(5, 5, rings)
    assert not point_in_polygon(20, 20, rings)


def test_island_inside_a_hole_is_inside_the_polygon() -> None:
    rings = [SQUARE, HOLE, ISLAND]
    assert point_in_polygon(5, 5, rings)
    assert not point_in_polygon(4, 4, rings)
    assert point_in_polygon(1, 1, rings)


def test_separate_parts_of_a_multipolygon_both_count_as_inside() -> None:
    far = [(20.0, 0.0), (30.0, 0.0), (30.0, 10.0), (20.0, 10.0)]
    rings = [SQUARE, far]
    assert point_in_polygon(5, 5, rings)
    assert point_in_polygon(25, 5, rings)
    assert not point_in_polygon(15, 5, rings)


# --- projection ------------------------------------------------------------------------------------

IRAN_GRID = [(lat / 2, lon / 2) for lat in range(50, 80) for lon in range(88, 128)]  # 25–40°N, 44–64°E


@pytest.mark.parametrize("kind", ["affine_equirectangular", "affine_mercator"])
def test_projection_round_trip_returns_the_same_lat_lon(kind: str) -> None:
    # A slightly rotated and sheared map, so the inverse is exercised beyond a diagonal matrix.
    projection = Projection(kind=kind, x_coef=(52.0, -0.4, -2270.0), y_coef=(-0.1, -60.0, 2500.0))
    for lat, lon in IRAN_GRID:
        back = projection.to_latlon(*projection.to_frame(lat, lon))
        assert back == pytest.approx((lat, lon), abs=1e-9)


def test_bundled_projection_round_trips_and_puts_iran_inside_the_frame(shapes: ProvinceShapes) -> None:
    for lat, lon in IRAN_GRID:
        assert shapes.projection.to_latlon(*shapes.projection.to_frame(lat, lon)) == pytest.approx((lat, lon), abs=1e-9)
    for lat, lon in [(39.78, 44.03), (25.06, 61.42), (37.3, 60.9), (29.0, 44.8)]:  # corners of Iran
        x, y = shapes.projection.to_frame(lat, lon)
        assert 0 <= x <= shapes.frame.width and 0 <= y <= shapes.frame.height


def test_singular_projection_is_rejected() -> None:
    with pytest.raises(ValueError, match="singular"):
        Projection(kind="affine_equirectangular", x_coef=(1.0, 2.0, 0.0), y_coef=(2.0, 4.0, 0.0))


# --- the bundled asset -----------------------------------------------------------------------------


def test_asset_draws_each_of_the_31_provinces_once_with_iso_names(shapes: ProvinceShapes) -> None:
    assert sorted(shapes.codes) == sorted(p.code for p in PROVINCES)
    for shape in shapes:
        assert (shape.name_fa, shape.name_en) == (
            PROVINCES_BY_CODE[shape.code].name_fa,
            PROVINCES_BY_CODE[shape.code].name_en,
        )


def test_asset_is_small_and_its_coordinates_are_tenths_inside_the_frame(shapes: ProvinceShapes) -> None:
    assert ASSET.stat().st_size < 150_000
    for shape in shapes:
        for ring in shape.rings:
            for x, y in ring:
                assert 0 <= x <= shapes.frame.width and 0 <= y <= shapes.frame.height
                assert round(x, 1) == x and round(y, 1) == y


def test_every_label_lies_inside_its_own_province(shapes: ProvinceShapes) -> None:
    for shape in shapes:
        assert shapes.province_at(*shape.label) == shape.code


def test_asset_names_its_mit_source_and_ships_the_licence_text() -> None:
    data: dict[str, Any] = json.loads(ASSET.read_text("utf-8"))
    assert data["source"]["name"] == "react-iran-map"
    assert data["source"]["version"] == "0.1.3"
    assert data["source"]["licence"] == "MIT"
    licence = (ASSET.parent / "LICENSE-react-iran-map.txt").read_text("utf-8")
    assert licence.startswith("MIT License")
    assert data["source"]["copyright"] in licence
    assert data["projection"]["kind"] in ("affine_equirectangular", "affine_mercator")


def test_sea_and_neighbouring_countries_are_in_no_province(shapes: ProvinceShapes) -> None:
    caspian, gulf, baghdad, kabul = (42.0, 51.0), (27.0, 51.5), (33.3, 44.4), (34.5, 69.2)
    for lat, lon in (caspian, gulf, baghdad, kabul):
        assert shapes.province_for(lat, lon) is None


# --- loading ---------------------------------------------------------------------------------------


def test_load_province_shapes_reads_the_file_once() -> None:
    assert load_province_shapes() is load_province_shapes()


def test_missing_map_file_raises_map_asset_invalid(tmp_path: Path) -> None:
    with pytest.raises(MapAssetInvalid, match="not found"):
        load_province_shapes(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        json.dumps({"frame": {"width": 1080, "height": 1080}, "provinces": []}),
    ],
    ids=["not-json", "not-an-object", "no-projection"],
)
def test_malformed_map_file_raises_map_asset_invalid(tmp_path: Path, content: str) -> None:
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "iran_provinces.json").write_text(content, "utf-8")
    with pytest.raises(MapAssetInvalid):
        load_province_shapes(tmp_path)


def test_map_file_lacking_a_province_raises_map_asset_invalid(tmp_path: Path) -> None:
    data = json.loads(ASSET.read_text("utf-8"))
    data["provinces"] = [p for p in data["provinces"] if p["code"] != "IR-23"]
    (tmp_path / "map").mkdir()
    (tmp_path / "map" / "iran_provinces.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(MapAssetInvalid, match="IR-23"):
        load_province_shapes(tmp_path)


# --- against OpenStreetMap and GEM (reference data) ------------------------------------------------


@needs_shared
def test_osm_label_points_fall_inside_their_province_drawing_except_gilans_coastal_one(
    shapes: ProvinceShapes,
) -> None:
    with (SHARED / "iran-provinces-osm" / "iran_provinces.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 31
    outside = {}
    for row in rows:
        lat, lon = float(row["label_point_lat"]), float(row["label_point_lon"])
        got = shapes.province_for(lat, lon)
        if got != row["iso3166_2"]:
            outside[row["iso3166_2"]] = (got, shapes.distance_km(lat, lon, row["iso3166_2"]))
    # Gilan's OSM label point sits on the Anzali coast, which the drawing smooths away: it falls in no
    # province, a fraction of a kilometre outside Gilan's outline.
    assert outside.keys() == {"IR-01"}
    got, km = outside["IR-01"]
    assert got is None and km < 1.0
    gilan = next(r for r in rows if r["iso3166_2"] == "IR-01")
    lat, lon = float(gilan["label_point_lat"]), float(gilan["label_point_lon"])
    assert shapes.nearest_province(lat, lon, max_km=NEAREST_KM) == "IR-01"


@needs_shared
def test_every_plant_and_mine_is_placed_by_the_drawing_within_25_km(shapes: ProvinceShapes) -> None:
    sites = read_sites()
    assert len(sites) == 47 + 12
    unplaced = [sid for sid, _, lat, lon in sites if shapes.nearest_province(lat, lon, NEAREST_KM) is None]
    assert unplaced == []


@needs_shared
def test_plants_and_mines_get_the_osm_province_unless_within_10_km_of_the_border_they_cross(
    shapes: ProvinceShapes, osm: dict[str, list[list[list[float]]]]
) -> None:
    disagreements = {}
    for sid, name, lat, lon in read_sites():
        expected = osm_provinces_at(osm, lat, lon)
        assert len(expected) == 1, f"{sid} {name}: OSM gives {expected}"
        got = shapes.nearest_province(lat, lon, NEAREST_KM)
        if got != expected[0]:
            assert got is not None
            # The drawing may only move a site across a border that OSM puts close to it.
            assert osm_distance_km(osm, lat, lon, got) < BORDER_KM, f"{sid} {name}: drawn in {got}"
            disagreements[sid] = (expected[0], got)
    # Named so that a new asset or data release that changes them is noticed (docs/map.md lists them).
    assert disagreements == {
        "P100000120612": ("IR-14", "IR-10"),  # Mobarakeh Steel Sefid Dasht, on the Isfahan border
        "P100000128564": ("IR-12", "IR-13"),  # Sabanour Gulali mine, on the Hamadan border
    }


@needs_shared
def test_offshore_qeshm_plant_falls_outside_the_islandless_drawing_and_goes_to_hormozgan(
    shapes: ProvinceShapes, osm: dict[str, list[list[list[float]]]]
) -> None:
    _, _, lat, lon = next(s for s in read_sites() if s[0] == "P100000120594")
    assert osm_provinces_at(osm, lat, lon) == ["IR-22"]
    assert shapes.province_for(lat, lon) is None
    assert shapes.nearest_province(lat, lon, max_km=NEAREST_KM) == "IR-22"
    assert shapes.nearest_province(lat, lon, max_km=1.0) is None


def drawn_centroid(rings: tuple[tuple[tuple[float, float], ...], ...]) -> tuple[float, float]:
    """Area-weighted centroid of a drawn province (each has one ring, see docs/map.md)."""
    (ring,) = rings
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    return cx / (3 * a), cy / (3 * a)


@needs_shared
def test_drawn_province_centroids_map_back_within_35_km_of_the_osm_centroids(shapes: ProvinceShapes) -> None:
    """The fit's residual checked independently, against the CSV's own centroids (max 33 km: Hormozgan)."""
    with (SHARED / "iran-provinces-osm" / "iran_provinces.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    errors = {}
    for row in rows:
        lat, lon = shapes.projection.to_latlon(*drawn_centroid(shapes[row["iso3166_2"]].rings))
        osm_lat, osm_lon = float(row["centroid_lat"]), float(row["centroid_lon"])
        errors[row["iso3166_2"]] = haversine_km(lat, lon, osm_lat, osm_lon)
    assert max(errors.values()) < 35, errors
    assert math.sqrt(sum(e * e for e in errors.values()) / len(errors)) < 12, errors


# --- the asset builder's SVG reading (tools/build_map_asset.py) -------------------------------------


def test_relative_and_absolute_path_commands_trace_the_same_ring() -> None:
    absolute = parse_path("M10,10 L20,10 H30 V20 L10,20 Z")
    relative = parse_path("m10,10 l10,0 h10 v10 l-20,0 z")
    assert absolute == relative == [[(10, 10), (20, 10), (30, 10), (30, 20), (10, 20)]]


def test_compact_numbers_and_implicit_linetos_after_moveto_are_read() -> None:
    # "-0.5-1" is two numbers; pairs after M are linetos; an unclosed subpath is still a ring.
    assert parse_path("M0,0 10,0 10-0.5.5,10") == [[(0, 0), (10, 0), (10, -0.5), (0.5, 10)]]


def test_flattened_cubic_stays_within_tolerance_of_the_curve() -> None:
    p0, c1, c2, p3 = (0.0, 0.0), (0.0, 100.0), (100.0, 100.0), (100.0, 0.0)
    (ring,) = parse_path("M0,0 C0,100 100,100 100,0 Z", tol=0.05)
    assert ring[0] == p0 and ring[-1] == p3 and len(ring) > 10
    for i in range(101):
        t = i / 100
        x = sum(w * p[0] for w, p in zip(_bernstein(t), (p0, c1, c2, p3), strict=True))
        y = sum(w * p[1] for w, p in zip(_bernstein(t), (p0, c1, c2, p3), strict=True))
        closed = [*ring, ring[0]]
        assert min(_point_segment(x, y, a, b) for a, b in itertools.pairwise(closed)) < 0.1


def test_smooth_cubic_reflects_the_previous_control_point() -> None:
    assert parse_path("M0,0 C0,10 10,10 10,0 S20,-10 20,0 Z") == parse_path(
        "M0,0 C0,10 10,10 10,0 C10,-10 20,-10 20,0 Z"
    )


def test_quadratic_and_arc_end_where_the_path_says() -> None:
    (quad,) = parse_path("M0,0 Q50,50 100,0 T200,0 L200,-10 Z")
    assert (100, 0) in quad and (200, 0) in quad
    (arc,) = parse_path("M0,0 A50,50 0 0 1 100,0 L100,-10 Z")
    assert arc[-2] == (100, 0)
    # The arc from (0,0) to (100,0) sweeping clockwise on screen bulges to y = -50.
    assert min(y for _, y in arc) == pytest.approx(-50, abs=0.1)


def test_polygon_points_become_one_ring() -> None:
    assert parse_points("1,2 3,4 \r\n 5,6 1,2") == [[(1, 2), (3, 4), (5, 6)]]


def _bernstein(t: float) -> tuple[float, float, float, float]:
    u = 1 - t
    return u**3, 3 * u * u * t, 3 * u * t * t, t**3


def _point_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(x - a[0] - t * dx, y - a[1] - t * dy)
