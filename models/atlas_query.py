"""Searching and filtering the atlas in memory: an index built once per data load, queried per keystroke."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.atlas import Asset, Mine, OwnerShare
from models.enums import Process, Status
from models.provinces import PROVINCES_BY_CODE
from models.search import matches, normalize, tokens


@dataclass(frozen=True)
class AtlasFilter:
    """What the member asked for. Empty sets mean "any"."""

    text: str = ""
    kinds: frozenset[str] = frozenset()  # "plant", "mine"
    processes: frozenset[Process] = frozenset()
    statuses: frozenset[Status] = frozenset()
    provinces: frozenset[str] = frozenset()  # ISO 3166-2 codes
    owners: frozenset[str] = frozenset()  # owner keys, see owner_key()

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.kinds or self.processes or self.statuses or self.provinces or self.owners)


def owner_key(owner: OwnerShare) -> str:
    """A stable key for an owner: GEM's entity id when given, else the normalised name."""
    return owner.gem_id or "name:" + normalize(owner.name)


@dataclass(frozen=True)
class OwnerFacet:
    key: str
    name: str
    name_fa: str | None
    count: int
    aliases: tuple[str, ...] = ()  # other spellings in either language (GEM's, tickers, short names)

    def matches(self, query: str) -> bool:
        """The owner picker's rule: every word typed occurs in a name or alias, in either language."""
        query_tokens = tokens(query)
        haystack = normalize(" | ".join(n for n in (self.name, self.name_fa, *self.aliases) if n))
        return matches(query_tokens, haystack)


#: Words a member types for a kind of asset: «معدن» or «سنگ آهن» finds every mine, whatever its name.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "mine": ("معدن سنگ آهن", "iron ore mine"),
    "plant": ("کارخانه", "plant"),
}
#: Words for what a plant makes, so «فولاد» finds a steel plant and «آهن اسفنجی» a DRI plant by any name.
PROCESS_WORDS: dict[Process, tuple[str, ...]] = {
    Process.CRUDE_STEEL: ("فولاد", "steel"),
    Process.EAF: ("فولاد کوره قوس الکتریکی", "steel"),
    Process.BOF: ("فولاد", "steel"),
    Process.DRI: ("آهن اسفنجی", "sponge iron"),
    Process.BF: ("ذوب آهن کوره بلند", "blast furnace"),
    Process.PELLET: ("گندله", "pellet"),
}


@dataclass
class _Entry:
    asset: Asset
    names: str  # names and aliases, both languages
    name_starts: tuple[str, ...]  # each name and alias on its own, to rank "starts with" in either language
    others: str  # owners, parents, places, and the words for its kind and processes
    sort_key: str
    owner_keys: frozenset[str]
    # (process, status) pairs for filtering
    capacity_pairs: frozenset[tuple[Process, Status]]


def _asset_statuses(asset: Asset) -> set[Status]:
    if isinstance(asset, Mine):
        return {asset.status}
    return {c.status for c in asset.capacities}


@dataclass
class AtlasIndex:
    """Search index over plants and mines. Build it with :meth:`build`; it never touches disk."""

    entries: dict[str, _Entry] = field(default_factory=dict)

    @classmethod
    def build(cls, assets: Iterable[Asset]) -> AtlasIndex:
        index = cls()
        for asset in assets:
            index.entries[asset.id] = cls._entry(asset)
        return index

    @staticmethod
    def _entry(asset: Asset) -> _Entry:
        names = [asset.name_en, asset.name_fa or "", *asset.aliases_en, *asset.aliases_fa]
        people = [*asset.owners, *asset.parents]
        place = asset.place
        province = PROVINCES_BY_CODE.get(place.province or "")
        others = [name for o in people for name in _owner_names(o)]
        others += [
            place.municipality or "",
            place.municipality_fa or "",
            place.source_province or "",
            place.address or "",
            place.address_fa or "",
        ]
        if province:
            others += [province.name_en, province.name_fa]
        pairs = {(c.process, c.status) for c in asset.capacities}
        others += KIND_WORDS.get(asset.kind, ())
        others += [word for process in sorted({p for p, _ in pairs}) for word in PROCESS_WORDS.get(process, ())]
        return _Entry(
            asset=asset,
            names=normalize(" | ".join(n for n in names if n)),
            name_starts=tuple(normalize(n) for n in names if n),
            others=normalize(" | ".join(o for o in others if o)),
            sort_key=normalize(asset.name_en),
            owner_keys=frozenset(owner_key(o) for o in people),
            capacity_pairs=frozenset(pairs),
        )

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, asset_id: str) -> Asset | None:
        entry = self.entries.get(asset_id)
        return entry.asset if entry else None

    def search(self, query: AtlasFilter) -> list[Asset]:
        """Assets matching every part of the filter, best name matches first, then by name."""
        query_tokens = tokens(query.text)
        ranked: list[tuple[int, str, Asset]] = []
        for entry in self.entries.values():
            asset = entry.asset
            if query.kinds and asset.kind not in query.kinds:
                continue
            if query.provinces and asset.place.province not in query.provinces:
                continue
            if query.owners and not (entry.owner_keys & query.owners):
                continue
            if not self._capacity_filter(entry, query):
                continue
            if query_tokens:
                rank = self._rank(entry, query_tokens)
                if rank is None:
                    continue
            else:
                rank = 0
            ranked.append((rank, entry.sort_key, asset))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [asset for _, _, asset in ranked]

    @staticmethod
    def _rank(entry: _Entry, query_tokens: list[str]) -> int | None:
        """How well the words typed name the asset (0 best), or None when they do not find it.

        A name or alias typed in full beats one it begins, which beats one holding the words
        anywhere; owners, places and kind words come last. Spaces are ignored when comparing whole
        names, so «گلگهر» and «گل گهر» rank alike.
        """
        if matches(query_tokens, entry.names):
            joined = "".join(query_tokens)
            whole = [n.replace(" ", "") for n in entry.name_starts]
            if joined in whole:
                return 0
            if any(n.startswith(joined) for n in whole):
                return 1
            return 2 if any(n.startswith(query_tokens[0]) for n in entry.name_starts) else 3
        if matches(query_tokens, entry.names + " " + entry.others):
            return 4
        return None

    @staticmethod
    def _capacity_filter(entry: _Entry, query: AtlasFilter) -> bool:
        if not query.processes and not query.statuses:
            return True
        asset = entry.asset
        if isinstance(asset, Mine) and not entry.capacity_pairs:
            # a mine with unknown capacity still has a status
            return not query.processes and asset.status in query.statuses
        for process, status in entry.capacity_pairs:
            if query.processes and process not in query.processes:
                continue
            if query.statuses and status not in query.statuses:
                continue
            return True
        return False

    # ---- facets for the filter pickers ----------------------------------------------------
    def provinces(self) -> Counter[str]:
        return Counter(e.asset.place.province for e in self.entries.values() if e.asset.place.province)

    def statuses(self) -> Counter[Status]:
        counts: Counter[Status] = Counter()
        for entry in self.entries.values():
            counts.update(_asset_statuses(entry.asset))
        return counts

    def processes(self) -> Counter[Process]:
        counts: Counter[Process] = Counter()
        for entry in self.entries.values():
            counts.update({p for p, _ in entry.capacity_pairs})
        return counts

    def owners(self) -> list[OwnerFacet]:
        seen: dict[str, OwnerShare] = {}
        aliases: dict[str, dict[str, None]] = {}
        counts: Counter[str] = Counter()
        for entry in self.entries.values():
            for owner in (*entry.asset.owners, *entry.asset.parents):
                key = owner_key(owner)
                if key not in seen or (owner.name_fa and not seen[key].name_fa):
                    seen[key] = owner
                spellings = aliases.setdefault(key, {})
                spellings.update(dict.fromkeys(_owner_names(owner)))
            counts.update(entry.owner_keys)
        facets = []
        for key, owner in seen.items():
            others = tuple(n for n in aliases[key] if n not in (owner.name, owner.name_fa))
            facets.append(
                OwnerFacet(key=key, name=owner.name, name_fa=owner.name_fa, count=counts[key], aliases=others)
            )
        return sorted(facets, key=lambda f: (-f.count, normalize(f.name)))

    def find_owners(self, query: str) -> list[OwnerFacet]:
        """Owners whose name or alias, in either language, holds every word of ``query``; most assets first."""
        return [facet for facet in self.owners() if facet.matches(query)]


def _owner_names(owner: OwnerShare) -> list[str]:
    """Every name an owner goes by: curated, GEM's own spelling, aliases in both languages."""
    names = [owner.name, owner.name_fa, owner.source_name, *owner.aliases_en, *owner.aliases_fa]
    return [n for n in names if n]
