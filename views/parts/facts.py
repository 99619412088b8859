"""Building blocks of the detail screens: a titled section card and label–value fact rows."""

from __future__ import annotations

import flet as ft

from views.theme import Size, Space, Tone, Type, card_style


def section(
    title: str, controls: list[ft.Control], *, col: dict[str, int] | None = None, data: str | None = None
) -> ft.Container:
    """A card with a heading; ``col`` places it in a ResponsiveRow (full width on phones)."""
    return ft.Container(
        col=col or {"xs": 12},
        data=data,
        content=ft.Column(
            [ft.Text(title, style=Type.SECTION, color=Tone.TEXT), *controls],
            spacing=Space.S,
            tight=True,
        ),
        **card_style(),
    )


def fact(label: str, value: str, *, ltr: bool = False, muted: bool = False) -> ft.Control:
    """One labelled value; ``ltr`` keeps Latin-only values (ids, coordinates) left-to-right inside Persian."""
    return ft.Row(
        [
            ft.Text(label, style=Type.LABEL, color=Tone.MUTED, width=Size.LABEL_WIDTH),
            ft.Text(
                value,
                style=Type.BODY,
                color=Tone.MUTED if muted else Tone.TEXT,
                selectable=True,
                expand=True,
                rtl=False if ltr else None,
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
        spacing=Space.M,
    )


def caption(text: str, *, ltr: bool = False, data: str | None = None) -> ft.Text:
    return ft.Text(text, style=Type.CAPTION, color=Tone.MUTED, selectable=True, rtl=False if ltr else None, data=data)


def empty_line(text: str) -> ft.Text:
    """What a section says when the source has nothing for it (rather than an empty card)."""
    return ft.Text(text, style=Type.BODY, color=Tone.MUTED, italic=True)
