"""Home's chain-balance card: the biggest deficit and the biggest surplus of operating capacity, in words."""

from __future__ import annotations

import flet as ft

from models.balance import Scenario, StageBalance
from views.balance.state import BalanceState
from views.balance.words import chain_scale, stage_line
from views.shell import paths, units
from views.shell.facts import caption
from views.shell.session import SessionState
from views.shell.theme import Space, Tone, Type, card_style


def _finding(
    state: SessionState,
    label_key: str,
    figures: StageBalance | None,
    none_key: str,
    colour: str,
    unit: units.Scale,
) -> ft.Control:
    words = stage_line(figures, Scenario.OPERATING, state.lang, unit) if figures is not None else state.t(none_key)
    return ft.Column(
        [
            ft.Text(state.t(label_key), style=Type.LABEL, color=colour),
            ft.Text(words, style=Type.BODY_STRONG, color=Tone.TEXT, data=f"{label_key}-line"),
        ],
        spacing=0,
        tight=True,
    )


def balance_headline(state: SessionState) -> ft.Control:
    """Iran, operating capacity, the documented ratios: the figures anyone can check against the docs."""
    chain = state.part(BalanceState).headline()
    unit = chain_scale(chain)  # the deficit and the surplus, compared: one unit
    return ft.Container(
        data="home-balance",
        on_click=lambda: paths.go(paths.BALANCE),
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Icon(ft.Icons.BALANCE, color=Tone.PRIMARY),
                        ft.Text(state.t("home_balance_title"), style=Type.SECTION, color=Tone.TEXT, expand=True),
                    ],
                    spacing=Space.S,
                ),
                caption(state.t("home_balance_basis")),
                _finding(state, "home_balance_deficit", chain.biggest_deficit(), "home_balance_none", Tone.ERROR, unit),
                _finding(
                    state,
                    "home_balance_surplus",
                    chain.biggest_surplus(),
                    "home_balance_no_surplus",
                    Tone.PRIMARY,
                    unit,
                ),
                ft.TextButton(
                    content=state.t("home_balance_open"),
                    icon=ft.Icons.ARROW_FORWARD,
                    on_click=lambda: paths.go(paths.BALANCE),
                    data="home-open-balance",
                ),
            ],
            spacing=Space.S,
            tight=True,
        ),
        **card_style(),
    )
