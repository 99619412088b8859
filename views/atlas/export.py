"""Excel exports of the atlas as a member sees it: their filter, their language, figures as numbers with units.

No flet and no store here: the app state and the command line hand in the assets and sources, and
get the workbook's bytes back (the app saves them through the file picker, the CLI to a path).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from models.atlas import Asset, Mine, Source
from models.enums import Process, Status
from models.quantity import Certainty
from sync.errors import ZanjirehError
from views.shell import i18n, labels
from views.shell.i18n import Lang

#: The capacity columns: process × status, in chain order (the nominal totals last).
EXPORT_PROCESSES: tuple[Process, ...] = (
    Process.IRON_ORE,
    Process.PELLET,
    Process.SINTER,
    Process.DRI,
    Process.BF,
    Process.EAF,
    Process.BOF,
    Process.STEEL_OTHER,
    Process.CRUDE_STEEL,
)
EXPORT_STATUSES: tuple[Status, ...] = (Status.OPERATING, Status.CONSTRUCTION, Status.ANNOUNCED, Status.UNKNOWN)


class ExportFailed(ZanjirehError):
    """The workbook could not be made, or the device did not take the file (the app state words it)."""

    code = "export_failed"


def export_file_name(day: dt.date, lang: Lang) -> str:
    """``zanjireh-atlas-1405-09-07.xlsx`` in Persian, ``zanjireh-atlas-2026-11-28.xlsx`` in English: the date in
    the member's calendar, in ASCII digits (a file name travels to systems and shells that mangle others)."""
    if lang == "fa":
        jalali = i18n.gregorian_to_jalali(day)
        stamp = f"{jalali.year:04d}-{jalali.month:02d}-{jalali.day:02d}"
    else:
        stamp = day.isoformat()
    return f"zanjireh-atlas-{stamp}.xlsx"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Asset], object]
    width: int = 18


def _capacity(process: Process, status: Status, lang: Lang) -> Callable[[Asset], object]:
    def value(asset: Asset) -> object:
        amounts = [c.amount_ktpa for c in asset.capacities if c.process is process and c.status is status]
        if not amounts:
            return None
        known = [a.value for a in amounts if a.value is not None]
        if len(known) == len(amounts):
            return sum(known)  # a number Excel can sum, the unit is in the header
        if any(a.certainty is Certainty.POSITIVE_UNKNOWN for a in amounts):
            return i18n.t("amount_positive_unknown", lang)
        return i18n.t("amount_unknown", lang)

    return value


def atlas_columns(lang: Lang, sources: dict[str, Source]) -> list[Column]:
    t = lambda key: i18n.t(key, lang)  # noqa: E731 - a local shorthand for the many headers

    def source_of(asset: Asset) -> str:
        source = sources.get(asset.source_id)
        return source.attribution if source else asset.source_id

    def as_of(asset: Asset) -> str:
        source = sources.get(asset.source_id)
        return i18n.month_year(source.as_of, lang) if source else ""

    columns = [
        Column(t("export_id"), lambda a: a.id, 16),
        Column(t("export_name_fa"), lambda a: a.name_fa or "", 34),
        Column(t("export_name_en"), lambda a: a.name_en, 40),
        Column(t("export_kind"), lambda a: labels.kind_name(a.kind, lang), 10),
        Column(t("export_owners_fa"), lambda a: labels.owners_line(a, "fa"), 36),
        Column(t("export_owners_en"), lambda a: labels.owners_line(a, "en"), 36),
        Column(t("export_province"), lambda a: labels.province_name(a.place.province, lang) or "", 18),
        Column(t("export_municipality_fa"), lambda a: a.place.municipality_fa or "", 16),
        Column(t("export_municipality_en"), lambda a: a.place.municipality or "", 16),
        Column(t("export_latitude"), lambda a: a.place.point.lat if a.place.point else None, 10),
        Column(t("export_longitude"), lambda a: a.place.point.lon if a.place.point else None, 10),
        Column(
            t("export_mine_status"),
            lambda a: labels.status_name(a.status, lang) if isinstance(a, Mine) else "",
            14,
        ),
    ]
    for process in EXPORT_PROCESSES:
        for status in EXPORT_STATUSES:
            header = i18n.t(
                "export_capacity_header",
                lang,
                process=labels.process_name(process, lang),
                status=labels.status_name(status, lang),
            )
            columns.append(Column(header, _capacity(process, status, lang), 16))
    columns += [Column(t("export_source"), source_of, 50), Column(t("export_as_of"), as_of, 18)]
    return columns


def atlas_workbook(assets: Iterable[Asset], sources: Sequence[Source], lang: Lang, filter_text: str = "") -> bytes:
    """The assets as an XLSX workbook: one row each, then a sheet naming every source and its licence."""
    by_id = {s.id: s for s in sources}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = i18n.t("export_sheet_atlas", lang)[:31]
    sheet.sheet_view.rightToLeft = lang == "fa"
    columns = atlas_columns(lang, by_id)
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rows = 0
    for asset in assets:
        sheet.append([c.value(asset) for c in columns])
        rows += 1
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C2"
    about = workbook.create_sheet(i18n.t("export_sheet_sources", lang)[:31])
    about.sheet_view.rightToLeft = lang == "fa"
    about.append([i18n.t("export_rows", lang, count=i18n.digits(str(rows), lang)), filter_text])
    about.append([])
    about.append([i18n.t(k, lang) for k in ("export_source", "export_licence", "export_as_of", "export_url")])
    for cell in about[3]:
        cell.font = Font(bold=True)
    for source in sources:
        demo = f" ({i18n.t('export_demo', lang)})" if source.is_demo else ""
        about.append([source.attribution + demo, source.licence, i18n.month_year(source.as_of, lang), source.url])
    about.column_dimensions["A"].width = 80
    about.column_dimensions["B"].width = 14
    about.column_dimensions["C"].width = 28
    about.column_dimensions["D"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
