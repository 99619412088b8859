"""Small marks on records: the demo mark every made-up supplier and need carries, on every screen."""

from __future__ import annotations

import flet as ft

from views.shell import i18n
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone, Type


def demo_badge(lang: Lang, data: str = "demo") -> ft.Control:
    """The mark on every demo record: a small labelled pill, its meaning in words for a long press and a reader."""
    return ft.Container(
        content=ft.Text(i18n.t("demo_badge", lang), style=Type.CAPTION, color=Tone.ON_DEMO, weight=ft.FontWeight.W_600),
        bgcolor=Tone.DEMO,
        border_radius=Size.RADIUS_S,
        padding=ft.Padding.symmetric(horizontal=Space.S, vertical=1),
        tooltip=i18n.t("demo_badge_tooltip", lang),
        data=data,
    )
