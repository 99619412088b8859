"""Pushed writes of field records — visits, decisions, corrections — and what each one changes besides itself.

The rules are pure functions in ``models/visits.py``, ``models/qualification.py`` and
``models/corrections.py``; this module reads what they decide on (the stored record, the supplier,
the checklist, the target of a correction) and writes the outcome, each op in the push transaction
its caller holds. Every record one op writes takes the same new version, so every reader hears of
the whole change at once:

- a **visit** submitted: the visit (with the server's scores, distance to the supplier's site and
  times), and the supplier's record when categories with no standing become ``visited``;
- a **decision**: the decision, the visit (now ``decided`` or ``revisit_requested``) and the
  supplier's record (new qualifications, one history entry per change);
- an accepted **correction**: the correction, and the corrected plant, mine or supplier.

Refusals are ``rejected`` with a stable code (docs/sync-protocol.md, "Field visits").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from models.checklists import ChecklistTemplate, score_visit
from models.corrections import (
    COLLECTIONS as CORRECTION_TARGETS,
)
from models.corrections import (
    SERVER_CORRECTION_FIELDS,
    Correction,
    CorrectionRefused,
    CorrectionState,
    TargetKind,
    apply_correction,
    check_correction_write,
    correction_visible,
    is_decision,
)
from models.orgs import Role, Viewer
from models.qualification import (
    SERVER_DECISION_FIELDS,
    DecisionOutcome,
    DecisionPart,
    apply_decision,
    decide,
    decision_visible,
    mark_visited,
)
from models.strict import RecordProblems, validate_strictly
from models.suppliers import Supplier
from models.visits import (
    SERVER_VISIT_FIELDS,
    Visit,
    VisitRefused,
    VisitState,
    authored_part,
    check_location,
    check_visit_write,
    is_visit_id,
    submission_problems,
    visit_visible,
)
from server import persistence
from server.schemas import PushOp, PushResult

T = TypeVar("T")
SHARED_OWNER = ""
FIELD_COLLECTIONS: tuple[str, ...] = ("visits", "decisions", "corrections")
#: Who sees each field collection's records (the feed filters by these).
FIELD_VISIBILITY = {"visits": visit_visible, "decisions": decision_visible, "corrections": correction_visible}
#: Collections whose visibility depends on the reader's own name (drafts, a proposer's corrections):
#: their cursors carry the username in their visibility key.
BY_USERNAME = frozenset({"visits", "corrections"})
#: The reasons a refused field write can carry, for the app's words.
REFUSAL_CODES: tuple[str, ...] = (
    "role_may_not_write", "not_your_visit", "visit_sealed", "state_set_by_server", "no_such_visit",
    "no_such_supplier", "no_such_template", "incomplete", "role_may_not_decide", "visit_not_submitted",
    "decisions_are_final", "already_decided", "no_such_record", "correction_closed", "not_your_correction",
    "state_set_by_admin", "no_such_correction", "invalid_decision", "fixed_field", "too_many_drafts",
)  # fmt: skip
#: Visits one field officer keeps on the server as drafts when the caller gives no limit (Quota.max_drafts).
MAX_DRAFTS = 50


class Author(Protocol):
    """Who pushed the op (``server.shared_writes.Author`` is one)."""

    username: str
    viewer: Viewer


class _Answered(Exception):
    def __init__(self, result: PushResult) -> None:
        super().__init__(result.status)
        self.result = result


def apply(
    session: Session, *, op: PushOp, author: Author, now: dt.datetime, max_drafts: int = MAX_DRAFTS
) -> PushResult:
    """Decide one op on a field collection and write it; the caller consumes the seq in the same transaction."""
    viewer = author.viewer.model_copy(update={"username": author.username})
    writer = _Writer(session, op, viewer, now, max_drafts)
    try:
        if op.action not in ("upsert", "delete"):
            writer.refuse(f"invalid_action: {op.action!r} is not upsert or delete")
        if op.collection == "visits":
            return writer.visit()
        if op.collection == "decisions":
            return writer.decision()
        return writer.correction()
    except (VisitRefused, CorrectionRefused) as refused:
        return writer.result("rejected", reason=f"{refused.code}: {refused.message}")
    except _Answered as answered:
        return answered.result


def stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class _Writer:
    def __init__(self, session: Session, op: PushOp, viewer: Viewer, now: dt.datetime, max_drafts: int) -> None:
        self.session, self.op, self.viewer, self.now = session, op, viewer, now
        self.max_drafts = max_drafts
        self._version: int | None = None

    # ---- answers ----------------------------------------------------------------------------------------
    def result(self, status: str, **fields: Any) -> PushResult:
        return PushResult(seq=self.op.seq, op_id=self.op.op_id, status=status, **fields)  # type: ignore[arg-type]

    def refuse(self, reason: str, problems: list[dict[str, str]] | None = None) -> None:
        raise _Answered(self.result("rejected", reason=reason, problems=problems or None))

    # ---- storage ---------------------------------------------------------------------------------------
    def get(self, collection: str, record_id: str) -> Any:
        """The live record (None for none or a tombstone)."""
        record = persistence.get_record(self.session, collection=collection, owner=SHARED_OWNER, record_id=record_id)
        return None if record is None or record.deleted else record

    def version(self) -> int:
        """One new version for everything this op writes."""
        if self._version is None:
            self._version = persistence.next_version(self.session)
        return self._version

    def write(self, collection: str, record_id: str, data: dict[str, Any] | None) -> int:
        version = self.version()
        persistence.write_record(
            self.session, collection=collection, owner=SHARED_OWNER, record_id=record_id, version=version,
            data=data, now=self.now,
        )  # fmt: skip
        return version

    def strict(self, model: type[T], data: Any, free: tuple[str, ...] = ()) -> T:
        try:
            return validate_strictly(model, data, free_keys=free)  # type: ignore[arg-type,return-value]
        except RecordProblems as problems:
            self.refuse(f"invalid_data: {problems}", problems.problems)
            raise AssertionError("unreachable") from None

    def data(self, server_fields: frozenset[str]) -> dict[str, Any]:
        data = self.op.data
        if not isinstance(data, dict):
            self.refuse("invalid_data: data must be a JSON object")
        return {k: v for k, v in data.items() if k not in server_fields}

    def template(self, template_id: str, version: int) -> ChecklistTemplate | None:
        record = self.get("checklists", f"{template_id}@{version}")
        return None if record is None else ChecklistTemplate.model_validate(record.data)

    def supplier(self, supplier_id: str) -> Supplier | None:
        record = self.get("suppliers", supplier_id)
        return None if record is None else Supplier.model_validate(record.data)

    # ---- visits ------------------------------------------------------------------------------------------
    def visit(self) -> PushResult:
        op = self.op
        if not is_visit_id(op.record_id):
            self.refuse("invalid_record_id: a visit's id is a UUID made on the device")
        live = self.get("visits", op.record_id)
        stored = live.data if live is not None else None
        if op.action == "delete":
            check_visit_write(self.viewer, stored=stored, incoming_state=None, delete=True)
            version = self.write("visits", op.record_id, None)
            return self.result("applied", version=version)
        incoming = self.data(SERVER_VISIT_FIELDS)
        check_visit_write(self.viewer, stored=stored, incoming_state=incoming.get("state"))
        visit = self.strict(Visit, incoming, free=("answers", "notes"))
        if visit.id != op.record_id:
            self.refuse(f"invalid_record_id: the op is for {op.record_id} and the visit's id is {visit.id}")
        supplier = self.supplier(visit.supplier_id)
        if supplier is None:
            raise VisitRefused("no_such_supplier", f"the directory has no supplier {visit.supplier_id}")
        unknown = [c for c in visit.categories if self.get("categories", c) is None]
        if unknown:
            problems = [{"field": "categories", "message": f"{c} is not a category of the tree"} for c in unknown]
            self.refuse(f"invalid_data: categories: {', '.join(unknown)} not in the tree", problems)
        template = self.template(visit.template_id, visit.template_version)
        if template is None:
            raise VisitRefused("no_such_template", f"no checklist {visit.template_key}")
        if visit.state is VisitState.DRAFT and (stored is None or stored.get("state") != VisitState.DRAFT.value):
            # Only a new draft takes a place: the author's existing drafts go on saving whatever the count.
            drafts = persistence.count_drafts(self.session, collection="visits", author=self.viewer.username or "")
            if drafts >= self.max_drafts:
                raise VisitRefused(
                    "too_many_drafts",
                    f"a field officer keeps at most {self.max_drafts} visit drafts on the server; "
                    "submit or discard one to start another",
                )
        submitted = visit.state is VisitState.SUBMITTED
        if submitted:
            problems = submission_problems(visit, template)
            if problems:
                listed = [{"field": p.field, "message": p.code} for p in problems]
                self.refuse("incomplete: " + "; ".join(p.text() for p in problems), listed)
        authored = authored_part(visit.model_dump(mode="json"))
        if stored is not None and authored_part(Visit.model_validate(stored).model_dump(mode="json")) == authored:
            return self.result("applied", version=live.version)  # the same visit again: nothing to write
        check = check_location(visit.location, supplier)
        server = {
            "author": self.viewer.username,
            "created_at": stored.get("created_at") if stored else stamp(self.now),
            "updated_at": stamp(self.now),
            "sealed_at": stamp(self.now) if submitted else None,
            "scores": score_visit(template, visit.answers).to_json(),
            "site_distance_km": None if check.distance_km is None else round(check.distance_km, 2),
            "far_from_site": check.far if check.known else None,
        }
        version = self.write("visits", op.record_id, authored | server)
        if submitted:
            marked = mark_visited(
                supplier, visit_id=visit.id, categories=visit.categories, author=self.viewer.username or "",
                day=self.now.astimezone(dt.UTC).date(),
            )  # fmt: skip
            if marked is not None:
                self.write("suppliers", supplier.id, marked.model_dump(mode="json"))
        return self.result("applied", version=version)

    # ---- decisions ---------------------------------------------------------------------------------------
    def decision(self) -> PushResult:
        op = self.op
        if self.viewer.role is not Role.ADMIN:
            raise VisitRefused("role_may_not_decide", "only an admin decides on a visit")
        if op.action == "delete":
            raise VisitRefused("decisions_are_final", "a decision stands; a new visit brings a new one")
        existing = self.get("decisions", op.record_id)
        if existing is not None:
            # another admin decided first: theirs stands (the app shows it once pulled)
            raise VisitRefused("already_decided", f"the visit was decided by {existing.data.get('decided_by')}")
        live = self.get("visits", op.record_id)
        if live is None:
            raise VisitRefused("no_such_visit", f"there is no visit {op.record_id}")
        visit = Visit.model_validate(live.data)
        if visit.state is not VisitState.SUBMITTED:
            raise VisitRefused("visit_not_submitted", f"the visit is {visit.state.value}")
        part = self.strict(DecisionPart, self.data(SERVER_DECISION_FIELDS))
        try:
            decision = decide(
                part, visit_id=visit.id, supplier_id=visit.supplier_id, visit_categories=visit.categories,
                decided_by=self.viewer.username or "", now=self.now,
            )  # fmt: skip
        except ValueError as error:
            self.refuse(f"invalid_data: {error}", [{"field": "data", "message": str(error)}])
            raise AssertionError("unreachable") from None
        decision = decision.model_copy(update={"demo": visit.demo})
        supplier = self.supplier(visit.supplier_id)
        version = self.write("decisions", op.record_id, decision.model_dump(mode="json"))
        state = VisitState.REVISIT_REQUESTED if part.outcome is DecisionOutcome.REVISIT else VisitState.DECIDED
        self.write(
            "visits",
            visit.id,
            dict(live.data)
            | {"state": state.value, "decision_outcome": part.outcome.value, "decided_at": stamp(self.now),
               "decided_by": self.viewer.username},
        )  # fmt: skip
        if supplier is not None and part.outcome is not DecisionOutcome.REVISIT:
            self.write("suppliers", supplier.id, apply_decision(supplier, decision).model_dump(mode="json"))
        return self.result("applied", version=version)

    # ---- corrections -------------------------------------------------------------------------------------
    def correction(self) -> PushResult:
        op = self.op
        if not is_visit_id(op.record_id):
            self.refuse("invalid_record_id: a correction's id is a UUID made on the device")
        live = self.get("corrections", op.record_id)
        stored = live.data if live is not None else None
        if op.action == "delete":
            raise CorrectionRefused("correction_closed", "a correction is withdrawn, not deleted")
        data = self.data(SERVER_CORRECTION_FIELDS)
        check_correction_write(self.viewer, stored=stored, data=data)
        if is_decision(data):
            return self._decide_correction(live, data)
        correction = self.strict(Correction, data, free=("value",))
        if correction.id != op.record_id:
            self.refuse(f"invalid_record_id: the op is for {op.record_id} and the correction's id is {correction.id}")
        if stored is not None:
            for name in ("target_kind", "target_id", "field"):
                if data.get(name) != stored.get(name):
                    raise CorrectionRefused("fixed_field", f"{name} stays as it was proposed")
        if self.get(CORRECTION_TARGETS[correction.target_kind], correction.target_id) is None:
            raise CorrectionRefused("no_such_record", f"no {correction.target_kind.value} {correction.target_id}")
        record = correction.model_dump(mode="json") | {
            "proposed_by": stored.get("proposed_by") if stored else self.viewer.username,
            "proposed_at": stored.get("proposed_at") if stored else stamp(self.now),
        }
        version = self.write("corrections", op.record_id, record)
        return self.result("applied", version=version)

    def _decide_correction(self, live: Any, data: Mapping[str, Any]) -> PushResult:
        decided = dict(live.data) | {
            "state": data["state"],
            "decision_note": data.get("decision_note"),
            "decided_by": self.viewer.username,
            "decided_at": stamp(self.now),
        }
        correction = Correction.model_validate(decided)
        version = self.write("corrections", self.op.record_id, correction.model_dump(mode="json"))
        if correction.state is CorrectionState.ACCEPTED:
            collection = CORRECTION_TARGETS[correction.target_kind]
            target = self.get(collection, correction.target_id)
            if target is not None:
                self.write(collection, correction.target_id, corrected(correction.target_kind, target.data, correction))
        return self.result("applied", version=version)


def corrected(kind: TargetKind, data: Mapping[str, Any], correction: Correction) -> dict[str, Any]:
    """The target record with the correction applied, re-validated as its model (a bad result raises)."""
    from models.atlas import Mine, Plant

    model = {TargetKind.PLANT: Plant, TargetKind.MINE: Mine, TargetKind.SUPPLIER: Supplier}[kind]
    return model.model_validate(apply_correction(kind, data, correction)).model_dump(mode="json")  # type: ignore[attr-defined]


def accepted_corrections(session: Session) -> dict[tuple[str, str], list[Correction]]:
    """Accepted corrections by (collection, record id) of their target, in the order they were accepted:
    the overlay every import lays over what it read (docs/visits.md, "Corrections")."""
    found: list[tuple[int, Correction]] = []
    for record in persistence.reference_records(session, collection="corrections").values():
        if record.deleted or record.data is None or record.data.get("state") != CorrectionState.ACCEPTED.value:
            continue
        found.append((record.version, Correction.model_validate(record.data)))
    overlay: dict[tuple[str, str], list[Correction]] = {}
    for _version, correction in sorted(found, key=lambda pair: (pair[0], pair[1].id)):
        overlay.setdefault((CORRECTION_TARGETS[correction.target_kind], correction.target_id), []).append(correction)
    return overlay


def overlaid(
    overlay: dict[tuple[str, str], list[Correction]], collection: str, record_id: str, data: dict[str, Any]
) -> dict[str, Any]:
    """``data`` as an import read it, with the accepted corrections of that record laid over it again."""
    fixes = overlay.get((collection, record_id))
    if not fixes:
        return data
    for correction in fixes:
        data = corrected(correction.target_kind, data, correction)
    return data
