"""On a plant's, a mine's or a supplier's screen: "propose a correction" for any signed-in user, and the
corrections of that record this user sees (their own with the outcome; admins and field staff every one)."""

from __future__ import annotations

import flet as ft

from models.atlas import Asset
from models.corrections import TargetKind
from models.suppliers import Supplier
from views.shell import i18n, paths
from views.shell.facts import caption, section
from views.shell.theme import Space
from views.visits.context import use_visits
from views.visits.corrections_list import correction_row
from views.visits.state import VisitsState

#: Corrections of one record shown on its screen (the corrections screen has them all).
SHOWN = 10


def _provenance(state: VisitsState, record: Asset | Supplier) -> list[ft.Control]:
    """Which fields accepted corrections changed: their source is the proposal, not the record's source."""
    app = state.app
    lines: list[ft.Control] = []
    for mark in record.corrected:
        words = app.t(
            "correction_source",
            field=app.t(f"correction_field_{mark.field}"),
            who=mark.proposed_by or "—",
            date=i18n.date(mark.accepted_on, app.lang) if mark.accepted_on else "—",
        )
        lines.append(caption(words, data=f"record-corrected:{mark.field}"))
    return lines


def _section(kind: TargetKind, record: Asset | Supplier) -> ft.Control:
    state = use_visits()
    app = state.app
    record_id = record.id
    provenance = _provenance(state, record)
    if not app.signed_in:
        if not provenance:
            return ft.Container(visible=False)
        return section(app.t("correction_section"), provenance, data="record-corrections")
    rows = state.work.corrections_of(kind, record_id)
    propose = ft.TextButton(
        content=app.t("correction_propose"),
        icon=ft.Icons.EDIT_LOCATION_ALT_OUTLINED,
        tooltip=app.t("correction_section_hint"),
        on_click=lambda: paths.go(paths.new_correction_path(kind.value, record_id)),
        data="record-propose-correction",
    )
    if not rows and not provenance:  # one line: the record's own facts come first on its screen
        return ft.Container(propose, data="record-corrections")
    lines: list[ft.Control] = [
        *provenance,
        *(correction_row(state, row) for row in rows[:SHOWN]),
        ft.Row(
            [
                propose,
                ft.TextButton(
                    content=app.t("corrections_open_all"),
                    on_click=lambda: paths.go(paths.CORRECTIONS),
                    data="record-corrections-all",
                ),
            ],
            wrap=True,
            spacing=Space.S,
            run_spacing=Space.S,
        ),
    ]
    return section(
        app.t("correction_section"), [ft.Column(lines, spacing=Space.XS, tight=True)], data="record-corrections"
    )


@ft.component
def AssetCorrectionsSection(asset: Asset) -> ft.Control:
    return _section(TargetKind.MINE if asset.kind == "mine" else TargetKind.PLANT, asset)


@ft.component
def SupplierCorrectionsSection(supplier: Supplier) -> ft.Control:
    return _section(TargetKind.SUPPLIER, supplier)
