"""Reading the association's registers: every kind of bad cell is reported with file, row, column, value."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from sync.errors import ImportFailed
from sync.geometry import load_province_shapes
from sync.registers import (
    NEED_COLUMNS,
    SUPPLIER_COLUMNS,
    PlantOwners,
    issue_text,
    read_need_register,
    read_supplier_register,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "registers"
MOBARAKEH_STEEL = "P100000120584"
PLANTS = {MOBARAKEH_STEEL: PlantOwners(MOBARAKEH_STEEL, ("E100000001959", "E100000000547"))}

GOOD_SUPPLIER = {
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
GOOD_NEED = {
    "id": "N1",
    "plant_id": MOBARAKEH_STEEL,
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


def write(path: Path, columns: tuple[str, ...] | list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def outside_km(lat: float, lon: float, province: str) -> float:
    return load_province_shapes().distance_km(lat, lon, province)


# (column, bad value, issue code) — one row for each kind of problem a supplier row can have
BAD_SUPPLIER_CELLS = [
    ("id", "", "required"),
    ("id", "1042", "not_a_supplier_id"),
    ("name_fa", "", "required"),
    ("type", "wholesaler", "unknown_company_type"),
    ("province", "Atlantis", "unknown_province"),
    ("lat", "north", "not_a_number"),
    ("lat", "132.5", "coordinates_out_of_range"),
    ("lat", "38.08", "point_outside_province"),  # Tabriz's latitude in Isfahan
    ("categories", "consumables.refractory", "unknown_category"),
    ("categories", "", "required"),
    ("categories", "consumables", "category_too_broad"),
    ("certificates", "ISO 9001", "not_a_certificate"),
    ("certificates", "ISO 9001:31/12/2027", "not_a_date"),
    ("qualification", "consumables.refractories:approved", "not_a_qualification"),
    ("qualification", "consumables.refractories=great", "unknown_qualification_state"),
    ("qualification", "consumables.refractories=approved;consumables.refractories=rejected", "duplicate_qualification"),
    ("phone", "call us", "not_a_phone"),
    ("email", "info.sample.example", "not_an_email"),
    ("website", "not a site", "not_a_website"),
]


def test_a_register_with_every_kind_of_bad_row_reports_each_one(tmp_path: Path) -> None:
    rows = [
        GOOD_SUPPLIER | {"id": f"S{i + 10}", column: value}
        for i, (column, value, _code) in enumerate(BAD_SUPPLIER_CELLS)
    ]
    rows[0]["id"] = ""  # the "required id" row
    rows[1]["id"] = "1042"
    rows.append(GOOD_SUPPLIER | {"id": "S12"})  # the id of row 4 again
    rows.append(GOOD_SUPPLIER | {"id": "S99"})  # a good row among them
    path = write(tmp_path / "suppliers.csv", SUPPLIER_COLUMNS, rows)

    result = read_supplier_register(path, outside_km=outside_km)

    found = {(i.row, i.column, i.code) for i in result.issues}
    for index, (column, value, code) in enumerate(BAD_SUPPLIER_CELLS):
        assert (index + 2, column, code) in found, (column, value, code)
    assert (len(rows), "id", "duplicate_id") in found
    assert all(i.file == "suppliers.csv" for i in result.issues)
    assert [s.id for s in result.records] == ["S99"]
    assert not result.ok


def test_a_duplicate_id_names_the_row_it_first_appeared_in(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", SUPPLIER_COLUMNS, [GOOD_SUPPLIER, GOOD_SUPPLIER | {"name_fa": "دیگر"}])

    (issue,) = read_supplier_register(path).issues

    assert (issue.row, issue.column, issue.code, issue.params) == (3, "id", "duplicate_id", {"first_row": 2})
    assert issue_text(issue, "en") == "s.csv, row 3, column 'id', value 'S1': this id already appears in row 2"
    assert issue_text(issue, "fa") == "s.csv، ردیف ۳، ستون «id»، مقدار «S1»: این شناسه پیش‌تر در ردیف 2 آمده است"


def test_provinces_by_iso_code_persian_or_english_name_and_jalali_dates(tmp_path: Path) -> None:
    rows = [
        GOOD_SUPPLIER | {"id": "S1", "province": "اصفهان", "certificates": "ISO 9001:1406/02/01"},
        GOOD_SUPPLIER | {"id": "S2", "province": "Esfahan"},
        GOOD_SUPPLIER | {"id": "S3", "province": "ir-10", "lat": "", "lon": ""},
    ]
    result = read_supplier_register(write(tmp_path / "s.csv", SUPPLIER_COLUMNS, rows), outside_km=outside_km)

    assert result.ok, result.issues
    assert [s.province for s in result.records] == ["IR-10", "IR-10", "IR-10"]
    assert result.records[0].certificates[0].valid_to == dt.date(2027, 4, 21)
    assert result.records[1].website == "https://sample.example"


def test_a_file_without_the_documented_columns_is_not_a_register(tmp_path: Path) -> None:
    path = write(tmp_path / "s.csv", ("id", "name_fa"), [{"id": "S1", "name_fa": "x"}])

    with pytest.raises(ImportFailed, match="lacks the columns"):
        read_supplier_register(path)


BAD_NEED_CELLS = [
    ("id", "2031", "not_a_need_id"),
    ("plant_id", "Mobarakeh", "not_a_plant_id"),
    ("plant_id", "P100000999999", "no_such_plant"),
    ("item_fa", "", "required"),
    ("category", "mechanical.wheels", "unknown_category"),
    ("category", "mechanical", "category_too_broad"),
    ("annual_qty", "-5", "not_positive"),
    ("unit", "barrels", "unknown_unit"),
    ("unit", "", "unit_required"),
    ("annual_fx_eur", "lots", "not_a_number"),
    ("origin_country", "Atlantis", "unknown_country"),
    ("criticality", "D", "unknown_criticality"),
    ("status", "done", "unknown_status"),
    ("deadline", "soon", "not_a_date"),
    ("producer_org", "E100001010254", "not_an_owner"),
]


def test_a_needs_register_with_every_kind_of_bad_row_reports_each_one(tmp_path: Path) -> None:
    columns = (*NEED_COLUMNS, "producer_org")
    rows = [GOOD_NEED | {"id": f"N{i + 10}", column: value} for i, (column, value, _code) in enumerate(BAD_NEED_CELLS)]
    path = write(tmp_path / "needs.csv", columns, [*rows, GOOD_NEED])

    result = read_need_register(path, plants=PLANTS)

    found = {(i.row, i.column, i.code) for i in result.issues}
    for index, (column, value, code) in enumerate(BAD_NEED_CELLS):
        assert (index + 2, column, code) in found, (column, value, code)
    assert [n.id for n in result.records] == ["N1"]


def test_a_need_belongs_to_its_plants_first_owner_unless_the_register_names_another(tmp_path: Path) -> None:
    rows = [GOOD_NEED, GOOD_NEED | {"id": "N2", "producer_org": "E100000000547"}]
    result = read_need_register(write(tmp_path / "n.csv", (*NEED_COLUMNS, "producer_org"), rows), plants=PLANTS)

    assert [n.producer_org for n in result.records] == ["E100000001959", "E100000000547"]


def test_needs_cannot_be_read_before_the_atlas_has_plants(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="import the GEM release first"):
        read_need_register(write(tmp_path / "n.csv", NEED_COLUMNS, [GOOD_NEED]), plants={})


@pytest.mark.parametrize("name", ["suppliers-template.csv", "suppliers-template.xlsx"])
def test_the_shipped_supplier_templates_read_cleanly(name: str) -> None:
    result = read_supplier_register(TEMPLATES / name, outside_km=outside_km)

    assert result.ok, [str(i) for i in result.issues]
    assert [s.id for s in result.records] == ["S1042", "S1043"]


@pytest.mark.parametrize("name", ["needs-template.csv", "needs-template.xlsx"])
def test_the_shipped_needs_templates_read_cleanly(name: str) -> None:
    plants = PLANTS | {"P100000120580": PlantOwners("P100000120580", ("E100001010254",))}
    result = read_need_register(TEMPLATES / name, plants=plants)

    assert result.ok, [str(i) for i in result.issues]
    assert [(n.id, n.producer_org) for n in result.records] == [("N2031", "E100000001959"), ("N2032", "E100001010254")]


def test_a_needs_producer_may_be_written_with_the_id_gem_used_before_the_names_table_merged_it(
    tmp_path: Path,
) -> None:
    plants = {MOBARAKEH_STEEL: PlantOwners(MOBARAKEH_STEEL, ("E100000000544",), {"E100000131079": "E100000000544"})}
    path = write(tmp_path / "n.csv", (*NEED_COLUMNS, "producer_org"), [GOOD_NEED | {"producer_org": "E100000131079"}])

    (need,) = read_need_register(path, plants=plants).records

    assert need.producer_org == "E100000000544"
