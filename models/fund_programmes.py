"""The Steel Research & Technology Fund's programmes and calls: instruments, terms, eligibility, criteria, deadlines.

Programmes and calls are reference data the association edits (``python -m server import-fund``;
demo ones from ``seed-demo``), served to every signed-in account and cached on the device. Nothing
here is fixed in code that the association might want to change: amounts, rates, terms, collateral,
a guarantee's deposit and fee, who is eligible, the documents a call asks for and their limits, the
questions on its form, its criteria with their weights and thresholds.

Money is in Iranian rials (ISO 4217 ``IRR``, the unit of Iran's official figures and of 360Giving's
``currency``), as whole numbers; screens show tomans (rials / 10) with the unit. A call's times are
aware datetimes in Tehran's time (``TEHRAN``); docs/fund.md says why the offset is fixed.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.categories import CODE_PATTERN, is_within
from models.needs import NEED_ID_PATTERN
from models.suppliers import CompanyType, Origin, QualificationState

#: Iran Standard Time. Iran stopped daylight saving in 2022 (1401), so +03:30 holds all year for every
#: call this app will see; a fixed offset needs no time-zone database, which phones may lack.
TEHRAN = dt.timezone(dt.timedelta(hours=3, minutes=30), "Asia/Tehran")
CURRENCY = "IRR"
#: Rials in a toman: screens and the ledger's words show tomans, the data keeps rials.
RIALS_PER_TOMAN = 10

PROGRAMME_ID_PATTERN = r"^FP(?:-DEMO)?-[0-9A-Z]{1,20}$"
CALL_ID_PATTERN = r"^FC(?:-DEMO)?-[0-9A-Z-]{1,30}$"
_CODE = r"^[a-z][a-z0-9_]{0,39}$"
MIME_PATTERN = r"^[a-z]+/[a-z0-9.+-]+$"


class _Reference(BaseModel):
    # extra="ignore": a newer server may send fields this client does not know yet.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Instrument(StrEnum):
    """How the Fund finances (fund-notes: INIF's and the R&T funds' instruments)."""

    PREFERENTIAL_LOAN = "preferential_loan"  # تسهیلات با نرخ ترجیحی
    INTEREST_FREE_LOAN = "interest_free_loan"  # قرض‌الحسنه (a service fee only)
    LEASING = "leasing"  # لیزینگ / اجاره به شرط تملیک
    INSTALMENT_SALE = "instalment_sale"  # فروش اقساطی
    GUARANTEE = "guarantee"  # ضمانت‌نامه (its kinds: GuaranteeKind)
    VENTURE_INVESTMENT = "venture_investment"  # سرمایه‌گذاری خطرپذیر
    GRANT = "grant"  # کمک بلاعوض / پژوهانه
    INTEREST_SUBSIDY = "interest_subsidy"  # یارانه سود تسهیلات بانکی


#: Instruments the recipient repays: they have repayments after disbursement.
LOAN_INSTRUMENTS = frozenset(
    {Instrument.PREFERENTIAL_LOAN, Instrument.INTEREST_FREE_LOAN, Instrument.LEASING, Instrument.INSTALMENT_SALE}
)


class GuaranteeKind(StrEnum):
    """The guarantees the R&T funds issue; they count as bank guarantees for executive bodies."""

    BID = "bid"  # شرکت در مناقصه
    ADVANCE_PAYMENT = "advance_payment"  # پیش‌پرداخت
    GOOD_PERFORMANCE = "good_performance"  # حسن انجام کار
    OBLIGATIONS = "obligations"  # انجام تعهدات


class GuaranteeSecurity(StrEnum):
    """What the applicant leaves against a guarantee; it decides the fee (0.5 % vs 2 % in one fund)."""

    CASH_DEPOSIT = "cash_deposit"  # سپرده نقدی
    NOTE = "note"  # چک یا سفته


class CollateralKind(StrEnum):
    PROMISSORY_NOTE = "promissory_note"  # سفته
    CHEQUE = "cheque"  # چک
    PROPERTY = "property"  # وثیقه ملکی
    EQUIPMENT = "equipment"  # وثیقه ماشین‌آلات و تجهیزات
    BANK_GUARANTEE = "bank_guarantee"  # ضمانت‌نامه بانکی
    CONTRACT_ASSIGNMENT = "contract_assignment"  # واگذاری مطالبات قرارداد
    THIRD_PARTY_GUARANTOR = "third_party_guarantor"  # ضامن
    SHARES = "shares"  # سهام
    CASH_DEPOSIT = "cash_deposit"  # سپرده نقدی


class FundingSource(StrEnum):
    OWN = "own"  # the Fund's own resources
    AGENCY = "agency"  # عاملیت: another body's money, lent through the Fund


class ProgrammeStatus(StrEnum):
    DRAFT = "draft"  # being prepared; calls of it are not shown to suppliers
    ACTIVE = "active"
    SUSPENDED = "suspended"  # no new applications; running ones go on
    CLOSED = "closed"


class AmountRange(_Reference):
    """Inclusive bounds, in rials."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> AmountRange:
        if self.min > self.max:
            raise ValueError("min is above max")
        return self

    def contains(self, value: int) -> bool:
        return self.min <= value <= self.max


class RateRange(_Reference):
    """Inclusive bounds of a yearly percentage (a loan's rate, a subsidy's points)."""

    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> RateRange:
        if self.min > self.max:
            raise ValueError("min is above max")
        return self


class MonthRange(_Reference):
    min: int = Field(ge=0, le=240)
    max: int = Field(ge=0, le=240)

    @model_validator(mode="after")
    def _ordered(self) -> MonthRange:
        if self.min > self.max:
            raise ValueError("min is above max")
        return self


class GuaranteeTerms(_Reference):
    """A guarantee programme's kinds, cash deposit and fee (one fund: deposit 2–10 %, fee 0.5 % with a cash
    deposit, 2 % against a cheque or promissory note). The fee is charged per started ``fee_period_months``
    of the guarantee's validity."""

    kinds: tuple[GuaranteeKind, ...] = Field(min_length=1)
    deposit_pct_min: float = Field(ge=0, le=100)
    deposit_pct_max: float = Field(ge=0, le=100)
    fee_pct_with_deposit: float = Field(ge=0, le=100)
    fee_pct_with_note: float = Field(ge=0, le=100)
    fee_period_months: int = Field(default=12, ge=1, le=120)
    #: How many days before an issued guarantee ends the supplier and the officer are warned (renewal takes time).
    warn_days_before_expiry: int = Field(default=30, ge=1, le=365)

    @model_validator(mode="after")
    def _ordered(self) -> GuaranteeTerms:
        if self.deposit_pct_min > self.deposit_pct_max:
            raise ValueError("deposit_pct_min is above deposit_pct_max")
        return self


#: Qualification states from weakest to strongest standing; the others (rejected, suspended, expired)
#: never satisfy a programme's minimum.
QUALIFICATION_LADDER: tuple[QualificationState, ...] = (
    QualificationState.SURVEYED,
    QualificationState.VISITED,
    QualificationState.CONDITIONAL,
    QualificationState.APPROVED,
)


def qualification_rank(state: QualificationState) -> int:
    """Where ``state`` stands on the ladder (0 for none and for the states that never qualify)."""
    return QUALIFICATION_LADDER.index(state) + 1 if state in QUALIFICATION_LADDER else 0


class Eligibility(_Reference):
    """Who may apply to a programme's calls, judged from the supplier's directory entry.

    Empty tuples mean "any"; ``categories`` asks that the supplier work in one of them (its own
    categories within or under one); ``qualification`` asks for at least that standing in one of those
    categories (or in any category when ``categories`` is empty) on the day it applies.
    """

    knowledge_based: bool = False
    company_types: tuple[CompanyType, ...] = ()
    categories: tuple[str, ...] = ()
    qualification: QualificationState | None = None
    certificates: tuple[str, ...] = ()  # schemes that must be valid, e.g. "ISO 9001"

    @field_validator("categories")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValueError(f"{code!r} is not a category code")
        return value

    @field_validator("qualification")
    @classmethod
    def _on_ladder(cls, value: QualificationState | None) -> QualificationState | None:
        if value is not None and value not in QUALIFICATION_LADDER:
            raise ValueError(f"{value.value} is not a standing a programme can ask for")
        return value


class Programme(_Reference):
    """A Fund programme (collection ``fund_programmes``, id = ``id``)."""

    id: str = Field(pattern=PROGRAMME_ID_PATTERN)
    title_fa: str = Field(min_length=1, max_length=300)
    title_en: str = Field(min_length=1, max_length=300)
    summary_fa: str | None = Field(default=None, max_length=4000)
    summary_en: str | None = Field(default=None, max_length=4000)
    instrument: Instrument
    amount_irr: AmountRange
    #: A loan's yearly rate; for an interest subsidy, the points the Fund pays; None where none applies.
    rate_pct: RateRange | None = None
    term_months: MonthRange | None = None
    grace_months_max: int | None = Field(default=None, ge=0, le=60)
    collateral_kinds: tuple[CollateralKind, ...] = ()
    guarantee: GuaranteeTerms | None = None
    #: Venture investment: the share of the company the Fund takes, in percent.
    equity_pct: RateRange | None = None
    eligibility: Eligibility = Eligibility()
    priority_categories: tuple[str, ...] = ()
    funding_source: FundingSource = FundingSource.OWN
    status: ProgrammeStatus = ProgrammeStatus.ACTIVE
    origin: Origin = Origin.REGISTER
    demo: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Programme:
        if (self.instrument is Instrument.GUARANTEE) != (self.guarantee is not None):
            raise ValueError("a guarantee programme, and only one, has guarantee terms")
        if self.instrument in LOAN_INSTRUMENTS and (self.rate_pct is None or self.term_months is None):
            raise ValueError("a loan programme has a rate range and a term")
        if self.instrument is Instrument.INTEREST_SUBSIDY and self.rate_pct is None:
            raise ValueError("an interest subsidy programme says how many points it pays (rate_pct)")
        if (self.instrument is Instrument.VENTURE_INVESTMENT) != (self.equity_pct is not None):
            raise ValueError("a venture investment programme, and only one, has an equity range")
        for code in self.priority_categories:
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValueError(f"priority_categories: {code!r} is not a category code")
        if self.origin is Origin.DEMO and not self.demo:
            raise ValueError("a demo record must say demo: true")
        return self

    @property
    def is_loan(self) -> bool:
        return self.instrument in LOAN_INSTRUMENTS

    def is_priority(self, category: str) -> bool:
        return any(is_within(category, p) for p in self.priority_categories)


class RequiredDocument(_Reference):
    """A document a call asks for, with the limits the app shows before upload and checks on the device."""

    code: str = Field(pattern=_CODE)
    name_fa: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    required: bool = True
    max_bytes: int = Field(ge=1, le=200 * 1024 * 1024)
    mime_types: tuple[str, ...] = Field(min_length=1)
    max_files: int = Field(default=1, ge=1, le=50)
    note_fa: str | None = Field(default=None, max_length=1000)
    note_en: str | None = Field(default=None, max_length=1000)

    @field_validator("mime_types")
    @classmethod
    def _mimes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for mime in value:
            if not re.fullmatch(MIME_PATTERN, mime):
                raise ValueError(f"{mime!r} is not a media type")
        return value


class QuestionKind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"


class Choice(_Reference):
    code: str = Field(pattern=_CODE)
    label_fa: str = Field(min_length=1, max_length=200)
    label_en: str = Field(min_length=1, max_length=200)


class FormQuestion(_Reference):
    """A question on a call's form beyond the fixed sections (the answers go in ``ApplicationContent.answers``)."""

    code: str = Field(pattern=_CODE)
    label_fa: str = Field(min_length=1, max_length=500)
    label_en: str = Field(min_length=1, max_length=500)
    kind: QuestionKind = QuestionKind.TEXT
    required: bool = False
    max_length: int = Field(default=2000, ge=1, le=20_000)
    choices: tuple[Choice, ...] = ()

    @model_validator(mode="after")
    def _choices(self) -> FormQuestion:
        if (self.kind is QuestionKind.CHOICE) != bool(self.choices):
            raise ValueError("a choice question, and only one, lists its choices")
        return self


class Criterion(_Reference):
    """One criterion reviewers score 0–5, its weight in the overall score and its own threshold."""

    code: str = Field(pattern=_CODE)
    name_fa: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    description_fa: str | None = Field(default=None, max_length=2000)
    description_en: str | None = Field(default=None, max_length=2000)
    weight: float = Field(gt=0, le=100)
    threshold: float = Field(default=0, ge=0, le=5)


class CriterionSet(_Reference):
    """How a call's applications are scored (EU Funding & Tenders: each criterion 0–5, a threshold per
    criterion and overall; krrtf: overall above 3.5 of 5). The overall score is the weighted mean of the
    criteria's means over the reviewers, on the same 0–5 scale."""

    code: str = Field(pattern=_CODE)
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    overall_threshold: float = Field(ge=0, le=5)
    #: True: the overall score must be *above* the threshold (krrtf's "> 3.5"); False: at least it.
    overall_strict: bool = False
    half_points: bool = True
    min_reviewers: int = Field(default=2, ge=1, le=20)

    @model_validator(mode="after")
    def _unique(self) -> CriterionSet:
        codes = [c.code for c in self.criteria]
        if len(set(codes)) != len(codes):
            raise ValueError("criteria codes repeat")
        return self

    def criterion(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)


class Call(_Reference):
    """A call for applications under one programme (collection ``fund_calls``, id = ``id``)."""

    id: str = Field(pattern=CALL_ID_PATTERN)
    programme_id: str = Field(pattern=PROGRAMME_ID_PATTERN)
    title_fa: str = Field(min_length=1, max_length=300)
    title_en: str = Field(min_length=1, max_length=300)
    summary_fa: str | None = Field(default=None, max_length=4000)
    summary_en: str | None = Field(default=None, max_length=4000)
    opens_at: dt.datetime
    closes_at: dt.datetime
    #: Minutes after ``closes_at`` during which the server still takes submissions sealed on time.
    grace_minutes: int = Field(default=0, ge=0, le=60 * 24 * 14)
    budget_irr: int = Field(ge=0)
    required_documents: tuple[RequiredDocument, ...] = ()
    form_questions: tuple[FormQuestion, ...] = ()
    #: Needs the call is meant for; when any are listed an application must answer one of them.
    target_need_ids: tuple[str, ...] = ()
    criteria: CriterionSet
    max_applications_per_supplier: int = Field(default=1, ge=1, le=100)
    origin: Origin = Origin.REGISTER
    demo: bool = False

    @field_validator("opens_at", "closes_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError("a call's times carry their offset (Tehran: +03:30)")
        return value.astimezone(TEHRAN)

    @field_validator("target_need_ids")
    @classmethod
    def _need_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for need_id in value:
            if not re.fullmatch(NEED_ID_PATTERN, need_id):
                raise ValueError(f"{need_id!r} is not a need id")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Call:
        if self.closes_at <= self.opens_at:
            raise ValueError("a call closes after it opens")
        for name, items in (("required_documents", self.required_documents), ("form_questions", self.form_questions)):
            codes = [i.code for i in items]
            if len(set(codes)) != len(codes):
                raise ValueError(f"{name}: codes repeat")
        if self.origin is Origin.DEMO and not self.demo:
            raise ValueError("a demo record must say demo: true")
        return self

    @property
    def grace_ends_at(self) -> dt.datetime:
        """The last moment the server takes a submission (the deadline plus the grace period)."""
        return self.closes_at + dt.timedelta(minutes=self.grace_minutes)

    def document(self, code: str) -> RequiredDocument | None:
        return next((d for d in self.required_documents if d.code == code), None)

    def question(self, code: str) -> FormQuestion | None:
        return next((q for q in self.form_questions if q.code == code), None)


class CallPhase(StrEnum):
    UPCOMING = "upcoming"  # not open yet
    OPEN = "open"  # drafts are edited and sealed
    GRACE = "grace"  # past the deadline: nothing new is sealed; the server still takes what was sealed on time
    CLOSED = "closed"


def call_phase(call: Call, now: dt.datetime) -> CallPhase:
    """Where ``call`` stands at ``now`` (an aware datetime)."""
    if now < call.opens_at:
        return CallPhase.UPCOMING
    if now <= call.closes_at:
        return CallPhase.OPEN
    if now <= call.grace_ends_at:
        return CallPhase.GRACE
    return CallPhase.CLOSED


def tehran(value: dt.datetime) -> dt.datetime:
    """``value`` (aware) as Tehran's wall-clock time."""
    if value.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return value.astimezone(TEHRAN)


def tehran_day_end(day: dt.date) -> dt.datetime:
    """23:59 in Tehran on ``day``: the deadline a call announces for a day (hide Submit at 11:59 pm, not
    midnight — simpler-grants-gov #6869)."""
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=TEHRAN)


def tomans(rials: int) -> float:
    return rials / RIALS_PER_TOMAN
