"""The user's own data — favourites, notes, the outbox, conflicts — in one small file of its own.

Every user change is committed together with its outbox entry in one atomic write before the UI
says "saved". Entries are never dropped because they failed: a rejected one stays, with its reason,
until the user retries or discards it; a conflict keeps both copies until the user chooses.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sync import clock
from sync.errors import StoreError
from sync.reference_store import ChangeCounts, ServerItem
from sync.storage import Unit

RECORDS = "records"
OUTBOX = "outbox"
CONFLICTS = "conflicts"
CURSORS = "cursors"
META = "meta"
AUTH = "auth"
TABLES = (RECORDS, OUTBOX, CONFLICTS, CURSORS, META, AUTH)

#: User collections and how their conflicts are settled (docs/sync-protocol.md).
LAST_WRITE_WINS = {"favourites"}
VERSIONED = {"notes"}
USER_COLLECTIONS = LAST_WRITE_WINS | VERSIONED


class OpState(StrEnum):
    PENDING = "pending"
    REJECTED = "rejected"  # the server can never accept it as sent: parked and shown


@dataclass
class OutboxOp:
    seq: int
    op_id: str
    collection: str
    record_id: str
    action: str  # "upsert" | "delete"
    data: dict[str, Any] | None
    base_version: int | None
    created_at: str
    state: OpState = OpState.PENDING
    reason: str | None = None
    attempts: int = 0
    #: Set when an earlier op on the same record was already sent: this op's base_version is the
    #: version that earlier op produces, filled in when its result arrives.
    after_seq: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state.value}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> OutboxOp:
        return cls(**{**raw, "state": OpState(raw.get("state", "pending"))})

    def wire(self) -> dict[str, Any]:
        """The op as the push endpoint wants it."""
        return {
            "seq": self.seq,
            "op_id": self.op_id,
            "collection": self.collection,
            "record_id": self.record_id,
            "action": self.action,
            "base_version": self.base_version,
            "data": self.data,
        }


@dataclass
class UserRecord:
    """The local view of one user record, and the last server copy it is based on."""

    collection: str
    id: str
    data: dict[str, Any] | None
    deleted: bool = False
    server_version: int | None = None
    server_deleted: bool = False
    server_data: dict[str, Any] | None = None
    updated_at: str | None = None

    @property
    def key(self) -> str:
        return record_key(self.collection, self.id)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> UserRecord:
        return cls(**raw)


@dataclass
class Conflict:
    """A user record changed here and on the server: both copies kept until the user chooses."""

    collection: str
    id: str
    mine: dict[str, Any] | None  # None: deleted here
    theirs: dict[str, Any] | None  # None: deleted on the server
    theirs_version: int
    base: dict[str, Any] | None
    reason: str
    detected_at: str

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Conflict:
        return cls(**raw)


@dataclass
class PushOutcome:
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    gaps: int = 0
    notices: list[str] = field(default_factory=list)


def record_key(collection: str, record_id: str) -> str:
    return f"{collection}/{record_id}"


class UserStore:
    """The one place user data and the outbox are written; each public method is one commit."""

    def __init__(self, unit: Unit, on_change: Callable[[], None] | None = None) -> None:
        self.unit = unit
        self.on_change = on_change
        #: Seqs being sent right now: never coalesced into (their data may already be applied).
        self.in_flight: set[int] = set()
        #: The UI saves from its threads while the sync engine applies results from another.
        self.lock = threading.RLock()

    # ---- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        from sync.errors import StoreCorrupt

        tables = self.unit.load()
        try:
            for table in tables:
                if table not in TABLES:
                    raise StoreCorrupt(f"user data: unexpected table {table!r}")
            for raw in tables.get(RECORDS, {}).values():
                UserRecord.from_json(raw)
            for raw in tables.get(OUTBOX, {}).values():
                OutboxOp.from_json(raw)
            for raw in tables.get(CONFLICTS, {}).values():
                Conflict.from_json(raw)
        except (TypeError, ValueError, KeyError) as exc:
            raise StoreCorrupt(f"user data does not validate: {exc}") from exc
        self.in_flight.clear()  # after a restart nothing is in flight: those ops are pending again

    # ---- meta -------------------------------------------------------------------------------------
    def _meta(self) -> dict[str, Any]:
        with self.lock:
            return dict(self.unit.table(META).raw().get("state", {}))

    def _set_meta(self, **values: Any) -> None:
        merged = {**self._meta(), **values}
        self.unit.table(META).change(lambda t: t.__setitem__("state", merged))

    @property
    def owner(self) -> str | None:
        return self._meta().get("owner")

    def schema(self) -> int:
        return int(self._meta().get("schema", 1))

    # ---- reading ------------------------------------------------------------------------------------
    def records(self, collection: str, include_deleted: bool = False) -> list[UserRecord]:
        with self.lock:
            table = self.unit.table(RECORDS).raw()
            return [
                UserRecord.from_json(raw)
                for raw in table.values()
                if raw["collection"] == collection and (include_deleted or not raw["deleted"])
            ]

    def record(self, collection: str, record_id: str) -> UserRecord | None:
        with self.lock:
            raw = self.unit.table(RECORDS).raw().get(record_key(collection, record_id))
        return UserRecord.from_json(raw) if raw else None

    def outbox(self) -> list[OutboxOp]:
        with self.lock:
            ops = [OutboxOp.from_json(raw) for raw in self.unit.table(OUTBOX).raw().values()]
        return sorted(ops, key=lambda op: op.seq)

    def pending_count(self) -> int:
        return sum(1 for op in self.outbox() if op.state is OpState.PENDING)

    def conflicts(self) -> list[Conflict]:
        with self.lock:
            return [Conflict.from_json(raw) for raw in self.unit.table(CONFLICTS).raw().values()]

    def conflict(self, collection: str, record_id: str) -> Conflict | None:
        with self.lock:
            raw = self.unit.table(CONFLICTS).raw().get(record_key(collection, record_id))
        return Conflict.from_json(raw) if raw else None

    def cursor(self, collection: str) -> str | None:
        with self.lock:
            entry = self.unit.table(CURSORS).raw().get(collection)
        return entry.get("cursor") if entry else None

    def auth(self) -> dict[str, Any] | None:
        with self.lock:
            entry = self.unit.table(AUTH).raw().get("session")
        return dict(entry) if entry else None

    # ---- local changes (what the UI does) --------------------------------------------------------
    def save(self, collection: str, record_id: str, data: dict[str, Any]) -> UserRecord:
        """Save a record here and queue it for the server, in one commit."""
        return self._local_change(collection, record_id, "upsert", data)

    def delete(self, collection: str, record_id: str) -> UserRecord:
        return self._local_change(collection, record_id, "delete", None)

    def _local_change(self, collection: str, record_id: str, action: str, data: dict[str, Any] | None) -> UserRecord:
        if collection not in USER_COLLECTIONS:
            raise StoreError(f"{collection} is not a user collection")
        with self._unit_of_work():
            key = record_key(collection, record_id)
            record = self.record(collection, record_id) or UserRecord(collection, record_id, None, deleted=True)
            record.data, record.deleted, record.updated_at = data, action == "delete", clock.now_iso()
            conflict = self.conflict(collection, record_id)
            if conflict is not None:
                # while a conflict waits for the user, edits change "mine"; the choice sends them
                conflict.mine = data
                self.unit.table(CONFLICTS).change(lambda t: t.__setitem__(key, conflict.to_json()))
            else:
                self._enqueue(record, action, data)
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
            self.unit.commit()
        return record

    def _enqueue(self, record: UserRecord, action: str, data: dict[str, Any] | None) -> None:
        earlier = [
            op
            for op in self.outbox()
            if op.collection == record.collection and op.record_id == record.id and op.state is OpState.PENDING
        ]
        unsent = [op for op in earlier if op.seq not in self.in_flight]
        if unsent:
            # the server has not seen it yet: send the latest state once instead of every keystroke
            op = unsent[-1]
            op.action, op.data = action, data
            self.unit.table(OUTBOX).change(lambda t: t.__setitem__(str(op.seq), op.to_json()))
            return
        seq = int(self._meta().get("next_seq", 1))
        in_flight = [op for op in earlier if op.seq in self.in_flight]
        op = OutboxOp(
            seq=seq,
            op_id=uuid.uuid4().hex,
            collection=record.collection,
            record_id=record.id,
            action=action,
            data=data,
            base_version=record.server_version,
            created_at=clock.now_iso(),
            after_seq=in_flight[-1].seq if in_flight else None,
        )
        self._set_meta(next_seq=seq + 1)
        self.unit.table(OUTBOX).change(lambda t: t.__setitem__(str(seq), op.to_json()))

    # ---- push results (what the sync engine does) -------------------------------------------------
    def mark_in_flight(self, seqs: Iterable[int]) -> None:
        with self.lock:
            self.in_flight.update(seqs)

    def clear_in_flight(self, seqs: Iterable[int]) -> None:
        with self.lock:
            self.in_flight.difference_update(seqs)

    def next_batch(self, limit: int) -> list[OutboxOp]:
        """Pending ops in seq order, stopping before one that waits for an earlier op's result.

        Seqs must reach the server without holes, so the batch stops rather than skipping an op.
        """
        batch: list[OutboxOp] = []
        for op in self.outbox():
            if op.state is not OpState.PENDING:
                continue
            if op.after_seq is not None:
                break  # its base_version is not known until the earlier op's result is applied
            batch.append(op)
            if len(batch) >= limit:
                break
        return batch

    def apply_push_results(self, sent: list[OutboxOp], results: list[dict[str, Any]], last_seq: int) -> PushOutcome:
        """Apply a push answer to the outbox and the records, in one commit."""
        outcome = PushOutcome()
        by_seq = {op.seq: op for op in sent}
        with self._unit_of_work():
            for result in results:
                op = by_seq.get(int(result.get("seq", -1)))
                if op is None:
                    continue
                status = result.get("status")
                if status == "duplicate":
                    original = result.get("original")
                    if original is not None and original.get("op_id") not in (None, op.op_id):
                        # the server consumed this seq for another op: our counter went backwards
                        outcome.gaps += 1
                        self._renumber_from(last_seq + 1)
                        break
                    outcome.duplicates += 1
                    # the op already reached the server (a lost answer, replayed): settle it as it was settled
                    self._settle(op, original or {"status": "applied", "version": None}, outcome, counted=True)
                elif status == "gap":
                    outcome.gaps += 1
                    self._renumber_from(int(result["expected_seq"]))
                    break
                else:
                    self._settle(op, result, outcome, counted=False)
            self.unit.commit()
        self.clear_in_flight(op.seq for op in sent)
        return outcome

    def _settle(self, op: OutboxOp, result: dict[str, Any], outcome: PushOutcome, counted: bool) -> None:
        """Apply one op's final outcome; ``counted`` when it was already counted as a duplicate."""
        status = result.get("status", "applied")
        if status == "applied":
            outcome.applied += 0 if counted else 1
            version = result.get("version")
            self._applied(op, int(version) if version is not None else None)
            if result.get("reason") == "overrode_newer_edit":
                outcome.notices.append("delete_overrode_newer_edit")
        elif status == "conflict":
            outcome.conflicts += 1
            self._conflicted(op, result)
        elif status == "rejected":
            outcome.rejected += 0 if counted else 1
            op.state, op.reason = OpState.REJECTED, str(result.get("reason") or "rejected")
            op.attempts += 1
            self.unit.table(OUTBOX).change(lambda t: t.__setitem__(str(op.seq), op.to_json()))

    def _applied(self, op: OutboxOp, version: int | None) -> None:
        key = record_key(op.collection, op.record_id)
        outbox = self.unit.table(OUTBOX)
        outbox.change(lambda t: t.pop(str(op.seq), None))
        record = self.record(op.collection, op.record_id)
        if record is not None and version is not None:
            record.server_version = version
            record.server_deleted = op.action == "delete"
            record.server_data = op.data
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
        # an op that waited for this one now knows its base
        for later in self.outbox():
            if later.after_seq == op.seq:
                later.after_seq, later.base_version = None, version
                outbox.change(lambda t, later=later: t.__setitem__(str(later.seq), later.to_json()))

    def _conflicted(self, op: OutboxOp, result: dict[str, Any]) -> None:
        key = record_key(op.collection, op.record_id)
        self.unit.table(OUTBOX).change(lambda t: t.pop(str(op.seq), None))
        server = result.get("record") or {}
        record = self.record(op.collection, op.record_id)
        conflict = Conflict(
            collection=op.collection,
            id=op.record_id,
            mine=op.data if op.action == "upsert" else None,
            theirs=None if server.get("deleted") else server.get("data"),
            theirs_version=int(server.get("version") or result.get("version") or 0),
            base=record.server_data if record else None,
            reason=str(result.get("reason") or "conflict"),
            detected_at=clock.now_iso(),
        )
        self.unit.table(CONFLICTS).change(lambda t: t.__setitem__(key, conflict.to_json()))
        if record is not None:
            record.server_version = conflict.theirs_version
            record.server_deleted = conflict.theirs is None
            record.server_data = conflict.theirs
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
        # later ops on this record were based on a version that lost: fold them into the conflict
        for later in self.outbox():
            if later.collection == op.collection and later.record_id == op.record_id:
                conflict.mine = later.data if later.action == "upsert" else None
                self.unit.table(OUTBOX).change(lambda t, later=later: t.pop(str(later.seq), None))
                self.unit.table(CONFLICTS).change(lambda t: t.__setitem__(key, conflict.to_json()))

    def _renumber_from(self, first_seq: int) -> None:
        """Give every unsent op a new seq starting at ``first_seq``, keeping their order.

        Happens when the server's seq counter and ours disagree (a restored file): those seqs never
        reached the server, so renumbering them sends each op exactly once.
        """
        outbox = self.unit.table(OUTBOX)
        ops = [op for op in self.outbox() if op.state is OpState.PENDING]
        old_to_new = {op.seq: first_seq + i for i, op in enumerate(ops)}

        def renumber(table: dict[str, Any]) -> None:
            for op in ops:
                table.pop(str(op.seq), None)
            for op in ops:
                op.seq = old_to_new[op.seq]
                if op.after_seq in old_to_new:
                    op.after_seq = old_to_new[op.after_seq]
                table[str(op.seq)] = op.to_json()

        outbox.change(renumber)
        self.in_flight.clear()
        self._set_meta(next_seq=max([first_seq - 1, *old_to_new.values()]) + 1)

    # ---- pulls of user collections ---------------------------------------------------------------
    def apply_page(self, collection: str, items: list[ServerItem], next_cursor: str) -> ChangeCounts:
        """Commit a page of the user's own records and the cursor, never overwriting unsent edits."""
        counts = ChangeCounts()
        with self._unit_of_work():
            busy = {(op.collection, op.record_id) for op in self.outbox()}
            busy |= {(c.collection, c.id) for c in self.conflicts()}
            records = self.unit.table(RECORDS)
            for item in items:
                key = record_key(collection, item.id)
                record = self.record(collection, item.id)
                if record is None:
                    if item.deleted:
                        continue
                    record = UserRecord(collection, item.id, None, deleted=True)
                    counts.added += 1
                elif item.version == record.server_version:
                    pass  # our own write coming back (the server may have normalised it): not news
                elif item.deleted and not record.deleted:
                    counts.removed += 1
                elif record.data != item.data:
                    counts.changed += 1
                record.server_version, record.server_deleted = item.version, item.deleted
                record.server_data = item.data
                if (collection, item.id) not in busy:
                    record.data, record.deleted = item.data, item.deleted
                records.change(lambda t, key=key, record=record: t.__setitem__(key, record.to_json()))
            self.unit.table(CURSORS).change(lambda t: t.__setitem__(collection, {"cursor": next_cursor}))
            self.unit.commit()
        return counts

    def reset_collection(self, collection: str) -> None:
        """410 for a user collection: forget synced copies, keep anything not yet sent."""
        with self._unit_of_work():
            busy = {(op.collection, op.record_id) for op in self.outbox()}
            busy |= {(c.collection, c.id) for c in self.conflicts()}

            def drop_synced(table: dict[str, Any]) -> None:
                for key in [k for k, r in table.items() if r["collection"] == collection]:
                    if (collection, table[key]["id"]) not in busy:
                        del table[key]

            self.unit.table(RECORDS).change(drop_synced)
            self.unit.table(CURSORS).change(lambda t: t.pop(collection, None))
            self.unit.commit()

    # ---- conflicts and parked ops (what the user decides) ------------------------------------------
    def resolve_conflict(self, collection: str, record_id: str, choice: str, merged: dict | None = None) -> None:
        """``choice``: "mine" (send my copy), "theirs" (take the server's), "merge" (send ``merged``)."""
        key = record_key(collection, record_id)
        with self._unit_of_work():
            conflict = self.conflict(collection, record_id)
            if conflict is None:
                raise StoreError(f"no conflict on {collection}/{record_id}")
            self.unit.table(CONFLICTS).change(lambda t: t.pop(key, None))
            record = self.record(collection, record_id) or UserRecord(collection, record_id, None)
            if choice == "theirs":
                record.data, record.deleted = conflict.theirs, conflict.theirs is None
            else:
                data = conflict.mine if choice == "mine" else merged
                record.data, record.deleted = data, data is None
                self._enqueue(record, "upsert" if data is not None else "delete", data)
            record.updated_at = clock.now_iso()
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
            self.unit.commit()

    def retry_rejected(self, seq: int) -> None:
        """Send a parked op again, under a new seq (its old seq was consumed by the rejection)."""
        self._settle_rejected(seq, retry=True)

    def discard_rejected(self, seq: int) -> None:
        """Drop a parked op and go back to the server's copy of the record."""
        self._settle_rejected(seq, retry=False)

    def _settle_rejected(self, seq: int, retry: bool) -> None:
        with self._unit_of_work():
            raw = self.unit.table(OUTBOX).raw().get(str(seq))
            if raw is None:
                raise StoreError(f"no parked operation {seq}")
            op = OutboxOp.from_json(raw)
            self.unit.table(OUTBOX).change(lambda t: t.pop(str(seq), None))
            record = self.record(op.collection, op.record_id) or UserRecord(op.collection, op.record_id, None)
            if retry:
                self._enqueue(record, op.action, op.data)
            else:
                record.data, record.deleted = (
                    record.server_data,
                    record.server_deleted or record.server_data is None,
                )
                self.unit.table(RECORDS).change(lambda t: t.__setitem__(record.key, record.to_json()))
            self.unit.commit()

    # ---- sign-in ------------------------------------------------------------------------------------
    def set_auth(self, session: dict[str, Any] | None) -> None:
        with self._unit_of_work():
            if session is None:
                self.unit.table(AUTH).change(lambda t: t.pop("session", None))
            else:
                if self.owner is None:
                    self._set_meta(owner=session["username"])
                self.unit.table(AUTH).change(lambda t: t.__setitem__("session", session))
            self.unit.commit()

    # ---- helpers --------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _unit_of_work(self) -> Iterator[None]:
        """Changes inside reach the disk only through the commit inside; on error none stay.

        Holds the lock for the whole unit, so two writers never share (or roll back) each other's work.
        """
        with self.lock:
            try:
                yield
            except BaseException:
                self.unit.rollback()
                raise
        if self.on_change is not None:
            self.on_change()
