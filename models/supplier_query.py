"""Searching and filtering the supplier directory in memory: an index built once per data load, queried per keystroke.

The directory may hold 100,000 suppliers on a phone, so everything a query looks at is worked out when
the index is built: normalised names and words, each supplier's categories with every category above
them, the certificate schemes valid on the day, its qualification states on the day. A query is then
set lookups and substring tests, no parsing and no dates.

Certificates and qualifications are judged on the day the index was built for (``day``): the app builds
it for today, so "valid" means valid now, as a buyer wants.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from models.categories import DEFAULT_TREE, CategoryTree, ancestor_codes, depth
from models.geo import haversine_km
from models.match_words import PROCESS_NAMES
from models.provinces import PROVINCES_BY_CODE
from models.search import normalize, tokens
from models.suppliers import CompanyType, MakingProcess, QualificationState, SizeBand, Supplier

#: States that count as "qualified" when a plant's screen counts the qualified suppliers near it.
QUALIFIED_STATES = frozenset({QualificationState.APPROVED, QualificationState.CONDITIONAL})
#: The qualification facet's order: the association's word first, then what is under way, then against.
QUALIFICATION_ORDER: tuple[QualificationState, ...] = (
    QualificationState.APPROVED,
    QualificationState.CONDITIONAL,
    QualificationState.VISITED,
    QualificationState.SURVEYED,
    QualificationState.NONE,
    QualificationState.EXPIRED,
    QualificationState.SUSPENDED,
    QualificationState.REJECTED,
)


@dataclass(frozen=True)
class SupplierFilter:
    """What the member asked for. Empty sets mean "any"."""

    text: str = ""
    #: Category codes: a supplier listing a category at or beneath any of them.
    categories: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()  # ISO 3166-2 codes
    #: Only suppliers holding at least one certificate valid on the day.
    valid_certificate: bool = False
    #: Only suppliers holding a certificate of one of these schemes valid on the day ("ISO 9001").
    schemes: frozenset[str] = frozenset()
    #: Qualification states on the day (for a chosen category, when categories are chosen);
    #: ``none`` is a supplier with no standing at all.
    qualifications: frozenset[QualificationState] = frozenset()
    company_types: frozenset[CompanyType] = frozenset()
    sizes: frozenset[SizeBand] = frozenset()
    #: Only knowledge-based firms (the Science VP office's certificate).
    knowledge_based: bool = False

    @property
    def has_facets(self) -> bool:
        return bool(
            self.categories
            or self.provinces
            or self.valid_certificate
            or self.schemes
            or self.qualifications
            or self.company_types
            or self.sizes
            or self.knowledge_based
        )


@dataclass(slots=True)
class _Entry:
    supplier: Supplier
    #: Its names, then " || ", then its town, province, trades, products, processes, materials and certificate
    #: schemes, all normalised: one string, so a query tests each supplier with one substring search per word.
    text: str
    names_end: int  # text[:names_end] are the names
    name_starts: tuple[str, ...]  # each name on its own, to rank "typed in full" and "starts with"
    wholes: tuple[str, ...]  # each name without spaces: «فولادمبارکه» typed run together finds «فولاد مبارکه»
    compact: str  # the wholes in one string, for the test every supplier gets
    closure: frozenset[str]  # its categories and every category above them
    valid_schemes: frozenset[str]
    #: (category, state on the day) for each qualification; empty when it has none.
    standing: tuple[tuple[str, QualificationState], ...]

    @property
    def names(self) -> str:
        return self.text[: self.names_end]


#: Words many suppliers share (a category's name, a town, a material): each is normalised once per process.
_normalized_word = functools.lru_cache(maxsize=50_000)(normalize)


@functools.lru_cache(maxsize=4096)
def _closure(codes: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for code in codes:
        out.add(code)
        out.update(ancestor_codes(code))
    return frozenset(out)


@functools.lru_cache(maxsize=8192)
def _words(parts: tuple[str, ...]) -> str:
    """The normalised words of ``parts`` in one string (cached: suppliers repeat the same products, materials)."""
    return " | ".join(_normalized_word(p) for p in parts if p)


@functools.lru_cache(maxsize=1024)
def _process_words(processes: tuple[MakingProcess, ...]) -> str:
    return _words(tuple(n for p in processes for n in PROCESS_NAMES.get(p.value, (p.value, p.value))))


def category_closure(codes: Iterable[str]) -> frozenset[str]:
    """``codes`` and every category above them (what a category filter compares against)."""
    return _closure(tuple(codes))


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


@dataclass
class SupplierIndex:
    """Search index over the directory. Build it with :meth:`build`; it never touches disk."""

    day: dt.date
    tree: CategoryTree = DEFAULT_TREE
    entries: dict[str, _Entry] = field(default_factory=dict)
    #: category code → ids of suppliers listing exactly that code
    by_category: dict[str, list[str]] = field(default_factory=dict)
    #: category code → ids of suppliers listing that code or one beneath it
    by_closure: dict[str, list[str]] = field(default_factory=dict)
    _cache: dict[object, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, suppliers: Iterable[Supplier], day: dt.date, tree: CategoryTree = DEFAULT_TREE) -> SupplierIndex:
        index = cls(day=day, tree=tree)
        for supplier in suppliers:
            entry = index._entry(supplier)
            index.entries[supplier.id] = entry
            for code in supplier.categories:
                index.by_category.setdefault(code, []).append(supplier.id)
            for code in entry.closure:
                index.by_closure.setdefault(code, []).append(supplier.id)
        return index

    def _entry(self, supplier: Supplier) -> _Entry:
        caps = supplier.capabilities
        # Suppliers share most of what is said about them (a town, a trade, a material): each part's words are
        # normalised once per distinct value, and a supplier's are a few cached pieces put together.
        others = " | ".join(
            part
            for part in (
                _normalized_word(supplier.id),
                self._place_words(supplier.province, supplier.city_fa, supplier.city_en),
                self._trade_words(supplier.categories),
                _words(tuple(w for p in supplier.products for w in (p.name_fa, p.name_en, p.oem_part_number) if w)),
                _process_words(caps.processes),
                _words(caps.materials),
                _words(tuple(c.scheme for c in supplier.certificates)),
            )
            if part
        )
        name_starts = tuple(normalize(n) for n in (supplier.name_fa, supplier.name_en) if n)
        joined_names = " | ".join(name_starts)
        wholes = tuple(n.replace(" ", "") for n in name_starts)
        return _Entry(
            supplier=supplier,
            text=joined_names + " || " + others,
            names_end=len(joined_names),
            name_starts=name_starts,
            wholes=wholes,
            compact=" ".join(wholes),
            closure=category_closure(supplier.categories),
            valid_schemes=frozenset(c.scheme for c in supplier.certificates if c.is_valid_on(self.day)),
            standing=tuple((q.category, q.state_on(self.day)) for q in supplier.qualifications),
        )

    def _place_words(self, province: str | None, city_fa: str | None, city_en: str | None) -> str:
        key = (province, city_fa, city_en)
        found = self._cache.get(key)
        if found is None:
            named = PROVINCES_BY_CODE.get(province or "")
            words = (city_fa, city_en, *((named.name_fa, named.name_en) if named else ()))
            found = self._cache[key] = _words(tuple(w for w in words if w))
        return found

    def _trade_words(self, categories: tuple[str, ...]) -> str:
        """What it makes, in both languages (its own categories, not the broad groups above them)."""
        found = self._cache.get(categories)
        if found is None:
            found = self._cache[categories] = _words(tuple(n for code in categories for n in self.tree.names(code)))
        return found

    # ---- lookups ---------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Supplier]:
        return (entry.supplier for entry in self.entries.values())

    def get(self, supplier_id: str) -> Supplier | None:
        entry = self.entries.get(supplier_id)
        return entry.supplier if entry else None

    def valid_schemes(self, supplier_id: str) -> frozenset[str]:
        entry = self.entries.get(supplier_id)
        return entry.valid_schemes if entry else frozenset()

    def best_standing(self, supplier_id: str, category: str | None = None) -> QualificationState:
        """The supplier's best qualification state on the day (for ``category`` and the categories above or
        beneath it, when given); ``none`` when it has none."""
        entry = self.entries.get(supplier_id)
        states = [
            state for code, state in (entry.standing if entry else ()) if category is None or _related(code, category)
        ]
        return min(states, key=QUALIFICATION_ORDER.index, default=QualificationState.NONE)

    # ---- the query -------------------------------------------------------------------------------------
    def search(self, query: SupplierFilter, ranked: bool = True) -> list[Supplier]:
        """Suppliers matching every part of the filter, best name matches first (then in index order); in index
        order only when not ``ranked`` (the caller sorts them: a letter or two typed ranks nothing)."""
        query_tokens = tokens(query.text)
        joined = "".join(query_tokens)
        single = len(query_tokens) == 1
        chosen = query.categories
        found: list[tuple[int, int, Supplier]] = []
        for position, entry in enumerate(self.entries.values()):
            if query_tokens:
                text = entry.text
                if single:  # the common case, spelled out: this loop runs once per supplier per keystroke
                    if joined not in text and joined not in entry.compact:
                        continue
                elif not all(token in text for token in query_tokens) and joined not in entry.compact:
                    continue
            supplier = entry.supplier
            if chosen and not (entry.closure & chosen):
                continue
            if query.provinces and supplier.province not in query.provinces:
                continue
            if query.company_types and supplier.company_type not in query.company_types:
                continue
            if query.sizes and supplier.size_band not in query.sizes:
                continue
            if query.knowledge_based and not supplier.knowledge_based:
                continue
            if query.valid_certificate and not entry.valid_schemes:
                continue
            if query.schemes and not (entry.valid_schemes & query.schemes):
                continue
            if query.qualifications and not self._standing_fits(entry, query):
                continue
            found.append((self._rank(entry, query_tokens) if query_tokens and ranked else 0, position, supplier))
        if query_tokens and ranked:
            found.sort(key=lambda item: (item[0], item[1]))
        return [supplier for _, _, supplier in found]

    @staticmethod
    def _standing_fits(entry: _Entry, query: SupplierFilter) -> bool:
        standing = [
            state
            for code, state in entry.standing
            if not query.categories or any(_related(code, chosen) for chosen in query.categories)
        ]
        real = [state for state in standing if state is not QualificationState.NONE]
        if QualificationState.NONE in query.qualifications and not real:
            return True
        return any(state in query.qualifications for state in real)

    @staticmethod
    def _rank(entry: _Entry, query_tokens: list[str]) -> int:
        """How well the words typed name a supplier they found (0 best): a name typed in full, then one it
        begins, then words anywhere in a name, then its place, products and trade."""
        joined = "".join(query_tokens)
        whole = entry.wholes
        if joined in whole:
            return 0
        if any(n.startswith(joined) for n in whole):
            return 1
        text, end = entry.text, entry.names_end
        # a word's first place in the text is in the names when the names hold it (no word spans " || ")
        if all(-1 < text.find(token) < end for token in query_tokens) or joined in entry.compact:
            return 2 if any(n.startswith(query_tokens[0]) for n in entry.name_starts) else 3
        return 4

    # ---- what matching and the plant screen ask -----------------------------------------------------
    def candidates(self, category: str) -> list[Supplier]:
        """Suppliers that may fit a need in ``category`` (the matching rule's category test, narrowed by
        lookups instead of a pass over every supplier): listing it or a category beneath it, or a category
        above it that is not a supply group's root."""
        ids: dict[str, None] = dict.fromkeys(self.by_closure.get(category, ()))
        for above in ancestor_codes(category):
            if depth(above) >= 2:
                ids.update(dict.fromkeys(self.by_category.get(above, ())))
        return [self.entries[i].supplier for i in ids]

    def qualified_near(self, lat: float, lon: float, radius_km: float, level: int = 2) -> Counter[str]:
        """How many suppliers within ``radius_km`` (great circle) are qualified (approved or conditionally, on
        the day) for each category, rolled up to categories of ``level`` (2: refractories, rolls …)."""
        counts: Counter[str] = Counter()
        # a degree of latitude is ~111 km: a box test first spares the trigonometry for most suppliers
        box_lat = radius_km / 111.0
        box_lon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        for entry in self.entries.values():
            qualified = {code for code, state in entry.standing if state in QUALIFIED_STATES}
            supplier = entry.supplier
            if not qualified or supplier.lat is None or supplier.lon is None:
                continue
            if abs(supplier.lat - lat) > box_lat or abs(supplier.lon - lon) > box_lon:
                continue
            if haversine_km(lat, lon, supplier.lat, supplier.lon) > radius_km:
                continue
            counts.update({_at_level(code, level) for code in qualified})
        return counts

    # ---- facets ------------------------------------------------------------------------------------------
    def provinces(self) -> Counter[str]:
        return Counter(e.supplier.province for e in self.entries.values() if e.supplier.province)

    def category_counts(self) -> Counter[str]:
        """Suppliers per category code, counting each supplier under its categories and every one above."""
        return Counter({code: len(ids) for code, ids in self.by_closure.items()})

    def schemes(self) -> Counter[str]:
        """Suppliers holding a certificate of each scheme valid on the day."""
        counts: Counter[str] = Counter()
        for entry in self.entries.values():
            counts.update(entry.valid_schemes)
        return counts


def _at_level(code: str, level: int) -> str:
    parts = code.split(".")
    return ".".join(parts[:level])
