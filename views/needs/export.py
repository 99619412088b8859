"""The needs as a member filtered them, exported: one row per need, in their language, demo rows marked.

The columns are the needs'; the file is written by the one export of every list (views/shell/export.py).
No flet and no store: the state and the command line hand in the needs.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.needs import Need
from views.shell import i18n, labels
from views.shell.directory_data import DirectorySnapshot
from views.shell.directory_labels import (
    category_name,
    country_name,
    criticality_name,
    directory_sources,
    place_name,
    status_name,
)
from views.shell.export import About, Column, Table
from views.shell.i18n import Lang


def need_columns(directory: DirectorySnapshot, lang: Lang) -> list[Column[Need]]:
    t = lambda key: i18n.t(key, lang)  # noqa: E731 - a local shorthand for the many headers
    index, tree = directory.needs, directory.tree

    def plant(n: Need) -> str:
        return place_name(index.place(n.plant_id), n.plant_id, lang)

    def province(n: Need) -> str:
        return labels.province_name(index.province_of(n), lang) or ""

    def answers(n: Need) -> int:
        return len(directory.answers_to(n.id))

    return [
        Column(t("needs_export_id"), lambda n: n.id, 14),
        Column(t("needs_export_item_fa"), lambda n: n.item_fa, 40),
        Column(t("needs_export_item_en"), lambda n: n.item_en or "", 40),
        Column(t("export_demo_column"), lambda n: i18n.t("export_yes" if n.demo else "export_no", lang), 8),
        Column(t("needs_filter_status"), lambda n: status_name(n.status, lang), 18),
        Column(t("needs_filter_category"), lambda n: category_name(n.category, lang, tree), 26),
        Column(t("needs_export_plant_id"), lambda n: n.plant_id, 16),
        Column(t("needs_filter_plant"), plant, 32),
        Column(t("province"), province, 16),
        Column(t("needs_export_producer"), lambda n: n.producer_org, 16),
        Column(t("needs_export_oem"), lambda n: n.oem or "", 20),
        Column(t("needs_export_part_number"), lambda n: n.part_number or "", 18),
        Column(t("needs_export_quantity"), lambda n: n.annual_qty, 12),
        Column(t("needs_export_unit"), lambda n: n.unit.value if n.unit else "", 8),
        Column(t("needs_export_spend"), lambda n: n.annual_fx_eur, 16),
        Column(t("needs_export_origin"), lambda n: country_name(n.origin_country, lang), 14),
        Column(t("needs_filter_criticality"), lambda n: criticality_name(n.criticality, lang), 14),
        Column(t("needs_export_deadline"), lambda n: i18n.date(n.deadline, lang) if n.deadline else "", 14),
        Column(t("needs_export_answers"), answers, 10),
    ]


def need_table(
    needs: Sequence[Need], directory: DirectorySnapshot, lang: Lang, summary: str, as_of: str | None
) -> Table[Need]:
    demo = sum(1 for n in needs if n.demo)
    sources, notes = directory_sources(demo, len(needs) - demo, lang, as_of, what="needs")
    return Table(
        title=i18n.t("needs_export_sheet", lang),
        columns=need_columns(directory, lang),
        rows=list(needs),
        about=About(summary=summary, sources=sources, notes=notes),
        lang=lang,
        freeze="C2",
    )
