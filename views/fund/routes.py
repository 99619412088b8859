"""The Fund's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.fund.application import ApplicationView
from views.fund.draft_form import DraftFormView
from views.fund.home import FundView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="fund", component=FundView),
        ft.Route(path="fund/draft/:record_id", component=DraftFormView),
        ft.Route(path="fund/application/:record_id", component=ApplicationView),
    ]
