"""Qualification decisions: terms, the standing they set with its history, and what the matching makes of it."""

from __future__ import annotations

import datetime as dt

import pytest

from models.matching import QUALIFICATION_POINTS, match_supplier
from models.needs import Need
from models.orgs import Role, Viewer
from models.qualification import (
    DecisionOutcome,
    DecisionPart,
    add_months,
    apply_decision,
    decide,
    decision_visible,
    due_for_revisit,
    mark_visited,
    term_end,
)
from models.suppliers import Qualification, QualificationState, Supplier

VISIT = "5d0e8f3a-0b1c-4d2e-9f00-000000000001"
NOW = dt.datetime(2026, 3, 21, 9, 30, tzinfo=dt.UTC)
CATEGORY = "consumables.refractories.shaped"


def supplier(**overrides: object) -> Supplier:
    fields: dict[str, object] = {
        "id": "S1042", "name_fa": "صنایع نسوز سپاهان", "lat": 32.63, "lon": 51.37, "categories": (CATEGORY,),
    }  # fmt: skip
    fields.update(overrides)
    return Supplier.model_validate(fields)


def part(outcome: str, **overrides: object) -> DecisionPart:
    fields: dict[str, object] = {"outcome": outcome, "reasons": "as the visit found"}
    if outcome == "conditional":
        fields |= {"conditions": "calibrate the press gauges", "conditions_due": "2026-06-30"}
    fields.update(overrides)
    return DecisionPart.model_validate(fields)


def decided(outcome: str, **overrides: object):  # type: ignore[no-untyped-def]
    return decide(
        part(outcome, **overrides), visit_id=VISIT, supplier_id="S1042", visit_categories=[CATEGORY],
        decided_by="boss", now=NOW,
    )  # fmt: skip


# ---- terms ----------------------------------------------------------------------------------------------------
def test_months_are_added_to_the_calendar_and_clamped_to_the_month_end() -> None:
    assert add_months(dt.date(2026, 3, 21), 36) == dt.date(2029, 3, 21)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)


def test_an_approval_stands_three_years_and_a_conditional_one_six_months() -> None:
    assert term_end(DecisionOutcome.APPROVED, dt.date(2026, 3, 21)) == dt.date(2029, 3, 20)
    assert term_end(DecisionOutcome.CONDITIONAL, dt.date(2026, 3, 21)) == dt.date(2026, 9, 20)
    assert term_end(DecisionOutcome.REVISIT, dt.date(2026, 3, 21)) is None
    # a shorter term the admin sets wins; a longer one does not
    assert term_end(DecisionOutcome.APPROVED, dt.date(2026, 3, 21), dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)


def test_a_conditional_decision_without_conditions_cannot_be_made() -> None:
    with pytest.raises(ValueError, match="conditions"):
        DecisionPart.model_validate({"outcome": "conditional", "reasons": "x"})
    with pytest.raises(ValueError, match="only a conditional"):
        DecisionPart.model_validate({"outcome": "approved", "reasons": "x", "conditions": "none"})


def test_a_decision_covers_only_categories_of_the_visit() -> None:
    with pytest.raises(ValueError, match="not on the visit"):
        decided("approved", categories=["mechanical.rolls"])
    assert decided("approved").categories == (CATEGORY,)


# ---- standing and history ---------------------------------------------------------------------------------
def test_an_approval_sets_the_standing_for_its_term_and_records_the_change() -> None:
    after = apply_decision(supplier(), decided("approved"))
    q = after.qualification_for(CATEGORY)
    assert q is not None
    assert (q.state, q.since, q.expires, q.decided_by, q.visit_id) == (
        QualificationState.APPROVED, dt.date(2026, 3, 21), dt.date(2029, 3, 20), "boss", VISIT,
    )  # fmt: skip
    assert [(h.previous, h.state, h.visit_id) for h in after.history] == [
        (QualificationState.NONE, QualificationState.APPROVED, VISIT)
    ]


def test_each_change_of_standing_is_kept_in_order() -> None:
    first = apply_decision(supplier(), decided("conditional"))
    q = first.qualification_for(CATEGORY)
    assert q is not None and q.note == "calibrate the press gauges"
    later = decide(
        part("approved"), visit_id="5d0e8f3a-0b1c-4d2e-9f00-000000000002", supplier_id="S1042",
        visit_categories=[CATEGORY], decided_by="boss", now=NOW + dt.timedelta(days=150),
    )  # fmt: skip
    second = apply_decision(first, later)
    assert [(h.previous.value, h.state.value) for h in second.history] == [
        ("none", "conditional"),
        ("conditional", "approved"),
    ]


def test_a_lapsed_standing_is_recorded_as_expired_when_replaced() -> None:
    lapsed = supplier(
        qualifications=[Qualification(category=CATEGORY, state="approved", since="2020-01-01", expires="2023-01-01")]
    )
    after = apply_decision(lapsed, decided("rejected"))
    assert after.history[-1].previous is QualificationState.EXPIRED
    assert after.qualification_for(CATEGORY).state is QualificationState.REJECTED  # type: ignore[union-attr]


def test_a_revisit_request_changes_no_standing() -> None:
    before = supplier()
    assert apply_decision(before, decided("revisit")) == before


def test_a_submitted_visit_marks_unassessed_categories_visited_and_leaves_decided_ones() -> None:
    fresh = mark_visited(supplier(), visit_id=VISIT, categories=[CATEGORY], author="reza", day=dt.date(2026, 3, 1))
    assert fresh is not None
    assert fresh.qualification_for(CATEGORY).state is QualificationState.VISITED  # type: ignore[union-attr]
    approved = apply_decision(supplier(), decided("approved"))
    assert mark_visited(approved, visit_id=VISIT, categories=[CATEGORY], author="reza", day=dt.date(2027, 1, 1)) is None


# ---- the matching uses decisions at once ------------------------------------------------------------------------
def need() -> Need:
    return Need.model_validate(
        {"id": "N2031", "plant_id": "P100000120584", "producer_org": "E100000001959", "item_fa": "آجر پاتیل",
         "category": CATEGORY, "status": "published"}
    )  # fmt: skip


def qualification_points(s: Supplier, on: dt.date) -> float:
    match = match_supplier(need(), s, plant_point=None, on=on)
    assert match is not None
    return next(r.points for r in match.reasons if r.code in ("qualified", "not_qualified", "qualification_expired"))


def test_matching_counts_an_approval_until_it_lapses_and_then_as_expired() -> None:
    approved = apply_decision(supplier(), decided("approved"))
    assert qualification_points(supplier(), dt.date(2026, 4, 1)) == 0.0
    assert qualification_points(approved, dt.date(2026, 4, 1)) == QUALIFICATION_POINTS[QualificationState.APPROVED]
    assert qualification_points(approved, dt.date(2029, 3, 21)) == 0.0  # the day after the term


# ---- due for re-visit ---------------------------------------------------------------------------------------
def test_due_for_revisit_lists_lapsing_and_lapsed_standings_soonest_first() -> None:
    def standing(sid: str, state: str, expires: str) -> Supplier:
        return supplier(id=sid, qualifications=[Qualification(category=CATEGORY, state=state, expires=expires)])

    today = dt.date(2026, 6, 1)
    suppliers = [
        standing("S1", "approved", "2026-07-15"),  # 44 days left: due
        standing("S2", "approved", "2027-07-15"),  # a year left: not yet
        standing("S3", "conditional", "2026-05-01"),  # lapsed 31 days ago: due, first
        standing("S4", "rejected", "2026-06-10"),  # a rejection is not renewed
        standing("S5", "approved", "2020-01-01"),  # lapsed long ago: out of the list
    ]
    due = due_for_revisit(suppliers, today)
    assert [(d.supplier_id, d.days_left, d.state_today.value) for d in due] == [
        ("S3", -31, "expired"),
        ("S1", 44, "approved"),
    ]


def test_suppliers_see_their_own_decisions_and_members_none() -> None:
    record = {"supplier_id": "S1042"}
    assert decision_visible(Viewer(role=Role.SUPPLIER, org_id="S1042"), record)
    assert not decision_visible(Viewer(role=Role.SUPPLIER, org_id="S1043"), record)
    assert not decision_visible(Viewer(role=Role.MEMBER, org_id="E100000001959"), record)
    assert decision_visible(Viewer(role=Role.FIELD_STAFF, org_id="association"), record)
    assert decision_visible(Viewer(role=Role.ADMIN, org_id="association"), record)
