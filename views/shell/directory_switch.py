"""The suppliers ⇄ needs (⇄ field visits, for the association's staff) switch at the top of those lists."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import route_switch
from views.shell.i18n import Lang


def directory_switch(current: str, lang: Lang, *, visits: bool = False) -> ft.Control:
    """Who can make things ⇄ what the mills need made ⇄ the Fund that finances making them; ``visits``: the
    field visits too (field staff, admins)."""
    segments = [
        (paths.SUPPLIERS, i18n.t("nav_suppliers", lang), ft.Icons.HANDSHAKE_OUTLINED),
        (paths.NEEDS, i18n.t("nav_needs", lang), ft.Icons.ASSIGNMENT_OUTLINED),
        (paths.FUND, i18n.t("nav_fund", lang), ft.Icons.SAVINGS_OUTLINED),
    ]
    if visits:
        segments.append((paths.VISITS, i18n.t("nav_visits", lang), ft.Icons.FACT_CHECK_OUTLINED))
    return route_switch(current, segments, data="directory-view")


def sees_visits(role: str | None) -> bool:
    """Whether an account works with field visits (and so is offered the switch's last side)."""
    return role in ("field_staff", "admin")
