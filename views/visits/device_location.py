"""Where the device is, asked of flet's geolocator at the moment a screen needs it (the permission asked then),
or why it would not say — a key of the catalogue the screen shows beside the place it wanted it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

#: How long the device may take to find where it is before the screen says it could not.
LOCATION_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    accuracy_m: float | None


class NoPosition(Exception):
    """The device gave no position; ``key`` says why in the catalogue's words (visit_location_*)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


async def device_position(geolocator: Any | None) -> Position:
    """The device's position with its accuracy, or ``NoPosition`` (no geolocator, location off, the
    permission refused, too slow, or the platform's own error)."""
    if geolocator is None:
        raise NoPosition("visit_location_unavailable")
    try:
        if not await geolocator.is_location_service_enabled():
            raise NoPosition("visit_location_off")
        status = await geolocator.get_permission_status()
        if status.value in ("denied", "unableToDetermine"):
            status = await geolocator.request_permission()  # asked now, when it is needed
        if status.value in ("denied", "deniedForever"):
            raise NoPosition(
                "visit_location_denied_forever" if status.value == "deniedForever" else "visit_location_denied"
            )
        position = await asyncio.wait_for(geolocator.get_current_position(), LOCATION_TIMEOUT_SECONDS)
    except NoPosition:
        raise
    except TimeoutError:
        raise NoPosition("visit_location_timeout") from None
    except Exception as error:  # the platform's own error: said plainly, the typed form stays offered
        raise NoPosition("visit_location_failed", str(error)) from None
    return Position(position.latitude, position.longitude, position.accuracy)
