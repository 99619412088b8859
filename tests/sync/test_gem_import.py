"""The GEM importer on the real files, in CSV and XLSX form, and on broken input."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import Workbook

from models.enums import Process, Status
from models.names import PersianNames
from models.quantity import Certainty
from sync.atlas_import import import_gem_into_store
from sync.errors import ImportFailed
from sync.gem_import import read_gem
from sync.geometry import province_locator
from sync.reports import balance_report
from sync.store import LocalStore

STEEL = "gem-iron-steel-2025-09"
MINES = "gem-iron-ore-mines-2024-11"


def _num(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def independent_totals(shared: Path) -> dict[tuple[str, str], float]:
    """Sums straight from the raw CSVs, written without any of the importer's code."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    columns = {
        "Nominal DRI capacity (ttpa)": "dri",
        "Nominal EAF steel capacity (ttpa)": "eaf",
        "Nominal BOF steel capacity (ttpa)": "bof",
        "Nominal BF capacity (ttpa)": "bf",
        "Nominal crude steel capacity (ttpa)": "crude_steel",
    }
    with open(shared / STEEL / "iran_plant_capacities_and_status.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column, process in columns.items():
                value = _num(row[column])
                if value is not None:
                    totals[(row["Status"], process)] += value
    with open(shared / STEEL / "iran_plant_data.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = _num(row["Pelletizing plant capacity (ttpa)"])
            if value is not None:
                totals[("unknown", "pellet")] += value
    with open(shared / MINES / "iran_iron_ore_mines.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = _num(row["Design capacity (ttpa)"])
            if value is not None:
                totals[(row["Operating status"], "iron_ore")] += value
    return totals


def assert_matches_raw_sums(store: LocalStore, shared: Path) -> None:
    report = balance_report(store)
    capacity = report["capacity_tpa"]
    for (status, process), kt in independent_totals(shared).items():
        assert capacity[status][process] == round(kt * 1000), (status, process)
    # the figures the issue names, in kt/y
    assert capacity["operating"]["dri"] == 44_209_000
    assert capacity["operating"]["eaf"] == 37_699_000
    assert capacity["operating"]["bof"] == 5_100_000
    assert capacity["operating"]["bf"] == 5_300_000
    assert capacity["unknown"]["pellet"] == 52_100_000
    assert capacity["operating"]["iron_ore"] == 51_415_000
    assert len(store.plants) == 47
    assert len(store.mines) == 12


def test_import_of_csv_sheets_gives_the_totals_of_the_raw_files(shared_data: Path) -> None:
    store = LocalStore.in_memory()
    report = import_gem_into_store(store, shared_data)
    assert report.issues == []
    assert_matches_raw_sums(store, shared_data)


def _xlsx_value(header: str, text: str) -> object:
    """Cells as GEM's workbooks hold them: numbers as numbers, timestamps as dates, the rest as text."""
    if text == "":
        return None
    if "(ttpa)" in header or header in {"Workforce size", "Plant age (years)"} or header.isdigit():
        number = _num(text)
        if number is not None:
            return int(number) if number.is_integer() else number
    if header.endswith("date") or header == "Start date":
        if text.isdigit():
            return int(text)
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return text
    return text


def write_workbook(path: Path, sheets: dict[str, Path], title_row: bool, about: str | None = None) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    if about is not None:
        workbook.create_sheet("About").append([about])
    for name, csv_path in sheets.items():
        sheet = workbook.create_sheet(name)
        with open(csv_path, encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        if title_row:
            sheet.append([f"{name} — Global Energy Monitor"])  # workbooks often open with a title
        sheet.append(rows[0])
        for row in rows[1:]:
            sheet.append([_xlsx_value(h, v) for h, v in zip(rows[0], row, strict=False)])
    workbook.save(path)


def test_import_of_xlsx_workbooks_gives_the_same_totals(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "gem"
    folder.mkdir()
    write_workbook(
        folder / "Plant-level-data-Global-Iron-and-Steel-Tracker-September-2025-V1.xlsx",
        {
            "Plant data": shared_data / STEEL / "iran_plant_data.csv",
            "Plant capacities and status": shared_data / STEEL / "iran_plant_capacities_and_status.csv",
            "Plant production": shared_data / STEEL / "iran_plant_production.csv",
        },
        title_row=True,
    )
    write_workbook(
        folder / "Global-Iron-Ore-Mines-Tracker.xlsx",
        {"Main Data": shared_data / MINES / "iran_iron_ore_mines.csv"},
        title_row=False,
        about=(shared_data / MINES / "about_sheet.txt").read_text(encoding="utf-8"),
    )
    store = LocalStore.in_memory()
    report = import_gem_into_store(store, folder)
    assert report.issues == []
    assert_matches_raw_sums(store, shared_data)
    csv_store = LocalStore.in_memory()
    import_gem_into_store(csv_store, shared_data)
    for plant in csv_store.plants.all():
        assert store.plants.get(plant.id) == plant  # every field, not only the totals
    sources = {s.title: s.release for s in store.sources.all()}
    assert sources == {
        "Global Iron and Steel Tracker": "September 2025 (V1)",
        "Global Iron Ore Mines Tracker": "November 2024 (V1)",
    }


def test_positive_unknown_capacity_is_never_a_number(shared_data: Path) -> None:
    result = read_gem(shared_data)
    baft = next(p for p in result.plants if p.id == "P100000121224")
    pellet = baft.capacity(Process.PELLET)
    assert len(pellet) == 1 and pellet[0].amount_ktpa.certainty is Certainty.POSITIVE_UNKNOWN
    assert pellet[0].amount_ktpa.value is None
    store = LocalStore.in_memory()
    import_gem_into_store(store, shared_data)
    report = balance_report(store)
    assert {
        "asset_id": "P100000121224",
        "asset_name": baft.name_en,
        "process": "pellet",
        "status": pellet[0].status.value,
        "amount": "positive_unknown",
    } in report["unknown_amount_capacities"]  # counted and shown, never zeroed or dropped


def test_owner_lists_keep_ids_and_shares_in_order(shared_data: Path) -> None:
    # GEM's own words, before the Persian names table merges its three Chadormalu spellings
    arfa = next(p for p in read_gem(shared_data, names=PersianNames.empty()).plants if p.id == "P100000120597")
    assert [(o.name, o.gem_id, o.share_pct) for o in arfa.parents] == [
        ("Chadelmu Mining and Industrial Co", "E100001016281", 43.7),
        ("Mining and Metals Development Investment Co", "E100001016282", 20.5),
        ("small shareholder(s)", "E100001015587", 18.8),
        ("Yaran Tube Rolling Mill Co", "E100001016283", 17.0),
    ]


def test_persian_names_lose_stray_labels_and_keep_latin_prefix_as_alias(shared_data: Path) -> None:
    plants = {p.id: p for p in read_gem(shared_data, names=PersianNames.empty()).plants}
    mobarakeh = next(p for p in plants.values() if p.name_en == "Mobarakeh Steel Complex Isfahan")
    assert mobarakeh.name_fa == "شرکت فولاد مبارکه"
    falco = next(p for p in plants.values() if p.name_fa and "البرز ایرانیان" in p.name_fa)
    assert falco.name_fa == "شرکت فولاد البرز ایرانیان" and "FALCO" in falco.aliases_en


def test_province_spellings_and_points_agree_on_iso_codes(shared_data: Path) -> None:
    result = read_gem(shared_data, locate_province=province_locator())
    by_name = {p.place.source_province: p.place.province for p in result.plants}
    assert by_name["Khouzestan"] == by_name["Khuzestan"] == "IR-06"
    assert by_name["Hormuzgan"] == "IR-22"
    assert by_name["Chaharmahal and Bakhtiari Province"] == "IR-14"
    amirkabir = next(p for p in result.plants if p.id == "P100000121247")
    assert amirkabir.place.province == "IR-01"  # GEM's known error (Rasht, Gilan) is kept, with its source


def test_dates_are_years_or_days_and_unknown_stays_unknown(shared_data: Path) -> None:
    plants = {p.id: p for p in read_gem(shared_data).plants}
    baft = plants["P100000121224"]
    assert (baft.construction.year, baft.construction.month, baft.construction.day) == (2007, 8, 1)
    assert baft.started.year == 2019 and baft.started.month is None
    assert baft.announced is None


def test_malformed_rows_are_reported_with_file_row_column_and_value_and_skipped(
    shared_data: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "gem-iron-steel-2025-09"
    shutil.copytree(shared_data / STEEL, folder)
    data = folder / "iran_plant_capacities_and_status.csv"
    with open(data, encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    rows[3][header.index("Nominal DRI capacity (ttpa)")] = "about 900"
    rows[5][header.index("Status")] = "dreaming"
    with open(data, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = read_gem(folder)
    found = {(i.file, i.row, i.column, i.value) for i in result.issues}
    assert ("iran_plant_capacities_and_status.csv", 4, "Nominal DRI capacity (ttpa)", "about 900") in found
    assert ("iran_plant_capacities_and_status.csv", 6, "Status", "dreaming") in found
    assert all(i.skipped for i in result.issues)
    assert len(result.plants) == 47  # the plants stay; only the two capacity rows are left out
    total = sum(len(p.capacities) for p in result.plants)
    full = sum(len(p.capacities) for p in read_gem(shared_data).plants)
    assert total < full


def test_a_folder_without_gem_sheets_imports_nothing_and_changes_nothing(tmp_path: Path, shared_data: Path) -> None:
    store = LocalStore.in_memory()
    import_gem_into_store(store, shared_data)
    before = {p.id: p for p in store.plants.all()}
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFailed):
        import_gem_into_store(store, tmp_path)
    assert {p.id: p for p in store.plants.all()} == before


def test_release_is_required_when_the_files_do_not_name_it(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(shared_data / STEEL / "iran_plant_data.csv", folder / "plants.csv")
    with pytest.raises(ImportFailed, match="--release"):
        read_gem(folder)
    result = read_gem(folder, release="September 2025 (V1)")
    assert result.sources[0].release == "September 2025 (V1)"
    assert result.sources[0].as_of == dt.date(2025, 9, 1)


def test_global_sheet_is_filtered_to_iran(shared_data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "gem-iron-steel-2025-09"
    folder.mkdir()
    for name in ("global_plant_data.csv", "global_plant_capacities_and_status.csv"):
        shutil.copy(shared_data / STEEL / name, folder / name)
    result = read_gem(folder)
    assert len(result.plants) == 47
    operating_dri = sum(
        c.amount_ktpa.value or 0
        for p in result.plants
        for c in p.capacities
        if c.process is Process.DRI and c.status is Status.OPERATING
    )
    assert operating_dri == 44_209


def test_row_problems_carry_a_code_the_app_words_in_persian_and_english(shared_data: Path, tmp_path: Path) -> None:
    from views.shell.i18n import row_issue

    folder = tmp_path / "gem-iron-steel-2025-09"
    shutil.copytree(shared_data / STEEL, folder)
    data = folder / "iran_plant_data.csv"
    rows = list(csv.reader(data.open(encoding="utf-8")))
    rows[2][rows[0].index("Coordinates")] = "somewhere in Yazd"
    with open(data, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    issue = next(i for i in read_gem(folder).issues if i.column == "Coordinates")
    assert issue.code == "not_coordinates"
    assert row_issue(issue, "fa").endswith("باید «عرض، طول» جغرافیایی باشد")
    assert "سطر ۳" in row_issue(issue, "fa")
    assert row_issue(issue, "en").endswith('expected "latitude, longitude"')
