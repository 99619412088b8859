"""The directory's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.suppliers.directory import SuppliersView
from views.suppliers.supplier_detail import SupplierDetailView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="suppliers", component=SuppliersView),
        ft.Route(path="supplier/:record_id", component=SupplierDetailView),
    ]
