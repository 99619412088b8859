"""The Fund's writes: events pushed to ``fund_events``, applied to applications, reviews and the ledger.

Each op is one event (``models/fund_events.py``): its ``record_id`` is the event's id, a UUID made on
the device. This module reads what the move depends on — the application, its reviews, the call and
programme, the applicant's directory entry, the reviewer accounts — asks the workflow
(``models/fund_workflow.decide``) and stores what it returns under one new version: the application,
a review, and the application's ledger entry when it changed. A refusal is the op's ``rejected``
answer with the workflow's code (docs/fund.md, "Refusals"). The server's clock is the one that counts
for deadlines; the device's sealed time is kept beside it.

An event already applied (its id is in the application's or the review's history) is answered
``applied`` again without writing anything, so a retried op never moves an application twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import jdatetime
from pydantic import ValidationError
from sqlalchemy.orm import Session

from models.atlas import Plant
from models.fund_events import EventType, parse_event
from models.fund_ledger import PlantFacts, entry_id, ledger_entry, plant_facts
from models.fund_programmes import Call, Programme, tehran
from models.fund_records import ApplicationRecord, ReviewRecord, dump, review_id
from models.fund_workflow import Context, FundRefused, Reader, decide, tracking_number
from models.orgs import Role
from models.suppliers import Supplier
from server import persistence
from server.schemas import PushOp, PushResult

#: Reference collections: the association's programmes and calls.
FUND_REFERENCE: tuple[str, ...] = ("fund_programmes", "fund_calls")
#: Shared collections, each read through a projection per reader (models/fund_access.py).
FUND_SHARED: tuple[str, ...] = ("fund_applications", "fund_reviews", "fund_ledger")
#: The write-only collection events are pushed to.
EVENTS = "fund_events"
SHARED_OWNER = ""
_REVIEW_EVENTS = frozenset({EventType.DECLARE_CONFLICT, EventType.REVIEW})


def apply(session: Session, *, op: PushOp, reader: Reader, now: dt.datetime) -> PushResult:
    """Decide one pushed event and write what it changes; the caller consumes the seq in the same transaction."""

    def answer(status: str, **fields: Any) -> PushResult:
        return PushResult(seq=op.seq, op_id=op.op_id, status=status, **fields)  # type: ignore[arg-type]

    if op.action != "upsert":
        return answer("rejected", reason=f"invalid_action: an event is pushed with upsert, not {op.action!r}")
    try:
        uuid.UUID(op.record_id)
    except ValueError:
        return answer("rejected", reason="invalid_record_id: an event's id is a UUID made on the device")
    try:
        event = parse_event(op.data)
    except ValidationError as error:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "data", "message": e["msg"]}
            for e in error.errors(include_url=False)
        ]
        listed = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return answer("rejected", reason=f"invalid_data: {listed}", problems=problems)
    event_type = EventType(event.type)
    stored = _get(session, "fund_applications", event.application_id)
    record = ApplicationRecord.model_validate(stored.data) if stored is not None else None
    reviews = _reviews(session, event.application_id)
    if _already_applied(op.record_id, event_type, record, reviews.get(reader.username)):
        version = _version_of(session, event_type, event.application_id, reader.username, stored)
        return answer("applied", version=version)
    call_id = record.call_id if record is not None else _call_id_of(event)
    call = _model(session, "fund_calls", call_id, Call) if call_id else None
    programme = _model(session, "fund_programmes", call.programme_id, Programme) if call is not None else None
    supplier_id = record.supplier_id if record is not None else reader.org_id
    supplier = _model(session, "suppliers", supplier_id, Supplier) if supplier_id else None
    earlier = 0
    if record is None and supplier_id and call_id:
        earlier = sum(
            1
            for r in persistence.fund_applications_of(session, supplier_id=supplier_id, call_id=call_id)
            if r.data is not None and r.data.get("state") != "withdrawn"
        )

    def tracking() -> str:
        year = jdatetime.date.fromgregorian(date=tehran(now).date()).year
        return tracking_number(year, persistence.next_counter(session, name=f"fund_tracking_{year}"))

    ctx = Context(
        reader=reader,
        now=now,
        event_id=op.record_id,
        call=call,
        programme=programme,
        supplier=supplier,
        reviewer_accounts=frozenset(persistence.enabled_usernames(session, role=Role.REVIEWER.value)),
        reviews=reviews,
        tracking_no=tracking,
        applications_in_call=earlier,
    )
    try:
        outcome = decide(record, event, ctx)
    except FundRefused as refused:
        return answer("rejected", reason=f"{refused.code}: {refused.message}", problems=_problems(refused))
    version = persistence.next_version(session)
    if outcome.record is not None:
        _write(session, "fund_applications", outcome.record.id, dump(outcome.record), version, now)
        if call is not None and programme is not None:
            _write_ledger(session, outcome.record, call, programme, version, now)
    if outcome.review is not None:
        _write(session, "fund_reviews", outcome.review.id, dump(outcome.review), version, now)
    return answer("applied", version=version)


def _problems(refused: FundRefused) -> list[dict[str, str]] | None:
    """What a refusal lists, as the push answer's ``problems``: a field and a code per item."""
    if "problems" in refused.params:
        return [{"field": p.field or "content", "message": p.code} for p in refused.params["problems"]]
    if "reasons" in refused.params:
        return [{"field": "eligibility", "message": r.code} for r in refused.params["reasons"]]
    return None


def _already_applied(event_id: str, event_type: EventType, record: ApplicationRecord | None, review: Any) -> bool:
    if event_type in _REVIEW_EVENTS:
        return review is not None and any(h.event_id == event_id for h in review.history)
    return record is not None and any(h.event_id == event_id for h in record.history)


def _version_of(session: Session, event_type: EventType, application_id: str, reviewer: str, stored: Any) -> int:
    if event_type in _REVIEW_EVENTS:
        row = _get(session, "fund_reviews", review_id(application_id, reviewer))
        if row is not None:
            return int(row.version)
    return int(stored.version)


def _call_id_of(event: Any) -> str | None:
    content = getattr(event, "content", None)
    value = content.get("call_id") if isinstance(content, dict) else None
    return value if isinstance(value, str) else None


def _get(session: Session, collection: str, record_id: str) -> Any:
    row = persistence.get_record(session, collection=collection, owner=SHARED_OWNER, record_id=record_id)
    return row if row is not None and not row.deleted and row.data is not None else None


def _model(session: Session, collection: str, record_id: str, model: type[Any]) -> Any:
    row = _get(session, collection, record_id)
    if row is None:
        return None
    try:
        return model.model_validate(row.data)
    except ValidationError:
        return None  # a record this server cannot read is as good as absent: the move is refused by name


def _reviews(session: Session, application_id: str) -> dict[str, ReviewRecord]:
    out: dict[str, ReviewRecord] = {}
    rows = persistence.shared_records_with_prefix(session, collection="fund_reviews", prefix=f"{application_id}:")
    for row in rows:
        if not row.deleted and row.data is not None:
            review = ReviewRecord.model_validate(row.data)
            out[review.reviewer] = review
    return out


def _write(
    session: Session, collection: str, record_id: str, data: dict[str, Any] | None, version: int, now: dt.datetime
) -> None:
    persistence.write_record(
        session, collection=collection, owner=SHARED_OWNER, record_id=record_id, version=version, data=data, now=now
    )


def _write_ledger(
    session: Session, record: ApplicationRecord, call: Call, programme: Programme, version: int, now: dt.datetime
) -> None:
    """Keep the application's ledger entry equal to what its record says (written only when it changes)."""
    plants: dict[str, PlantFacts] = {}
    for plant_id in record.content.plant_ids:
        plant = _model(session, "plants", plant_id, Plant)
        if plant is not None:
            plants[plant_id] = plant_facts(plant)
    entry = ledger_entry(record, call=call, programme=programme, plants=plants)
    record_id = entry_id(record.tracking_no)
    stored = _get(session, "fund_ledger", record_id)
    if entry is None:
        if stored is not None:
            _write(session, "fund_ledger", record_id, None, version, now)
        return
    data = entry.model_dump(mode="json")
    if stored is None or stored.data != data:
        _write(session, "fund_ledger", record_id, data, version, now)
