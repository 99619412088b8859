"""The localization needs: search, filters (status, category, plant, province, criticality, "ours"), a windowed
list, export, and "raise a need" for the roles that may."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from models.needs import Need
from views.needs.context import use_needs
from views.needs.filters import NeedFacets
from views.needs.state import NeedsState
from views.shell import i18n, labels, paths
from views.shell.badges import demo_badge
from views.shell.directory_labels import (
    criticality_name,
    need_item,
    place_name,
    quantity_words,
    status_name,
)
from views.shell.directory_switch import directory_switch, sees_visits
from views.shell.export_action import ExportAction
from views.shell.loading import loading
from views.shell.sheet import sheet
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField
from views.shell.windowed_list import WindowedList

SEARCH_DEBOUNCE_SECONDS = 0.3
FACETS_WIDTH = 300
CRITICALITY_TONES = {"A": Tone.ERROR, "B": Tone.FAVOURITE, "C": Tone.MUTED}


def _one_line(text: str, style: ft.TextStyle, **kwargs: object) -> ft.Text:
    return ft.Text(text, style=style, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS, **kwargs)


def need_row(state: NeedsState, need: Need, pending: bool = False) -> ft.Control:
    """A row: the item (with the demo mark), its plant and province, its status, criticality and quantity. No
    ``key``: a new search's rows take the places of the old ones (views/shell/windowed_list.py)."""
    app = state.app
    lang = app.lang
    index = app.directory.needs
    plant = place_name(index.place(need.plant_id), need.plant_id, lang)
    province = labels.province_name(index.province_of(need), lang)
    where = f"{plant}، {province}" if lang == "fa" and province else f"{plant}, {province}" if province else plant
    answers = len(app.directory.answers_to(need.id))
    tail = [status_name(need.status, lang), quantity_words(need, lang)]
    if answers:
        tail.append(labels.count_text("needs_answers_count", answers, lang))
    title: list[ft.Control] = [
        ft.Container(_one_line(need_item(need, lang), Type.BODY_STRONG, color=Tone.TEXT), expand=True),
        ft.Text(
            need.criticality.value,
            style=Type.LABEL,
            color=CRITICALITY_TONES[need.criticality.value],
            tooltip=criticality_name(need.criticality, lang),
        ),
    ]
    if need.demo:
        title.append(demo_badge(lang))
    if pending:
        title.append(
            ft.Icon(ft.Icons.CLOUD_UPLOAD_OUTLINED, size=Size.ICON_S, color=Tone.MUTED, tooltip=app.t("needs_pending"))
        )
    return ft.Container(
        height=Size.LIST_ROW,
        data=f"need:{need.id}",
        on_click=lambda: paths.go(paths.need_path(need.id)),
        padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.XS),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Column(
            [
                ft.Row(title, spacing=Space.XS, vertical_alignment=ft.CrossAxisAlignment.CENTER),
                _one_line(where, Type.CAPTION, color=Tone.MUTED),
                _one_line(" · ".join(tail), Type.CAPTION, color=Tone.MUTED),
            ],
            spacing=0,
            alignment=ft.MainAxisAlignment.CENTER,
        ),
    )


@ft.component
def NeedFacetsSheet(is_open: bool, on_close: Callable[[], None]) -> ft.Control:
    state = use_needs()
    app = state.app
    facets_sheet: ft.BottomSheet | None = None
    if is_open:
        actions: list[ft.Control] = []
        if state.facet_count:
            actions.append(
                ft.TextButton(
                    content=app.t("needs_filters_clear"),
                    icon=ft.Icons.FILTER_ALT_OFF,
                    on_click=state.clear_filters,
                    data="need-clear-filters",
                )
            )
        show = app.t("needs_show_results", count=i18n.number(len(state.results), app.lang))
        actions.append(
            ft.FilledButton(content=show, icon=ft.Icons.CHECK, on_click=lambda: on_close(), data="need-facets-done")
        )
        facets_sheet = sheet(
            title=app.t("needs_filters"),
            body=[NeedFacets(in_sheet=True)],
            actions=actions,
            close_label=app.t("dismiss"),
            on_close=on_close,
            height=ft.context.page.height or 740,
            data="need-facets-sheet",
        )
    ft.use_dialog(facets_sheet)
    return ft.Container(visible=False)


def _nothing(state: NeedsState, filtered: bool) -> ft.Control:
    app = state.app
    lines: list[ft.Control] = [
        ft.Icon(ft.Icons.SEARCH_OFF if filtered else ft.Icons.ASSIGNMENT_OUTLINED, size=Size.ICON_L, color=Tone.MUTED),
        ft.Text(
            app.t("needs_no_matches" if filtered else "needs_empty"),
            style=Type.SECTION,
            color=Tone.TEXT,
            text_align=ft.TextAlign.CENTER,
        ),
        ft.Text(
            app.t("needs_no_matches_hint" if filtered else "needs_empty_hint"),
            style=Type.BODY,
            color=Tone.MUTED,
            text_align=ft.TextAlign.CENTER,
        ),
    ]
    if filtered:

        def clear_everything() -> None:
            state.clear_filters()
            state.search("")

        lines.append(
            ft.TextButton(
                content=app.t("needs_clear_all"),
                icon=ft.Icons.FILTER_ALT_OFF,
                on_click=clear_everything,
                data="no-matches-clear",
            )
        )
    return ft.Container(
        padding=Space.XL,
        alignment=ft.Alignment.TOP_CENTER,
        data="needs-nothing",
        content=ft.Column(lines, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=Space.S, tight=True),
    )


@ft.component
def NeedsView() -> ft.Control:
    state = use_needs()
    app = state.app
    sheet_open, set_sheet_open = ft.use_state(False)
    location = ft.context.page.route or ""
    query = paths.query_params(location)
    ft.use_effect(lambda: state.follow_link(query) if query else None, [location])
    if not app.directory_ready:
        return ft.Column(
            [
                ft.Container(directory_switch(paths.NEEDS, app.lang, phone=app.is_phone), padding=Space.L),
                loading(app.t("directory_loading"), "needs-loading"),
            ],
            expand=True,
        )
    wide = not app.is_phone
    results = state.results
    pending = state.pending_ids()
    search = TypingField(
        state.filter.text,
        state.search,
        debounce=SEARCH_DEBOUNCE_SECONDS,
        clear_tooltip=app.t("needs_search_clear"),
        hint_text=app.t("needs_search_hint"),
        prefix_icon=ft.Icons.SEARCH,
        dense=True,
        border=ft.OutlineInputBorder(border_radius=Size.PILL),
        data="need-search",
    )
    toolbar: list[ft.Control] = [
        ft.Container(
            ft.Text(
                labels.count_text("needs_count", len(results), app.lang),
                style=Type.LABEL,
                color=Tone.MUTED,
                data="needs-count",
            ),
            expand=True,
        )
    ]
    if not wide:
        chosen = state.facet_count
        label = app.t("needs_filters_count", count=i18n.number(chosen, app.lang)) if chosen else app.t("needs_filters")
        toolbar.append(
            ft.TextButton(
                content=label, icon=ft.Icons.TUNE, on_click=lambda: set_sheet_open(True), data="toggle-need-facets"
            )
        )
    if state.may_raise():
        toolbar.append(
            ft.FilledButton(
                content=app.t("needs_raise"),
                icon=ft.Icons.ADD,
                on_click=lambda: paths.go(paths.NEED_NEW),
                data="need-raise",
            )
        )
    toolbar.append(ExportAction(state.export, compact=not wide, busy=state.busy == "export", nothing=not results))
    header = ft.Container(
        padding=ft.Padding.only(left=Space.L, right=Space.L, top=Space.M, bottom=Space.S),
        content=ft.Column(
            [
                directory_switch(paths.NEEDS, app.lang, visits=sees_visits(app.role), phone=app.is_phone),
                search,
                ft.Row(toolbar, spacing=Space.S, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ],
            spacing=Space.S,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )
    if not results:
        body: ft.Control = _nothing(state, filtered=bool(len(app.directory.needs)))
    else:
        body = WindowedList(
            results,
            lambda need: need_row(state, need, need.id in pending),
            Size.LIST_ROW,
            data="need-list",
            reset=state.results_key,
        )
    listing = ft.Column([header, ft.Container(body, expand=True)], expand=True, spacing=0)
    if not wide:
        return ft.Column(
            [NeedFacetsSheet(sheet_open, lambda: set_sheet_open(False), key="need-facets-sheet"), listing],
            expand=True,
            spacing=0,
        )
    facets = ft.Container(
        width=FACETS_WIDTH,
        padding=Space.L,
        border=ft.Border.only(left=ft.BorderSide(1, Tone.OUTLINE))
        if app.lang == "fa"
        else ft.Border.only(right=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Column(
            [ft.Text(app.t("needs_filters"), style=Type.SECTION), NeedFacets()],
            scroll=ft.ScrollMode.AUTO,
            spacing=Space.S,
        ),
        data="need-facets-panel",
    )
    return ft.Row([facets, listing], expand=True, spacing=0, vertical_alignment=ft.CrossAxisAlignment.STRETCH)
