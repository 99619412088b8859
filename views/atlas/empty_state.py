"""What a new member sees before there is any data: sign in, and the atlas comes from the association's server.

A member never imports: a GEM release is loaded by the association's administrators on the server, and a
member's device receives it by sync. Importing from files is offered only where an administrator or a
developer is using the app, and no file path or command is shown to anyone else.
"""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.import_panel import ImportPanel
from views.shell.paths import ACCOUNT, SYNC, go
from views.shell.theme import Size, Space, Tone, Type, card_style


@ft.component
def EmptyStateView() -> ft.Control:
    state = use_atlas()
    signed_in = state.signed_in
    if signed_in:  # the first sync is bringing the atlas, or could not yet
        body_key, action = (
            "empty_body_signed_in",
            ft.OutlinedButton(
                content=state.t("empty_sync_status"), icon=ft.Icons.SYNC, on_click=lambda: go(SYNC), data="empty-sync"
            ),
        )
    else:
        body_key, action = (
            "empty_body",
            ft.FilledButton(
                content=state.t("empty_sign_in"),
                icon=ft.Icons.LOGIN,
                on_click=lambda: go(ACCOUNT),
                data="empty-sign-in",
            ),
        )
    controls: list[ft.Control] = [
        ft.Column(
            [
                ft.Icon(ft.Icons.CLOUD_DOWNLOAD_OUTLINED, size=Size.ICON_L, color=Tone.PRIMARY),
                ft.Text(state.t("empty_title"), style=Type.TITLE, color=Tone.TEXT, text_align=ft.TextAlign.CENTER),
                ft.Text(state.t(body_key), style=Type.BODY, color=Tone.MUTED, text_align=ft.TextAlign.CENTER),
                ft.Container(height=Space.S),
                action,
                ft.Text(state.t("empty_offline"), style=Type.CAPTION, color=Tone.MUTED, text_align=ft.TextAlign.CENTER),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.S,
        )
    ]
    if state.may_import:  # an administrator (or a developer) may load a release from files here
        controls.append(ft.Container(content=ImportPanel(), **card_style()))
    return ft.ListView(padding=Space.XL, spacing=Space.L, expand=True, data="empty-state", controls=controls)
