"""Importing a GEM release into the local store: read, place on provinces, commit as one change."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.names import MissingName
from sync.errors import RowIssue
from sync.gem_import import read_gem
from sync.geometry import province_locator
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
    missing_names: list[MissingName] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Imported {self.plants} plants and {self.mines} mines from {self.source_path}"]
        out += [f"  sheet: {name}" for name in self.files]
        for name, counts in self.changes.items():
            out.append(f"  {name}: {counts.added} added, {counts.changed} changed, {counts.removed} removed")
        if self.issues:
            out.append(f"  {len(self.issues)} problems in the input:")
            out += [f"    {issue}" for issue in self.issues]
        if self.missing_names:
            out.append(f"  {len(self.missing_names)} names not in the Persian names table (assets/names):")
            out += [f"    {name}" for name in self.missing_names]
        out += [f"  source: {a}" for a in self.attributions]
        return out


def import_gem_into_store(store: LocalStore, path: Path, release: str | None = None) -> ImportReport:
    """Read a GEM folder or workbook and replace the atlas with it in one commit.

    Raises ImportFailed (nothing usable, nothing written) or a StoreError (nothing written).
    """
    result = read_gem(path, locate_province=province_locator(), release=release)
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
        missing_names=result.missing_names,
    )
