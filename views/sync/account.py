"""Account: sign in to the association's server, see who is signed in and their role, sign out."""

from __future__ import annotations

import flet as ft

from views.shell.context import use_app
from views.shell.theme import Space, Tone, Type
from views.sync.account_form import SignedInCard, SignInForm
from views.sync.context import use_sync
from views.sync.status import SyncStatusCard


@ft.component
def AccountView() -> ft.Control:
    state = use_app()
    sync = use_sync()
    signed_in = sync.account is not None
    return ft.ListView(
        [
            ft.Text(state.t("account_title"), style=Type.TITLE, color=Tone.TEXT),
            SignedInCard() if signed_in else SignInForm(),
            *([SyncStatusCard(on_account_screen=True)] if signed_in else []),
        ],
        padding=Space.L,
        spacing=Space.L,
        expand=True,
        data="account",
    )
