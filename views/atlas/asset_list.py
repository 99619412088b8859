"""The list of plants and mines: phone rows and desktop table rows in the shell's windowed list (at most
WINDOW_ROWS rows are ever sent, views/shell/windowed_list.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from models.atlas import Asset
from views.atlas.context import use_atlas
from views.atlas.state import AtlasState, SortOrder
from views.shell import labels, paths, units
from views.shell.theme import Size, Space, Tone, Type
from views.shell.windowed_list import WINDOW_ROWS, WindowedList

__all__ = ["WINDOW_ROWS", "AssetList", "TableHeader"]


def _opener(asset: Asset) -> Callable[[ft.ControlEvent], None]:
    def open_asset(_: ft.ControlEvent) -> None:
        paths.go(paths.asset_path(asset))

    return open_asset


def _kind_icon(asset: Asset, state: AtlasState) -> ft.Icon:
    return ft.Icon(
        ft.Icons.TERRAIN if asset.kind == "mine" else ft.Icons.FACTORY,
        color=Tone.PRIMARY,
        size=Size.ICON_M,
        tooltip=labels.kind_name(asset.kind, state.lang),
    )


def _one_line(text: str, style: ft.TextStyle, **kwargs: object) -> ft.Text:
    """One line cut with an ellipsis at its own end: an English name in a Persian row is laid out left to right
    (cut on the right, where English ends), a Persian one right to left, whatever the screen's language."""
    return ft.Text(
        text, style=style, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS, rtl=labels.reads_rtl(text), **kwargs
    )


def asset_tile(asset: Asset, state: AtlasState, scale: units.Scale) -> ft.Control:
    """A phone row: name, the other-language name or the place, and the headline capacity (in the list's
    ``scale``: its unit is said once, over the list)."""
    lang = state.lang
    second = labels.other_name(asset, lang) or labels.place_line(asset, lang)
    favourite = state.is_favourite(asset)
    return ft.Container(
        key=asset.id,
        height=Size.LIST_ROW,
        data=f"open:{asset.id}",
        on_click=_opener(asset),
        padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.XS),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Row(
            [
                _kind_icon(asset, state),
                ft.Column(
                    [
                        _one_line(labels.display_name(asset, lang), Type.BODY_STRONG, color=Tone.TEXT),
                        _one_line(second, Type.CAPTION, color=Tone.MUTED),
                        _one_line(labels.headline_text(asset, lang, scale), Type.CAPTION, color=Tone.MUTED),
                    ],
                    spacing=0,
                    expand=True,
                    alignment=ft.MainAxisAlignment.CENTER,
                ),
                ft.Icon(ft.Icons.STAR, color=Tone.FAVOURITE, size=Size.ICON_S, visible=favourite),
            ],
            spacing=Space.M,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    )


def asset_table_row(asset: Asset, state: AtlasState, scale: units.Scale) -> ft.Control:
    """A desktop row: name (both languages), owners, province, main processes, operating capacity (in the
    table's ``scale``: its unit is in the column's title)."""
    lang = state.lang
    other = labels.other_name(asset, lang)
    name_lines = [_one_line(labels.display_name(asset, lang), Type.BODY_STRONG, color=Tone.TEXT)]
    if other:
        name_lines.append(_one_line(other, Type.CAPTION, color=Tone.MUTED))
    cells = [
        ft.Row(
            [
                _kind_icon(asset, state),
                ft.Column(name_lines, spacing=0, expand=True, alignment=ft.MainAxisAlignment.CENTER),
                ft.Icon(ft.Icons.STAR, color=Tone.FAVOURITE, size=Size.ICON_S, visible=state.is_favourite(asset)),
            ],
            expand=True,
            spacing=Space.S,
        ),
        ft.Text(
            labels.owners_line(asset, lang),
            style=Type.CAPTION,
            color=Tone.TEXT,
            width=Size.COL_OWNER,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
        _one_line(
            labels.province_name(asset.place.province, lang) or "—",
            Type.CAPTION,
            color=Tone.TEXT,
            width=Size.COL_PROVINCE,
        ),
        ft.Text(
            labels.processes_line(asset, lang),
            style=Type.CAPTION,
            color=Tone.TEXT,
            width=Size.COL_PROCESSES,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
        ft.Text(
            labels.headline_text(asset, lang, scale),
            style=Type.CAPTION,
            color=Tone.TEXT,
            width=Size.COL_CAPACITY,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
    ]
    return ft.Container(
        key=asset.id,
        height=Size.TABLE_ROW,
        data=f"open:{asset.id}",
        on_click=_opener(asset),
        padding=ft.Padding.symmetric(horizontal=Space.L),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Row(cells, spacing=Space.M, vertical_alignment=ft.CrossAxisAlignment.CENTER),
    )


def _sort_button(
    state: AtlasState, column: str, label_key: str, width: float | None, unit: str | None = None
) -> ft.Control:
    """A column title that sorts by its column; a plain tappable cell, so it lines up with the cells below."""
    order: SortOrder | None = state.sort
    title: ft.Control = ft.Text(state.t(label_key), style=Type.LABEL, color=Tone.PRIMARY)
    if unit:  # the column's unit, said once for every row under it
        title = ft.Column([title, ft.Text(unit, style=Type.CAPTION, color=Tone.PRIMARY)], spacing=0, tight=True)
    parts: list[ft.Control] = [title]
    if order is not None and order.column == column:
        arrow = ft.Icons.ARROW_UPWARD if order.ascending else ft.Icons.ARROW_DOWNWARD
        parts.append(ft.Icon(arrow, size=Size.ICON_S, color=Tone.PRIMARY))
    return ft.Container(
        content=ft.Row(parts, spacing=Space.XS, tight=True),
        on_click=lambda: state.set_sort(column),
        width=width,
        expand=width is None,
        height=Size.TABLE_HEADER,
        data=f"sort:{column}",
    )


@ft.component
def TableHeader(scale: units.Scale) -> ft.Control:
    """Column titles of the desktop table; each sorts by its column (again: the other way round)."""
    state = use_atlas()
    unit = units.unit_name(scale, state.lang)
    return ft.Container(
        bgcolor=Tone.CARD_HIGH,
        padding=ft.Padding.symmetric(horizontal=Space.L),
        content=ft.Row(
            [
                # over the kind icons (their gap to the name is S, the columns' gap M): titles start where names do
                ft.Container(width=Size.ICON_M + Space.S - Space.M),
                _sort_button(state, "name", "column_name", None),
                _sort_button(state, "owner", "column_owner", Size.COL_OWNER),
                _sort_button(state, "province", "column_province", Size.COL_PROVINCE),
                _sort_button(state, "processes", "column_processes", Size.COL_PROCESSES),
                _sort_button(state, "capacity", "column_capacity", Size.COL_CAPACITY, unit),
            ],
            spacing=Space.M,
        ),
    )


@ft.component
def AssetList(assets: Sequence[Asset], wide: bool, scale: units.Scale) -> ft.Control:
    """Rows for ``assets``, capacities in ``scale``; give it a new ``key`` when the results change so it starts
    again at the top."""
    state = use_atlas()
    build_row = asset_table_row if wide else asset_tile
    return WindowedList(
        assets,
        lambda asset: build_row(asset, state, scale),
        Size.TABLE_ROW if wide else Size.LIST_ROW,
        data="asset-list",
    )
