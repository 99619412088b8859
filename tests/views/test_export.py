"""The Excel export: what the member filtered, in their language, figures as numbers, every source named."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from models.atlas_query import AtlasFilter, AtlasIndex
from models.enums import Process, Status
from models.names import is_persian_text
from sync.atlas_import import import_gem_into_store
from sync.store import LocalStore
from views.atlas.export import atlas_workbook

ROOT = Path(__file__).resolve().parents[2]


def gem_store(shared_data: Path) -> LocalStore:
    store = LocalStore.in_memory()
    import_gem_into_store(store, shared_data)
    return store


def test_export_in_persian_is_right_to_left_with_numbers_and_sources(shared_data: Path) -> None:
    store = gem_store(shared_data)
    dri_building = AtlasFilter(processes=frozenset({Process.DRI}), statuses=frozenset({Status.CONSTRUCTION}))
    assets = AtlasIndex.build([*store.plants.all(), *store.mines.all()]).search(dri_building)
    workbook = load_workbook(io.BytesIO(atlas_workbook(assets, store.sources.all(), "fa")))
    atlas, sources = workbook.worksheets
    assert atlas.sheet_view.rightToLeft and atlas.title == "اطلس"
    header = [c.value for c in atlas[1]]
    column = header.index("آهن اسفنجی (DRI) — در دست ساخت (هزار تن در سال)")
    values = [row[column] for row in atlas.iter_rows(min_row=2, values_only=True)]
    assert len(values) == len(assets)
    numbers = [v for v in values if isinstance(v, int | float)]
    texts = [v for v in values if isinstance(v, str)]
    assert sum(numbers) == 10_860  # the construction DRI GEM gives, summable in Excel
    assert texts == ["بیش از صفر، مقدار نامعلوم"]  # Pasargad's ">0", in words, never a number
    attributions = [row[0] for row in sources.iter_rows(min_row=4, values_only=True)]
    assert "Global Energy Monitor, Global Iron and Steel Tracker, September 2025 (V1) release." in attributions


def test_export_command_writes_the_filtered_atlas_in_english(shared_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    imported = subprocess.run([sys.executable, "main.py", "import-gem", str(shared_data), "--data-dir", str(data)],
                              cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert imported.returncode == 0
    out = tmp_path / "isfahan.xlsx"
    done = subprocess.run([sys.executable, "main.py", "export-atlas", str(out), "--lang", "en", "--province",
                           "IR-10", "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0 and "Wrote 4 rows" in done.stdout
    atlas = load_workbook(out).worksheets[0]
    assert not atlas.sheet_view.rightToLeft
    province = [c.value for c in atlas[1]].index("Province")
    provinces = {row[province] for row in atlas.iter_rows(min_row=2, values_only=True)}
    assert provinces == {"Isfahan"}
    bad = subprocess.run([sys.executable, "main.py", "export-atlas", str(out), "--status", "sleeping",
                          "--data-dir", str(data)], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert bad.returncode != 0 and "sleeping" in bad.stderr


def test_export_names_owners_and_towns_in_persian_and_in_english(shared_data: Path) -> None:
    store = gem_store(shared_data)
    assets = AtlasIndex.build([*store.plants.all(), *store.mines.all()]).search(AtlasFilter())
    by_language = {}
    for lang in ("fa", "en"):
        atlas = load_workbook(io.BytesIO(atlas_workbook(assets, store.sources.all(), lang))).worksheets[0]
        header = [c.value for c in atlas[1]]
        by_language[lang] = [
            dict(zip(header, row, strict=True)) for row in atlas.iter_rows(min_row=2, values_only=True)
        ]

    gol_gohar = next(r for r in by_language["fa"] if r["شناسهٔ GEM"] == "P100000128556")
    assert gol_gohar["نام فارسی"] == "معدن سنگ آهن گل‌گهر"
    assert gol_gohar["مالکان (فارسی)"] == "شرکت معدنی و صنعتی گل‌گهر"
    assert gol_gohar["مالکان (انگلیسی)"] == "Gol-E-Gohar Mining and Industrial Co"
    assert (gol_gohar["شهر (فارسی)"], gol_gohar["شهر (انگلیسی)"]) == ("سیرجان", "Sirjan")
    english = next(r for r in by_language["en"] if r["GEM ID"] == "P100000128556")
    assert (english["Town (Persian)"], english["Owners (English)"]) == (
        "سیرجان",
        "Gol-E-Gohar Mining and Industrial Co",
    )
    for row in by_language["fa"]:  # every plant and mine: its owners and town in Persian script
        assert is_persian_text(row["مالکان (فارسی)"].replace("؛", "")) and is_persian_text(row["شهر (فارسی)"]), row
