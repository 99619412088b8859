"""Every path of the app and the navigation destinations: features link to each other through these, not by imports.

Each feature declares the routes of its own screens (views/<feature>/routes.py); the app puts them together
(views/app.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

import flet as ft

from models.atlas import Asset

HOME = "/"
ATLAS = "/atlas"
ATLAS_MAP = "/atlas/map"
BALANCE = "/balance"
BALANCE_CHARTS = "/balance/charts"
SETTINGS = "/settings"
ABOUT = "/about"
SYNC = "/sync"
ACCOUNT = "/account"
SUPPLIERS = "/suppliers"
NEEDS = "/needs"
NEED_NEW = "/needs/new"
FUND = "/fund"
VISITS = "/visits"
VISIT_NEW = "/visits/new"
CORRECTIONS = "/corrections"
CORRECTION_NEW = "/corrections/new"
#: Screens reached from Settings (and from the sync indicator): the Settings destination stays selected.
UNDER_SETTINGS = (SYNC, ACCOUNT, "/conflict/", ABOUT)
#: Screens of the suppliers destination: the directory, a supplier, the needs and a need, the Fund, the visits and
#: the corrections from the field (whatever record they are for: they are reviewed beside the visits).
UNDER_SUPPLIERS = ("/supplier/", NEEDS, "/need/", FUND, VISITS, "/visit/", "/correction")


def plant_path(asset_id: str) -> str:
    return f"/plant/{asset_id}"


def mine_path(asset_id: str) -> str:
    return f"/mine/{asset_id}"


def asset_path(asset: Asset) -> str:
    return mine_path(asset.id) if asset.kind == "mine" else plant_path(asset.id)


def conflict_path(record_id: str) -> str:
    return f"/conflict/{record_id}"


def supplier_path(supplier_id: str) -> str:
    return f"/supplier/{supplier_id}"


def need_path(need_id: str) -> str:
    return f"/need/{need_id}"


def fund_draft_path(draft_id: str) -> str:
    return f"{FUND}/draft/{draft_id}"


def fund_application_path(application_id: str) -> str:
    return f"{FUND}/application/{application_id}"


def visit_path(visit_id: str) -> str:
    return f"/visit/{visit_id}"


def new_visit_path(supplier_id: str) -> str:
    """The start of a field visit to ``supplier_id`` (its categories and checklist are chosen there)."""
    return VISIT_NEW + f"?{urlencode({'supplier': supplier_id})}"


def correction_path(correction_id: str) -> str:
    return f"/correction/{correction_id}"


def new_correction_path(kind: str, record_id: str) -> str:
    """The form proposing a correction to a plant, mine or supplier record (``kind``)."""
    return CORRECTION_NEW + f"?{urlencode({'kind': kind, 'id': record_id})}"


def need_edit_path(need_id: str) -> str:
    return f"/need/{need_id}/edit"


def new_need_path(plant_id: str | None = None) -> str:
    """The form for a new need, for ``plant_id`` when the member starts from a plant's screen."""
    return NEED_NEW + (f"?{urlencode({'plant': plant_id})}" if plant_id else "")


def suppliers_path(category: str | None = None, near: str | None = None) -> str:
    """The directory narrowed to ``category`` and ordered by the distance from plant ``near``: the way from a
    plant's screen ("qualified refractory makers near this plant") into the directory."""
    query = {k: v for k, v in (("category", category), ("near", near)) if v}
    return SUPPLIERS + (f"?{urlencode(query)}" if query else "")


def query_params(location: str) -> dict[str, str]:
    """The query of a path (``/suppliers?category=…``), one value per name."""
    _, _, query = location.partition("?")
    return {name: values[-1] for name, values in parse_qs(query).items() if values}


@dataclass(frozen=True)
class Destination:
    path: str
    label_key: str
    icon: ft.IconData
    selected_icon: ft.IconData


#: Five, so that a 360 px phone's bottom bar keeps its labels readable; About is reached from Settings.
DESTINATIONS: tuple[Destination, ...] = (
    Destination(HOME, "nav_home", ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    Destination(ATLAS, "nav_atlas", ft.Icons.FACTORY_OUTLINED, ft.Icons.FACTORY),
    Destination(BALANCE, "nav_balance", ft.Icons.BALANCE_OUTLINED, ft.Icons.BALANCE),
    Destination(SUPPLIERS, "nav_suppliers", ft.Icons.HANDSHAKE_OUTLINED, ft.Icons.HANDSHAKE),
    Destination(SETTINGS, "nav_settings", ft.Icons.SETTINGS_OUTLINED, ft.Icons.SETTINGS),
)


def destination_index(location: str) -> int:
    """Which destination a path belongs to: a plant or mine screen is part of the atlas, a supplier or a need
    part of the suppliers, the account, sync and About screens part of Settings."""
    path = location.split("?", 1)[0]
    if path.startswith(("/plant/", "/mine/")):
        return 1
    if path.startswith(UNDER_SETTINGS):
        path = SETTINGS
    if path.startswith(UNDER_SUPPLIERS):
        path = SUPPLIERS
    for index, destination in enumerate(DESTINATIONS):
        # a destination's sub-screens (the atlas map, the balance charts) are part of it
        if destination.path == path or (destination.path != HOME and path.startswith(destination.path + "/")):
            return index
    return 0


def use_asset_id() -> str:
    """The :asset_id of a plant or mine path (a hook). From the URL itself when the router's context is
    out of reach (flet 1.0.5 returns {} during a stale redraw): a screen must not show "not found" then."""
    params = ft.use_route_params()
    if params.get("asset_id"):
        return params["asset_id"]
    path = (ft.context.page.route or "").split("?", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1] if path.startswith(("/plant/", "/mine/")) else ""


def use_path_id(prefix: str) -> str:
    """The id after ``prefix`` in the path (``/supplier/`` → the supplier id; a hook), from the URL itself
    when the router's context is out of reach (flet 1.0.5 returns {} during a stale redraw)."""
    params = ft.use_route_params()
    if params.get("record_id"):
        return params["record_id"]
    path = (ft.context.page.route or "").split("?", 1)[0]
    return path[len(prefix) :].split("/", 1)[0] if path.startswith(prefix) else ""


def use_query() -> dict[str, str]:
    """The query of the current path (``?category=…&near=…``), read where the screen draws."""
    return query_params(ft.context.page.route or "")


def use_record_id() -> str:
    """The :record_id of a conflict path (a hook), from the URL when the router's context is out of reach."""
    params = ft.use_route_params()
    if params.get("record_id"):
        return params["record_id"]
    path = (ft.context.page.route or "").split("?", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1] if path.startswith("/conflict/") else ""


def go(path: str) -> None:
    """Navigate (the Router redraws on the route change the client reports back)."""
    ft.context.page.navigate(path)
