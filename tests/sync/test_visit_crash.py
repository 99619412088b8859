"""Killing the app at every step of a draft's save leaves the draft loadable: the old answer or the new one,
and a photo either named and whole or not named at all."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from models.checklists import ChecklistTemplate
from sync.photo_store import PhotoStore
from sync.photos import prepare_photo
from sync.storage import TEMP_MARKER
from sync.visit_store import VisitStore
from tests.sync.crash_cases import photo_raw
from tests.sync.test_store_crash import FILE_STEPS, assert_killed, run_child

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "checklists"
GENERAL = ChecklistTemplate.model_validate(json.loads((ASSETS / "general-supplier-audit.v1.json").read_text("utf-8")))
PHOTO = prepare_photo(photo_raw())


def open_visits(folder: Path) -> VisitStore:
    photos = PhotoStore(folder)
    photos.open()
    visits = VisitStore(folder, photos)
    assert visits.open("reza") == []  # nothing quarantined: every file is whole
    return visits


def prepare(folder: Path) -> str:
    """One draft of reza's with an answer and a note, as the app left it before the save under test."""
    visits = open_visits(folder)
    local = visits.create(supplier_id="S1042", categories=["consumables.refractories"], template=GENERAL)
    visits.answer(local.id, "qms.iso9001", True)
    visits.note(local.id, "qms.iso9001", "certificate seen, valid to 2027")
    return local.id


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if TEMP_MARKER in p.name]


@pytest.mark.parametrize("step", ["none", *FILE_STEPS])
def test_an_answer_saved_while_the_app_is_killed_leaves_the_old_or_the_new_draft(tmp_path: Path, step: str) -> None:
    visit_id = prepare(tmp_path)
    result = run_child(tmp_path, "visit_answer", step)
    if step != "none":
        assert_killed(result)
    visits = open_visits(tmp_path)
    local = visits.get(visit_id)
    assert local is not None
    new = step in ("none", "replaced", "dir_synced")
    assert local.visit.answers["qms.iso9001"] is (not new)  # the new answer is False
    assert local.visit.notes == {"qms.iso9001": "certificate seen, valid to 2027"}  # nothing else lost
    assert local.rev == (4 if new else 3)
    assert no_temp_files(tmp_path)


# attaching a photo writes three files: the photo (1), its thumbnail (2), then the draft (3)
@pytest.mark.parametrize("occurrence", [1, 2, 3], ids=["photo", "thumbnail", "draft"])
@pytest.mark.parametrize("step", FILE_STEPS)
def test_a_photo_attached_while_the_app_is_killed_is_named_and_whole_or_not_named(
    tmp_path: Path, step: str, occurrence: int
) -> None:
    visit_id = prepare(tmp_path)
    assert_killed(run_child(tmp_path, "visit_photo", step, occurrence))
    visits = open_visits(tmp_path)
    local = visits.get(visit_id)
    assert local is not None
    named = [p.sha256 for p in local.visit.photos]
    if occurrence == 3 and step in ("replaced", "dir_synced"):
        assert named == [PHOTO.sha256]
        assert local.visit.answers["insp.report_photo"] == [PHOTO.sha256]
    else:
        assert named == []
    for sha in named:
        assert visits.photos.read(sha) == PHOTO.data  # a named photo is always there, whole
    assert local.visit.answers["qms.iso9001"] is True
    assert no_temp_files(tmp_path)
