"""The offline map of Iran (being built)."""

from __future__ import annotations

import flet as ft

from views.context import use_app


@ft.component
def MapView() -> ft.Control:
    state = use_app()
    return ft.Text(state.t("nav_balance"))
