"""The need workflow as data, the need and answer records, and who may see and write them."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from models.access import WriteRefused, answer_visible, check_answer_write, check_need_write, need_visible
from models.needs import (
    PUBLIC_STATUSES,
    STATUS_ORDER,
    TRANSITIONS,
    Answer,
    MoveRefused,
    Need,
    NeedStatus,
    allowed_moves,
    check_move,
)
from models.orgs import Role, Viewer

MOBARAKEH = "E100000001959"
ESFAHAN = "E100001010254"


def need(**overrides: Any) -> dict[str, Any]:
    data = {
        "id": "N2031",
        "plant_id": "P100000120584",
        "producer_org": MOBARAKEH,
        "item_fa": "آجر منیزیا-کربن",
        "category": "consumables.refractories.shaped",
        "status": "open",
    }
    return data | overrides


def test_workflow_runs_forward_from_open_to_closed() -> None:
    for current, following in itertools.pairwise(STATUS_ORDER):
        check_move(current, following)


@pytest.mark.parametrize(
    ("current", "target"),
    [("open", "prototype"), ("published", "approved_source"), ("approved_source", "trial"), ("closed", "matched")],
)
def test_workflow_refuses_skipping_steps(current: str, target: str) -> None:
    with pytest.raises(MoveRefused) as refused:
        check_move(NeedStatus(current), NeedStatus(target))

    assert refused.value.code == "status_move_not_allowed"


def test_every_status_can_close_and_a_closed_need_reopens() -> None:
    assert all(NeedStatus.CLOSED in TRANSITIONS[s] for s in STATUS_ORDER if s is not NeedStatus.CLOSED)
    assert allowed_moves(NeedStatus.CLOSED) == [NeedStatus.OPEN]


def test_a_new_need_starts_open_or_published() -> None:
    check_move(None, NeedStatus.OPEN)
    check_move(None, NeedStatus.PUBLISHED)
    with pytest.raises(MoveRefused):
        check_move(None, NeedStatus.TRIAL)


def test_published_means_published_or_later() -> None:
    assert {s.value for s in PUBLIC_STATUSES} == {
        "published",
        "matched",
        "prototype",
        "trial",
        "approved_source",
        "closed",
    }


def test_need_record_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="unit"):
        Need.model_validate(need(annual_qty=12))
    with pytest.raises(ValueError, match="alpha-2"):
        Need.model_validate(need(origin_country="XX"))
    with pytest.raises(ValueError, match="demo"):
        Need.model_validate(need(origin="demo"))

    assert Need.model_validate(need(annual_qty=12, unit="t", origin_country="AT")).unit == "t"


def test_answer_id_is_need_and_supplier() -> None:
    answer = Answer(need_id="N2031", supplier_id="S1042", producer_org=MOBARAKEH, plant_id="P100000120584")

    assert answer.id == "N2031:S1042"


# ---- who sees what ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("viewer", "status", "seen"),
    [
        (Viewer(role=Role.MEMBER, org_id=MOBARAKEH), "open", True),  # their own organisation's
        (Viewer(role=Role.MEMBER, org_id=ESFAHAN), "open", False),  # another producer's
        (Viewer(role=Role.SUPPLIER, org_id="S1042"), "open", False),
        (Viewer(role=Role.FIELD_STAFF, org_id="association"), "open", False),
        (Viewer(role=Role.ADMIN, org_id="association"), "open", True),
        (Viewer(role=Role.MEMBER), "open", False),  # an account without an organisation
        (Viewer(role=Role.SUPPLIER, org_id="S1042"), "published", True),
        (Viewer(role=Role.MEMBER, org_id=ESFAHAN), "trial", True),
        (Viewer(role=Role.REVIEWER, org_id="association"), "closed", True),
    ],
)
def test_need_visibility(viewer: Viewer, status: str, seen: bool) -> None:
    assert need_visible(viewer, need(status=status)) is seen


def test_answers_are_seen_by_their_supplier_and_the_needs_producer_only() -> None:
    answer = {"need_id": "N2031", "supplier_id": "S1042", "producer_org": MOBARAKEH}

    assert answer_visible(Viewer(role=Role.SUPPLIER, org_id="S1042"), answer)
    assert not answer_visible(Viewer(role=Role.SUPPLIER, org_id="S1043"), answer)
    assert answer_visible(Viewer(role=Role.MEMBER, org_id=MOBARAKEH), answer)
    assert not answer_visible(Viewer(role=Role.MEMBER, org_id=ESFAHAN), answer)
    assert answer_visible(Viewer(role=Role.ADMIN, org_id="association"), answer)
    assert not answer_visible(Viewer(role=Role.FIELD_STAFF, org_id="association"), answer)


# ---- who writes what (the rules the write path will enforce) -----------------------------------------
def test_member_writes_needs_only_for_plants_their_organisation_owns() -> None:
    member = Viewer(role=Role.MEMBER, org_id=MOBARAKEH)
    check_need_write(member, stored=None, incoming=need(), plant_orgs=[MOBARAKEH, "E100000000547"])

    with pytest.raises(WriteRefused) as other_plant:
        check_need_write(member, stored=None, incoming=need(plant_id="P100000120580"), plant_orgs=[ESFAHAN])
    with pytest.raises(WriteRefused) as other_org:
        check_need_write(member, stored=None, incoming=need(producer_org=ESFAHAN), plant_orgs=[ESFAHAN, MOBARAKEH])

    assert other_plant.value.code == "plant_not_owned"
    assert other_org.value.code == "not_your_organisation"


def test_need_write_follows_the_workflow_and_roles() -> None:
    member = Viewer(role=Role.MEMBER, org_id=MOBARAKEH)
    with pytest.raises(WriteRefused) as skipped:
        check_need_write(member, stored=need(), incoming=need(status="trial"), plant_orgs=[MOBARAKEH])
    with pytest.raises(WriteRefused) as supplier:
        check_need_write(
            Viewer(role=Role.SUPPLIER, org_id="S1042"), stored=None, incoming=need(), plant_orgs=[MOBARAKEH]
        )

    assert skipped.value.code == "status_move_not_allowed"
    assert supplier.value.code == "role_may_not_write"


def test_only_suppliers_answer_published_needs_and_only_the_producer_replies() -> None:
    supplier = Viewer(role=Role.SUPPLIER, org_id="S1042")
    check_answer_write(supplier, need=need(status="published"), stored=None, side="offer")
    with pytest.raises(WriteRefused) as unpublished:
        check_answer_write(supplier, need=need(status="open"), stored=None, side="offer")
    stored = {"supplier_id": "S1042", "producer_org": MOBARAKEH}
    check_answer_write(
        Viewer(role=Role.MEMBER, org_id=MOBARAKEH), need=need(status="matched"), stored=stored, side="reply"
    )
    with pytest.raises(WriteRefused) as other_producer:
        check_answer_write(
            Viewer(role=Role.MEMBER, org_id=ESFAHAN), need=need(status="matched"), stored=stored, side="reply"
        )

    assert unpublished.value.code == "no_such_need"
    assert other_producer.value.code == "not_your_organisation"
