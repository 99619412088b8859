"""The frame around every screen: header, notice, and the bottom bar (phone) or the rail (desktop)."""

from __future__ import annotations

import flet as ft

from views.shell import paths
from views.shell.context import use_app
from views.shell.header import AppHeader
from views.shell.notice import NoticeBanner
from views.shell.theme import Size


@ft.component
def Shell() -> ft.Control:
    state = use_app()
    outlet = ft.use_route_outlet()
    location = ft.use_route_location()
    selected = paths.destination_index(location)

    def on_destination(e: ft.Event[ft.NavigationBar] | ft.Event[ft.NavigationRail]) -> None:
        index = e.control.selected_index
        if index is not None and paths.DESTINATIONS[index].path != location:
            paths.go(paths.DESTINATIONS[index].path)

    content = ft.Column([NoticeBanner(), ft.Container(outlet, expand=True)], expand=True, spacing=0)
    if state.is_phone:
        bar = ft.NavigationBar(
            selected_index=selected,
            on_change=on_destination,
            destinations=[
                ft.NavigationBarDestination(icon=d.icon, selected_icon=d.selected_icon, label=state.t(d.label_key))
                for d in paths.DESTINATIONS
            ],
        )
        return ft.Column([AppHeader(), content, bar], expand=True, spacing=0)
    rail = ft.NavigationRail(
        selected_index=selected,
        on_change=on_destination,
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=Size.RAIL_WIDTH,
        destinations=[
            ft.NavigationRailDestination(icon=d.icon, selected_icon=d.selected_icon, label=state.t(d.label_key))
            for d in paths.DESTINATIONS
        ],
    )
    return ft.Row(
        [rail, ft.VerticalDivider(width=1), ft.Column([AppHeader(), content], expand=True, spacing=0)],
        expand=True,
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.STRETCH,
    )
