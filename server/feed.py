"""The changes feed: opaque ``(version, id)`` cursors, snapshots without tombstones, and 410s."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from server import persistence
from server.db import Database
from server.errors import Invalid, NotFound, ResyncRequired
from server.schemas import ChangesPage, Item
from server.tables import Record
from server.user_records import REFERENCE_COLLECTIONS, USER_COLLECTIONS

SCHEMA_VERSION = 1
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Cursor:
    """A position in one feed, plus the version the client's snapshot started at (if any).

    ``snapshot`` is set while a pull that began without a cursor is still catching up: the
    tombstones up to it are left out (the client never had those records), and so purged tombstones
    up to it cannot have been missed. Without it a first sync paging through old rows would get
    410 as soon as any tombstone newer than its position had been purged, and start over forever.
    """

    version: int
    record_id: str
    snapshot: int | None = None

    def encode(self) -> str:
        body: dict[str, object] = {"v": self.version, "id": self.record_id}
        if self.snapshot is not None:
            body["s"] = self.snapshot
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            body = json.loads(raw.decode("utf-8"))
            version, record_id, snapshot = body["v"], body["id"], body.get("s")
        except (binascii.Error, ValueError, UnicodeDecodeError, KeyError, TypeError):
            raise Invalid("the cursor does not decode", {"cursor": text}) from None
        ints_ok = all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (version, snapshot or 0))
        if not ints_ok or not isinstance(record_id, str):
            raise Invalid("the cursor does not decode", {"cursor": text})
        return cls(version, record_id, snapshot)

    def missed(self, horizon: tuple[int, str]) -> bool:
        """True when a purged tombstone at or below ``horizon`` may not have reached the client."""
        if self.snapshot is not None and horizon[0] <= self.snapshot:
            return False
        return (self.version, self.record_id) < horizon

    def after(self, record: Record) -> Cursor:
        """The cursor just past ``record``; the snapshot mark is dropped once the pull is beyond it.

        Kept while still *at* the snapshot version: an import can write live rows and tombstones
        under that one version, and without the mark a purge of those tombstones would answer 410
        to a client that has just finished its snapshot, again after every resync.
        """
        snapshot = self.snapshot if self.snapshot is not None and record.version <= self.snapshot else None
        return Cursor(record.version, record.record_id, snapshot)


def owner_of(collection: str, user_id: int) -> str:
    """Reference data belongs to no one (``''``); user records to the user's id."""
    if collection in REFERENCE_COLLECTIONS:
        return ""
    if collection in USER_COLLECTIONS:
        return str(user_id)
    raise NotFound(f"unknown collection {collection!r}", {"collection": collection})


def clamp_limit(limit: int | None) -> int:
    return DEFAULT_LIMIT if limit is None else max(1, min(MAX_LIMIT, limit))


def item_of(record: Record) -> Item:
    return Item(
        id=record.record_id,
        version=record.version,
        deleted=record.deleted,
        data=None if record.deleted else record.data,
    )


def changes(db: Database, *, collection: str, user_id: int, cursor: str | None, limit: int | None) -> ChangesPage:
    """One page of ``collection`` after ``cursor`` for the user, following docs/sync-protocol.md."""
    owner = owner_of(collection, user_id)
    size = clamp_limit(limit)
    sent = Cursor.decode(cursor) if cursor else None
    with db.read() as session:
        # One snapshot: the counter, the horizon and the page are read as of the same instant.
        latest = persistence.current_version(session)
        position = sent if sent is not None else Cursor(0, "", latest)
        if position.version > latest or (position.snapshot or 0) > latest:
            # A cursor from a database that was since restored or replaced: start over.
            raise ResyncRequired(
                "the cursor is ahead of this server; pull again without a cursor",
                {"collection": collection, "server_version": latest},
            )
        horizon = persistence.get_horizon(session, collection=collection, owner=owner)
        if horizon is not None and position.missed(horizon):
            raise ResyncRequired(
                "the cursor is older than the tombstones this server keeps; pull again without a cursor",
                {"collection": collection},
            )
        rows = persistence.feed_page(
            session,
            collection=collection,
            owner=owner,
            after_version=position.version,
            after_id=position.record_id,
            omit_tombstones_up_to=position.snapshot,
            limit=size + 1,
        )
        items = [item_of(row) for row in rows[:size]]
        last = rows[size - 1] if len(rows) > size else (rows[-1] if rows else None)
    # An empty page hands back the cursor sent (or the start cursor): the client's position holds.
    next_cursor = position.after(last).encode() if last is not None else (cursor or position.encode())
    return ChangesPage(
        collection=collection,
        schema_version=SCHEMA_VERSION,
        items=items,
        next_cursor=next_cursor,
        has_more=len(rows) > size,
    )
