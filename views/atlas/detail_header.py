"""Top of a plant or mine screen: back, both names, where it is, favourite, and the GEM wiki page."""

from __future__ import annotations

import flet as ft

from models.atlas import Asset
from views.atlas.context import use_atlas
from views.shell import labels, paths
from views.shell.buttons import icon_button
from views.shell.theme import Size, Space, Tone, Type


@ft.component
def DetailHeader(asset: Asset) -> ft.Control:
    state = use_atlas()
    lang = state.lang
    favourite = state.is_favourite(asset)
    other = labels.other_name(asset, lang)
    names: list[ft.Control] = [
        ft.Text(labels.display_name(asset, lang), style=Type.DISPLAY, color=Tone.TEXT, data="name")
    ]
    if other:  # both names, side by side where there is room; English stays left-to-right
        names.append(
            ft.Text(
                other,
                style=Type.SECTION,
                color=Tone.MUTED,
                rtl=False if lang == "fa" else None,
                data="other-name",
            )
        )
    actions: list[ft.Control] = [
        icon_button(ft.Icons.ARROW_BACK, state.t("back"), on_click=lambda: paths.go(paths.ATLAS), data="back"),
        ft.Text(labels.kind_name(asset.kind, lang), style=Type.LABEL, color=Tone.PRIMARY, expand=True),
        icon_button(
            ft.Icons.STAR if favourite else ft.Icons.STAR_BORDER,
            state.t("favourite_remove" if favourite else "favourite_add"),
            icon_color=Tone.FAVOURITE if favourite else Tone.MUTED,
            on_click=lambda: state.toggle_favourite(asset),
            data="favourite",
        ),
    ]
    if asset.wiki_url:
        actions.append(icon_button(ft.Icons.OPEN_IN_NEW, state.t("gem_wiki"), url=asset.wiki_url, data="wiki"))
    return ft.Column(
        [
            ft.Row(actions, vertical_alignment=ft.CrossAxisAlignment.CENTER, spacing=Space.XS),
            ft.Row(names, wrap=True, spacing=Space.L, run_spacing=0, vertical_alignment=ft.CrossAxisAlignment.END),
            ft.Row(
                [
                    ft.Icon(ft.Icons.PLACE_OUTLINED, size=Size.ICON_S, color=Tone.MUTED),
                    ft.Text(
                        labels.place_line(asset, lang) or state.t("place_unknown"), style=Type.BODY, color=Tone.MUTED
                    ),
                ],
                spacing=Space.XS,
            ),
        ],
        spacing=Space.XS,
        tight=True,
    )


@ft.component
def MissingAsset(asset_id: str) -> ft.Control:
    """The id is not in the atlas (an old link, or a release that dropped it): say so, offer the list."""
    state = use_atlas()
    return ft.Container(
        padding=Space.XL,
        data="asset-missing",
        content=ft.Column(
            [
                ft.Text(state.t("asset_missing", id=asset_id), style=Type.BODY, color=Tone.MUTED),
                ft.TextButton(
                    content=state.t("nav_atlas"), icon=ft.Icons.ARROW_BACK, on_click=lambda: paths.go(paths.ATLAS)
                ),
            ],
            tight=True,
        ),
    )
