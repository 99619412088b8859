"""Field visits: what a submitted visit must hold, the location check, and who may see and write one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from models.checklists import ChecklistTemplate, QuestionKind
from models.orgs import Role, Viewer
from models.photos import ImageFormat, sniff_format
from models.strict import RecordProblems, validate_strictly
from models.suppliers import Supplier
from models.visits import (
    LocationSource,
    Visit,
    VisitLocation,
    VisitRefused,
    answered_count,
    check_location,
    check_visit_write,
    new_visit_id,
    submission_problems,
    visit_visible,
)

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "checklists"
GENERAL = ChecklistTemplate.model_validate(json.loads((ASSETS / "general-supplier-audit.v1.json").read_text("utf-8")))
PHOTO_A, PHOTO_B, PHOTO_C = "a" * 64, "b" * 64, "c" * 64
SITE = Supplier(id="S1042", name_fa="نسوز سپاهان", lat=32.6342, lon=51.3668, categories=("consumables.refractories",))


def complete_answers() -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for _, q in GENERAL.questions():
        if q.show_if is not None:
            continue
        if q.kind is QuestionKind.CHOICE:
            answers[q.id] = q.options[0].id
        elif q.kind is QuestionKind.PHOTO:
            answers[q.id] = [PHOTO_A, PHOTO_B][: q.min_photos]
        else:
            kinds = {QuestionKind.YES_NO: q.good, QuestionKind.SCORE: 3, QuestionKind.NUMBER: 95}
            answers[q.id] = kinds.get(q.kind, "seen")
    answers["qms.iso9001_scope"] = True
    return answers


def photo(sha: str) -> dict[str, Any]:
    return {"sha256": sha, "width": 2048, "height": 1536, "bytes": 400_000}


def make_visit(**overrides: Any) -> Visit:
    data: dict[str, Any] = {
        "id": new_visit_id(),
        "supplier_id": "S1042",
        "categories": ["consumables.refractories.shaped"],
        "template_id": "general-supplier-audit",
        "template_version": 1,
        "visited_on": "2026-12-03",
        "answers": complete_answers(),
        "photos": [photo(PHOTO_A), photo(PHOTO_B)],
        "location": {"lat": 32.6342, "lon": 51.3668, "accuracy_m": 12, "source": "device"},
        "proposal": {"outcome": "approved", "reasons": "every section passed"},
        "state": "submitted",
    }
    data.update(overrides)
    return Visit.model_validate(data)


# ---- what a submitted visit must hold -----------------------------------------------------------------------
def test_a_complete_visit_may_be_submitted() -> None:
    assert submission_problems(make_visit(), GENERAL) == []


def test_a_visit_without_date_location_or_proposal_names_each_missing_part() -> None:
    visit = make_visit(visited_on=None, location=None, proposal=None)
    assert {p.text() for p in submission_problems(visit, GENERAL)} == {
        "visited_on: required",
        "location: required",
        "proposal: required",
    }


def test_a_required_question_left_open_and_an_answer_to_no_question_are_problems() -> None:
    answers = complete_answers()
    del answers["insp.final"]
    answers["no.such"] = True
    codes = {p.text() for p in submission_problems(make_visit(answers=answers), GENERAL)}
    assert codes == {"answers.insp.final: required", "answers.no.such: not_a_question"}


def test_a_conditional_proposal_needs_its_conditions_and_their_date() -> None:
    visit = make_visit(proposal={"outcome": "conditional", "reasons": "calibration lapsed"})
    assert {p.text() for p in submission_problems(visit, GENERAL)} == {
        "proposal.conditions: required",
        "proposal.conditions_due: required",
    }


def test_a_photo_answer_must_name_photos_of_the_visit() -> None:
    visit = make_visit(photos=[photo(PHOTO_B)])  # PHOTO_A answers the photo questions but is not listed
    assert "answers.prod.line_photos: photo_not_listed" in {p.text() for p in submission_problems(visit, GENERAL)}


def test_the_visit_names_each_photo_once_from_its_list_answers_and_findings() -> None:
    visit = make_visit(
        photos=[photo(PHOTO_A), photo(PHOTO_B), photo(PHOTO_C)],
        findings=[{"id": "f1", "severity": "minor", "text": "worn press", "photos": [PHOTO_C, PHOTO_A]}],
    )
    assert visit.photo_hashes() == [PHOTO_A, PHOTO_B, PHOTO_C]


def test_answered_count_counts_the_questions_asked() -> None:
    answered, asked = answered_count(make_visit(), GENERAL)
    unconditional = len([q for _, q in GENERAL.questions() if q.show_if is None])
    assert asked == unconditional + 2  # the certificate's scope (ISO yes) and the lab's accreditation (a lab)
    assert answered == len(complete_answers())


# ---- the location check -------------------------------------------------------------------------------------
def location(lat: float, accuracy_m: float | None) -> VisitLocation:
    return VisitLocation(lat=lat, lon=51.3668, accuracy_m=accuracy_m, source=LocationSource.DEVICE)


def test_a_visit_at_the_site_is_not_flagged() -> None:
    check = check_location(location(32.6342, 10), SITE)
    assert check.distance_km == pytest.approx(0.0)
    assert not check.far


def test_a_visit_five_km_away_is_flagged_unless_its_accuracy_covers_the_gap() -> None:
    # 0.05° of latitude is 5.56 km (6371 km × 0.05 × π / 180)
    sharp = check_location(location(32.6842, 20), SITE)
    assert sharp.distance_km == pytest.approx(5.56, abs=0.01)
    assert sharp.far
    vague = check_location(location(32.6842, 3000), SITE)  # 5.56 − 3 km = 2.56 km: within 3 km
    assert not vague.far


def test_no_distance_without_a_recorded_site() -> None:
    check = check_location(location(32.6842, 20), SITE.model_copy(update={"lat": None, "lon": None}))
    assert not check.known
    assert not check.far


# ---- who may see and write ---------------------------------------------------------------------------------
AUTHOR = Viewer(role=Role.FIELD_STAFF, org_id="association", username="reza")
COLLEAGUE = Viewer(role=Role.FIELD_STAFF, org_id="association", username="sara")
ADMIN = Viewer(role=Role.ADMIN, org_id="association", username="boss")


@pytest.mark.parametrize(
    ("viewer", "state", "seen"),
    [
        (AUTHOR, "draft", True),
        (COLLEAGUE, "draft", False),
        (ADMIN, "draft", True),
        (AUTHOR, "submitted", True),
        (COLLEAGUE, "submitted", True),
        (COLLEAGUE, "decided", True),
        (Viewer(role=Role.SUPPLIER, org_id="S1042"), "decided", False),  # its own: through decisions only
        (Viewer(role=Role.MEMBER, org_id="E100000001959"), "submitted", False),
        (Viewer(role=Role.REVIEWER, org_id="association"), "submitted", False),
    ],
)
def test_who_sees_a_visit(viewer: Viewer, state: str, seen: bool) -> None:
    assert visit_visible(viewer, {"author": "reza", "state": state, "supplier_id": "S1042"}) is seen


def refused(viewer: Viewer, stored: dict[str, Any] | None, state: str | None, delete: bool = False) -> str | None:
    try:
        check_visit_write(viewer, stored=stored, incoming_state=state, delete=delete)
    except VisitRefused as error:
        return error.code
    return None


def test_only_field_staff_create_visits() -> None:
    assert refused(AUTHOR, None, "draft") is None
    assert refused(ADMIN, None, "draft") == "role_may_not_write"
    assert refused(Viewer(role=Role.SUPPLIER, org_id="S1042"), None, "draft") == "role_may_not_write"


def test_only_the_author_edits_a_draft_and_nobody_a_sealed_visit() -> None:
    draft = {"author": "reza", "state": "draft"}
    assert refused(AUTHOR, draft, "submitted") is None
    assert refused(COLLEAGUE, draft, "draft") == "not_your_visit"
    assert refused(AUTHOR, {"author": "reza", "state": "submitted"}, "submitted") == "visit_sealed"
    assert refused(AUTHOR, {"author": "reza", "state": "submitted"}, None, delete=True) == "visit_sealed"
    assert refused(AUTHOR, draft, None, delete=True) is None


def test_an_author_cannot_decide_their_own_visit() -> None:
    assert refused(AUTHOR, None, "decided") == "state_set_by_server"


# ---- pushed data -------------------------------------------------------------------------------------------
def test_a_pushed_visit_with_a_field_the_model_does_not_know_is_refused_naming_it() -> None:
    data = make_visit().model_dump(mode="json") | {"colour": "red"}
    data["location"] |= {"altitude": 1500}
    with pytest.raises(RecordProblems) as caught:
        validate_strictly(Visit, data, free_keys=("answers", "notes", "scores"))
    assert {p["field"] for p in caught.value.problems} == {"colour", "location.altitude"}


def test_photo_format_is_read_from_the_bytes_not_the_name() -> None:
    assert sniff_format(b"\xff\xd8\xff\xe0\x00\x10JFIF") is ImageFormat.JPEG
    assert sniff_format(b"\x89PNG\r\n\x1a\n\x00") is ImageFormat.PNG
    assert sniff_format(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is ImageFormat.WEBP
    assert sniff_format(b"\x00\x00\x00\x18ftypheic\x00\x00") is ImageFormat.HEIC
    assert sniff_format(b"%PDF-1.7") is None


def test_visits_before_the_decision_need_no_decision_fields() -> None:
    visit = make_visit()
    assert visit.decision_outcome is None
    assert visit.visited_on == dt.date(2026, 12, 3)
