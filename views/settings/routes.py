"""The settings and about screens and their paths (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.settings.about import AboutView
from views.settings.settings import SettingsView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="settings", component=SettingsView),
        ft.Route(path="about", component=AboutView),
    ]
