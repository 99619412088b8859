"""The moves people make on an application, as pushed: one event per op of collection ``fund_events``.

Each op's ``record_id`` is the event's id (a UUID made on the device) and its ``data`` one of the
models below, told apart by ``type``. The server checks who may make the move and applies it
(``models/fund_workflow.py``); nothing an event carries is stored without being validated here, and a
field these models do not know is refused rather than dropped (``extra="forbid"``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from models.fund_applications import SHA256_PATTERN, AttachmentRef, Seal
from models.fund_programmes import CollateralKind, GuaranteeKind, GuaranteeSecurity
from models.fund_records import ClosureOutcome, DecisionOutcome, Recommendation, ScreeningOutcome

_NOTE = 4000
_ID = r"^[A-Za-z0-9_-]{1,40}$"


class EventType(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    START_SCREENING = "start_screening"
    SCREEN = "screen"
    JUDGE_LATE = "judge_late"
    ASSIGN_REVIEWERS = "assign_reviewers"
    DECLARE_CONFLICT = "declare_conflict"
    REVIEW = "review"
    APPLY_THRESHOLDS = "apply_thresholds"
    DECIDE = "decide"
    SIGN_AGREEMENT = "sign_agreement"
    MILESTONE_EVIDENCE = "milestone_evidence"
    REVIEW_MILESTONE = "review_milestone"
    DISBURSE = "disburse"
    RECORD_REPAYMENT = "record_repayment"
    VERIFY_FX = "verify_fx"
    CLOSE = "close"


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    application_id: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    #: The device's clock when the move was made (display only; the server stamps its own time).
    at: dt.datetime | None = None


def _text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


class Submit(_Event):
    """A sealed revision: the first submission (revision 1) or a new one after ``more_info``/``returned``."""

    type: Literal["submit"] = "submit"
    seal: Seal
    #: The content exactly as sealed (``ApplicationContent`` JSON); its SHA-256 must be ``seal.sha256``.
    content: dict[str, Any]


class Withdraw(_Event):
    type: Literal["withdraw"] = "withdraw"
    note: str | None = Field(default=None, max_length=_NOTE)


class StartScreening(_Event):
    type: Literal["start_screening"] = "start_screening"


class ScreenReason(StrEnum):
    """Why screening did not find an application eligible, or what it lacks."""

    ELIGIBILITY_RULES = "eligibility_rules"  # the programme's rules (knowledge-based, standing, certificates)
    OUT_OF_SCOPE = "out_of_scope"  # not what the call is for
    DOCUMENTS = "documents"  # a document missing, unreadable or not the one asked for
    BUDGET = "budget"  # the budget or its milestones do not hold together
    DUPLICATE = "duplicate"  # the same project applied for twice
    OTHER = "other"


class Screen(_Event):
    type: Literal["screen"] = "screen"
    outcome: ScreeningOutcome
    reasons: list[ScreenReason] = Field(default_factory=list, max_length=10)
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)
    internal_note: str | None = Field(default=None, max_length=_NOTE)


class JudgeLate(_Event):
    """The Fund's judgement of a submission that arrived after the grace period but was sealed on time."""

    type: Literal["judge_late"] = "judge_late"
    accept: bool
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)
    internal_note: str | None = Field(default=None, max_length=_NOTE)


class AssignReviewers(_Event):
    """The reviewers the application has from now on (accounts with the ``reviewer`` role)."""

    type: Literal["assign_reviewers"] = "assign_reviewers"
    reviewers: list[str] = Field(min_length=1, max_length=20)

    @field_validator("reviewers")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a reviewer is listed twice")
        return value


class DeclareConflict(_Event):
    type: Literal["declare_conflict"] = "declare_conflict"
    conflict: bool
    note: str | None = Field(default=None, max_length=_NOTE)


class Review(_Event):
    type: Literal["review"] = "review"
    scores: dict[str, float]
    recommendation: Recommendation | None = None
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)
    private_note: str | None = Field(default=None, max_length=_NOTE)


class ApplyThresholds(_Event):
    """Apply the call's thresholds to the reviews in (the server computes the outcome)."""

    type: Literal["apply_thresholds"] = "apply_thresholds"


class Decide(_Event):
    """The committee's decision (کارگروه), recorded with its minutes."""

    type: Literal["decide"] = "decide"
    outcome: DecisionOutcome
    meeting_no: str | None = Field(default=None, max_length=60)
    minutes: str = Field(min_length=1, max_length=20_000)
    minutes_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)
    amount_irr: int | None = Field(default=None, ge=1, le=10**16)
    conditions: list[str] = Field(default_factory=list, max_length=30)
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)


class CollateralIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CollateralKind
    description: str = Field(default="", max_length=1000)
    value_irr: int | None = Field(default=None, ge=0, le=10**16)


class GuaranteeIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: GuaranteeKind
    beneficiary: str = Field(min_length=1, max_length=300)
    amount_irr: int = Field(ge=1, le=10**16)
    months: int = Field(ge=1, le=120)
    security: GuaranteeSecurity = GuaranteeSecurity.CASH_DEPOSIT
    deposit_pct: float = Field(default=0, ge=0, le=100)


class MilestoneIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1, max_length=300)
    deliverable: str = Field(min_length=1, max_length=2000)
    due_date: dt.date
    tranche_irr: int = Field(ge=0, le=10**16)


class SignAgreement(_Event):
    type: Literal["sign_agreement"] = "sign_agreement"
    contract_no: str = Field(min_length=1, max_length=60)
    amount_irr: int = Field(ge=1, le=10**16)
    rate_pct: float | None = Field(default=None, ge=0, le=100)
    term_months: int | None = Field(default=None, ge=1, le=240)
    grace_months: int | None = Field(default=None, ge=0, le=60)
    collateral: list[CollateralIn] = Field(default_factory=list, max_length=20)
    guarantees: list[GuaranteeIn] = Field(default_factory=list, max_length=20)
    start_date: dt.date
    signed_on: dt.date
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=50)


class MilestoneEvidence(_Event):
    type: Literal["milestone_evidence"] = "milestone_evidence"
    milestone_id: str = Field(pattern=_ID)
    attachments: list[AttachmentRef] = Field(min_length=1, max_length=50)
    note: str | None = Field(default=None, max_length=_NOTE)


class ReviewMilestone(_Event):
    type: Literal["review_milestone"] = "review_milestone"
    milestone_id: str = Field(pattern=_ID)
    accept: bool
    #: A field visit that checked the milestone (its evidence when no documents were sent).
    visit_id: str | None = Field(default=None, max_length=100)
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)


class Disburse(_Event):
    type: Literal["disburse"] = "disburse"
    milestone_id: str = Field(pattern=_ID)
    amount_irr: int = Field(ge=1, le=10**16)
    paid_on: dt.date
    bank_ref: str | None = Field(default=None, max_length=100)


class RecordRepayment(_Event):
    type: Literal["record_repayment"] = "record_repayment"
    amount_irr: int = Field(ge=1, le=10**16)
    paid_on: dt.date
    note: str | None = Field(default=None, max_length=_NOTE)


class VerifyFx(_Event):
    type: Literal["verify_fx"] = "verify_fx"
    verified_eur: float = Field(ge=0, le=10**12)
    verified_on: dt.date
    note: str | None = Field(default=None, max_length=_NOTE)
    visit_id: str | None = Field(default=None, max_length=100)


class Close(_Event):
    type: Literal["close"] = "close"
    outcome: ClosureOutcome
    note_to_applicant: str | None = Field(default=None, max_length=_NOTE)


FundEvent = Annotated[
    Submit
    | Withdraw
    | StartScreening
    | Screen
    | JudgeLate
    | AssignReviewers
    | DeclareConflict
    | Review
    | ApplyThresholds
    | Decide
    | SignAgreement
    | MilestoneEvidence
    | ReviewMilestone
    | Disburse
    | RecordRepayment
    | VerifyFx
    | Close,
    Field(discriminator="type"),
]
EVENTS: TypeAdapter[FundEvent] = TypeAdapter(FundEvent)


def parse_event(data: Any) -> FundEvent:
    """The event ``data`` describes (raises pydantic's ``ValidationError``)."""
    return EVENTS.validate_python(data)


def new_event_id() -> str:
    return str(uuid.uuid4())


def note(value: str | None) -> str | None:
    """A note as stored: stripped, and None when empty."""
    return _text(value)
