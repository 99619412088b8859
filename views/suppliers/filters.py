"""The directory's facets: category tree, province, certificates, standing, kind, size, knowledge-based, distance.

One panel: beside the list on a desktop, in a scrollable sheet on a phone. Each chip says how many suppliers of
the whole directory it covers, so a member sees where the directory is thin before choosing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from models.collation import collation_string
from models.match_words import scheme_words
from models.supplier_query import QUALIFICATION_ORDER
from models.suppliers import CompanyType, SizeBand
from views.shell import i18n, labels
from views.shell.directory_labels import category_name, company_type_name, qualification_name, size_name
from views.shell.identity import org_assets
from views.shell.menus import labelled_dropdown
from views.shell.records import FAVOURITES
from views.shell.theme import Size, Space, Tone, Type
from views.suppliers.context import use_suppliers
from views.suppliers.state import SuppliersState

ANY = "any"
#: Certificate schemes offered as chips, most asked-for first (others are found by typing their name).
SCHEMES = ("ISO 9001", "ISO 14001", "ISO 45001", "IATF 16949", "INSO standard mark")


def _chip(label: str, selected: bool, on_select: Callable[[], None], data: str) -> ft.Chip:
    return ft.Chip(label=ft.Text(label, style=Type.LABEL), selected=selected, on_select=lambda: on_select(), data=data)


def _heading(text: str) -> ft.Text:
    return ft.Text(text, style=Type.LABEL, color=Tone.MUTED)


def _wrap(controls: list[ft.Control]) -> ft.Row:
    return ft.Row(controls, wrap=True, spacing=Space.S, run_spacing=Space.XS)


def _toggle(state: SuppliersState, facet: str, value: Any) -> Callable[[], None]:
    return lambda: state.toggle(facet, value)


def _counted(label: str, count: int, lang: str) -> str:
    return f"{label} ({i18n.number(count, lang)})"


def _categories(state: SuppliersState) -> list[ft.Control]:
    """The tree: each supply group's categories as chips; a chosen category shows the ones beneath it."""
    app = state.app
    lang, directory = app.lang, app.directory
    tree, counts = directory.tree, directory.suppliers.category_counts()
    chosen = state.filter.categories
    out: list[ft.Control] = [_heading(app.t("suppliers_filter_category"))]
    for root in tree.children(None):
        chips: list[ft.Control] = []
        for child in tree.children(root.code):
            if not counts.get(child.code):
                continue
            name = category_name(child.code, lang, tree)
            chips.append(
                _chip(
                    _counted(name, counts[child.code], lang),
                    child.code in chosen,
                    _toggle(state, "categories", child.code),
                    f"category:{child.code}",
                )
            )
            if child.code in chosen or any(c.startswith(child.code + ".") for c in chosen):
                for grandchild in tree.children(child.code):
                    if counts.get(grandchild.code):
                        label = _counted(category_name(grandchild.code, lang, tree), counts[grandchild.code], lang)
                        chips.append(
                            _chip(
                                label,
                                grandchild.code in chosen,
                                _toggle(state, "categories", grandchild.code),
                                f"category:{grandchild.code}",
                            )
                        )
        if chips:
            out.append(ft.Text(category_name(root.code, lang, tree), style=Type.CAPTION, color=Tone.TEXT))
            out.append(_wrap(chips))
    return out


def _province_picker(state: SuppliersState) -> ft.Control:
    app = state.app
    counts = app.directory.suppliers.provinces()
    options = [ft.DropdownOption(key=ANY, text=app.t("suppliers_province_any"))]
    named = sorted(
        ((labels.province_name(code, app.lang) or code, code) for code in counts),
        key=lambda pair: collation_string(pair[0]),
    )
    options += [ft.DropdownOption(key=code, text=_counted(name, counts[code], app.lang)) for name, code in named]
    chosen = sorted(state.filter.provinces)

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        state.set_filter(provinces=frozenset() if value in (None, ANY) else frozenset({value}))

    return labelled_dropdown(
        app.lang,
        value=chosen[0] if chosen else ANY,
        options=options,
        label=app.t("province"),
        on_select=on_select,
        width=Size.DROPDOWN_WIDTH,
        data="supplier-province",
    )


def _near_choices(state: SuppliersState) -> list[tuple[str, str]]:
    """Plants to measure from: the member's organisation's, then their favourite plants, then the one chosen."""
    app = state.app
    lang = app.lang
    ids: dict[str, None] = {}
    who = app.who
    if who is not None and who.org_id:
        entries = app.atlas.index.entries.values()
        ids.update(dict.fromkeys(a.id for a in org_assets(who.org_id, (e.asset for e in entries))))
    try:
        records = app.store.user.records(FAVOURITES)
    except Exception:
        records = []
    ids.update(dict.fromkeys(str(r.data.get("asset_id")) for r in records if r.data and r.data.get("kind") == "plant"))
    if state.near:
        ids[state.near] = None
    out = []
    for plant_id in ids:
        asset = app.asset(plant_id)
        if asset is not None and asset.place.point is not None:
            out.append((plant_id, labels.display_name(asset, lang)))
    return out


def _near_picker(state: SuppliersState) -> ft.Control | None:
    choices = _near_choices(state)
    if not choices:
        return None
    app = state.app

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        state.set_near(None if value in (None, ANY) else value)

    return labelled_dropdown(
        app.lang,
        enable_filter=False,
        editable=False,
        value=state.near or ANY,
        options=[
            ft.DropdownOption(key=ANY, text=app.t("suppliers_near_none")),
            *(ft.DropdownOption(key=pid, text=name) for pid, name in choices),
        ],
        label=app.t("suppliers_near_label"),
        on_select=on_select,
        width=Size.DROPDOWN_WIDTH,
        data="supplier-near",
    )


def _switch(state: SuppliersState, facet: str, label_key: str) -> ft.Control:
    return ft.Switch(
        label=state.app.t(label_key),
        value=bool(getattr(state.filter, facet)),
        on_change=lambda e: state.set_switch(facet, bool(e.control.value)),
        data=f"switch:{facet}",
    )


@ft.component
def SupplierFacets(in_sheet: bool = False) -> ft.Control:
    """Every facet, top to bottom; the same panel beside the desktop list and in the phone's sheet (whose foot
    has "clear" already)."""
    state = use_suppliers()
    app = state.app
    lang = app.lang
    schemes = app.directory.suppliers.schemes()
    scheme_chips = [
        _chip(
            _counted(scheme_words(s, lang), schemes[s], lang),
            s in state.filter.schemes,
            _toggle(state, "schemes", s),
            f"scheme:{s}",
        )
        for s in SCHEMES
        if schemes.get(s)
    ]
    standing_chips = [
        _chip(
            qualification_name(q, lang),
            q in state.filter.qualifications,
            _toggle(state, "qualifications", q),
            f"standing:{q.value}",
        )
        for q in QUALIFICATION_ORDER
    ]
    type_chips = [
        _chip(
            company_type_name(t, lang),
            t in state.filter.company_types,
            _toggle(state, "company_types", t),
            f"type:{t.value}",
        )
        for t in CompanyType
    ]
    size_chips = [
        _chip(size_name(z, lang), z in state.filter.sizes, _toggle(state, "sizes", z), f"size:{z.value}")
        for z in SizeBand
    ]
    near = _near_picker(state)
    rows: list[ft.Control] = []
    if near is not None:
        rows += [near]
    rows += [
        _province_picker(state),
        *_categories(state),
        _heading(app.t("suppliers_filter_certificates")),
        _switch(state, "valid_certificate", "suppliers_filter_valid_certificate"),
        _wrap(scheme_chips),
        _heading(app.t("suppliers_filter_standing")),
        _wrap(standing_chips),
        _heading(app.t("suppliers_filter_type")),
        _wrap(type_chips),
        _heading(app.t("suppliers_filter_size")),
        _wrap(size_chips),
        _switch(state, "knowledge_based", "suppliers_filter_knowledge_based"),
    ]
    if state.has_facets and not in_sheet:
        rows.append(
            ft.TextButton(
                content=app.t("suppliers_filters_clear"),
                icon=ft.Icons.FILTER_ALT_OFF,
                on_click=state.clear_filters,
                data="supplier-clear-filters",
            )
        )
    return ft.Column(rows, spacing=Space.S, tight=True, data="supplier-facets")
