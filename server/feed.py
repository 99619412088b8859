"""The changes feed: opaque ``(version, id)`` cursors, snapshots without tombstones, and 410s.

Shared collections (needs, answers) are one stream for everyone, filtered per reader: a record the
reader may not see goes out as a tombstone (left out of a snapshot, like a real tombstone), so a
record that stops being visible is removed from the reader's copy and one that becomes visible
arrives with its new version. A cursor of a shared collection carries a key of what the reader may
see (role and organisation); when that changes, the cursor is refused with 410 and the client pulls
the collection again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from models.access import VISIBILITY as SHARED_VISIBILITY
from models.fund_access import FUND_PROJECTIONS
from models.orgs import Role, Viewer
from server import persistence
from server.db import Database
from server.errors import Invalid, NotFound, ResyncRequired
from server.field_writes import BY_USERNAME, FIELD_VISIBILITY
from server.schemas import ChangesPage, Item
from server.tables import Record
from server.user_records import REFERENCE_COLLECTIONS, SHARED_COLLECTIONS, USER_COLLECTIONS, unstorable_characters

SCHEMA_VERSION = 1
#: Who sees each shared collection's records.
VISIBILITY = {**SHARED_VISIBILITY, **FIELD_VISIBILITY}
DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
MAX_RECORD_ID = 200  # the records.record_id column


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
    #: Shared collections: what the reader may see when the cursor was made (``visibility_key``).
    key: str | None = None

    def encode(self) -> str:
        body: dict[str, object] = {"v": self.version, "id": self.record_id}
        if self.snapshot is not None:
            body["s"] = self.snapshot
        if self.key is not None:
            body["k"] = self.key
        raw = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            body = json.loads(raw.decode("utf-8"))
            version, record_id, snapshot, key = body["v"], body["id"], body.get("s"), body.get("k")
        except (binascii.Error, ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError, RecursionError):
            # RecursionError: a cursor of nested brackets is deeper than the JSON decoder recurses.
            raise Invalid("the cursor does not decode", {"cursor": text[:100]}) from None
        ints_ok = all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (version, snapshot or 0))
        # An id no record can have (too long, or text the database refuses) would fail the query itself.
        id_ok = isinstance(record_id, str) and len(record_id) <= MAX_RECORD_ID and not unstorable_characters(record_id)
        key_ok = key is None or (isinstance(key, str) and not unstorable_characters(key))
        if not ints_ok or not id_ok or not key_ok:
            raise Invalid("the cursor does not decode", {"cursor": text[:100]})
        return cls(version, record_id, snapshot, key)

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
        return Cursor(record.version, record.record_id, snapshot, self.key)


def owner_of(collection: str, user_id: int) -> str:
    """Reference and shared records belong to no one (``''``); user records to the user's id."""
    if collection in REFERENCE_COLLECTIONS or collection in SHARED_COLLECTIONS:
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


def visibility_key(viewer: Viewer, *, per_user: bool = False) -> str:
    """A short digest of what decides visibility for a reader: their role and organisation, and their name
    where what they see depends on it (``per_user``: the Fund's collections, whose reviewers see what they
    were assigned; visits and corrections, where a draft or a proposal is its author's own)."""
    who = f"{viewer.role.value}|{viewer.org_id or ''}"
    if per_user:
        who += f"|{viewer.username or ''}"
    return hashlib.sha256(who.encode()).hexdigest()[:12]


def changes(
    db: Database,
    *,
    collection: str,
    user_id: int,
    cursor: str | None,
    limit: int | None,
    viewer: Viewer | None = None,
) -> ChangesPage:
    """One page of ``collection`` after ``cursor`` for the user, following docs/sync-protocol.md."""
    owner = owner_of(collection, user_id)
    size = clamp_limit(limit)
    sent = Cursor.decode(cursor) if cursor else None
    shared = collection in SHARED_COLLECTIONS
    visible = VISIBILITY.get(collection) if shared else None
    projection = FUND_PROJECTIONS.get(collection) if shared else None
    if shared and visible is None and projection is None:
        raise NotFound(f"{collection!r} has no rule for who may read it", {"collection": collection})
    reader = viewer or Viewer(role=Role.MEMBER)
    key = visibility_key(reader, per_user=projection is not None or collection in BY_USERNAME) if shared else None
    if sent is not None and sent.key != key:
        # the reader's role or organisation changed since this cursor: what they may see changed
        raise ResyncRequired(
            "what this account may see has changed; pull again without a cursor", {"collection": collection}
        )
    with db.read() as session:
        # One snapshot: the counter, the horizon and the page are read as of the same instant.
        latest = persistence.current_version(session)
        position = sent if sent is not None else Cursor(0, "", latest, key)
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
        items: list[Item] = []
        for row in rows[:size]:
            seen: dict[str, Any] | None = None
            if projection is not None and not row.deleted and row.data is not None:
                seen = projection(reader, row.data)  # this reader's copy: a whitelist of the record
                if seen is not None:
                    items.append(Item(id=row.record_id, version=row.version, deleted=False, data=seen))
                    continue
            elif visible is None or row.deleted or row.data is None or visible(reader, row.data):
                items.append(item_of(row))
                continue
            if position.snapshot is None or row.version > position.snapshot:
                # not for this reader: a tombstone, so a copy made while it was visible loses it
                items.append(Item(id=row.record_id, version=row.version, deleted=True, data=None))
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
