"""Around a map: the colour legend, and the line saying where the outlines come from."""

from __future__ import annotations

import flet as ft

from views.shell import i18n
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Palette, Space, Tone, Type

SWATCH = 12


def swatch(colour: str, round_: bool = True) -> ft.Control:
    """A colour's sample; a transparent one (what the source does not say) is drawn as an empty outline."""
    hollow = colour == ft.Colors.TRANSPARENT
    return ft.Container(
        width=SWATCH,
        height=SWATCH,
        bgcolor=None if hollow else colour,
        border=ft.Border.all(1, Palette.UNKNOWN_EDGE) if hollow else None,
        border_radius=SWATCH / 2 if round_ else 2,
    )


def legend(items: list[tuple[str, str]], *, round_: bool = True, data: str = "legend") -> ft.Control:
    """One swatch and name per colour shown, in the order given (the chain's, or a project's)."""
    rows = [
        ft.Row(
            [swatch(colour, round_), ft.Text(i18n.heading(name), style=Type.CAPTION, color=Tone.TEXT)],
            spacing=Space.XS,
            tight=True,
        )
        for colour, name in items
    ]
    return ft.Row(rows, wrap=True, spacing=Space.M, run_spacing=Space.XS, data=data)


def group_legend(groups: list[str], lang: Lang, *, round_: bool = True) -> ft.Control:
    return legend([(Palette.PROCESS[g], i18n.t(f"group_{g}", lang)) for g in groups], round_=round_, data="legend")


def attribution(lang: Lang) -> ft.Control:
    return caption(i18n.t("map_attribution", lang), data="map-attribution")
