"""The sync screen's top card: state and progress, last sync, what waits, the last error, and "Sync now"."""

from __future__ import annotations

import flet as ft

from sync.engine import SyncState
from views.shell import i18n, paths
from views.shell.context import use_app, use_services
from views.shell.facts import caption
from views.shell.identity import role_name
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.sync.context import use_sync
from views.sync.indicator import sync_icon
from views.sync.words import (
    error_words,
    last_sync_line,
    progress_line,
    retry_line,
    state_label,
)

EXPLAINED = {
    SyncState.NOT_CONFIGURED: "sync_not_configured_body",
    SyncState.SIGN_IN_NEEDED: "sync_sign_in_body",
    SyncState.UPGRADE_NEEDED: "sync_upgrade_body",
}


@ft.component
def SyncStatusCard(on_account_screen: bool = False) -> ft.Control:
    state = use_app()
    sync = use_sync()
    ft.use_state(sync.clock)  # the countdown and "minutes ago"
    lang = state.lang
    status = sync.status
    busy = sync.state is SyncState.SYNCING

    lines: list[ft.Control] = [
        ft.Row(
            [
                sync_icon(sync, Size.ICON_M),
                ft.Text(state_label(sync, lang), style=Type.SECTION, color=Tone.TEXT, expand=True, data="sync-state"),
                ft.ProgressRing(width=Size.PROGRESS, height=Size.PROGRESS, visible=busy),
            ],
            spacing=Space.S,
        )
    ]
    for text, data in (
        (progress_line(sync, lang), "sync-progress"),
        (retry_line(sync, lang), "sync-retry-in"),
        (last_sync_line(sync, lang), "sync-last"),
    ):
        if text:
            lines.append(ft.Text(text, style=Type.BODY, color=Tone.TEXT, data=data))
    if sync.state in EXPLAINED:
        lines.append(ft.Text(state.t(EXPLAINED[sync.state]), style=Type.BODY, color=Tone.MUTED))
    count = sync.unsent_count() if sync.state is not SyncState.NOT_CONFIGURED else 0
    waiting = state.t("sync_pending_long", count=i18n.number(status.pending, lang)) if status.pending else ""
    # "all your changes reached the server" only when it is so: a sync completed, nothing queued since,
    # and none running now (while one runs, its progress says what it is doing)
    if not waiting and sync.state is SyncState.IDLE and status.last_success_at and not count:
        waiting = state.t("sync_nothing_pending")
    if waiting:
        lines.append(ft.Text(waiting, style=Type.BODY, color=Tone.TEXT, data="sync-pending"))
    for amount, key in ((status.conflicts, "sync_conflicts_count"), (status.rejected, "sync_rejected_count")):
        if amount:
            lines.append(ft.Text(state.t(key, count=i18n.number(amount, lang)), style=Type.BODY, color=Tone.ERROR))
    account = sync.account
    if account:
        lines.append(
            caption(state.t("sync_account_line", user=account["username"], role=role_name(account["role"], lang)))
        )

    actions: list[ft.Control] = []
    if sync.can_sync:
        actions.append(
            ft.FilledButton(
                content=state.t("sync_now"),
                icon=ft.Icons.SYNC,
                on_click=sync.sync_now,
                disabled=busy,
                data="sync-now",
            )
        )
    else:
        actions.append(
            ft.FilledButton(
                content=state.t("sync_go_sign_in"),
                icon=ft.Icons.LOGIN,
                on_click=lambda: paths.go(paths.ACCOUNT),
                data="sync-sign-in",
            )
        )
    if not on_account_screen:
        actions.append(
            ft.TextButton(
                content=state.t("sync_account_open"),
                icon=ft.Icons.ACCOUNT_CIRCLE_OUTLINED,
                on_click=lambda: paths.go(paths.ACCOUNT),
                data="open-account",
            )
        )
    lines.append(ft.Row(actions, wrap=True, spacing=Space.S, run_spacing=Space.S))
    cards: list[ft.Control] = [ft.Container(content=ft.Column(lines, spacing=Space.S, tight=True), **card_style())]
    if status.error_code and sync.can_sync:
        cards.append(LastError())
    return ft.Column(cards, spacing=Space.M, tight=True, data="sync-status")


@ft.component
def LastError() -> ft.Control:
    """The last cycle's error in words, with "try again" (the technical detail is there for support)."""
    state = use_app()
    sync = use_sync()
    status = sync.status
    lang = state.lang
    clipboard = use_services().clipboard

    async def copy_detail() -> None:
        await clipboard.set(f"{status.error_code}: {status.error_detail or ''}")
        state.tell("copied")

    return ft.Container(
        bgcolor=Tone.ERROR_CONTAINER,
        border_radius=Size.RADIUS,
        padding=Space.L,
        data="sync-last-error",
        content=ft.Column(
            [
                ft.Text(state.t("sync_last_error"), style=Type.LABEL, color=Tone.ON_ERROR_CONTAINER),
                ft.Text(
                    error_words(status.error_code, status.error_detail, lang),
                    style=Type.BODY,
                    color=Tone.ON_ERROR_CONTAINER,
                ),
                ft.Row(
                    [
                        ft.OutlinedButton(
                            content=state.t("sync_retry"),
                            icon=ft.Icons.REFRESH,
                            on_click=sync.sync_now,
                            data="sync-retry",
                        ),
                        # the technical detail (often the network library's English) is for support: copied,
                        # not shown (views/shell/i18n.error_words)
                        ft.TextButton(
                            content=state.t("copy_details"),
                            icon=ft.Icons.CONTENT_COPY,
                            on_click=copy_detail,
                            data="sync-copy-detail",
                        ),
                    ],
                    wrap=True,
                    spacing=Space.S,
                ),
            ],
            spacing=Space.S,
            tight=True,
        ),
    )
