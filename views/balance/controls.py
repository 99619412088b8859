"""The balance screens' controls: the balance ⇄ charts switch, the scenario switch and the province picker."""

from __future__ import annotations

import flet as ft

from models.balance import Scenario
from views.balance.state import BalanceState
from views.balance.words import scenario_name
from views.shell import i18n, labels, paths
from views.shell.buttons import route_switch, segments
from views.shell.i18n import Lang
from views.shell.menus import labelled_dropdown
from views.shell.theme import Size

NATIONAL = "national"


def screen_switch(current: str, lang: Lang) -> ft.Control:
    """Balance ⇄ charts."""
    return route_switch(
        current,
        [
            (paths.BALANCE, i18n.t("balance_tab_chain", lang), ft.Icons.BALANCE),
            (paths.BALANCE_CHARTS, i18n.t("balance_tab_charts", lang), ft.Icons.BAR_CHART),
        ],
        data="balance-screens",
    )


def scenario_switch(balance: BalanceState, lang: Lang, *, compact: bool = False) -> ft.Control:
    # the whole width, each segment as wide as its words need: inside the charts' card on a 360 px phone equal
    # thirds cut "+ Construction"; ``compact`` (a phone) leaves less padding around the words
    options = [(s.value, scenario_name(s, lang), None) for s in Scenario]
    chosen, choose = balance.scenario.value, balance.set_scenario
    return ft.Row([segments(options, chosen, choose, data="scenario", expand=True, compact=compact, by_words=True)])


def province_picker(balance: BalanceState, lang: Lang) -> ft.Control:
    """Iran or one province, by name in the member's language; it follows (and sets) the atlas filter."""
    named = sorted(
        ((labels.province_name(code, lang) or code, code) for code in balance.province_choices()),
        key=lambda pair: labels.sort_key(pair[0]),
    )
    options = [ft.DropdownOption(key=NATIONAL, text=i18n.t("balance_national", lang))]
    options += [ft.DropdownOption(key=code, text=name) for name, code in named]

    def on_select(e: ft.ControlEvent) -> None:
        value = e.control.value
        balance.set_province(None if value in (None, NATIONAL) else value)

    return labelled_dropdown(
        lang,
        value=balance.province or NATIONAL,
        options=options,
        label=i18n.t("balance_province", lang),
        on_select=on_select,
        width=Size.DROPDOWN_WIDTH,
        data="balance-province",
    )
