"""The provinces behind one stage's figures, shortest first; tapping one shows that province's balance."""

from __future__ import annotations

import flet as ft

from models.balance import Stage, StageBalance
from views.balance.bars import bar
from views.balance.state import BalanceState
from views.balance.words import figure, gap_text, stage_title
from views.map.canvas import IranMap
from views.map.geometry import height_for
from views.map.legend import legend
from views.shell import i18n, labels, units
from views.shell.facts import caption, empty_line
from views.shell.i18n import Lang
from views.shell.theme import Palette, Size, Space, Tone, Type, card_style


def _row(
    code: str,
    figures: StageBalance,
    widest: float,
    chosen: bool,
    balance: BalanceState,
    lang: Lang,
    unit: units.Scale,
) -> ft.Control:
    gap = figures.balance_ktpa
    no_data = i18n.t("no_data", lang)
    supply = figure(figures.supply_ktpa, lang, unit) if figures.supply_ktpa is not None else no_data
    need = figure(figures.requirement_ktpa, lang, unit) if figures.requirement_ktpa is not None else no_data
    colour = Tone.MUTED if gap is None else Palette.DEFICIT if gap < 0 else Palette.SURPLUS
    size = abs(gap) if gap is not None else figures.supply_ktpa or 0.0
    return ft.Container(
        data=f"province-row:{code}",
        on_click=lambda: balance.set_province(code),
        padding=ft.Padding.symmetric(horizontal=Space.S, vertical=Space.XS),
        border_radius=Size.RADIUS_S,
        bgcolor=Tone.CARD_HIGH if chosen else None,
        content=ft.Column(
            [
                ft.Row(
                    [
                        ft.Text(labels.place_name(code, lang), style=Type.BODY_STRONG, color=Tone.TEXT, expand=True),
                        ft.Text(gap_text(gap, lang, unit), style=Type.LABEL, color=Tone.TEXT),
                    ]
                ),
                bar(size, widest, colour),
                caption(i18n.t("province_supply_need", lang, supply=supply, need=need)),
            ],
            spacing=2,
            tight=True,
        ),
    )


def gap_fills(rows: list[tuple[str, StageBalance]]) -> dict[str, str]:
    """Each province in its gap's colour, deeper the bigger the gap (provinces without a gap stay land)."""
    widest = max((abs(f.balance_ktpa) for _, f in rows if f.balance_ktpa), default=0.0)
    fills = {}
    for code, figures in rows:
        gap = figures.balance_ktpa
        if gap and widest:
            colour = Palette.DEFICIT if gap < 0 else Palette.SURPLUS
            fills[code] = ft.Colors.with_opacity(round(0.3 + 0.7 * abs(gap) / widest, 2), colour)
    return fills


def _stage_map(
    stage: Stage, rows: list[tuple[str, StageBalance]], balance: BalanceState, lang: Lang, width: float
) -> list[ft.Control]:
    """The same provinces on the map, coloured by their gap: where the stage is short, at a glance."""
    shapes = balance.shapes()
    if shapes is None or not rows:
        return []
    words = stage_title(stage, lang)
    return [
        IranMap(
            shapes,
            [],
            width,
            height_for(shapes, width),
            balance.province,
            lang,
            balance.set_province,
            fills=gap_fills(rows),
            label=i18n.t("stage_map_semantics", lang, stage=words),
            tag="stage-map",
        ),
        legend(
            [(Palette.DEFICIT, i18n.t("map_short", lang)), (Palette.SURPLUS, i18n.t("map_surplus", lang))],
            round_=False,
        ),
        caption(i18n.t("stage_map_note", lang)),
    ]


def province_breakdown(stage: Stage, balance: BalanceState, lang: Lang, map_width: float) -> ft.Control:
    rows = balance.provinces_for(stage)
    widest = max(
        ((abs(f.balance_ktpa) if f.balance_ktpa is not None else f.supply_ktpa or 0.0) for _, f in rows), default=0.0
    )
    chosen = balance.province
    # one unit for the list, said once over it
    unit = units.scale_for(v for _, f in rows for v in (f.supply_ktpa, f.requirement_ktpa, f.balance_ktpa))
    body: list[ft.Control] = [
        ft.Text(i18n.t("provinces_title", lang, stage=stage_title(stage, lang)), style=Type.SECTION, color=Tone.TEXT),
        caption(i18n.t("provinces_hint", lang)),
        *_stage_map(stage, rows, balance, lang, map_width),
        caption(units.unit_note(unit, lang), data="provinces-unit"),
    ]
    body += [_row(code, figures, widest, code == chosen, balance, lang, unit) for code, figures in rows] or [
        empty_line(i18n.t("provinces_none", lang))
    ]
    if chosen is not None:
        body.append(
            ft.TextButton(
                content=i18n.t("balance_national", lang),
                icon=ft.Icons.PUBLIC,
                on_click=lambda: balance.set_province(None),
                data="provinces-national",
            )
        )
    return ft.Container(
        content=ft.Column(body, spacing=Space.XS, tight=True), data=f"provinces:{stage.value}", **card_style()
    )
