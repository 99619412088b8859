"""Reading spreadsheet-like input (CSV sheet exports and XLSX workbooks) as plain string tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sync.errors import ImportFailed

#: How far down a sheet the header row may sit (workbooks often start with a title row).
HEADER_SEARCH_ROWS = 15


@dataclass
class Table:
    """One sheet: its header and its rows as strings, each with the row number a spreadsheet shows."""

    name: str  # "iran_plant_data.csv" or "Plant-level-data.xlsx › Plant data"
    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    #: Free text found beside the data (an "About" sheet): used to recognise the release.
    notes: str = ""

    def has_columns(self, *names: str) -> bool:
        return all(name in self.header for name in names)


def cell_text(value: object) -> str:
    """A cell as the CSV export would spell it, so one parser serves both forms."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d 00:00:00")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _rows_to_table(name: str, path: Path, raw_rows: list[list[str]], signature: set[str]) -> Table | None:
    """Find the header row (the first row holding any signature column) and build the table."""
    for index, row in enumerate(raw_rows[:HEADER_SEARCH_ROWS]):
        cleaned = [c.strip().lstrip("\ufeff") for c in row]
        if signature & set(cleaned):
            header = cleaned
            table = Table(name=name, path=path, header=header)
            for offset, values in enumerate(raw_rows[index + 1 :], start=index + 2):
                if not any(v.strip() for v in values):
                    continue  # blank lines are not rows
                padded = list(values) + [""] * (len(header) - len(values))
                table.rows.append((offset, {h: padded[i].strip() for i, h in enumerate(header) if h}))
            return table
    return None


def read_csv(path: Path, signature: set[str]) -> Table | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path.name} is not UTF-8 text: {exc}", path=str(path)) from exc
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror}", path=str(path)) from exc
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise ImportFailed(f"{path.name} is not valid CSV: {exc}", path=str(path)) from exc
    return _rows_to_table(path.name, path, rows, signature)


def read_xlsx(path: Path, signature: set[str]) -> list[Table]:
    """Every sheet of a workbook that looks like data; other sheets' text becomes notes."""
    from openpyxl import load_workbook  # imported here: only XLSX imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFailed(f"{path.name} is not a readable XLSX workbook: {exc}", path=str(path)) from exc
    tables: list[Table] = []
    notes: list[str] = []
    try:
        for sheet in workbook.worksheets:
            raw = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            table = _rows_to_table(f"{path.name} › {sheet.title}", path, raw, signature)
            if table is None:
                notes.append(" ".join(c for row in raw[:40] for c in row if c))
            else:
                tables.append(table)
    finally:
        workbook.close()
    for table in tables:
        table.notes = " ".join(notes)
    return tables


def iter_input_files(path: Path) -> Iterator[Path]:
    """The CSV, XLSX and text files of a folder tree (or the one file given), in a stable order."""
    if path.is_file():
        yield path
        return
    for child in sorted(path.rglob("*")):
        wanted = child.suffix.lower() in {".csv", ".xlsx", ".txt"}
        # "~$" are Excel's lock files; dot files are hidden
        if wanted and child.is_file() and not child.name.startswith(("~$", ".")):
            yield child
