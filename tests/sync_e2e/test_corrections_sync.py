"""Corrections from the field through the real engine and a real server: a plant's location proposed offline with
the device's location, surviving a killed app, accepted by an admin, reaching another member's device and
surviving the next GEM import; a member's attempt to decide refused with its reason; a withdrawn proposal closed."""

from __future__ import annotations

from pathlib import Path

from models.visits import VisitLocation
from sync.fieldwork import Fieldwork
from tests.field_factories import SEPAHAN
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import PASSWORD, Device
from tests.sync_e2e.gem_files import plant_id, write_gem_folder
from tests.sync_e2e.test_field_visits_sync import SUPPLIERS

PLANT = plant_id(1)
RIGHT = {"lat": 32.5874, "lon": 51.4912}


def test_a_plant_corrected_in_the_field_reaches_everyone_and_survives_the_next_import(
    server: LiveServer, tmp_path: Path
) -> None:
    server.run_cli("import-gem", str(write_gem_folder(tmp_path / "gem1", [1, 2, 3])))
    server.create_user("boss", "admin", PASSWORD)
    server.create_user("reza", "member", PASSWORD)
    phone = Device(tmp_path / "phone", server)
    phone.sign_in("ali")
    assert phone.sync().ok
    assert phone.store.plants.get(PLANT) is not None

    server.stop()  # at the plant's gate, no signal
    here = VisitLocation(lat=32.5871, lon=51.4915, accuracy_m=12, source="device")
    Fieldwork(phone.store).propose_correction("plant", PLANT, "location", RIGHT, note="the gate is here", location=here)
    phone = phone.reopen()  # the app killed: the proposal is still there, waiting
    work = Fieldwork(phone.store)
    (mine,) = work.my_corrections()
    assert mine.status == "waiting"
    server.start()
    assert phone.sync().ok
    (mine,) = work.my_corrections()
    assert (mine.status, mine.correction.proposed_by) == ("proposed", "ali")

    desk = Device(tmp_path / "desk", server)
    desk.sign_in("boss")
    assert desk.sync().ok
    office = Fieldwork(desk.store)
    (waiting,) = office.corrections_to_review()
    assert waiting.location is not None and waiting.location.accuracy_m == 12
    office.decide_correction(waiting.id, accept=True, note="matches the satellite image")
    assert office.corrections_to_review() == []  # decided here, not yet sent: no longer waiting for this admin
    assert office.correction(waiting.id).status == "deciding"  # type: ignore[union-attr]
    assert desk.sync().ok

    other = Device(tmp_path / "other", server)
    other.sign_in("reza")
    assert other.sync().ok
    plant = other.store.plants.get(PLANT)
    assert plant is not None and plant.place.point is not None
    assert (plant.place.point.lat, plant.place.point.lon) == (RIGHT["lat"], RIGHT["lon"])
    assert [(c.field, c.proposed_by) for c in plant.corrected] == [("location", "ali")]
    assert Fieldwork(other.store).my_corrections() == []  # ali's proposal is not reza's business

    assert phone.sync().ok
    (mine,) = work.my_corrections()
    assert (mine.status, mine.correction.decision_note) == ("accepted", "matches the satellite image")

    server.run_cli("import-gem", str(write_gem_folder(tmp_path / "gem2", [1, 2, 3], release="2026-03")))
    assert other.sync().ok
    again = other.store.plants.get(PLANT)
    assert again is not None and again.place.point is not None and again.place.point.lat == RIGHT["lat"]
    for device in (phone, desk, other):
        device.close()


def test_only_an_admin_decides_and_a_withdrawn_proposal_stays_closed(server: LiveServer, tmp_path: Path) -> None:
    server.run_cli("import-suppliers", str(SUPPLIERS))
    server.create_user("boss", "admin", PASSWORD)
    phone = Device(tmp_path / "phone", server)
    phone.sign_in("ali")
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    proposal = work.propose_correction("supplier", SEPAHAN, "website", "https://sepahan-refractory.example")
    assert phone.sync().ok
    work.decide_correction(proposal.id, accept=True)  # a member tries to accept their own proposal
    phone.sync()
    (refused,) = [op for op in phone.store.user.outbox() if op.state.value == "rejected"]
    assert refused.reason is not None and refused.reason.startswith("role_may_not_decide")

    work.withdraw_correction(proposal.id)
    assert phone.sync().ok
    assert [c.status for c in work.my_corrections()] == ["withdrawn"]

    desk = Device(tmp_path / "desk", server)
    desk.sign_in("boss")
    assert desk.sync().ok
    office = Fieldwork(desk.store)
    assert office.corrections_to_review() == []
    office.decide_correction(proposal.id, accept=True)  # an admin acting on an old screen
    desk.sync()
    (closed,) = [op for op in desk.store.user.outbox() if op.state.value == "rejected"]
    assert closed.reason is not None and closed.reason.startswith("correction_closed")
    assert desk.store.suppliers.get(SEPAHAN).website != "https://sepahan-refractory.example"  # type: ignore[union-attr]
    phone.close()
    desk.close()
