"""Programmes and calls: their rules as data, Tehran times, phases, and the demo set."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from models.demo import DemoPlant, demo_need
from models.fund_demo import PROGRAMMES, demo_calls, month_start
from models.fund_programmes import TEHRAN, Call, CallPhase, Instrument, call_phase, tehran_day_end
from models.needs import NeedStatus
from tests.fund_factories import NOW, make_call, make_guarantee_programme, make_need, make_programme


def test_a_guarantee_programme_needs_its_deposit_and_fee_terms() -> None:
    assert make_guarantee_programme().guarantee is not None
    with pytest.raises(ValidationError, match="guarantee terms"):
        make_programme(instrument=Instrument.GUARANTEE, rate_pct=None, term_months=None)


def test_a_loan_programme_needs_a_rate_and_a_term() -> None:
    with pytest.raises(ValidationError, match="rate range and a term"):
        make_programme(rate_pct=None)


def test_call_times_are_kept_in_tehran_time_whatever_offset_they_came_in() -> None:
    call = make_call(closes_at=dt.datetime(2026, 12, 31, 20, 29, tzinfo=dt.UTC))
    assert call.closes_at.utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert (call.closes_at.hour, call.closes_at.minute) == (23, 59)
    assert call.model_dump(mode="json")["closes_at"] == "2026-12-31T23:59:00+03:30"


def test_a_call_without_an_offset_is_refused() -> None:
    with pytest.raises(ValidationError, match="offset"):
        make_call(opens_at=dt.datetime(2026, 11, 1, 8, 0))


def test_a_call_closes_after_it_opens() -> None:
    with pytest.raises(ValidationError, match="closes after it opens"):
        make_call(closes_at=NOW - dt.timedelta(days=40))


def test_call_phases_around_the_deadline_and_its_grace() -> None:
    call = make_call(grace_minutes=60)
    assert call_phase(call, call.opens_at - dt.timedelta(seconds=1)) is CallPhase.UPCOMING
    assert call_phase(call, call.opens_at) is CallPhase.OPEN
    assert call_phase(call, call.closes_at) is CallPhase.OPEN
    assert call_phase(call, call.closes_at + dt.timedelta(minutes=1)) is CallPhase.GRACE
    assert call_phase(call, call.grace_ends_at) is CallPhase.GRACE
    assert call_phase(call, call.grace_ends_at + dt.timedelta(seconds=1)) is CallPhase.CLOSED


def test_a_days_deadline_is_one_minute_before_midnight_in_tehran() -> None:
    end = tehran_day_end(dt.date(2027, 2, 5))
    assert end == dt.datetime(2027, 2, 5, 23, 59, tzinfo=TEHRAN)


def test_demo_programmes_are_labelled_demo_and_cover_loans_guarantees_venture_and_grants() -> None:
    assert all(p.demo and p.origin.value == "demo" for p in PROGRAMMES)
    instruments = {p.instrument for p in PROGRAMMES}
    assert {Instrument.PREFERENTIAL_LOAN, Instrument.GUARANTEE, Instrument.VENTURE_INVESTMENT, Instrument.GRANT} <= (
        instruments
    )
    guarantee = next(p for p in PROGRAMMES if p.instrument is Instrument.GUARANTEE)
    assert guarantee.guarantee is not None
    assert (guarantee.guarantee.deposit_pct_min, guarantee.guarantee.deposit_pct_max) == (2, 10)
    assert (guarantee.guarantee.fee_pct_with_deposit, guarantee.guarantee.fee_pct_with_note) == (0.5, 2)


def test_demo_calls_show_every_phase_on_the_day_they_are_seeded() -> None:
    today = dt.date(2026, 12, 2)
    now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=TEHRAN)
    calls = demo_calls(today)
    phases = sorted(call_phase(c, now).value for c in calls)
    assert phases == ["closed", "open", "open", "upcoming"]
    assert all(c.demo for c in calls)
    assert {c.programme_id for c in calls} <= {p.id for p in PROGRAMMES}


def test_demo_calls_are_the_same_all_month_and_move_on_the_next() -> None:
    assert month_start(dt.date(2026, 12, 2)) == dt.date(2026, 11, 22)  # 1 Azar 1405
    same_month = [demo_calls(dt.date(2026, 11, 22)), demo_calls(dt.date(2026, 12, 21))]
    assert same_month[0] == same_month[1]
    assert demo_calls(dt.date(2026, 12, 22))[0].closes_at > same_month[0][0].closes_at


def test_demo_calls_target_published_demo_needs_of_their_categories() -> None:
    demo_plants = [DemoPlant(id="P900000000001", name_fa="فولاد", name_en="Steel", producer_org="E100000000001")]
    needs = [demo_need(n, demo_plants) for n in range(1, 80)]
    needs.append(make_need(id="N9999"))  # a register need: never a demo call's target
    loan, qard, *_ = demo_calls(dt.date(2026, 12, 2), needs)
    by_id = {n.id: n for n in needs}
    assert loan.target_need_ids and qard.target_need_ids
    for call, roots in ((loan, ("mechanical", "electrical")), (qard, ("consumables",))):
        for need_id in call.target_need_ids:
            need = by_id[need_id]
            assert need.demo and need.status is not NeedStatus.OPEN
            assert need.category.split(".")[0] in roots


def test_call_codes_of_documents_and_questions_are_unique() -> None:
    doc = make_call().required_documents[0]
    with pytest.raises(ValidationError, match="codes repeat"):
        Call.model_validate({**make_call().model_dump(), "required_documents": [doc, doc]})
