"""The supplier directory: search, facets, a windowed list on phones and a sortable table on desktops, export."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from views.shell import i18n, labels, paths
from views.shell.directory_switch import directory_switch, sees_visits
from views.shell.export_action import ExportAction
from views.shell.loading import loading
from views.shell.sheet import sheet
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField
from views.shell.windowed_list import WindowedList
from views.suppliers.context import use_suppliers
from views.suppliers.filters import SupplierFacets
from views.suppliers.rows import supplier_table_row, supplier_tile, table_columns, table_header
from views.suppliers.state import SuppliersState

#: No pause awaited before searching: a keystroke is answered from the directory's index in milliseconds
#: (models/directory_index.py) and the list redraws one window of rows, so waiting would only add latency.
SEARCH_DEBOUNCE_SECONDS = 0.0
FACETS_WIDTH = 290


def _empty(state: SuppliersState) -> ft.Control:
    """No supplier in the data yet — a different screen from "none matches": nothing has been synced."""
    app = state.app
    return ft.Container(
        padding=Space.XL,
        alignment=ft.Alignment.TOP_CENTER,
        data="suppliers-empty",
        content=ft.Column(
            [
                ft.Icon(ft.Icons.HANDSHAKE_OUTLINED, size=Size.ICON_L, color=Tone.MUTED),
                ft.Text(app.t("suppliers_empty"), style=Type.SECTION, color=Tone.TEXT, text_align=ft.TextAlign.CENTER),
                ft.Text(
                    app.t("suppliers_empty_hint"), style=Type.BODY, color=Tone.MUTED, text_align=ft.TextAlign.CENTER
                ),
                ft.TextButton(
                    content=app.t("suppliers_open_account"),
                    icon=ft.Icons.LOGIN,
                    on_click=lambda: paths.go(paths.ACCOUNT),
                    data="suppliers-sign-in",
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.S,
            tight=True,
        ),
    )


def _no_matches(state: SuppliersState) -> ft.Control:
    app = state.app

    def clear_everything() -> None:
        state.clear_filters()
        state.search("")

    return ft.Container(
        padding=Space.XL,
        alignment=ft.Alignment.TOP_CENTER,
        data="no-matches",
        content=ft.Column(
            [
                ft.Icon(ft.Icons.SEARCH_OFF, size=Size.ICON_L, color=Tone.MUTED),
                ft.Text(app.t("suppliers_no_matches"), style=Type.SECTION, color=Tone.TEXT),
                ft.Text(
                    app.t("suppliers_no_matches_hint"),
                    style=Type.BODY,
                    color=Tone.MUTED,
                    text_align=ft.TextAlign.CENTER,
                ),
                ft.TextButton(
                    content=app.t("suppliers_clear_all"),
                    icon=ft.Icons.FILTER_ALT_OFF,
                    on_click=clear_everything,
                    data="no-matches-clear",
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.S,
            tight=True,
        ),
    )


def _near_line(state: SuppliersState) -> ft.Control | None:
    """ "Nearest first to «Mobarakeh Steel» · ✕" — what the order is measured from, and a way to drop it."""
    if state.near is None:
        return None
    app = state.app
    plant = app.asset(state.near)
    name = labels.display_name(plant, app.lang) if plant else state.near
    return ft.Row(
        [
            ft.Icon(ft.Icons.NEAR_ME_OUTLINED, size=Size.ICON_S, color=Tone.PRIMARY),
            ft.Text(
                app.t("suppliers_near_line", plant=name),
                style=Type.LABEL,
                color=Tone.TEXT,
                expand=True,
                data="suppliers-near",
            ),
            ft.TextButton(
                content=app.t("suppliers_near_clear"),
                on_click=lambda: state.set_near(None),
                data="suppliers-near-clear",
            ),
        ],
        spacing=Space.XS,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


@ft.component
def FacetsSheet(is_open: bool, on_close: Callable[[], None]) -> ft.Control:
    """The facets in the shell's sheet over a phone's list, "clear" and "show N" at its foot."""
    state = use_suppliers()
    app = state.app
    facets_sheet: ft.BottomSheet | None = None
    if is_open:
        actions: list[ft.Control] = []
        if state.has_facets:
            actions.append(
                ft.TextButton(
                    content=app.t("suppliers_filters_clear"),
                    icon=ft.Icons.FILTER_ALT_OFF,
                    on_click=state.clear_filters,
                    data="supplier-clear-filters",
                )
            )
        show = app.t("suppliers_show_results", count=i18n.number(len(state.results), app.lang))
        actions.append(
            ft.FilledButton(content=show, icon=ft.Icons.CHECK, on_click=lambda: on_close(), data="facets-done")
        )
        facets_sheet = sheet(
            title=app.t("suppliers_filters"),
            body=[SupplierFacets(in_sheet=True)],
            actions=actions,
            close_label=app.t("dismiss"),
            on_close=on_close,
            height=ft.context.page.height or 740,
            data="facets-sheet",
        )
    ft.use_dialog(facets_sheet)
    return ft.Container(visible=False)


@ft.component
def SuppliersView() -> ft.Control:
    state = use_suppliers()
    app = state.app
    sheet_open, set_sheet_open = ft.use_state(False)
    location = ft.context.page.route or ""
    query = paths.query_params(location)
    # a link from a plant's screen (?category=…&near=…) narrows the list to it, once per arrival
    ft.use_effect(lambda: state.follow_link(query) if query else None, [location])
    if not app.directory_ready:
        return ft.Column(
            [
                ft.Container(directory_switch(paths.SUPPLIERS, app.lang, phone=app.is_phone), padding=Space.L),
                loading(app.t("directory_loading"), "suppliers-loading"),
            ],
            expand=True,
        )
    directory = app.directory
    if not len(directory.suppliers):
        return ft.Column(
            [
                ft.Container(
                    directory_switch(paths.SUPPLIERS, app.lang, visits=sees_visits(app.role), phone=app.is_phone),
                    padding=Space.L,
                ),
                _empty(state),
            ],
            expand=True,
        )
    wide = not app.is_phone
    results = state.results
    search = TypingField(
        state.filter.text,
        state.search,
        debounce=SEARCH_DEBOUNCE_SECONDS,
        clear_tooltip=app.t("suppliers_search_clear"),
        hint_text=app.t("suppliers_search_hint"),
        prefix_icon=ft.Icons.SEARCH,
        dense=True,
        border=ft.OutlineInputBorder(border_radius=Size.PILL),
        data="supplier-search",
    )
    count = ft.Text(
        labels.count_text("suppliers_count", len(results), app.lang),
        style=Type.LABEL,
        color=Tone.MUTED,
        data="suppliers-count",
    )
    toolbar: list[ft.Control] = [ft.Container(count, expand=True)]
    export = ExportAction(state.export, compact=not wide, busy=state.busy == "export", nothing=not results)
    if not wide:
        chosen = state.facet_count
        label = (
            app.t("suppliers_filters_count", count=i18n.number(chosen, app.lang))
            if chosen
            else app.t("suppliers_filters")
        )
        toolbar.append(
            ft.TextButton(
                content=label, icon=ft.Icons.TUNE, on_click=lambda: set_sheet_open(True), data="toggle-facets"
            )
        )
    toolbar.append(export)
    header_rows: list[ft.Control] = [
        directory_switch(paths.SUPPLIERS, app.lang, visits=sees_visits(app.role), phone=app.is_phone),
        search,
    ]
    near = _near_line(state)
    if near is not None:
        header_rows.append(near)
    header_rows.append(ft.Row(toolbar, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER))
    header = ft.Container(
        padding=ft.Padding.only(left=Space.L, right=Space.L, top=Space.M, bottom=Space.S),
        content=ft.Column(header_rows, spacing=Space.S, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
    )
    if not results:
        body: ft.Control = _no_matches(state)
    else:
        build_row = supplier_table_row if wide else supplier_tile
        body = WindowedList(
            results,
            lambda supplier: build_row(state, supplier),
            Size.TABLE_ROW if wide else Size.LIST_ROW,
            data="supplier-list",
            reset=state.results_key,
            # the desktop's columns follow the window's width: rows built for other columns are not reused
            key=f"suppliers-{'-'.join(table_columns(state)) if wide else 'narrow'}",
        )
    column: list[ft.Control] = [header]
    if wide and results:
        column.append(table_header(state))
    column.append(ft.Container(body, expand=True))
    listing = ft.Column(column, expand=True, spacing=0)
    if not wide:
        return ft.Column(
            [FacetsSheet(sheet_open, lambda: set_sheet_open(False), key="facets-sheet"), listing],
            expand=True,
            spacing=0,
        )
    facets = ft.Container(
        width=FACETS_WIDTH,
        padding=Space.L,
        border=ft.Border.only(right=ft.BorderSide(1, Tone.OUTLINE))
        if app.lang == "en"
        else ft.Border.only(left=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Column(
            [ft.Text(app.t("suppliers_filters"), style=Type.SECTION), SupplierFacets()],
            scroll=ft.ScrollMode.AUTO,
            spacing=Space.S,
        ),
        data="facets-panel",
    )
    return ft.Row([facets, listing], expand=True, spacing=0, vertical_alignment=ft.CrossAxisAlignment.STRETCH)
