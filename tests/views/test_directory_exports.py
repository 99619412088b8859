"""Exports of the directory and the needs read back with the libraries that read them — csv, openpyxl, a PDF text
extractor — equal the store; a supplier's profile is rendered to a PNG to be looked at."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from models.need_query import NeedFilter
from models.search import normalize
from models.supplier_query import SupplierFilter
from sync.store import LocalStore
from tests.views.directory_world import NEXT_YEAR, SEPAHAN, SEPAHAN_NEED, directory_store
from views.needs.export import need_table
from views.shell import i18n, labels
from views.shell.directory_data import DirectoryData
from views.shell.export import read_csv_table, write
from views.suppliers.export import supplier_table
from views.suppliers.profile_pdf import pdf_available, supplier_pdf

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def store(shared_data: Path) -> LocalStore:
    return directory_store(shared_data, suppliers=400)


def xlsx_rows(data: bytes) -> tuple[list[str], list[list[object]], list[tuple[object, ...]]]:
    book = load_workbook(io.BytesIO(data))
    table, about = book.worksheets
    rows = [list(r) for r in table.iter_rows(values_only=True)]
    return [str(c) for c in rows[0]], rows[1:], list(about.iter_rows(values_only=True))


def test_suppliers_to_csv_and_xlsx_equal_the_store_row_for_row(store: LocalStore) -> None:
    directory = DirectoryData.of(store).snapshot()
    chosen = directory.suppliers.search(SupplierFilter(categories=frozenset({"consumables.refractories"})))
    assert len(chosen) > 10
    for lang in ("fa", "en"):
        table = supplier_table(chosen, directory, lang, "summary", store.suppliers.state.updated_at)
        header, csv_rows = read_csv_table(write(table, "csv"))
        x_header, x_rows, about = xlsx_rows(write(table, "xlsx"))
        assert header == x_header and len(csv_rows) == len(x_rows) == len(chosen)
        name_fa = header.index(i18n.t("export_name_fa", lang))
        province = header.index(i18n.t("province", lang))
        demo = header.index(i18n.t("export_demo_column", lang))
        for supplier, row, x_row in zip(chosen, csv_rows, x_rows, strict=True):
            stored = store.suppliers.get(row[0])
            # the list's rows, exported as the full records the store holds, in the list's order
            assert stored is not None and stored.id == supplier.id == x_row[0]
            assert stored == directory.suppliers.get(supplier.id)
            assert row[name_fa] == x_row[name_fa] == stored.name_fa
            assert row[province] == labels.province_name(stored.province, lang)
            assert row[demo] == i18n.t("export_yes" if stored.demo else "export_no", lang)
        demo_rows = sum(1 for s in chosen if s.demo)
        notes = [line[0] for line in about if line and line[0]]
        assert i18n.t("export_demo_rows", lang, count=i18n.number(demo_rows, lang)) in notes
        assert i18n.t("directory_register_source", lang) in notes  # Sepahan is the register's


def test_needs_to_csv_and_xlsx_equal_the_store(store: LocalStore) -> None:
    directory = DirectoryData.of(store).snapshot()
    needs = directory.needs.search(NeedFilter())
    table = need_table(needs, directory, "fa", "", store.needs.state.updated_at)
    header, rows = read_csv_table(write(table, "csv"))
    _, x_rows, _ = xlsx_rows(write(table, "xlsx"))
    assert [r[0] for r in rows] == [r[0] for r in x_rows] == [n.id for n in needs]
    quantity = header.index("مقدار سالانه")
    unit = header.index("واحد")
    for row, x_row in zip(rows, x_rows, strict=True):
        need = store.needs.get(row[0])
        assert need is not None and row[1] == need.item_fa
        assert x_row[quantity] == need.annual_qty and row[unit] == (need.unit.value if need.unit else "")
    sepahan = next(r for r in rows if r[0] == SEPAHAN_NEED)
    assert "فولاد مبارکه" in " ".join(sepahan) and "حیاتی (A)" in sepahan


def pdf_words(data: bytes) -> str:
    return normalize(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.slow
@pytest.mark.skipif(not pdf_available(), reason="HarfBuzz (uharfbuzz) is not installed")
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_supplier_profile_pdf_holds_its_facts_and_is_rendered_to_look_at(store: LocalStore, lang: str) -> None:
    directory = DirectoryData.of(store).snapshot()
    supplier = directory.suppliers.get(SEPAHAN)
    assert supplier is not None
    data = supplier_pdf(supplier, directory, lang, made_on=directory.day, source="source line")
    words = pdf_words(data)
    name = supplier.name_fa if lang == "fa" else supplier.name_en or ""
    assert all(word in words for word in normalize(name).split())
    assert "iso 9001" in words and normalize(supplier.phone or "") in words
    valid_until = normalize(i18n.date(NEXT_YEAR, lang, with_gregorian=lang == "fa"))
    assert all(part in words for part in valid_until.split())  # the certificate's validity, in the language's dates
    demo = supplier_pdf(directory.suppliers.get("S-DEMO-000001"), directory, lang, made_on=directory.day, source="")
    banner = i18n.t("pdf_demo_banner", lang)
    assert all(word in pdf_words(demo) for word in normalize(banner).split())
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = pypdfium2.PdfDocument(data)[0]
    page.render(scale=1.6).to_pil().save(SHOTS / f"70_supplier_profile_pdf_{lang}.png")
    demo_page = pypdfium2.PdfDocument(demo)[0]
    demo_page.render(scale=1.6).to_pil().save(SHOTS / f"71_demo_supplier_profile_pdf_{lang}.png")


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_export_command_writes_every_list_and_a_profile(shared_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    directory_store(shared_data, suppliers=200, folder=data).close()
    for what, fmt in (("suppliers", "csv"), ("needs", "xlsx"), ("plants", "csv"), ("mines", "xlsx")):
        out = tmp_path / f"{what}.{fmt}"
        done = run_main("export", what, "--format", fmt, "--out", str(out), "--lang", "en", "--data-dir", str(data))
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Wrote ") and out.exists()
    header, rows = read_csv_table((tmp_path / "suppliers.csv").read_bytes())
    assert header[:3] == ["ID", "Persian name", "English name"] and len(rows) == 201
    _, plants, _ = xlsx_rows((tmp_path / "mines.xlsx").read_bytes())
    assert plants and all(row[3] == "Iron-ore mine" for row in plants)
    narrowed = tmp_path / "refractories.csv"
    done = run_main(
        "export",
        "suppliers",
        "--format",
        "csv",
        "--out",
        str(narrowed),
        "--category",
        "consumables.refractories",
        "--province",
        "IR-10",
        "--lang",
        "fa",
        "--data-dir",
        str(data),
    )
    assert done.returncode == 0
    _, rows = read_csv_table(narrowed.read_bytes())
    assert SEPAHAN in [r[0] for r in rows] and all(r[7] == "اصفهان" for r in rows)
    if pdf_available():
        pdf = tmp_path / "sepahan.pdf"
        done = run_main("export", "supplier", SEPAHAN, "--format", "pdf", "--out", str(pdf), "--data-dir", str(data))
        assert done.returncode == 0, done.stderr
        assert "sepahan" in pdf_words(pdf.read_bytes())
    wrong = run_main(
        "export", "supplier", "S404", "--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--data-dir", str(data)
    )
    assert wrong.returncode == 2 and "S404" in wrong.stderr
    bad = run_main("export", "suppliers", "--format", "pdf", "--out", str(tmp_path / "x.pdf"), "--data-dir", str(data))
    assert bad.returncode == 2 and "csv or xlsx" in bad.stderr
