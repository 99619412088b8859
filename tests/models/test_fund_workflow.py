"""The workflow's moves in memory: deadlines by the server's clock, screening, review, thresholds, decision,
agreement, milestones, payments, closing — and every refusal's code."""

from __future__ import annotations

import datetime as dt

import pytest

from models.fund_records import AppState, MilestoneState, Stage, Timing
from models.fund_workflow import MOVES, Actor, FundRefused, allowed_events, check_move
from tests.fund_factories import BN, NOW, Desk, make_call, make_content


def refused(desk: Desk, who: str, event: str, **fields: object) -> FundRefused:
    with pytest.raises(FundRefused) as caught:
        if event == "submit":
            desk.submit(**fields)  # type: ignore[arg-type]
        else:
            desk.move(who, event, **fields)
    return caught.value


# ---- submission and the deadline ---------------------------------------------------------------------
def test_a_submission_on_time_gets_a_tracking_number_and_keeps_the_devices_sealed_time() -> None:
    desk = Desk()
    sealed = NOW - dt.timedelta(hours=5)
    desk.submit(sealed_at=sealed)
    record = desk.record
    assert record.state is AppState.SUBMITTED and record.stage is Stage.RECEIVED
    assert record.tracking_no == "SF-1405-000001"
    assert record.revisions[0].sealed_at == sealed and record.revisions[0].received_at == NOW
    assert record.revisions[0].timing is Timing.ON_TIME
    assert record.supplier_name_fa == "صنایع نسوز سپاهان" and record.province == "IR-10"
    assert record.fx.planned_eur == 1_450_000.0  # the need's yearly FX spend, as no other figure was given


def test_a_submission_in_the_grace_period_is_taken_and_marked_so() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.closes_at + dt.timedelta(minutes=30))
    desk.submit(sealed_at=call.closes_at - dt.timedelta(minutes=5))
    assert desk.record.revisions[0].timing is Timing.IN_GRACE
    assert desk.record.state is AppState.SUBMITTED


def test_a_submission_after_the_grace_period_sealed_after_the_deadline_is_refused() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.grace_ends_at + dt.timedelta(seconds=1))
    error = refused(desk, "applicant", "submit", sealed_at=call.closes_at + dt.timedelta(minutes=1))
    assert error.code == "call_closed"
    assert error.params["grace_ends_at"] == call.grace_ends_at.isoformat()


def test_a_submission_sealed_on_time_that_synced_after_the_grace_is_kept_for_the_fund_to_judge() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.grace_ends_at + dt.timedelta(days=2))
    desk.submit(sealed_at=call.closes_at - dt.timedelta(hours=3))
    assert desk.record.state is AppState.LATE and desk.record.stage is Stage.RECEIVED_LATE
    assert desk.record.revisions[0].timing is Timing.LATE
    desk.move("officer", "judge_late", accept=True, internal_note="سند بی‌سیم نبودن کارگاه")
    assert desk.record.state is AppState.SUBMITTED


def test_a_late_submission_the_fund_does_not_accept_ends_there() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.grace_ends_at + dt.timedelta(days=2))
    desk.submit(sealed_at=call.closes_at - dt.timedelta(hours=3))
    desk.move("officer", "judge_late", accept=False, note_to_applicant="مهلت گذشته بود")
    assert desk.record.stage is Stage.LATE_NOT_ACCEPTED
    assert refused(desk, "officer", "start_screening").code == "state_move_not_allowed"


def test_a_submission_before_the_call_opens_is_refused() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.opens_at - dt.timedelta(minutes=1))
    assert refused(desk, "applicant", "submit").code == "call_not_open"


def test_content_that_does_not_hash_to_its_seal_is_refused() -> None:
    from models.fund_events import Submit

    desk = Desk()
    good = Submit.model_validate({"type": "submit", "application_id": desk.application_id, **_submit_fields(desk)})
    tampered = good.model_copy(update={"content": {**good.content, "requested_irr": 20 * BN}})
    with pytest.raises(FundRefused) as caught:
        desk.move("applicant", "submit", event=tampered)
    assert caught.value.code == "hash_mismatch"


def _submit_fields(desk: Desk) -> dict[str, object]:
    from tests.fund_factories import submit_event

    event = submit_event(desk.application_id)
    return {"seal": event.seal.model_dump(mode="json"), "content": event.content}


def test_a_supplier_applies_only_in_its_own_name() -> None:
    desk = Desk()
    error = refused(desk, "applicant", "submit", content=make_content(supplier_id="S2077"))
    assert error.code == "not_your_organisation"


def test_an_ineligible_supplier_is_refused_with_the_eligibility_reasons() -> None:
    desk = Desk()
    desk.supplier = desk.supplier.model_copy(update={"knowledge_based": False})
    error = refused(desk, "applicant", "submit")
    assert error.code == "not_eligible"
    assert [r.code for r in error.params["reasons"]] == ["not_knowledge_based"]


def test_an_incomplete_application_is_refused_with_every_problem() -> None:
    desk = Desk()
    error = refused(desk, "applicant", "submit", content=make_content(title_fa="", trl_target=2))
    assert error.code == "seal_problems"
    assert {p.code for p in error.params["problems"]} == {"required", "trl_target_not_above_now"}


# ---- screening and revisions -----------------------------------------------------------------------------
def test_more_information_reopens_the_application_for_a_second_revision() -> None:
    desk = Desk()
    desk.submit()
    desk.move("officer", "screen", outcome="more_info", note_to_applicant="صورت‌های مالی ۱۴۰۴ را بیفزایید")
    assert desk.record.stage is Stage.MORE_INFO
    assert refused(desk, "applicant", "submit").code == "revision_mismatch"
    desk.submit(make_content(summary="با صورت‌های مالی ۱۴۰۴"), revision=2)
    assert desk.record.state is AppState.SCREENING and desk.record.revision == 2
    assert desk.record.revisions[1].timing is Timing.REQUESTED
    assert desk.record.content.summary == "با صورت‌های مالی ۱۴۰۴"
    assert desk.record.tracking_no == "SF-1405-000001"


def test_more_information_needs_a_note_and_ineligible_needs_reasons() -> None:
    desk = Desk()
    desk.submit()
    assert refused(desk, "officer", "screen", outcome="more_info").code == "note_required"
    assert refused(desk, "officer", "screen", outcome="ineligible").code == "reasons_required"
    desk.move("officer", "screen", outcome="ineligible", reasons=["out_of_scope"], note_to_applicant="خارج از موضوع")
    assert desk.record.stage is Stage.NOT_ELIGIBLE and desk.record.screening.reasons == ["out_of_scope"]


# ---- review, thresholds, committee --------------------------------------------------------------------------
def test_an_officer_assigns_at_least_two_reviewers_who_have_reviewer_accounts() -> None:
    desk = Desk()
    desk.submit()
    desk.move("officer", "screen", outcome="eligible")
    assert refused(desk, "officer", "assign_reviewers", reviewers=["rev_a"]).code == "too_few_reviewers"
    assert refused(desk, "officer", "assign_reviewers", reviewers=["rev_a", "mallory"]).code == "unknown_reviewer"
    desk.move("officer", "assign_reviewers", reviewers=["rev_a", "rev_b"])
    assert desk.record.state is AppState.UNDER_REVIEW
    assert desk.record.stage is Stage.IN_ASSESSMENT


def test_a_reviewer_declares_a_conflict_before_scoring_and_scores_every_criterion_on_the_scale() -> None:
    desk = Desk()
    desk.to_review()
    scores = {"technical": 4, "market": 3, "fx_impact": 4}
    assert refused(desk, "rev_a", "review", scores=scores).code == "conflict_not_declared"
    desk.move("rev_a", "declare_conflict", conflict=False)
    assert refused(desk, "rev_a", "review", scores={"technical": 4}).code == "scores_incomplete"
    assert refused(desk, "rev_a", "review", scores={**scores, "market": 3.25}).code == "score_out_of_scale"
    assert refused(desk, "rev_a", "review", scores={**scores, "market": 6}).code == "score_out_of_scale"
    outcome = desk.move("rev_a", "review", scores=scores, private_note="تیم کوچک است")
    assert outcome.record is None  # scores live in the review, never in the application
    assert desk.reviews["rev_a"].complete and desk.reviews["rev_a"].scores == scores


def test_a_reviewer_who_declares_a_conflict_is_recused_and_must_be_replaced() -> None:
    desk = Desk()
    desk.to_review()
    desk.move("rev_b", "declare_conflict", conflict=True, note="سهامدار شرکت رقیب")
    assert desk.record.active_reviewers() == ["rev_a"]
    assert refused(desk, "rev_b", "review", scores={}).code == "no_such_application"
    assert refused(desk, "officer", "assign_reviewers", reviewers=["rev_a", "rev_b"]).code == "reviewer_recused"
    desk.move("officer", "assign_reviewers", reviewers=["rev_a", "rev_c"])
    assert desk.record.active_reviewers() == ["rev_a", "rev_c"]
    assert desk.record.assignment("rev_b").conflict is True  # the declaration stays on the record


def test_thresholds_wait_for_every_assigned_reviewer() -> None:
    desk = Desk()
    desk.to_review()
    desk.score("rev_a", 4, 4, 4)
    error = refused(desk, "officer", "apply_thresholds")
    assert error.code == "reviews_missing" and error.params["reviewers"] == ["rev_b"]


def test_scores_above_every_threshold_go_to_the_committee() -> None:
    desk = Desk()
    desk.to_committee()
    assert desk.record.state is AppState.COMMITTEE
    assert desk.record.scoring.passed and desk.record.scoring.overall == pytest.approx(4.0625, abs=1e-3)
    assert desk.record.feedback == []  # released with the decision, not before


def test_a_criterion_below_its_threshold_fails_even_when_the_overall_passes_and_feedback_is_released() -> None:
    desk = Desk()
    desk.to_review()
    desk.score("rev_a", 5, 5, 1.5, "صرفه‌جویی ارزی اثبات نشده")
    desk.score("rev_b", 5, 5, 2, None)
    desk.move("officer", "apply_thresholds")
    assert desk.record.state is AppState.BELOW_THRESHOLD and desk.record.stage is Stage.NOT_FUNDED
    assert desk.record.scoring.failed == ["fx_impact"]
    assert [f.note for f in desk.record.feedback] == ["صرفه‌جویی ارزی اثبات نشده"]


def test_the_overall_threshold_is_strict_when_the_set_says_so() -> None:
    desk = Desk()
    desk.to_review()
    desk.score("rev_a", 3.5, 3.5, 3.5)
    desk.score("rev_b", 3.5, 3.5, 3.5)
    desk.move("officer", "apply_thresholds")
    assert desk.record.scoring.failed == ["overall"]  # 3.5 is not above 3.5


def test_the_committee_approves_at_most_the_amount_requested_and_conditions_are_listed() -> None:
    desk = Desk()
    desk.to_committee()
    assert refused(desk, "officer", "decide", outcome="approved", minutes="م").code == "amount_required"
    error = refused(desk, "officer", "decide", outcome="approved", minutes="م", amount_irr=11 * BN)
    assert error.code == "amount_over_request" and error.params["requested"] == 10 * BN
    error = refused(desk, "officer", "decide", outcome="approved_with_conditions", minutes="م", amount_irr=BN)
    assert error.code == "conditions_required"
    desk.move(
        "officer",
        "decide",
        outcome="approved_with_conditions",
        minutes="صورتجلسه",
        amount_irr=8 * BN,
        conditions=["ارائه ضمانت‌نامه بانکی"],
        note_to_applicant="با شرط تصویب شد",
    )
    assert desk.record.stage is Stage.APPROVED_WITH_CONDITIONS
    assert len(desk.record.feedback) == 2


def test_returned_by_the_committee_the_applicant_sends_a_new_revision_to_screening() -> None:
    desk = Desk()
    desk.to_committee()
    desk.move("officer", "decide", outcome="returned", minutes="م", note_to_applicant="بودجه را بازبینی کنید")
    assert desk.record.stage is Stage.RETURNED
    desk.submit(revision=2)
    assert desk.record.state is AppState.SCREENING


# ---- agreement, milestones, money, closing ---------------------------------------------------------------------
def test_an_agreement_keeps_the_programmes_rate_range_and_pays_its_amount_in_tranches() -> None:
    desk = Desk()
    desk.to_committee()
    desk.move("officer", "decide", outcome="approved", minutes="م", amount_irr=8 * BN)
    base = {
        "contract_no": "C1", "amount_irr": 8 * BN, "rate_pct": 14, "term_months": 24, "start_date": "2027-01-15",
        "signed_on": "2027-01-10",
        "milestones": [{"id": "m1", "title": "t", "deliverable": "d", "due_date": "2027-06-01", "tranche_irr": 8 * BN}],
    }  # fmt: skip
    assert refused(desk, "officer", "sign_agreement", **{**base, "rate_pct": 25}).code == "rate_out_of_range"
    assert refused(desk, "officer", "sign_agreement", **{**base, "amount_irr": 9 * BN}).code == "amount_over_decision"
    short = [{**base["milestones"][0], "tranche_irr": BN}]  # type: ignore[index]
    assert refused(desk, "officer", "sign_agreement", **{**base, "milestones": short}).code == "tranches_not_amount"
    desk.move("officer", "sign_agreement", **base)
    assert desk.record.state is AppState.ACTIVE and desk.record.stage is Stage.UNDER_WAY


def test_money_follows_accepted_milestones_and_never_exceeds_a_tranche() -> None:
    desk = Desk()
    desk.to_active()
    pay = {"milestone_id": "m1", "amount_irr": BN, "paid_on": "2027-07-20"}
    assert refused(desk, "officer", "disburse", **pay).code == "milestone_not_accepted"
    assert refused(desk, "officer", "review_milestone", milestone_id="m1", accept=True).code == "evidence_missing"
    evidence = [
        {"document": "proposal", "sha256": "b" * 64, "file_name": "r.pdf", "mime": "application/pdf", "bytes": 10}
    ]
    desk.move("applicant", "milestone_evidence", milestone_id="m1", attachments=evidence, note="گزارش مرحله")
    assert desk.record.agreement.milestone("m1").state is MilestoneState.SUBMITTED
    desk.move("officer", "review_milestone", milestone_id="m1", accept=False, note_to_applicant="امضا ندارد")
    desk.move("applicant", "milestone_evidence", milestone_id="m1", attachments=evidence)
    desk.move("officer", "review_milestone", milestone_id="m1", accept=True)
    desk.move("officer", "disburse", **pay)
    error = refused(desk, "officer", "disburse", **{**pay, "amount_irr": 3 * BN})
    assert error.code == "over_tranche" and error.params["remaining"] == 2 * BN
    desk.move("officer", "disburse", **{**pay, "amount_irr": 2 * BN})
    assert desk.record.disbursed_irr == 3 * BN


def test_a_field_visit_is_enough_evidence_to_accept_a_milestone() -> None:
    desk = Desk()
    desk.to_active()
    desk.move("officer", "review_milestone", milestone_id="m2", accept=True, visit_id="visit-0042")
    milestone = desk.record.agreement.milestone("m2")
    assert milestone.state is MilestoneState.ACCEPTED and milestone.visit_id == "visit-0042"


def test_a_loan_is_repaid_and_closes_only_when_every_milestone_is_accepted() -> None:
    desk = Desk()
    desk.to_active()
    desk.move("officer", "record_repayment", amount_irr=BN // 2, paid_on="2027-09-01")
    assert desk.record.repaid_irr == BN // 2
    assert refused(desk, "officer", "close", outcome="completed").code == "milestones_open"
    for milestone in ("m1", "m2"):
        desk.move("officer", "review_milestone", milestone_id=milestone, accept=True, visit_id="v1")
    desk.move("officer", "verify_fx", verified_eur=900_000, verified_on="2028-02-01", visit_id="v9")
    desk.move("officer", "close", outcome="completed", note_to_applicant="با سپاس")
    assert desk.record.stage is Stage.COMPLETED and desk.record.fx.verified_eur == 900_000


def test_a_terminated_agreement_reads_as_terminated_to_the_applicant() -> None:
    desk = Desk()
    desk.to_active()
    desk.move("officer", "close", outcome="terminated")
    assert desk.record.stage is Stage.TERMINATED


def test_a_guarantee_is_not_repaid_like_a_loan() -> None:
    from tests.fund_factories import make_guarantee_programme

    programme = make_guarantee_programme()
    desk = Desk(call=make_call(programme_id=programme.id), programme=programme)
    from models.fund_applications import GuaranteeRequest

    desk.submit(
        make_content(
            requested_irr=5 * BN, term_months=None, grace_months=None, budget=(), milestones=(), trl_now=None,
            trl_target=None, guarantee=GuaranteeRequest(kind="advance_payment", beneficiary="فولاد مبارکه", months=18),
        )
    )  # fmt: skip
    desk.move("officer", "screen", outcome="eligible")
    desk.move("officer", "assign_reviewers", reviewers=["rev_a", "rev_b"])
    desk.score("rev_a", 4, 4, 4)
    desk.score("rev_b", 4, 4, 4)
    desk.move("officer", "apply_thresholds")
    desk.move("officer", "decide", outcome="approved", minutes="م", amount_irr=5 * BN)
    guarantee = {"kind": "advance_payment", "beneficiary": "فولاد مبارکه", "amount_irr": 5 * BN, "months": 18,
                 "deposit_pct": 5}  # fmt: skip
    sign = {"contract_no": "G1", "amount_irr": 5 * BN, "start_date": "2027-01-01", "signed_on": "2027-01-01"}
    assert refused(desk, "officer", "sign_agreement", **sign).code == "guarantees_required"
    bad = {**guarantee, "deposit_pct": 12}
    assert refused(desk, "officer", "sign_agreement", **sign, guarantees=[bad]).code == "deposit_out_of_range"
    desk.move("officer", "sign_agreement", **sign, guarantees=[guarantee])
    issued = desk.record.agreement.guarantees[0]
    assert (issued.deposit_irr, issued.fee_irr) == (25 * BN // 100, 2 * (5 * BN * 5 // 1000))
    assert issued.expires_on == dt.date(2028, 7, 1)
    assert refused(desk, "officer", "record_repayment", amount_irr=BN, paid_on="2027-05-01").code == "not_a_loan"


def test_the_applicant_may_withdraw_before_an_agreement_but_not_after() -> None:
    desk = Desk()
    desk.submit()
    desk.move("applicant", "withdraw", note="منصرف شدیم")
    assert desk.record.stage is Stage.WITHDRAWN
    active = Desk()
    active.to_active()
    assert refused(active, "applicant", "withdraw").code == "state_move_not_allowed"


# ---- who may move ---------------------------------------------------------------------------------------------
def test_members_and_field_staff_make_no_fund_moves_at_all() -> None:
    desk = Desk()
    desk.submit()
    for who in ("member", "field_staff"):
        assert refused(desk, who, "start_screening").code == "role_may_not_act"


def test_someone_who_may_not_see_an_application_is_told_it_does_not_exist() -> None:
    desk = Desk()
    desk.to_review()
    assert refused(desk, "other_supplier", "withdraw").code == "no_such_application"
    assert refused(desk, "rev_c", "declare_conflict", conflict=False).code == "no_such_application"


def test_the_applicant_may_not_make_the_funds_moves_nor_a_reviewer_the_officers() -> None:
    desk = Desk()
    desk.to_review()
    assert refused(desk, "applicant", "apply_thresholds").code == "role_may_not_act"
    assert refused(desk, "rev_a", "assign_reviewers", reviewers=["rev_a", "rev_b"]).code == "role_may_not_act"


def test_allowed_events_follow_the_table_for_each_actor() -> None:
    desk = Desk()
    desk.to_review()
    readers = desk.readers
    assert allowed_events(readers["rev_a"], desk.record) == ["declare_conflict", "review"]
    assert "apply_thresholds" in allowed_events(readers["officer"], desk.record)
    assert allowed_events(readers["applicant"], desk.record) == ["withdraw"]
    assert allowed_events(readers["other_supplier"], desk.record) == []


def test_every_move_has_at_least_one_actor_and_one_state_it_starts_from() -> None:
    for event, move in MOVES.items():
        assert move.actors and move.from_states, event
    assert MOVES["submit"].actors == frozenset({Actor.APPLICANT})  # type: ignore[index]
    assert check_move(Desk().readers["applicant"], None, "submit") is Actor.APPLICANT  # type: ignore[arg-type]


def test_every_move_is_kept_in_the_history_with_the_servers_time() -> None:
    desk = Desk()
    desk.to_active()
    types = [h.type for h in desk.record.history]
    assert types == ["submit", "start_screening", "screen", "assign_reviewers", "declare_conflict",
                     "declare_conflict", "apply_thresholds", "decide", "sign_agreement"]  # fmt: skip
    assert all(h.at == NOW for h in desk.record.history)
