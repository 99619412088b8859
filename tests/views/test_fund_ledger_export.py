"""`main.py export ledger`: the Fund's public ledger from the device's copy, as CSV, XLSX or the 360Giving JSON
package — read back, the rows equal the store and the totals equal the sum of the awards."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from models.fund_ledger import totals
from sync.store import LocalStore
from tests.models.test_fund_ledger import awards

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    data = tmp_path_factory.mktemp("ledger") / "data"
    entries = awards(6)
    store = LocalStore.open(data)
    try:
        store.replace_reference({"fund_ledger": entries}, "tests")
    finally:
        store.close()
    return data, entries


def export(data: Path, fmt: str, out: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    args = ["export", "ledger", "--format", fmt, "--out", str(out), "--lang", lang, "--data-dir", str(data)]
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_json_package_read_back_equals_the_store_and_adds_up(folder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, entries = folder
    out = tmp_path / "ledger.json"
    assert export(data, "json", out).returncode == 0
    grants = json.loads(out.read_text(encoding="utf-8"))["grants"]
    assert {g["id"] for g in grants} == {e.id for e in entries}
    assert {g["id"]: g["amountAwarded"] for g in grants} == {e.id: e.amountAwarded for e in entries}
    assert sum(g["amountAwarded"] for g in grants) == totals(entries).awarded_irr


def test_the_csv_rows_equal_the_store_and_their_sum_is_the_total(folder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, entries = folder
    out = tmp_path / "ledger.csv"
    result = export(data, "csv", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8-sig")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r.get("Identifier", "").startswith(entries[0].id[:4])]
    assert {r["Identifier"]: int(r["Amount Awarded"]) for r in rows} == {e.id: e.amountAwarded for e in entries}
    assert sum(int(r["Amount Awarded"]) for r in rows) == totals(entries).awarded_irr


def test_the_persian_workbook_has_every_award(folder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, entries = folder
    out = tmp_path / "ledger.xlsx"
    assert export(data, "xlsx", out, lang="fa").returncode == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert all(e.id in values for e in entries)
