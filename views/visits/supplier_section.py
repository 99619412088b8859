"""On a supplier's screen: its field visits, every change of its standing (who, when, which visit), the
decisions and conditions it may read, and "start a visit" for field staff (views/app.py puts it there)."""

from __future__ import annotations

import flet as ft

from models.suppliers import Supplier
from views.shell import i18n, paths
from views.shell.directory_labels import category_name, qualification_name
from views.shell.facts import caption, empty_line, section
from views.shell.theme import Space, Tone, Type
from views.visits.context import use_visits
from views.visits.state import VisitsState
from views.visits.visits_list import visit_row

#: Changes of standing shown, the newest first (the report and the export have them all).
HISTORY_SHOWN = 12


def _kept_offline(state: VisitsState, supplier_id: str) -> ft.Control:
    """The pin that keeps the photos of the supplier's earlier visits on this device (prepared at the office,
    shown in a town without signal), and how many of them are here."""
    app = state.app
    lang = app.lang
    pinned = state.pinned(supplier_id)
    have, total = state.earlier_photos(supplier_id)
    if total == 0:
        words = app.t("visit_pin_no_photos")
    else:
        words = app.t("visit_pin_photos_here", have=i18n.number(have, lang), count=i18n.number(total, lang))
        if pinned and have < total:
            words += " " + app.t("visit_pin_rest_next_sync")
    return ft.Column(
        [
            ft.Switch(
                label=app.t("visit_pin_earlier_photos"),
                value=pinned,
                on_change=lambda e: state.pin(supplier_id, bool(e.control.value)),
                data="supplier-pin-photos",
            ),
            caption(words, data="supplier-pinned-photos"),
        ],
        spacing=2,
        tight=True,
    )


@ft.component
def SupplierVisitsSection(supplier: Supplier) -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    tree = app.directory.tree
    lines: list[ft.Control] = []
    if state.field_staff:
        lines.append(
            ft.FilledTonalButton(
                content=app.t("visit_start_here"),
                icon=ft.Icons.FACT_CHECK_OUTLINED,
                on_click=lambda: paths.go(paths.new_visit_path(supplier.id)),
                data="supplier-start-visit",
            )
        )
    if state.field_staff or state.admin:
        visits = state.supplier_visits(supplier.id)
        lines += [visit_row(state, row) for row in visits[:20]] or [empty_line(app.t("visit_none_for_supplier"))]
        lines.append(_kept_offline(state, supplier.id))
    elif app.role == "supplier":
        for decision in state.work.decisions_for(supplier.id)[:10]:
            words = [app.t(f"visit_outcome_{decision.outcome.value}"), i18n.date(decision.since, lang)]
            if decision.conditions:
                words.append(decision.conditions)
            if decision.conditions_due:
                words.append(app.t("visit_conditions_due", date=i18n.date(decision.conditions_due, lang)))
            lines.append(ft.Text(" · ".join(words), style=Type.BODY, color=Tone.TEXT, data="supplier-decision"))
    history = list(reversed(supplier.history))[:HISTORY_SHOWN]
    if history:
        lines.append(ft.Text(app.t("visit_standing_history"), style=Type.BODY_STRONG, color=Tone.TEXT))
    for change in history:
        parts = [
            f"{qualification_name(change.previous, lang)} → {qualification_name(change.state, lang)}",
            category_name(change.category, lang, tree),
            i18n.date(change.since, lang),
        ]
        if change.expires:
            parts.append(app.t("suppliers_until", date=i18n.date(change.expires, lang, with_gregorian=lang == "fa")))
        if change.decided_by:
            parts.append(change.decided_by)
        lines.append(caption(" · ".join(parts), data="standing-change"))
    if not lines:
        return ft.Container(visible=False)
    return section(
        app.t("visit_supplier_section"), [ft.Column(lines, spacing=Space.XS, tight=True)], data="supplier-visits"
    )
