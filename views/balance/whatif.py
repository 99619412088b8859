"""What-if units: add a hypothetical unit (process, capacity in the balance's own unit — negative takes one away —,
province), remove it."""

from __future__ import annotations

import flet as ft

from models.enums import Process
from models.provinces import PROVINCES_BY_CODE
from views.balance.state import WHAT_IF_LIMIT_KTPA, WHAT_IF_PROCESSES, BalanceState, WhatIf
from views.balance.words import use_balance
from views.shell import i18n, labels, units
from views.shell.buttons import icon_button
from views.shell.context import use_app
from views.shell.facts import caption, empty_line, section
from views.shell.i18n import Lang
from views.shell.menus import labelled_dropdown
from views.shell.theme import Size, Space, Tone, Type
from views.shell.typing_field import TypingField

NO_PROVINCE = "none"


def parse_ktpa(text: str, scale: units.Scale) -> float | None:
    """A capacity as a member types it, in the view's ``scale`` (Persian or Arabic digits, ٫ or . for decimals,
    any minus sign), in kt/y; None when it is not a number."""
    value = i18n.parse_number(text)
    if value is None or scale is units.Scale.KT:
        return value
    return round(value * units.MILLION_KT, 6)  # 2.45 Mt/y is 2450 kt/y, not 2449.9999…


def bad_amount_words(scale: units.Scale, lang: Lang) -> str:
    """What a usable capacity is, in the unit the member types it in: up to the limit, e.g. a unit added and one
    taken away."""
    example, away = (2_500.0, -800.0) if scale is units.Scale.MT else (250.0, -80.0)
    return i18n.t(
        "whatif_bad_amount",
        lang,
        max=i18n.number(WHAT_IF_LIMIT_KTPA / (units.MILLION_KT if scale is units.Scale.MT else 1), lang),
        example=units.figure(example, scale, lang),
        away=units.figure(away, scale, lang),
    )


def _unit_row(what_if: WhatIf, balance: BalanceState, lang: Lang, scale: units.Scale) -> ft.Control:
    unit = what_if.unit
    words = i18n.t(
        "whatif_row",
        lang,
        process=labels.process_name(unit.process, lang),
        amount=units.amount(unit.ktpa, scale, lang, signed=True),
        province=labels.place_name(unit.province, lang),
    )
    return ft.Row(
        [
            ft.Icon(ft.Icons.ADD_CIRCLE_OUTLINE if unit.ktpa > 0 else ft.Icons.REMOVE_CIRCLE_OUTLINE, color=Tone.MUTED),
            ft.Text(words, style=Type.BODY, color=Tone.TEXT, expand=True),
            icon_button(
                ft.Icons.DELETE_OUTLINE,
                i18n.t("whatif_remove", lang),
                on_click=lambda: balance.remove_what_if(what_if.id),
                data=f"whatif-remove:{what_if.id}",
            ),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
        data=f"whatif:{what_if.id}",
    )


@ft.component
def WhatIfEditor(scale: units.Scale) -> ft.Control:
    """The what-if form and the units added, every capacity in the balance's ``scale`` (one unit per view)."""
    state = use_app()
    balance = use_balance()
    process, set_process = ft.use_state(Process.PELLET.value)
    text, set_text = ft.use_state("")
    province, set_province = ft.use_state("")  # "" → follow the balance's province
    error, set_error = ft.use_state(False)
    lang = state.lang
    # a phone gives each field the card's whole width (ragged half-widths read as a broken form)
    full = state.width - 4 * Space.L if state.is_phone else None
    where = province or balance.province or NO_PROVINCE

    def on_add() -> None:
        value = parse_ktpa(text, scale)
        added = (
            None
            if value is None
            else balance.add_what_if(Process(process), value, None if where == NO_PROVINCE else where)
        )
        set_error(added is None)
        if added is not None:
            set_text("")

    provinces = [ft.DropdownOption(key=NO_PROVINCE, text=i18n.t("whatif_no_province", lang))]
    provinces += [
        ft.DropdownOption(key=code, text=labels.place_name(code, lang))
        for code in sorted(PROVINCES_BY_CODE, key=lambda c: labels.sort_key(labels.place_name(c, lang)))
    ]
    form = ft.Row(
        [
            labelled_dropdown(
                lang,
                value=process,
                options=[ft.DropdownOption(key=p.value, text=labels.process_name(p, lang)) for p in WHAT_IF_PROCESSES],
                label=i18n.t("whatif_process", lang),
                on_select=lambda e: set_process(e.control.value or process),
                enable_filter=False,
                editable=False,
                width=full or Size.DROPDOWN_WIDTH * 0.8,
                data="whatif-process",
            ),
            TypingField(
                text,
                set_text,
                label=i18n.t("whatif_capacity", lang, unit=units.unit_name(scale, lang)),
                keyboard_type=ft.KeyboardType.NUMBER,
                error=bad_amount_words(scale, lang) if error else None,
                dense=True,
                width=full or Size.DROPDOWN_WIDTH * 0.8,
                data="whatif-capacity",
            ),
            labelled_dropdown(
                lang,
                value=where,
                options=provinces,
                label=i18n.t("whatif_province", lang),
                on_select=lambda e: set_province(e.control.value or ""),
                width=full or Size.DROPDOWN_WIDTH,
                data="whatif-province",
            ),
            ft.FilledButton(content=i18n.t("whatif_add", lang), icon=ft.Icons.ADD, on_click=on_add, data="whatif-add"),
        ],
        wrap=True,
        spacing=Space.S,
        run_spacing=Space.S,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )
    rows: list[ft.Control] = [_unit_row(w, balance, lang, scale) for w in balance.what_ifs] or [
        empty_line(i18n.t("whatif_none", lang))
    ]
    return section(i18n.t("whatif_title", lang), [caption(i18n.t("whatif_intro", lang)), form, *rows], data="whatifs")
