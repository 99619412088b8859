"""Settings: language, theme, the account, and the data — what is loaded and from where; importing a release
only for an administrator or a developer, and the data folder only for a developer."""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.import_panel import ImportPanel
from views.shell import i18n, paths
from views.shell.buttons import segments
from views.shell.facts import fact, section
from views.shell.source_line import source_line
from views.shell.theme import Space, Tone, Type, card_style
from views.sync.indicator import account_buttons


@ft.component
def SettingsView() -> ft.Control:
    state = use_atlas()
    lang = state.lang
    atlas = state.atlas

    # The whole width of their cards: sized to their words when Settings is the first screen drawn, the
    # segments were measured before the font had loaded, and «فارسی» and «روشن» came out clipped.
    language = ft.Row(
        [segments([("fa", "فارسی", None), ("en", "English", None)], lang, state.set_language, data="language",
                  expand=True)]
    )  # fmt: skip
    theme = ft.Row(
        [
            segments(
                [
                    ("light", state.t("theme_light"), ft.Icons.LIGHT_MODE),
                    ("dark", state.t("theme_dark"), ft.Icons.DARK_MODE),
                ],
                state.theme,
                state.set_theme,
                data="theme",
                expand=True,
            )
        ]
    )
    data_facts: list[ft.Control] = [
        fact(state.t("home_plants"), i18n.number(atlas.plants, lang)),
        fact(state.t("home_mines"), i18n.number(atlas.mines, lang)),
        *(source_line(s, lang) for s in state.sources()),
    ]
    if state.developer and state.data_dir is not None:
        data_facts.append(fact(state.t("data_folder"), str(state.data_dir), ltr=True))
    return ft.ListView(
        [
            ft.Text(state.t("nav_settings"), style=Type.TITLE, color=Tone.TEXT),
            section(state.t("settings_language"), [language]),
            section(state.t("settings_theme"), [theme]),
            section(state.t("account_title"), [account_buttons(state)]),
            section(state.t("settings_data"), data_facts),
            *([ft.Container(content=ImportPanel(), **card_style())] if state.may_import else []),
            # in a row, so it starts where the cards' titles start: a list stretches a lone button across the
            # window and its words end up centred
            ft.Row(
                [
                    ft.TextButton(
                        content=state.t("nav_about"),
                        icon=ft.Icons.INFO_OUTLINE,
                        on_click=lambda: paths.go(paths.ABOUT),
                        data="settings-about",
                    )
                ]
            ),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="settings",
    )
