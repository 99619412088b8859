"""One pulled collection (plants, suppliers, needs …) cached in a folder of its own, with its sync cursor.

The collection is a TinyDB database of three tables — ``records`` (id → where the record lies, its version
and its list row), ``staging`` (a full snapshot being pulled while the old one stays on screen) and ``meta``
(cursor, origin, and which page files hold the records) — stored by ``sync/segments.py``: each pulled page
is a file of its own, written once, and a small manifest is the commit point. A page of records and the
cursor after it are always committed together, and a commit costs what the page weighs, not what the
collection weighs.

Nothing is parsed at load but each page's header: records are decoded and validated into models when a
screen asks for them (``get``, ``all``), and list screens read the rows the collection keeps for them
(``rows``), worked out once when the page arrived.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from sync import clock
from sync.errors import ProtocolError, StoreCorrupt
from sync.segments import (
    LAYOUT,
    META,
    RECORDS,
    STAGING,
    Entry,
    Page,
    SegmentStorage,
    Stored,
    manifest_bytes,
    page_of,
    spans_in,
)
from sync.storage import Unit

M = TypeVar("M", bound=BaseModel)

#: Turns a record's JSON into the row its list screens read (kept in the page header); None: no rows.
RowMaker = Callable[[dict[str, Any]], Any]
#: Tells a row made by the current row maker from one a former version of the app kept (made again on load).
RowCheck = Callable[[Any], bool]
#: Parsed models kept for a collection at most (the atlas and the category tree fit whole; the directory's
#: detail screens parse a few suppliers at a time).
MODEL_CACHE = 4096
#: A page with fewer records than this is "small" (an incremental pull); a run of this many small pages at
#: the end of a collection is merged into one.
SMALL_PAGE = 256
SMALL_RUN = 8


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


@dataclass(frozen=True)
class StagedReplacement:
    """What an import writes for one collection: a page of every record, and the manifest naming only it."""

    page: Page
    manifest: bytes
    counts: ChangeCounts


class _Models(Mapping[str, Any]):
    """The collection's records as models, parsed on access (``collection.models[id]``)."""

    def __init__(self, collection: ReferenceCollection[Any]) -> None:
        self._collection = collection

    def __getitem__(self, record_id: str) -> Any:
        model = self._collection.get(record_id)
        if model is None:
            raise KeyError(record_id)
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._collection.records()))

    def __len__(self) -> int:
        return len(self._collection)

    def items(self) -> Any:  # one pass that decodes each page once
        return [(m.id, m) for m in self._collection.all()]  # type: ignore[attr-defined]

    def values(self) -> Any:
        return self._collection.all()


class ReferenceCollection(Generic[M]):
    """A read-only (server-wins) collection: where each record lies, its list row, and models on demand."""

    def __init__(
        self,
        name: str,
        model: type[M],
        folder: Path | None,
        schema: int,
        row_of: RowMaker | None = None,
        row_ok: RowCheck | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.folder = folder
        self.schema = schema
        self.row_of = row_of
        self.row_ok = row_ok
        self.storage = SegmentStorage(folder)
        self.unit = Unit.over(self.storage)
        self.state = CollectionState(schema=schema)
        #: Bumped on every commit, so views can tell their index is stale.
        self.generation = 0
        self._parsed: OrderedDict[str, tuple[Stored, M]] = OrderedDict()
        self._parsed_lock = threading.Lock()
        self._rows: tuple[dict[str, Stored], dict[str, Any]] | None = None

    # ---- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read the manifest and each page's header (checking each body's CRC); StoreCorrupt if unusable."""
        tables = self.unit.load()
        meta = tables.get(META, {}).get("state")
        self.state = CollectionState.from_json(meta) if isinstance(meta, dict) else CollectionState(schema=self.schema)
        self._forget_models()
        self.generation += 1

    def reload(self) -> None:
        """After a journal commit wrote this collection's manifest: read it again from disk."""
        self.storage.discard_pending()
        self.unit.rollback()
        self.load()
        self.storage.remove_unnamed()

    # ---- reading ---------------------------------------------------------------------------
    def records(self) -> dict[str, Stored]:
        """Where each record lies (id → ``Stored``): the table as it is, not a copy — do not change it."""
        return self.unit.table(RECORDS).raw()

    def __len__(self) -> int:
        return len(self.records())

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.records()

    def version(self, record_id: str) -> int | None:
        """The server version of the record held (None when it is not held, or came from a file, not a server)."""
        stored = self.records().get(record_id)
        return None if stored is None else stored.version

    def rows(self) -> dict[str, Any]:
        """Each record's list row (id → row), as the collection's row maker made it when the page arrived."""
        records = self.records()
        cached = self._rows
        if cached is None or cached[0] is not records:  # the table is copied on every change
            rows = {rid: stored.row for rid, stored in records.items()}
            if self.row_of is not None and self.row_ok is not None:
                stale = [rid for rid, row in rows.items() if not self.row_ok(row)]
                if stale:
                    rows.update(self._made_again(records, stale))
            cached = (records, rows)
            self._rows = cached
        return cached[1]

    def _made_again(self, records: Mapping[str, Stored], ids: list[str]) -> dict[str, Any]:
        """Rows for ``ids`` made from their records: a page file written by an app whose rows had another shape
        (or none). Each page is decoded once; the rows stay in memory until the page is written again."""
        assert self.row_of is not None
        by_page: dict[int, list[str]] = {}
        for rid in ids:
            by_page.setdefault(records[rid].segment, []).append(rid)
        made: dict[str, Any] = {}
        for number, wanted in by_page.items():
            items = {i.get("id"): i for i in self.storage.files.items(number) if not i.get("deleted")}
            for rid in wanted:
                item = items.get(rid)
                if item is None:
                    raise StoreCorrupt(f"{self.name}/{rid} is missing from its page", collection=self.name)
                made[rid] = self.row_of(item.get("data"))  # type: ignore[arg-type]
        return made

    def data(self, record_id: str) -> dict[str, Any] | None:
        """A record's JSON as stored (not validated), or None."""
        stored = self.records().get(record_id)
        if stored is None:
            return None
        return self._item(record_id, stored).get("data")

    def get(self, record_id: str) -> M | None:
        stored = self.records().get(record_id)
        if stored is None:
            return None
        with self._parsed_lock:
            hit = self._parsed.get(record_id)
            if hit is not None and hit[0] is stored:
                self._parsed.move_to_end(record_id)
                return hit[1]
        model = self._parse(record_id, self._item(record_id, stored).get("data"))
        self._remember(record_id, stored, model)
        return model

    def all(self) -> list[M]:
        """Every record as a model, in the order of the records. Decodes each page once: costly for a big
        collection, so list screens read ``rows`` instead."""
        records = self.records()
        found: dict[str, M] = {}
        missing: dict[int, list[tuple[str, Stored]]] = {}
        with self._parsed_lock:
            parsed = dict(self._parsed)
        for record_id, stored in records.items():
            hit = parsed.get(record_id)
            if hit is not None and hit[0] is stored:
                found[record_id] = hit[1]
            else:
                missing.setdefault(stored.segment, []).append((record_id, stored))
        for number, wanted in missing.items():
            items = {i.get("id"): i for i in self.storage.files.items(number) if not i.get("deleted")}
            for record_id, stored in wanted:
                item = items.get(record_id)
                if item is None:
                    raise StoreCorrupt(f"{self.name}/{record_id} is missing from its page", collection=self.name)
                model = found[record_id] = self._parse(record_id, item.get("data"))
                if len(records) <= MODEL_CACHE:
                    self._remember(record_id, stored, model)
        return [found[record_id] for record_id in records]

    @property
    def models(self) -> Mapping[str, M]:
        return _Models(self)

    def _item(self, record_id: str, stored: Stored) -> dict[str, Any]:
        try:
            return self.storage.files.item(record_id, stored)
        except StoreCorrupt:
            current = self.records().get(record_id)
            if current is None or current is stored:
                raise
            return self.storage.files.item(record_id, current)  # a merge moved it meanwhile

    def _parse(self, record_id: str, data: Any) -> M:
        try:
            return self.model.model_validate(data)
        except (ValidationError, TypeError) as exc:
            raise StoreCorrupt(f"{self.name}/{record_id} is not a valid record: {exc}", collection=self.name) from exc

    def _remember(self, record_id: str, stored: Stored, model: M) -> None:
        with self._parsed_lock:
            self._parsed[record_id] = (stored, model)
            self._parsed.move_to_end(record_id)
            while len(self._parsed) > MODEL_CACHE:
                self._parsed.popitem(last=False)

    def _forget_models(self) -> None:
        with self._parsed_lock:
            self._parsed.clear()
        self._rows = None

    # ---- writing (each method is one commit) -----------------------------------------------------
    def apply_page(
        self,
        items: Iterable[ServerItem],
        next_cursor: str,
        has_more: bool,
        origin: str,
        body: bytes | None = None,
        validated: bool = False,
    ) -> ChangeCounts:
        """Commit one change-feed page together with the cursor after it.

        ``body`` is the page as the server sent it: stored as it is when given (else the items are written
        out here). Every record is validated first: a page with a bad record changes nothing. ``validated``:
        the caller has validated each record against this collection's model already (the sync engine
        screens every page, ``sync/engine.py``), so it is not done twice — it costs as much as decoding.
        """
        items = list(items)
        rows: dict[str, Any] = {}
        for item in items:
            if not item.deleted:
                if not validated:
                    self._validate_item(item)
                if self.row_of is not None:
                    rows[item.id] = self.row_of(item.data)  # type: ignore[arg-type]
        with self._unit_of_work():
            return self._apply_page(items, rows, next_cursor, has_more, origin, body)

    def _apply_page(
        self,
        items: list[ServerItem],
        rows: dict[str, Any],
        next_cursor: str,
        has_more: bool,
        origin: str,
        body: bytes | None,
    ) -> ChangeCounts:
        state = CollectionState.from_json(self.state.to_json())
        layout = self._layout()
        if state.cursor is None and not state.snapshot:
            # a pull from the start: a full snapshot. Keep the old records on screen until it is complete.
            state.snapshot = True
            state.target = STAGING if len(self) else RECORDS
            self.unit.table(STAGING).truncate()
            layout[STAGING] = []
        target = state.target if state.snapshot else RECORDS
        counts = ChangeCounts()
        if items:
            number = self._take_number(layout)
            entries = [Entry(i.id, i.version, i.deleted, rows.get(i.id)) for i in items]
            spans = spans_in(body, [i.id for i in items]) if body is not None else None
            if body is not None and spans is not None:
                page = Page(number, body, entries, spans)
            else:
                page = page_of(number, [(e, i.data) for e, i in zip(entries, items, strict=True)])
            self.storage.add_page(page)
            layout[target].append(number)

            def apply(table: dict[str, Any]) -> None:
                for entry, stored in page.stored():
                    if stored is None:
                        if table.pop(entry.id, None) is not None and target == RECORDS:
                            counts.removed += 1
                        continue
                    if target == RECORDS:
                        old = table.get(entry.id)
                        if old is None:
                            counts.added += 1
                        elif old.version != stored.version or stored.version is None:
                            counts.changed += 1
                    table[entry.id] = stored

            self.unit.table(target).change(apply)
        finished_snapshot = state.snapshot and not has_more
        if finished_snapshot and state.target == STAGING:
            staged = self.unit.table(STAGING).raw()
            counts += self._diff(self.records(), staged)
            self.unit.table(RECORDS).change(lambda t: (t.clear(), t.update(staged)))
            self.unit.table(STAGING).truncate()
            layout[RECORDS], layout[STAGING] = layout[STAGING], []
        if finished_snapshot:
            state.snapshot, state.target = False, RECORDS
        if not state.snapshot:
            self._merge_small_pages(layout)
        state.cursor = next_cursor
        state.origin = origin
        state.updated_at = _now_iso()
        self._write_meta(state, layout)
        self.unit.commit()
        self.state = state
        self.generation += 1
        return counts

    def reset(self) -> None:
        """Forget the cursor (410 resync required): the next pull is a snapshot; records stay shown."""
        state = CollectionState(schema=self.schema, origin=self.state.origin, updated_at=self.state.updated_at)
        with self._unit_of_work():
            layout = self._layout()
            layout[STAGING] = []
            self.unit.table(STAGING).truncate()
            self._write_meta(state, layout)
            self.unit.commit()
        self.state = state
        self.generation += 1

    def clear(self) -> None:
        """Forget every record and the cursor in one commit (a shared collection when the user changes)."""
        state = CollectionState(schema=self.schema)
        with self._unit_of_work():
            layout = self._layout()
            layout[RECORDS], layout[STAGING] = [], []
            for table in (RECORDS, STAGING):
                self.unit.table(table).truncate()
            self._write_meta(state, layout)
            self.unit.commit()
        self.state = state
        self._forget_models()
        self.generation += 1

    def stage_replacement(self, models: Iterable[M], origin: str) -> StagedReplacement:
        """Build (without committing) the page and manifest that replace the collection, for a journal commit.

        Used by imports, which must replace several collections as one change.
        """
        new_raw = {m.id: m.model_dump(mode="json") for m in models}  # type: ignore[attr-defined]
        old_raw = {m.id: m.model_dump(mode="json") for m in self.all()}  # type: ignore[attr-defined]
        counts = ChangeCounts(
            added=sum(1 for rid in new_raw if rid not in old_raw),
            changed=sum(1 for rid, data in new_raw.items() if rid in old_raw and old_raw[rid] != data),
            removed=sum(1 for rid in old_raw if rid not in new_raw),
        )
        layout = self._layout()
        number = self._take_number(layout)
        rows = self.row_of
        page = page_of(number, [(Entry(rid, None, False, rows(d) if rows else None), d) for rid, d in new_raw.items()])
        state = CollectionState(schema=self.schema, origin=origin, updated_at=_now_iso())
        meta = {"state": state.to_json(), LAYOUT: {RECORDS: [number], STAGING: [], "next": number + 1}}
        return StagedReplacement(page, manifest_bytes(meta), counts)

    # ---- helpers --------------------------------------------------------------------------------
    def _layout(self) -> dict[str, Any]:
        raw = self.unit.table(META).raw().get(LAYOUT) or {}
        return {
            RECORDS: list(raw.get(RECORDS, [])),
            STAGING: list(raw.get(STAGING, [])),
            "next": int(raw.get("next", 1)),
        }

    def _take_number(self, layout: dict[str, Any]) -> int:
        number = int(layout["next"])
        layout["next"] = number + 1
        return number

    def _merge_small_pages(self, layout: dict[str, Any]) -> None:
        """Merge the run of small pages at the end of the records into one, once it is SMALL_RUN long: many
        incremental pulls must not leave the collection in hundreds of files."""
        numbers: list[int] = layout[RECORDS]
        sizes = self.storage.page_sizes(numbers)
        run: list[int] = []
        for number in reversed(numbers):
            if sizes.get(number, SMALL_PAGE) >= SMALL_PAGE:
                break
            run.insert(0, number)
        if len(run) < SMALL_RUN:
            return
        chosen = set(run)
        records = self.unit.table(RECORDS).raw()
        seen: dict[str, bool] = {}  # id → live now (in order of first appearance in the run)
        for number in run:
            for record_id, *_ in self.storage.page_entries(number):
                stored = records.get(record_id)
                seen[record_id] = stored is not None and stored.segment in chosen
        merged = self._take_number(layout)
        bodies = {n: {i.get("id"): i for i in self.storage.page_items(n)} for n in run}
        items: list[tuple[Entry, dict[str, Any] | None]] = []
        for record_id, live in seen.items():
            if live:
                stored = records[record_id]
                data = bodies[stored.segment][record_id].get("data")
                items.append((Entry(record_id, stored.version, False, stored.row), data))
            else:
                items.append((Entry(record_id, None, True), None))
        page = page_of(merged, items)
        self.storage.add_page(page)
        moved = {entry.id: stored for entry, stored in page.stored() if stored is not None}
        self.unit.table(RECORDS).change(lambda t: t.update(moved))
        layout[RECORDS] = [n for n in numbers if n not in chosen] + [merged]

    def _validate_item(self, item: ServerItem) -> M:
        try:
            return self.model.model_validate(item.data)
        except ValidationError as exc:
            raise ProtocolError(f"{self.name}/{item.id} from the server is not valid: {exc}") from exc

    def _write_meta(self, state: CollectionState, layout: dict[str, Any]) -> None:
        def write(table: dict[str, Any]) -> None:
            table["state"] = state.to_json()
            table[LAYOUT] = layout

        self.unit.table(META).change(write)

    @contextlib.contextmanager
    def _unit_of_work(self) -> Iterator[None]:
        """Changes made inside reach the disk only through the commit inside; on error, none stay."""
        try:
            yield
        except BaseException:
            self.storage.discard_pending()
            self.unit.rollback()
            raise

    @staticmethod
    def _diff(old: Mapping[str, Stored], new: Mapping[str, Stored]) -> ChangeCounts:
        counts = ChangeCounts()
        for rid, stored in new.items():
            before = old.get(rid)
            if before is None:
                counts.added += 1
            elif before.version != stored.version or stored.version is None:
                counts.changed += 1
        counts.removed = sum(1 for rid in old if rid not in new)
        return counts


def _now_iso() -> str:
    return clock.now_iso()  # display only: when this copy was refreshed
