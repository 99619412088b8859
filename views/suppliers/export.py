"""The directory as a member filtered it, exported: one row per supplier, in their language, demo rows marked.

The columns are the directory's; the file is written by the one export of every list
(views/shell/export.py). No flet and no store: the state and the command line hand in the suppliers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from models.match_words import scheme_words
from models.supplier_rows import SupplierRow
from models.suppliers import Supplier
from views.shell import i18n, labels
from views.shell.directory_data import DirectorySnapshot
from views.shell.directory_labels import (
    categories_line,
    certificate_words,
    company_type_name,
    directory_sources,
    qualification_name,
    size_name,
)
from views.shell.export import About, Column, Table
from views.shell.i18n import Lang


def _yes_no(value: bool, lang: Lang) -> str:
    return i18n.t("export_yes" if value else "export_no", lang)


def _city(supplier: Supplier, lang: Lang) -> str:
    return (
        (supplier.city_fa or supplier.city_en or "") if lang == "fa" else (supplier.city_en or supplier.city_fa or "")
    )


def supplier_columns(
    directory: DirectorySnapshot, lang: Lang, distances: Mapping[str, float] | None = None
) -> list[Column[Supplier]]:
    t = lambda key: i18n.t(key, lang)  # noqa: E731 - a local shorthand for the many headers
    day, tree = directory.day, directory.tree
    list_sep = "؛ " if lang == "fa" else "; "

    def certificates(s: Supplier) -> str:
        valid = [c for c in s.certificates if c.is_valid_on(day)]
        return list_sep.join(f"{scheme_words(c.scheme, lang)} — {certificate_words(c, day, lang)}" for c in valid)

    def standing(s: Supplier) -> str:
        parts = []
        for q in s.qualifications:
            state = q.state_on(day)
            words = f"{qualification_name(state, lang)}: {categories_line((q.category,), lang, tree)}"
            if q.expires is not None:
                words += f" ({i18n.t('suppliers_until', lang, date=i18n.date(q.expires, lang))})"
            parts.append(words)
        return list_sep.join(parts) or qualification_name(directory.suppliers.best_standing(s.id), lang)

    def products(s: Supplier) -> str:
        names = [(p.name_fa or p.name_en) if lang == "fa" else (p.name_en or p.name_fa) for p in s.products]
        return list_sep.join(n for n in names if n)

    columns: list[Column[Supplier]] = [
        Column(t("suppliers_export_id"), lambda s: s.id, 16),
        Column(t("export_name_fa"), lambda s: s.name_fa, 36),
        Column(t("export_name_en"), lambda s: s.name_en or "", 36),
        Column(t("export_demo_column"), lambda s: _yes_no(s.demo, lang), 8),
        Column(t("suppliers_column_type"), lambda s: company_type_name(s.company_type, lang), 18),
        Column(t("knowledge_based"), lambda s: _yes_no(s.knowledge_based, lang), 10),
        Column(t("suppliers_filter_size"), lambda s: size_name(s.size_band, lang), 18),
        Column(t("province"), lambda s: labels.province_name(s.province, lang) or "", 16),
        Column(t("suppliers_export_city"), lambda s: _city(s, lang), 16),
        Column(t("suppliers_export_categories"), lambda s: categories_line(s.categories, lang, tree), 40),
        Column(t("suppliers_export_certificates"), certificates, 40),
        Column(t("suppliers_column_standing"), standing, 40),
        Column(t("suppliers_export_products"), products, 40),
        Column(t("suppliers_export_phone"), lambda s: s.phone or "", 18),
        Column(t("suppliers_export_email"), lambda s: s.email or "", 28),
        Column(t("suppliers_export_website"), lambda s: s.website or "", 30),
        Column(t("export_latitude"), lambda s: s.lat, 10),
        Column(t("export_longitude"), lambda s: s.lon, 10),
        Column(t("suppliers_export_founded"), lambda s: s.founded_year, 10),
    ]
    if distances is not None:
        columns.append(
            Column(t("suppliers_export_distance"), lambda s: _rounded(distances.get(s.id)), 14),
        )
    return columns


def _rounded(km: float | None) -> float | None:
    return None if km is None else round(km, 1)


def supplier_table(
    shown: Sequence[Supplier | SupplierRow],
    directory: DirectorySnapshot,
    lang: Lang,
    summary: str,
    as_of: str | None,
    distances: Mapping[str, float] | None = None,
) -> Table[Supplier]:
    """The suppliers ``shown`` (a list's rows, or full records), in that order, as a table of their full records."""
    suppliers = directory.suppliers.records(shown)
    demo = sum(1 for s in suppliers if s.demo)
    sources, notes = directory_sources(demo, len(suppliers) - demo, lang, as_of)
    return Table(
        title=i18n.t("suppliers_export_sheet", lang),
        columns=supplier_columns(directory, lang, distances),
        rows=list(suppliers),
        about=About(summary=summary, sources=sources, notes=notes),
        lang=lang,
        freeze="C2",
    )
