"""Loads the bundled map of Iran (assets/map/iran_provinces.json) into models.geo.ProvinceShapes."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from models.atlas import ProvinceMatch
from models.geo import ProvinceShapes
from models.provinces import PROVINCES
from sync.errors import ZanjirehError

if TYPE_CHECKING:
    from sync.gem_import import ProvinceLocator

DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"
MAP_FILE = Path("map") / "iran_provinces.json"


class MapAssetInvalid(ZanjirehError):
    """The bundled map geometry is missing or unreadable (a broken build, not a user error)."""

    code = "map_asset_invalid"


@functools.lru_cache(maxsize=4)
def load_province_shapes(assets_dir: Path | None = None) -> ProvinceShapes:
    """The province outlines and projection, read once per assets folder.

    Raises MapAssetInvalid naming the file when it is missing, not JSON, not the expected shape, or
    does not draw every one of the 31 provinces.
    """
    path = (assets_dir if assets_dir is not None else DEFAULT_ASSETS_DIR) / MAP_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MapAssetInvalid(f"map geometry not found: {path}", path=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MapAssetInvalid(f"map geometry unreadable: {path}: {exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise MapAssetInvalid(f"map geometry is not a JSON object: {path}", path=str(path))
    try:
        shapes = ProvinceShapes.from_asset(data)
    except ValidationError as exc:
        raise MapAssetInvalid(f"map geometry malformed: {path}: {exc}", path=str(path)) from exc
    # A map that silently lacks a province would mislocate every site in it.
    missing = sorted({p.code for p in PROVINCES} - set(shapes.codes))
    if missing:
        raise MapAssetInvalid(f"map geometry lacks provinces {missing}: {path}", path=str(path))
    return shapes


#: Coastal sites and islands fall just outside the simplified outlines (docs/map.md).
COAST_TOLERANCE_KM = 25.0
#: Below the outlines' own error, a disagreement with the source's province is the drawing's fault.
BORDER_TOLERANCE_KM = 10.0


def province_locator() -> ProvinceLocator | None:
    """Point-in-polygon on the app's own province outlines; None if the map asset is unavailable."""
    try:
        shapes = load_province_shapes()
    except Exception:  # a missing or damaged map asset must not block an import: names still work
        return None

    def locate(lat: float, lon: float, named: str | None) -> tuple[str | None, ProvinceMatch | None]:
        found = shapes.nearest_province(lat, lon, max_km=COAST_TOLERANCE_KM)
        if named is not None and found != named and shapes.distance_km(lat, lon, named) <= BORDER_TOLERANCE_KM:
            # the drawn outlines are coarse (docs/map.md: ~10 km RMS): this close to the province the
            # source names, the source is more likely right than the drawing
            return named, ProvinceMatch.SOURCE_NAME
        return found, (ProvinceMatch.POINT_IN_POLYGON if found else None)

    return locate
