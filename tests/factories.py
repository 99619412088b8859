"""Factories for test records: real models with overridable fields, built the way the importer builds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.atlas import Capacity, GeoPoint, Mine, Place, Plant, Source
from models.enums import Process, Status
from models.quantity import Quantity

TEST_SOURCE = Source(
    id="test-source",
    publisher="Zanjireh tests",
    title="Synthetic test records",
    release="test",
    licence="test only",
    attribution="Synthetic records made by the test suite.",
    as_of=dt.date(2025, 1, 1),
    is_demo=True,
)


def make_capacity(process: Process, status: Status, ktpa: float | None, source_id: str = "test-source") -> Capacity:
    amount = Quantity.known(ktpa) if ktpa is not None else Quantity.positive_unknown()
    return Capacity(process=process, status=status, amount_ktpa=amount, source_id=source_id)


def make_plant(number: int = 1, **overrides: Any) -> Plant:
    fields: dict[str, Any] = {
        "id": f"P9{number:011d}",
        "name_en": f"Test Steel {number}",
        "name_fa": f"فولاد آزمایشی {number}",
        "place": Place(point=GeoPoint(lat=32.6, lon=51.6), province="IR-10", municipality="Isfahan"),
        "capacities": (make_capacity(Process.EAF, Status.OPERATING, 1000.0),),
        "source_id": TEST_SOURCE.id,
    }
    fields.update(overrides)
    return Plant(**fields)


def make_mine(number: int = 1, **overrides: Any) -> Mine:
    fields: dict[str, Any] = {
        "id": f"P8{number:011d}",
        "name_en": f"Test Mine {number}",
        "place": Place(point=GeoPoint(lat=31.8, lon=55.5), province="IR-21"),
        "status": Status.OPERATING,
        "design_capacity_ktpa": Quantity.known(2000.0),
        "source_id": TEST_SOURCE.id,
    }
    fields.update(overrides)
    return Mine(**fields)
