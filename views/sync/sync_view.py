"""Sync: state and progress, "Sync now", notes in conflict, changes the server refused, and the history."""

from __future__ import annotations

import flet as ft

from views.shell.context import use_app
from views.shell.facts import caption, section
from views.shell.theme import Space, Tone, Type
from views.sync.conflict_choice import ConflictCard
from views.sync.context import use_sync
from views.sync.history import history_rows
from views.sync.rejected import RejectedCard
from views.sync.status import SyncStatusCard


@ft.component
def SyncView() -> ft.Control:
    state = use_app()
    sync = use_sync()
    lang = state.lang
    conflicts = sync.conflicts()
    rejected = sync.rejected()
    items: list[ft.Control] = [
        ft.Text(state.t("sync_title"), style=Type.TITLE, color=Tone.TEXT),
        SyncStatusCard(),
    ]
    if conflicts:
        items.append(
            section(
                state.t("sync_section_conflicts"),
                [caption(state.t("sync_conflicts_help")), *(ConflictCard(c, key=c.id) for c in conflicts)],
                data="sync-conflicts",
            )
        )
    if rejected:
        items.append(
            section(
                state.t("sync_section_rejected"),
                [caption(state.t("sync_rejected_help")), *(RejectedCard(op, key=str(op.seq)) for op in rejected)],
                data="sync-rejected",
            )
        )
    items.append(
        section(
            state.t("sync_section_history"),
            history_rows(sync.history(), lang, state.t("sync_history_empty")),
            data="sync-history",
        )
    )
    return ft.ListView(items, padding=Space.L, spacing=Space.L, expand=True, data="sync")
