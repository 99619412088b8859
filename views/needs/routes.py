"""The needs' screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.needs.need_detail import NeedDetailView
from views.needs.need_form import NeedFormView
from views.needs.needs_list import NeedsView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="needs/new", component=NeedFormView),
        ft.Route(path="needs", component=NeedsView),
        ft.Route(path="need/:record_id/edit", component=NeedFormView),
        ft.Route(path="need/:record_id", component=NeedDetailView),
    ]
