"""The atlas as one load of the store, shared by every session and read by every feature.

``AtlasData`` (one per store) keeps the search index and headline figures, rebuilt only when the
store's collections change. What a member does with the atlas (search, filter, favourites, import,
export) is the atlas feature's (views/atlas/state.py); the figures themselves are everyone's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from models.atlas import Mine, Plant, Source
from models.atlas_query import AtlasIndex, OwnerFacet
from models.capacity import CapacityTotals, capacity_totals
from models.enums import Process, Status
from sync.store import LocalStore
from views.shell import labels


@dataclass(frozen=True)
class AtlasSnapshot:
    """The atlas as one load of the store: index, counts, headline totals, sources."""

    generations: tuple[int, ...]
    index: AtlasIndex
    plants: int
    mines: int
    plant_totals: CapacityTotals
    mine_totals: CapacityTotals
    sources: dict[str, Source]
    owners: list[OwnerFacet]
    processes: list[Process]
    statuses: list[Status]
    provinces: dict[str, int]

    @property
    def is_empty(self) -> bool:
        return not self.plants and not self.mines


class AtlasData:
    """Builds the atlas snapshot of one store, again only when one of its collections has changed."""

    def __init__(self, store: LocalStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._snapshot: AtlasSnapshot | None = None

    def _generations(self) -> tuple[int, ...]:
        store = self._store
        return (store.plants.generation, store.mines.generation, store.sources.generation)

    def snapshot(self) -> AtlasSnapshot:
        with self._lock:
            generations = self._generations()
            if self._snapshot is None or self._snapshot.generations != generations:
                self._snapshot = self._build(generations)
            return self._snapshot

    def _build(self, generations: tuple[int, ...]) -> AtlasSnapshot:
        plants: list[Plant] = self._store.plants.all()
        mines: list[Mine] = self._store.mines.all()
        index = AtlasIndex.build([*plants, *mines])
        return AtlasSnapshot(
            generations=generations,
            index=index,
            plants=len(plants),
            mines=len(mines),
            plant_totals=capacity_totals(plants),
            mine_totals=capacity_totals(mines),
            sources={s.id: s for s in self._store.sources.all()},
            owners=index.owners(),
            processes=labels.ordered_processes(set(index.processes())),
            statuses=[s for s in labels.STATUS_ORDER if s in index.statuses()],
            provinces=dict(index.provinces()),
        )
