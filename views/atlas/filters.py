"""Filters of the atlas list: plants/mines, process, status, province and owner.

On a desktop they sit over the list. On a phone only the plants/mines choice does; the rest open in a sheet
(views/shell/sheet.py) that scrolls on its own, with "show N results" at its foot: at 360 px a panel
inline filled the screen, could not be scrolled, and left no way back to the results.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.owner_picker import OwnerPicker
from views.atlas.state import FILTER_FACETS, AtlasState
from views.shell import i18n, labels
from views.shell.menus import labelled_dropdown
from views.shell.sheet import sheet
from views.shell.theme import Size, Space, Tone, Type

ANY = "any"


def _chip(label: str, selected: bool, on_select: Callable[[], None], data: str, *, check: bool = True) -> ft.Chip:
    return ft.Chip(
        label=ft.Text(label, style=Type.LABEL),
        selected=selected,
        on_select=lambda: on_select(),
        show_checkmark=check,
        data=data,
    )


def _toggle(state: AtlasState, facet: str, value: Any) -> Callable[[], None]:
    return lambda: state.toggle_filter(facet, value)


def _kind_chips(state: AtlasState) -> list[ft.Control]:
    """One of three, like tabs: the chosen one filled, no check mark (the row must fit a 360 px phone with the
    filters' button beside it)."""
    kinds = state.filter.kinds
    return [
        _chip(state.t("kind_all"), not kinds, lambda: state.set_kind(None), "kind:all", check=False),
        _chip(state.t("kind_plants"), kinds == {"plant"}, lambda: state.set_kind("plant"), "kind:plant", check=False),
        _chip(state.t("kind_mines"), kinds == {"mine"}, lambda: state.set_kind("mine"), "kind:mine", check=False),
    ]


def _heading(text: str) -> ft.Text:
    return ft.Text(text, style=Type.LABEL, color=Tone.MUTED)


def province_options(state: AtlasState) -> list[ft.DropdownOption]:
    """Every province with a plant or mine, in Persian (or English) alphabetical order, with its count."""
    counts = state.atlas.provinces
    named = sorted(
        ((labels.province_name(code, state.lang) or code, code) for code in counts),
        key=lambda pair: labels.sort_key(pair[0]),
    )
    options = [ft.DropdownOption(key=ANY, text=state.t("province_any"))]
    options += [
        ft.DropdownOption(key=code, text=f"{name} ({i18n.number(counts[code], state.lang)})") for name, code in named
    ]
    return options


def _province_picker(state: AtlasState, width: float | None) -> ft.Control:
    chosen = sorted(state.filter.provinces)

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        state.set_filter(provinces=frozenset() if value in (None, ANY) else frozenset({value}))

    return labelled_dropdown(
        state.lang,
        value=chosen[0] if chosen else ANY,
        options=province_options(state),
        label=state.t("filter_province"),
        on_select=on_select,
        width=width or Size.DROPDOWN_WIDTH,
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


def facet_rows(state: AtlasState, open_picker: Callable[[], None], field_width: float | None) -> list[ft.Control]:
    """Province and owner first (on a phone, the menu of the province field then has the sheet's room
    below it, and does not cover the field being typed into), then processes and statuses."""
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
    return [
        ft.Row(
            [_province_picker(state, field_width), *_owner_chips(state, open_picker)],
            wrap=True,
            spacing=Space.S,
            run_spacing=Space.S,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        _heading(state.t("filter_process")),
        ft.Row(process_chips, wrap=True, spacing=Space.S, run_spacing=Space.XS),
        _heading(state.t("filter_status")),
        ft.Row(status_chips, wrap=True, spacing=Space.S, run_spacing=Space.XS),
    ]


def _clear_button(state: AtlasState) -> ft.Control:
    return ft.TextButton(
        content=state.t("filters_clear"),
        icon=ft.Icons.FILTER_ALT_OFF,
        on_click=state.clear_filters,
        disabled=not state.has_facets,
        data="clear-filters",
    )


@ft.component
def FilterBar() -> ft.Control:
    state = use_atlas()
    sheet_open, set_sheet_open = ft.use_state(False)
    picking_owner, set_picking_owner = ft.use_state(False)
    chosen = sum(len(getattr(state.filter, facet)) for facet in FILTER_FACETS if facet != "kinds")
    phone = state.is_phone

    top: list[ft.Control] = _kind_chips(state)
    filters_sheet: ft.BottomSheet | None = None
    if phone:
        label = state.t("filters_count", count=i18n.number(chosen, state.lang)) if chosen else state.t("filters")
        top.append(
            ft.FilledTonalButton(
                content=label, icon=ft.Icons.TUNE, on_click=lambda: set_sheet_open(True), data="toggle-filters"
            )
        )
        if sheet_open:
            show = state.t("filters_show_results", count=i18n.number(len(state.results), state.lang))
            page_height = ft.context.page.height or 740
            filters_sheet = sheet(
                title=state.t("filters"),
                body=facet_rows(state, lambda: set_picking_owner(True), state.width - 2 * Space.L),
                actions=[
                    _clear_button(state),
                    ft.FilledButton(
                        content=show, icon=ft.Icons.CHECK, on_click=lambda: set_sheet_open(False), data="show-results"
                    ),
                ],
                close_label=state.t("dismiss"),
                on_close=lambda: set_sheet_open(False),
                height=page_height,
                data="filter-sheet",
            )
    ft.use_dialog(filters_sheet)
    rows: list[ft.Control] = [ft.Row(top, wrap=True, spacing=Space.XS, run_spacing=Space.XS)]
    if not phone:
        # room over the province field for its floating label, which otherwise touched the chips above it
        rows.append(ft.Container(height=Space.XS, data="filter-label-room"))
        rows += facet_rows(state, lambda: set_picking_owner(True), None)
        if state.has_facets:
            rows.append(_clear_button(state))
    # The picker first, at a fixed place: were its position to move as chips come and go, it would be
    # taken for a new component and its dialog closed and opened again.
    picker = OwnerPicker(picking_owner, lambda: set_picking_owner(False), key="owner-picker")
    return ft.Column([picker, *rows], spacing=Space.XS, tight=True)
