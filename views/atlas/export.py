"""The atlas as a member sees it, exported: their filter, their language, figures as numbers with units.

The columns are the atlas's; the file is written by the one export of every list (views/shell/export.py).
No flet and no store here: the app state and the command line hand in the assets and sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from models.atlas import Asset, Mine, Source
from models.enums import Process, Status
from models.quantity import Certainty
from views.shell import i18n, labels
from views.shell.export import About, Column, ExportFailed, SourceLine, Table, file_name, to_xlsx
from views.shell.i18n import Lang

__all__ = ["ExportFailed", "atlas_table", "atlas_workbook", "export_file_name"]


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


def export_file_name(day: dt.date, lang: Lang, extension: str = "xlsx") -> str:
    """``zanjireh-atlas-1405-09-07.xlsx`` in Persian, ``zanjireh-atlas-2026-11-28.xlsx`` in English."""
    return file_name("atlas", day, lang, extension)


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


def atlas_columns(lang: Lang, sources: dict[str, Source]) -> list[Column[Asset]]:
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


def atlas_table(assets: Iterable[Asset], sources: Sequence[Source], lang: Lang, filter_text: str = "") -> Table[Asset]:
    """The assets as a table: one row each; the about-sheet names every source, its licence and its date."""
    by_id = {s.id: s for s in sources}
    lines = [
        SourceLine(
            source.attribution + (f" ({i18n.t('export_demo', lang)})" if source.is_demo else ""),
            source.licence,
            i18n.month_year(source.as_of, lang),
            source.url,
        )
        for source in sources
    ]
    return Table(
        title=i18n.t("export_sheet_atlas", lang),
        columns=atlas_columns(lang, by_id),
        rows=list(assets),
        about=About(summary=filter_text, sources=lines),
        lang=lang,
        freeze="C2",
    )


def atlas_workbook(assets: Iterable[Asset], sources: Sequence[Source], lang: Lang, filter_text: str = "") -> bytes:
    """The assets as an XLSX workbook: one row each, then a sheet naming every source and its licence."""
    return to_xlsx(atlas_table(assets, sources, lang, filter_text))
