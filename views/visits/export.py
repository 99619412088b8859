"""Visits as a list, exported to CSV or XLSX: one row per visit, in the reader's language, demo rows marked.

The columns are the visits'; the file is written by the one export of every list (views/shell/export.py).
No flet and no store: the state and the command line hand in the visits (``sync.fieldwork.VisitDetail``).
"""

from __future__ import annotations

from collections.abc import Sequence

from models.categories import CategoryTree
from sync.fieldwork import VisitDetail
from views.shell import i18n
from views.shell.directory_labels import categories_line, supplier_name
from views.shell.export import About, Column, SourceLine, Table
from views.shell.i18n import Lang


def visit_columns(tree: CategoryTree, lang: Lang) -> list[Column[VisitDetail]]:
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand for the headers
    yes, no = t("export_yes"), t("export_no")

    def day(value: object) -> str:
        return i18n.date(value, lang) if value is not None else ""  # type: ignore[arg-type]

    def supplier(d: VisitDetail) -> str:
        return supplier_name(d.summary.supplier, lang) if d.summary.supplier is not None else ""

    def checklist(d: VisitDetail) -> str:
        return (
            d.template.title.get(lang) + f" ({d.template.version})" if d.template is not None else d.visit.template_key
        )

    def percent(d: VisitDetail) -> float | None:
        return None if d.score is None or d.score.percent is None else round(d.score.percent, 1)

    def far(d: VisitDetail) -> str:
        return "" if not d.location.known else (yes if d.location.far else no)

    return [
        Column(t("visits_export_id"), lambda d: d.visit.id, 38),
        Column(t("visits_export_supplier_id"), lambda d: d.visit.supplier_id, 14),
        Column(t("visits_export_supplier"), supplier, 36),
        Column(t("export_demo_column"), lambda d: yes if d.visit.demo else no, 8),
        Column(t("visits_export_categories"), lambda d: categories_line(d.visit.categories, lang, tree), 32),
        Column(t("visits_export_checklist"), checklist, 28),
        Column(t("visits_export_state"), lambda d: t(f"visit_state_{d.summary.state.value}"), 16),
        Column(t("visits_export_planned"), lambda d: day(d.visit.planned_on), 14),
        Column(t("visits_export_visited"), lambda d: day(d.visit.visited_on), 14),
        Column(t("visits_export_author"), lambda d: d.summary.author or "", 14),
        Column(t("visits_export_percent"), percent, 10),
        Column(
            t("visits_export_suggested"), lambda d: t(f"visit_outcome_{d.score.suggested.value}") if d.score else "", 18
        ),
        Column(
            t("visits_export_proposal"),
            lambda d: t(f"visit_outcome_{d.visit.proposal.outcome.value}") if d.visit.proposal else "",
            18,
        ),
        Column(
            t("visits_export_distance"),
            lambda d: None if d.location.distance_km is None else round(d.location.distance_km, 2),
            12,
        ),
        Column(t("visits_export_far"), far, 10),
        Column(
            t("visits_export_decision"),
            lambda d: t(f"visit_outcome_{d.decision.outcome.value}") if d.decision else "",
            18,
        ),
        Column(t("visits_export_decided_at"), lambda d: day(d.decision.decided_at.date()) if d.decision else "", 14),
        Column(t("visits_export_photos"), lambda d: len(d.visit.photos), 8),
    ]


def visit_table(
    visits: Sequence[VisitDetail], tree: CategoryTree, lang: Lang, summary: str, as_of: str | None
) -> Table[VisitDetail]:
    """The visits with what the file must say about them: where they come from, that they are internal, what is demo."""
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731
    received = as_of[:10] if as_of else t("as_of_never")
    source = SourceLine(attribution=t("visits_export_source", as_of=received), licence=t("visits_export_licence"),
                        as_of=received)  # fmt: skip
    demo = sum(1 for d in visits if d.visit.demo)
    count = i18n.digits(str(demo), lang)
    notes = [t("export_demo_rows", count=count) if demo else t("export_no_demo_rows"), t("visit_report_internal")]
    return Table(
        title=t("visits_export_sheet"),
        columns=visit_columns(tree, lang),
        rows=list(visits),
        about=About(summary=summary, sources=[source], notes=notes),
        lang=lang,
        freeze="C2",
    )
