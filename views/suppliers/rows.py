"""Rows of the directory: a phone row (name, trade, place, standing) and a desktop table row with sortable titles."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from models.match_words import scheme_words
from models.suppliers import Supplier
from views.shell import i18n, paths
from views.shell.badges import demo_badge
from views.shell.directory_labels import city_line, company_type_name, km_words, supplier_name, supplier_other_name
from views.shell.theme import Size, Space, Tone, Type
from views.suppliers.state import SORT_LABELS, SuppliersState, standing_words, trades_line

#: Desktop table columns (the name column takes what is left).
COL_TYPE = 130
COL_PLACE = 150
COL_STANDING = 130
COL_CERTIFICATES = 130
COL_DISTANCE = 90
#: The name column never gets less than this: a Persian company name of four or five words in bold. Columns
#: are dropped, least needed first, until it fits (each is on the supplier's screen anyway).
NAME_MIN = 300
#: What the table's row sits in beside the name: the rail, the facets panel, the paddings.
TABLE_CHROME = Size.RAIL_WIDTH + 290 + 4 * Space.L
#: The optional columns, the one dropped first last.
OPTIONAL = ("standing", "place", "distance", "type", "certificates")
WIDTHS = {"type": COL_TYPE, "place": COL_PLACE, "standing": COL_STANDING}
WIDTHS |= {"certificates": COL_CERTIFICATES, "distance": COL_DISTANCE}


def table_columns(state: SuppliersState) -> list[str]:
    """The columns beside the name this window has room for (distance only when one is measured)."""
    wanted = [c for c in OPTIONAL if c != "distance" or state.near is not None]
    room = state.app.width - TABLE_CHROME
    while wanted and room - sum(WIDTHS[c] + Space.M for c in wanted) < NAME_MIN:
        wanted.pop()
    return [c for c in ("type", "place", "standing", "certificates", "distance") if c in wanted]


#: Anything tappable is at least this tall (Material's minimum touch target).
MIN_TAP = 48


def _opener(supplier: Supplier) -> Callable[[], None]:
    return lambda: paths.go(paths.supplier_path(supplier.id))


def _one_line(text: str, style: ft.TextStyle, **kwargs: object) -> ft.Text:
    return ft.Text(text, style=style, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS, **kwargs)


def _name_line(state: SuppliersState, supplier: Supplier, badge: bool = True) -> ft.Control:
    lang = state.app.lang
    parts: list[ft.Control] = [
        ft.Container(
            _one_line(supplier_name(supplier, lang), Type.BODY_STRONG, color=Tone.TEXT),
            expand=True,
            tooltip=supplier_name(supplier, lang),  # the whole name, should a window be too narrow for it
        )
    ]
    if supplier.demo and badge:
        parts.append(demo_badge(lang))
    if state.is_favourite(supplier):
        parts.append(ft.Icon(ft.Icons.STAR, color=Tone.FAVOURITE, size=Size.ICON_S))
    return ft.Row(parts, spacing=Space.XS, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def _certificates_text(state: SuppliersState, supplier: Supplier) -> str:
    lang = state.app.lang
    schemes = sorted(scheme_words(s, lang) for s in state.app.directory.suppliers.valid_schemes(supplier.id))
    return i18n.joined(schemes, lang)


def supplier_tile(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """A phone row: name (with the demo mark), what it makes, where, and its standing or distance. No ``key``: a new
    search's rows take the places of the old ones (views/shell/windowed_list.py)."""
    lang = state.app.lang
    km = state.distance(supplier)
    where = city_line(supplier, lang)
    if km is not None:
        where = f"{km_words(km, lang)} · {where}"
    return ft.Container(
        height=Size.LIST_ROW,
        data=f"supplier:{supplier.id}",
        on_click=_opener(supplier),
        padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.XS),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Column(
            [
                _name_line(state, supplier),
                _one_line(trades_line(state, supplier), Type.CAPTION, color=Tone.MUTED),
                _one_line(f"{where} · {standing_words(state, supplier)}", Type.CAPTION, color=Tone.MUTED),
            ],
            spacing=0,
            alignment=ft.MainAxisAlignment.CENTER,
        ),
    )


def supplier_table_row(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """A desktop row: names, kind, place, standing, valid certificates, and the distance when one is measured.
    No ``key``: a new search's rows take the places of the old ones (views/shell/windowed_list.py)."""
    lang = state.app.lang
    other = supplier_other_name(supplier, lang)
    second: list[ft.Control] = [demo_badge(lang)] if supplier.demo else []  # under the name: the name keeps its room
    second.append(
        ft.Container(_one_line(other or trades_line(state, supplier), Type.CAPTION, color=Tone.MUTED), expand=True)
    )
    names: list[ft.Control] = [
        _name_line(state, supplier, badge=False),
        ft.Row(second, spacing=Space.XS, vertical_alignment=ft.CrossAxisAlignment.CENTER),
    ]
    km = state.distance(supplier)
    texts = {
        "type": company_type_name(supplier.company_type, lang),
        "place": city_line(supplier, lang),
        "standing": standing_words(state, supplier),
        "certificates": _certificates_text(state, supplier) or "—",
        "distance": km_words(km, lang) if km is not None else "—",
    }
    cells: list[ft.Control] = [ft.Column(names, spacing=0, expand=True, alignment=ft.MainAxisAlignment.CENTER)]
    for column in table_columns(state):
        cells.append(_one_line(texts[column], Type.CAPTION, color=Tone.TEXT, width=WIDTHS[column]))
    return ft.Container(
        height=Size.TABLE_ROW,
        data=f"supplier:{supplier.id}",
        on_click=_opener(supplier),
        padding=ft.Padding.symmetric(horizontal=Space.L),
        border=ft.Border.only(bottom=ft.BorderSide(1, Tone.OUTLINE)),
        content=ft.Row(cells, spacing=Space.M, vertical_alignment=ft.CrossAxisAlignment.CENTER),
    )


def _sort_button(state: SuppliersState, column: str, width: float | None) -> ft.Control:
    """A column title that sorts by its column (again: the other way round), at least 48 px high to tap."""
    order = state.sort
    # a title wider than its column ("Association's standing") wraps inside it rather than running past the
    # column, and past the window's edge for the last one
    title = ft.Text(
        state.app.t(SORT_LABELS[column]),
        style=Type.LABEL,
        color=Tone.PRIMARY,
        max_lines=2,
        overflow=ft.TextOverflow.ELLIPSIS,
        expand=width is not None,
    )
    parts: list[ft.Control] = [title]
    if order is not None and order.column == column:
        arrow = ft.Icons.ARROW_UPWARD if order.ascending else ft.Icons.ARROW_DOWNWARD
        parts.append(ft.Icon(arrow, size=Size.ICON_S, color=Tone.PRIMARY))
    return ft.Container(
        content=ft.Row(parts, spacing=Space.XS, tight=width is None),
        on_click=lambda: state.set_sort(column),
        width=width,
        expand=width is None,
        height=MIN_TAP,
        tooltip=state.app.t("suppliers_sort_by", column=state.app.t(SORT_LABELS[column])),
        data=f"sort:{column}",
    )


def table_header(state: SuppliersState) -> ft.Control:
    """Column titles of the desktop table; each sorts by its column."""
    sorts = {"place": "province"}  # the place column sorts by province
    titles = [_sort_button(state, "name", None)]
    titles += [_sort_button(state, sorts.get(c, c), WIDTHS[c]) for c in table_columns(state)]
    return ft.Container(
        bgcolor=Tone.CARD_HIGH,
        padding=ft.Padding.symmetric(horizontal=Space.L),
        content=ft.Row(titles, spacing=Space.M),
        data="suppliers-table-header",
    )
