"""Qualification decisions: an admin's decision on a submitted visit, and the standing it gives a supplier.

A decision (shared collection ``decisions``, id = the visit's id: one decision per visit) approves,
approves with conditions, rejects, or asks for another visit. Approving, conditionally approving or
rejecting sets the supplier's qualification for the visit's categories for a term (``TERMS``: data,
not code), and every change of standing is appended to the supplier's history. The supplier record
is reference data, so the server writes a new version of it and every device gets it at its next
pull; the matching of needs uses it at once (``models/matching.py`` reads qualifications as of the
day, so a lapsed approval counts as expired everywhere).

Suppliers read the decisions about them (outcome, reasons, conditions and their due date, term);
the visit itself, with its notes, stays with the association.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.orgs import SUPPLIER_ID_PATTERN, Role, Viewer
from models.suppliers import (
    Provenance,
    Qualification,
    QualificationChange,
    QualificationState,
    Supplier,
)
from models.visits import UUID_PATTERN


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    CONDITIONAL = "conditional"
    REJECTED = "rejected"
    REVISIT = "revisit"  # no change of standing: another visit is needed first


#: How long a decision stands, in months (None: no expiry). Data: the association changes it here.
#: A rejection's term is how long before the supplier may be visited again.
TERMS: dict[DecisionOutcome, int | None] = {
    DecisionOutcome.APPROVED: 36,
    DecisionOutcome.CONDITIONAL: 6,
    DecisionOutcome.REJECTED: 12,
    DecisionOutcome.REVISIT: None,
}
#: The standing each outcome gives.
OUTCOME_STATE: dict[DecisionOutcome, QualificationState] = {
    DecisionOutcome.APPROVED: QualificationState.APPROVED,
    DecisionOutcome.CONDITIONAL: QualificationState.CONDITIONAL,
    DecisionOutcome.REJECTED: QualificationState.REJECTED,
}
#: Field staff see suppliers this many days before their standing lapses in "due for re-visit".
DUE_WINDOW_DAYS = 90
#: … and those that lapsed up to this many days ago.
DUE_LOOKBACK_DAYS = 730


class DecisionPart(BaseModel):
    """What an admin pushes (collection ``decisions``, record id = the visit's id)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    outcome: DecisionOutcome
    #: Why, in words the supplier reads.
    reasons: str = Field(min_length=1, max_length=4000)
    conditions: str | None = Field(default=None, max_length=4000)
    conditions_due: dt.date | None = None
    #: The visit's categories decided on; empty means all of them.
    categories: tuple[str, ...] = Field(default=(), max_length=20)
    #: A shorter term than ``TERMS`` gives, when the admin wants one.
    valid_until: dt.date | None = None

    @model_validator(mode="after")
    def _conditions(self) -> DecisionPart:
        if self.outcome is DecisionOutcome.CONDITIONAL:
            if not (self.conditions or "").strip() or self.conditions_due is None:
                raise ValueError("a conditional approval states its conditions and the date they are due")
        elif self.conditions is not None or self.conditions_due is not None:
            raise ValueError("only a conditional approval has conditions")
        return self


class Decision(DecisionPart):
    """A decision as stored and served: what the admin pushed, plus what the server fills in."""

    visit_id: str = Field(pattern=UUID_PATTERN)
    supplier_id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    categories: tuple[str, ...] = Field(min_length=1, max_length=20)
    decided_by: str = Field(max_length=64)
    decided_at: dt.datetime
    #: The day the standing starts (the server's date) and ends (None: no term).
    since: dt.date
    expires: dt.date | None = None
    demo: bool = False


#: Decision fields only the server writes.
SERVER_DECISION_FIELDS = frozenset({"visit_id", "supplier_id", "decided_by", "decided_at", "since", "expires", "demo"})


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(outcome: DecisionOutcome, since: dt.date, valid_until: dt.date | None = None) -> dt.date | None:
    """When a decision of ``outcome`` taken on ``since`` stops standing (the earlier of its term and
    ``valid_until``); None for no term."""
    months = TERMS[outcome]
    end = None if months is None else add_months(since, months) - dt.timedelta(days=1)
    if valid_until is not None and (end is None or valid_until < end):
        return valid_until
    return end


def decide(
    part: DecisionPart,
    *,
    visit_id: str,
    supplier_id: str,
    visit_categories: Iterable[str],
    decided_by: str,
    now: dt.datetime,
) -> Decision:
    """The stored decision for ``part`` on a visit (raises ``ValueError`` for categories not visited
    or a ``valid_until`` before today)."""
    visited = tuple(visit_categories)
    categories = part.categories or visited
    stray = [c for c in categories if c not in visited]
    if stray:
        raise ValueError(f"categories not on the visit: {', '.join(stray)}")
    since = now.astimezone(dt.UTC).date()
    if part.valid_until is not None and part.valid_until < since:
        raise ValueError("valid_until is in the past")
    return Decision(
        **part.model_dump(exclude={"categories"}),
        categories=categories,
        visit_id=visit_id,
        supplier_id=supplier_id,
        decided_by=decided_by,
        decided_at=now,
        since=since,
        expires=term_end(part.outcome, since, part.valid_until),
    )


def apply_decision(supplier: Supplier, decision: Decision) -> Supplier:
    """The supplier's record after ``decision``: one qualification per category decided (replacing the
    current one), and one history entry per change. A re-visit request changes nothing."""
    state = OUTCOME_STATE.get(decision.outcome)
    if state is None:
        return supplier
    current = {q.category: q for q in supplier.qualifications}
    history = list(supplier.history)
    for category in decision.categories:
        before = current.get(category)
        previous = before.state_on(decision.since) if before is not None else QualificationState.NONE
        note = decision.conditions if decision.outcome is DecisionOutcome.CONDITIONAL else None
        current[category] = Qualification(
            category=category,
            state=state,
            since=decision.since,
            expires=decision.expires,
            decided_by=decision.decided_by,
            visit_id=decision.visit_id,
            note=note,
            source=Provenance.VISIT,
        )
        history.append(
            QualificationChange(
                category=category,
                state=state,
                previous=previous,
                since=decision.since,
                expires=decision.expires,
                decided_by=decision.decided_by,
                visit_id=decision.visit_id,
                note=note,
                source=Provenance.VISIT,
            )
        )
    return _with(supplier, current, history)


#: Standings a submitted visit does not touch: it already has a decision that still counts.
_DECIDED = frozenset(
    {QualificationState.APPROVED, QualificationState.CONDITIONAL, QualificationState.REJECTED,
     QualificationState.SUSPENDED}
)  # fmt: skip


def mark_visited(
    supplier: Supplier, *, visit_id: str, categories: Iterable[str], author: str, day: dt.date
) -> Supplier | None:
    """The supplier after a visit is submitted: categories with no standing that counts on ``day``
    (none, surveyed, expired) become ``visited``; a standing that still counts waits for the decision.
    None when nothing changes."""
    current = {q.category: q for q in supplier.qualifications}
    history = list(supplier.history)
    changed = False
    for category in categories:
        before = current.get(category)
        previous = before.state_on(day) if before is not None else QualificationState.NONE
        if previous in _DECIDED or previous is QualificationState.VISITED:
            continue
        current[category] = Qualification(
            category=category, state=QualificationState.VISITED, since=day, decided_by=author, visit_id=visit_id,
            source=Provenance.VISIT,
        )  # fmt: skip
        history.append(
            QualificationChange(
                category=category, state=QualificationState.VISITED, previous=previous, since=day,
                decided_by=author, visit_id=visit_id, source=Provenance.VISIT,
            )
        )  # fmt: skip
        changed = True
    return _with(supplier, current, history) if changed else None


def _with(supplier: Supplier, current: dict[str, Qualification], history: list[QualificationChange]) -> Supplier:
    provenance = {**supplier.provenance, "qualifications": Provenance.VISIT}
    return Supplier.model_validate(
        supplier.model_dump()
        | {
            "qualifications": sorted(current.values(), key=lambda q: q.category),
            "history": history,
            "provenance": provenance,
        }
    )


# ---- who sees decisions --------------------------------------------------------------------------------------
def decision_visible(viewer: Viewer, decision: Mapping[str, Any]) -> bool:
    """The association's admins and field staff see every decision; a supplier sees the decisions
    about itself (with their conditions); nobody else reads them (members see standing on the
    supplier's record)."""
    if viewer.role in (Role.ADMIN, Role.FIELD_STAFF):
        return True
    return viewer.role is Role.SUPPLIER and viewer.org_id is not None and decision.get("supplier_id") == viewer.org_id


# ---- due for re-visit ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DueVisit:
    """A supplier's category whose standing lapses soon or has lapsed: a re-visit is due."""

    supplier_id: str
    category: str
    state: QualificationState  # as decided (approved, conditional, visited)
    state_today: QualificationState  # as it stands today (expired once past ``expires``)
    expires: dt.date
    days_left: int  # negative once lapsed


_RENEWABLE = frozenset({QualificationState.APPROVED, QualificationState.CONDITIONAL})


def due_for_revisit(
    suppliers: Iterable[Supplier],
    today: dt.date,
    *,
    window_days: int = DUE_WINDOW_DAYS,
    lookback_days: int = DUE_LOOKBACK_DAYS,
) -> list[DueVisit]:
    """Approvals and conditional approvals that lapse within ``window_days`` or lapsed within
    ``lookback_days``, soonest first (lapsed ones first of all) — computed from the cache, offline."""
    due: list[DueVisit] = []
    for supplier in suppliers:
        for q in supplier.qualifications:
            if q.state not in _RENEWABLE or q.expires is None:
                continue
            days_left = (q.expires - today).days
            if -lookback_days <= days_left <= window_days:
                due.append(DueVisit(supplier.id, q.category, q.state, q.state_on(today), q.expires, days_left))
    return sorted(due, key=lambda d: (d.days_left, d.supplier_id, d.category))
