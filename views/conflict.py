"""One note in conflict, reached from the note itself: both copies and the three choices."""

from __future__ import annotations

import flet as ft

from views import routes
from views.context import use_app, use_sync
from views.parts.buttons import icon_button
from views.parts.facts import caption, empty_line
from views.parts.sync_conflict import ConflictCard
from views.theme import Space, Tone, Type


@ft.component
def ConflictView() -> ft.Control:
    state = use_app()
    sync = use_sync()
    record_id = routes.use_record_id()
    conflict = sync.conflict(record_id) if record_id else None
    header = ft.Row(
        [
            icon_button(ft.Icons.ARROW_BACK, state.t("conflict_back"), on_click=lambda: routes.go(routes.SYNC)),
            ft.Text(state.t("conflict_screen_title"), style=Type.TITLE, color=Tone.TEXT, expand=True),
        ],
        spacing=Space.XS,
    )
    body: list[ft.Control] = (
        [caption(state.t("sync_conflicts_help")), ConflictCard(conflict, key=conflict.id)]
        if conflict is not None
        else [empty_line(state.t("conflict_missing"))]
    )
    return ft.ListView([header, *body], padding=Space.L, spacing=Space.M, expand=True, data="conflict-screen")
