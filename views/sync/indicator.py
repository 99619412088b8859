"""The sync indicator on every screen: state, last sync in the member's calendar, changes waiting; tap for more."""

from __future__ import annotations

import flet as ft

from sync.engine import SyncState
from views.shell import i18n, paths
from views.shell.context import use_app
from views.shell.session import SessionState
from views.shell.theme import TOUCH, Size, Space, Tone, Type
from views.sync.context import use_sync
from views.sync.state import SyncSession
from views.sync.words import ago, last_sync_line, pending_badge, retry_line, state_label, when

ICONS: dict[SyncState, tuple[ft.IconData, str]] = {
    SyncState.NOT_CONFIGURED: (ft.Icons.CLOUD_OFF_OUTLINED, Tone.MUTED),
    SyncState.SIGN_IN_NEEDED: (ft.Icons.LOGIN, Tone.PRIMARY),
    SyncState.IDLE: (ft.Icons.CLOUD_DONE_OUTLINED, Tone.PRIMARY),
    SyncState.SYNCING: (ft.Icons.SYNC, Tone.PRIMARY),
    SyncState.OFFLINE: (ft.Icons.CLOUD_OFF_OUTLINED, Tone.MUTED),
    SyncState.BACKING_OFF: (ft.Icons.SYNC_PROBLEM, Tone.ERROR),
    SyncState.UPGRADE_NEEDED: (ft.Icons.SYSTEM_UPDATE, Tone.ERROR),
    SyncState.STORAGE_ERROR: (ft.Icons.ERROR_OUTLINE, Tone.ERROR),
}


def sync_icon(sync: SyncSession, size: int = Size.ICON_S) -> ft.Icon:
    icon, colour = ICONS[sync.state]
    if sync.state is SyncState.IDLE and sync.status.pending:
        icon = ft.Icons.CLOUD_UPLOAD_OUTLINED
    return ft.Icon(icon, color=colour, size=size)


def indicator_target(sync: SyncSession) -> str:
    """Not set up or signed out: the account screen, where that is fixed; otherwise the sync screen."""
    return paths.ACCOUNT if sync.state in (SyncState.NOT_CONFIGURED, SyncState.SIGN_IN_NEEDED) else paths.SYNC


@ft.component
def SyncIndicator(wide: bool = False) -> ft.Control:
    """A strip under the header on phones; a compact group inside the header row on wide screens."""
    state = use_app()
    sync = use_sync()
    ft.use_state(sync.clock)  # "retrying in 8 s" counts down; "3 min ago" moves on
    lang = state.lang
    label = state_label(sync, lang)
    pending = sync.status.pending if sync.can_sync or sync.status.pending else 0
    attention = sync.status.conflicts + sync.status.rejected
    # a phone strip (360–412 px) has room for the state and a short time ("3 min ago"), never for the state,
    # "Last sync:" and a date together: one of them was cut off; the sync screen has the full date
    detail = retry_line(sync, lang)
    if detail is None and sync.state is not SyncState.NOT_CONFIGURED:
        at = sync.status.last_success_at
        detail = (ago(at, lang) or when(at, lang)) if not wide and at else last_sync_line(sync, lang, relative=wide)
    parts: list[ft.Control] = [
        sync_icon(sync),
        ft.Text(label, style=Type.LABEL, color=Tone.TEXT, no_wrap=True, data="sync-indicator-label"),
    ]
    if detail:
        parts.append(
            ft.Text(
                detail,
                style=Type.CAPTION,
                color=Tone.MUTED,
                max_lines=1,
                overflow=ft.TextOverflow.ELLIPSIS,
                expand=not wide,
                data="sync-indicator-detail",
            )
        )
    elif not wide:
        parts.append(ft.Container(expand=True))
    if attention:  # conflicts and refused changes wait for the member: said on every screen
        parts.append(
            ft.Container(
                content=ft.Text(
                    state.t("sync_attention", count=i18n.number(attention, lang)),
                    style=Type.CAPTION,
                    color=Tone.ON_ERROR_CONTAINER,
                ),
                bgcolor=Tone.ERROR_CONTAINER,
                border_radius=Size.PILL,
                padding=ft.Padding.symmetric(horizontal=Space.S, vertical=1),
                data="sync-indicator-attention",
            )
        )
    if pending:
        parts.append(
            ft.Container(
                content=ft.Text(pending_badge(pending, lang), style=Type.CAPTION, color=Tone.ON_INFO_CONTAINER),
                bgcolor=Tone.INFO_CONTAINER,
                border_radius=Size.PILL,
                padding=ft.Padding.symmetric(horizontal=Space.S, vertical=1),
                data="sync-indicator-pending",
            )
        )
    if not wide:  # the whole strip is a way in: say so the way a list row does
        parts.append(
            ft.Icon(ft.Icons.CHEVRON_LEFT if state.rtl else ft.Icons.CHEVRON_RIGHT, color=Tone.MUTED, size=Size.ICON_S)
        )
    target = indicator_target(sync)
    return ft.Container(
        content=ft.Row(parts, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER, tight=wide),
        on_click=lambda: paths.go(target),
        ink=True,
        border_radius=Size.RADIUS_S,
        padding=ft.Padding.symmetric(horizontal=Space.S if wide else Space.L),
        height=TOUCH,  # a way in that a finger hits
        bgcolor=None if wide else Tone.CARD,
        data="sync-indicator",
    )


def account_buttons(state: SessionState) -> ft.Control:
    """The ways into the account and sync screens from Settings."""
    return ft.Row(
        [
            ft.OutlinedButton(
                content=state.t("sync_account_open"),
                icon=ft.Icons.ACCOUNT_CIRCLE_OUTLINED,
                on_click=lambda: paths.go(paths.ACCOUNT),
                data="settings-account",
            ),
            ft.OutlinedButton(
                content=state.t("account_open_sync"),
                icon=ft.Icons.SYNC,
                on_click=lambda: paths.go(paths.SYNC),
                data="settings-sync",
            ),
        ],
        wrap=True,
        spacing=Space.S,
        run_spacing=Space.S,
    )
