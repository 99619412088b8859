"""Where a visit was: the device's location and every way it can say no (switched off, permission refused now
or for good, no fix, no fix in time), each said in the auditor's language with the visit still savable; the
place picked on a map around the supplier's site instead, saved as "set by hand" with the accuracy a
fingertip allows at that zoom."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from models.visits import LocationSource
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.support.flet_harness import FletHarness
from tests.views.conftest import PHONE
from tests.views.test_visit_screens import field_store
from views.app import make_main
from views.visits.device_location import Fix, find_location
from views.visits.location_map import SPANS_KM, LocalView, pick_accuracy_m, scale_bar_km

#: Sepahan's recorded site (docs/registers/suppliers-template.csv).
SITE = (32.6343, 51.3667)


class StandInGeolocator:
    """What a phone's location service answers, without a phone: each method answers as configured."""

    def __init__(
        self, *, enabled: bool = True, status: str = "whileInUse", after_asking: str | None = None,
        position: dict[str, float] | None = None, fails: Exception | None = None, hangs: bool = False,
    ) -> None:  # fmt: skip
        self.enabled, self.status, self.after_asking = enabled, status, after_asking
        self.position, self.fails, self.hangs = position, fails, hangs
        self.asked = 0

    async def is_location_service_enabled(self) -> bool:
        return self.enabled

    async def get_permission_status(self) -> str:
        return self.status

    async def request_permission(self) -> str:
        self.asked += 1
        return self.after_asking or self.status

    async def get_current_position(self) -> Any:
        if self.hangs:
            await asyncio.Event().wait()
        if self.fails is not None:
            raise self.fails
        return type("Position", (), {"latitude": 32.63, "longitude": 51.37, "accuracy": 14.0, **(self.position or {})})


@pytest.mark.parametrize(
    ("geo", "said"),
    [
        (None, "visit_location_unavailable"),
        (StandInGeolocator(enabled=False), "visit_location_off"),
        (StandInGeolocator(status="denied"), "visit_location_denied"),
        (StandInGeolocator(status="denied", after_asking="deniedForever"), "visit_location_denied_forever"),
        (StandInGeolocator(status="deniedForever"), "visit_location_denied_forever"),
        (StandInGeolocator(fails=RuntimeError("kCLErrorLocationUnknown")), "visit_location_failed"),
        (StandInGeolocator(position={"latitude": None}), "visit_location_failed"),
        (StandInGeolocator(hangs=True), "visit_location_timeout"),
    ],
    ids=[
        "no-service",
        "switched-off",
        "refused",
        "refused-for-good-when-asked",
        "blocked",
        "no-fix",
        "empty-fix",
        "no-fix-in-time",
    ],
)
def test_every_way_the_device_says_no_is_a_message_of_the_catalogue(geo: Any, said: str) -> None:
    assert asyncio.run(find_location(geo, timeout_s=0.05)) == said


def test_the_permission_is_asked_when_needed_and_a_fix_keeps_its_accuracy() -> None:
    geo = StandInGeolocator(status="denied", after_asking="whileInUse")
    found = asyncio.run(find_location(geo))
    assert geo.asked == 1
    assert found == Fix(32.63, 51.37, 14.0)


def test_a_point_on_the_local_map_is_where_it_was_tapped_and_finer_when_zoomed_in() -> None:
    wide = LocalView(SITE[0], SITE[1], SPANS_KM[2], 320, 256)
    close = LocalView(SITE[0], SITE[1], SPANS_KM[-1], 320, 256)
    assert wide.to_px(*SITE) == (160, 128)
    for view in (wide, close):
        lat, lon = view.to_latlon(*view.to_px(32.70, 51.30))
        assert abs(lat - 32.70) < 1e-9 and abs(lon - 51.30) < 1e-9
    assert pick_accuracy_m(close) < 100 < pick_accuracy_m(wide)
    assert (scale_bar_km(wide), scale_bar_km(close)) == (20.0, 0.2)  # a round length, a quarter of the map or less


async def _open(store: LocalStore, route: str, geo_answers: dict[str, Any]) -> FletHarness:
    handlers = {name: (lambda _args, v=value: v) for name, value in geo_answers.items()}
    h = FletHarness(method_handlers=handlers, width=PHONE[0], height=PHONE[1])
    await h.start(make_main(store), route=route)
    await h.settle()
    return h


def _draft(folder: Path) -> tuple[LocalStore, str]:
    store = field_store(folder)
    visit_id = Fieldwork(store).start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    return store, visit_id


def test_a_refused_permission_is_said_the_map_opens_and_the_place_picked_there_is_saved_as_set_by_hand(
    tmp_path: Path,
) -> None:
    store, visit_id = _draft(tmp_path / "data")
    refused = {"is_location_service_enabled": True, "get_permission_status": "denied", "request_permission": "denied"}

    async def scenario() -> None:
        h = await _open(store, f"/visit/{visit_id}", refused)
        await h.fire(h.by_data("visit-locate"))
        await h.wait_for(lambda: bool(h.find(data="visit-location-problem")))
        words = " ".join(h.texts(h.by_data("visit-location-problem")))
        assert "اجازهٔ مکان داده نشد" in words and "نقشه" in words  # in Persian, and what to do instead
        assert store.visits.get(visit_id).visit.location is None  # type: ignore[union-attr]
        # the visit stays savable: an answer after the refusal is on disk at once
        group = next(c for c in h.find(ft.RadioGroup) if any(
            getattr(r, "data", "") == "answer:qms.iso9001:yes" for r in h.walk(c)))  # fmt: skip
        h.session.apply_patch(group._i, {"value": "yes"})
        await h.fire(group, "change", "yes")
        assert store.visits.get(visit_id).visit.answers["qms.iso9001"] is True  # type: ignore[union-attr]

        tap = h.by_data("visit-pick-map")  # opened by the refusal itself
        canvas = next(c for c in h.walk(tap) if isinstance(c.data, LocalView))
        view: LocalView = canvas.data
        x, y = view.to_px(SITE[0] + 0.01, SITE[1])  # a kilometre north of the gate
        await h.fire(tap, "tap_up", {"k": "touch", "l": {"x": x, "y": y}, "g": {"x": x, "y": y}})
        assert "کیلومتر تا محل ثبت‌شدهٔ تأمین‌کننده" in " ".join(h.texts(h.by_data("visit-map-picked")))
        await h.fire(h.by_data("visit-map-save"))
        location = store.visits.get(visit_id).visit.location  # type: ignore[union-attr]
        assert location is not None and location.source is LocationSource.MAP
        assert abs(location.lat - (SITE[0] + 0.01)) < 0.001 and abs(location.lon - SITE[1]) < 0.001
        assert location.accuracy_m == pick_accuracy_m(view)
        assert h.find(data="visit-map-saved")  # said on the map, which stays open (the page does not jump)
        assert h.find(data="visit-location:map")
        await h.fire(h.by_data("visit-map-cancel"))
        await h.wait_for(lambda: not h.find(data="visit-map-picker"))
        assert "دستی: نقطه روی نقشه" in " ".join(h.texts())  # set by hand, not the device's GPS
        assert not h.find(data="visit-location-problem")

    asyncio.run(scenario())
    store.close()


def test_the_devices_fix_is_saved_with_its_accuracy_as_gps(tmp_path: Path) -> None:
    store, visit_id = _draft(tmp_path / "data")
    store.device.set_setting("language", "en")
    granted = {"is_location_service_enabled": True, "get_permission_status": "whileInUse",
               "get_current_position": {"latitude": 32.6350, "longitude": 51.3660, "accuracy": 12.0}}  # fmt: skip

    async def scenario() -> None:
        h = await _open(store, f"/visit/{visit_id}", granted)
        await h.fire(h.by_data("visit-locate"))
        await h.wait_for(lambda: bool(h.find(data="visit-location:device")))
        location = store.visits.get(visit_id).visit.location  # type: ignore[union-attr]
        assert location is not None and location.source is LocationSource.DEVICE and location.accuracy_m == 12.0
        assert "from the device's GPS" in " ".join(h.texts())
        assert not h.find(data="visit-map-picker")

    asyncio.run(scenario())
    store.close()


def test_a_location_switched_off_is_said_in_english_on_that_visit_only(tmp_path: Path) -> None:
    store, visit_id = _draft(tmp_path / "data")
    other = Fieldwork(store).start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    store.device.set_setting("language", "en")

    async def scenario() -> None:
        h = await _open(store, f"/visit/{visit_id}", {"is_location_service_enabled": False})
        await h.fire(h.by_data("visit-locate"))
        await h.wait_for(lambda: bool(h.find(data="visit-location-problem")))
        assert "The device's location is turned off" in " ".join(h.texts(h.by_data("visit-location-problem")))
        assert "every answer are saved" in " ".join(h.texts())
        await h.go(f"/visit/{other}")
        await h.wait_for(lambda: bool(h.find(data="visit-locate")))
        assert not h.find(data="visit-location-problem")  # another visit's screen: not this one's problem

    asyncio.run(scenario())
    store.close()
