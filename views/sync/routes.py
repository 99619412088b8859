"""Sync's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.sync.account import AccountView
from views.sync.conflict import ConflictView
from views.sync.sync_view import SyncView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="sync", component=SyncView),
        ft.Route(path="account", component=AccountView),
        ft.Route(path="conflict/:record_id", component=ConflictView),
    ]
