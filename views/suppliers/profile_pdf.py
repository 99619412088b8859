"""A supplier's profile as a PDF: Persian shaped and laid out right to left (fpdf2 with HarfBuzz and the bundled
Vazirmatn), English left to right; standing, certificates with Jalali validity, facts with their sources,
products, contacts, and the demo mark on a made-up supplier.

Shaping Persian needs HarfBuzz (``uharfbuzz``, compiled). Flet's package index for Android and iOS has no
build of it, so a phone's app cannot make this file: ``pdf_available()`` says so, the screen shows the action
disabled with the reason, and CSV/XLSX exports work everywhere (docs/decisions.md, "PDF profiles").
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from typing import TYPE_CHECKING

from models.match_words import PROCESS_NAMES
from models.suppliers import Supplier
from sync.paths import project_root
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
from views.shell.export import ExportFailed, file_name
from views.shell.i18n import Lang

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = project_root() / "assets" / "fonts" / "Vazirmatn-Variable.ttf"
FAMILY = "Vazirmatn"
MARGIN = 15  # mm
LABEL_WIDTH = 48  # mm
TEXT = (33, 33, 33)
MUTED = (100, 100, 100)
PRIMARY = (43, 93, 138)  # the theme's steel blue
DEMO = (125, 82, 96)
VALIDITY_COLOURS = {"valid": (46, 125, 50), "expiring": (191, 120, 0), "expired": (198, 40, 40), "not_yet": MUTED}


def pdf_available() -> bool:
    """Whether this device can make a shaped PDF (fpdf2 and HarfBuzz are installed: desktops, not phones)."""
    return importlib.util.find_spec("fpdf") is not None and importlib.util.find_spec("uharfbuzz") is not None


def profile_file_name(supplier: Supplier, day: dt.date, lang: Lang) -> str:
    return file_name(f"supplier-{supplier.id}", day, lang, "pdf")


def supplier_pdf(
    supplier: Supplier, directory: DirectorySnapshot, lang: Lang, *, made_on: dt.date, source: str
) -> bytes:
    """The profile's bytes. ``source`` is the line saying where the record comes from and as of when."""
    if not pdf_available():
        raise ExportFailed("this device has no HarfBuzz shaping (uharfbuzz): PDF profiles are made on a desktop")
    from fpdf import FPDF  # imported here: the app starts (and runs on phones) without it

    rtl = lang == "fa"
    t = lambda key, **params: i18n.t(key, lang, **params)  # noqa: E731 - a local shorthand

    class Profile(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            _font(self, 8, colour=MUTED)
            page = t("pdf_page", page=i18n.digits(str(self.page_no()), lang))
            made = t("pdf_made", date=i18n.date(made_on, lang, with_gregorian=rtl))
            self.cell(0, 6, f"{made} · {page}", align="C")

    pdf = Profile(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FAMILY, "", str(FONT))
    pdf.add_font(FAMILY, "B", str(FONT), variations={"wght": 700})
    pdf.set_title(supplier_name(supplier, lang))
    pdf.set_creator("Zanjireh")
    pdf.set_lang("fa-IR" if rtl else "en")
    pdf.add_page()
    writer = _Writer(pdf, rtl)
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
        writer.row(c.scheme, certificate_words(c, day, lang), colour=VALIDITY_COLOURS[validity])
        issued = " · ".join(x for x in (c.issuer, c.number, provenance_name(c.source, lang)) if x)
        writer.row("", issued, colour=MUTED, value_ltr=_latin(issued))

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
        writer.row(label, value, value_ltr=_latin(value))
    if supplier.demo:
        writer.paragraph(t("supplier_demo_contacts"), 9, colour=DEMO)

    writer.gap()
    writer.paragraph(source, 8, colour=MUTED)
    writer.paragraph(t("pdf_ids", id=supplier.id), 8, colour=MUTED)
    return bytes(pdf.output())


#: Digits joined by hyphens or dots: an ISO date, a phone number's groups, a part number.
_NUMBER_RUN = re.compile(r"[0-9۰-۹A-Za-z]+(?:[-.][0-9۰-۹A-Za-z]+)+")


def _font(pdf: FPDF, size: float, bold: bool = False, colour: tuple[int, int, int] = TEXT) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)


def _latin(text: str) -> bool:
    """Text with no Persian letter (a phone number, an address): laid out left to right in either language."""
    return not any("\u0600" <= ch <= "\u06ff" for ch in text)


class _Writer:
    """Paragraphs, headings and label–value rows in the document's direction."""

    def __init__(self, pdf: FPDF, rtl: bool) -> None:
        self.pdf = pdf
        self.rtl = rtl

    def _shape(self, rtl: bool) -> None:
        pdf = self.pdf
        pdf.set_text_shaping(
            use_shaping_engine=True,
            direction="rtl" if rtl else "ltr",
            script="arab" if rtl else "latn",
            language="fas" if rtl else "eng",
        )

    def paragraph(
        self,
        text: str,
        size: float,
        *,
        bold: bool = False,
        colour: tuple[int, int, int] = TEXT,
        rtl: bool | None = None,
        align_start: bool = False,
    ) -> None:
        """A wrapped paragraph shaped in its own direction (``rtl``, the document's by default), aligned to its
        own start — or to the document's (``align_start``: an English name under a Persian one stays right)."""
        pdf = self.pdf
        right_to_left = self.rtl if rtl is None else rtl
        self._shape(right_to_left)
        _font(pdf, size, bold, colour)
        right = self.rtl if align_start else right_to_left
        pdf.multi_cell(
            0,
            size * 0.5,
            self._isolated(text, right_to_left),
            align="R" if right else "L",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    @staticmethod
    def _isolated(text: str, rtl: bool) -> str:
        """Dates and numbers written with hyphens (``۲۰۲۸-۰۱-۰۶``, a part number) kept left to right inside
        Persian: fpdf2's bidi reorders their groups otherwise."""
        return _NUMBER_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", text) if rtl else text

    def heading(self, text: str) -> None:
        self.gap(3)
        self.paragraph(text, 13, bold=True, colour=PRIMARY)
        pdf = self.pdf
        y = pdf.get_y()
        pdf.set_draw_color(*PRIMARY)
        pdf.line(MARGIN, y, pdf.w - MARGIN, y)
        self.gap(1.5)

    def banner(self, text: str, colour: tuple[int, int, int]) -> None:
        pdf = self.pdf
        self.gap(2)
        self._shape(self.rtl)
        _font(pdf, 11, True, (255, 255, 255))
        pdf.set_fill_color(*colour)
        pdf.multi_cell(0, 7, self._isolated(text, self.rtl), align="C", fill=True, new_x="LMARGIN", new_y="NEXT")

    def row(self, label: str, value: str, *, colour: tuple[int, int, int] = TEXT, value_ltr: bool = False) -> None:
        """The label at the line's start (the right in Persian), the value beside it, wrapped in its column."""
        pdf = self.pdf
        top = pdf.get_y()
        width = pdf.w - 2 * MARGIN
        value_width = width - LABEL_WIDTH - 3
        label_x = pdf.w - MARGIN - LABEL_WIDTH if self.rtl else MARGIN
        value_x = MARGIN if self.rtl else MARGIN + LABEL_WIDTH + 3
        self._shape(self.rtl and not _latin(label))
        _font(pdf, 9.5, True, MUTED)
        pdf.set_xy(label_x, top)
        pdf.multi_cell(LABEL_WIDTH, 5, label, align="R" if self.rtl else "L", new_x="LMARGIN", new_y="NEXT")
        label_bottom = pdf.get_y()
        value_rtl = self.rtl and not value_ltr
        self._shape(value_rtl)
        _font(pdf, 9.5, False, colour)
        pdf.set_xy(value_x, top)
        value = self._isolated(value, value_rtl)
        pdf.multi_cell(value_width, 5, value, align="R" if self.rtl else "L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(label_bottom, pdf.get_y()) + 1)

    def gap(self, mm: float = 4) -> None:
        self.pdf.ln(mm)
