"""Corrections from the field: what may be corrected, how an accepted one changes a record, and who decides."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from models.atlas import Mine, Plant
from models.corrections import (
    Correction,
    CorrectionRefused,
    TargetKind,
    apply_correction,
    check_correction_write,
    correction_visible,
)
from models.enums import Status
from models.orgs import Role, Viewer
from models.suppliers import Supplier
from tests.factories import make_mine, make_plant

ID = "7a1c0000-0000-4000-8000-000000000001"
ACCEPTED_AT = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)


def correction(kind: str, target: str, field: str, value: Any, **overrides: Any) -> Correction:
    data: dict[str, Any] = {
        "id": ID, "target_kind": kind, "target_id": target, "field": field, "value": value,
        "state": "accepted", "proposed_by": "reza", "decided_at": ACCEPTED_AT,
    }  # fmt: skip
    data.update(overrides)
    return Correction.model_validate(data)


def test_a_plant_moved_to_where_the_field_found_it_names_the_correction_as_the_source() -> None:
    plant = make_plant(1)
    fixed = Plant.model_validate(
        apply_correction(TargetKind.PLANT, plant.model_dump(mode="json"),
                         correction("plant", plant.id, "location", {"lat": 32.41, "lon": 51.55}))
    )  # fmt: skip
    assert fixed.place.point is not None
    assert (fixed.place.point.lat, fixed.place.point.lon, fixed.place.point.accuracy.value) == (32.41, 51.55, "exact")
    assert fixed.place.province == plant.place.province
    assert [(c.field, c.correction_id, c.proposed_by, c.accepted_on) for c in fixed.corrected] == [
        ("location", ID, "reza", dt.date(2026, 12, 5))
    ]


def test_a_closed_plant_has_every_unit_retired_and_a_mine_its_status() -> None:
    plant = make_plant(1)
    closed = Plant.model_validate(
        apply_correction(
            TargetKind.PLANT, plant.model_dump(mode="json"), correction("plant", plant.id, "status", "retired")
        )
    )
    assert {c.status for c in closed.capacities} == {Status.RETIRED}
    mine = make_mine(1)
    idle = Mine.model_validate(
        apply_correction(
            TargetKind.MINE, mine.model_dump(mode="json"), correction("mine", mine.id, "status", "mothballed")
        )
    )
    assert idle.status is Status.MOTHBALLED


def test_a_supplier_phone_and_site_are_corrected() -> None:
    supplier = Supplier(id="S1042", name_fa="نسوز سپاهان", lat=32.6, lon=51.3)
    data = apply_correction(
        TargetKind.SUPPLIER,
        supplier.model_dump(mode="json"),
        correction("supplier", "S1042", "phone", "+98 31 3333 4444"),
    )
    data = apply_correction(
        TargetKind.SUPPLIER,
        data,
        correction("supplier", "S1042", "location", {"lat": 32.65, "lon": 51.37}, id=ID[:-1] + "2"),
    )
    fixed = Supplier.model_validate(data)
    assert (fixed.phone, fixed.lat, fixed.lon) == ("+98 31 3333 4444", 32.65, 51.37)
    assert [c.field for c in fixed.corrected] == ["phone", "location"]


def test_applying_a_correction_again_gives_the_same_record() -> None:
    plant = make_plant(1).model_dump(mode="json")
    fix = correction("plant", "P900000000001", "name_fa", "فولاد آزمایشی یک")
    once = apply_correction(TargetKind.PLANT, plant, fix)
    assert apply_correction(TargetKind.PLANT, once, fix) == once


def test_a_field_not_corrected_on_that_kind_and_a_bad_value_are_refused() -> None:
    with pytest.raises(ValidationError, match="not corrected from the field"):
        correction("supplier", "S1042", "workforce", 120)
    with pytest.raises(ValidationError, match="not a status"):
        correction("mine", "P800000000001", "status", "closed for good")
    with pytest.raises(ValidationError, match="not a valid email"):
        correction("supplier", "S1042", "email", "info at example")
    with pytest.raises(ValidationError, match="lat"):
        correction("plant", "P900000000001", "location", {"lat": 51.3, "lon": 32.6})  # swapped: outside Iran


# ---- who writes and decides ---------------------------------------------------------------------------
MEMBER = Viewer(role=Role.MEMBER, org_id="E100000001959", username="ali")
ADMIN = Viewer(role=Role.ADMIN, org_id="association", username="boss")


def refusal(viewer: Viewer, stored: dict[str, Any] | None, data: dict[str, Any]) -> str | None:
    try:
        check_correction_write(viewer, stored=stored, data=data)
    except CorrectionRefused as error:
        return error.code
    return None


def test_anyone_proposes_the_proposer_withdraws_and_only_an_admin_decides() -> None:
    proposed = {"state": "proposed", "proposed_by": "ali"}
    assert refusal(MEMBER, None, {"state": "proposed", "field": "phone"}) is None
    assert (
        refusal(
            Viewer(role=Role.SUPPLIER, org_id="S1042", username="s1"), None, {"state": "proposed", "field": "phone"}
        )
        is None
    )
    assert refusal(MEMBER, None, {"state": "accepted", "field": "phone"}) == "state_set_by_admin"
    assert refusal(MEMBER, proposed, {"state": "withdrawn", "field": "phone"}) is None
    other = Viewer(role=Role.MEMBER, org_id="E100000001959", username="mina")
    assert refusal(other, proposed, {"state": "proposed", "field": "phone"}) == "not_your_correction"
    assert refusal(MEMBER, proposed, {"state": "accepted"}) == "role_may_not_decide"
    assert refusal(ADMIN, proposed, {"state": "accepted", "decision_note": "checked"}) is None
    assert refusal(ADMIN, {"state": "accepted"}, {"state": "declined"}) == "correction_closed"


def test_a_proposer_sees_their_own_corrections_and_the_association_sees_all() -> None:
    record = {"proposed_by": "ali"}
    assert correction_visible(MEMBER, record)
    assert not correction_visible(Viewer(role=Role.MEMBER, org_id="E100000001959", username="mina"), record)
    assert correction_visible(ADMIN, record)
    assert correction_visible(Viewer(role=Role.FIELD_STAFF, org_id="association", username="reza"), record)
