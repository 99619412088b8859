"""The user's own data — favourites, notes, drafts, the outbox, conflicts — in one small file of its own.

Every user change is committed together with its outbox entry in one atomic write before the UI
says "saved". An outbox op goes through three states, each change of state one commit
(docs/sync-protocol.md, "The op lifecycle"):

- ``queued`` — on this device only. Later edits of the same record fold into it (ten edits offline
  travel as one op). It has no seq yet.
- ``sent`` — given the next seq and written to disk *before* the request goes out. It may have reached
  the server, so it is never changed again: an edit made now becomes a new queued op that waits for
  this one's result (its ``base_version`` is the version this one produces). It stays sent across
  restarts and is sent again, with the same seq and op id, until its result is applied.
- settled — its result applied in the same commit that takes it out of the outbox: ``applied`` (gone),
  ``conflict`` (both copies kept until the user chooses), or ``rejected``: parked with its reason for
  the user, unless a newer edit of the record is already waiting — the newer edit supersedes it and is
  released. Nothing else ever waits behind a parked op.

Entries are never dropped because they failed.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from models.shared_edits import merge_shared, server_copy
from models.user_records import InvalidRecord, check_record
from sync import clock, migrations
from sync.errors import StoreError
from sync.reference_store import ChangeCounts, ServerItem
from sync.storage import Unit
from sync.tokens import SessionVault

RECORDS = "records"
OUTBOX = "outbox"
CONFLICTS = "conflicts"
CURSORS = "cursors"
DRAFTS = "drafts"
META = "meta"
TABLES = (RECORDS, OUTBOX, CONFLICTS, CURSORS, DRAFTS, META)

#: User collections and how their conflicts are settled (docs/sync-protocol.md).
LAST_WRITE_WINS = {"favourites"}
VERSIONED = {"notes"}
USER_COLLECTIONS = LAST_WRITE_WINS | VERSIONED
#: Shared collections this device writes through the outbox (docs/sync-protocol.md, "Writing shared
#: records"). The server's copies live in the shared files (``LocalStore.needs``/``answers``); what is
#: kept here is this user's own unsent or just-sent write of a record — a whole need, or one side of an
#: answer — until the shared copy has caught up (``settle_shared``).
SHARED_WRITES = frozenset({"needs", "answers"})
WRITABLE = USER_COLLECTIONS | SHARED_WRITES


class OpState(StrEnum):
    QUEUED = "queued"  # on this device only; no seq yet
    SENT = "sent"  # has a seq, on disk before the request went out; may have reached the server
    REJECTED = "rejected"  # the server refused it: parked and shown until the user decides


#: States counted as "waiting to be sent" on screen.
UNSENT_STATES = (OpState.QUEUED, OpState.SENT)


@dataclass
class OutboxOp:
    op_id: str  # random; also the op's key in the outbox table
    collection: str
    record_id: str
    action: str  # "upsert" | "delete"
    data: dict[str, Any] | None
    base_version: int | None
    created_at: str
    state: OpState = OpState.QUEUED
    seq: int | None = None  # given when the op is sent, kept until it settles
    order: int = 0  # creation order: queued ops are sent in it
    reason: str | None = None
    attempts: int = 0
    #: The op id of a sent op on the same record whose result gives this op its base_version.
    after: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state.value}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> OutboxOp:
        return cls(**{**raw, "state": OpState(raw.get("state", "queued"))})

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

    def __init__(
        self, unit: Unit, on_change: Callable[[], None] | None = None, session: SessionVault | None = None
    ) -> None:
        self.unit = unit
        self.on_change = on_change
        self._session = session
        #: The UI saves from its threads while the sync engine applies results from another.
        self.lock = threading.RLock()
        #: Bumped by every commit and load: a screen's cache of what it drew from this user's data compares it.
        self.revision = 0

    # ---- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        from sync.errors import StoreCorrupt

        tables = self.unit.load()
        self.revision += 1
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
            for raw in tables.get(DRAFTS, {}).values():
                if not isinstance(raw.get("text"), str):
                    raise ValueError("a draft without text")
        except (TypeError, ValueError, KeyError) as exc:
            raise StoreCorrupt(f"user data does not validate: {exc}") from exc

    # ---- meta -------------------------------------------------------------------------------------
    def _meta(self) -> dict[str, Any]:
        with self.lock:
            return dict(self.unit.table(META).raw().get("state", {}))

    def _set_meta(self, **values: Any) -> None:
        # The schema goes with every meta write: a file made by this version must never look older.
        merged = {**self._meta(), "schema": migrations.SCHEMA["user"], **values}
        self.unit.table(META).change(lambda t: t.__setitem__("state", merged))

    @property
    def owner(self) -> str | None:
        return self._meta().get("owner")

    def claim(self, username: str) -> None:
        """Mark this data as ``username``'s (at their first sign-in on this device)."""
        with self._unit_of_work():
            if self.owner is None:
                self._set_meta(owner=username)
                self.unit.commit()

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
        """Sent ops first in seq order, then queued and parked ones in the order they were made."""
        with self.lock:
            ops = [OutboxOp.from_json(raw) for raw in self.unit.table(OUTBOX).raw().values()]
        return sorted(ops, key=lambda op: (op.seq is None, op.seq or 0, op.order))

    def pending_count(self) -> int:
        return sum(1 for op in self.outbox() if op.state in UNSENT_STATES)

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

    # ---- drafts: what the member typed and has not saved yet; theirs, never the next member's ----------
    def drafts(self) -> dict[str, str]:
        with self.lock:
            return {key: str(raw["text"]) for key, raw in self.unit.table(DRAFTS).raw().items()}

    def set_draft(self, key: str, text: str) -> None:
        """Keep a draft (an empty ``text`` drops it), in one commit."""
        with self._unit_of_work():
            drafts = self.unit.table(DRAFTS)
            if text.strip():
                drafts.change(lambda t: t.__setitem__(key, {"text": text, "at": clock.now_iso()}))
            elif key in drafts.raw():
                drafts.change(lambda t: t.pop(key, None))
            else:
                return
            self.unit.commit()

    # ---- local changes (what the UI does) --------------------------------------------------------
    def save(
        self,
        collection: str,
        record_id: str,
        data: dict[str, Any],
        based_on: ServerItem | None = None,
        separate: bool = False,
    ) -> UserRecord:
        """Save a record here and queue it for the server, in one commit.

        ``based_on``: the server copy the edit was made from when it is newer than the one this store
        holds (a shared record, whose server copy lives in the shared files): it becomes the record's
        base, so the op's ``base_version`` is the version the member saw. ``separate``: do not fold
        this edit into a queued op of the record; send it after that op instead (a need's second
        status move made offline: folded, open → published → matched would reach the server as the
        one move open → matched, which the workflow refuses).
        """
        return self._local_change(collection, record_id, "upsert", data, based_on, separate)

    def delete(self, collection: str, record_id: str) -> UserRecord:
        return self._local_change(collection, record_id, "delete", None)

    def queue(self, collection: str, record_id: str, action: str, data: dict[str, Any] | None) -> None:
        """Queue a write of a shared record this file does not keep (a field visit lives in its own file,
        ``sync/visit_store.py``; a decision or a correction is sent once), in one commit. Like any op
        it folds into an unsent op of the same record and waits behind one in flight; ``base_version``
        stays empty (field records are written by one account each: docs/visits.md)."""
        if collection in USER_COLLECTIONS:
            raise StoreError(f"{collection} is a user collection: save it")
        with self._unit_of_work():
            self._enqueue(UserRecord(collection, record_id, data, deleted=action == "delete"), action, data)
            self.unit.commit()

    def _local_change(
        self,
        collection: str,
        record_id: str,
        action: str,
        data: dict[str, Any] | None,
        based_on: ServerItem | None = None,
        separate: bool = False,
    ) -> UserRecord:
        if collection not in WRITABLE:
            raise StoreError(f"{collection} is not a collection this device writes")
        with self._unit_of_work():
            key = record_key(collection, record_id)
            record = self.record(collection, record_id) or UserRecord(collection, record_id, None, deleted=True)
            newer = based_on is not None and (record.server_version is None or based_on.version > record.server_version)
            if based_on is not None and newer and not self._busy(collection, record_id):
                record.server_version, record.server_deleted = based_on.version, based_on.deleted
                record.server_data = based_on.data
            record.data, record.deleted, record.updated_at = data, action == "delete", clock.now_iso()
            conflict = self.conflict(collection, record_id)
            if conflict is not None:
                # while a conflict waits for the user, edits change "mine"; the choice sends them
                conflict.mine = data
                self.unit.table(CONFLICTS).change(lambda t: t.__setitem__(key, conflict.to_json()))
            else:
                self._enqueue(record, action, data, separate)
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
            self.unit.commit()
        return record

    def queued(self, collection: str, record_id: str) -> OutboxOp | None:
        """The newest op of a record still only on this device (later edits fold into it), or None."""
        ops = [
            op
            for op in self.outbox()
            if op.collection == collection and op.record_id == record_id and op.state is OpState.QUEUED
        ]
        return ops[-1] if ops else None

    def _enqueue(self, record: UserRecord, action: str, data: dict[str, Any] | None, separate: bool = False) -> None:
        """Queue the record's newest state: folded into a queued op, after a sent one, or on its own."""
        outbox = self.unit.table(OUTBOX)
        mine = [op for op in self.outbox() if op.collection == record.collection and op.record_id == record.id]
        for parked in (op for op in mine if op.state is OpState.REJECTED):
            # the newest edit is the member's answer to a refused one: it replaces it, never waits behind it
            outbox.change(lambda t, parked=parked: t.pop(parked.op_id, None))
        queued = [op for op in mine if op.state is OpState.QUEUED]
        if queued and not separate:
            # the server has not seen it: send the latest state once instead of every keystroke
            op = queued[-1]
            op.action, op.data = action, data
            outbox.change(lambda t: t.__setitem__(op.op_id, op.to_json()))
            return
        sent = [op for op in mine if op.state is OpState.SENT]
        # a new op waits for the newest op of the record still going out (its base comes from that result)
        waits_for = queued[-1] if queued else (sent[-1] if sent else None)
        order = int(self._meta().get("next_order", 1))
        op = OutboxOp(
            op_id=uuid.uuid4().hex,
            collection=record.collection,
            record_id=record.id,
            action=action,
            data=data,
            base_version=None if waits_for else record.server_version,
            created_at=clock.now_iso(),
            order=order,
            after=waits_for.op_id if waits_for else None,
        )
        self._set_meta(next_order=order + 1)
        outbox.change(lambda t: t.__setitem__(op.op_id, op.to_json()))

    # ---- sending (what the sync engine does) --------------------------------------------------------
    def claim_batch(self, limit: int) -> list[OutboxOp]:
        """The next ops to push, marked sent and given seqs in one commit *before* the request goes out.

        Sent ops whose result never arrived come first, unchanged (same seq, same op id, same data). Then
        queued ops in the order they were made, each given the next seq; an op waiting for a sent op's
        result is left for later without holding up the others (it has no seq, so no hole opens).
        """
        with self._unit_of_work(notify=False):
            ops = self.outbox()
            batch = [op for op in ops if op.state is OpState.SENT][:limit]
            live = {op.op_id for op in ops}
            next_seq = int(self._meta().get("next_seq", 1))
            claimed = False
            for op in sorted((op for op in ops if op.state is OpState.QUEUED), key=lambda op: op.order):
                if len(batch) >= limit:
                    break
                if op.after is not None and op.after in live:
                    continue  # its base_version comes with that op's result
                if op.after is not None:  # what it waited for is settled and somehow did not release it
                    record = self.record(op.collection, op.record_id)
                    op.after, op.base_version = None, record.server_version if record else None
                op.state, op.seq, op.attempts = OpState.SENT, next_seq, op.attempts + 1
                next_seq += 1
                self.unit.table(OUTBOX).change(lambda t, op=op: t.__setitem__(op.op_id, op.to_json()))
                batch.append(op)
                claimed = True
            if claimed:
                self._set_meta(next_seq=next_seq)
                self.unit.commit()
        return sorted(batch, key=lambda op: op.seq or 0)

    def acked_seq(self) -> int:
        """The highest seq whose answer is applied here with nothing sent below it still waiting: the
        server may forget its stored answers up to it (docs/sync-protocol.md, "Acknowledgements")."""
        settled = int(self._meta().get("settled_seq", 0))
        waiting = [op.seq for op in self.outbox() if op.state is OpState.SENT and op.seq is not None]
        return min(settled, min(waiting) - 1) if waiting else settled

    def apply_push_results(self, sent: list[OutboxOp], results: list[dict[str, Any]], last_seq: int) -> PushOutcome:
        """Apply a push answer to the outbox and the records, in one commit.

        Only ops still sent with the same op id are settled: anything else in ``results`` (another
        user's data after a switch, a stale answer) is ignored.
        """
        outcome = PushOutcome()
        with self._unit_of_work():
            current = {op.op_id: op for op in self.outbox() if op.state is OpState.SENT}
            by_seq = {op.seq: current[op.op_id] for op in sent if op.op_id in current}
            next_seq = max(int(self._meta().get("next_seq", 1)), last_seq + 1)
            settled = int(self._meta().get("settled_seq", 0))
            for result in results:
                op = by_seq.get(int(result["seq"]))
                if op is None:
                    continue
                status = result["status"]
                if status == "gap":
                    # the server never took this seq: the op never arrived, and can be sent again afresh
                    outcome.gaps = 1  # one gap per answer, however many ops it names
                    next_seq = min(next_seq, int(result["expected_seq"]))
                    self._requeue(op)
                    continue
                if status == "duplicate":
                    original = result.get("original")
                    if original is not None and original.get("op_id") not in (None, op.op_id):
                        # the server took this seq for another op (our counter went backwards): ours never arrived
                        outcome.gaps = 1
                        self._requeue(op)
                        continue
                    outcome.duplicates += 1
                    # the op reached the server before (a lost answer, replayed): settle it as it was settled
                    self._settle(op, original or {"status": "applied", "version": None}, outcome, counted=True)
                else:
                    self._settle(op, result, outcome, counted=False)
                settled = max(settled, op.seq or 0)
            self._set_meta(next_seq=next_seq, settled_seq=settled)
            self.unit.commit()
        return outcome

    def _requeue(self, op: OutboxOp) -> None:
        op.state, op.seq = OpState.QUEUED, None
        self.unit.table(OUTBOX).change(lambda t: t.__setitem__(op.op_id, op.to_json()))

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
            if self._merged_again(op, result):
                outcome.notices.append("shared_edit_merged")
            else:
                outcome.conflicts += 1
                self._conflicted(op, result)
        else:  # rejected
            outcome.rejected += 0 if counted else 1
            self._rejected(op, str(result.get("reason") or "rejected"))

    def _later(self, op: OutboxOp) -> list[OutboxOp]:
        """Queued ops of the same record made after ``op`` (at most one: later edits fold into it)."""
        return [
            later
            for later in self.outbox()
            if later.state is OpState.QUEUED
            and later.collection == op.collection
            and later.record_id == op.record_id
            and later.op_id != op.op_id
        ]

    def _applied(self, op: OutboxOp, version: int | None) -> None:
        key = record_key(op.collection, op.record_id)
        outbox = self.unit.table(OUTBOX)
        outbox.change(lambda t: t.pop(op.op_id, None))
        record = self.record(op.collection, op.record_id)
        if record is not None and version is not None:
            record.server_version = version
            record.server_deleted = op.action == "delete"
            record.server_data = op.data
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))
        # an op that waited for this one now knows its base (unknown for a forgotten answer: the last known);
        # one that waits for another queued op keeps waiting for that one
        base = version if version is not None else (record.server_version if record else None)
        for later in self._later(op):
            if later.after not in (None, op.op_id):
                continue
            later.after, later.base_version = None, base
            outbox.change(lambda t, later=later: t.__setitem__(later.op_id, later.to_json()))

    def _merged_again(self, op: OutboxOp, result: dict[str, Any]) -> bool:
        """A shared record someone else changed first: queue the field-by-field merge of this device's
        edit with theirs, based on their version, when it is clean (nothing changed differently on both
        sides, and a status the workflow allows from theirs). False leaves it to the member."""
        if op.collection not in SHARED_WRITES or op.action != "upsert":
            return False
        server = result.get("record") or {}
        theirs = None if server.get("deleted") else server.get("data")
        later = self._later(op)
        newest = later[-1] if later else op
        record = self.record(op.collection, op.record_id)
        if theirs is None or newest.action != "upsert" or newest.data is None or record is None:
            return False
        merged = merge_shared(op.collection, record.server_data, newest.data, theirs)
        if merged is None:
            return False
        outbox = self.unit.table(OUTBOX)
        for done in (op, *later):
            outbox.change(lambda t, done=done: t.pop(done.op_id, None))
        record.server_version = int(server.get("version") or result.get("version") or 0)
        record.server_deleted, record.server_data = False, server_copy(op.collection, newest.data, theirs)
        record.data, record.deleted = merged, False
        self._enqueue(record, "upsert", merged)
        self.unit.table(RECORDS).change(lambda t: t.__setitem__(record.key, record.to_json()))
        return True

    def _conflicted(self, op: OutboxOp, result: dict[str, Any]) -> None:
        key = record_key(op.collection, op.record_id)
        self.unit.table(OUTBOX).change(lambda t: t.pop(op.op_id, None))
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
        # later edits of this record were based on a version that lost: "mine" is the newest of them
        for later in self._later(op):
            conflict.mine = later.data if later.action == "upsert" else None
            self.unit.table(OUTBOX).change(lambda t, later=later: t.pop(later.op_id, None))
        self.unit.table(CONFLICTS).change(lambda t: t.__setitem__(key, conflict.to_json()))
        if record is not None:
            record.server_version = conflict.theirs_version
            record.server_deleted = conflict.theirs is None
            record.server_data = conflict.theirs
            self.unit.table(RECORDS).change(lambda t: t.__setitem__(key, record.to_json()))

    def _rejected(self, op: OutboxOp, reason: str) -> None:
        """Park ``op`` for the member — unless a newer edit of the record waits, which replaces it."""
        outbox = self.unit.table(OUTBOX)
        later = self._later(op)
        if later:
            # the server never changed: the newer edit goes on its own, based on the last version we know
            record = self.record(op.collection, op.record_id)
            outbox.change(lambda t: t.pop(op.op_id, None))
            for waiting in later:
                if waiting.after not in (None, op.op_id):
                    continue  # it waits for another op of the record, still on its way
                waiting.after, waiting.base_version = None, record.server_version if record else None
                outbox.change(lambda t, waiting=waiting: t.__setitem__(waiting.op_id, waiting.to_json()))
            return
        op.state, op.reason = OpState.REJECTED, reason
        outbox.change(lambda t: t.__setitem__(op.op_id, op.to_json()))

    # ---- pulls of user collections ---------------------------------------------------------------
    def apply_page(self, collection: str, items: list[ServerItem], next_cursor: str) -> ChangeCounts:
        """Commit a page of the user's own records and the cursor, never overwriting unsent edits.

        Each live item is checked like a pushed record (``models/user_records.py``); one that breaks the
        rules is left out and counted as ``invalid``, and the rest of the page is kept.
        """
        counts = ChangeCounts()
        with self._unit_of_work():
            busy = {(op.collection, op.record_id) for op in self.outbox()}
            busy |= {(c.collection, c.id) for c in self.conflicts()}
            records = self.unit.table(RECORDS)
            for item in items:
                data = item.data
                if not item.deleted:
                    try:
                        data = check_record(collection, item.id, item.data)
                    except InvalidRecord:
                        counts.invalid += 1
                        continue
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
                elif record.data != data:
                    counts.changed += 1
                record.server_version, record.server_deleted = item.version, item.deleted
                record.server_data = data
                if (collection, item.id) not in busy:
                    record.data, record.deleted = data, item.deleted
                records.change(lambda t, key=key, record=record: t.__setitem__(key, record.to_json()))
            self.unit.table(CURSORS).change(lambda t: t.__setitem__(collection, {"cursor": next_cursor}))
            self.unit.commit()
        return counts

    # ---- shared copies arriving (what the sync engine does after a shared page) ---------------------
    def settle_shared(self, collection: str, items: list[ServerItem]) -> None:
        """The server's copies of ``items`` are in the shared files now: forget this user's writes of
        them that are settled (no op, no conflict) and that those copies include or supersede."""
        with self._unit_of_work(notify=False):
            records = self.unit.table(RECORDS)
            done = [
                record_key(collection, item.id)
                for item in items
                if not self._busy(collection, item.id)
                and (record := self.record(collection, item.id)) is not None
                and (record.server_version is None or item.version >= record.server_version)
            ]
            if done:
                records.change(lambda t: [t.pop(key, None) for key in done])
                self.unit.commit()

    def forget_settled(self, collection: str) -> None:
        """A shared collection is pulled again from the start: keep only this user's unsettled writes of it."""
        with self._unit_of_work(notify=False):
            mine = self.records(collection, include_deleted=True)
            settled = [r.key for r in mine if not self._busy(collection, r.id)]
            if settled:
                self.unit.table(RECORDS).change(lambda t: [t.pop(key, None) for key in settled])
                self.unit.commit()

    def _busy(self, collection: str, record_id: str) -> bool:
        """An op of the record still in the outbox (queued, sent or parked), or a conflict waiting."""
        if self.conflict(collection, record_id) is not None:
            return True
        return any(op.collection == collection and op.record_id == record_id for op in self.outbox())

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
        """Send a parked op's record again — its newest state here, never the op's older copy."""
        self._settle_rejected(seq, retry=True)

    def discard_rejected(self, seq: int) -> None:
        """Drop a parked op and go back to the server's copy of the record."""
        self._settle_rejected(seq, retry=False)

    def _settle_rejected(self, seq: int, retry: bool) -> None:
        with self._unit_of_work():
            parked = [op for op in self.outbox() if op.state is OpState.REJECTED and op.seq == seq]
            if not parked:
                raise StoreError(f"no parked operation {seq}")
            op = parked[0]
            self.unit.table(OUTBOX).change(lambda t: t.pop(op.op_id, None))
            record = self.record(op.collection, op.record_id) or UserRecord(op.collection, op.record_id, None)
            if retry:
                # the record holds the newest edit (a later edit would have replaced the parked op)
                if record.deleted:
                    self._enqueue(record, "delete", None)
                else:
                    self._enqueue(record, "upsert", record.data if record.data is not None else op.data)
            else:
                record.data, record.deleted = (
                    record.server_data,
                    record.server_deleted or record.server_data is None,
                )
                self.unit.table(RECORDS).change(lambda t: t.__setitem__(record.key, record.to_json()))
            self.unit.commit()

    # ---- the device's session (kept by the token keeper, never in this file) ---------------------------------
    def auth(self) -> dict[str, Any] | None:
        """Who is signed in on this device, with their tokens (``LocalStore.session``), or None."""
        return None if self._session is None else self._session.current()

    def set_auth(self, session: dict[str, Any] | None) -> None:
        """Keep the session through the token keeper (synchronous keepers only: command line, tests)."""
        if self._session is None:
            raise StoreError("this store keeps no session")
        self._session.put_now(session)
        if session is not None:
            self.claim(session["username"])

    # ---- helpers --------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _unit_of_work(self, notify: bool = True) -> Iterator[None]:
        """Changes inside reach the disk only through the commit inside; on error none stay.

        Holds the lock for the whole unit, so two writers never share (or roll back) each other's work.
        ``notify=False`` for the engine's own bookkeeping (marking ops sent), which is no news to anyone
        and must not re-trigger a sync the backoff is holding back.
        """
        with self.lock:
            try:
                yield
            except BaseException:
                self.unit.rollback()
                self.revision += 1
                raise
            self.revision += 1
        if notify and self.on_change is not None:
            self.on_change()
