"""Register imports and seed-demo against a real database: all or nothing, idempotent, tombstones, demo kept apart."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from models.atlas import GeoPoint, OwnerShare, Place
from sync.registers import NEED_COLUMNS, SUPPLIER_COLUMNS
from tests.server.helpers import import_reference, make_plant
from tests.support.live_server import REPO_ROOT, server_env

OWNER = "E100000000001"
SUPPLIER = {
    "id": "S1",
    "name_fa": "صنایع نسوز نمونه",
    "name_en": "Sample Refractory",
    "type": "manufacturer",
    "province": "IR-10",
    "city": "اصفهان",
    "lat": "32.65",
    "lon": "51.67",
    "categories": "consumables.refractories.shaped",
    "certificates": "ISO 9001:2027-01-01",
    "qualification": "consumables.refractories=approved@2028-01-01",
    "phone": "+98 31 0000 0000",
    "email": "info@sample.example",
    "website": "sample.example",
}
NEED = {
    "id": "N1",
    "plant_id": "P100000120001",
    "item_fa": "آجر",
    "item_en": "Bricks",
    "category": "consumables.refractories.shaped",
    "oem": "",
    "part_number": "",
    "annual_qty": "100",
    "unit": "t",
    "annual_fx_eur": "100000",
    "origin_country": "AT",
    "criticality": "A",
    "status": "published",
    "deadline": "2027-06-01",
}


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=REPO_ROOT,
        env=server_env(db_url),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def rows(db_url: str, collection: str) -> dict[str, tuple[int, bool, dict[str, Any] | None]]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                sa.text("SELECT record_id, version, deleted, data FROM records WHERE collection = :c"),
                {"c": collection},
            ).all()
    finally:
        engine.dispose()
    import json

    return {r[0]: (r[1], bool(r[2]), json.loads(r[3]) if isinstance(r[3], str) else r[3]) for r in found}


def with_plant(db_url: str) -> None:
    assert cli(db_url, "migrate").returncode == 0
    plant = make_plant(
        1,
        owners=(OwnerShare(name="Test Steel Co", gem_id=OWNER),),
        place=Place(point=GeoPoint(lat=32.244, lon=51.4263)),
    )
    import_reference(db_url, plants=[plant])


def test_a_register_with_a_bad_row_imports_nothing_and_reports_every_bad_row(db_url: str, tmp_path: Path) -> None:
    bad = [SUPPLIER, SUPPLIER | {"id": "S2", "province": "Atlantis"}, SUPPLIER | {"id": "S3", "email": "nope"}]
    path = write(tmp_path / "suppliers.csv", SUPPLIER_COLUMNS, bad)

    completed = cli(db_url, "import-suppliers", str(path))

    assert completed.returncode == 1
    problems = completed.stderr.strip().splitlines()
    assert problems[0] == "suppliers.csv, row 3, column 'province', value 'Atlantis': unknown province"
    assert problems[1] == "suppliers.csv, row 4, column 'email', value 'nope': not an e-mail address"
    assert "nothing imported: 2 problems in 2 of 3 rows of suppliers.csv" in problems[2]
    assert rows(db_url, "suppliers") == {}


def test_problems_are_listed_in_persian_on_request(db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", SUPPLIER_COLUMNS, [SUPPLIER | {"province": "Atlantis"}])

    completed = cli(db_url, "import-suppliers", str(path), "--lang", "fa")

    assert "s.csv، ردیف ۲، ستون «province»، مقدار «Atlantis»: استان ناشناخته است" in completed.stderr


def test_the_same_register_twice_changes_nothing(db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "suppliers.csv", SUPPLIER_COLUMNS, [SUPPLIER, SUPPLIER | {"id": "S2"}])

    first = cli(db_url, "import-suppliers", str(path))
    before = rows(db_url, "suppliers")
    second = cli(db_url, "import-suppliers", str(path))

    assert first.returncode == second.returncode == 0, first.stderr
    assert "suppliers: 2 added" in first.stdout and "categories: 73 added" in first.stdout
    assert (
        "nothing changed" in second.stdout and "suppliers: 0 added, 0 changed, 0 removed, 2 unchanged" in second.stdout
    )
    assert rows(db_url, "suppliers") == before


def test_a_row_removed_from_the_register_becomes_a_tombstone_and_demo_records_stay(db_url: str, tmp_path: Path) -> None:
    with_plant(db_url)
    assert cli(db_url, "seed-demo", "20").returncode == 0
    path = write(tmp_path / "suppliers.csv", SUPPLIER_COLUMNS, [SUPPLIER, SUPPLIER | {"id": "S2"}])
    assert cli(db_url, "import-suppliers", str(path)).returncode == 0

    write(path, SUPPLIER_COLUMNS, [SUPPLIER])
    completed = cli(db_url, "import-suppliers", str(path))
    stored = rows(db_url, "suppliers")

    assert "suppliers: 0 added, 0 changed, 1 removed, 1 unchanged" in completed.stdout
    assert stored["S2"][1] is True and stored["S2"][2] is None
    assert stored["S1"][1] is False
    assert sum(1 for rid, (_v, deleted, _d) in stored.items() if rid.startswith("S-DEMO-") and not deleted) == 20


def test_a_register_reimport_keeps_what_a_visit_decided(db_url: str, tmp_path: Path) -> None:
    from server.db import Database
    from server.importing import import_datasets

    path = write(tmp_path / "suppliers.csv", SUPPLIER_COLUMNS, [SUPPLIER])
    assert cli(db_url, "import-suppliers", str(path)).returncode == 0
    visited = rows(db_url, "suppliers")["S1"][2]
    assert visited is not None
    visited["qualifications"] = [
        {
            "category": "consumables.refractories",
            "state": "conditional",
            "since": "2026-11-20",
            "expires": "2027-05-20",
            "decided_by": "admin1",
            "visit_id": "v-1",
            "note": None,
            "source": "visit",
        }
    ]
    database = Database(db_url)
    try:
        import_datasets(
            database, datasets={"suppliers": {"S1": visited}}, source="a visit", imported_by="tests", retention_days=90
        )
    finally:
        database.dispose()

    completed = cli(db_url, "import-suppliers", str(path))

    assert "nothing changed" in completed.stdout
    assert rows(db_url, "suppliers")["S1"][2]["qualifications"][0]["state"] == "conditional"  # type: ignore[index]


def test_needs_need_the_atlas_first_and_then_import_against_its_plants(db_url: str, tmp_path: Path) -> None:
    path = write(tmp_path / "needs.csv", NEED_COLUMNS, [NEED])
    assert cli(db_url, "migrate").returncode == 0

    refused = cli(db_url, "import-needs", str(path))
    with_plant(db_url)
    imported = cli(db_url, "import-needs", str(path))

    assert refused.returncode == 1 and "import the GEM release first" in refused.stderr
    assert imported.returncode == 0, imported.stderr
    need = rows(db_url, "needs")["N1"][2]
    assert need is not None and need["producer_org"] == OWNER and need["demo"] is False and need["origin"] == "register"


def test_seed_demo_is_idempotent_says_demo_and_refuses_without_plants(db_url: str) -> None:
    assert cli(db_url, "migrate").returncode == 0
    refused = cli(db_url, "seed-demo", "50")
    with_plant(db_url)
    first = cli(db_url, "seed-demo", "50")
    before = rows(db_url, "suppliers")
    again = cli(db_url, "seed-demo", "50")
    fewer = cli(db_url, "seed-demo", "40")

    assert refused.returncode == 1 and "import the GEM release first" in refused.stderr
    assert "suppliers: 50 added" in first.stdout and "needs: 5 added" in first.stdout
    assert "nothing changed" in again.stdout
    assert "suppliers: 0 added, 0 changed, 10 removed, 40 unchanged" in fewer.stdout
    assert all(data is None or data["demo"] is True for _v, _d, data in before.values())
    assert all(data["plant_id"] == "P100000120001" for _v, _d, data in rows(db_url, "needs").values() if data)
