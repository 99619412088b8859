"""Importing the association's registers and the demo set into the localization collections.

Each import is one transaction under one version (``server.importing.import_datasets``) and owns
only the records of its own origin: the register import never touches demo records or records made
in the app, and ``seed-demo`` never touches the register's. A register file with any bad row is
refused whole (``RegisterRefused``), with every bad row reported. The category tree is written with
each of them (unchanged rows keep their version, so this costs nothing after the first time).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from models.atlas import Plant
from models.categories import CATEGORIES
from models.demo import demo_dataset
from models.needs import SERVER_NEED_FIELDS, Need
from models.suppliers import Origin, Supplier, merge_register
from server import persistence
from server.db import Database
from server.fund_import import demo_fund_datasets
from server.importing import Dataset, ImportReport, import_datasets
from server.orgs import atlas_owners
from sync.registers import RegisterResult, read_need_register, read_supplier_register


class RegisterRefused(Exception):
    """A register with bad rows: nothing was imported; ``result.issues`` lists every bad row."""

    def __init__(self, result: RegisterResult) -> None:
        super().__init__(f"{result.file}: {len(result.issues)} problems; nothing imported")
        self.result = result


class NoPlants(Exception):
    """Needs are raised against the atlas's plants, and the database has none yet."""


def category_dataset() -> Dataset:
    return {c.code: c.model_dump(mode="json") for c in CATEGORIES}


def _owned_by(origin: Origin):  # type: ignore[no-untyped-def]
    def owns(collection: str, data: dict[str, Any]) -> bool:
        if collection == "needs" and _edited_in_app(data):
            return False  # the app's now: a register that drops the row does not delete it
        return collection == "categories" or data.get("origin") == origin.value

    return owns


def _edited_in_app(need: dict[str, Any] | None) -> bool:
    """A need a member or admin wrote through the app (the server stamps ``updated_by`` on every app write)."""
    return need is not None and bool(need.get("updated_by"))


class _KeepAppEdits:
    """The merge of a needs import: a need edited in the app stays as the app has it, and is listed.

    The register is the association's copy of its needs; once the need's producer moves it along the
    workflow or edits it in the app, the app's copy is newer, and overwriting it with the register's
    row would silently undo what a member did. The import report lists those rows so the association
    can bring its register up to date.
    """

    def __init__(self) -> None:
        self.kept: list[str] = []

    def __call__(self, collection: str, stored: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
        if collection != "needs" or stored is None or not _edited_in_app(stored):
            return new
        if {k: v for k, v in stored.items() if k not in SERVER_NEED_FIELDS} != new:
            self.kept.append(
                f"need {new['id']}: edited in the app by {stored['updated_by']} at {stored.get('updated_at')}; "
                f"the register's row was not applied"
            )
        return stored


def _merge_suppliers(collection: str, stored: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Facts a visit or the supplier added to a register supplier survive the register's re-import."""
    if collection != "suppliers" or stored is None or stored.get("origin") != Origin.REGISTER.value:
        return new
    merged = merge_register(Supplier.model_validate(stored), Supplier.model_validate(new))
    return merged.model_dump(mode="json")


def _outside_km():  # type: ignore[no-untyped-def]
    from sync.geometry import load_province_shapes  # the app's own outlines, as the GEM import uses

    try:
        shapes = load_province_shapes()
    except Exception:  # a broken map asset must not block an import: provinces are still checked by name
        return None
    return shapes.distance_km


def import_suppliers(db: Database, *, path: Path, imported_by: str, retention_days: int) -> ImportReport:
    """Import a suppliers register (CSV or XLSX). Raises ``ImportFailed`` or ``RegisterRefused``."""
    result = read_supplier_register(path, outside_km=_outside_km())
    if result.issues:
        raise RegisterRefused(result)
    suppliers = {s.id: s.model_dump(mode="json") for s in result.records}
    return import_datasets(
        db,
        datasets={"categories": category_dataset(), "suppliers": suppliers},
        source=str(path),
        imported_by=imported_by,
        retention_days=retention_days,
        files=[result.file],
        replaces=_owned_by(Origin.REGISTER),
        merge=_merge_suppliers,
    )


def import_needs(db: Database, *, path: Path, imported_by: str, retention_days: int) -> ImportReport:
    """Import a needs register against the atlas's plants. Raises ``ImportFailed`` or ``RegisterRefused``."""
    with db.read() as session:
        plants = atlas_owners(session)
    result = read_need_register(path, plants=plants)
    if result.issues:
        raise RegisterRefused(result)
    needs = {n.id: _register_need(n) for n in result.records}
    keep = _KeepAppEdits()
    report = import_datasets(
        db,
        datasets={"categories": category_dataset(), "needs": needs},
        source=str(path),
        imported_by=imported_by,
        retention_days=retention_days,
        files=[result.file],
        replaces=_owned_by(Origin.REGISTER),
        merge=keep,
    )
    report.kept = keep.kept
    return report


def _register_need(need: Need) -> dict[str, Any]:
    """A need as the register gives it: without the fields only app writes carry."""
    return {k: v for k, v in need.model_dump(mode="json").items() if k not in SERVER_NEED_FIELDS}


def seed_demo(
    db: Database, *, suppliers: int, imported_by: str, retention_days: int, now: dt.datetime | None = None
) -> ImportReport:
    """Make the demo records exactly the demo set of ``suppliers`` suppliers, with the Fund's demo
    programmes and calls (idempotent; the calls' windows follow the Jalali month of ``now``)."""
    with db.read() as session:
        stored = persistence.reference_records(session, collection="plants")
    plants = [Plant.model_validate(r.data) for r in stored.values() if not r.deleted and r.data is not None]
    if not plants and suppliers:
        raise NoPlants(
            "the atlas has no plants yet, and demo needs are raised against them: "
            "import the GEM release first (python -m server import-gem DIR)"
        )
    demo = demo_dataset(suppliers, plants)
    keep = _KeepAppEdits()
    report = import_datasets(
        db,
        datasets={
            "categories": category_dataset(),
            "suppliers": {s.id: s.model_dump(mode="json") for s in demo.suppliers},
            "needs": {n.id: _register_need(n) for n in demo.needs},
            **demo_fund_datasets(demo.needs, now),
        },
        source=f"demo set of {suppliers} suppliers",
        imported_by=imported_by,
        retention_days=retention_days,
        replaces=_owned_by(Origin.DEMO),
        merge=keep,
    )
    report.kept = keep.kept
    return report
