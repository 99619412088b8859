"""The Fund's screens after an award, renderer-free: the officer records the agreement from the decision and the
applicant's plan (and the workflow takes the event it queues), the applicant reads the award with its repayment
schedule and sends a milestone's evidence, the officer accepts it and pays the tranche, judges a late submission;
the applicant withdraws after being asked twice — each only where the role may."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.fund_access import project_application
from models.fund_records import ApplicationRecord, AppState, MilestoneState
from sync.fund import EVENTS, FundClient
from sync.fund_award import AwardDesk
from sync.store import LocalStore
from tests.fund_factories import BN, SUPPLIER_ID, Desk, make_call
from tests.views.conftest import DESKTOP, PHONE, run, start_app


def signed_in(role: str, username: str, org: str | None = None) -> LocalStore:
    store = LocalStore.in_memory()
    store.user.set_auth(
        {
            "api_url": "http://127.0.0.1:9",
            "username": username,
            "role": role,
            "org_id": org,
            "access_token": "a",
            "refresh_token": "r",
        }
    )
    store.device.set_setting("language", "fa")
    return store


def holds(store: LocalStore, desk: Desk, reader: str) -> None:
    """The store holds what ``reader`` pulls: the call, its programme, their projection of the application."""
    seen = project_application(desk.readers[reader], desk.record.model_dump(mode="json"))
    store.replace_reference(
        {
            "fund_applications": [ApplicationRecord.model_validate(seen)] if seen else [],
            "fund_calls": [desk.call],
            "fund_programmes": [desk.programme],
        },
        "tests",
    )


def queued(store: LocalStore) -> list[dict[str, Any]]:
    return [dict(op.data or {}) for op in store.user.outbox() if op.collection == EVENTS]


def approved() -> Desk:
    desk = Desk()
    desk.to_committee()
    desk.move("officer", "decide", outcome="approved", minutes="صورتجلسه ۱۲", amount_irr=8 * BN)
    return desk


def replay(desk: Desk, who: str, data: dict[str, Any]) -> None:
    """What the server does with the queued event: the same workflow, or a refusal raised here."""
    fields = {k: v for k, v in data.items() if k not in ("type", "application_id")}
    desk.move(who, data["type"], **fields)


def test_the_officer_records_the_agreement_from_the_decision_and_the_plan_and_the_workflow_takes_it() -> None:
    desk = approved()
    store = signed_in("fund_officer", "officer1", "association")
    holds(store, desk, "officer")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/fund/application/{desk.application_id}")
        await h.fire(h.by_data("fund-sign-open"))
        await h.wait_for(lambda: bool(h.find(data="fund-agreement-form")))
        amount = h.by_data("fund-agreement-amount")
        assert amount.value == "۸۰۰۰۰۰۰۰۰۰۰"  # the committee's amount, in the reader's digits
        assert h.by_data("fund-agreement-m1-tranche").value == "۶۰۰۰۰۰۰۰۰۰۰"  # the applicant's plan
        await h.type_into(h.by_data("fund-agreement-contract"), "SF-C-77")
        await h.fire(h.by_data("fund-agreement-contract"), "blur")
        # the plan's tranches add up to the 10 bn asked for; the committee approved 8: the officer cuts the second
        await h.type_into(h.by_data("fund-agreement-m1-tranche"), "۴۰۰۰۰۰۰۰۰۰۰")
        await h.fire(h.by_data("fund-agreement-m1-tranche"), "blur")
        await h.fire(h.by_data("fund-agreement-sign"))
        # kept on the device until the server holds the agreement (a refusal leaves it to correct)
        kept = AwardDesk(FundClient.of(store)).form("agreement", desk.application_id)
        assert kept["contract_no"] == "SF-C-77" and kept["milestones"][1]["tranche"] == "۴۰۰۰۰۰۰۰۰۰۰"

    try:
        run(scenario())
        events = queued(store)
        assert [e["type"] for e in events] == ["sign_agreement"]
        event = events[0]
        assert event["contract_no"] == "SF-C-77" and event["amount_irr"] == 8 * BN and event["rate_pct"] == 12
        assert [(m["id"], m["tranche_irr"]) for m in event["milestones"]] == [("m1", 4 * BN), ("m2", 4 * BN)]
        replay(desk, "officer", event)
        assert desk.record.state is AppState.ACTIVE and desk.record.agreement.contract_no == "SF-C-77"
    finally:
        store.close()


def test_the_applicant_reads_the_schedule_and_sends_a_milestones_evidence_kept_on_the_device() -> None:
    desk = approved()
    desk.move(
        "officer",
        "sign_agreement",
        contract_no="SF-C-1",
        amount_irr=8 * BN,
        rate_pct=14,
        term_months=24,
        grace_months=3,
        start_date="2027-01-15",
        signed_on="2027-01-10",
        milestones=[
            {
                "id": "m1",
                "title": "نمونه صنعتی",
                "deliverable": "۱۰ تن",
                "due_date": "2027-07-15",
                "tranche_irr": 8 * BN,
            }
        ],
    )
    store = signed_in("supplier", "sepahan1", SUPPLIER_ID)
    holds(store, desk, "applicant")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/fund/application/{desk.application_id}")
        assert not h.find(data="fund-withdraw")  # under way: too late to withdraw
        await h.fire(h.by_data("fund-award-open"))
        await h.wait_for(lambda: bool(h.find(data="fund-award")))
        summary = h.by_data("fund-schedule-summary").value
        assert "۲۴ قسط" in summary
        assert not h.find(data="fund-repayment-send") and not h.find(data="fund-close-completed")  # officer's
        await h.fire(h.by_data("fund-milestone-m1"))
        await h.wait_for(lambda: bool(h.find(data="fund-milestone")))
        assert not h.find(data="fund-milestone-accept")
        AwardDesk(FundClient.of(store)).take_evidence(
            desk.application_id, "m1", "bench.pdf", "application/pdf", b"%PDF"
        )
        await h.go(f"/fund/milestone/{desk.application_id}?m=m1&again=1")
        await h.wait_for(lambda: bool(h.find(data="fund-evidence-picked")))
        await h.fire(h.by_data("fund-evidence-send"))

    try:
        run(scenario())
        events = queued(store)
        assert [e["type"] for e in events] == ["milestone_evidence"]
        assert events[0]["attachments"][0]["file_name"] == "bench.pdf"
        replay(desk, "applicant", events[0])
        assert desk.record.agreement.milestones[0].state is MilestoneState.SUBMITTED
    finally:
        store.close()


def test_the_officer_accepts_the_evidence_then_pays_the_tranche() -> None:
    desk = approved()
    desk.move(
        "officer",
        "sign_agreement",
        contract_no="SF-C-1",
        amount_irr=8 * BN,
        rate_pct=14,
        term_months=24,
        start_date="2027-01-15",
        signed_on="2027-01-10",
        milestones=[
            {
                "id": "m1",
                "title": "نمونه صنعتی",
                "deliverable": "۱۰ تن",
                "due_date": "2027-07-15",
                "tranche_irr": 8 * BN,
            }
        ],
    )
    desk.move(
        "applicant",
        "milestone_evidence",
        milestone_id="m1",
        attachments=[
            {
                "document": "milestone_evidence",
                "sha256": "c" * 64,
                "file_name": "r.pdf",
                "mime": "application/pdf",
                "bytes": 10,
            }
        ],
    )
    store = signed_in("fund_officer", "officer1", "association")
    holds(store, desk, "officer")

    async def scenario() -> None:
        h = await start_app(store, DESKTOP, f"/fund/milestone/{desk.application_id}?m=m1")
        await h.wait_for(lambda: bool(h.find(data="fund-milestone")))
        assert not h.find(data="fund-evidence-send")  # the applicant's
        await h.fire(h.by_data("fund-milestone-accept"))

    try:
        run(scenario())
        replay(desk, "officer", queued(store)[0])
        holds(store, desk, "officer")

        async def pay() -> None:
            h = await start_app(store, DESKTOP, f"/fund/milestone/{desk.application_id}?m=m1")
            await h.wait_for(lambda: bool(h.find(data="fund-disburse-send")))
            await h.fire(h.by_data("fund-disburse-send"))  # the amount left is offered

        run(pay())
        event = queued(store)[-1]
        assert event["type"] == "disburse" and event["amount_irr"] == 8 * BN
        replay(desk, "officer", event)
        assert desk.record.disbursed_irr == 8 * BN
    finally:
        store.close()


def test_the_officer_judges_a_late_submission_with_both_clocks_shown() -> None:
    call = make_call()
    desk = Desk(call=call, now=call.grace_ends_at + dt.timedelta(hours=2))
    desk.submit(sealed_at=call.closes_at - dt.timedelta(hours=1))
    assert desk.record.state is AppState.LATE
    store = signed_in("fund_officer", "officer1", "association")
    holds(store, desk, "officer")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/fund/application/{desk.application_id}")
        facts = h.by_data("fund-late-facts").value
        assert "مهر روی دستگاه" in facts and "رسیدن به سرور" in facts
        await h.fire(h.by_data("fund-late-accept"))

    try:
        run(scenario())
        event = queued(store)[0]
        assert event["type"] == "judge_late" and event["accept"] is True
        replay(desk, "officer", event)
        assert desk.record.state is AppState.SUBMITTED
    finally:
        store.close()


def test_the_applicant_withdraws_only_after_being_asked_again() -> None:
    desk = Desk()
    desk.submit()
    store = signed_in("supplier", "sepahan1", SUPPLIER_ID)
    holds(store, desk, "applicant")

    async def scenario() -> None:
        h = await start_app(store, PHONE, f"/fund/application/{desk.application_id}")
        assert not h.find(data="fund-late-accept") and not h.find(data="fund-sign-open")
        await h.fire(h.by_data("fund-withdraw"))
        assert not queued(store)  # asked first
        await h.type_into(h.by_data("fund-withdraw-note"), "طرح را با سرمایهٔ خود پیش می‌بریم")
        await h.fire(h.by_data("fund-withdraw-yes"))

    try:
        run(scenario())
        event = queued(store)[0]
        assert event["type"] == "withdraw" and event["note"] == "طرح را با سرمایهٔ خود پیش می‌بریم"
        replay(desk, "applicant", event)
        assert desk.record.state is AppState.WITHDRAWN
    finally:
        store.close()
