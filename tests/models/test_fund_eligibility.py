"""Which calls a supplier may apply to, the reasons for the others, and a guarantee's deposit and fee."""

from __future__ import annotations

import datetime as dt

import pytest

from models.fund_eligibility import (
    call_eligibility,
    eligible_calls,
    guarantee_estimate,
    supplier_reasons,
)
from models.fund_programmes import GuaranteeSecurity, ProgrammeStatus
from models.fund_words import reason_text
from models.suppliers import Certificate, Qualification, QualificationState
from tests.fund_factories import BN, NOW, make_call, make_guarantee_programme, make_programme, make_supplier

DAY = NOW.date()


def codes(reasons: list) -> list[str]:  # type: ignore[type-arg]
    return [r.code for r in reasons]


def test_a_knowledge_based_approved_supplier_with_a_valid_certificate_may_apply() -> None:
    seen = call_eligibility(make_call(), make_programme(), make_supplier(), NOW)
    assert seen.eligible and seen.reasons == ()
    assert seen.priority  # it makes refractories, a priority of the programme


def test_a_firm_that_is_not_knowledge_based_is_told_so() -> None:
    reasons = supplier_reasons(make_programme(), make_supplier(knowledge_based=False), DAY)
    assert codes(reasons) == ["not_knowledge_based"]


def test_a_lapsed_approval_reads_as_expired_with_its_date() -> None:
    lapsed = Qualification(
        category="consumables.refractories", state=QualificationState.APPROVED, expires=dt.date(2026, 10, 1)
    )
    reasons = supplier_reasons(make_programme(), make_supplier(qualifications=(lapsed,)), DAY)
    assert codes(reasons) == ["qualification_expired"]
    assert reasons[0].params == {"category": "consumables.refractories", "expired_on": "2026-10-01"}


def test_a_standing_below_the_programmes_minimum_names_it() -> None:
    visited = Qualification(category="consumables.refractories.shaped", state=QualificationState.VISITED)
    reasons = supplier_reasons(make_programme(), make_supplier(qualifications=(visited,)), DAY)
    assert codes(reasons) == ["qualification_too_low"]
    assert reasons[0].params["state"] == "visited" and reasons[0].params["required"] == "conditional"


def test_a_qualification_in_another_field_does_not_count() -> None:
    other = Qualification(category="mechanical.rolls", state=QualificationState.APPROVED)
    reasons = supplier_reasons(make_programme(), make_supplier(qualifications=(other,)), DAY)
    assert codes(reasons) == ["qualification_missing"]


def test_a_suspended_supplier_never_qualifies() -> None:
    suspended = Qualification(category="consumables.refractories", state=QualificationState.SUSPENDED)
    reasons = supplier_reasons(make_programme(), make_supplier(qualifications=(suspended,)), DAY)
    assert codes(reasons) == ["qualification_too_low"]


def test_certificates_missing_or_expired_are_told_apart() -> None:
    expired = Certificate(scheme="ISO 9001", valid_to=dt.date(2026, 6, 30))
    assert codes(supplier_reasons(make_programme(), make_supplier(certificates=()), DAY)) == ["certificate_missing"]
    reasons = supplier_reasons(make_programme(), make_supplier(certificates=(expired,)), DAY)
    assert codes(reasons) == ["certificate_expired"]
    assert reasons[0].params == {"scheme": "ISO 9001", "valid_to": "2026-06-30"}


def test_a_supplier_outside_the_programmes_fields_is_told_which_they_are() -> None:
    reasons = supplier_reasons(make_programme(), make_supplier(categories=("mechanical.rolls",)), DAY)
    assert "category_outside" in codes(reasons)


def test_a_maker_of_refractories_in_general_counts_for_shaped_refractories() -> None:
    programme = make_programme(
        eligibility=make_programme().eligibility.model_copy(update={"categories": ("consumables.refractories.shaped",)})
    )
    general = make_supplier(categories=("consumables.refractories",))
    assert supplier_reasons(programme, general, DAY) == []


def test_calls_not_yet_open_or_closed_say_when() -> None:
    upcoming = make_call(opens_at=NOW + dt.timedelta(days=3))
    closed = make_call(closes_at=NOW - dt.timedelta(days=1), opens_at=NOW - dt.timedelta(days=60), grace_minutes=0)
    seen_upcoming = call_eligibility(upcoming, make_programme(), make_supplier(), NOW)
    seen_closed = call_eligibility(closed, make_programme(), make_supplier(), NOW)
    assert seen_upcoming.reason_codes == ["call_upcoming"]
    assert seen_upcoming.reasons[0].params["opens_at"] == upcoming.opens_at.isoformat()
    assert seen_closed.reason_codes == ["call_closed"]


def test_a_suspended_programme_and_a_used_up_application_limit_are_reasons_too() -> None:
    seen = call_eligibility(
        make_call(), make_programme(status=ProgrammeStatus.SUSPENDED), make_supplier(), NOW, applications=1
    )
    assert seen.reason_codes == ["programme_not_active", "application_limit"]


def test_eligible_calls_come_first_priority_ones_before_others_and_closed_calls_are_left_out() -> None:
    programme = make_programme()
    other = make_programme(id="FP-T9", priority_categories=())
    open_priority = make_call(id="FC-A", closes_at=NOW + dt.timedelta(days=20))
    open_plain = make_call(id="FC-B", programme_id="FP-T9", closes_at=NOW + dt.timedelta(days=5))
    closed = make_call(
        id="FC-C", opens_at=NOW - dt.timedelta(days=60), closes_at=NOW - dt.timedelta(days=2), grace_minutes=0
    )
    ineligible = make_call(id="FC-D", closes_at=NOW + dt.timedelta(days=1))
    seen = eligible_calls(
        [closed, ineligible, open_plain, open_priority],
        {"FP-T1": programme, "FP-T9": other},
        make_supplier(),
        NOW,
        {"FC-D": 1},
    )
    assert [s.call.id for s in seen] == ["FC-A", "FC-B", "FC-D"]
    assert [s.eligible for s in seen] == [True, True, False]


def test_a_guarantee_with_a_cash_deposit_costs_two_to_ten_percent_down_and_half_a_percent_a_year() -> None:
    estimate = guarantee_estimate(make_guarantee_programme(), 20 * BN, 18)
    assert (estimate.deposit_min_irr, estimate.deposit_max_irr) == (4 * BN // 10, 2 * BN)
    assert estimate.fee_periods == 2  # 18 months: two started years
    assert estimate.fee_irr == 2 * (20 * BN * 5 // 1000)


def test_a_guarantee_against_a_note_has_no_deposit_and_a_two_percent_fee() -> None:
    estimate = guarantee_estimate(make_guarantee_programme(), 20 * BN, 12, GuaranteeSecurity.NOTE)
    assert (estimate.deposit_min_irr, estimate.deposit_max_irr) == (0, 0)
    assert estimate.fee_irr == 20 * BN * 2 // 100


def test_only_a_guarantee_programme_has_an_estimate() -> None:
    with pytest.raises(ValueError, match="not a guarantee programme"):
        guarantee_estimate(make_programme(), BN, 12)


def test_every_eligibility_reason_has_words_in_both_languages() -> None:
    reason = supplier_reasons(make_programme(), make_supplier(certificates=()), DAY)[0]
    assert reason_text(reason.code, reason.params, "fa") == "گواهی معتبر ISO ۹۰۰۱ لازم است"
    assert reason_text(reason.code, reason.params, "en") == "A valid ISO 9001 certificate is required"
    closed = reason_text("call_closed", {"closes_at": "2027-02-05T23:59:00+03:30"}, "fa")
    assert closed == "مهلت فراخوان ۱۴۰۵/۱۱/۱۶ به پایان رسید"
