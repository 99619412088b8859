"""Home's screen: the index path (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.home.home import HomeView


def routes() -> list[ft.Route]:
    return [
        ft.Route(index=True, component=HomeView),
    ]
