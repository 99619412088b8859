"""One note in conflict, reached from the note itself: both copies and the three choices."""

from __future__ import annotations

import flet as ft

from views.shell import paths
from views.shell.buttons import icon_button
from views.shell.context import use_app
from views.shell.facts import caption, empty_line
from views.shell.theme import Space, Tone, Type
from views.sync.conflict_choice import ConflictCard
from views.sync.context import use_sync


@ft.component
def ConflictView() -> ft.Control:
    state = use_app()
    sync = use_sync()
    record_id = paths.use_record_id()
    conflict = sync.conflict(record_id) if record_id else None
    header = ft.Row(
        [
            icon_button(ft.Icons.ARROW_BACK, state.t("conflict_back"), on_click=lambda: paths.go(paths.SYNC)),
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
