"""Stacked horizontal bars drawn with Containers: flex-sized segments, a labelled row each, a 0-to-max axis.

Containers, not flet_charts: fl_chart does not mirror its axes in right-to-left layouts, while a Row of
flex-sized Containers starts where the reader starts in either language. A chart's figures are in one
unit, said once (its axis); each row is one node for a screen reader, read with its parts and units, and
a phone shows the bars and totals only (the parts in words make a wall of text on a narrow screen).
"""

from __future__ import annotations

import flet as ft

from views.balance.words import figure
from views.shell import i18n, units
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Palette, Size, Space, Tone, Type

#: Flex units of a full-scale bar.
STEPS = 1000
HEIGHT = 16

Segment = tuple[str, float, str]  # (name, kt/y, colour)


def stacked_bar(segments: list[Segment], scale: float, lang: Lang, data: str | None = None) -> ft.Control:
    parts: list[ft.Control] = []
    used = 0
    for _name, value, colour in segments:
        steps = round(STEPS * value / scale) if scale > 0 else 0
        steps = min(steps, STEPS - used)
        if steps <= 0:
            continue
        used += steps
        hollow = colour == ft.Colors.TRANSPARENT  # what the source does not say: an outline, not a colour
        parts.append(
            ft.Container(
                expand=steps,
                height=HEIGHT,
                bgcolor=None if hollow else colour,
                border=ft.Border.all(1, Palette.UNKNOWN_EDGE) if hollow else None,
            )
        )
    if used < STEPS:
        parts.append(ft.Container(expand=STEPS - used, height=HEIGHT))
    return ft.Container(
        content=ft.Row(parts, spacing=1),
        border_radius=Size.RADIUS_S,
        clip_behavior=ft.ClipBehavior.HARD_EDGE,
        data=data,
    )


def parts_words(
    segments: list[Segment], lang: Lang, unit: units.Scale, *, largest_first: bool, spoken: bool = False
) -> str:
    """ "EAF: 5.0, DRI: 2.1" — figures in the chart's ``unit``, bare, or each with it when ``spoken``."""
    separator = "، " if lang == "fa" else ", "
    ordered = sorted(segments, key=lambda s: -s[1]) if largest_first else segments
    words = separator.join(
        i18n.t(
            "chart_segment",
            lang,
            group=name,
            amount=units.amount(value, unit, lang) if spoken else figure(value, lang, unit),
        )
        for name, value, _ in ordered
        if value > 0
    )
    return i18n.heading(words)  # a line of its own under the bar: "Operating: 37.7, …"


def bar_row(
    title: str,
    segments: list[Segment],
    scale: float,
    lang: Lang,
    unit: units.Scale,
    data: str,
    *,
    largest_first: bool = True,
    compact: bool = False,
) -> ft.Control:
    """A title with its total, the bar, and (unless ``compact``, on a phone) its parts in words."""
    total = sum(v for _, v, _ in segments)
    parts = parts_words(segments, lang, unit, largest_first=largest_first)
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(title, style=Type.BODY_STRONG, color=Tone.TEXT, expand=True),
                ft.Text(
                    i18n.t("chart_total", lang, amount=figure(total, lang, unit)),
                    style=Type.LABEL,
                    color=Tone.TEXT,
                    data=f"{data}-total",
                ),
            ],
        ),
        stacked_bar(segments, scale, lang, data=f"{data}-bar"),
    ]
    if not compact:
        lines.append(caption(parts, data=f"{data}-parts"))
    spoken = i18n.t(
        "chart_row_semantics",
        lang,
        title=title,
        total=units.amount(total, unit, lang),
        parts=parts_words(segments, lang, unit, largest_first=largest_first, spoken=True),
    )
    # one node per row, read whole and with units: not the chart as one long label, nor bare figures
    return ft.Semantics(
        label=spoken,
        container=True,
        exclude_semantics=True,
        data="chart-row",
        content=ft.Column(lines, spacing=2, tight=True, data=data),
    )


def axis(scale: float, lang: Lang, unit: units.Scale, data: str = "chart-axis") -> ft.Control:
    """0 where the bars start and the scale's end, with the unit of every figure in the chart, where a full bar
    ends (above a chart and under it: the end of a long chart's scale is never a bare number)."""
    end = units.amount(scale, unit, lang)
    return ft.Row(
        [
            ft.Text(i18n.number(0, lang), style=Type.CAPTION, color=Tone.MUTED),
            ft.Container(expand=True, height=1, bgcolor=Tone.OUTLINE),
            ft.Text(end, style=Type.CAPTION, color=Tone.MUTED),
        ],
        spacing=Space.XS,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
        data=data,
    )


def nice_scale(largest: float) -> float:
    """A round end for the axis just above the largest bar (1, 2 or 5 × a power of ten, in kt/y)."""
    if largest <= 0:
        return 1.0
    power = 10 ** len(str(int(largest))) / 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= largest:
            return step * power
    return 10 * power
