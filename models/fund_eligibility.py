"""Which calls a supplier can apply to, why not the others, and what a guarantee would cost: pure rules.

Judged from the supplier's directory entry (knowledge-based flag, company type, categories,
qualifications with their expiry, certificates with their validity) against a programme's
``Eligibility`` and a call's dates. Every reason is a code with parameters (``Reason``), never words:
the app words them in Persian or English (``models/fund_words.py``). The server applies the same
rules when a submission arrives, so what the app says before drafting is what the server decides.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from models.categories import is_within
from models.fund_programmes import (
    Call,
    CallPhase,
    GuaranteeSecurity,
    Programme,
    ProgrammeStatus,
    call_phase,
    qualification_rank,
    tehran,
)
from models.suppliers import Qualification, QualificationState, Supplier


@dataclass(frozen=True)
class Reason:
    """Why a supplier may not apply: a stable code and what the words need (ISO dates, codes, counts)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


# Reason codes (docs/fund.md lists them with their parameters).
PROGRAMME_NOT_ACTIVE = "programme_not_active"
CALL_UPCOMING = "call_upcoming"
CALL_CLOSED = "call_closed"
NOT_KNOWLEDGE_BASED = "not_knowledge_based"
COMPANY_TYPE = "company_type"
CATEGORY_OUTSIDE = "category_outside"
QUALIFICATION_MISSING = "qualification_missing"
QUALIFICATION_TOO_LOW = "qualification_too_low"
QUALIFICATION_EXPIRED = "qualification_expired"
CERTIFICATE_MISSING = "certificate_missing"
CERTIFICATE_EXPIRED = "certificate_expired"
APPLICATION_LIMIT = "application_limit"


@dataclass(frozen=True)
class GuaranteeEstimate:
    """What a guarantee of ``amount_irr`` for ``months`` would ask for, in rials."""

    amount_irr: int
    months: int
    deposit_min_irr: int
    deposit_max_irr: int
    deposit_pct_min: float
    deposit_pct_max: float
    fee_pct: float
    fee_periods: int
    fee_irr: int
    security: GuaranteeSecurity

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "security": self.security.value}


def _share(amount_irr: int, pct: float) -> int:
    # whole rials, half up: a fund's statement rounds the way a person would
    return math.floor(amount_irr * pct / 100 + 0.5)


def guarantee_estimate(
    programme: Programme,
    amount_irr: int,
    months: int,
    security: GuaranteeSecurity = GuaranteeSecurity.CASH_DEPOSIT,
) -> GuaranteeEstimate:
    """The cash deposit (the programme's range) and the fee for a guarantee of ``amount_irr`` valid ``months``.

    The fee is charged per started fee period (a year by default): 0.5 % a year with a cash deposit, 2 %
    against a cheque or promissory note, in the fund the notes cite. With a note there is no cash deposit.
    """
    terms = programme.guarantee
    if terms is None:
        raise ValueError(f"{programme.id} is not a guarantee programme")
    if amount_irr < 0 or months < 1:
        raise ValueError("a guarantee has an amount and lasts at least a month")
    periods = max(1, math.ceil(months / terms.fee_period_months))
    with_deposit = security is GuaranteeSecurity.CASH_DEPOSIT
    fee_pct = terms.fee_pct_with_deposit if with_deposit else terms.fee_pct_with_note
    return GuaranteeEstimate(
        amount_irr=amount_irr,
        months=months,
        deposit_min_irr=_share(amount_irr, terms.deposit_pct_min) if with_deposit else 0,
        deposit_max_irr=_share(amount_irr, terms.deposit_pct_max) if with_deposit else 0,
        deposit_pct_min=terms.deposit_pct_min if with_deposit else 0.0,
        deposit_pct_max=terms.deposit_pct_max if with_deposit else 0.0,
        fee_pct=fee_pct,
        fee_periods=periods,
        fee_irr=_share(amount_irr, fee_pct) * periods,
        security=security,
    )


def _related(code: str, wanted: Iterable[str]) -> bool:
    """A supplier category counts for a programme category when one lies within the other: a maker of
    refractories in general may make shaped ones, and a maker of shaped ones makes refractories."""
    return any(is_within(code, w) or is_within(w, code) for w in wanted)


def supplier_reasons(programme: Programme, supplier: Supplier, day: dt.date) -> list[Reason]:
    """Why ``supplier`` falls outside ``programme``'s eligibility on ``day`` (empty: it is eligible)."""
    rules = programme.eligibility
    reasons: list[Reason] = []
    if rules.knowledge_based and not supplier.knowledge_based:
        reasons.append(Reason(NOT_KNOWLEDGE_BASED))
    if rules.company_types and supplier.company_type not in rules.company_types:
        reasons.append(
            Reason(
                COMPANY_TYPE,
                {"company_type": supplier.company_type.value, "allowed": [t.value for t in rules.company_types]},
            )
        )
    if rules.categories and not any(_related(c, rules.categories) for c in supplier.categories):
        reasons.append(Reason(CATEGORY_OUTSIDE, {"categories": list(rules.categories)}))
    if rules.qualification is not None:
        reason = _qualification_reason(rules.qualification, rules.categories, supplier.qualifications, day)
        if reason is not None:
            reasons.append(reason)
    for scheme in rules.certificates:
        held = [c for c in supplier.certificates if c.scheme.casefold() == scheme.casefold()]
        if not held:
            reasons.append(Reason(CERTIFICATE_MISSING, {"scheme": scheme}))
        elif not any(c.is_valid_on(day) for c in held):
            latest = max(c.valid_to for c in held)
            reasons.append(Reason(CERTIFICATE_EXPIRED, {"scheme": scheme, "valid_to": latest.isoformat()}))
    return reasons


def _qualification_reason(
    required: QualificationState, categories: tuple[str, ...], held: Iterable[Qualification], day: dt.date
) -> Reason | None:
    relevant = [q for q in held if not categories or _related(q.category, categories)]
    wanted = qualification_rank(required)
    if any(qualification_rank(q.state_on(day)) >= wanted for q in relevant):
        return None
    scope = list(categories)
    if not relevant:
        return Reason(QUALIFICATION_MISSING, {"required": required.value, "categories": scope})
    lapsed = [
        q
        for q in relevant
        if q.state_on(day) is QualificationState.EXPIRED
        and qualification_rank(q.state) >= wanted
        and q.expires is not None
    ]
    if lapsed:
        newest = max(lapsed, key=lambda q: q.expires or day)
        return Reason(
            QUALIFICATION_EXPIRED,
            {"category": newest.category, "expired_on": newest.expires.isoformat() if newest.expires else None},
        )
    best = max(relevant, key=lambda q: qualification_rank(q.state_on(day)))
    return Reason(
        QUALIFICATION_TOO_LOW,
        {"category": best.category, "state": best.state_on(day).value, "required": required.value},
    )


@dataclass(frozen=True)
class CallEligibility:
    """One call as a supplier sees it before drafting: may it apply, why not, and what it would cost."""

    call: Call
    programme: Programme
    phase: CallPhase
    reasons: tuple[Reason, ...]
    #: The supplier works in one of the programme's priority categories.
    priority: bool

    @property
    def eligible(self) -> bool:
        return not self.reasons

    @property
    def reason_codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def call_eligibility(
    call: Call,
    programme: Programme,
    supplier: Supplier,
    now: dt.datetime,
    applications: int = 0,
) -> CallEligibility:
    """May ``supplier`` apply to ``call`` at ``now``? ``applications``: how many it already made to the call
    (drafts excluded)."""
    phase = call_phase(call, now)
    reasons: list[Reason] = []
    if programme.status is not ProgrammeStatus.ACTIVE:
        reasons.append(Reason(PROGRAMME_NOT_ACTIVE, {"status": programme.status.value}))
    if phase is CallPhase.UPCOMING:
        reasons.append(Reason(CALL_UPCOMING, {"opens_at": call.opens_at.isoformat()}))
    elif phase in (CallPhase.GRACE, CallPhase.CLOSED):
        reasons.append(Reason(CALL_CLOSED, {"closes_at": call.closes_at.isoformat()}))
    reasons += supplier_reasons(programme, supplier, tehran(now).date())
    if applications >= call.max_applications_per_supplier:
        reasons.append(Reason(APPLICATION_LIMIT, {"limit": call.max_applications_per_supplier, "count": applications}))
    priority = any(programme.is_priority(c) for c in supplier.categories)
    return CallEligibility(call, programme, phase, tuple(reasons), priority)


def eligible_calls(
    calls: Iterable[Call],
    programmes: Mapping[str, Programme],
    supplier: Supplier,
    now: dt.datetime,
    applications_by_call: Mapping[str, int] | None = None,
    *,
    include_closed: bool = False,
) -> list[CallEligibility]:
    """Every call of a known programme as ``supplier`` sees it: those it may apply to first (priority ones
    first, then by deadline), then the others with their reasons. Closed calls are left out unless asked."""
    counts = applications_by_call or {}
    out: list[CallEligibility] = []
    for call in calls:
        programme = programmes.get(call.programme_id)
        if programme is None or programme.status is ProgrammeStatus.DRAFT:
            continue
        seen = call_eligibility(call, programme, supplier, now, counts.get(call.id, 0))
        if seen.phase is CallPhase.CLOSED and not include_closed:
            continue
        out.append(seen)
    return sorted(out, key=lambda c: (not c.eligible, not c.priority, c.call.closes_at, c.call.id))
