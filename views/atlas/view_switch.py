"""The atlas's list ⇄ map switch: two views of the same filtered plants and mines."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import route_switch
from views.shell.i18n import Lang


def view_switch(current: str, lang: Lang) -> ft.Control:
    """List ⇄ map of the atlas; both show the same filtered plants and mines."""
    return route_switch(
        current,
        [
            (paths.ATLAS, i18n.t("view_list", lang), ft.Icons.LIST),
            (paths.ATLAS_MAP, i18n.t("view_map", lang), ft.Icons.MAP_OUTLINED),
        ],
        data="atlas-view",
    )
