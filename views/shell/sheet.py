"""A sheet from the bottom of a phone's screen: a title and a close button, a body that scrolls on its own, and
actions at its foot that never scroll away (the atlas's filters; any feature's filters or a short form).

The pattern for filters on a phone: the facets in the body, "clear" and "show N results" at the foot, so the
member always sees how many results the filters leave and has one tap back to them.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.shell.buttons import icon_button
from views.shell.theme import Space, Tone, Type

#: How much of the screen's height the sheet takes: the list stays in sight above it, as the context.
HEIGHT_SHARE = 0.86


def sheet(
    *,
    title: str,
    body: list[ft.Control],
    actions: list[ft.Control],
    close_label: str,
    on_close: Callable[[], None],
    height: float,
    data: str | None = None,
) -> ft.BottomSheet:
    """The sheet, open; show it with ``ft.use_dialog`` (and ``None`` once ``on_close`` was called)."""
    head = ft.Row(
        [
            ft.Text(title, style=Type.SECTION, color=Tone.TEXT, expand=True),
            icon_button(ft.Icons.CLOSE, close_label, on_click=lambda: on_close(), data=f"{data or 'sheet'}-close"),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    # the room above the first field: a scrolling body clips at its top edge, and a dropdown's floating label
    # («استان») sits half above its box; at 360 px, where the body scrolls, it was cut in two
    label_room = ft.Container(height=Space.XS, data=f"{data or 'sheet'}-label-room")
    scroller = ft.Column(
        [label_room, *body], scroll=ft.ScrollMode.AUTO, expand=True, spacing=Space.S, data=f"{data or 'sheet'}-body"
    )
    foot = ft.Container(
        content=ft.Row(
            actions,
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            wrap=True,
            spacing=Space.S,
            run_spacing=Space.S,
        ),
        padding=ft.Padding.only(top=Space.S),
        border=ft.Border.only(top=ft.BorderSide(1, Tone.OUTLINE)),
    )
    return ft.BottomSheet(
        content=ft.Container(
            content=ft.Column([head, scroller, foot], spacing=Space.S),
            height=height * HEIGHT_SHARE,
            padding=ft.Padding.only(left=Space.L, right=Space.L, bottom=Space.L),
        ),
        scrollable=True,  # lets the sheet be taller than half the screen; the body scrolls inside it
        show_drag_handle=True,
        on_dismiss=lambda: on_close(),
        data=data,
    )
