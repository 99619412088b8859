"""The province outlines every map draws, read once per process; broken ones become a notice, not a dead screen."""

from __future__ import annotations

from collections.abc import Callable

from models.geo import ProvinceShapes
from sync.errors import ZanjirehError
from sync.geometry import load_province_shapes


def province_shapes(report: Callable[[ZanjirehError], None]) -> ProvinceShapes | None:
    """The bundled province outlines, or None after ``report`` was told why they could not be read."""
    try:
        return load_province_shapes()
    except ZanjirehError as error:
        report(error)
        return None
