"""The suppliers ⇄ needs switch at the top of both lists: one destination, the two sides of localization."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import route_switch
from views.shell.i18n import Lang


def directory_switch(current: str, lang: Lang) -> ft.Control:
    """Who can make things ⇄ what the mills need made ⇄ the Fund that finances making them."""
    return route_switch(
        current,
        [
            (paths.SUPPLIERS, i18n.t("nav_suppliers", lang), ft.Icons.HANDSHAKE_OUTLINED),
            (paths.NEEDS, i18n.t("nav_needs", lang), ft.Icons.ASSIGNMENT_OUTLINED),
            (paths.FUND, i18n.t("nav_fund", lang), ft.Icons.SAVINGS_OUTLINED),
        ],
        data="directory-view",
    )
