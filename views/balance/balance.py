"""Balance: the chain by stage as supply against need, by scenario and province, with ratios and what-ifs."""

from __future__ import annotations

import flet as ft

from models.balance import STAGES, Stage
from views.balance.bars import stage_card
from views.balance.controls import province_picker, scenario_switch, screen_switch
from views.balance.provinces import province_breakdown
from views.balance.ratios import RatioEditor
from views.balance.state import BalanceState
from views.balance.whatif import WhatIfEditor
from views.balance.words import chain_scale, scenario_about, use_balance
from views.shell import i18n, labels, paths
from views.shell.context import no_data, use_app
from views.shell.facts import caption, section
from views.shell.i18n import Lang
from views.shell.source_line import source_line
from views.shell.theme import TOUCH, Size, Space, Tone, Type

#: Stage cards beside the assumptions on wide screens; one column on phones.
MAIN_COL = {"xs": 12, "lg": 7}
SIDE_COL = {"xs": 12, "lg": 5}
#: The provinces' map under a stage: big enough to tap a province, small enough to leave the list in view.
MAP_MAX_WIDTH = 480.0


def assumptions_mark(balance: BalanceState, lang: Lang) -> ft.Control:
    """Whether these are the default figures, said plainly, with the way back when they are not. Always one
    row of the same height, so that adding a what-if or changing a ratio below never moves the page."""
    if balance.is_default:
        icon, colour, words, reset = ft.Icons.VERIFIED_OUTLINED, Tone.MUTED, i18n.t("assumptions_default", lang), None
    else:
        parts = []
        if balance.what_ifs:
            parts.append(i18n.t("assumptions_what_ifs", lang, count=i18n.number(len(balance.what_ifs), lang)))
        if balance.ratios_changed:
            parts.append(i18n.t("assumptions_ratios", lang, count=i18n.number(balance.changed_ratios(), lang)))
        joined = i18n.joined(parts, lang)
        icon, colour = ft.Icons.SCIENCE_OUTLINED, Tone.ON_INFO_CONTAINER
        words = i18n.t("assumptions_changed", lang, changes=joined)
        reset = ft.TextButton(
            content=i18n.t("assumptions_reset", lang),
            icon=ft.Icons.RESTART_ALT,
            on_click=balance.reset_assumptions,
            data="assumptions-reset",
        )
    return ft.Container(
        content=ft.Row(
            [
                ft.Icon(icon, color=colour, size=Size.ICON_S),
                ft.Text(words, style=Type.LABEL, color=colour, expand=True, data="assumptions"),
                *([reset] if reset else []),
            ],
            spacing=Space.S,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        height=TOUCH + Space.S,
        padding=ft.Padding.symmetric(horizontal=Space.M),
        border_radius=Size.RADIUS_S,
        bgcolor=None if balance.is_default else Tone.INFO_CONTAINER,
        data="assumptions-mark",
    )


@ft.component
def BalanceView() -> ft.Control:
    state = use_app()
    balance = use_balance()
    if not state.has_data:
        return no_data()
    lang = state.lang
    chain = balance.chain()
    unit = chain_scale(chain)  # one unit for every stage: the cards are compared with each other
    mines = i18n.number(state.atlas.mines, lang)
    # inside a card: the screen's and the card's padding off the column (a phone's width, or 7/12 of a desk)
    column = state.width - 2 * Space.L if state.is_phone else (state.width - Size.RAIL_WIDTH) * MAIN_COL["lg"] / 12
    map_width = min(column - 2 * Space.L - 2 * Space.S, MAP_MAX_WIDTH)

    cards: list[ft.Control] = []
    for stage in STAGES:
        figures = chain.stages[stage]
        # each stage on its own scale: the question is supply against need, and 5 Mt/y of hot metal would
        # vanish beside 97 Mt/y of ore on a common one; every bar carries its figure to compare across
        scale = max(figures.supply_ktpa or 0.0, figures.requirement_ktpa or 0.0)
        cards.append(
            stage_card(
                figures,
                balance.scenario,
                scale,
                balance.unknown_amounts(stage),
                lang,
                unit,
                open_=balance.stage is stage,
                on_toggle=lambda s=stage: balance.select_stage(s),
                extra=[state.t("ore_partial", count=mines)] if stage is Stage.IRON_ORE else (),
            )
        )
        if balance.stage is stage:
            cards.append(province_breakdown(stage, balance, lang, map_width))

    where = i18n.t(
        "balance_where",
        lang,
        place=labels.place_name(balance.province, lang),
        scenario=scenario_about(balance.scenario, lang),
    )
    head: list[ft.Control] = [
        ft.Text(state.t("balance_title"), style=Type.TITLE, color=Tone.TEXT),
        screen_switch(paths.BALANCE, lang),
        caption(state.t("balance_intro")),
        scenario_switch(balance, lang),
        province_picker(balance, lang),
        ft.Text(where, style=Type.BODY_STRONG, color=Tone.TEXT, data="balance-where"),
    ]
    if balance.several_provinces:
        head.append(caption(state.t("balance_several_provinces")))
    head.append(assumptions_mark(balance, lang))

    sources = section(
        state.t("balance_sources"),
        [*(source_line(s, lang) for s in state.sources()), caption(state.t("balance_sources_basis"))],
        data="balance-sources",
    )
    side: list[ft.Control] = [WhatIfEditor(unit), RatioEditor(), sources]
    if state.is_phone:
        body: list[ft.Control] = [*head, *cards, *side]
    else:
        body = [
            *head,
            ft.ResponsiveRow(
                [
                    ft.Column(cards, col=MAIN_COL, spacing=Space.M),
                    ft.Column(side, col=SIDE_COL, spacing=Space.M),
                ],
                spacing=Space.L,
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
        ]
    return ft.ListView(body, padding=Space.L, spacing=Space.M, expand=True, data="balance")
