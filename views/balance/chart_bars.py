"""Stacked horizontal bars drawn with Containers: flex-sized segments, a labelled row each, a 0-to-max axis.

Containers, not flet_charts: fl_chart does not mirror its axes in right-to-left layouts, while a Row of
flex-sized Containers starts where the reader starts in either language, and every bar stands beside a
real text (name, total, parts) that a screen reader reads and a test can check.
"""

from __future__ import annotations

import flet as ft

from views.balance.words import amount
from views.shell import i18n
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Size, Space, Tone, Type

#: Flex units of a full-scale bar.
STEPS = 1000
HEIGHT = 16

Segment = tuple[str, float, str]  # (name, kt/y, colour)


def stacked_bar(segments: list[Segment], scale: float, lang: Lang, data: str | None = None) -> ft.Control:
    parts: list[ft.Control] = []
    used = 0
    for name, value, colour in segments:
        steps = round(STEPS * value / scale) if scale > 0 else 0
        steps = min(steps, STEPS - used)
        if steps <= 0:
            continue
        used += steps
        parts.append(
            ft.Container(
                expand=steps,
                height=HEIGHT,
                bgcolor=colour,
                tooltip=i18n.t("chart_segment", lang, group=name, amount=amount(value, lang)),
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


def bar_row(
    title: str, segments: list[Segment], scale: float, lang: Lang, data: str, *, largest_first: bool = True
) -> ft.Control:
    """A title with its total, the bar, and its parts in words (largest first, or in the bar's order)."""
    total = sum(v for _, v, _ in segments)
    separator = "، " if lang == "fa" else ", "
    parts = separator.join(
        i18n.t("chart_segment", lang, group=name, amount=amount(value, lang))
        for name, value, _ in (sorted(segments, key=lambda s: -s[1]) if largest_first else segments)
        if value > 0
    )
    return ft.Column(
        [
            ft.Row(
                [
                    ft.Text(title, style=Type.BODY_STRONG, color=Tone.TEXT, expand=True),
                    ft.Text(
                        i18n.t("chart_total", lang, amount=amount(total, lang)),
                        style=Type.LABEL,
                        color=Tone.TEXT,
                        data=f"{data}-total",
                    ),
                ],
            ),
            stacked_bar(segments, scale, lang, data=f"{data}-bar"),
            caption(parts, data=f"{data}-parts"),
        ],
        spacing=2,
        tight=True,
        data=data,
    )


def axis(scale: float, lang: Lang, data: str = "chart-axis") -> ft.Control:
    """0 where the bars start, the scale's end where a full bar ends (the row mirrors with the layout)."""
    return ft.Row(
        [
            ft.Text(i18n.number(0, lang), style=Type.CAPTION, color=Tone.MUTED),
            ft.Container(expand=True, height=1, bgcolor=Tone.OUTLINE),
            ft.Text(amount(scale, lang), style=Type.CAPTION, color=Tone.MUTED),
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
