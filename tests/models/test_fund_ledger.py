"""The public ledger: one 360Giving-shaped entry per award, totals that add up, and how concentrated awards are."""

from __future__ import annotations

import datetime as dt

from models.enums import Process, Status
from models.fund_ledger import (
    PlantFacts,
    by_category,
    by_province,
    by_stage,
    concentration,
    jalali_date,
    ledger_entry,
    package,
    plant_facts,
    plant_stage,
    totals,
)
from tests.factories import make_capacity, make_plant
from tests.fund_factories import BN, PLANT_ID, Desk, make_content

PLANTS = {PLANT_ID: PlantFacts("Test Steel 1", "فولاد آزمایشی ۱", "IR-10", "crude_steel")}


def entry_of(desk: Desk):  # type: ignore[no-untyped-def]
    return ledger_entry(desk.record, call=desk.call, programme=desk.programme, plants=PLANTS)


def test_an_application_before_its_approval_is_not_in_the_ledger() -> None:
    desk = Desk()
    desk.to_committee()
    assert entry_of(desk) is None


def test_an_approved_award_reads_as_a_360giving_grant_with_the_needs_and_plants_it_serves() -> None:
    desk = Desk()
    desk.to_active()
    entry = entry_of(desk)
    assert entry is not None
    assert entry.id == "360G-zanjireh-SF-1405-000001" and entry.currency == "IRR"
    assert (entry.amountAppliedFor, entry.amountAwarded, entry.amountDisbursed) == (10 * BN, 8 * BN, 0)
    assert entry.awardDate == dt.date(2026, 12, 1) and entry.awardDateJalali == "1405-09-10"
    assert entry.recipient.nameFa == "صنایع نسوز سپاهان" and entry.province == "IR-10"
    assert entry.recipient.location[0].geoCode == "IR-10"
    assert entry.grantProgramme[0].code == "FP-T1" and entry.instrument.value == "preferential_loan"
    assert [n.id for n in entry.needs] == ["N2031"] and entry.needs[0].itemFa == "آجر منیزیا-کربن پاتیل"
    assert [(p.id, p.nameFa, p.chainStage) for p in entry.plants] == [(PLANT_ID, "فولاد آزمایشی ۱", "crude_steel")]
    assert entry.category == "consumables.refractories" and entry.chainStage == "crude_steel"
    assert entry.fxSavingPlannedEUR == 1_450_000.0 and entry.fxSavingVerifiedEUR is None
    assert entry.status == "under_way" and entry.plannedDates[0].startDate == dt.date(2027, 1, 15)


def test_disbursements_and_a_verified_fx_saving_reach_the_entry() -> None:
    desk = Desk()
    desk.to_active()
    desk.move("officer", "review_milestone", milestone_id="m1", accept=True, visit_id="v1")
    desk.move("officer", "disburse", milestone_id="m1", amount_irr=3 * BN, paid_on="2027-07-20")
    desk.move("officer", "verify_fx", verified_eur=700_000, verified_on="2027-12-01")
    entry = entry_of(desk)
    assert entry is not None
    assert entry.amountDisbursed == 3 * BN and entry.fxSavingVerifiedEUR == 700_000
    assert entry.fxSavingVerifiedDate == dt.date(2027, 12, 1)


def test_an_award_withdrawn_before_its_agreement_leaves_the_ledger() -> None:
    desk = Desk()
    desk.to_committee()
    desk.move("officer", "decide", outcome="approved", minutes="م", amount_irr=8 * BN)
    assert entry_of(desk) is not None
    desk.move("applicant", "withdraw")
    assert entry_of(desk) is None


def awards(count: int) -> list:  # type: ignore[type-arg]
    """``count`` awards by a few recipients in two provinces (the first recipient gets three)."""
    out = []
    for number in range(count):
        desk = Desk()
        supplier_id = ["S1042", "S1042", "S1042", "S2077", "S3001", "S3002"][number % 6]
        desk.supplier = desk.supplier.model_copy(
            update={"id": supplier_id, "province": "IR-10" if number % 2 == 0 else "IR-23"}
        )
        desk.readers["applicant"] = desk.readers["applicant"].__class__(
            "a", desk.readers["applicant"].role, supplier_id
        )

        desk.submit(make_content(supplier_id=supplier_id))
        desk.move("officer", "screen", outcome="eligible")
        desk.move("officer", "assign_reviewers", reviewers=["rev_a", "rev_b"])
        desk.score("rev_a", 4, 4, 4)
        desk.score("rev_b", 4, 4, 4)
        desk.move("officer", "apply_thresholds")
        desk.move("officer", "decide", outcome="approved", minutes="م", amount_irr=(number + 1) * BN)
        entry = entry_of(desk)
        assert entry is not None
        out.append(entry.model_copy(update={"id": f"{entry.id}-{number}", "trackingNo": f"T{number}"}))
    return out


def test_totals_equal_the_sums_of_the_awards_and_every_breakdown_adds_up_to_them() -> None:
    entries = awards(6)
    whole = totals(entries)
    assert whole.awards == 6
    assert whole.awarded_irr == sum(e.amountAwarded for e in entries) == 21 * BN
    assert whole.applied_irr == sum(e.amountAppliedFor for e in entries)
    for breakdown in (by_province(entries), by_category(entries), by_stage(entries)):
        assert sum(t.awarded_irr for t in breakdown.values()) == whole.awarded_irr
        assert sum(t.awards for t in breakdown.values()) == whole.awards
    assert set(by_province(entries)) == {"IR-10", "IR-23"}


def test_concentration_gives_the_top_recipients_share_and_the_repeat_recipients() -> None:
    entries = awards(6)
    seen = concentration(entries, top_n=2)
    assert seen.recipients == 4 and seen.awards == 6
    # S1042 took awards 1, 2 and 3 (6 bn), S3002 award 6 (6 bn), S3001 award 5, S2077 award 4
    assert [r.id for r in seen.top] == ["zanjireh-supplier-S1042", "zanjireh-supplier-S3002"]
    assert seen.top_share == 12 / 21
    assert [(r.id, r.awards) for r in seen.repeat] == [("zanjireh-supplier-S1042", 3)]
    assert seen.repeat_share == 6 / 21


def test_a_plants_chain_stage_is_its_most_downstream_process() -> None:
    dri_and_eaf = make_plant(
        capacities=(
            make_capacity(Process.DRI, Status.OPERATING, 800.0),
            make_capacity(Process.EAF, Status.OPERATING, 900.0),
        )
    )
    pellet = make_plant(2, capacities=(make_capacity(Process.PELLET, Status.OPERATING, 5000.0),))
    assert plant_stage(dri_and_eaf) == "crude_steel" and plant_stage(pellet) == "pellet"
    assert plant_facts(pellet).name_fa == "فولاد آزمایشی 2"


def test_award_dates_are_given_in_both_calendars() -> None:
    assert jalali_date(dt.date(2027, 3, 21)) == "1406-01-01"


def test_the_json_package_uses_the_360giving_names() -> None:
    desk = Desk()
    desk.to_active()
    entry = entry_of(desk)
    grant = package([entry])["grants"][0]  # type: ignore[list-item]
    for name in ("id", "title", "currency", "amountAppliedFor", "amountAwarded", "amountDisbursed", "awardDate",
                 "recipientOrganization", "fundingOrganization", "grantProgramme", "fromOpenCall", "dateModified",
                 "dataSource", "plannedDates"):  # fmt: skip
        assert name in grant, name
    assert grant["fromOpenCall"] == "Yes" and grant["awardDate"] == "2026-12-01"
