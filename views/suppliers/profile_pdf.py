"""A supplier's profile as a PDF: Persian shaped and laid out right to left (fpdf2 with HarfBuzz and the bundled
Vazirmatn), English left to right; standing, certificates with Jalali validity, facts with their sources,
products, contacts, and the demo mark on a made-up supplier.

Shaping Persian needs HarfBuzz (``uharfbuzz``, compiled). Flet's package index for Android and iOS has no
build of it, so a phone's app cannot make this file: ``pdf_available()`` says so, the screen shows the action
disabled with the reason, and CSV/XLSX exports work everywhere (docs/decisions.md, "PDF profiles").
"""

from __future__ import annotations

import datetime as dt

from models.match_words import PROCESS_NAMES, scheme_words
from models.suppliers import Supplier
from views.shell import i18n
from views.shell.directory_data import DirectorySnapshot
from views.shell.directory_labels import (
    categories_line,
    category_name,
    certificate_validity,
    certificate_words,
    city_line,
    company_type_name,
    fact_source,
    provenance_name,
    qualification_name,
    size_name,
    supplier_name,
    supplier_other_name,
)
from views.shell.export import file_name
from views.shell.i18n import Lang
from views.shell.pdf import DEMO, MUTED, PRIMARY, VALIDITY_COLOURS, is_latin, new_document
from views.shell.pdf import pdf_available as pdf_available  # the supplier screen asks here


def profile_file_name(supplier: Supplier, day: dt.date, lang: Lang) -> str:
    return file_name(f"supplier-{supplier.id}", day, lang, "pdf")


def supplier_pdf(
    supplier: Supplier, directory: DirectorySnapshot, lang: Lang, *, made_on: dt.date, source: str
) -> bytes:
    """The profile's bytes. ``source`` is the line saying where the record comes from and as of when."""
    rtl = lang == "fa"
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand
    pdf, writer = new_document(supplier_name(supplier, lang), lang, made_on=made_on)
    day, tree = directory.day, directory.tree

    # ---- who ----
    writer.paragraph(supplier_name(supplier, lang), 18, bold=True, colour=PRIMARY)
    other = supplier_other_name(supplier, lang)
    if other:
        writer.paragraph(other, 12, colour=MUTED, rtl=not rtl, align_start=True)
    kind = company_type_name(supplier.company_type, lang)
    if supplier.knowledge_based:
        kind += " · " + t("knowledge_based")
    writer.paragraph(f"{kind} · {city_line(supplier, lang)}", 10, colour=MUTED)
    if supplier.demo:
        writer.banner(t("pdf_demo_banner"), DEMO)
    writer.gap()

    # ---- standing ----
    writer.heading(t("supplier_section_standing"))
    if not supplier.qualifications:
        writer.paragraph(t("supplier_not_assessed"), 10, colour=MUTED)
    for q in supplier.qualifications:
        state = q.state_on(day)
        words = [qualification_name(state, lang)]
        if q.expires is not None:
            words.append(t("suppliers_until", date=i18n.date(q.expires, lang, with_gregorian=rtl)))
        words.append(t("supplier_fact_source", source=provenance_name(q.source, lang)))
        writer.row(category_name(q.category, lang, tree), " · ".join(words))

    # ---- certificates ----
    writer.heading(t("supplier_section_certificates"))
    if not supplier.certificates:
        writer.paragraph(t("supplier_no_certificates"), 10, colour=MUTED)
    for c in supplier.certificates:
        validity = certificate_validity(c, day)
        writer.row(scheme_words(c.scheme, lang), certificate_words(c, day, lang), colour=VALIDITY_COLOURS[validity])
        issued = " · ".join(x for x in (c.issuer, c.number, provenance_name(c.source, lang)) if x)
        writer.row("", issued, colour=MUTED, value_ltr=is_latin(issued))

    # ---- facts with their sources ----
    writer.heading(t("supplier_section_facts"))
    comma = "، " if rtl else ", "
    caps = supplier.capabilities
    facts: list[tuple[str, str]] = [
        (t("suppliers_column_type"), company_type_name(supplier.company_type, lang)),
        (t("suppliers_filter_size"), size_name(supplier.size_band, lang)),
        (t("supplier_founded"), i18n.digits(str(supplier.founded_year), lang) if supplier.founded_year else "—"),
        (t("suppliers_export_categories"), categories_line(supplier.categories, lang, tree)),
        (
            t("supplier_processes"),
            comma.join(PROCESS_NAMES[p.value][0 if rtl else 1] for p in caps.processes) or t("not_given"),
        ),
        (t("supplier_materials"), comma.join(caps.materials) or t("not_given")),
        (
            t("supplier_fact_sources"),
            f"{provenance_name(fact_source(supplier, 'company_type'), lang)} · "
            f"{t('supplier_processes')}: {provenance_name(fact_source(supplier, 'capabilities'), lang)}",
        ),
    ]
    for label, value in facts:
        writer.row(label, value)

    # ---- products ----
    if supplier.products:
        writer.heading(t("supplier_section_products"))
        for p in supplier.products:
            name = (p.name_fa or p.name_en) if rtl else (p.name_en or p.name_fa)
            writer.row(category_name(p.category, lang, tree) if p.category else "—", name or "—")

    # ---- contacts ----
    writer.heading(t("supplier_section_contacts"))
    contacts: list[tuple[str, str]] = [
        (t("suppliers_export_phone"), supplier.phone or "—"),
        (t("suppliers_export_email"), supplier.email or "—"),
        (t("suppliers_export_website"), supplier.website or "—"),
    ]
    for person in supplier.contacts:
        name = (person.name_fa or person.name_en) if rtl else (person.name_en or person.name_fa)
        role = (person.role_fa or person.role_en) if rtl else (person.role_en or person.role_fa)
        contacts.append((role or "—", name or "—"))
        contacts += [("", reach) for reach in (person.phone, person.email) if reach and reach != supplier.phone]
    for label, value in contacts:
        writer.row(label, value, value_ltr=is_latin(value))
    if supplier.demo:
        writer.paragraph(t("supplier_demo_contacts"), 9, colour=DEMO)

    writer.gap()
    writer.paragraph(source, 8, colour=MUTED)
    writer.paragraph(t("pdf_ids", id=supplier.id), 8, colour=MUTED)
    return bytes(pdf.output())
