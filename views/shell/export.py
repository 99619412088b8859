"""One way to export any list (the atlas, suppliers, needs) to CSV or Excel, in the member's language.

A feature says what its columns are (``Column``: a header and how to read a row's cell) and what the
export must say about itself (``About``: the filter in words, the sources with their licences and as-of
dates, the demo note); this module writes the file. No flet and no store here: the app state and the
command line hand in the rows and get the bytes back (the app saves them through the file picker, the
command line to a path).

- **XLSX**: the rows on the first sheet (right-to-left in Persian, numbers as numbers, the header frozen),
  and a second sheet saying how many rows, which filter, every source with its licence and date, and
  the notes (what is demo).
- **CSV** (UTF-8 with a byte-order mark, so Excel on Windows opens Persian as Persian): the header and the
  rows, then one empty line, then the same about-lines as the second sheet. A program reading the table
  stops at the first empty line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sync.errors import ZanjirehError
from views.shell import i18n
from views.shell.i18n import Lang

T = TypeVar("T")
FORMATS = ("csv", "xlsx")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ExportFailed(ZanjirehError):
    """The file could not be made, or the device did not take it (the app state words it)."""

    code = "export_failed"


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header (in the member's language) and how to read a row's cell."""

    header: str
    value: Callable[[T], object]
    width: int = 18


@dataclass(frozen=True)
class SourceLine:
    """A source the rows come from, as the about-sheet names it."""

    attribution: str
    licence: str
    as_of: str
    url: str = ""


@dataclass(frozen=True)
class About:
    """What an export says about itself: how it was chosen, where its rows come from, what is made up."""

    summary: str  # the filter, search and order in words
    sources: Sequence[SourceLine] = ()
    notes: Sequence[str] = ()  # "N rows are demo data: …"


@dataclass(frozen=True)
class Table(Generic[T]):
    """A list ready to be written: its sheet's title, columns, rows and about-lines."""

    title: str
    columns: Sequence[Column[T]]
    rows: Sequence[T]
    about: About
    lang: Lang
    #: the first cells frozen in the sheet (the header row and the columns that name a row)
    freeze: str = "B2"


@dataclass(frozen=True)
class FileExport:
    """A made file and the name to offer it under."""

    file_name: str
    data: bytes
    rows: int
    format: str = "xlsx"
    extra: dict[str, Any] = field(default_factory=dict)


def file_name(what: str, day: dt.date, lang: Lang, extension: str) -> str:
    """``zanjireh-suppliers-1405-09-07.csv`` in Persian, ``zanjireh-suppliers-2026-11-28.csv`` in English: the
    date in the member's calendar, in ASCII digits (a file name travels to systems that mangle others)."""
    if lang == "fa":
        jalali = i18n.gregorian_to_jalali(day)
        stamp = f"{jalali.year:04d}-{jalali.month:02d}-{jalali.day:02d}"
    else:
        stamp = day.isoformat()
    return f"zanjireh-{what}-{stamp}.{extension}"


def about_lines(table: Table[Any]) -> list[list[object]]:
    """The about-sheet's rows: the count and the filter, the sources with their licences, the notes."""
    lang = table.lang
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand
    lines: list[list[object]] = [[t("export_rows", count=i18n.digits(str(len(table.rows)), lang)), table.about.summary]]
    lines.append([])
    lines.append([t("export_source"), t("export_licence"), t("export_as_of"), t("export_url")])
    lines += [[s.attribution, s.licence, s.as_of, s.url] for s in table.about.sources]
    if table.about.notes:
        lines.append([])
        lines += [[note] for note in table.about.notes]
    return lines


def cells(table: Table[Any]) -> list[list[object]]:
    """The table's rows of cell values (what both formats write)."""
    return [[column.value(row) for column in table.columns] for row in table.rows]


def to_xlsx(table: Table[Any]) -> bytes:
    """The table as an Excel workbook: the rows, then a sheet saying what they are and where they come from."""
    rtl = table.lang == "fa"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]
    sheet.sheet_view.rightToLeft = rtl
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in cells(table):
        sheet.append(values)
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = table.freeze
    about = workbook.create_sheet(i18n.t("export_sheet_sources", table.lang)[:31])
    about.sheet_view.rightToLeft = rtl
    for line in about_lines(table):
        about.append(line)
    for cell in about[3]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (80, 14, 28, 60), strict=True):
        about.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table[Any]) -> bytes:
    """The table as CSV: header, rows, an empty line, then the about-lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    writer.writerows([["" if v is None else v for v in row] for row in cells(table)])
    writer.writerow([])
    writer.writerows(about_lines(table))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write(table: Table[Any], fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(table)
    raise ExportFailed(f"unknown format {fmt!r} (csv or xlsx)")


def read_csv_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a CSV this module wrote (up to the empty line): how a program reads it back."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    header = next(reader)
    rows: list[list[str]] = []
    for row in reader:
        if not row:
            break
        rows.append(row)
    return header, rows
