"""Issued guarantees flagged as their end comes near, by the window their programme sets (data, not code)."""

from __future__ import annotations

import datetime as dt

from models.fund_guarantees import DEFAULT_WARN_DAYS, expiring_guarantees
from models.fund_programmes import GuaranteeKind, GuaranteeSecurity, GuaranteeTerms, Instrument, Programme
from models.fund_records import Agreement, ApplicationRecord, IssuedGuarantee, Stage
from tests.fund_factories import BN, Desk, make_call, make_programme

TODAY = dt.date(2026, 12, 2)


def guarantee(ends: dt.date, kind: GuaranteeKind = GuaranteeKind.GOOD_PERFORMANCE) -> IssuedGuarantee:
    return IssuedGuarantee(kind=kind, beneficiary="فولاد مبارکه", amount_irr=2 * BN, months=12,
                           security=GuaranteeSecurity.CASH_DEPOSIT, deposit_irr=BN // 10, fee_irr=BN // 100,
                           expires_on=ends)  # fmt: skip


def with_guarantees(*ends: dt.date, stage: Stage = Stage.UNDER_WAY) -> ApplicationRecord:
    desk = Desk()
    desk.submit()
    agreement = Agreement(contract_no="SF-C-9", amount_irr=2 * BN, start_date=TODAY, signed_on=TODAY,
                          guarantees=[guarantee(e) for e in ends])  # fmt: skip
    return desk.record.model_copy(update={"agreement": agreement, "stage": stage})


def guarantee_programme(days: int) -> Programme:
    terms = GuaranteeTerms(kinds=(GuaranteeKind.GOOD_PERFORMANCE,), deposit_pct_min=2, deposit_pct_max=10,
                           fee_pct_with_deposit=0.5, fee_pct_with_note=2, warn_days_before_expiry=days)  # fmt: skip
    return make_programme(instrument=Instrument.GUARANTEE, guarantee=terms, rate_pct=None)


def test_a_guarantee_is_flagged_within_its_programmes_window_and_not_before() -> None:
    record = with_guarantees(TODAY + dt.timedelta(days=45), TODAY + dt.timedelta(days=60))
    call = make_call()
    found = expiring_guarantees([record], {call.id: call}, {call.programme_id: guarantee_programme(50)}, TODAY)
    assert [g.days_left for g in found] == [45]
    wider = expiring_guarantees([record], {call.id: call}, {call.programme_id: guarantee_programme(90)}, TODAY)
    assert [g.days_left for g in wider] == [45, 60]  # soonest first


def test_an_ended_guarantee_stays_flagged_while_the_project_runs_and_not_once_it_is_closed() -> None:
    ended = with_guarantees(TODAY - dt.timedelta(days=3))
    found = expiring_guarantees([ended], {}, {}, TODAY)
    assert len(found) == 1 and found[0].expired and found[0].days_left == -3
    closed = with_guarantees(TODAY - dt.timedelta(days=3), stage=Stage.COMPLETED)
    assert expiring_guarantees([closed], {}, {}, TODAY) == []


def test_without_its_programme_on_the_device_the_default_window_applies() -> None:
    record = with_guarantees(
        TODAY + dt.timedelta(days=DEFAULT_WARN_DAYS), TODAY + dt.timedelta(days=DEFAULT_WARN_DAYS + 1)
    )
    assert [g.days_left for g in expiring_guarantees([record], {}, {}, TODAY)] == [DEFAULT_WARN_DAYS]
