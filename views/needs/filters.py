"""The needs' facets: status, criticality, category, plant, province, and "our organisation's needs"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from models.collation import collation_string
from models.needs import STATUS_ORDER, Criticality
from models.orgs import Role
from views.needs.context import use_needs
from views.needs.state import NeedsState
from views.shell import i18n, labels
from views.shell.directory_labels import category_name, criticality_name, place_name, status_name
from views.shell.menus import labelled_dropdown
from views.shell.theme import Size, Space, Tone, Type

ANY = "any"


def _chip(label: str, selected: bool, on_select: Callable[[], None], data: str) -> ft.Chip:
    return ft.Chip(label=ft.Text(label, style=Type.LABEL), selected=selected, on_select=lambda: on_select(), data=data)


def _toggle(state: NeedsState, facet: str, value: Any) -> Callable[[], None]:
    return lambda: state.toggle(facet, value)


def _heading(text: str) -> ft.Text:
    return ft.Text(text, style=Type.LABEL, color=Tone.MUTED)


def _wrap(controls: list[ft.Control]) -> ft.Row:
    return ft.Row(controls, wrap=True, spacing=Space.S, run_spacing=Space.XS)


def _counted(label: str, count: int, lang: str) -> str:
    return f"{label} ({i18n.number(count, lang)})"


def _one_of(state: NeedsState, facet: str, options: list[tuple[str, str]], label: str, data: str) -> ft.Control:
    """A searchable drop-down choosing one value of a facet (or any)."""
    app = state.app
    chosen = sorted(getattr(state.filter, facet))

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        state.set_filter(**{facet: frozenset() if value in (None, ANY) else frozenset({value})})

    return labelled_dropdown(
        app.lang,
        value=chosen[0] if chosen else ANY,
        options=[
            ft.DropdownOption(key=ANY, text=app.t("needs_any")),
            *(ft.DropdownOption(key=key, text=text) for key, text in options),
        ],
        label=label,
        on_select=on_select,
        width=Size.DROPDOWN_WIDTH,
        data=data,
    )


@ft.component
def NeedFacets(in_sheet: bool = False) -> ft.Control:
    state = use_needs()
    app = state.app
    lang, directory = app.lang, app.directory
    index, tree = directory.needs, directory.tree
    statuses = index.statuses()
    status_chips = [
        _chip(
            _counted(status_name(s, lang), statuses[s], lang),
            s in state.filter.statuses,
            _toggle(state, "statuses", s),
            f"need-status:{s.value}",
        )
        for s in STATUS_ORDER
        if statuses.get(s)
    ]
    critical_chips = [
        _chip(
            criticality_name(c, lang),
            c in state.filter.criticality,
            _toggle(state, "criticality", c),
            f"criticality:{c.value}",
        )
        for c in Criticality
    ]
    counts = index.category_counts()
    categories = [
        (c.code, _counted(category_name(c.code, lang, tree), counts[c.code], lang))
        for root in tree.children(None)
        for c in tree.children(root.code)
        if counts.get(c.code)
    ]
    plants = [(pid, _counted(place_name(index.place(pid), pid, lang), n, lang)) for pid, n in index.plants().items()]
    plants.sort(key=lambda pair: collation_string(pair[1]))
    provinces = [
        (code, _counted(labels.province_name(code, lang) or code, n, lang)) for code, n in index.provinces().items()
    ]
    provinces.sort(key=lambda pair: collation_string(pair[1]))
    rows: list[ft.Control] = []
    who = app.who
    if who is not None and who.role is Role.MEMBER and who.org_id:
        rows.append(
            ft.Switch(
                label=app.t("needs_filter_ours"),
                value=bool(state.filter.producers),
                on_change=lambda e: state.only_ours(bool(e.control.value)),
                data="needs-ours",
            )
        )
    rows += [
        _heading(app.t("needs_filter_status")),
        _wrap(status_chips),
        _heading(app.t("needs_filter_criticality")),
        _wrap(critical_chips),
        _one_of(state, "categories", categories, app.t("needs_filter_category"), "need-category"),
        _one_of(state, "plants", plants, app.t("needs_filter_plant"), "need-plant"),
        _one_of(state, "provinces", provinces, app.t("province"), "need-province"),
    ]
    if state.facet_count and not in_sheet:
        rows.append(
            ft.TextButton(
                content=app.t("needs_filters_clear"),
                icon=ft.Icons.FILTER_ALT_OFF,
                on_click=state.clear_filters,
                data="need-clear-filters",
            )
        )
    return ft.Column(rows, spacing=Space.S, tight=True, data="need-facets")
