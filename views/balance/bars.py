"""One stage of the chain as a card: supply and need as bars on a common scale, the gap, and its caveats.

The bars are Containers sized by flex, not a chart: they mirror with the layout in Persian, scale to any
width without pixel arithmetic here, and every bar sits beside a real text with its figure and unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import flet as ft

from models.balance import Scenario, Stage, StageBalance
from views.balance.state import UnknownAmount
from views.balance.words import amount, figure, gap_text, stage_line, stage_title
from views.shell import i18n, units
from views.shell.facts import caption, slanted
from views.shell.i18n import Lang
from views.shell.theme import Palette, Size, Space, Tone, Type, card_style

#: Flex units a full-scale bar is divided into.
BAR_STEPS = 1000
BAR_HEIGHT = 14


def bar(value: float, scale: float, colour: str, data: str | None = None) -> ft.Control:
    """A horizontal bar filling ``value / scale`` of the width; it starts where the reader starts reading."""
    filled = round(BAR_STEPS * max(0.0, min(value / scale, 1.0))) if scale > 0 else 0
    parts: list[ft.Control] = []
    if filled:
        parts.append(ft.Container(expand=filled, height=BAR_HEIGHT, bgcolor=colour, border_radius=Size.RADIUS_S))
    if BAR_STEPS - filled:
        parts.append(ft.Container(expand=BAR_STEPS - filled, height=BAR_HEIGHT))
    return ft.Row(parts, spacing=0, data=data)


def no_data_bar(text: str, data: str | None = None) -> ft.Control:
    """Where a figure is unknown: an empty outlined track saying so (never a zero-length bar)."""
    return ft.Container(
        height=BAR_HEIGHT + Space.S,
        border=ft.Border.all(1, Tone.OUTLINE),
        border_radius=Size.RADIUS_S,
        alignment=ft.Alignment.CENTER,
        content=ft.Text(text, style=Type.CAPTION, color=Tone.MUTED, italic=slanted(text)),
        data=data,
    )


def _bar_row(
    label: str, value: float | None, scale: float, colour: str, lang: Lang, unit: units.Scale, data: str
) -> ft.Control:
    figure_text = figure(value, lang, unit) if value is not None else i18n.t("no_data", lang)
    head = ft.Row(
        [
            ft.Text(label, style=Type.LABEL, color=Tone.MUTED),
            ft.Text(figure_text, style=Type.BODY_STRONG, color=Tone.TEXT, data=f"{data}-value"),
        ],
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
    )
    track = bar(value, scale, colour, f"{data}-bar") if value is not None else no_data_bar(figure_text, f"{data}-bar")
    return ft.Column([head, track], spacing=2, tight=True)


def _gap_badge(figures: StageBalance, lang: Lang, unit: units.Scale) -> ft.Control:
    """The gap in words on a tint of its colour: the words carry it, the tint and arrow only echo it (a red
    text on a light card would be too faint to read)."""
    gap = figures.balance_ktpa
    colour = Tone.OUTLINE if gap is None else Palette.DEFICIT if gap < 0 else Palette.SURPLUS
    icon = ft.Icons.HELP_OUTLINE if gap is None else ft.Icons.SOUTH if gap < 0 else ft.Icons.NORTH
    return ft.Container(
        padding=ft.Padding.symmetric(horizontal=Space.S, vertical=2),
        border_radius=Size.RADIUS_S,
        bgcolor=ft.Colors.with_opacity(0.18, colour),
        border=ft.Border.all(1, colour),
        content=ft.Row(
            [
                ft.Icon(icon, size=Size.ICON_S, color=colour),
                ft.Text(
                    gap_text(gap, lang, unit), style=Type.LABEL, color=Tone.TEXT, data=f"gap:{figures.stage.value}"
                ),
            ],
            spacing=Space.XS,
            tight=True,
        ),
    )


def _notes(
    figures: StageBalance, unknown: list[UnknownAmount], lang: Lang, unit: units.Scale, extra: Sequence[str]
) -> list[ft.Control]:
    notes: list[str] = [*extra]
    supply = figures.supply
    if figures.supply_ktpa is None:
        notes.append(i18n.t("no_data_concentrate", lang))
    if figures.requirement_ktpa is None and figures.stage is Stage.CRUDE_STEEL:
        notes.append(i18n.t("no_data_rolling", lang))
    if figures.requirement_passed_through:
        notes.append(i18n.t("passed_through", lang))
    if supply.status_unknown_ktpa:
        notes.append(i18n.t("status_unknown_part", lang, amount=amount(supply.status_unknown_ktpa, lang, unit)))
    if unknown:
        separator = "، " if lang == "fa" else ", "
        names = separator.join(n.name_fa if lang == "fa" and n.name_fa else n.name_en for n in unknown)
        notes.append(i18n.t("amount_unknown_part", lang, count=i18n.number(len(unknown), lang), names=names))
    return [caption(n, data=f"note:{figures.stage.value}") for n in notes]


def stage_card(
    figures: StageBalance,
    scenario: Scenario,
    scale: float,
    unknown: list[UnknownAmount],
    lang: Lang,
    unit: units.Scale,
    *,
    open_: bool,
    on_toggle: Callable[[], None],
    extra: Sequence[str] = (),
) -> ft.Control:
    """The stage's card; tapping it (or its "provinces" button) lists the provinces behind its figures. Its
    sentence says the figures' ``unit`` (the screen's one unit); the bars and the gap beside it are bare."""
    stage = figures.stage.value
    title = ft.Row(
        [
            ft.Text(stage_title(figures.stage, lang), style=Type.SECTION, color=Tone.TEXT, expand=True),
            _gap_badge(figures, lang, unit),
        ],
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )
    toggle = ft.TextButton(
        # named after its stage: six buttons all called "Provinces" would be one name to a screen reader
        content=i18n.t(
            "stage_close_provinces" if open_ else "stage_open_provinces", lang, stage=stage_title(figures.stage, lang)
        ),
        icon=ft.Icons.EXPAND_LESS if open_ else ft.Icons.MAP_OUTLINED,
        on_click=lambda: on_toggle(),
        data=f"stage-provinces:{stage}",
    )
    lines: list[ft.Control] = [
        title,
        ft.Text(stage_line(figures, scenario, lang, unit), style=Type.BODY, color=Tone.TEXT, data=f"line:{stage}"),
        _bar_row(i18n.t("bar_supply", lang), figures.supply_ktpa, scale, Palette.SUPPLY, lang, unit, f"supply:{stage}"),
        _bar_row(
            i18n.t("bar_requirement", lang),
            figures.requirement_ktpa,
            scale,
            Palette.REQUIREMENT,
            lang,
            unit,
            f"need:{stage}",
        ),
        *_notes(figures, unknown, lang, unit, extra),
        ft.Row([toggle], alignment=ft.MainAxisAlignment.END),
    ]
    style = card_style()
    if open_:
        style["border"] = ft.Border.all(2, Tone.PRIMARY)
    return ft.Container(
        content=ft.Column(lines, spacing=Space.S, tight=True),
        on_click=lambda: on_toggle(),
        data=f"stage:{stage}",
        **style,
    )
