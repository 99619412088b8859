"""The chain balance (being built)."""

from __future__ import annotations

import flet as ft

from views.context import use_app


@ft.component
def BalanceView() -> ft.Control:
    state = use_app()
    return ft.Text(state.t("nav_balance"))
