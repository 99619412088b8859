"""Writes the register templates (docs/registers/*.csv and *.xlsx) from the columns sync/registers.py reads.

Run after changing the columns: ``python tools/build_register_templates.py``. The example rows show
each format; the association replaces them with its own rows.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.registers import (  # noqa: E402
    NEED_COLUMNS,
    NEED_OPTIONAL_COLUMNS,
    SUPPLIER_COLUMNS,
    SUPPLIER_OPTIONAL_COLUMNS,
)

OUT = ROOT / "docs" / "registers"

SUPPLIER_EXAMPLES = [
    {
        "id": "S1042",
        "name_fa": "صنایع نسوز نمونه سپاهان",
        "name_en": "Sepahan Sample Refractory Industries",
        "type": "manufacturer",
        "province": "IR-10",
        "city": "نجف‌آباد",
        "city_en": "Najafabad",
        "lat": "32.6342",
        "lon": "51.3668",
        "categories": "consumables.refractories.shaped;consumables.refractories.monolithic",
        "certificates": "ISO 9001:2027-06-30;ISO 14001:1406/02/01",
        "qualification": "consumables.refractories=approved@2028-03-20",
        "phone": "+98 31 0000 0001",
        "email": "info@sepahan-sample.example",
        "website": "www.sepahan-sample.example",
        "knowledge_based": "yes",
        "size_band": "medium",
        "founded_year": "1377",
        "processes": "",
        "materials": "magnesia-carbon;alumina",
        "largest_part_kg": "",
    },
    {
        "id": "S1043",
        "name_fa": "ریخته‌گری نمونه اراک",
        "name_en": "Arak Sample Foundry",
        "type": "custom_manufacturer",
        "province": "Markazi",
        "city": "Arak",
        "city_en": "",
        "lat": "34.0917",
        "lon": "49.6892",
        "categories": "mechanical.spare_parts.castings;mechanical.rolls",
        "certificates": "ISO 9001:2026-01-31",
        "qualification": "mechanical.spare_parts=visited@2027-12-31;mechanical.rolls=surveyed",
        "phone": "+98 86 0000 0002",
        "email": "sales@arak-sample.example",
        "website": "https://arak-sample.example",
        "knowledge_based": "no",
        "size_band": "small",
        "founded_year": "2004",
        "processes": "casting;heat_treatment;machining",
        "materials": "cast steel;high-chrome iron",
        "largest_part_kg": "12000",
    },
]

NEED_EXAMPLES = [
    {
        "id": "N2031",
        "plant_id": "P100000120584",
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "item_en": "Magnesia-carbon ladle bricks",
        "category": "consumables.refractories.shaped",
        "oem": "RHI Magnesita",
        "part_number": "MC-LADLE-12",
        "annual_qty": "1200",
        "unit": "t",
        "annual_fx_eur": "1,450,000",
        "origin_country": "AT",
        "criticality": "A",
        "status": "published",
        "deadline": "1406/06/31",
        "producer_org": "E100000001959",
        "summary_fa": "آجر دیوارهٔ پاتیل ۱۸۰ تنی؛ نقشه و نمونه موجود است.",
        "summary_en": "Wall bricks of the 180 t ladles; drawings and a sample available.",
        "processes": "",
        "part_weight_kg": "",
    },
    {
        "id": "N2032",
        "plant_id": "P100000120580",
        "item_fa": "غلتک کاری قفسهٔ نهایی",
        "item_en": "Finishing stand work roll",
        "category": "mechanical.rolls.work",
        "oem": "Gontermann-Peipers",
        "part_number": "WR-F6-0711",
        "annual_qty": "40",
        "unit": "piece",
        "annual_fx_eur": "1600000",
        "origin_country": "DE",
        "criticality": "B",
        "status": "open",
        "deadline": "2027-09-01",
        "producer_org": "",
        "summary_fa": "",
        "summary_en": "",
        "processes": "casting;machining;heat_treatment",
        "part_weight_kg": "9500",
    },
]


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # UTF-8 with a byte-order mark: Excel opens Persian text correctly only then
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def write_xlsx(path: Path, title: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(12, len(column) + 4)
    # fixed timestamps, so rebuilding the templates changes nothing when the columns did not
    workbook.properties.created = workbook.properties.modified = __import__("datetime").datetime(2026, 12, 1)
    workbook.save(path)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    suppliers = [*SUPPLIER_COLUMNS, *SUPPLIER_OPTIONAL_COLUMNS]
    needs = [*NEED_COLUMNS, *NEED_OPTIONAL_COLUMNS]
    write_csv(OUT / "suppliers-template.csv", suppliers, SUPPLIER_EXAMPLES)
    write_xlsx(OUT / "suppliers-template.xlsx", "suppliers", suppliers, SUPPLIER_EXAMPLES)
    write_csv(OUT / "needs-template.csv", needs, NEED_EXAMPLES)
    write_xlsx(OUT / "needs-template.xlsx", "needs", needs, NEED_EXAMPLES)
    print(f"wrote the register templates to {OUT}")


if __name__ == "__main__":
    main()
