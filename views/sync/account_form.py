"""Signing in (server address, user name, password) and the signed-in account with "sign out"."""

from __future__ import annotations

import flet as ft

from views.shell import i18n, paths
from views.shell.buttons import icon_button
from views.shell.context import use_app
from views.shell.facts import caption, fact
from views.shell.identity import role_can, role_name
from views.shell.theme import Size, Space, Tone, Type, card_style
from views.shell.typing_field import TypingField
from views.sync.context import use_sync


@ft.component
def SignInForm() -> ft.Control:
    state = use_app()
    sync = use_sync()
    # What is typed lives in refs: a redraw (sync status changes often) must never reset a field.
    address = ft.use_ref(sync.api_url or "")
    username = ft.use_ref("")
    password = ft.use_ref("")
    missing, set_missing = ft.use_state(False)
    revealed, set_revealed = ft.use_state(False)
    busy = sync.busy == "sign_in"

    async def on_sign_in() -> None:
        if not (address.current.strip() and username.current.strip() and password.current):
            set_missing(True)
            return
        set_missing(False)
        if await sync.sign_in(address.current, username.current, password.current):
            password.current = ""

    def typed(ref: ft.Ref) -> object:
        def on_text(text: str) -> None:
            ref.current = text
            if sync.sign_in_error is not None:
                sync.clear_sign_in_error()

        return on_text

    fields = [
        TypingField(
            address.current, typed(address), label=state.t("account_api"), helper=state.t("account_api_help", https=i18n.ltr("https://")),
            helper_max_lines=3,  # one line cut the hint short at 360 px («…مگر سرور روی همین رایانه ...»)
            keyboard_type=ft.KeyboardType.URL, data="account-api",
        ),
        TypingField(
            username.current, typed(username), label=state.t("account_username"),
            autofocus=not address.current, data="account-username",
        ),
        TypingField(
            password.current, typed(password), label=state.t("account_password"), password=not revealed,
            # our own eye: Flutter's has no name a screen reader can say
            suffix_icon=icon_button(
                ft.Icons.VISIBILITY_OFF if revealed else ft.Icons.VISIBILITY,
                state.t("account_password_hide" if revealed else "account_password_show"),
                on_click=lambda: set_revealed(not revealed), data="account-password-eye",
            ),
            data="account-password",
        ),
    ]  # fmt: skip
    problem = state.t("account_missing_fields") if missing else sync.sign_in_message
    lines: list[ft.Control] = [*fields]
    if problem:
        lines.append(ft.Text(problem, style=Type.BODY, color=Tone.ERROR, data="account-error"))
    lines += [
        ft.Row(
            [
                ft.FilledButton(
                    content=state.t("account_signing_in" if busy else "account_sign_in"),
                    icon=ft.Icons.LOGIN,
                    on_click=on_sign_in,
                    disabled=busy,
                    data="account-sign-in",
                ),
                ft.ProgressRing(width=Size.PROGRESS, height=Size.PROGRESS, visible=busy),
            ],
            spacing=Space.M,
        ),
        caption(state.t("account_password_not_kept")),
        TokensKeptIn(),
    ]
    form = ft.Column(lines, spacing=Space.M, tight=True, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return ft.Container(content=form, data="sign-in-form", **card_style())


@ft.component
def SignedInCard() -> ft.Control:
    state = use_app()
    sync = use_sync()
    lang = state.lang
    account = sync.account or {}
    user = str(account.get("username") or "")
    unsent = sync.unsent_count()
    busy = sync.busy == "sign_out"
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.ACCOUNT_CIRCLE, color=Tone.PRIMARY, size=Size.ICON_L),
                ft.Text(state.t("account_signed_in_as", user=user), style=Type.SECTION, color=Tone.TEXT, expand=True),
            ],
            spacing=Space.M,
        ),
        fact(state.t("account_role"), role_name(account.get("role"), lang)),
        *(
            [fact(state.t("account_org"), state.who.org_name(lang)), caption(role_can(state.who, lang))]
            if state.who is not None
            else []
        ),
        fact(state.t("account_server"), str(account.get("api_url") or ""), ltr=True),
    ]
    if unsent:
        lines.append(
            ft.Text(
                state.t("account_unsent_warning", count=i18n.number(unsent, lang), user=user),
                style=Type.BODY,
                color=Tone.ERROR,
                data="account-unsent",
            )
        )
    lines += [
        caption(state.t("account_data_stays")),
        TokensKeptIn(),
        ft.Row(
            [
                ft.OutlinedButton(
                    content=state.t("account_sign_out"),
                    icon=ft.Icons.LOGOUT,
                    on_click=sync.sign_out,
                    disabled=busy,
                    data="account-sign-out",
                ),
                ft.TextButton(
                    content=state.t("account_open_sync"),
                    icon=ft.Icons.SYNC,
                    on_click=lambda: paths.go(paths.SYNC),
                    data="account-open-sync",
                ),
            ],
            wrap=True,
            spacing=Space.S,
        ),
    ]
    return ft.Container(content=ft.Column(lines, spacing=Space.M, tight=True), data="signed-in", **card_style())


#: What the account screen says about where the tokens are, by ``sync.tokens`` keeper kind.
TOKENS_KEPT_IN = {"secure_storage": "account_tokens_secure", "app_data_file": "account_tokens_app_data"}


@ft.component
def TokensKeptIn() -> ft.Control:
    """Where the sign-in is kept on this device: the platform's secure storage, or — where there is none
    (the web build) — the app's own data, said plainly, without a path."""
    state = use_app()
    sync = use_sync()
    key = TOKENS_KEPT_IN.get(sync.tokens_kept_in, "account_tokens_app_data")
    return caption(state.t(key), data="account-tokens-kept")
