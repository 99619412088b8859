"""Applying pushed operations: idempotent by (client_id, user, seq), one transaction per op."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from server import persistence
from server.db import Database
from server.errors import TooLarge
from server.feed import item_of
from server.schemas import PushOp, PushResponse, PushResult
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


def push(db: Database, *, user_id: int, client_id: str, ops: list[PushOp], clock: Clock = utcnow) -> PushResponse:
    """Process ``ops`` in order, each in its own transaction, and say what became of each."""
    if len(ops) > MAX_OPS:
        raise TooLarge(f"at most {MAX_OPS} ops per push", {"max_ops": MAX_OPS, "ops": len(ops)})
    results: list[PushResult] = []
    expected: int | None = None  # set once a gap is found: nothing after it is processed
    for op in ops:
        if expected is not None:
            results.append(PushResult(seq=op.seq, op_id=op.op_id, status="gap", expected_seq=expected))
            continue
        try:
            result = _process(db, user_id=user_id, client_id=client_id, op=op, clock=clock)
        except Exception as error:
            if _transient(error):
                raise  # the database is busy or gone: 503, and the client retries the whole push
            # The op's transaction is rolled back. Answer it, never the request: an op that always
            # raises would otherwise make every retry fail and wedge the member's queue for good.
            log.exception("push op %s of client %s could not be processed", op.seq, client_id)
            result = _process(db, user_id=user_id, client_id=client_id, op=op, clock=clock, failed=True)
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
    db: Database, *, user_id: int, client_id: str, op: PushOp, clock: Clock, failed: bool = False
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
            original = stored.result if stored else None
            return PushResult(seq=op.seq, op_id=op.op_id, status="duplicate", original=original)
        if op.seq > state.last_seq + 1:
            return PushResult(seq=op.seq, op_id=op.op_id, status="gap", expected_seq=state.last_seq + 1)
        if failed:
            result = PushResult(seq=op.seq, op_id=op.op_id, status="rejected", reason=SERVER_ERROR_REASON)
        else:
            result = apply(session, user_id=user_id, op=op, now=now)
        persistence.consume_seq(
            session, state=state, seq=op.seq, op_id=op.op_id, result=result.model_dump(mode="json"), now=now
        )
        return result


def apply(session: Session, *, user_id: int, op: PushOp, now: dt.datetime) -> PushResult:
    """Decide one op's outcome and write it; the caller consumes the seq in the same transaction."""

    def answer(status: str, **fields: Any) -> PushResult:
        return PushResult(seq=op.seq, op_id=op.op_id, status=status, **fields)  # type: ignore[arg-type]

    if op.collection in REFERENCE_COLLECTIONS:
        return answer("rejected", reason="read_only_collection: reference data changes only by import")
    if op.collection in SHARED_COLLECTIONS:
        # the write path of shared collections is designed (docs/sync-protocol.md) but not open yet
        return answer("rejected", reason=f"read_only_collection: {op.collection} are not written by clients yet")
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
        version = persistence.next_version(session)
        persistence.write_record(session, **key, version=version, data=new_data, now=now)
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
