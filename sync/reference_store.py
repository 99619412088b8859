"""One reference collection (plants, mines, sources) cached in its own file, with its sync cursor.

The file holds three TinyDB tables: ``records`` (id → {"v": server version, "d": data}), ``staging``
(a full snapshot being pulled while the old one stays on screen) and ``meta`` (cursor and origin).
A page of records and the cursor after it are always committed together.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sync import clock
from sync.errors import StoreCorrupt
from sync.storage import Unit, dump_json

M = TypeVar("M", bound=BaseModel)

RECORDS = "records"
STAGING = "staging"
META = "meta"


@dataclass
class ChangeCounts:
    """What a commit did to a collection, for the sync history and "what's new"."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    #: Records the server sent that break the record rules: left out, the rest of the page kept.
    invalid: int = 0

    def __iadd__(self, other: ChangeCounts) -> ChangeCounts:
        self.added += other.added
        self.changed += other.changed
        self.removed += other.removed
        self.invalid += other.invalid
        return self

    @property
    def total(self) -> int:
        return self.added + self.changed + self.removed


@dataclass
class ServerItem:
    """One record of a change-feed page."""

    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None


@dataclass
class CollectionState:
    cursor: str | None = None
    #: True while a full snapshot (pull with no cursor) is in progress.
    snapshot: bool = False
    #: Where the snapshot's pages go: "records" when the collection was empty, else "staging".
    target: str = RECORDS
    origin: str = ""  # "import: <file>" or "sync: <api>"
    updated_at: str | None = None
    schema: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "cursor": self.cursor,
            "snapshot": self.snapshot,
            "target": self.target,
            "origin": self.origin,
            "updated_at": self.updated_at,
            "schema": self.schema,
            **self.extra,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CollectionState:
        known = {"cursor", "snapshot", "target", "origin", "updated_at", "schema"}
        return cls(
            cursor=raw.get("cursor"),
            snapshot=bool(raw.get("snapshot", False)),
            target=raw.get("target", RECORDS) if raw.get("target") in (RECORDS, STAGING) else RECORDS,
            origin=str(raw.get("origin", "")),
            updated_at=raw.get("updated_at"),
            schema=int(raw.get("schema", 1)),
            extra={k: v for k, v in raw.items() if k not in known},
        )


class ReferenceCollection(Generic[M]):
    """A read-only (server-wins) collection: raw file content plus parsed models kept in memory."""

    def __init__(self, name: str, model: type[M], unit: Unit, schema: int) -> None:
        self.name = name
        self.model = model
        self.unit = unit
        self.schema = schema
        self.models: dict[str, M] = {}
        self.state = CollectionState(schema=schema)
        #: Bumped on every commit, so views can tell their index is stale.
        self.generation = 0

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read and validate the file; StoreCorrupt if any part of it is unusable."""
        tables = self.unit.load()
        for table in tables:
            if table not in (RECORDS, STAGING, META):
                raise StoreCorrupt(f"{self.name}: unexpected table {table!r}", collection=self.name)
        meta = tables.get(META, {}).get("state")
        self.state = CollectionState.from_json(meta) if isinstance(meta, dict) else CollectionState(schema=self.schema)
        self.models = self._parse(tables.get(RECORDS, {}))
        self._parse(tables.get(STAGING, {}))  # validated too: a bad staged page is a bad file
        self.generation += 1

    def _parse(self, raw: dict[str, Any]) -> dict[str, M]:
        models: dict[str, M] = {}
        for record_id, entry in raw.items():
            try:
                models[record_id] = self.model.model_validate(entry["d"])
            except (ValidationError, KeyError, TypeError) as exc:
                raise StoreCorrupt(
                    f"{self.name}/{record_id} is not a valid record: {exc}", collection=self.name
                ) from exc
        return models

    # ---- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.models)

    def get(self, record_id: str) -> M | None:
        return self.models.get(record_id)

    def all(self) -> list[M]:
        return list(self.models.values())

    def version(self, record_id: str) -> int | None:
        """The server version of the record held (None when it is not held, or came from a file, not a server)."""
        entry = self.unit.table(RECORDS).raw().get(record_id)
        return int(entry["v"]) if entry is not None and entry.get("v") is not None else None

    # ---- writing (each method is one commit) -----------------------------------------------------
    def apply_page(self, items: Iterable[ServerItem], next_cursor: str, has_more: bool, origin: str) -> ChangeCounts:
        """Commit one change-feed page together with the cursor after it."""
        items = list(items)
        parsed = {i.id: self._validate_item(i) for i in items if not i.deleted}
        with self._unit_of_work():
            return self._apply_page(items, parsed, next_cursor, has_more, origin)

    def _apply_page(
        self, items: list[ServerItem], parsed: dict[str, M], next_cursor: str, has_more: bool, origin: str
    ) -> ChangeCounts:
        state = CollectionState.from_json(self.state.to_json())
        if state.cursor is None and not state.snapshot:
            # a pull from the start: a full snapshot. Keep the old records on screen until it is complete.
            state.snapshot = True
            state.target = STAGING if self.models else RECORDS
            self.unit.table(STAGING).truncate()
        target = state.target if state.snapshot else RECORDS
        counts = ChangeCounts()

        def apply(table: dict[str, Any]) -> None:
            for item in items:
                if item.deleted:
                    if table.pop(item.id, None) is not None and target == RECORDS:
                        counts.removed += 1
                    continue
                assert item.data is not None
                if target == RECORDS:
                    if item.id not in table:
                        counts.added += 1
                    elif table[item.id]["d"] != item.data:
                        counts.changed += 1
                table[item.id] = {"v": item.version, "d": item.data}

        self.unit.table(target).change(apply)
        finished_snapshot = state.snapshot and not has_more
        new_models: dict[str, M] | None = None
        if finished_snapshot and state.target == STAGING:
            staged = self.unit.table(STAGING).raw()
            swap_counts = self._diff(self.unit.table(RECORDS).raw(), staged)
            counts += swap_counts
            snapshot = dict(staged)
            self.unit.table(RECORDS).change(lambda t: (t.clear(), t.update(snapshot)))
            self.unit.table(STAGING).truncate()
            new_models = self._parse(snapshot)
        if finished_snapshot:
            state.snapshot, state.target = False, RECORDS
        state.cursor = next_cursor
        state.origin = origin
        state.updated_at = _now_iso()
        self._write_state(state)
        self.unit.commit()
        self.state = state
        if new_models is not None:
            self.models = new_models
        elif target == RECORDS:
            # copy, change, swap: screens iterate the old dict from other threads meanwhile
            models = dict(self.models)
            for item in items:
                if item.deleted:
                    models.pop(item.id, None)
                else:
                    models[item.id] = parsed[item.id]
            self.models = models
        self.generation += 1
        return counts

    def reset(self) -> None:
        """Forget the cursor (410 resync required): the next pull is a snapshot; records stay shown."""
        state = CollectionState(schema=self.schema, origin=self.state.origin, updated_at=self.state.updated_at)
        with self._unit_of_work():
            self.unit.table(STAGING).truncate()
            self._write_state(state)
            self.unit.commit()
        self.state = state
        self.generation += 1

    def clear(self) -> None:
        """Forget every record and the cursor in one commit (a shared collection when the user changes)."""
        state = CollectionState(schema=self.schema)
        with self._unit_of_work():
            for table in (RECORDS, STAGING):
                self.unit.table(table).truncate()
            self._write_state(state)
            self.unit.commit()
        self.state = state
        self.models = {}
        self.generation += 1

    def stage_replacement(self, models: Iterable[M], origin: str) -> tuple[bytes, ChangeCounts]:
        """Build (without writing) the file content that replaces the collection, for a journal commit.

        Used by imports, which must replace several collections as one change.
        """
        new_models = {m.id: m for m in models}  # type: ignore[attr-defined]
        new_raw = {rid: {"v": None, "d": m.model_dump(mode="json")} for rid, m in new_models.items()}
        counts = self._diff(self.unit.table(RECORDS).raw(), new_raw)
        state = CollectionState(schema=self.schema, origin=origin, updated_at=_now_iso())
        payload = dump_json({RECORDS: new_raw, META: {"state": state.to_json()}})
        return payload, counts

    def reload(self) -> None:
        """After a journal commit wrote this collection's file: read it again from disk."""
        self.unit.rollback()  # drop the cache; the next read sees the committed file
        self.load()

    # ---- helpers --------------------------------------------------------------------------------
    def _validate_item(self, item: ServerItem) -> M:
        try:
            return self.model.model_validate(item.data)
        except ValidationError as exc:
            from sync.errors import ProtocolError

            raise ProtocolError(f"{self.name}/{item.id} from the server is not valid: {exc}") from exc

    def _write_state(self, state: CollectionState) -> None:
        self.unit.table(META).change(lambda t: t.__setitem__("state", state.to_json()))

    @contextlib.contextmanager
    def _unit_of_work(self) -> Iterator[None]:
        """Changes made inside reach the disk only through the commit inside; on error, none stay."""
        try:
            yield
        except BaseException:
            self.unit.rollback()
            raise

    @staticmethod
    def _diff(old: dict[str, Any], new: dict[str, Any]) -> ChangeCounts:
        counts = ChangeCounts()
        for rid, entry in new.items():
            if rid not in old:
                counts.added += 1
            elif old[rid]["d"] != entry["d"]:
                counts.changed += 1
        counts.removed = sum(1 for rid in old if rid not in new)
        return counts


def _now_iso() -> str:
    return clock.now_iso()  # display only: when this copy was refreshed
