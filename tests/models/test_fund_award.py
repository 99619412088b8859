"""A loan's repayment schedule with its grace months, repayments set against it, evidence limits, typed days."""

from __future__ import annotations

import datetime as dt

from models.fund_award import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    InstalmentState,
    add_months,
    evidence_problem,
    parse_day,
    schedule,
)
from models.fund_records import Agreement
from tests.fund_factories import BN

START = dt.date(2027, 1, 15)


def agreement(**fields: object) -> Agreement:
    values: dict[str, object] = {
        "contract_no": "SF-C-1",
        "amount_irr": 12 * BN,
        "rate_pct": 12.0,
        "term_months": 24,
        "grace_months": 6,
        "start_date": START,
        "signed_on": START,
    }
    values.update(fields)
    return Agreement.model_validate(values)


def test_the_grace_months_ask_only_for_interest_then_instalments_repay_the_principal_within_the_term() -> None:
    plan = schedule(agreement())
    assert plan is not None
    grace = [i for i in plan.instalments if i.in_grace]
    after = [i for i in plan.instalments if not i.in_grace]
    assert len(grace) == 6 and len(after) == 18 and len(plan.instalments) == 24
    assert all(i.principal_irr == 0 and i.interest_irr == round(12 * BN * 0.01) for i in grace)
    assert sum(i.principal_irr for i in after) == 12 * BN  # the principal, to the rial
    assert after[-1].balance_irr == 0
    amounts = {i.amount_irr for i in after[:-1]}
    assert max(amounts) - min(amounts) <= 1  # an annuity: equal instalments, but for rounding
    assert plan.instalments[0].due_on == dt.date(2027, 2, 15) and plan.instalments[-1].due_on == dt.date(2029, 1, 15)


def test_an_interest_free_loan_is_repaid_in_equal_parts_with_no_interest() -> None:
    plan = schedule(agreement(rate_pct=0.0, grace_months=0, term_months=12, amount_irr=1_000_000_007))
    assert plan is not None
    assert plan.interest_irr == 0 and plan.total_irr == 1_000_000_007
    assert {i.principal_irr for i in plan.instalments[:-1]} == {83_333_333}


def test_repayments_are_set_against_the_oldest_instalments_and_the_unpaid_past_ones_are_overdue() -> None:
    first = schedule(agreement())
    assert first is not None
    two_and_a_bit = first.instalments[0].amount_irr * 2 + 5
    plan = schedule(agreement(), repaid_irr=two_and_a_bit, today=dt.date(2027, 5, 1))
    assert plan is not None
    states = [i.state for i in plan.instalments[:5]]
    assert states == [
        InstalmentState.PAID,
        InstalmentState.PAID,
        InstalmentState.OVERDUE,
        InstalmentState.DUE,
        InstalmentState.DUE,
    ]
    assert plan.instalments[2].paid_irr == 5
    assert plan.overdue_irr == first.instalments[2].amount_irr - 5
    next_one = plan.next_due()
    assert next_one is not None and next_one.number == 3


def test_no_schedule_without_a_term_and_grace_never_eats_the_whole_term() -> None:
    assert schedule(agreement(term_months=None)) is None
    plan = schedule(agreement(term_months=3, grace_months=6))
    assert plan is not None and sum(1 for i in plan.instalments if not i.in_grace) == 1


def test_a_month_later_is_the_months_last_day_when_it_is_short() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


def test_evidence_is_refused_by_type_size_and_count_before_it_is_taken() -> None:
    assert evidence_problem("application/pdf", 1000, 0) is None
    assert evidence_problem("application/zip", 1000, 0) == (
        "file_type",
        {"allowed": ["application/pdf", "image/jpeg", "image/png"]},
    )
    assert evidence_problem("image/png", EVIDENCE_MAX_BYTES + 1, 0) == (
        "file_too_large",
        {"max_bytes": EVIDENCE_MAX_BYTES},
    )
    assert evidence_problem("image/png", 10, EVIDENCE_MAX_FILES) == (
        "too_many_files",
        {"max_files": EVIDENCE_MAX_FILES},
    )


def test_a_day_is_read_in_jalali_or_gregorian_in_either_scripts_digits() -> None:
    assert parse_day("۱۴۰۵/۱۰/۲۵") == dt.date(2027, 1, 15)
    assert parse_day("2027-01-15") == dt.date(2027, 1, 15)
    assert parse_day("1405-10-25") == dt.date(2027, 1, 15)
    assert parse_day("1405/13/01") is None and parse_day("soon") is None and parse_day("") is None
