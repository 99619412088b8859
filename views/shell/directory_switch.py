"""The suppliers ⇄ needs (⇄ field visits, for the association's staff) switch at the top of those lists."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import route_switch
from views.shell.i18n import Lang


def directory_switch(current: str, lang: Lang, *, visits: bool = False, phone: bool = False) -> ft.Control:
    """Who can make things ⇄ what the mills need made ⇄ the Fund that finances making them; ``visits``: the
    field visits too (field staff, admins) — a fourth segment on wide screens, a button under the three on
    phones, where four segments would break their labels; on phones the segments are words only (``compact``),
    so «تأمین‌کنندگان» keeps one line at 360 px."""
    segments = [
        (paths.SUPPLIERS, i18n.t("nav_suppliers", lang), ft.Icons.HANDSHAKE_OUTLINED),
        (paths.NEEDS, i18n.t("nav_needs", lang), ft.Icons.ASSIGNMENT_OUTLINED),
        (paths.FUND, i18n.t("nav_fund", lang), ft.Icons.SAVINGS_OUTLINED),
    ]
    visits_segment = (paths.VISITS, i18n.t("nav_visits", lang), ft.Icons.FACT_CHECK_OUTLINED)
    if not visits:
        return route_switch(current, segments, data="directory-view", compact=phone)
    if not phone:
        return route_switch(current, [*segments, visits_segment], data="directory-view")
    if current == paths.VISITS:
        return ft.TextButton(
            content=i18n.t("nav_suppliers", lang),
            icon=ft.Icons.ARROW_BACK,
            on_click=lambda: paths.go(paths.SUPPLIERS),
            data="directory-view",
        )
    return ft.Column(
        [
            route_switch(current, segments, data="directory-view", compact=True),
            ft.TextButton(
                content=i18n.t("nav_visits", lang),
                icon=visits_segment[2],
                on_click=lambda: paths.go(paths.VISITS),
                data="directory-visits",
            ),
        ],
        spacing=4,
        tight=True,
    )


def sees_visits(role: str | None) -> bool:
    """Whether an account works with field visits (and so is offered the switch's last side)."""
    return role in ("field_staff", "admin")
