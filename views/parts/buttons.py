"""An icon button that says what it does: to screen readers (and browser tests) as well as in its tooltip."""

from __future__ import annotations

from typing import Any

import flet as ft


def icon_button(icon: ft.IconData, label: str, **props: Any) -> ft.IconButton:
    # A tooltip alone becomes a separate node beside a nameless button; the icon's label names the button.
    return ft.IconButton(
        icon=ft.Icon(icon, semantics_label=label, color=props.pop("icon_color", None)), tooltip=label, **props
    )
