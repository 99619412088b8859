"""Photos fetched from a real server: a photo sent from one phone appears as a thumbnail on the same auditor's
laptop; the photos of a pinned supplier's earlier visits are kept on the device and shown offline; a photo not
sent yet, or damaged on the way, is asked for again later; nothing is fetched twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.visits import Proposal
from sync.fieldwork import Fieldwork
from tests.field_factories import REFRACTORIES, SEPAHAN, complete_answers, template
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import PASSWORD, Device
from tests.sync_e2e.test_field_visits_sync import SUPPLIERS, camera_photo

GET_PHOTO = "GET /api/v1/attachments/"


@pytest.fixture
def field_server(server: LiveServer) -> Iterator[LiveServer]:
    """sara and reza are field staff, ali a member; the register's suppliers and the checklists."""
    server.run_cli("import-suppliers", str(SUPPLIERS))
    server.run_cli("import-checklists")
    server.create_user("reza", "field_staff", PASSWORD)
    yield server


def earlier_visit(device: Device, seeds: tuple[int, ...] = (11, 12)) -> tuple[str, list[str]]:
    """A complete visit to Sepahan with a photo per seed, submitted and synced: (its id, its photo hashes)."""
    work = Fieldwork(device.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    shots = iter(seeds)
    for question, value in complete_answers(template()).items():
        if isinstance(value, list):
            for _ in value:
                seed = next(shots, None)
                if seed is not None:
                    work.attach_photo(visit_id, camera_photo(seed), question=question)
        else:
            work.answer(visit_id, question, value)
    work.update(visit_id, visited_on=dt.date(2026, 6, 1), proposal=Proposal(outcome="approved", reasons="قبول"))
    work.set_location(visit_id, lat=32.6343, lon=51.3667, accuracy_m=20.0, source="device")
    hashes = work.submit(visit_id).visit.photo_hashes()
    assert device.sync().ok
    return visit_id, hashes


def test_a_photo_sent_from_the_phone_appears_as_a_thumbnail_on_the_same_auditors_laptop(
    field_server: LiveServer, tmp_path: Path
) -> None:
    phone = Device(tmp_path / "phone", field_server)
    phone.sign_in("sara")
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    _, ref = work.attach_photo(visit_id, camera_photo(21), question="prod.line_photos")
    assert phone.sync().ok  # the draft and its photo reach the server

    laptop = Device(tmp_path / "laptop", field_server)
    laptop.sign_in("sara")
    first = laptop.sync()
    assert first.ok, first.error
    assert first.fetched.fetched == 1
    desk = Fieldwork(laptop.store)
    assert desk.photo(ref.sha256) == work.photo(ref.sha256)  # the same bytes, checked against the hash
    assert desk.thumbnail(ref.sha256)  # made on the laptop: the screen shows it
    assert laptop.engine.status.photos_waiting == 0  # the laptop does not think it must send it
    again = laptop.sync()
    assert again.ok and again.fetched.fetched == 0
    assert laptop.plan.count(GET_PHOTO) == 1  # fetched once, kept by its hash
    for device in (phone, laptop):
        device.close()


def test_the_photos_of_a_pinned_suppliers_earlier_visits_are_kept_and_shown_offline(
    field_server: LiveServer, tmp_path: Path
) -> None:
    other = Device(tmp_path / "reza", field_server)
    other.sign_in("reza")
    assert other.sync().ok
    _, hashes = earlier_visit(other)
    assert len(hashes) == 2

    phone = Device(tmp_path / "phone", field_server)
    phone.sign_in("sara")
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    assert work.earlier_photos(SEPAHAN) == (0, 2)  # another auditor's visit: not fetched unless pinned
    assert phone.plan.count(GET_PHOTO) == 0

    work.pin(SEPAHAN)  # at the office, preparing the day
    assert work.pinned(SEPAHAN)
    prepared = phone.sync()
    assert prepared.ok, prepared.error
    assert prepared.fetched.fetched == 2
    assert work.earlier_photos(SEPAHAN) == (2, 2)

    field_server.stop()  # in the industrial town
    phone = phone.reopen()
    offline = Fieldwork(phone.store)
    assert offline.pinned(SEPAHAN)
    assert offline.earlier_photos(SEPAHAN) == (2, 2)
    for sha in hashes:
        assert offline.thumbnail(sha) and offline.photo(sha)
    assert not phone.sync().ok
    field_server.start()

    offline.pin(SEPAHAN, pinned=False)  # unpinned: what is here stays, nothing more is fetched
    assert phone.sync().ok and offline.earlier_photos(SEPAHAN) == (2, 2)
    for device in (other, phone):
        device.close()


def test_a_photo_not_sent_yet_or_damaged_on_the_way_is_asked_for_again_at_a_later_cycle(
    field_server: LiveServer, tmp_path: Path
) -> None:
    phone = Device(tmp_path / "phone", field_server)
    phone.sign_in("sara")
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    _, ref = work.attach_photo(visit_id, camera_photo(31), question="prod.line_photos")
    phone.plan.add("/attachments/", "drop", times=100)  # the visit goes, its photo does not
    assert not phone.sync().ok

    laptop = Device(tmp_path / "laptop", field_server)
    laptop.sign_in("sara")
    early = laptop.sync()
    assert early.ok, early.error  # a photo the server lacks is no failure of the laptop's sync
    assert early.fetched.not_on_server == 1 and not laptop.store.photos.has(ref.sha256)

    phone.plan.faults.clear()
    assert phone.sync().ok
    laptop.plan.add(GET_PHOTO.split(" ", 1)[1], "truncate")  # half the bytes arrive, as a 200
    damaged = laptop.sync()
    assert damaged.ok and damaged.fetched.damaged == 1
    assert not laptop.store.photos.has(ref.sha256)  # never kept under a hash it does not have
    whole = laptop.sync()
    assert whole.ok and whole.fetched.fetched == 1
    assert laptop.store.photos.read(ref.sha256) == phone.store.photos.read(ref.sha256)
    for device in (phone, laptop):
        device.close()
