"""Drafts of field visits on the device: saved on every answer, resumed after a restart, sealed on submit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from models.checklists import ChecklistTemplate, QuestionKind
from models.visits import Finding, LocationSource, Proposal, Severity, VisitState
from sync import storage
from sync.errors import PhotoRefused, StoreError, VisitIncomplete, VisitNotEditable
from sync.photo_store import PhotoStore
from sync.visit_store import VisitStore
from tests.sync.test_photos import camera_shot

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "checklists"
GENERAL = ChecklistTemplate.model_validate(json.loads((ASSETS / "general-supplier-audit.v1.json").read_text("utf-8")))
CATEGORY = "consumables.refractories.shaped"


def open_store(folder: Path | None, owner: str | None = "reza") -> VisitStore:
    photos = PhotoStore(folder)
    photos.open()
    store = VisitStore(folder, photos)
    store.open(owner)
    return store


@pytest.fixture(params=["files", "memory"])
def visits(request: pytest.FixtureRequest, tmp_path: Path) -> VisitStore:
    return open_store(tmp_path if request.param == "files" else None)


def fill_in(store: VisitStore, visit_id: str) -> None:
    """Answer every question asked (photos included), date, location and proposal: a submittable visit."""
    for _, q in GENERAL.questions():
        if q.show_if is not None:
            continue
        if q.kind is QuestionKind.PHOTO:
            for n in range(q.min_photos):
                store.attach_photo(visit_id, camera_shot(seed=hash(q.id) % 1000 + n, size=(800, 600)), question=q.id)
            continue
        value: Any = {QuestionKind.YES_NO: q.good, QuestionKind.SCORE: 4, QuestionKind.NUMBER: 96}.get(q.kind, "seen")
        if q.kind is QuestionKind.CHOICE:
            value = q.options[0].id
        store.answer(visit_id, q.id, value)
    store.answer(visit_id, "qms.iso9001_scope", True)
    store.update(visit_id, visited_on=dt.date(2026, 12, 3), proposal=Proposal(outcome="approved", reasons="all passed"))
    store.set_location(visit_id, lat=32.6342, lon=51.3668, accuracy_m=8, source=LocationSource.DEVICE)


def test_a_draft_exists_from_the_first_tap_and_every_answer_is_saved(visits: VisitStore) -> None:
    local = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    assert local.visit.state is VisitState.DRAFT
    assert local.rev == 1
    after = visits.answer(local.id, "qms.iso9001", True)
    after = visits.answer(local.id, "qms.documents", 3)
    after = visits.note(local.id, "qms.documents", "دستورالعمل پرس ویرایش قدیمی بود")
    assert after.rev == 4
    assert after.visit.answers == {"qms.iso9001": True, "qms.documents": 3}
    assert after.visit.notes == {"qms.documents": "دستورالعمل پرس ویرایش قدیمی بود"}
    cleared = visits.answer(local.id, "qms.documents", None)
    assert "qms.documents" not in cleared.visit.answers


def test_a_draft_is_all_there_after_the_app_is_started_again_days_later(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    local = store.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL, planned_on=dt.date(2026, 12, 1))
    store.answer(local.id, "insp.lab", "basic")
    store.attach_photo(local.id, camera_shot(seed=11, size=(800, 600)), question="insp.report_photo")
    store.set_location(local.id, lat=32.63, lon=51.37, accuracy_m=15, source=LocationSource.DEVICE)
    saved = store.get(local.id)
    again = open_store(tmp_path)  # a new process, another day
    resumed = again.get(local.id)
    assert resumed is not None and saved is not None
    assert resumed.visit == saved.visit
    assert resumed.rev == saved.rev
    assert again.photos.has(resumed.visit.photos[0].sha256)
    assert again.answer(local.id, "insp.lab", "full").visit.answers["insp.lab"] == "full"


def test_a_photo_answer_names_the_photo_and_taking_it_out_clears_it_everywhere(visits: VisitStore) -> None:
    local = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    after, ref = visits.attach_photo(local.id, camera_shot(seed=12, size=(800, 600)), question="prod.line_photos")
    assert [p.sha256 for p in after.visit.photos] == [ref.sha256]
    assert after.visit.answers["prod.line_photos"] == [ref.sha256]
    visits.save_finding(local.id, Finding(id="f1", severity=Severity.MINOR, text="worn die", photos=(ref.sha256,)))
    cleared = visits.detach_photo(local.id, ref.sha256)
    assert cleared.visit.photos == ()
    assert "prod.line_photos" not in cleared.visit.answers
    assert cleared.visit.findings[0].photos == ()


def test_a_picture_that_is_no_photo_leaves_the_draft_as_it_was(visits: VisitStore) -> None:
    local = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    with pytest.raises(PhotoRefused):
        visits.attach_photo(local.id, b"%PDF-1.7 not a photo", question="prod.line_photos")
    assert visits.get(local.id) == local


def test_an_incomplete_visit_is_not_submitted_and_says_what_is_missing(visits: VisitStore) -> None:
    local = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    visits.answer(local.id, "qms.iso9001", False)
    with pytest.raises(VisitIncomplete) as incomplete:
        visits.submit(local.id, GENERAL)
    missing = dict(incomplete.value.params["problems"])
    assert missing["visited_on"] == "required"
    assert missing["location"] == "required"
    assert missing["answers.insp.final"] == "required"
    assert visits.get(local.id).visit.state is VisitState.DRAFT  # type: ignore[union-attr]


def test_a_submitted_visit_is_sealed_and_read_only_on_the_device(visits: VisitStore) -> None:
    local = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    fill_in(visits, local.id)
    sealed = visits.submit(local.id, GENERAL)
    assert sealed.visit.state is VisitState.SUBMITTED
    assert sealed.visit.submitted_at is not None
    assert not sealed.editable
    for attempt in (
        lambda: visits.answer(local.id, "qms.iso9001", False),
        lambda: visits.note(local.id, "qms.iso9001", "changed my mind"),
        lambda: visits.update(local.id, summary="later"),
        lambda: visits.discard(local.id),
        lambda: visits.submit(local.id, GENERAL),
    ):
        with pytest.raises(VisitNotEditable):
            attempt()
    assert visits.get(local.id) == sealed


def test_unsent_visits_are_those_saved_since_they_were_handed_to_the_outbox(visits: VisitStore) -> None:
    a = visits.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    b = visits.create(supplier_id="S1043", categories=[CATEGORY], template=GENERAL)
    visits.mark_sent(a.id, visits.get(a.id).rev)  # type: ignore[union-attr]
    assert [v.id for v in visits.unsent()] == [b.id]
    visits.answer(a.id, "qms.iso9001", True)
    assert {v.id for v in visits.unsent()} == {a.id, b.id}


def test_each_user_sees_only_their_own_visits(tmp_path: Path) -> None:
    reza = open_store(tmp_path, "reza")
    mine = reza.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    sara = open_store(tmp_path, "sara")
    assert sara.all() == []
    assert open_store(tmp_path, "reza").get(mine.id) is not None
    with pytest.raises(StoreError, match="nobody is signed in"):
        open_store(tmp_path, None).create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)


def test_an_unreadable_visit_file_is_moved_aside_and_the_others_load(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    good = store.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    bad = store.create(supplier_id="S1043", categories=[CATEGORY], template=GENERAL)
    path = tmp_path / "visits" / "reza" / f"{bad.id}.json"
    path.write_bytes(path.read_bytes()[:40])
    again = VisitStore(tmp_path, store.photos)
    notices = again.open("reza")
    assert [n.code for n in notices] == ["visit_quarantined"]
    assert again.get(good.id) is not None and again.get(bad.id) is None
    assert len(list((tmp_path / "quarantine").glob(f"visit-{bad.id}.json.*"))) == 1


def test_a_draft_save_writes_only_that_visit_s_small_file(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    local = store.create(supplier_id="S1042", categories=[CATEGORY], template=GENERAL)
    other = store.create(supplier_id="S1043", categories=[CATEGORY], template=GENERAL)
    written: list[Path] = []
    storage.fault_hook = lambda step, path: written.append(path) if step == "begin" else None
    try:
        store.answer(local.id, "qms.iso9001", True)
    finally:
        storage.fault_hook = None
    assert written == [tmp_path / "visits" / "reza" / f"{local.id}.json"]
    assert other.id not in str(written)
