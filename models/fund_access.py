"""Who sees what of the Fund's shared records: one projection per reader, applied by the server's feed.

The server stores each application, review and ledger entry once; every reader's feed carries what
these functions give for that reader (None: the record is not theirs to see, and goes out as a
tombstone — docs/sync-protocol.md, "Shared collections"). The projections are whitelists: a field
added to a record later stays hidden from applicants and reviewers until it is named here.

- **application**: its applicant (the supplier's accounts) sees its content and revisions, the tracking
  number, the *stage* (never the internal state), what screening and the committee said to it, the
  released feedback without names, the agreement, milestones, payments and FX saving, and the public
  history without the Fund's people's names; an assigned reviewer sees its content, state and their
  own assignment; fund officers and admins see everything; anyone else nothing.
- **review**: the reviewer who wrote it, fund officers and admins; never the applicant, never another
  reviewer.
- **ledger entry**: every signed-in account (the ledger is public).

A reviewer who declares a conflict stops seeing the application (but keeps their own review record).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from models.orgs import Role

Projection = Callable[[Any, Mapping[str, Any]], dict[str, Any] | None]

_STAFF = (Role.FUND_OFFICER, Role.ADMIN)

#: What an applicant's copy keeps of the record's top level (the rest is emptied, never sent).
_APPLICANT_FIELDS = (
    "id", "call_id", "programme_id", "instrument", "supplier_id", "supplier_name_fa", "supplier_name_en", "province",
    "tracking_no", "stage", "revisions", "submitted_at", "updated_at", "feedback", "agreement", "disbursements",
    "repayments", "fx", "closure", "demo",
)  # fmt: skip
_REVIEWER_FIELDS = (
    "id", "call_id", "programme_id", "instrument", "supplier_id", "supplier_name_fa", "supplier_name_en", "province",
    "tracking_no", "state", "stage", "revisions", "submitted_at", "updated_at", "demo",
)  # fmt: skip
_SCREENING_FOR_APPLICANT = ("outcome", "reasons", "note_to_applicant", "at")
_DECISION_FOR_APPLICANT = ("outcome", "amount_irr", "conditions", "note_to_applicant", "decided_at")
_HISTORY_FOR_APPLICANT = ("event_id", "type", "to_stage", "at", "role", "public", "note_to_applicant")


def _pick(data: Mapping[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any] | None:
    return None if data is None else {name: data[name] for name in names if name in data}


def is_applicant(reader: Any, data: Mapping[str, Any]) -> bool:
    return reader.role is Role.SUPPLIER and reader.org_id is not None and data.get("supplier_id") == reader.org_id


def _assignment(reader: Any, data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if reader.role is not Role.REVIEWER:
        return None
    mine = (a for a in data.get("reviewers") or () if a.get("username") == reader.username)
    return next((a for a in mine if a.get("conflict") is not True), None)


def project_application(reader: Any, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The copy of an application ``reader`` (a ``Reader``: username, role, org_id) may see, or None."""
    if reader.role in _STAFF:
        return dict(data)
    if is_applicant(reader, data):
        seen = _pick(data, _APPLICANT_FIELDS) or {}
        seen["state"] = None
        seen["reviewers"] = []
        seen["scoring"] = None
        seen["screening"] = _pick(data.get("screening"), _SCREENING_FOR_APPLICANT)
        seen["decision"] = _pick(data.get("decision"), _DECISION_FOR_APPLICANT)
        seen["history"] = [
            _applicant_history(entry, data) for entry in data.get("history") or () if entry.get("public")
        ]
        return seen
    assignment = _assignment(reader, data)
    if assignment is not None:
        seen = _pick(data, _REVIEWER_FIELDS) or {}
        seen["reviewers"] = [dict(assignment)]
        seen["history"] = []
        return seen
    return None


def _applicant_history(entry: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """A public move as the applicant reads it: no internal states, and no names of the Fund's people."""
    seen = _pick(entry, _HISTORY_FOR_APPLICANT) or {}
    seen["from_state"] = seen["to_state"] = None
    seen["by"] = entry.get("by") if entry.get("role") == Role.SUPPLIER.value else None
    if seen.get("role") != Role.SUPPLIER.value:
        seen["role"] = "fund"
    return seen


def project_review(reader: Any, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """A review is seen by the reviewer who wrote it and by the Fund's officers and admins — never by the
    applicant, nor by other reviewers (their scores stay independent)."""
    if reader.role in _STAFF:
        return dict(data)
    if reader.role is Role.REVIEWER and data.get("reviewer") == reader.username:
        return dict(data)
    return None


def project_ledger(reader: Any, data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ledger is public: every signed-in account reads every entry."""
    return dict(data)


#: The Fund's shared collections and the projection of each (the feed applies them per reader).
FUND_PROJECTIONS: dict[str, Projection] = {
    "fund_applications": project_application,
    "fund_reviews": project_review,
    "fund_ledger": project_ledger,
}
