"""The app bar: the app's name, the status slot (the sync indicator), and the language and theme switches."""

from __future__ import annotations

import flet as ft

from views.shell import paths
from views.shell.buttons import icon_button
from views.shell.context import slots, use_app
from views.shell.session import SessionState
from views.shell.theme import Size, Space, Tone, Type


def identity_button(state: SessionState, wide: bool) -> ft.Control:
    """Who is signed in, as what and for whom; a tap opens the account screen. On a phone only the icon, named
    in words for a screen reader and a long press; on a wide window the words themselves."""
    who, lang = state.who, state.lang
    if who is None:
        label = state.t("who_signed_out_tooltip")
        icon, text = ft.Icons.ACCOUNT_CIRCLE_OUTLINED, state.t("who_signed_out")
    else:
        label = state.t("who_tooltip", user=who.username, role=who.role_words(lang), org=who.org_name(lang))
        icon, text = ft.Icons.ACCOUNT_CIRCLE, who.line(lang)
    if not wide:
        return icon_button(icon, label, on_click=lambda: paths.go(paths.ACCOUNT), data="who")
    return ft.TextButton(
        # the button's own text style: with the label style's shorter line it came out 47 px high
        content=ft.Text(text, max_lines=1, overflow=ft.TextOverflow.ELLIPSIS),
        icon=icon,
        tooltip=label,
        on_click=lambda: paths.go(paths.ACCOUNT),
        data="who",
    )


@ft.component
def AppHeader() -> ft.Control:
    state = use_app()
    dark = state.theme == "dark"
    wide = not state.is_phone
    status = slots().status  # the sync indicator (views/app.py fills the slot)
    bar = ft.Container(
        bgcolor=Tone.HEADER,
        padding=ft.Padding.symmetric(horizontal=Space.L, vertical=Space.S),
        content=ft.Row(
            [
                ft.Icon(ft.Icons.LINK, color=Tone.PRIMARY, size=Size.ICON_M),
                ft.Text(state.t("app_name"), style=Type.TITLE, color=Tone.TEXT, expand=True),
                *([status(wide=True)] if wide and status is not None else []),
                identity_button(state, wide),
                ft.TextButton(
                    # the other language's name, in that language: findable by someone who cannot read this one
                    content=state.t("switch_language"),
                    icon=ft.Icons.TRANSLATE,
                    tooltip=state.t("switch_language_tooltip"),
                    on_click=state.toggle_language,
                    data="toggle-language",
                ),
                icon_button(
                    ft.Icons.LIGHT_MODE if dark else ft.Icons.DARK_MODE,
                    state.t("theme_to_light" if dark else "theme_to_dark"),
                    on_click=state.toggle_theme,
                    data="toggle-theme",
                ),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=Space.S,
        ),
    )
    # On a phone the row has no room: the indicator is a strip of its own under it.
    return bar if wide or status is None else ft.Column([bar, status()], spacing=0)
