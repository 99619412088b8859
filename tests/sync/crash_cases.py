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


def _supplier(number: int, name: str) -> dict[str, Any]:
    from models.demo import demo_supplier

    return demo_supplier(number).model_copy(update={"name_en": name}).model_dump(mode="json")


def _need(number: int, status: str) -> dict[str, Any]:
    return {
        "id": f"N{number}", "plant_id": "P900000000001", "producer_org": "E100000000001", "item_fa": "آجر",
        "category": "consumables.refractories.shaped", "status": status,
    }  # fmt: skip


#: collection → (the old page with its cursor, the new page): S-DEMO-000001 deleted, 2 renamed, 3 added.
LOCALIZATION_PAGES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "suppliers": (
        {"cursor": "c1", "items": [
            {"id": f"S-DEMO-00000{i}", "version": 1, "deleted": False, "data": _supplier(i, f"old {i}")}
            for i in (1, 2)]},
        {"cursor": "c2", "items": [
            {"id": "S-DEMO-000001", "version": 5, "deleted": True, "data": None},
            {"id": "S-DEMO-000002", "version": 5, "deleted": False, "data": _supplier(2, "new 2")},
            {"id": "S-DEMO-000003", "version": 6, "deleted": False, "data": _supplier(3, "new 3")}]},
    ),
    "needs": (
        {"cursor": "c1", "items": [
            {"id": f"N{i}", "version": 1, "deleted": False, "data": _need(i, "open")} for i in (1, 2)]},
        {"cursor": "c2", "items": [
            {"id": "N1", "version": 5, "deleted": True, "data": None},
            {"id": "N2", "version": 5, "deleted": False, "data": _need(2, "published")},
            {"id": "N3", "version": 6, "deleted": False, "data": _need(3, "published")}]},
    ),
}  # fmt: skip


def photo_raw() -> bytes:
    """A camera-sized JPEG, the same every time (the crash tests add it and look for it after the kill)."""
    import io
    import random

    from PIL import Image

    rng = random.Random("crash-photo")
    image = Image.frombytes("RGB", (200, 150), rng.randbytes(200 * 150 * 3)).resize((3000, 2250))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()
