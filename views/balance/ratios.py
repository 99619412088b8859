"""The ratio editor: each conversion ratio with its default, published range and source; reset to defaults.

A ratio is typed (1.61, or «۱٫۶۱» on a Persian keyboard) or moved a step at a time with − and +; either way
it stays between its published ends (the state keeps a typed value within them, and says so). Buttons and a
field rather than a slider: a Material slider lays a full-screen layer over the page's accessibility tree,
and crossing a range at 0.01 a tap took 35 taps.
"""

from __future__ import annotations

import flet as ft

from models.balance import DEFAULT_RATIOS, RATIO_RANGES
from views.balance.state import BalanceState
from views.balance.words import use_balance
from views.shell import i18n
from views.shell.buttons import icon_button
from views.shell.context import use_app
from views.shell.facts import caption, section
from views.shell.i18n import Lang
from views.shell.theme import Space, Tone, Type

#: Step per ratio: 0.01 t/t, except the DRI share, a fraction moved in 5 % steps.
STEP: dict[str, float] = {name: 0.01 for name in RATIO_RANGES} | {"dri_share_of_eaf_charge": 0.05}
#: Room for "1.61" and its label; the helper under it names the range.
RATIO_FIELD_WIDTH = 132


def ratio_text(value: float, lang: Lang) -> str:
    return i18n.number(value, lang, 2)


def _ratio(name: str, balance: BalanceState, lang: Lang) -> ft.Control:
    low, high = RATIO_RANGES[name]
    value = getattr(balance.ratios, name)
    default = getattr(DEFAULT_RATIOS, name)

    step = STEP[name]

    def nudge(direction: int) -> None:
        balance.set_ratio(name, round(value + direction * step, 3))

    words = i18n.t(f"ratio_{name}", lang)
    return ft.Column(
        [
            ft.Text(words, style=Type.BODY, color=Tone.TEXT),
            ft.Row(
                [
                    icon_button(
                        ft.Icons.REMOVE,
                        i18n.t("ratio_decrease", lang, name=words),
                        on_click=lambda: nudge(-1),
                        disabled=value <= low,
                        data=f"ratio-down:{name}",
                    ),
                    RatioField(name, value, value != default, key=name),
                    icon_button(
                        ft.Icons.ADD,
                        i18n.t("ratio_increase", lang, name=words),
                        on_click=lambda: nudge(1),
                        disabled=value >= high,
                        data=f"ratio-up:{name}",
                    ),
                ],
                spacing=Space.XS,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
            ),
            caption(
                i18n.t(
                    "ratio_meta",
                    lang,
                    default=ratio_text(default, lang),
                    low=ratio_text(low, lang),
                    high=ratio_text(high, lang),
                )
            ),
            caption(i18n.t("ratio_source", lang, source=i18n.t(f"ratio_source_{name}", lang))),
        ],
        spacing=0,
        tight=True,
    )


@ft.component
def RatioField(name: str, value: float, changed: bool) -> ft.Control:
    """The ratio, typed: taken when the member presses Enter or leaves the field. A step or a reset changes the
    value drawn, which the field then shows; any other redraw draws the same value, so nothing is sent to the
    field and what is being typed stays."""
    state = use_app()
    balance = use_balance()
    problem, set_problem = ft.use_state(None)
    lang = state.lang
    low, high = RATIO_RANGES[name]

    def take(text: str) -> None:
        typed = i18n.parse_number(text)
        if typed is None:
            set_problem(i18n.t("ratio_not_a_number", lang))
            return
        kept = balance.set_ratio(name, typed)
        if abs(kept - typed) > 1e-9:  # outside the published range: kept at its end, and said so
            set_problem(i18n.t("ratio_kept_in_range", lang, value=ratio_text(kept, lang)))
        else:
            set_problem(None)

    return ft.TextField(
        value=ratio_text(value, lang),
        label=i18n.t("ratio_field", lang),
        keyboard_type=ft.KeyboardType.NUMBER,
        text_align=ft.TextAlign.CENTER,
        text_style=ft.TextStyle(weight=ft.FontWeight.W_600, color=Tone.PRIMARY if changed else Tone.TEXT),
        width=RATIO_FIELD_WIDTH,
        error=problem,
        helper=None if problem else i18n.t("ratio_range_short", lang, low=ratio_text(low, lang),
                                           high=ratio_text(high, lang)),
        on_submit=lambda e: take(e.control.value or ""),
        on_blur=lambda e: take(e.control.value or ""),
        data=f"ratio-value:{name}",
    )  # fmt: skip


@ft.component
def RatioEditor() -> ft.Control:
    state = use_app()
    balance = use_balance()
    lang = state.lang
    controls: list[ft.Control] = [caption(i18n.t("ratios_intro", lang))]
    controls += [_ratio(name, balance, lang) for name in RATIO_RANGES]
    controls.append(
        ft.Row(
            [
                ft.Text(
                    i18n.t("ratios_changed", lang) if balance.ratios_changed else "",
                    style=Type.CAPTION,
                    color=Tone.PRIMARY,
                    expand=True,
                ),
                ft.OutlinedButton(
                    content=i18n.t("ratios_reset", lang),
                    icon=ft.Icons.RESTART_ALT,
                    on_click=balance.reset_ratios,
                    disabled=not balance.ratios_changed,
                    data="ratios-reset",
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        )
    )
    return section(i18n.t("ratios_title", lang), controls, data="ratios")
