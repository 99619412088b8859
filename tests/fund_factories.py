"""Factories for the Fund's tests: a programme, an open call, an eligible supplier, a need, a complete draft.

Shared by the model, server, device and end-to-end tests, so each proves its behaviour on the same
world: supplier ``S1042`` (knowledge-based, approved for refractories, ISO 9001 valid) applying to
call ``FC-T1`` of the preferential-loan programme ``FP-T1`` for need ``N2031`` at plant ``P900000000001``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from models.fund_applications import (
    ApplicationContent,
    AttachmentRef,
    BudgetLine,
    PlannedMilestone,
    content_json,
    need_ref,
    seal,
)
from models.fund_events import Submit
from models.fund_programmes import (
    TEHRAN,
    AmountRange,
    Call,
    Criterion,
    CriterionSet,
    Eligibility,
    GuaranteeKind,
    GuaranteeTerms,
    Instrument,
    MonthRange,
    Programme,
    RateRange,
    RequiredDocument,
)
from models.needs import Need, NeedStatus, QuantityUnit
from models.suppliers import Certificate, Qualification, QualificationState, Supplier

BN = 10_000_000_000  # a billion tomans, in rials
#: The moment the tests' call is open (its deadline is a month later).
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=TEHRAN)
SUPPLIER_ID = "S1042"
OTHER_SUPPLIER_ID = "S2077"
NEED_ID = "N2031"
PLANT_ID = "P900000000001"
PRODUCER = "E100000000001"
PDF_SHA = "a" * 64


def make_programme(**overrides: Any) -> Programme:
    fields: dict[str, Any] = {
        "id": "FP-T1",
        "title_fa": "وام ترجیحی آزمایشی",
        "title_en": "Test preferential loan",
        "instrument": Instrument.PREFERENTIAL_LOAN,
        "amount_irr": AmountRange(min=1 * BN, max=30 * BN),
        "rate_pct": RateRange(min=12, max=18),
        "term_months": MonthRange(min=12, max=36),
        "grace_months_max": 6,
        "eligibility": Eligibility(
            knowledge_based=True,
            categories=("consumables.refractories",),
            qualification=QualificationState.CONDITIONAL,
            certificates=("ISO 9001",),
        ),
        "priority_categories": ("consumables.refractories",),
    }
    fields.update(overrides)
    return Programme(**fields)


def make_guarantee_programme(**overrides: Any) -> Programme:
    return make_programme(
        id="FP-T2",
        instrument=Instrument.GUARANTEE,
        rate_pct=None,
        term_months=None,
        grace_months_max=None,
        guarantee=GuaranteeTerms(
            kinds=(GuaranteeKind.ADVANCE_PAYMENT, GuaranteeKind.GOOD_PERFORMANCE),
            deposit_pct_min=2,
            deposit_pct_max=10,
            fee_pct_with_deposit=0.5,
            fee_pct_with_note=2,
        ),
        **overrides,
    )


CRITERIA = CriterionSet(
    code="test_three",
    criteria=(
        Criterion(code="technical", name_fa="فنی", name_en="Technical", weight=2, threshold=3),
        Criterion(code="market", name_fa="بازار", name_en="Market", weight=1, threshold=2),
        Criterion(code="fx_impact", name_fa="ارزی", name_en="FX impact", weight=1, threshold=2),
    ),
    overall_threshold=3.5,
    overall_strict=True,
)

PROPOSAL = RequiredDocument(
    code="proposal", name_fa="طرح", name_en="Plan", max_bytes=5 * 1024 * 1024, mime_types=("application/pdf",)
)

#: An optional document of scans, up to two files (the server's world asks for it beside the plan).
LAB_PHOTOS = RequiredDocument(
    code="lab_sample",
    name_fa="عکس نمونه",
    name_en="Sample photos",
    required=False,
    max_bytes=1024 * 1024,
    mime_types=("application/pdf", "image/jpeg", "image/png"),
    max_files=2,
)


def make_call(**overrides: Any) -> Call:
    fields: dict[str, Any] = {
        "id": "FC-T1",
        "programme_id": "FP-T1",
        "title_fa": "فراخوان آزمایشی",
        "title_en": "Test call",
        "opens_at": NOW - dt.timedelta(days=30),
        "closes_at": dt.datetime(2026, 12, 31, 23, 59, tzinfo=TEHRAN),
        "grace_minutes": 120,
        "budget_irr": 100 * BN,
        "required_documents": (PROPOSAL,),
        "target_need_ids": (NEED_ID,),
        "criteria": CRITERIA,
    }
    fields.update(overrides)
    return Call(**fields)


def make_supplier(supplier_id: str = SUPPLIER_ID, **overrides: Any) -> Supplier:
    fields: dict[str, Any] = {
        "id": supplier_id,
        "name_fa": "صنایع نسوز سپاهان",
        "name_en": "Sepahan Refractory Industries",
        "knowledge_based": True,
        "province": "IR-10",
        "categories": ("consumables.refractories.shaped",),
        "certificates": (Certificate(scheme="ISO 9001", valid_to=dt.date(2028, 6, 30)),),
        "qualifications": (
            Qualification(
                category="consumables.refractories",
                state=QualificationState.APPROVED,
                since=dt.date(2025, 3, 21),
                expires=dt.date(2028, 3, 20),
            ),
        ),
    }
    fields.update(overrides)
    return Supplier(**fields)


def make_need(**overrides: Any) -> Need:
    fields: dict[str, Any] = {
        "id": NEED_ID,
        "plant_id": PLANT_ID,
        "producer_org": PRODUCER,
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "item_en": "Magnesia-carbon ladle bricks",
        "category": "consumables.refractories.shaped",
        "oem": "RHI Magnesita",
        "part_number": "MC-LADLE-12",
        "annual_qty": 1200.0,
        "unit": QuantityUnit.TONNE,
        "annual_fx_eur": 1_450_000.0,
        "origin_country": "AT",
        "status": NeedStatus.PUBLISHED,
    }
    fields.update(overrides)
    return Need(**fields)


def make_content(**overrides: Any) -> ApplicationContent:
    """A complete application to ``make_call()`` that seals without a problem."""
    fields: dict[str, Any] = {
        "call_id": "FC-T1",
        "supplier_id": SUPPLIER_ID,
        "title_fa": "ساخت آجر منیزیا-کربن پاتیل",
        "title_en": "Magnesia-carbon ladle bricks made in Iran",
        "summary": "نمونه آزمایشگاهی ساخته شده؛ خط تولید آزمایشی",
        "requested_irr": 10 * BN,
        "own_contribution_irr": 2 * BN,
        "term_months": 24,
        "grace_months": 3,
        "budget": (
            BudgetLine(id="b1", kind="equipment", description="پرس", amount_irr=8 * BN),
            BudgetLine(id="b2", kind="testing", description="آزمون", amount_irr=4 * BN),
        ),
        "milestones": (
            PlannedMilestone(id="m1", title="نمونه صنعتی", deliverable="۱۰ تن آزمایشی", month=6, tranche_irr=4 * BN),
            PlannedMilestone(id="m2", title="آزمون در پاتیل", deliverable="گزارش آزمون", month=12, tranche_irr=6 * BN),
        ),
        "trl_now": 4,
        "trl_target": 7,
        "needs": (need_ref(make_need()),),
        "attachments": (
            AttachmentRef(
                document="proposal", sha256=PDF_SHA, file_name="plan.pdf", mime="application/pdf", bytes=9000
            ),
        ),
        "contact_name": "مریم احمدی",
        "contact_phone": "+98 31 0000 0001",
    }
    fields.update(overrides)
    return ApplicationContent(**fields)


def submit_event(
    application_id: str,
    content: ApplicationContent | None = None,
    *,
    revision: int = 1,
    sealed_at: dt.datetime = NOW,
) -> Submit:
    content = content or make_content()
    return Submit(
        application_id=application_id,
        seal=seal(content, revision, sealed_at),
        content=content_json(content),
    )


# ---- running the workflow in memory (what the server does around models/fund_workflow.decide) -------------
OFFICER = "officer1"
REVIEWERS = ("rev_a", "rev_b", "rev_c")


def readers() -> dict[str, Any]:
    from models.fund_workflow import Reader
    from models.orgs import Role

    return {
        "applicant": Reader("sepahan1", Role.SUPPLIER, SUPPLIER_ID),
        "other_supplier": Reader("rival1", Role.SUPPLIER, OTHER_SUPPLIER_ID),
        "member": Reader("msc1", Role.MEMBER, PRODUCER),
        "field_staff": Reader("auditor1", Role.FIELD_STAFF, "association"),
        "officer": Reader(OFFICER, Role.FUND_OFFICER, "association"),
        "admin": Reader("admin1", Role.ADMIN, "association"),
        "rev_a": Reader("rev_a", Role.REVIEWER, "association"),
        "rev_b": Reader("rev_b", Role.REVIEWER, "association"),
        "rev_c": Reader("rev_c", Role.REVIEWER, "association"),
    }


class Desk:
    """One application's records and reviews, moved by ``decide`` with the context the server would give."""

    def __init__(self, call: Call | None = None, programme: Programme | None = None, now: dt.datetime = NOW) -> None:
        import uuid

        self.call = call or make_call()
        self.programme = programme or make_programme()
        self.supplier = make_supplier()
        self.now = now
        self.record: Any = None
        self.reviews: dict[str, Any] = {}
        self.application_id = str(uuid.uuid4())
        self.counter = 0
        self.readers = readers()

    def ctx(self, who: str) -> Any:
        import uuid

        from models.fund_workflow import Context

        def tracking() -> str:
            self.counter += 1
            return f"SF-1405-{self.counter:06d}"

        return Context(
            reader=self.readers[who],
            now=self.now,
            event_id=str(uuid.uuid4()),
            call=self.call,
            programme=self.programme,
            supplier=self.supplier,
            reviewer_accounts=frozenset(REVIEWERS),
            reviews=dict(self.reviews),
            tracking_no=tracking,
        )

    def move(self, who: str, event_type: str, **fields: Any) -> Any:
        """Make a move as ``who`` (a key of ``readers()``); returns the outcome or raises FundRefused."""
        from models.fund_events import parse_event
        from models.fund_workflow import decide

        if event_type == "submit" and "event" in fields:
            event = fields["event"]
        else:
            event = parse_event({"type": event_type, "application_id": self.application_id, **fields})
        outcome = decide(self.record, event, self.ctx(who))
        if outcome.record is not None:
            self.record = outcome.record
        if outcome.review is not None:
            self.reviews[outcome.review.reviewer] = outcome.review
        return outcome

    def submit(self, content: ApplicationContent | None = None, **kwargs: Any) -> Any:
        return self.move("applicant", "submit", event=submit_event(self.application_id, content, **kwargs))

    def to_review(self) -> None:
        self.submit()
        self.move("officer", "start_screening")
        self.move("officer", "screen", outcome="eligible")
        self.move("officer", "assign_reviewers", reviewers=["rev_a", "rev_b"])

    def score(self, who: str, technical: float, market: float, fx: float, note: str | None = None) -> None:
        self.move(who, "declare_conflict", conflict=False)
        self.move(
            who,
            "review",
            scores={"technical": technical, "market": market, "fx_impact": fx},
            recommendation="yes",
            note_to_applicant=note,
            private_note=f"private note of {who}",
        )

    def to_committee(self) -> None:
        self.to_review()
        self.score("rev_a", 4, 4, 4, "روش آزمون روشن است")
        self.score("rev_b", 4.5, 3.5, 4, "برنامه بازار قوی است")
        self.move("officer", "apply_thresholds")

    def to_active(self) -> None:
        self.to_committee()
        self.move("officer", "decide", outcome="approved", minutes="صورتجلسه ۱۲", meeting_no="12", amount_irr=8 * BN)
        self.move(
            "officer",
            "sign_agreement",
            contract_no="SF-C-001",
            amount_irr=8 * BN,
            rate_pct=14,
            term_months=24,
            grace_months=3,
            collateral=[{"kind": "promissory_note", "description": "سفته", "value_irr": 10 * BN}],
            start_date="2027-01-15",
            signed_on="2027-01-10",
            milestones=[
                {"id": "m1", "title": "نمونه صنعتی", "deliverable": "۱۰ تن", "due_date": "2027-07-15",
                 "tranche_irr": 3 * BN},
                {"id": "m2", "title": "آزمون", "deliverable": "گزارش", "due_date": "2028-01-15", "tranche_irr": 5 * BN},
            ],
        )  # fmt: skip
