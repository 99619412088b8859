"""The supplier directory, the category tree, the needs and their answers as one load of the store, shared by
every session and read by every feature that shows them (suppliers, needs, a plant's screen, About).

Like ``AtlasData`` for the atlas: built once per store, again only when one of its collections changes
(or the day does: certificates and qualifications are judged on the day). Built lazily, on the first
screen that asks, so a member who never opens the directory never pays for indexing it.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from models.atlas import Asset
from models.categories import CategoryTree
from models.collation import collation_string
from models.directory_index import DirectoryIndex, Filter, SearchResult
from models.need_query import NeedIndex, NeedPlace
from models.needs import Answer, Need
from models.supplier_rows import SupplierRow
from models.suppliers import QualificationState, Supplier
from sync.directory_cache import directory_index, tree_of
from sync.shared_records import Shared, SharedRecords, WriteState
from sync.store import LocalStore


class RowsAt(Sequence[SupplierRow]):
    """Rows of the directory at given positions, in that order, made only when read (a list shows a window)."""

    def __init__(self, index: DirectoryIndex, positions: Sequence[int]) -> None:
        self._index = index
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            return [self._index.row_at(p) for p in self._positions[item]]
        return self._index.row_at(self._positions[item])

    def __iter__(self) -> Iterator[SupplierRow]:
        return (self._index.row_at(p) for p in self._positions)


class SupplierDirectory:
    """The suppliers as the screens read them: rows for lists, facets and search (``models/directory_index.py``,
    built from the rows the store keeps, never from full records), and a supplier's full record only where one
    is shown or used whole (its own screen, matching a need, an export)."""

    def __init__(
        self, index: DirectoryIndex, full: Callable[[str], Supplier | None], every: Callable[[], list[Supplier]]
    ) -> None:
        self.index = index
        self._full = full
        self._every = every

    def __len__(self) -> int:
        return len(self.index)

    def __iter__(self) -> Iterator[SupplierRow]:
        return iter(self.index)

    def __contains__(self, supplier_id: object) -> bool:
        return supplier_id in self.index.position

    def row(self, supplier_id: str) -> SupplierRow | None:
        return self.index.get(supplier_id)

    def get(self, supplier_id: str) -> Supplier | None:
        """The supplier's full record (decoded from the store when asked)."""
        return self._full(supplier_id) if supplier_id in self.index.position else None

    def records(self, suppliers: Iterable[SupplierRow | Supplier]) -> list[Supplier]:
        """Full records of ``suppliers`` (rows or records), in their order: what an export writes."""
        suppliers = list(suppliers)
        if all(isinstance(s, Supplier) for s in suppliers):
            return suppliers  # type: ignore[return-value]
        wanted = [s.id for s in suppliers]
        if len(wanted) > 512:  # decoding each page once beats finding each record in its page
            by_id = {s.id: s for s in self._every()}
            return [by_id[i] for i in wanted if i in by_id]
        return [s for i in wanted if (s := self._full(i)) is not None]

    def search(self, query: Filter, ranked: bool = True) -> SearchResult:
        """Suppliers matching the filter, best name matches first; in the Persian order of names when not
        ``ranked`` (a letter or two typed ranks nothing). Rows are made only for the part of it a screen reads."""
        found = self.index.search(query)
        if not ranked and len(found.classes) > 1:
            return SearchResult(self.index, [frozenset().union(*found.classes)], len(found))
        return found

    def in_name_order(self, found: SearchResult, lang: str, descending: bool = False) -> Sequence[SupplierRow]:
        """``found`` (one rank class: not ranked) in the order of names in ``lang``, without sorting rows."""
        if lang == "fa" and len(found.classes) == 1 and not descending:
            return found  # positions are the Persian order of names
        chosen = found.classes[0] if len(found.classes) == 1 else frozenset().union(*found.classes)
        if len(found) == len(self.index):
            positions = self.index.order(lang)
        else:
            members = chosen if isinstance(chosen, (set, frozenset)) else frozenset(chosen)
            positions = [p for p in self.index.order(lang) if p in members]
        return RowsAt(self.index, positions[::-1] if descending else positions)

    def candidates(self, category: str) -> list[Supplier]:
        """Suppliers that may fit a need in ``category``, as full records (matching reads their capabilities)."""
        return [s for i in self.index.candidates(category) if (s := self._full(i)) is not None]

    def qualified_near(self, lat: float, lon: float, radius_km: float, level: int = 2) -> Counter[str]:
        return self.index.qualified_near(lat, lon, radius_km, level)

    def valid_schemes(self, supplier_id: str) -> frozenset[str]:
        return self.index.valid_schemes(supplier_id)

    def best_standing(self, supplier_id: str, category: str | None = None) -> QualificationState:
        return self.index.best_standing(supplier_id, category)

    def provinces(self) -> Counter[str]:
        return self.index.provinces()

    def category_counts(self) -> Counter[str]:
        return self.index.category_counts()

    def schemes(self) -> Counter[str]:
        return self.index.schemes()


@dataclass(frozen=True)
class DirectorySnapshot:
    """The directory and the needs as one load of the store."""

    key: tuple[object, ...]
    day: dt.date
    tree: CategoryTree
    suppliers: SupplierDirectory
    needs: NeedIndex
    answers: dict[str, list[Answer]]  # need id → its answers this account may see
    #: The signed-in user's own writes not settled with the server (pending, refused, in conflict), by
    #: ``needs:<id>`` and ``answers:<id>``: the screens mark them and say why the server refused one.
    writes: dict[str, Shared[Any]] = field(default_factory=dict)
    _names: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not len(self.suppliers) and not len(self.needs)

    def need(self, need_id: str) -> Need | None:
        return self.needs.get(need_id)

    def answers_to(self, need_id: str) -> list[Answer]:
        return self.answers.get(need_id, [])

    def write_of(self, collection: str, record_id: str) -> Shared[Any] | None:
        """This user's unsettled write of a need or an answer (None: as the server has it)."""
        return self.writes.get(f"{collection}:{record_id}")

    def pending_needs(self) -> frozenset[str]:
        """Needs written here that the server has not taken yet."""
        return frozenset(
            key.split(":", 1)[1]
            for key, shown in self.writes.items()
            if key.startswith("needs:") and shown.state is WriteState.PENDING
        )

    def name_keys(self, lang: str) -> dict[str, str]:
        """Supplier id → the sort key of its name in ``lang`` (worked out once per load and language)."""
        found = self._names.get(lang)
        if found is None:
            found = self._names[lang] = {
                s.id: collation_string(s.name_en or s.name_fa if lang == "en" else s.name_fa) for s in self.suppliers
            }
        return found

    def demo_counts(self) -> dict[str, tuple[int, int]]:
        """Per collection: (demo records, real records) — what About says is made up and what is not."""
        suppliers = sum(1 for s in self.suppliers if s.demo)
        needs = sum(1 for e in self.needs.entries.values() if e.need.demo)
        return {
            "suppliers": (suppliers, len(self.suppliers) - suppliers),
            "needs": (needs, len(self.needs) - needs),
        }


def need_place(asset: Asset) -> NeedPlace:
    point = asset.place.point
    return NeedPlace(
        plant_id=asset.id,
        name_fa=asset.name_fa,
        name_en=asset.name_en,
        province=asset.place.province,
        lat=point.lat if point else None,
        lon=point.lon if point else None,
    )


class DirectoryData:
    """Builds the directory snapshot of one store; the supplier index again only when suppliers, the tree or
    the day change, the needs' index when needs, answers or the atlas do."""

    def __init__(self, store: LocalStore, today: Callable[[], dt.date] = dt.date.today) -> None:
        self._store = store
        self._today = today
        self._lock = threading.Lock()
        self._snapshot: DirectorySnapshot | None = None
        self._warming = False
        self._warm_lock = threading.Lock()
        self._suppliers: tuple[tuple[object, ...], CategoryTree, SupplierDirectory] | None = None
        #: The needs' index with this user's own writes laid over, kept while neither changes (a note saved
        #: bumps the user's revision, and must not re-index ten thousand needs).
        self._needs: tuple[tuple[object, ...], list[tuple[str, Need | None]], NeedIndex] | None = None

    @classmethod
    def of(cls, store: LocalStore) -> DirectoryData:
        """The one directory of ``store`` (every session of the process shares it, as they share the store)."""
        with _REGISTRY_LOCK:
            found = _REGISTRY.get(store)
            if found is None:
                found = _REGISTRY[store] = cls(store)
            return found

    def ready(self) -> bool:
        """Whether the snapshot of the store as it is now is built (a screen shows "loading" until it is)."""
        snapshot = self._snapshot
        if snapshot is None:
            return False
        key = self.current_key()
        # only the user's own writes changed: laying them over the indexes is a moment's work, not a "loading"
        return snapshot.key == key or snapshot.key[:-2] == key[:-2]

    def warm(self) -> None:
        """Build the snapshot in the background (once at a time), so no screen waits for it while it draws; the
        store's listeners hear ``directory`` when it is ready. A store with no suppliers and no needs has nothing
        to build."""
        with self._warm_lock:  # not the build's lock: a screen asking must never wait for a build in progress
            if self._warming or self.ready():
                return
            if not len(self._store.suppliers) and not len(self._store.needs):
                return
            self._warming = True
        threading.Thread(target=self._build_in_background, name="directory-index", daemon=True).start()

    def _build_in_background(self) -> None:
        # The store's records and the index are hundreds of thousands of long-lived objects: left to the cyclic
        # garbage collector, each full collection walks them all with the GIL held and the session's screens
        # froze for half a second at a time while the index was built. Frozen, they are never walked again.
        gc.freeze()
        try:
            self.snapshot()
        finally:
            self._warming = False
            gc.freeze()
        self._store.notify("directory")

    def current_key(self) -> tuple[object, ...]:
        """What the snapshot would be built from now (cheap): a session compares it with the one it drew."""
        return self._key(self._today())

    def as_of(self, collection: str) -> str | None:
        """When this device last received ``collection`` (its commit time), ISO 8601, or None."""
        return self._store.reference[collection].state.updated_at

    def _key(self, day: dt.date) -> tuple[object, ...]:
        s = self._store
        return (
            day,
            s.categories.generation,
            s.suppliers.generation,
            s.needs.generation,
            s.answers.generation,
            s.plants.generation,
            s.mines.generation,
            id(s.user),
            s.user.revision,
        )

    def snapshot(self) -> DirectorySnapshot:
        with self._lock:
            day = self._today()
            key = self._key(day)
            if self._snapshot is None or self._snapshot.key != key:
                self._snapshot = self._build(key, day)
            return self._snapshot

    def _build(self, key: tuple[object, ...], day: dt.date) -> DirectorySnapshot:
        store = self._store
        supplier_key = key[:3]
        if self._suppliers is None or self._suppliers[0] != supplier_key:
            tree = tree_of(store)
            index = directory_index(store, day, tree)  # kept beside the store: a start reads it, builds it once
            self._suppliers = (supplier_key, tree, SupplierDirectory(index, store.suppliers.get, store.suppliers.all))
        _, tree, suppliers = self._suppliers
        own_needs, own_answers = SharedRecords(store).own_writes()
        writes: dict[str, Shared[Any]] = {}
        overlay: list[tuple[str, Need | None]] = []
        for need_id, shown in sorted(own_needs.items()):
            overlay.append((need_id, shown.record if shown is not None else None))
            if shown is not None and shown.state is not WriteState.SYNCED:
                writes[f"needs:{need_id}"] = shown
        needs_key = (key[1], store.needs.generation, store.plants.generation, store.mines.generation)
        if self._needs is None or self._needs[0] != needs_key or self._needs[1] != overlay:
            by_id = {n.id: n for n in store.needs.all()}
            for need_id, record in overlay:
                if record is None:
                    by_id.pop(need_id, None)
                else:
                    by_id[need_id] = record
            needs = list(by_id.values())
            places = {}
            for plant_id in {n.plant_id for n in needs}:
                asset = store.plants.get(plant_id) or store.mines.get(plant_id)
                if asset is not None:
                    places[plant_id] = need_place(asset)
            self._needs = (needs_key, overlay, NeedIndex.build(needs, places, tree))
        answers_by_id = {f"{a.need_id}:{a.supplier_id}": a for a in store.answers.all()}
        for record_id, shown_answer in own_answers.items():
            if shown_answer is None:
                answers_by_id.pop(record_id, None)
                continue
            answers_by_id[record_id] = shown_answer.record
            if shown_answer.state is not WriteState.SYNCED:
                writes[f"answers:{record_id}"] = shown_answer
        answers: dict[str, list[Answer]] = {}
        for answer in answers_by_id.values():
            answers.setdefault(answer.need_id, []).append(answer)
        for listed in answers.values():
            listed.sort(key=lambda a: (a.offered_at.isoformat() if a.offered_at else "", a.supplier_id))
        return DirectorySnapshot(
            key=key,
            day=day,
            tree=tree,
            suppliers=suppliers,
            needs=self._needs[2],
            answers=answers,
            writes=writes,
        )


_REGISTRY: weakref.WeakKeyDictionary[LocalStore, DirectoryData] = weakref.WeakKeyDictionary()
_REGISTRY_LOCK = threading.Lock()
