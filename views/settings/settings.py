"""Settings: language, theme, the account, and the data — what is loaded and from where; importing a release
only for an administrator or a developer, and the data folder only for a developer."""

from __future__ import annotations

import flet as ft

from views.atlas.context import use_atlas
from views.atlas.import_panel import ImportPanel
from views.shell import i18n, paths
from views.shell.facts import fact, section
from views.shell.source_line import source_line
from views.shell.theme import Space, Tone, Type, card_style
from views.sync.indicator import account_buttons


@ft.component
def SettingsView() -> ft.Control:
    state = use_atlas()
    lang = state.lang
    atlas = state.atlas

    def on_language(e: ft.ControlEvent) -> None:
        chosen = e.control.selected
        if chosen:
            state.set_language(chosen[0])

    def on_theme(e: ft.ControlEvent) -> None:
        chosen = e.control.selected
        if chosen:
            state.set_theme(chosen[0])

    language = ft.SegmentedButton(
        selected=[lang],
        segments=[ft.Segment(value="fa", label="فارسی"), ft.Segment(value="en", label="English")],
        on_change=on_language,
        data="language",
    )
    theme = ft.SegmentedButton(
        selected=[state.theme],
        segments=[
            ft.Segment(value="light", label=state.t("theme_light"), icon=ft.Icons.LIGHT_MODE),
            ft.Segment(value="dark", label=state.t("theme_dark"), icon=ft.Icons.DARK_MODE),
        ],
        on_change=on_theme,
        data="theme",
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
            ft.TextButton(
                content=state.t("nav_about"), icon=ft.Icons.INFO_OUTLINE, on_click=lambda: paths.go(paths.ABOUT)
            ),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="settings",
    )
