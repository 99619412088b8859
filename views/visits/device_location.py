"""Where the device is, asked of flet's geolocator at the moment a screen needs it (the permission asked then),
or why it would not say: no location service on this platform, location switched off, permission refused (now,
or for good), no fix, no fix in time — a key of the catalogue the screen shows in the user's language beside
the place it wanted it (the map and the typed form stay offered; nothing of the record is touched).

``geolocator`` is flet-geolocator's ``Geolocator`` in the app; anything with its four async methods serves
(tests hand in a stand-in: no platform answers in a test).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("zanjireh.visits")

#: How long the device may take to find where it is before the screen says it could not.
LOCATION_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Position:
    """Where the device says it is, and the radius (m) it vouches for."""

    lat: float
    lon: float
    accuracy_m: float | None


#: The name the visit screen knows a fix by.
Fix = Position


class NoPosition(Exception):
    """The device gave no position; ``key`` says why in the catalogue's words (visit_location_*)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


def _status(value: Any) -> str:
    """A permission status as its name, whether the plugin's enum or its plain value."""
    return str(getattr(value, "value", value))


async def device_position(geolocator: Any | None, timeout_s: float = LOCATION_TIMEOUT_SECONDS) -> Position:
    """The device's position with its accuracy, or ``NoPosition`` (no geolocator, location off, the
    permission refused, no fix, too slow, or the platform's own error)."""
    if geolocator is None:
        raise NoPosition("visit_location_unavailable")
    try:
        if not await geolocator.is_location_service_enabled():
            raise NoPosition("visit_location_off")
        status = _status(await geolocator.get_permission_status())
        if status in ("denied", "unableToDetermine"):
            status = _status(await geolocator.request_permission())  # asked now, when it is needed
        if status == "deniedForever":
            raise NoPosition("visit_location_denied_forever")
        if status == "denied":
            raise NoPosition("visit_location_denied")
        position = await asyncio.wait_for(geolocator.get_current_position(), timeout_s)
    except NoPosition:
        raise
    except TimeoutError:
        raise NoPosition("visit_location_timeout") from None
    except Exception as error:  # the platform's own error (no fix, a plugin fault): said plainly, logged
        log.info("the device's location could not be read: %s: %s", type(error).__name__, error)
        raise NoPosition("visit_location_failed", str(error)) from None
    if position is None or position.latitude is None or position.longitude is None:
        raise NoPosition("visit_location_failed", "the device answered without a position")
    accuracy = position.accuracy if position.accuracy and position.accuracy > 0 else None
    return Position(float(position.latitude), float(position.longitude), accuracy)


async def find_location(geolocator: Any | None, timeout_s: float = LOCATION_TIMEOUT_SECONDS) -> Position | str:
    """``device_position``, or the catalogue key of why there is none (for a screen that shows it in place)."""
    try:
        return await device_position(geolocator, timeout_s)
    except NoPosition as no:
        return no.key
