"""Buttons shared by screens: an icon button that says what it does, and a switch between sibling screens."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.shell import paths


def icon_button(icon: ft.IconData, label: str, **props: Any) -> ft.IconButton:
    # A tooltip alone becomes a separate node beside a nameless button; the icon's label names the button.
    return ft.IconButton(
        icon=ft.Icon(icon, semantics_label=label, color=props.pop("icon_color", None)), tooltip=label, **props
    )


def route_switch(current: str, segments: list[tuple[str, str, ft.IconData]], data: str) -> ft.SegmentedButton:
    """Sibling screens as segments, ``(route, label, icon)`` each: a route per screen, so each can be
    linked to and gone back to."""

    def on_change(e: ft.ControlEvent) -> None:
        chosen = (e.control.selected or [current])[0]
        if chosen != current:
            paths.go(chosen)

    return ft.SegmentedButton(
        segments=[ft.Segment(value=route, label=ft.Text(label), icon=icon) for route, label, icon in segments],
        selected=[current],
        show_selected_icon=False,
        on_change=on_change,
        data=data,
    )
