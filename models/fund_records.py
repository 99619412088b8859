"""What the server keeps of an application and of each review, and the states an application goes through.

An application record (collection ``fund_applications``, id = the UUID made on the device) is written
only by the server, from the events the Fund's people push (``models/fund_workflow.py``); every move
is kept in ``history``. Each reader gets a projection of it (``models/fund_access.py``): the applicant
never sees reviewers, scores or internal states, only the applicant's stage (``Stage``, Hypha-style
labels) and what is meant for them. A review (collection ``fund_reviews``, id =
``<application id>:<reviewer>``) is a record of its own, so that scores never travel inside what an
applicant may read.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.fund_applications import SHA256_PATTERN, ApplicationContent, AttachmentRef
from models.fund_programmes import (
    CALL_ID_PATTERN,
    PROGRAMME_ID_PATTERN,
    CollateralKind,
    GuaranteeKind,
    GuaranteeSecurity,
    Instrument,
)
from models.orgs import SUPPLIER_ID_PATTERN


class _Rec(BaseModel):
    # extra="ignore": a newer server may add fields; not frozen: the workflow builds the next state
    # from a deep copy of the last one (models/fund_workflow.py).
    model_config = ConfigDict(extra="ignore")


class AppState(StrEnum):
    """An application's state as the Fund's staff see it."""

    SUBMITTED = "submitted"  # received by the server on time, waiting for screening
    LATE = "late"  # received after the deadline and its grace, sealed before the deadline: the Fund judges
    SCREENING = "screening"  # an officer is checking eligibility and completeness
    MORE_INFO = "more_info"  # sent back to the applicant for a new revision
    INELIGIBLE = "ineligible"
    ELIGIBLE = "eligible"  # passed screening, waiting for reviewers
    UNDER_REVIEW = "under_review"
    BELOW_THRESHOLD = "below_threshold"
    COMMITTEE = "committee"  # above the thresholds, before the committee (کارگروه)
    APPROVED = "approved"
    APPROVED_CONDITIONAL = "approved_conditional"
    REJECTED = "rejected"
    RETURNED = "returned"  # the committee sent it back for a new revision
    ACTIVE = "active"  # agreement signed: milestones, disbursements, repayments
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REFUSED_LATE = "refused_late"  # received late, and the Fund did not accept it


TERMINAL_STATES = frozenset(
    {
        AppState.INELIGIBLE,
        AppState.BELOW_THRESHOLD,
        AppState.REJECTED,
        AppState.CLOSED,
        AppState.WITHDRAWN,
        AppState.REFUSED_LATE,
    }
)
#: States in which the applicant may send a new revision.
REVISABLE_STATES = frozenset({AppState.MORE_INFO, AppState.RETURNED})


class Stage(StrEnum):
    """What the applicant is told (Hypha: "Application Received", "<ORG> Review" …). Several states share a
    stage, so internal moves are not news to the applicant."""

    RECEIVED = "received"
    RECEIVED_LATE = "received_late"
    MORE_INFO = "more_info"
    NOT_ELIGIBLE = "not_eligible"
    IN_ASSESSMENT = "in_assessment"
    NOT_FUNDED = "not_funded"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    RETURNED = "returned"
    UNDER_WAY = "under_way"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    WITHDRAWN = "withdrawn"
    LATE_NOT_ACCEPTED = "late_not_accepted"


STAGE_OF: dict[AppState, Stage] = {
    AppState.SUBMITTED: Stage.RECEIVED,
    AppState.SCREENING: Stage.RECEIVED,
    AppState.LATE: Stage.RECEIVED_LATE,
    AppState.MORE_INFO: Stage.MORE_INFO,
    AppState.INELIGIBLE: Stage.NOT_ELIGIBLE,
    AppState.ELIGIBLE: Stage.IN_ASSESSMENT,
    AppState.UNDER_REVIEW: Stage.IN_ASSESSMENT,
    AppState.COMMITTEE: Stage.IN_ASSESSMENT,
    AppState.BELOW_THRESHOLD: Stage.NOT_FUNDED,
    AppState.REJECTED: Stage.NOT_FUNDED,
    AppState.APPROVED: Stage.APPROVED,
    AppState.APPROVED_CONDITIONAL: Stage.APPROVED_WITH_CONDITIONS,
    AppState.RETURNED: Stage.RETURNED,
    AppState.ACTIVE: Stage.UNDER_WAY,
    AppState.CLOSED: Stage.COMPLETED,  # or TERMINATED: see stage_of
    AppState.WITHDRAWN: Stage.WITHDRAWN,
    AppState.REFUSED_LATE: Stage.LATE_NOT_ACCEPTED,
}


class Timing(StrEnum):
    """How a revision arrived against the call's deadline, by the server's clock."""

    ON_TIME = "on_time"
    IN_GRACE = "in_grace"  # after the deadline, within the grace period
    LATE = "late"  # after the grace period, sealed (by the device's word) before the deadline
    REQUESTED = "requested"  # a new revision the Fund asked for (more information, returned): no deadline


class Revision(_Rec):
    revision: int
    sha256: str = Field(pattern=SHA256_PATTERN)
    #: The device's clock when it was sealed (its claim, display and judgement only).
    sealed_at: dt.datetime
    #: The server's clock when it arrived.
    received_at: dt.datetime
    timing: Timing
    content: ApplicationContent


class HistoryEntry(_Rec):
    """One move. ``public``: the applicant sees it (its stage changed, it was their own move, or it
    carries a note for them); ``by`` names the account that moved it and is never shown to the applicant
    for the Fund's moves."""

    event_id: str
    type: str
    from_state: AppState | None = None
    to_state: AppState | None = None
    #: The applicant's stage after the move (what the applicant's copy shows instead of the states).
    to_stage: Stage | None = None
    at: dt.datetime
    by: str | None = None
    role: str
    public: bool = False
    note_to_applicant: str | None = None


class ScreeningOutcome(StrEnum):
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    MORE_INFO = "more_info"


class Screening(_Rec):
    outcome: ScreeningOutcome
    reasons: list[str] = Field(default_factory=list)
    note_to_applicant: str | None = None
    internal_note: str | None = None
    at: dt.datetime
    by: str | None = None


class Assignment(_Rec):
    """A reviewer assigned to an application; ``conflict`` None until they declare."""

    username: str
    assigned_at: dt.datetime
    conflict: bool | None = None
    declared_at: dt.datetime | None = None

    @property
    def active(self) -> bool:
        return self.conflict is not True


class Scoring(_Rec):
    """The thresholds applied (staff only): the criteria's means over the reviews, the weighted overall."""

    per_criterion: dict[str, float]
    overall: float
    passed: bool
    failed: list[str] = Field(default_factory=list)  # criterion codes below their threshold, "overall"
    reviews: int
    applied_at: dt.datetime


class Feedback(_Rec):
    """A reviewer's note to the applicant, released with the decision, without its author."""

    note: str


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"
    RETURNED = "returned"


class Decision(_Rec):
    outcome: DecisionOutcome
    meeting_no: str | None = None
    minutes: str | None = None  # the committee's minutes (صورتجلسه), staff only
    minutes_sha256: str | None = None
    amount_irr: int | None = None
    conditions: list[str] = Field(default_factory=list)
    note_to_applicant: str | None = None
    decided_at: dt.datetime
    by: str | None = None


class Collateral(_Rec):
    kind: CollateralKind
    description: str = ""
    value_irr: int | None = None


class IssuedGuarantee(_Rec):
    kind: GuaranteeKind
    beneficiary: str
    amount_irr: int
    months: int
    security: GuaranteeSecurity
    deposit_irr: int
    fee_irr: int
    expires_on: dt.date


class MilestoneState(StrEnum):
    PLANNED = "planned"
    SUBMITTED = "submitted"  # evidence sent by the applicant
    CHANGES_REQUESTED = "changes_requested"
    ACCEPTED = "accepted"


class Milestone(_Rec):
    id: str
    title: str
    deliverable: str
    due_date: dt.date
    tranche_irr: int
    state: MilestoneState = MilestoneState.PLANNED
    evidence: list[AttachmentRef] = Field(default_factory=list)
    #: A field visit (visits-core) that checked it.
    visit_id: str | None = None
    note_from_applicant: str | None = None
    note_to_applicant: str | None = None
    submitted_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    disbursed_irr: int = 0


class Agreement(_Rec):
    contract_no: str
    amount_irr: int
    rate_pct: float | None = None
    term_months: int | None = None
    grace_months: int | None = None
    collateral: list[Collateral] = Field(default_factory=list)
    guarantees: list[IssuedGuarantee] = Field(default_factory=list)
    start_date: dt.date
    signed_on: dt.date
    milestones: list[Milestone] = Field(default_factory=list)

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)


class Disbursement(_Rec):
    id: str
    milestone_id: str
    amount_irr: int
    paid_on: dt.date
    bank_ref: str | None = None
    at: dt.datetime


class Repayment(_Rec):
    id: str
    amount_irr: int
    paid_on: dt.date
    note: str | None = None
    at: dt.datetime


class FxSaving(_Rec):
    planned_eur: float | None = None
    verified_eur: float | None = None
    verified_on: dt.date | None = None
    note: str | None = None
    visit_id: str | None = None


class ClosureOutcome(StrEnum):
    COMPLETED = "completed"
    TERMINATED = "terminated"


class Closure(_Rec):
    outcome: ClosureOutcome
    note_to_applicant: str | None = None
    at: dt.datetime


class ApplicationRecord(_Rec):
    """An application as the server keeps it (the staff's view; others read projections of it)."""

    id: str
    call_id: str = Field(pattern=CALL_ID_PATTERN)
    programme_id: str = Field(pattern=PROGRAMME_ID_PATTERN)
    instrument: Instrument
    supplier_id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    supplier_name_fa: str | None = None
    supplier_name_en: str | None = None
    province: str | None = None
    tracking_no: str
    #: None in the applicant's projection: they see ``stage`` only.
    state: AppState | None = None
    stage: Stage
    revisions: list[Revision] = Field(min_length=1)
    submitted_at: dt.datetime
    updated_at: dt.datetime
    screening: Screening | None = None
    reviewers: list[Assignment] = Field(default_factory=list)
    scoring: Scoring | None = None
    feedback: list[Feedback] = Field(default_factory=list)
    decision: Decision | None = None
    agreement: Agreement | None = None
    disbursements: list[Disbursement] = Field(default_factory=list)
    repayments: list[Repayment] = Field(default_factory=list)
    fx: FxSaving = Field(default_factory=FxSaving)
    closure: Closure | None = None
    history: list[HistoryEntry] = Field(default_factory=list)
    demo: bool = False

    @property
    def revision(self) -> int:
        return self.revisions[-1].revision

    @property
    def content(self) -> ApplicationContent:
        return self.revisions[-1].content

    @property
    def disbursed_irr(self) -> int:
        return sum(d.amount_irr for d in self.disbursements)

    @property
    def repaid_irr(self) -> int:
        return sum(r.amount_irr for r in self.repayments)

    @property
    def awarded_irr(self) -> int | None:
        """The amount awarded: the agreement's once signed, else the committee's approval."""
        if self.agreement is not None:
            return self.agreement.amount_irr
        if self.decision is not None and self.decision.outcome in (
            DecisionOutcome.APPROVED,
            DecisionOutcome.APPROVED_WITH_CONDITIONS,
        ):
            return self.decision.amount_irr
        return None

    def assignment(self, username: str) -> Assignment | None:
        return next((a for a in self.reviewers if a.username == username), None)

    def active_reviewers(self) -> list[str]:
        return [a.username for a in self.reviewers if a.active]


def stage_of(state: AppState, closure: Closure | None = None) -> Stage:
    if state is AppState.CLOSED and closure is not None and closure.outcome is ClosureOutcome.TERMINATED:
        return Stage.TERMINATED
    return STAGE_OF[state]


class Recommendation(StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


class ReviewHistoryEntry(_Rec):
    event_id: str
    type: str  # declare_conflict | review
    at: dt.datetime
    conflict: bool | None = None
    scores: dict[str, float] | None = None


class ReviewRecord(_Rec):
    """One reviewer's conflict declaration and scores for one application (collection ``fund_reviews``)."""

    application_id: str
    reviewer: str
    call_id: str = Field(pattern=CALL_ID_PATTERN)
    conflict: bool | None = None
    conflict_note: str | None = None
    scores: dict[str, float] = Field(default_factory=dict)
    recommendation: Recommendation | None = None
    note_to_applicant: str | None = None
    private_note: str | None = None
    submitted_at: dt.datetime | None = None
    history: list[ReviewHistoryEntry] = Field(default_factory=list)
    demo: bool = False

    @property
    def id(self) -> str:
        return review_id(self.application_id, self.reviewer)

    @property
    def complete(self) -> bool:
        return self.conflict is False and self.submitted_at is not None


def review_id(application_id: str, reviewer: str) -> str:
    return f"{application_id}:{reviewer}"


def split_review_id(record_id: str) -> tuple[str, str] | None:
    application_id, sep, reviewer = record_id.partition(":")
    return (application_id, reviewer) if sep and application_id and reviewer else None


def dump(record: BaseModel) -> dict[str, Any]:
    """The JSON a record is stored and served as (None fields kept: a reader sees what is empty)."""
    return record.model_dump(mode="json")
