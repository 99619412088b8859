"""The field visits: this account's visits with where each stands (draft, waiting to send, photos 3/7 sent,
sent, decided), the suppliers due for a re-visit, and — for admins — the visits waiting for a decision.
All from the device's cache: it works the same with no signal."""

from __future__ import annotations

import flet as ft

from models.qualification import DueVisit
from sync.fieldwork import VisitStatus, VisitSummary
from views.shell import i18n, paths
from views.shell.badges import demo_badge
from views.shell.directory_labels import categories_line, category_name, supplier_name
from views.shell.directory_switch import directory_switch, sees_visits
from views.shell.export_action import CSV, XLSX, ExportAction
from views.shell.facts import caption, empty_line, section
from views.shell.theme import Space, Tone, Type
from views.visits.context import use_visits
from views.visits.state import VisitsState

#: Rows a list shows at most (flet sends every control: keep a screen small); the export has them all.
MOST_ROWS = 100
STATUS_TONES = {
    VisitStatus.DRAFT: Tone.MUTED,
    VisitStatus.WAITING: Tone.FAVOURITE,
    VisitStatus.PHOTOS: Tone.FAVOURITE,
    VisitStatus.SENT: Tone.PRIMARY,
    VisitStatus.DECIDED: Tone.PRIMARY,
    VisitStatus.REVISIT_REQUESTED: Tone.ERROR,
    VisitStatus.REFUSED: Tone.ERROR,
}
STATUS_ICONS = {
    VisitStatus.DRAFT: ft.Icons.EDIT_NOTE,
    VisitStatus.WAITING: ft.Icons.CLOUD_UPLOAD_OUTLINED,
    VisitStatus.PHOTOS: ft.Icons.PHOTO_LIBRARY_OUTLINED,
    VisitStatus.SENT: ft.Icons.CLOUD_DONE_OUTLINED,
    VisitStatus.DECIDED: ft.Icons.VERIFIED_OUTLINED,
    VisitStatus.REVISIT_REQUESTED: ft.Icons.REPLAY,
    VisitStatus.REFUSED: ft.Icons.ERROR_OUTLINE,
}


def visit_row(state: VisitsState, row: VisitSummary) -> ft.Control:
    """One visit: the supplier, its categories, the dates, where it stands, how far the checklist got."""
    app = state.app
    lang = app.lang
    day = row.visited_on or row.planned_on
    when = i18n.date(day, lang) if day else ""
    progress = app.t("visit_progress", answered=i18n.number(row.answered, lang), count=i18n.number(row.asked, lang))
    if row.percent is not None and row.answered:
        progress += " · " + app.t("visit_percent", percent=i18n.number(row.percent, lang))
    if row.far_from_site:
        progress += " · " + app.t("visit_far_flag")
    status = ft.Row(
        [
            ft.Icon(STATUS_ICONS[row.status], size=16, color=STATUS_TONES[row.status]),
            ft.Text(state.status_words(row), style=Type.LABEL, color=STATUS_TONES[row.status], data="visit-status"),
        ],
        spacing=Space.XS,
        tight=True,
    )
    if row.decision_outcome:
        status.controls.append(
            ft.Text("· " + app.t(f"visit_outcome_{row.decision_outcome}"), style=Type.LABEL, color=Tone.TEXT)
        )
    title: list[ft.Control] = [
        ft.Text(
            state.supplier_words(row),
            style=Type.BODY_STRONG,
            color=Tone.TEXT,
            expand=True,
            max_lines=2,  # one line cut «Sepahan Sample Refracto…» at 360 px: the supplier is what a row is about
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
        ft.Text(when, style=Type.LABEL, color=Tone.MUTED),
    ]
    if row.demo:
        title.insert(1, demo_badge(lang))
    return ft.Container(
        content=ft.Column(
            [
                ft.Row(title, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                caption(categories_line(row.categories, lang, app.directory.tree)),
                status,
                caption(progress),
            ],
            spacing=2,
            tight=True,
        ),
        padding=ft.Padding.symmetric(vertical=Space.S, horizontal=Space.S),
        border_radius=8,
        ink=True,
        on_click=lambda: paths.go(paths.visit_path(row.id)),
        data=f"visit-row:{row.id}",
    )


def due_row(state: VisitsState, due: DueVisit) -> ft.Control:
    app = state.app
    lang = app.lang
    supplier = app.directory.suppliers.get(due.supplier_id)
    name = supplier_name(supplier, lang) if supplier is not None else due.supplier_id
    key = "visit_due_lapsed" if due.days_left < 0 else "visit_due_soon"
    words = app.t(key, date=i18n.date(due.expires, lang, with_gregorian=lang == "fa"))
    return ft.Container(
        content=ft.Column(
            [
                ft.Text(name, style=Type.BODY_STRONG, color=Tone.TEXT, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
                caption(f"{category_name(due.category, lang, app.directory.tree)} · {words}"),
            ],
            spacing=2,
            tight=True,
        ),
        padding=ft.Padding.symmetric(vertical=Space.S, horizontal=Space.S),
        ink=True,
        on_click=lambda: paths.go(paths.supplier_path(due.supplier_id)),
        data=f"due-row:{due.supplier_id}:{due.category}",
    )


def _rows(items: list[ft.Control], empty: str) -> list[ft.Control]:
    if not items:
        return [empty_line(empty)]
    return items[:MOST_ROWS]


@ft.component
def VisitsView() -> ft.Control:
    state = use_visits()
    app = state.app
    lang = app.lang
    head: list[ft.Control] = [directory_switch(paths.VISITS, lang, visits=sees_visits(app.role), phone=app.is_phone)]
    if not (state.field_staff or state.admin):
        return ft.ListView(
            [*head, empty_line(app.t("visits_not_for_role"))], padding=Space.L, spacing=Space.M, expand=True
        )
    mine = state.my_visits()
    review = state.to_review()
    head.append(
        ft.Row(
            [
                ft.Text(app.t("visits_title"), style=Type.TITLE, color=Tone.TEXT, expand=True),
                ExportAction(
                    state.export_list,
                    compact=app.is_phone,
                    busy=False,
                    nothing=not (mine or review),
                    choices=(XLSX, CSV),
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
    )
    head.append(caption(app.t("visits_offline_note")))
    waiting = len(state.work.corrections_to_review()) if state.admin else 0
    head.append(
        ft.TextButton(
            content=app.t("corrections_open_waiting", count=i18n.number(waiting, lang))
            if waiting
            else app.t("corrections_title"),
            icon=ft.Icons.EDIT_LOCATION_ALT_OUTLINED,
            on_click=lambda: paths.go(paths.CORRECTIONS),
            data="visits-corrections",
        )
    )
    sections: list[ft.Control] = []
    if state.admin:
        sections.append(
            section(
                app.t("visits_to_review"),
                _rows([visit_row(state, r) for r in review], app.t("visits_none_to_review")),
                data="visits-review",
            )
        )
    if state.field_staff:
        sections.append(
            section(
                app.t("visits_mine"),
                [
                    caption(app.t("visits_start_hint")),
                    *_rows([visit_row(state, r) for r in mine], app.t("visits_none_mine")),
                ],
                data="visits-mine",
            )
        )
        due = state.due()
        sections.append(
            section(
                app.t("visits_due"),
                _rows([due_row(state, d) for d in due], app.t("visits_none_due")),
                data="visits-due",
            )
        )
    return ft.ListView([*head, *sections], padding=Space.L, spacing=Space.M, expand=True, data="visits-list")
