"""The ratio editor: each conversion ratio with its default, published range and source; reset to defaults.

Each ratio moves by steps between its published ends: the step buttons stop at the range, and the state
clamps any value that arrives another way. Buttons rather than a slider: a Material slider lays a
full-screen layer over the page's accessibility tree, and a step is exact where a drag is not.
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
    changed = value != default
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
                    ft.Text(
                        ratio_text(value, lang),
                        style=Type.BODY_STRONG,
                        color=Tone.PRIMARY if changed else Tone.TEXT,
                        data=f"ratio-value:{name}",
                    ),
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
