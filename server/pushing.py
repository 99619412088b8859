"""Applying pushed operations: idempotent by (client_id, user, seq), one transaction per op."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from models.fund_workflow import Reader
from server import field_writes, fund, persistence, shared_writes
from server.accounts import record_bytes
from server.db import Database
from server.errors import TooLarge
from server.feed import item_of
from server.schemas import PushOp, PushResponse, PushResult
from server.shared_writes import Author
from server.user_records import (
    REFERENCE_COLLECTIONS,
    SHARED_COLLECTIONS,
    USER_COLLECTIONS,
    InvalidRecord,
    check_record_id,
    validate_data,
)

MAX_OPS = 200
ACTIONS = ("upsert", "delete")
#: Given to an op whose processing raised: the seq is consumed so the client's queue moves on, and the
#: client parks the op where the member sees it (retrying it later sends it again under a new seq).
SERVER_ERROR_REASON = "server_error: the server could not process this operation; nothing was written"

log = logging.getLogger("zanjireh.server")

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Quota:
    """What one user's live records may take (``ZANJIREH_USER_MAX_RECORDS`` / ``_BYTES`` / ``_DRAFTS``)."""

    max_records: int = 20_000
    max_bytes: int = 50 * 1024 * 1024
    #: Visits one field officer keeps on the server as drafts.
    max_drafts: int = 50


#: Longest reason kept with a stored answer: a replay needs its code, not every field's message.
STORED_REASON_CHARS = 300


def push(
    db: Database,
    *,
    user_id: int,
    client_id: str,
    ops: list[PushOp],
    acked_seq: int | None = None,
    quota: Quota | None = None,
    clock: Clock = utcnow,
    reader: Reader | None = None,
    author: Author | None = None,
) -> PushResponse:
    """Process ``ops`` in order, each in its own transaction, and say what became of each.

    ``reader``: who pushes (name, role, organisation); the Fund's events are applied only with one.
    ``author``: the same, as the shared collections' rules see them; needs and answers are written only with one.
    Field records (visits, decisions, corrections) are written only with one too.

    ``acked_seq``: the client has applied every answer up to it and will never replay those seqs, so
    their stored answers are forgotten first (docs/sync-protocol.md, "Acknowledgements").
    """
    if len(ops) > MAX_OPS:
        raise TooLarge(f"at most {MAX_OPS} ops per push", {"max_ops": MAX_OPS, "ops": len(ops)})
    if acked_seq:
        with db.write() as session:
            persistence.prune_results(session, client_id=client_id, user_id=user_id, through_seq=acked_seq)
    quota = quota or Quota()
    results: list[PushResult] = []
    expected: int | None = None  # set once a gap is found: nothing after it is processed
    for op in ops:
        if expected is not None:
            results.append(PushResult(seq=op.seq, op_id=op.op_id, status="gap", expected_seq=expected))
            continue
        try:
            result = _process(
                db, user_id=user_id, client_id=client_id, op=op, quota=quota, clock=clock, reader=reader, author=author
            )
        except Exception as error:
            if _transient(error):
                raise  # the database is busy or gone: 503, and the client retries the whole push
            # The op's transaction is rolled back. Answer it, never the request: an op that always
            # raises would otherwise make every retry fail and wedge the member's queue for good.
            log.exception("push op %s of client %s could not be processed", op.seq, client_id)
            result = _process(
                db,
                user_id=user_id,
                client_id=client_id,
                op=op,
                quota=quota,
                clock=clock,
                reader=reader,
                author=author,
                failed=True,
            )
        if result.status == "gap":
            expected = result.expected_seq
        results.append(result)
    with db.read() as session:
        last_seq = persistence.read_last_seq(session, client_id=client_id, user_id=user_id)
    return PushResponse(results=results, last_seq=last_seq)


def _transient(error: Exception) -> bool:
    """Errors that say nothing about the op: a locked, busy or unreachable database."""
    if isinstance(error, (OperationalError, PoolTimeout)):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def _process(
    db: Database,
    *,
    user_id: int,
    client_id: str,
    op: PushOp,
    quota: Quota,
    clock: Clock,
    reader: Reader | None = None,
    author: Author | None = None,
    failed: bool = False,
) -> PushResult:
    """One op in its own transaction: duplicate, gap, or applied and consumed.

    ``failed``: a first attempt raised; consume the seq with a ``rejected: server_error`` answer instead.
    """
    with db.write() as session:
        # The counter lock first: every writer takes its locks in this order.
        persistence.lock_versions(session)
        now = clock()
        state = persistence.client_state(session, client_id=client_id, user_id=user_id, now=now)
        if op.seq <= state.last_seq:
            stored = persistence.stored_result(session, client_id=client_id, user_id=user_id, seq=op.seq)
            kept = stored.result if stored else None
            original = _replayed(session, user_id=user_id, op=op, stored=kept, author=author)
            return PushResult(seq=op.seq, op_id=op.op_id, status="duplicate", original=original)
        if op.seq > state.last_seq + 1:
            return PushResult(seq=op.seq, op_id=op.op_id, status="gap", expected_seq=state.last_seq + 1)
        if failed:
            result = PushResult(seq=op.seq, op_id=op.op_id, status="rejected", reason=SERVER_ERROR_REASON)
        else:
            result = apply(session, user_id=user_id, op=op, now=now, quota=quota, reader=reader, author=author)
        persistence.consume_seq(session, state=state, seq=op.seq, op_id=op.op_id, result=_kept(result), now=now)
        return result


def _kept(result: PushResult) -> dict[str, Any]:
    """What a replay needs of an answer: its status, version and reason code — never a whole record.

    A conflict's server copy is read again when the op is replayed (it may have changed since anyway);
    keeping it made 2,000 conflicting pushes of one long note cost 126 MB.
    """
    kept: dict[str, Any] = {"seq": result.seq, "op_id": result.op_id, "status": result.status}
    if result.version is not None:
        kept["version"] = result.version
    if result.reason is not None:
        kept["reason"] = result.reason[:STORED_REASON_CHARS]
    return kept


def _replayed(
    session: Session, *, user_id: int, op: PushOp, stored: dict[str, Any] | None, author: Author | None = None
) -> dict[str, Any] | None:
    """The stored answer of a replayed op, a conflict with the record as the server holds it now."""
    if stored is None or stored.get("status") != "conflict" or stored.get("op_id") != op.op_id:
        return stored
    if op.collection in SHARED_COLLECTIONS:
        if author is None:
            return stored
        shared = shared_writes.current_copy(session, op=op, viewer=author.viewer)
        if shared is None:
            return stored
        return {**stored, "version": shared.version, "record": shared.model_dump(mode="json")}
    current = persistence.get_record(session, collection=op.collection, owner=str(user_id), record_id=op.record_id)
    if current is None:
        return stored
    return {**stored, "version": current.version, "record": item_of(current).model_dump(mode="json")}


def apply(
    session: Session,
    *,
    user_id: int,
    op: PushOp,
    now: dt.datetime,
    quota: Quota | None = None,
    reader: Reader | None = None,
    author: Author | None = None,
) -> PushResult:
    """Decide one op's outcome and write it; the caller consumes the seq in the same transaction."""
    quota = quota or Quota()

    def answer(status: str, **fields: Any) -> PushResult:
        return PushResult(seq=op.seq, op_id=op.op_id, status=status, **fields)  # type: ignore[arg-type]

    if op.collection == fund.EVENTS:
        if reader is None:  # a caller that did not say who pushes (the route always does)
            return answer("rejected", reason="role_may_not_act: the pusher is not known")
        return fund.apply(session, op=op, reader=reader, now=now)

    if op.collection in REFERENCE_COLLECTIONS:
        return answer("rejected", reason="read_only_collection: reference data changes only by import")
    if op.collection in field_writes.FIELD_COLLECTIONS:
        if author is None:  # a caller that did not say who pushes (the routes always do)
            return answer("rejected", reason="role_may_not_write: the pusher is not known")
        return field_writes.apply(session, op=op, author=author, now=now, max_drafts=quota.max_drafts)
    if op.collection in SHARED_COLLECTIONS:
        if op.collection not in shared_writes.WRITTEN_BY_PUSH:
            return answer("rejected", reason=f"read_only_collection: {op.collection} change only through their events")
        if author is None:  # a caller that did not say who pushes (the routes always do)
            return answer("rejected", reason="role_may_not_write: the pusher is not known")
        return shared_writes.apply(session, op=op, author=author, now=now)
    if op.collection not in USER_COLLECTIONS:
        return answer("rejected", reason=f"unknown_collection: {op.collection!r}")
    if op.action not in ACTIONS:
        return answer("rejected", reason=f"invalid_action: {op.action!r} is not upsert or delete")
    try:
        check_record_id(op.collection, op.record_id)
        data = validate_data(op.collection, op.record_id, op.data) if op.action == "upsert" else None
    except InvalidRecord as error:
        return answer("rejected", reason=error.reason, problems=error.problems or None)

    key = {"collection": op.collection, "owner": str(user_id), "record_id": op.record_id}
    existing = persistence.get_record(session, **key)

    def write(new_data: dict[str, Any] | None, **fields: Any) -> PushResult:
        live = existing is not None and not existing.deleted
        usage = persistence.usage(session, user_id=user_id)
        records = usage.records + (new_data is not None) - live
        size = usage.bytes + record_bytes(new_data) - (record_bytes(existing.data) if live else 0)  # type: ignore[union-attr]
        grows = records > usage.records or size > usage.bytes
        if grows and (records > quota.max_records or size > quota.max_bytes):
            # Refused, never truncated: the client parks the op and the member decides (delete some, retry).
            return answer(
                "rejected",
                reason=f"quota_exceeded: a member keeps at most {quota.max_records} records "
                f"of {quota.max_bytes} bytes in all on this server",
            )
        version = persistence.next_version(session)
        persistence.write_record(session, **key, version=version, data=new_data, now=now)
        usage.records, usage.bytes = records, size
        return answer("applied", version=version, **fields)

    if op.action == "delete":
        if existing is not None and existing.deleted:
            return answer("applied", version=existing.version)  # already gone: nothing to write
        if op.collection == "notes" and existing is not None and op.base_version != existing.version:
            # Delete wins over an edit this device never saw; the client tells the user.
            return write(None, reason="overrode_newer_edit")
        return write(None)

    if op.collection == "favourites":
        return write(data)  # last write wins, in server order

    # notes: optimistic concurrency on base_version
    if existing is None:
        # Nothing to conflict with (never stored, or its tombstone is long purged).
        return write(data)
    if existing.deleted:
        if op.base_version == existing.version:
            return write(data)  # the user saw the deletion and chose to keep their note
        return answer("conflict", version=existing.version, record=item_of(existing), reason="deleted_on_server")
    if op.base_version is None:
        return answer("conflict", version=existing.version, record=item_of(existing), reason="already_exists")
    if op.base_version != existing.version:
        return answer("conflict", version=existing.version, record=item_of(existing), reason="base_version_mismatch")
    return write(data)
