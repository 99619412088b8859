"""The atlas list: plants and mines together, searched and filtered; a sortable table on desktop."""

from __future__ import annotations

import flet as ft

from views.atlas.asset_list import AssetList, TableHeader
from views.atlas.context import use_atlas
from views.atlas.empty_state import EmptyStateView
from views.atlas.export_action import ExportAction
from views.atlas.filters import FilterBar
from views.atlas.view_switch import view_switch
from views.shell import labels, paths, units
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField

#: Search once the member pauses: each search redraws the list, which should not happen per keystroke.
SEARCH_DEBOUNCE_SECONDS = 0.3


def _no_matches(text: str, hint: str, clear_label: str, on_clear: object) -> ft.Control:
    """Nothing matches — a different screen from "no data yet": the data is there, the filter excludes it."""
    return ft.Container(
        padding=Space.XL,
        alignment=ft.Alignment.TOP_CENTER,
        data="no-matches",
        content=ft.Column(
            [
                ft.Icon(ft.Icons.SEARCH_OFF, size=Size.ICON_L, color=Tone.MUTED),
                ft.Text(text, style=Type.SECTION, color=Tone.TEXT, text_align=ft.TextAlign.CENTER),
                ft.Text(hint, style=Type.BODY, color=Tone.MUTED, text_align=ft.TextAlign.CENTER),
                ft.TextButton(
                    content=clear_label, icon=ft.Icons.FILTER_ALT_OFF, on_click=on_clear, data="no-matches-clear"
                ),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.S,
            tight=True,
        ),
    )


@ft.component
def AtlasListView() -> ft.Control:
    state = use_atlas()
    if not state.has_data:
        return EmptyStateView()
    wide = not state.is_phone
    results = state.results

    def clear_everything() -> None:
        state.clear_filters()
        state.search("")

    search = TypingField(
        state.filter.text,
        state.search,
        debounce=SEARCH_DEBOUNCE_SECONDS,
        clear_tooltip=state.t("search_clear"),
        hint_text=state.t("search_hint"),
        prefix_icon=ft.Icons.SEARCH,
        dense=True,
        border=ft.OutlineInputBorder(border_radius=Size.PILL),
        data="search",
    )
    scale = labels.headline_scale(results)
    count = ft.Text(
        labels.count_text("result_count", len(results), state.lang),
        style=Type.LABEL,
        color=Tone.MUTED,
        data="result-count",
    )
    header = ft.Container(
        padding=ft.Padding.only(left=Space.L, right=Space.L, top=Space.M, bottom=Space.S),
        content=ft.Column(
            [
                search,
                FilterBar(),
                ft.Row(
                    [
                        ft.Container(count, expand=True),
                        # a phone's row has room for an overflow menu at its end, not for a labelled button
                        *([ExportAction(compact=False)] if wide else []),
                        view_switch(paths.ATLAS, state.lang),
                        *([] if wide else [ExportAction(compact=True)]),
                    ],
                    spacing=Space.S,
                    vertical_alignment=ft.CrossAxisAlignment.CENTER,
                ),
            ],
            spacing=Space.S,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
    )
    if not results:
        body: ft.Control = _no_matches(
            state.t("no_matches"), state.t("no_matches_hint"), state.t("filters_clear_all"), clear_everything
        )
    else:
        body = AssetList(results, wide, scale, key=f"results-{state.results_version}-{'wide' if wide else 'narrow'}")
    parts: list[ft.Control] = [header]
    if wide and results:
        parts.append(TableHeader(scale))
    elif results:  # the rows' capacities are bare figures: their unit, said once over them (a table's title)
        parts.append(
            ft.Container(
                ft.Text(units.unit_note(scale, state.lang), style=Type.CAPTION, color=Tone.MUTED, data="list-unit"),
                bgcolor=Tone.CARD_HIGH,
                padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.XS),
            )
        )
    parts.append(ft.Container(body, expand=True))
    return ft.Column(parts, expand=True, spacing=0)
