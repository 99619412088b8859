"""Buttons shared by screens: an icon button that says what it does, segments (one of a few choices), and a switch
between sibling screens; every one at least TOUCH × TOUCH px."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from views.shell import paths
from views.shell.theme import TOUCH, Size, Space, Tone, Type


def icon_button(icon: ft.IconData, label: str, **props: Any) -> ft.IconButton:
    """An icon button a screen reader names (``label``, in the member's language) and a finger hits: at least
    48 × 48 px."""
    # A tooltip alone becomes a separate node beside a nameless button; the icon's label names the button.
    props.setdefault("size_constraints", ft.BoxConstraints(min_width=TOUCH, min_height=TOUCH))
    return ft.IconButton(
        icon=ft.Icon(icon, semantics_label=label, color=props.pop("icon_color", None)), tooltip=label, **props
    )


def segments(
    options: Sequence[tuple[str, str, ft.IconData | None]],
    chosen: str,
    on_choose: Callable[[str], None],
    *,
    data: str,
    expand: bool = False,
    compact: bool = False,
    by_words: bool = False,
) -> ft.Control:
    """One of a few choices side by side, ``(value, label, icon)`` each: the chosen one filled.

    Drawn rather than Material's segmented button, which flet's client keeps 40 px high whatever its style:
    these are TOUCH px, each a button a screen reader names by its words and says is selected, and sized to
    the row (``expand``) so a label never clips when the font arrives after the first layout. ``compact`` (a
    phone): words only, with less padding, so the longest label («تأمین‌کنندگان») keeps one line at 360 px; the
    icons only repeat the words, so nothing is lost. ``by_words``: each segment's share of the row follows its
    words' length rather than being equal, for labels of very different lengths ("Operating", "+ Construction")
    in a narrow row, where equal thirds cut the longest.
    """
    items: list[ft.Control] = []
    for index, (value, label, icon) in enumerate(options):
        share: bool | int = expand
        if expand and by_words:  # its words and the padding's room, in letters (about half an em each)
            share = len(label) + (2 if compact else 4)
        selected = value == chosen
        colour = Tone.ON_INFO_CONTAINER if selected else Tone.TEXT
        parts: list[ft.Control] = []
        if icon is not None and not compact:
            parts.append(ft.Icon(icon, size=Size.ICON_S, color=colour))
        parts.append(ft.Text(label, style=Type.LABEL, color=colour, no_wrap=True))
        if index:
            items.append(ft.Container(width=1, height=TOUCH, bgcolor=Tone.OUTLINE))
        items.append(
            ft.Semantics(
                selected=selected,
                expand=share,
                content=ft.Container(
                    content=ft.Row(parts, spacing=Space.XS, tight=True, alignment=ft.MainAxisAlignment.CENTER),
                    height=TOUCH,
                    padding=ft.Padding.symmetric(horizontal=Space.S if compact else Space.M),
                    alignment=ft.Alignment.CENTER,
                    bgcolor=Tone.INFO_CONTAINER if selected else None,
                    on_click=_choose(on_choose, value, selected),
                    data=f"{data}:{value}",
                ),
            )
        )
    return ft.Container(
        content=ft.Row(items, spacing=0, tight=not expand),
        border=ft.Border.all(1, Tone.OUTLINE),
        border_radius=Size.PILL,
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
        expand=expand,
        data=data,
    )


def _choose(on_choose: Callable[[str], None], value: str, selected: bool) -> Callable[[], None]:
    # no parameter: flet hands an event to a handler that takes one (a default argument would receive it)
    return (lambda: None) if selected else (lambda: on_choose(value))


def route_switch(
    current: str, segments_: list[tuple[str, str, ft.IconData]], data: str, *, compact: bool = False
) -> ft.Control:
    """Sibling screens as segments, ``(route, label, icon)`` each: a route per screen, so each can be
    linked to and gone back to; ``compact`` on phones (see ``segments``)."""

    def on_choose(chosen: str) -> None:
        if chosen != current:
            paths.go(chosen)

    return ft.Row([segments(segments_, current, on_choose, data=data, expand=True, compact=compact)])


def link_button(
    text: str, on_click: Callable[[], Any], lang: str, *, data: str, tooltip: str | None = None
) -> ft.TextButton:
    """A name that opens its own screen (a supplier, a plant), taking the row's room beside it: the words start
    where the reading starts and wrap onto a second line rather than being cut. (Sized to its words beside a
    spacer, a text button is squeezed to its first letter when the name is longer than a phone's row.)"""
    return ft.TextButton(
        content=ft.Text(text, text_align=ft.TextAlign.START, max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
        on_click=on_click,
        tooltip=tooltip,
        expand=True,
        style=ft.ButtonStyle(
            alignment=ft.Alignment.CENTER_RIGHT if lang == "fa" else ft.Alignment.CENTER_LEFT,
            # a one-line name is 20 px of text: 14 px above and below make the 48 px a finger hits (TOUCH)
            padding=ft.Padding.symmetric(horizontal=Space.S, vertical=(TOUCH - 20) // 2),
        ),
        data=data,
    )
