"""Importing a GEM release into the reference collections: one transaction, one version, a report.

The reading is done by the app's own importer, ``sync.gem_import.read_gem``: a self-contained
reader (models, the CSV/XLSX readers, ``sync.errors`` and the bundled Persian names table read by
``sync.names_table``; no store, no flet), so the server and the app turn the same files into the
same records, with the same Persian names. Province placement uses the app's own locator
(``sync.geometry.province_locator``, point-in-polygon on the bundled map) so that both place
border sites alike; that module also imports the app's store, which the server never calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from server import persistence
from server.db import Database

if TYPE_CHECKING:
    from sync.errors import RowIssue

Dataset = dict[str, dict[str, Any]]  # record_id -> data


@dataclass
class CollectionCounts:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class ImportReport:
    source: str
    version: int
    counts: dict[str, CollectionCounts]
    files: list[str] = field(default_factory=list)
    issues: Sequence[RowIssue | str] = ()
    purged_tombstones: int = 0
    retention_days: int = 0
    #: plants, mines, owners and towns the Persian names table (assets/names) has no row for
    missing_names: Sequence[str] = ()
    #: records the import left as they are because they were edited in the app (needs)
    kept: Sequence[str] = ()

    def lines(self) -> list[str]:
        changed = any(c.any for c in self.counts.values())
        head = (
            f"Imported {self.source} as version {self.version}"
            if changed
            else (f"Imported {self.source}: nothing changed")
        )
        out = [head]
        out += [f"  sheet: {name}" for name in self.files]
        for name, c in self.counts.items():
            out.append(f"  {name}: {c.added} added, {c.changed} changed, {c.removed} removed, {c.unchanged} unchanged")
        out.append(f"  purged {self.purged_tombstones} tombstones older than {self.retention_days} days")
        if self.issues:
            out.append(f"  {len(self.issues)} problems in the input:")
            out += [f"    {issue}" for issue in self.issues]
        else:
            out.append("  no problems in the input")
        if self.kept:
            out.append(f"  {len(self.kept)} records edited in the app were left as the app has them:")
            out += [f"    {line}" for line in self.kept]
        if self.missing_names:
            out.append(f"  {len(self.missing_names)} names not in the Persian names table (assets/names):")
            out += [f"    {name}" for name in self.missing_names]
        return out


def as_dataset(models: Iterable[BaseModel]) -> tuple[Dataset, list[str]]:
    """Records by id as the API serves them; a repeated id keeps its first row and is reported."""
    dataset: Dataset = {}
    problems: list[str] = []
    for model in models:
        record_id = str(model.id)  # type: ignore[attr-defined]
        if record_id in dataset:
            problems.append(f"{type(model).__name__} {record_id} appears twice; the first row was kept")
            continue
        dataset[record_id] = model.model_dump(mode="json")
    return dataset, problems


def import_datasets(
    db: Database,
    *,
    datasets: dict[str, Dataset],
    source: str,
    imported_by: str,
    retention_days: int,
    now: dt.datetime | None = None,
    issues: Sequence[RowIssue | str] = (),
    files: Sequence[str] = (),
    missing_names: Sequence[str] = (),
    replaces: Callable[[str, dict[str, Any]], bool] | None = None,
    merge: Callable[[str, dict[str, Any] | None, dict[str, Any]], dict[str, Any]] | None = None,
) -> ImportReport:
    """Make each given collection equal to its dataset in one transaction under one version.

    Unchanged rows keep their version; new and changed rows get the import's version; stored rows
    missing from a dataset become tombstones. Accepted corrections from the field are applied over
    what was read (``server.field_writes.overlaid``), so an import never undoes them. Collections not
    given are left alone. Tombstones older than the retention are purged in the same transaction.

    ``replaces(collection, stored_data)`` limits which stored rows an import owns (a register import
    owns the register's suppliers, not the demo ones): rows it does not own are never tombstoned.
    ``merge(collection, stored_data, new_data)`` gives the row to store from what is stored and what
    the import brings (facts another source added survive a re-import).
    """
    from server.field_writes import accepted_corrections, overlaid

    now = now or dt.datetime.now(dt.UTC)
    counts: dict[str, CollectionCounts] = {}
    with db.write() as session:
        persistence.lock_versions(session)
        version: int | None = None
        # Corrections from the field an admin accepted are laid over every import again.
        overlay = accepted_corrections(session)

        def take_version() -> int:
            nonlocal version
            if version is None:
                version = persistence.next_version(session)
            return version

        for collection, dataset in datasets.items():
            c = counts[collection] = CollectionCounts()
            stored = persistence.reference_records(session, collection=collection)
            for record_id, new_data in dataset.items():
                old = stored.get(record_id)
                data = new_data
                if merge is not None:
                    data = merge(collection, None if old is None or old.deleted else old.data, new_data)
                data = overlaid(overlay, collection, record_id, data)
                if old is not None and not old.deleted and old.data == data:
                    c.unchanged += 1
                    continue
                if old is None or old.deleted:
                    c.added += 1
                else:
                    c.changed += 1
                persistence.write_record(
                    session,
                    collection=collection,
                    owner="",
                    record_id=record_id,
                    version=take_version(),
                    data=data,
                    now=now,
                )
            for record_id, old in stored.items():
                owned = replaces is None or (old.data is not None and replaces(collection, old.data))
                if record_id not in dataset and not old.deleted and owned:
                    c.removed += 1
                    persistence.write_record(
                        session,
                        collection=collection,
                        owner="",
                        record_id=record_id,
                        version=take_version(),
                        data=None,
                        now=now,
                    )
        purged = persistence.purge_tombstones(session, deleted_before=now - dt.timedelta(days=retention_days))
        final_version = version if version is not None else persistence.current_version(session)
        persistence.add_import(
            session,
            now=now,
            imported_by=imported_by,
            source=source,
            version=final_version,
            counts={name: vars(c) for name, c in counts.items()},
            issues=len(issues),
        )
    return ImportReport(
        source=source,
        version=final_version,
        counts=counts,
        files=list(files),
        issues=list(issues),
        purged_tombstones=sum(p.count for p in purged),
        retention_days=retention_days,
        missing_names=list(missing_names),
    )


def import_gem(
    db: Database, *, path: Path, imported_by: str, retention_days: int, release: str | None = None
) -> ImportReport:
    """Read a GEM folder or workbook and import it. Raises ``sync.errors.ImportFailed``."""
    from sync.gem_import import read_gem  # the app's reader; see the module docstring
    from sync.geometry import province_locator  # the app's own province placement

    result = read_gem(path, locate_province=province_locator(), release=release)
    datasets: dict[str, Dataset] = {}
    problems: list[str] = []
    # A mines-only workbook must not wipe the plants, nor a steel-only one the mines.
    for name, models in (("plants", result.plants), ("mines", result.mines)):
        if models:
            datasets[name], dupes = as_dataset(models)
            problems += dupes
    with db.read() as session:
        stored_sources = persistence.reference_records(session, collection="sources")
    datasets["sources"], dupes = as_dataset(result.sources)
    problems += dupes
    if not (result.plants and result.mines):
        # Keep the other tracker's source, but not an older release of the tracker just imported.
        titles = {source.title for source in result.sources}
        for record_id, record in stored_sources.items():
            if record.deleted or record_id in datasets["sources"] or record.data is None:
                continue
            if record.data.get("title") not in titles:
                datasets["sources"][record_id] = record.data
    return import_datasets(
        db,
        datasets=datasets,
        source=str(path),
        imported_by=imported_by,
        retention_days=retention_days,
        issues=[*result.issues, *problems],
        files=result.files,
        missing_names=[str(name) for name in result.missing_names],
    )
