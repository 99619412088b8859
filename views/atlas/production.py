"""Production by year and process, with units; Gregorian years with the Jalali years they span in Persian."""

from __future__ import annotations

from collections.abc import Sequence

import flet as ft

from models.atlas import PartialDate, Production
from views.shell import i18n, labels, units
from views.shell.facts import caption, empty_line
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone, Type


def production_rows(production: Sequence[Production], lang: Lang) -> list[ft.Control]:
    """Newest year first, every figure in one unit, said once over them."""
    if not production:
        return [empty_line(i18n.t("production_none", lang))]
    ordered = sorted(production, key=lambda p: (-p.year, labels.CHAIN_ORDER.index(p.process)))
    scale = units.scale_for(p.amount_kt.value for p in production if p.amount_kt.is_known)
    return [caption(units.unit_note(scale, lang, per_year=False), data="production-unit")] + [
        ft.Row(
            [
                ft.Text(
                    i18n.partial_date(PartialDate(year=p.year), lang),
                    style=Type.LABEL,
                    color=Tone.MUTED,
                    width=Size.YEAR_WIDTH,
                ),
                ft.Text(labels.process_name(p.process, lang), style=Type.BODY, color=Tone.TEXT, expand=True),
                ft.Text(labels.tonnage_text(p.amount_kt, lang, scale), style=Type.BODY_STRONG, color=Tone.TEXT),
            ],
            spacing=Space.M,
            data="production-row",
        )
        for p in ordered
    ]
