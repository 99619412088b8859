"""Searching and filtering localization needs in memory: status, category, plant, province, criticality, words.

A need names only its plant; the plant's names and province come from the atlas, handed in as
``NeedPlace``s when the index is built, so a member finds «آجر نسوز» needs in Isfahan or at «فولاد مبارکه»
offline, from the cache.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from models.categories import DEFAULT_TREE, CategoryTree
from models.needs import STATUS_ORDER, Criticality, Need, NeedStatus
from models.provinces import PROVINCES_BY_CODE
from models.search import matches, normalize, tokens
from models.supplier_query import category_closure


@dataclass(frozen=True)
class NeedPlace:
    """What a need's screen and search take from its plant in the atlas."""

    plant_id: str
    name_fa: str | None
    name_en: str
    province: str | None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class NeedFilter:
    """What the member asked for. Empty sets mean "any"."""

    text: str = ""
    statuses: frozenset[NeedStatus] = frozenset()
    categories: frozenset[str] = frozenset()  # a need at or beneath any of them
    plants: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    criticality: frozenset[Criticality] = frozenset()
    #: Only needs of these producer organisations ("our needs").
    producers: frozenset[str] = frozenset()

    @property
    def has_facets(self) -> bool:
        return bool(
            self.statuses or self.categories or self.plants or self.provinces or self.criticality or self.producers
        )


@dataclass
class _Entry:
    need: Need
    words: str
    closure: frozenset[str]
    province: str | None


@dataclass
class NeedIndex:
    """Search index over the needs this account may see. Build it with :meth:`build`."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    places: dict[str, NeedPlace] = field(default_factory=dict)

    @classmethod
    def build(
        cls, needs: Iterable[Need], places: Mapping[str, NeedPlace], tree: CategoryTree = DEFAULT_TREE
    ) -> NeedIndex:
        index = cls(places=dict(places))
        for need in needs:
            place = places.get(need.plant_id)
            province = PROVINCES_BY_CODE.get(place.province or "") if place else None
            words = [need.id, need.item_fa, need.item_en or "", need.oem or "", need.part_number or ""]
            words += tree.names(need.category)
            if place is not None:
                words += [place.name_fa or "", place.name_en]
            if province is not None:
                words += [province.name_fa, province.name_en]
            index.entries[need.id] = _Entry(
                need=need,
                words=normalize(" | ".join(w for w in words if w)),
                closure=category_closure([need.category]),
                province=place.province if place else None,
            )
        return index

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, need_id: str) -> Need | None:
        entry = self.entries.get(need_id)
        return entry.need if entry else None

    def place(self, plant_id: str) -> NeedPlace | None:
        return self.places.get(plant_id)

    def province_of(self, need: Need) -> str | None:
        place = self.places.get(need.plant_id)
        return place.province if place else None

    def search(self, query: NeedFilter) -> list[Need]:
        """Needs matching every part of the filter: the most critical and soonest due first."""
        query_tokens = tokens(query.text)
        found: list[Need] = []
        for entry in self.entries.values():
            need = entry.need
            if query.statuses and need.status not in query.statuses:
                continue
            if query.categories and not (entry.closure & query.categories):
                continue
            if query.plants and need.plant_id not in query.plants:
                continue
            if query.provinces and entry.province not in query.provinces:
                continue
            if query.criticality and need.criticality not in query.criticality:
                continue
            if query.producers and need.producer_org not in query.producers:
                continue
            if query_tokens and not matches(query_tokens, entry.words):
                continue
            found.append(need)
        return sorted(found, key=need_order)

    def for_plant(self, plant_id: str) -> list[Need]:
        return sorted((e.need for e in self.entries.values() if e.need.plant_id == plant_id), key=need_order)

    # ---- facets ------------------------------------------------------------------------------------------
    def statuses(self) -> Counter[NeedStatus]:
        return Counter(e.need.status for e in self.entries.values())

    def provinces(self) -> Counter[str]:
        return Counter(e.province for e in self.entries.values() if e.province)

    def plants(self) -> Counter[str]:
        return Counter(e.need.plant_id for e in self.entries.values())

    def category_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for entry in self.entries.values():
            counts.update(entry.closure)
        return counts


#: Needs still being worked on: everything but closed (a closed need stays visible, last).
ACTIVE_STATUSES = frozenset(s for s in STATUS_ORDER if s is not NeedStatus.CLOSED)


def need_order(need: Need) -> tuple[int, int, str, str]:
    """Still open before closed, A before B before C, the nearest deadline first (none last), then id."""
    closed = 1 if need.status is NeedStatus.CLOSED else 0
    critical = "ABC".index(need.criticality.value)
    deadline = need.deadline.isoformat() if need.deadline else "9999"
    return (closed, critical, deadline, need.id)
