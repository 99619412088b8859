"""The line under every figure: where it comes from, under what licence, and as of when."""

from __future__ import annotations

import flet as ft

from models.atlas import Source
from views.shell import i18n
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone


def source_text(source: Source | None, lang: Lang, source_id: str = "") -> str:
    """The whole line as one string (English, or for a log)."""
    if source is None:
        return i18n.t("source_missing", lang, id=source_id)
    text = i18n.t(
        "source_line",
        lang,
        attribution=i18n.ltr(source.attribution.rstrip(".")),
        licence=i18n.ltr(source.licence),
        as_of=i18n.month_year(source.as_of, lang),
    )
    if source.is_demo:
        text = i18n.t("demo_data", lang) + " · " + text
    return text


def _lines(source: Source | None, lang: Lang, source_id: str) -> list[ft.Control]:
    if source is None or lang == "en":
        return [caption(source_text(source, lang, source_id))]
    # In Persian the attribution (English, as the licence wants it worded) gets a line of its own: an
    # English run wrapped inside a right-to-left sentence comes out in a confusing order.
    meta = i18n.t("source_meta", lang, licence=i18n.ltr(source.licence), as_of=i18n.month_year(source.as_of, lang))
    if source.is_demo:
        meta = i18n.t("demo_data", lang) + " · " + meta
    return [caption(meta), caption(i18n.ltr(source.attribution.rstrip(".")))]


def source_line(source: Source | None, lang: Lang, source_id: str = "") -> ft.Control:
    return ft.Row(
        [
            ft.Icon(ft.Icons.INFO_OUTLINE, size=Size.ICON_S, color=Tone.MUTED),
            ft.Column(_lines(source, lang, source_id), spacing=0, tight=True, expand=True),
        ],
        spacing=Space.XS,
        vertical_alignment=ft.CrossAxisAlignment.START,
        data="source-line",
    )
