"""Account: sign in to the association's server, see who is signed in and their role, sign out."""

from __future__ import annotations

import flet as ft

from views.context import use_app, use_sync
from views.parts.sync_account import SignedInCard, SignInForm
from views.parts.sync_status import SyncStatusCard
from views.theme import Space, Tone, Type


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
