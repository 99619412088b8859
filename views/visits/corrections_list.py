"""Corrections from the field: this user's proposals with where each stands (waiting to send, sent, accepted,
declined) and — for admins — those waiting for a decision. From the device's cache: it works with no signal."""

from __future__ import annotations

import flet as ft

from sync.fieldwork import CorrectionSummary
from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.facts import caption, empty_line, section
from views.shell.theme import Space, Tone, Type
from views.visits.context import use_visits
from views.visits.correction_screen import status_line
from views.visits.correction_words import target_name, value_words
from views.visits.state import VisitsState

#: Rows a list shows at most (flet sends every control: keep a screen small).
MOST_ROWS = 100


def correction_row(state: VisitsState, row: CorrectionSummary) -> ft.Control:
    """One correction: the record, the field and its proposed value, where it stands."""
    app = state.app
    correction = row.correction
    when = correction.proposed_at or correction.made_at
    title: list[ft.Control] = [
        ft.Text(
            target_name(app, correction.target_kind, correction.target_id),
            style=Type.BODY_STRONG,
            color=Tone.TEXT,
            expand=True,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
    ]
    if when is not None:
        title.append(ft.Text(i18n.date(when.date(), app.lang), style=Type.LABEL, color=Tone.MUTED))
    field = app.t(f"correction_field_{correction.field.value}")
    return ft.Container(
        content=ft.Column(
            [
                ft.Row(title, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                caption(f"{field}: {value_words(app, correction.field, correction.value)}"),
                status_line(state, row),
            ],
            spacing=2,
            tight=True,
        ),
        padding=ft.Padding.symmetric(vertical=Space.S, horizontal=Space.S),
        border_radius=8,
        ink=True,
        on_click=lambda: paths.go(paths.correction_path(correction.id)),
        data=f"correction-row:{correction.id}",
    )


def _rows(items: list[ft.Control], empty: str) -> list[ft.Control]:
    return items[:MOST_ROWS] if items else [empty_line(empty)]


@ft.component
def CorrectionsView() -> ft.Control:
    state = use_visits()
    app = state.app
    back = icon_button(
        ft.Icons.ARROW_BACK, app.t("correction_back"), on_click=lambda: paths.go(paths.VISITS), data="back"
    )
    head: list[ft.Control] = [
        ft.Row(
            [back, ft.Text(app.t("corrections_title"), style=Type.TITLE, color=Tone.TEXT, expand=True)],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
    ]
    if not app.signed_in:
        return ft.ListView(
            [*head, empty_line(app.t("corrections_sign_in"))], padding=Space.L, spacing=Space.M, expand=True
        )
    head.append(caption(app.t("corrections_offline_note")))
    sections: list[ft.Control] = []
    if state.admin:
        waiting = [state.work.correction(c.id) for c in state.work.corrections_to_review()]
        rows = [correction_row(state, r) for r in waiting if r is not None]
        sections.append(
            section(
                app.t("corrections_to_review"),
                _rows(rows, app.t("corrections_none_to_review")),
                data="corrections-review",
            )
        )
    mine = [correction_row(state, r) for r in state.work.my_corrections()]
    sections.append(
        section(app.t("corrections_mine"), _rows(mine, app.t("corrections_none_mine")), data="corrections-mine")
    )
    return ft.ListView([*head, *sections], padding=Space.L, spacing=Space.M, expand=True, data="corrections-list")
