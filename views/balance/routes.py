"""The balance's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.balance.balance import BalanceView
from views.balance.charts import ChartsView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="balance", component=BalanceView),
        ft.Route(path="balance/charts", component=ChartsView),
    ]
