"""The old and new states the crash tests move between (shared by the test and its child process)."""

from __future__ import annotations

from typing import Any

from tests.factories import TEST_SOURCE, make_mine, make_plant

OLD_PLANTS = [make_plant(1), make_plant(2)]
OLD_CURSOR = "c1"
NEW_PAGE: dict[str, Any] = {
    "cursor": "c2",
    "items": [
        {"id": OLD_PLANTS[0].id, "version": 5, "deleted": True, "data": None},
        {
            "id": OLD_PLANTS[1].id,
            "version": 5,
            "deleted": False,
            "data": make_plant(2, name_en="Test Steel 2, renamed").model_dump(mode="json"),
        },
        {"id": make_plant(3).id, "version": 6, "deleted": False, "data": make_plant(3).model_dump(mode="json")},
    ],
}


def import_dataset(generation: int) -> dict[str, list[Any]]:
    """Two different releases: every collection of generation 2 differs from generation 1."""
    plants = [make_plant(i, name_en=f"Release {generation} steel {i}") for i in range(1, 4 + generation)]
    mines = [make_mine(i, name_en=f"Release {generation} mine {i}") for i in range(1, 2 + generation)]
    source = TEST_SOURCE.model_copy(update={"release": f"release {generation}"})
    return {"plants": plants, "mines": mines, "sources": [source]}
