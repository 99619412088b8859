"""What a screen shows while the data it needs is being loaded in the background: a designed state, not a blank."""

from __future__ import annotations

import flet as ft

from views.shell.theme import Size, Space, Tone, Type


def loading(text: str, data: str = "loading") -> ft.Control:
    return ft.Container(
        padding=Space.XL,
        alignment=ft.Alignment.TOP_CENTER,
        data=data,
        content=ft.Column(
            [
                ft.ProgressRing(width=Size.ICON_L, height=Size.ICON_L),
                ft.Text(text, style=Type.BODY, color=Tone.MUTED, text_align=ft.TextAlign.CENTER),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.M,
            tight=True,
        ),
    )
