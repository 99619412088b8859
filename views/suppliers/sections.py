"""The parts of a supplier's screen: standing, certificates, facts with their sources, products, contacts, the
plants it is near and the needs it fits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import flet as ft

from models.geo import haversine_km
from models.match_words import PROCESS_NAMES, scheme_words, summary_line
from models.matching import match_supplier
from models.need_query import ACTIVE_STATUSES, need_order
from models.suppliers import QualificationState, Supplier
from views.shell import i18n, labels, paths
from views.shell.directory_labels import (
    categories_line,
    category_name,
    certificate_validity,
    certificate_words,
    company_type_name,
    fact_source,
    km_words,
    need_item,
    place_name,
    provenance_name,
    qualification_name,
    size_name,
    status_name,
)
from views.shell.facts import HALF, caption, empty_line, fact, section
from views.shell.theme import Size, Space, Tone, Type
from views.suppliers.state import SuppliersState

#: Plants within this distance are "near" on a supplier's screen.
NEAR_PLANTS_KM = 150.0
NEAR_PLANTS_SHOWN = 6
NEEDS_SHOWN = 12
VALIDITY_TONES = {"valid": Tone.PRIMARY, "expiring": Tone.FAVOURITE, "expired": Tone.ERROR, "not_yet": Tone.MUTED}
VALIDITY_ICONS = {
    "valid": ft.Icons.VERIFIED_OUTLINED,
    "expiring": ft.Icons.SCHEDULE,
    "expired": ft.Icons.CANCEL_OUTLINED,
    "not_yet": ft.Icons.SCHEDULE,
}
STANDING_TONES = {
    QualificationState.APPROVED: Tone.PRIMARY,
    QualificationState.CONDITIONAL: Tone.PRIMARY,
    QualificationState.REJECTED: Tone.ERROR,
    QualificationState.SUSPENDED: Tone.ERROR,
    QualificationState.EXPIRED: Tone.ERROR,
}


def _source_caption(state: SuppliersState, supplier: Supplier, field: str) -> ft.Control:
    source = provenance_name(fact_source(supplier, field), state.app.lang)
    return caption(state.app.t("supplier_fact_source", source=source))


def standing_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """Each category's qualification as it stands today (a lapsed approval is expired), who decided it, until when."""
    app = state.app
    lang, day, tree = app.lang, app.directory.day, app.directory.tree
    lines: list[ft.Control] = []
    for q in supplier.qualifications:
        current = q.state_on(day)
        title = f"{qualification_name(current, lang)} — {category_name(q.category, lang, tree)}"
        details = []
        if q.since is not None:
            # both ends of a standing in both calendars on Persian screens, as its end already was
            details.append(app.t("supplier_standing_since", date=i18n.date(q.since, lang, with_gregorian=lang == "fa")))
        if q.expires is not None:
            details.append(app.t("suppliers_until", date=i18n.date(q.expires, lang, with_gregorian=lang == "fa")))
        details.append(app.t("supplier_fact_source", source=provenance_name(q.source, lang)))
        lines.append(
            ft.Column(
                [
                    ft.Text(title, style=Type.BODY_STRONG, color=STANDING_TONES.get(current, Tone.TEXT)),
                    caption(" · ".join(details)),
                    *([ft.Text(q.note, style=Type.CAPTION, color=Tone.TEXT)] if q.note else []),
                ],
                spacing=0,
                tight=True,
                data=f"standing:{q.category}",
            )
        )
    if not lines:
        lines.append(empty_line(app.t("supplier_not_assessed")))
    return section(app.t("supplier_section_standing"), lines, col=HALF, data="supplier-standing")


def scheme_label(scheme: str, lang: i18n.Lang) -> str:
    """A certificate's scheme in the reader's words; a Latin name ("ISO 9001") isolated left to right."""
    words = scheme_words(scheme, lang)
    return i18n.ltr(words) if words == scheme else words


def certificates_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """Certificates with their validity in Jalali dates: valid, expiring within 90 days, expired."""
    app = state.app
    lang, day = app.lang, app.directory.day
    order = {"valid": 0, "expiring": 1, "not_yet": 2, "expired": 3}
    lines: list[ft.Control] = []
    for c in sorted(supplier.certificates, key=lambda c: (order[certificate_validity(c, day)], c.scheme)):
        validity = certificate_validity(c, day)
        # a certificate's number whole on one line (non-breaking hyphens): «DEMO-» at a line's end and the rest
        # on the next reads, in a right-to-left paragraph, as two numbers in the wrong order
        number = c.number.replace("-", "\u2011") if c.number else None
        who = " · ".join(x for x in (c.issuer, number) if x)
        lines.append(
            ft.Row(
                [
                    ft.Icon(VALIDITY_ICONS[validity], color=VALIDITY_TONES[validity], size=Size.ICON_M),
                    ft.Column(
                        [
                            ft.Text(scheme_label(c.scheme, lang), style=Type.BODY_STRONG, color=Tone.TEXT),
                            ft.Text(
                                certificate_words(c, day, lang),
                                style=Type.BODY,
                                color=VALIDITY_TONES[validity],
                                data=f"validity:{validity}",
                            ),
                            caption(
                                " · ".join(
                                    x for x in (i18n.ltr(who) if who else "", provenance_name(c.source, lang)) if x
                                )
                            ),
                        ],
                        spacing=0,
                        tight=True,
                        expand=True,
                    ),
                ],
                spacing=Space.S,
                vertical_alignment=ft.CrossAxisAlignment.START,
                data=f"certificate:{c.scheme}",
            )
        )
    if not lines:
        lines.append(empty_line(app.t("supplier_no_certificates")))
    return section(app.t("supplier_section_certificates"), lines, col=HALF, data="supplier-certificates")


def facts_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """Who it is and what it can do, each fact with where it came from."""
    app = state.app
    lang, tree = app.lang, app.directory.tree
    caps = supplier.capabilities
    comma = "، " if lang == "fa" else ", "
    processes = comma.join(PROCESS_NAMES[p.value][0 if lang == "fa" else 1] for p in caps.processes)
    rows: list[ft.Control] = [
        fact(app.t("suppliers_column_type"), company_type_name(supplier.company_type, lang)),
        fact(app.t("suppliers_filter_size"), size_name(supplier.size_band, lang)),
        fact(
            app.t("supplier_founded"),
            i18n.digits(str(supplier.founded_year), lang) if supplier.founded_year else app.t("not_given"),
        ),
        fact(app.t("knowledge_based"), app.t("export_yes" if supplier.knowledge_based else "export_no")),
        _source_caption(state, supplier, "company_type"),
        fact(app.t("suppliers_export_categories"), categories_line(supplier.categories, lang, tree)),
        fact(app.t("supplier_processes"), processes or app.t("not_given")),
        fact(app.t("supplier_materials"), comma.join(caps.materials) or app.t("not_given"), ltr=lang == "fa"),
    ]
    if caps.largest_part_kg is not None:
        weight = app.t("supplier_kg", value=i18n.number(caps.largest_part_kg, lang))
        rows.append(fact(app.t("supplier_largest_part"), weight))
    rows.append(_source_caption(state, supplier, "capabilities"))
    return section(app.t("supplier_section_facts"), rows, col=HALF, data="supplier-facts")


def products_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    app = state.app
    lang, tree = app.lang, app.directory.tree
    lines: list[ft.Control] = []
    for p in supplier.products:
        name = (p.name_fa or p.name_en) if lang == "fa" else (p.name_en or p.name_fa)
        other = p.name_en if lang == "fa" else p.name_fa
        parts = [
            x
            for x in (
                other if other != name else None,
                category_name(p.category, lang, tree) if p.category else None,
                i18n.ltr(p.oem_part_number) if p.oem_part_number else None,
            )
            if x
        ]
        lines.append(
            ft.Column(
                [ft.Text(name or "—", style=Type.BODY, color=Tone.TEXT), caption(" · ".join(parts))],
                spacing=0,
                tight=True,
            )
        )
    if not lines:
        lines.append(empty_line(app.t("supplier_no_products")))
    lines.append(_source_caption(state, supplier, "products"))
    return section(app.t("supplier_section_products"), lines, col=HALF, data="supplier-products")


def contacts_section(state: SuppliersState, supplier: Supplier, launch: Callable[[str], Awaitable[None]]) -> ft.Control:
    """Call, write, open the website: each a button in the device's own app (tel:, mailto:, the browser)."""
    app = state.app
    lang = app.lang

    def opener(url: str) -> Callable[[], Awaitable[None]]:
        async def open_url() -> None:
            await launch(url)

        return open_url

    def button(icon: ft.IconData, label: str, shown: str, url: str, data: str) -> ft.Control:
        return ft.TextButton(
            content=ft.Text(i18n.ltr(shown), style=Type.BODY),
            icon=icon,
            tooltip=label,
            on_click=opener(url),
            data=data,
            # 14 px above and below, as the theme's buttons: at 12 a one-line number was 45 px high, short of a
            # finger's 48
            style=ft.ButtonStyle(padding=ft.Padding.symmetric(horizontal=Space.S, vertical=14)),
        )

    lines: list[ft.Control] = []
    if supplier.phone:
        lines.append(
            button(
                ft.Icons.CALL,
                app.t("supplier_call", phone=supplier.phone),
                supplier.phone,
                tel_url(supplier.phone),
                "contact-call",
            )
        )
    if supplier.email:
        lines.append(
            button(
                ft.Icons.MAIL_OUTLINE,
                app.t("supplier_email", email=supplier.email),
                supplier.email,
                f"mailto:{supplier.email}",
                "contact-email",
            )
        )
    if supplier.website:
        lines.append(
            button(ft.Icons.LANGUAGE, app.t("supplier_website"), supplier.website, supplier.website, "contact-website")
        )
    for person in supplier.contacts:
        name = (person.name_fa or person.name_en) if lang == "fa" else (person.name_en or person.name_fa)
        role = (person.role_fa or person.role_en) if lang == "fa" else (person.role_en or person.role_fa)
        lines.append(ft.Text(" — ".join(x for x in (name, role) if x), style=Type.BODY_STRONG, color=Tone.TEXT))
        if person.phone and person.phone != supplier.phone:
            lines.append(
                button(
                    ft.Icons.CALL,
                    app.t("supplier_call", phone=person.phone),
                    person.phone,
                    tel_url(person.phone),
                    "contact-person-call",
                )
            )
        if person.email:
            lines.append(
                button(
                    ft.Icons.MAIL_OUTLINE,
                    app.t("supplier_email", email=person.email),
                    person.email,
                    f"mailto:{person.email}",
                    "contact-person-email",
                )
            )
    if not lines:
        lines.append(empty_line(app.t("supplier_no_contacts")))
    if supplier.demo:
        lines.append(caption(app.t("supplier_demo_contacts")))
    return section(app.t("supplier_section_contacts"), lines, col=HALF, data="supplier-contacts")


def tel_url(phone: str) -> str:
    """``tel:+983133333333`` — the digits and a leading plus, as dialers want them."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def near_plants_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """The atlas's plants and mines within 150 km, nearest first: who could buy from it without a long haul."""
    app = state.app
    lang = app.lang
    lines: list[ft.Control] = []
    if supplier.lat is not None and supplier.lon is not None:
        found = []
        for entry in app.atlas.index.entries.values():
            point = entry.asset.place.point
            if point is None:
                continue
            km = haversine_km(supplier.lat, supplier.lon, point.lat, point.lon)
            if km <= NEAR_PLANTS_KM:
                found.append((km, entry.asset))
        found.sort(key=lambda pair: pair[0])
        for km, asset in found[:NEAR_PLANTS_SHOWN]:
            lines.append(
                ft.ListTile(
                    title=ft.Text(labels.display_name(asset, lang), style=Type.BODY),
                    subtitle=ft.Text(f"{km_words(km, lang)} · {labels.headline_text(asset, lang)}", style=Type.CAPTION),
                    leading=ft.Icon(ft.Icons.TERRAIN if asset.kind == "mine" else ft.Icons.FACTORY),
                    on_click=lambda _e, a=asset: paths.go(paths.asset_path(a)),
                    content_padding=0,
                    data=f"near-plant:{asset.id}",
                )
            )
        if len(found) > NEAR_PLANTS_SHOWN:
            more = i18n.number(len(found) - NEAR_PLANTS_SHOWN, lang)
            lines.append(caption(app.t("supplier_near_more", count=more)))
    if not lines:
        lines.append(empty_line(app.t("supplier_near_none", km=i18n.number(NEAR_PLANTS_KM, lang))))
    title = app.t("supplier_section_near", km=i18n.number(NEAR_PLANTS_KM, lang))
    return section(title, lines, col=HALF, data="supplier-near-plants")


def matching_needs_section(state: SuppliersState, supplier: Supplier) -> ft.Control:
    """The needs this account can see that the supplier fits (the matching rule, docs/matching.md)."""
    app = state.app
    lang, directory = app.lang, app.directory
    needs = directory.needs
    fits = []
    for entry in needs.entries.values():
        need = entry.need
        if need.status not in ACTIVE_STATUSES:
            continue
        place = needs.place(need.plant_id)
        point = (place.lat, place.lon) if place and place.lat is not None and place.lon is not None else None
        match = match_supplier(need, supplier, plant_point=point, on=directory.day)
        if match is not None:
            fits.append((need, match))
    fits.sort(key=lambda pair: (-pair[1].score, need_order(pair[0])))
    lines: list[ft.Control] = []
    for need, match in fits[:NEEDS_SHOWN]:
        plant = place_name(needs.place(need.plant_id), need.plant_id, lang)
        lines.append(
            ft.ListTile(
                title=ft.Text(need_item(need, lang), style=Type.BODY),
                subtitle=ft.Text(
                    f"{plant} · {status_name(need.status, lang)}\n{summary_line(match.reasons, lang, directory.tree)}",
                    style=Type.CAPTION,
                ),
                leading=ft.Icon(ft.Icons.ASSIGNMENT_OUTLINED),
                on_click=lambda _e, n=need: paths.go(paths.need_path(n.id)),
                content_padding=0,
                data=f"fits-need:{need.id}",
            )
        )
    if len(fits) > NEEDS_SHOWN:
        lines.append(caption(app.t("supplier_needs_more", count=i18n.number(len(fits) - NEEDS_SHOWN, lang))))
    if not lines:
        lines.append(empty_line(app.t("supplier_needs_none")))
    return section(app.t("supplier_section_needs"), lines, col=HALF, data="supplier-needs")
