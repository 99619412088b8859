"""Filters of the atlas list: plants/mines, process, status, province and owner; folded away on phones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.owner_picker import OwnerPicker
from views.atlas.state import FILTER_FACETS, AtlasState
from views.shell import i18n, labels
from views.shell.theme import Size, Space, Tone, Type

ANY = "any"


def _chip(label: str, selected: bool, on_select: Callable[[], None], data: str) -> ft.Chip:
    return ft.Chip(label=ft.Text(label, style=Type.LABEL), selected=selected, on_select=lambda: on_select(), data=data)


def _toggle(state: AtlasState, facet: str, value: Any) -> Callable[[], None]:
    return lambda: state.toggle_filter(facet, value)


def _kind_chips(state: AtlasState) -> list[ft.Control]:
    kinds = state.filter.kinds
    return [
        _chip(state.t("kind_all"), not kinds, lambda: state.set_kind(None), "kind:all"),
        _chip(state.t("kind_plants"), kinds == {"plant"}, lambda: state.set_kind("plant"), "kind:plant"),
        _chip(state.t("kind_mines"), kinds == {"mine"}, lambda: state.set_kind("mine"), "kind:mine"),
    ]


def _heading(text: str) -> ft.Text:
    return ft.Text(text, style=Type.LABEL, color=Tone.MUTED)


def _province_picker(state: AtlasState) -> ft.Dropdown:
    counts = state.atlas.provinces
    options = [ft.DropdownOption(key=ANY, text=state.t("province_any"))]
    named = sorted(((labels.province_name(code, state.lang) or code, code) for code in counts), key=lambda x: x[0])
    options += [
        ft.DropdownOption(key=code, text=f"{name} ({i18n.number(counts[code], state.lang)})") for name, code in named
    ]
    chosen = sorted(state.filter.provinces)

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        state.set_filter(provinces=frozenset() if value in (None, ANY) else frozenset({value}))

    return ft.Dropdown(
        value=chosen[0] if chosen else ANY,
        options=options,
        label=state.t("filter_province"),
        on_select=on_select,
        enable_filter=True,
        editable=True,
        dense=True,
        width=Size.DROPDOWN_WIDTH,
        data="province",
    )


def _owner_chips(state: AtlasState, open_picker: Callable[[], None]) -> list[ft.Control]:
    chips: list[ft.Control] = []
    for key in sorted(state.filter.owners):
        facet = state.owner_facet(key)
        name = facet.name_fa if state.lang == "fa" and facet and facet.name_fa else facet.name if facet else key
        chips.append(
            ft.Chip(
                label=ft.Text(name, style=Type.LABEL),
                on_delete=_toggle(state, "owners", key),
                delete_icon_tooltip=state.t("remove"),
                data=f"owner-chip:{key}",
            )
        )
    chips.append(
        ft.OutlinedButton(
            content=state.t("filter_owner_choose"),
            icon=ft.Icons.BUSINESS,
            on_click=lambda: open_picker(),
            data="owner-picker",
        )
    )
    return chips


@ft.component
def FilterBar() -> ft.Control:
    state = use_atlas()
    expanded, set_expanded = ft.use_state(False)
    picking_owner, set_picking_owner = ft.use_state(False)
    chosen = sum(len(getattr(state.filter, facet)) for facet in FILTER_FACETS if facet != "kinds")
    show_all = expanded or not state.is_phone

    top: list[ft.Control] = _kind_chips(state)
    if state.is_phone:
        label = state.t("filters_count", count=i18n.number(chosen, state.lang)) if chosen else state.t("filters")
        top.append(
            ft.TextButton(
                content=label, icon=ft.Icons.TUNE, on_click=lambda: set_expanded(not expanded), data="toggle-filters"
            )
        )
    rows: list[ft.Control] = [ft.Row(top, wrap=True, spacing=Space.S, run_spacing=Space.XS)]
    if show_all:
        process_chips = [
            _chip(
                labels.process_name(p, state.lang),
                p in state.filter.processes,
                _toggle(state, "processes", p),
                f"process:{p.value}",
            )
            for p in state.atlas.processes
        ]
        status_chips = [
            _chip(
                labels.status_name(s, state.lang),
                s in state.filter.statuses,
                _toggle(state, "statuses", s),
                f"status:{s.value}",
            )
            for s in state.atlas.statuses
        ]
        rows += [
            _heading(state.t("filter_process")),
            ft.Row(process_chips, wrap=True, spacing=Space.S, run_spacing=Space.XS),
            _heading(state.t("filter_status")),
            ft.Row(status_chips, wrap=True, spacing=Space.S, run_spacing=Space.XS),
            ft.Row(
                [_province_picker(state), *_owner_chips(state, lambda: set_picking_owner(True))],
                wrap=True,
                spacing=Space.S,
                run_spacing=Space.XS,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
        ]
        if state.has_facets:
            rows.append(
                ft.TextButton(
                    content=state.t("filters_clear"),
                    icon=ft.Icons.FILTER_ALT_OFF,
                    on_click=state.clear_filters,
                    data="clear-filters",
                )
            )
    # The picker first, at a fixed place: were its position to move as chips come and go, it would be
    # taken for a new component and its dialog closed and opened again.
    picker = OwnerPicker(picking_owner, lambda: set_picking_owner(False), key="owner-picker")
    return ft.Column([picker, *rows], spacing=Space.XS, tight=True)
