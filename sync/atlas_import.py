"""Importing a GEM release into the local store: read, place on provinces, commit as one change."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.atlas import ProvinceMatch
from sync.errors import RowIssue
from sync.gem_import import ProvinceLocator, read_gem
from sync.reference_store import ChangeCounts
from sync.store import LocalStore


@dataclass
class ImportReport:
    source_path: str
    files: list[str]
    plants: int
    mines: int
    changes: dict[str, ChangeCounts]
    issues: list[RowIssue]
    attributions: list[str]

    def lines(self) -> list[str]:
        out = [f"Imported {self.plants} plants and {self.mines} mines from {self.source_path}"]
        out += [f"  sheet: {name}" for name in self.files]
        for name, counts in self.changes.items():
            out.append(f"  {name}: {counts.added} added, {counts.changed} changed, {counts.removed} removed")
        if self.issues:
            out.append(f"  {len(self.issues)} problems in the input:")
            out += [f"    {issue}" for issue in self.issues]
        out += [f"  source: {a}" for a in self.attributions]
        return out


#: Coastal sites and islands fall just outside the simplified outlines (docs/map.md).
COAST_TOLERANCE_KM = 25.0
#: Below the outlines' own error, a disagreement with the source's province is the drawing's fault.
BORDER_TOLERANCE_KM = 10.0


def default_locator() -> ProvinceLocator | None:
    """Point-in-polygon on the app's own province outlines; None if the map asset is unavailable."""
    try:
        from sync.geometry import load_province_shapes
    except ImportError:
        return None
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


def import_gem_into_store(store: LocalStore, path: Path, release: str | None = None) -> ImportReport:
    """Read a GEM folder or workbook and replace the atlas with it in one commit.

    Raises ImportFailed (nothing usable, nothing written) or a StoreError (nothing written).
    """
    result = read_gem(path, locate_province=default_locator(), release=release)
    datasets = {"plants": result.plants, "mines": result.mines, "sources": result.sources}
    if not result.plants:
        datasets.pop("plants")  # a mines-only workbook must not wipe the plants
    if not result.mines:
        datasets.pop("mines")
    if result.plants and result.mines:
        sources = result.sources
    else:  # keep the other tracker's source record when only one tracker was imported
        kept = [s for s in store.sources.all() if s.id not in {x.id for x in result.sources}]
        kept_titles = {s.title for s in result.sources}
        sources = [s for s in kept if s.title not in kept_titles] + result.sources
    datasets["sources"] = sources
    changes = store.replace_reference(datasets, origin=f"import: {path.name}")
    store.device.set_setting("last_import", str(path))
    return ImportReport(
        source_path=str(path),
        files=result.files,
        plants=len(result.plants),
        mines=len(result.mines),
        changes=changes,
        issues=result.issues,
        attributions=[s.attribution for s in result.sources],
    )
