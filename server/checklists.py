"""The checklist templates the server serves (reference collection ``checklists``), from ``assets/checklists``.

Each file is one version of one template (``<id>.v<version>.json``, validated by
``models.checklists.ChecklistTemplate``). A version, once served, never changes: visits name the
version they were filled in with, and their scores must mean tomorrow what they meant then. A changed
file under a version already served is refused (publish it as the next version); a file taken away
leaves its version served (old visits still show), and ``status: retired`` stops it being offered.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from models.checklists import ChecklistTemplate
from server import persistence
from server.db import Database
from server.importing import Dataset, ImportReport, import_datasets

ASSETS = Path(__file__).resolve().parents[1] / "assets" / "checklists"


class ChecklistRefused(Exception):
    """A template file that cannot be served; nothing was imported."""


def read_checklists(folder: Path = ASSETS) -> Dataset:
    """Every template version in ``folder``, by record id (``<id>@<version>``)."""
    dataset: Dataset = {}
    for path in sorted(folder.glob("*.json")):
        try:
            template = ChecklistTemplate.model_validate(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, ValidationError) as error:
            raise ChecklistRefused(f"{path.name}: {error}") from None
        if path.name != f"{template.id}.v{template.version}.json":
            raise ChecklistRefused(f"{path.name} holds {template.key}: name it {template.id}.v{template.version}.json")
        dataset[template.key] = template.model_dump(mode="json")
    if not dataset:
        raise ChecklistRefused(f"no checklist templates in {folder}")
    return dataset


def import_checklists(db: Database, *, folder: Path = ASSETS, imported_by: str, retention_days: int) -> ImportReport:
    """Serve the templates of ``folder``; ``ChecklistRefused`` if a served version would change."""
    dataset = read_checklists(folder)
    with db.read() as session:
        stored = persistence.reference_records(session, collection="checklists")
    for key, data in dataset.items():
        old = stored.get(key)
        if old is not None and not old.deleted and old.data != data:
            raise ChecklistRefused(f"{key} is served already and its content changed: publish it as a new version")
    return import_datasets(
        db,
        datasets={"checklists": dataset},
        source=str(folder),
        imported_by=imported_by,
        retention_days=retention_days,
        replaces=lambda _collection, _data: False,  # a version once served stays served
    )
