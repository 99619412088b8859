"""Shaped PDFs in the member's language: Persian laid out right to left with HarfBuzz and the bundled Vazirmatn,
English left to right — the one PDF writer every feature's document uses (a supplier's profile, a visit report).

fpdf2 is pure Python; the shaping needs HarfBuzz (``uharfbuzz``, compiled), which Flet's package index for
Android and iOS does not carry: ``pdf_available()`` says whether this device can make a PDF, and screens show
the action disabled with the reason when it cannot (docs/decisions.md, "PDF profiles").
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
from typing import TYPE_CHECKING

from sync.paths import project_root
from views.shell import i18n
from views.shell.export import ExportFailed
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


def new_document(title: str, lang: Lang, *, made_on: dt.date) -> tuple[FPDF, PdfWriter]:
    """An A4 document with the fonts loaded, a first page, and a footer saying when it was made and the page;
    ``ExportFailed`` on a device that cannot shape Persian."""
    if not pdf_available():
        raise ExportFailed("this device has no HarfBuzz shaping (uharfbuzz): PDFs are made on a desktop")
    from fpdf import FPDF  # imported here: the app starts (and runs on phones) without it

    rtl = lang == "fa"

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            font(self, 8, colour=MUTED)
            page = i18n.t("pdf_page", lang, page=i18n.digits(str(self.page_no()), lang))
            made = i18n.t("pdf_made", lang, date=i18n.date(made_on, lang, with_gregorian=rtl))
            self.cell(0, 6, f"{made} · {page}", align="C")

    pdf = Document(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FAMILY, "", str(FONT))
    pdf.add_font(FAMILY, "B", str(FONT), variations={"wght": 700})
    pdf.set_title(title)
    pdf.set_creator("Zanjireh")
    pdf.set_lang("fa-IR" if rtl else "en")
    pdf.add_page()
    return pdf, PdfWriter(pdf, rtl)


#: Digits joined by hyphens or dots: an ISO date, a phone number's groups, a part number.
_NUMBER_RUN = re.compile(r"[0-9۰-۹A-Za-z]+(?:[-.][0-9۰-۹A-Za-z]+)+")


def font(pdf: FPDF, size: float, bold: bool = False, colour: tuple[int, int, int] = TEXT) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)


def is_latin(text: str) -> bool:
    """Text with no Persian letter (a phone number, an address): laid out left to right in either language."""
    return not any("\u0600" <= ch <= "\u06ff" for ch in text)


class PdfWriter:
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
        """A wrapped paragraph shaped in its own direction (``rtl``; by default the document's, or right to left for
        Persian words in an English document), aligned to its own start — or to the document's (``align_start``: an
        English name under a Persian one stays right)."""
        pdf = self.pdf
        # Persian typed into an English document (a name, a note) is still shaped right to left
        right_to_left = (self.rtl or not is_latin(text)) if rtl is None else rtl
        self._shape(right_to_left)
        font(pdf, size, bold, colour)
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

    def keep(self, mm: float) -> None:
        """Start a new page unless ``mm`` more fit on this one (a heading stays with what follows it)."""
        pdf = self.pdf
        if pdf.get_y() + mm > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()

    def heading(self, text: str, *, keep_mm: float = 25) -> None:
        self.keep(keep_mm)
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
        font(pdf, 11, True, (255, 255, 255))
        pdf.set_fill_color(*colour)
        pdf.multi_cell(0, 7, self._isolated(text, self.rtl), align="C", fill=True, new_x="LMARGIN", new_y="NEXT")

    def row(
        self,
        label: str,
        value: str,
        *,
        colour: tuple[int, int, int] = TEXT,
        value_ltr: bool = False,
        label_width: float = LABEL_WIDTH,
    ) -> None:
        """The label at the line's start (the right in Persian), the value beside it, wrapped in its column; a row
        that would not fit under the page's last line starts the next page, so a label and its value stay together."""
        pdf = self.pdf
        width = pdf.w - 2 * MARGIN
        value_width = width - label_width - 3
        label_x = pdf.w - MARGIN - label_width if self.rtl else MARGIN
        value_x = MARGIN if self.rtl else MARGIN + label_width + 3
        label_rtl = not is_latin(label)
        # Persian typed into an English document (a reason, a note) is still shaped right to left
        value_rtl = (self.rtl and not value_ltr) or (not self.rtl and not is_latin(value))
        value = self._isolated(value, value_rtl)
        align = "R" if self.rtl else "L"
        self._shape(label_rtl)
        font(pdf, 9.5, True, MUTED)
        label_height = pdf.multi_cell(label_width, 5, label, align=align, dry_run=True, output="HEIGHT")
        self._shape(value_rtl)
        font(pdf, 9.5, False, colour)
        value_height = pdf.multi_cell(value_width, 5, value, align=align, dry_run=True, output="HEIGHT")
        if pdf.get_y() + max(label_height, value_height) > pdf.page_break_trigger and pdf.get_y() > pdf.t_margin + 1:
            pdf.add_page()
        top, page = pdf.get_y(), pdf.page
        self._shape(label_rtl)
        font(pdf, 9.5, True, MUTED)
        pdf.set_xy(label_x, top)
        pdf.multi_cell(label_width, 5, label, align=align, new_x="LMARGIN", new_y="NEXT")
        label_bottom = pdf.get_y()
        self._shape(value_rtl)
        font(pdf, 9.5, False, colour)
        pdf.page = page  # a label longer than a page (never seen) must not carry the value to the next one
        pdf.set_xy(value_x, top)
        pdf.multi_cell(value_width, 5, value, align=align, new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y() if pdf.page != page else max(label_bottom, pdf.get_y())
        pdf.set_y(bottom + 1)

    def gap(self, mm: float = 4) -> None:
        self.pdf.ln(mm)

    def images(self, pictures: list[tuple[bytes, str]], *, per_row: int = 3, height_mm: float = 48) -> None:
        """Photos in rows of ``per_row``, from the line's start (the right in Persian), each with its caption
        under it; a row that does not fit on the page starts the next one."""
        pdf = self.pdf
        width = pdf.w - 2 * MARGIN
        gutter = 4.0
        cell = (width - gutter * (per_row - 1)) / per_row
        for start in range(0, len(pictures), per_row):
            row = pictures[start : start + per_row]
            if pdf.get_y() + height_mm + 10 > pdf.h - 18:
                pdf.add_page()
            top = pdf.get_y()
            for index, (data, caption) in enumerate(row):
                offset = index * (cell + gutter)
                x = pdf.w - MARGIN - offset - cell if self.rtl else MARGIN + offset
                pdf.image(io.BytesIO(data), x=x, y=top, w=cell, h=height_mm, keep_aspect_ratio=True)
                if caption:
                    rtl = not is_latin(caption)  # a Persian caption in an English report is still Persian
                    self._shape(rtl)
                    font(pdf, 7.5, False, MUTED)
                    pdf.set_xy(x, top + height_mm + 0.5)
                    pdf.multi_cell(cell, 3.5, self._isolated(caption, rtl), align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(top + height_mm + 9)
