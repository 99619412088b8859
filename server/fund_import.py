"""Loading the Fund's programmes and calls: the association's file (``import-fund``) and the demo set (``seed-demo``).

The file is JSON: ``{"programmes": [...], "calls": [...]}``, each item the JSON of ``models/
fund_programmes.py``'s ``Programme`` or ``Call`` (docs/fund.md, "Programmes and calls"). Every item is
checked whole — a field the models do not know is a problem, not dropped — and a file with any
problem is refused whole, with every problem listed. Like the registers, the file owns the records of
its own origin (``register``): a programme left out of the next file is withdrawn, and the demo set's
records are never touched (nor does ``seed-demo`` touch the file's).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from models.fund_demo import PROGRAMMES, demo_calls
from models.fund_programmes import Call, Programme, tehran
from models.needs import Need
from models.strict import RecordProblems, validate_strictly
from models.suppliers import Origin
from server.db import Database
from server.importing import Dataset, ImportReport, import_datasets


class FundFileRefused(Exception):
    """A programmes-and-calls file with problems: nothing was imported; ``problems`` lists each one."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path.name}: {len(problems)} problems; nothing imported")
        self.problems = problems


def _owned_by(origin: Origin):  # type: ignore[no-untyped-def]
    def owns(collection: str, data: dict[str, Any]) -> bool:
        return data.get("origin") == origin.value

    return owns


def read_fund_file(path: Path) -> tuple[list[Programme], list[Call], list[str]]:
    """The programmes and calls of a file, and every problem found in it (each naming its item)."""
    problems: list[str] = []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return [], [], [f"{path.name}: not a JSON file that can be read ({error})"]
    if not isinstance(raw, dict) or set(raw) - {"programmes", "calls"}:
        return [], [], [f'{path.name}: the file is an object with "programmes" and "calls"']
    programmes: list[Programme] = []
    calls: list[Call] = []
    for key, model, out in (("programmes", Programme, programmes), ("calls", Call, calls)):
        items = raw.get(key, [])
        if not isinstance(items, list):
            problems.append(f"{key}: a list is expected")
            continue
        for index, item in enumerate(items):
            where = f"{key}[{index}]" + (f" ({item.get('id')})" if isinstance(item, dict) and item.get("id") else "")
            try:
                record = validate_strictly(model, item)
            except RecordProblems as error:
                problems += [f"{where}: {p['field']}: {p['message']}" for p in error.problems]
                continue
            if record.origin is not Origin.REGISTER or record.demo:
                problems.append(f"{where}: the association's file holds its own records (origin register, not demo)")
                continue
            out.append(record)  # type: ignore[arg-type]
    for key, records in (("programmes", programmes), ("calls", calls)):
        ids = [r.id for r in records]
        problems += [f"{key}: {i} appears twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return programmes, calls, problems


def import_fund(db: Database, *, path: Path, imported_by: str, retention_days: int) -> ImportReport:
    """Make the association's programmes and calls those of ``path``. Raises ``FundFileRefused``."""
    programmes, calls, problems = read_fund_file(path)
    known = {p.id for p in programmes}
    problems += [
        f"calls ({c.id}): no programme {c.programme_id} in the file" for c in calls if c.programme_id not in known
    ]
    if problems:
        raise FundFileRefused(path, problems)
    return import_datasets(
        db,
        datasets=fund_datasets(programmes, calls),
        source=str(path),
        imported_by=imported_by,
        retention_days=retention_days,
        files=[path.name],
        replaces=_owned_by(Origin.REGISTER),
    )


def fund_datasets(programmes: Iterable[Programme], calls: Iterable[Call]) -> dict[str, Dataset]:
    return {
        "fund_programmes": {p.id: p.model_dump(mode="json") for p in programmes},
        "fund_calls": {c.id: c.model_dump(mode="json") for c in calls},
    }


def demo_fund_datasets(needs: Iterable[Need], now: dt.datetime | None = None) -> dict[str, Dataset]:
    """The demo programmes and calls as seeded now (Tehran's date decides the calls' windows)."""
    today = tehran(now or dt.datetime.now(dt.UTC)).date()
    return fund_datasets(PROGRAMMES, demo_calls(today, needs))
