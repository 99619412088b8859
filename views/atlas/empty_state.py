"""What a new member sees before there is any data: how to get some, rather than an empty list."""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.import_panel import ImportPanel
from views.shell.paths import ACCOUNT, go
from views.shell.theme import Size, Space, Tone, Type, card_style


@ft.component
def EmptyStateView() -> ft.Control:
    state = use_atlas()
    steps = [
        ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_SYNC_OUTLINED, color=Tone.MUTED),
                ft.Text(state.t("empty_sync_instead"), style=Type.BODY, color=Tone.MUTED, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        ft.FilledTonalButton(state.t("empty_sign_in"), icon=ft.Icons.LOGIN, on_click=lambda _: go(ACCOUNT)),
    ]
    return ft.ListView(
        padding=Space.XL,
        spacing=Space.L,
        expand=True,
        data="empty-state",
        controls=[
            ft.Column(
                [
                    ft.Icon(ft.Icons.INVENTORY_2_OUTLINED, size=Size.ICON_L, color=Tone.PRIMARY),
                    ft.Text(state.t("empty_title"), style=Type.TITLE, color=Tone.TEXT, text_align=ft.TextAlign.CENTER),
                    ft.Text(state.t("empty_body"), style=Type.BODY, color=Tone.MUTED, text_align=ft.TextAlign.CENTER),
                ],
                horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                spacing=Space.S,
            ),
            ft.Container(content=ImportPanel(), **card_style()),
            ft.Container(content=ft.Column(steps, spacing=Space.S), **card_style()),
        ],
    )
