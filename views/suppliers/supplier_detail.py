"""A supplier: who it is, its standing and certificates, what it makes, how to reach it, the plants it is near,
the needs it fits, the member's notes; favourite; its profile as a PDF."""

from __future__ import annotations

import flet as ft

from models.suppliers import Supplier
from views.shell import paths
from views.shell.badges import demo_badge
from views.shell.buttons import icon_button
from views.shell.context import slots, use_services
from views.shell.directory_labels import city_line, company_type_name, supplier_name, supplier_other_name
from views.shell.export_action import PDF, ExportAction
from views.shell.facts import caption, paired
from views.shell.loading import loading
from views.shell.records import Subject
from views.shell.theme import Size, Space, Tone, Type
from views.suppliers.context import use_suppliers
from views.suppliers.profile_pdf import pdf_available
from views.suppliers.sections import (
    certificates_section,
    contacts_section,
    facts_section,
    matching_needs_section,
    near_plants_section,
    products_section,
    standing_section,
)
from views.suppliers.state import SuppliersState


def _header(state: SuppliersState, supplier: Supplier) -> ft.Control:
    app = state.app
    lang = app.lang
    favourite = state.is_favourite(supplier)
    kind = company_type_name(supplier.company_type, lang)
    if supplier.knowledge_based:
        # a narrow phone wraps the line between its two facts, never inside "knowledge-based" (a non-breaking
        # hyphen) and never with the dot leading the second line (a no-break space before it)
        kind += "\u00a0· " + app.t("knowledge_based").replace("-", "\u2011")
    actions: list[ft.Control] = [
        icon_button(
            ft.Icons.ARROW_BACK, app.t("supplier_back"), on_click=lambda: paths.go(paths.SUPPLIERS), data="back"
        ),
        ft.Text(kind, style=Type.LABEL, color=Tone.PRIMARY, expand=True),
        icon_button(
            ft.Icons.STAR if favourite else ft.Icons.STAR_BORDER,
            app.t("favourite_remove_supplier" if favourite else "favourite_add_supplier"),
            icon_color=Tone.FAVOURITE if favourite else Tone.MUTED,
            on_click=lambda: state.toggle_favourite(supplier),
            data="favourite",
        ),
        ExportAction(
            lambda fmt: state.export_profile(supplier, fmt),
            compact=True,
            busy=state.busy == "profile",
            nothing=False,
            choices=(PDF,),
            unavailable=frozenset() if pdf_available() else frozenset({"pdf"}),
        ),
    ]
    names: list[ft.Control] = [ft.Text(supplier_name(supplier, lang), style=Type.DISPLAY, color=Tone.TEXT, data="name")]
    other = supplier_other_name(supplier, lang)
    if other:
        names.append(
            ft.Text(other, style=Type.SECTION, color=Tone.MUTED, rtl=False if lang == "fa" else None, data="other-name")
        )
    lines: list[ft.Control] = [
        ft.Row(actions, vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=Space.XS),
        ft.Row(names, wrap=True, spacing=Space.L, run_spacing=0, vertical_alignment=ft.CrossAxisAlignment.END),
        ft.Row(
            [
                ft.Icon(ft.Icons.PLACE_OUTLINED, size=Size.ICON_S, color=Tone.MUTED),
                ft.Text(
                    city_line(supplier, lang) or app.t("supplier_place_unknown"),
                    style=Type.BODY,
                    color=Tone.MUTED,
                    expand=True,
                ),
                *([demo_badge(lang)] if supplier.demo else []),
            ],
            spacing=Space.XS,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
    ]
    if supplier.demo:
        lines.append(caption(app.t("supplier_demo_note")))
    if not pdf_available():
        lines.append(caption(app.t("supplier_pdf_unavailable")))
    return ft.Column(lines, spacing=Space.XS, tight=True)


@ft.component
def MissingSupplier(supplier_id: str) -> ft.Control:
    state = use_suppliers()
    app = state.app
    return ft.Container(
        padding=Space.XL,
        data="supplier-missing",
        content=ft.Column(
            [
                ft.Text(app.t("supplier_missing", id=supplier_id), style=Type.BODY, color=Tone.MUTED),
                ft.TextButton(
                    content=app.t("nav_suppliers"), icon=ft.Icons.ARROW_BACK, on_click=lambda: paths.go(paths.SUPPLIERS)
                ),
            ],
            tight=True,
        ),
    )


@ft.component
def SupplierDetailView() -> ft.Control:
    state = use_suppliers()
    services = use_services()
    supplier_id = paths.use_path_id("/supplier/")
    if not state.app.directory_ready:
        return loading(state.app.t("directory_loading"), "supplier-loading")
    supplier = state.app.directory.suppliers.get(supplier_id)
    if supplier is None:
        return MissingSupplier(supplier_id)

    async def launch(url: str) -> None:
        if services.url_launcher is not None:
            await services.url_launcher.launch_url(url)

    sections = [
        standing_section(state, supplier),
        certificates_section(state, supplier),
        contacts_section(state, supplier, launch),
        facts_section(state, supplier),
        products_section(state, supplier),
        near_plants_section(state, supplier),
        matching_needs_section(state, supplier),
    ]
    notes = slots().notes
    rows = [ft.ResponsiveRow(row, spacing=Space.M, run_spacing=Space.M) for row in paired(sections)]
    return ft.ListView(
        [
            _header(state, supplier),
            *([notes(Subject("supplier", supplier.id))] if notes is not None else []),
            *(show(supplier) for show in slots().supplier_sections),
            *rows,
            caption(state.app.t("supplier_source_line", source=state.source_words(supplier))),
        ],
        padding=Space.L,
        spacing=Space.M,
        expand=True,
        data="supplier-detail",
    )
