"""The atlas's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.atlas.atlas_list import AtlasListView
from views.atlas.map_view import MapView
from views.atlas.mine_detail import MineDetailView
from views.atlas.plant_detail import PlantDetailView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="atlas", component=AtlasListView),
        ft.Route(path="atlas/map", component=MapView),
        ft.Route(path="plant/:asset_id", component=PlantDetailView),
        ft.Route(path="mine/:asset_id", component=MineDetailView),
    ]
