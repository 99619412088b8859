"""The supplier directory's index over list rows: search by words anywhere in a word, facets, ranking, and the
list's order by name — what a keystroke over 65,000 suppliers asks, answered from postings, not by a pass.

Built from the rows the store keeps beside each supplier (``models/supplier_rows.py``), never from full
records. Each supplier gets a position: its place in the Persian order of names, so that "in name order" is
"in position order" and a list that opens with nothing typed needs no sort. A query's result is a set of
positions in rank classes (``SearchResult``); only the part of the list on screen is ever put in order.

What a word typed matches, as the directory has always matched it (``models/search.py``): a supplier whose
names, town, province, trades (its categories' names), products, part numbers, processes, materials, certificate
schemes or id hold a word containing it; several words must each be found; the words run together may also be
found inside a name written without spaces. Free text is looked up in two substring indexes (names, and the
rest: ``models/text_index.py``); fields with few distinct values (towns, categories, processes, schemes) are
looked up by scanning those values, whose postings are the facets' own.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from models.categories import DEFAULT_TREE, CategoryTree, ancestor_codes, depth
from models.geo import haversine_km
from models.match_words import PROCESS_NAMES
from models.provinces import PROVINCES_BY_CODE
from models.search import normalize, tokens
from models.supplier_rows import SupplierRow
from models.suppliers import EXPIRING_STATES, QualificationState
from models.text_index import RunTogether, SubstringIndex

# Row fields (models/supplier_rows.py: supplier_row)
_ID, _NAME_FA, _NAME_EN, _TYPE, _KB, _PROVINCE, _CITY_FA, _CITY_EN, _LAT, _LON, _SIZE = range(1, 12)
_CATEGORIES, _DEMO, _ORIGIN, _CERTIFICATES, _QUALIFICATIONS, _PROCESSES, _NAMES, _WORDS = range(12, 20)

QUALIFIED_STATES = frozenset({QualificationState.APPROVED, QualificationState.CONDITIONAL})
#: The order in which standings rank, best first.
STANDING_ORDER: tuple[QualificationState, ...] = (
    QualificationState.APPROVED,
    QualificationState.CONDITIONAL,
    QualificationState.VISITED,
    QualificationState.SURVEYED,
    QualificationState.NONE,
    QualificationState.EXPIRED,
    QualificationState.SUSPENDED,
    QualificationState.REJECTED,
)
_LAST = "\U0010ffff"
_STARTS, _WHOLES = 0, 1
#: Bumped when ``DirectoryIndex.state`` changes shape: a kept state of another version is built again.
STATE_VERSION = 1
_COLLATION = str.maketrans(
    {" ": "\x00"} | {letter: chr(1 + i) for i, letter in enumerate("ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")}
)


def collation_key(normalized: str) -> str:
    """A sort key of a normalised name: Persian letters in the alphabet's order, spaces before any letter."""
    return normalized.translate(_COLLATION)


class Filter(Protocol):
    """What a directory query asks (``models.supplier_query.SupplierFilter``'s fields)."""

    text: str
    categories: frozenset[str]
    provinces: frozenset[str]
    valid_certificate: bool
    schemes: frozenset[str]
    qualifications: frozenset[Any]
    company_types: frozenset[Any]
    sizes: frozenset[Any]
    knowledge_based: bool


@functools.lru_cache(maxsize=4096)
def _closure(codes: tuple[str, ...]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for code in codes:
        out[code] = None
        out.update(dict.fromkeys(ancestor_codes(code)))
    return tuple(out)


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


class SearchResult(Sequence[SupplierRow]):
    """The suppliers a query found: their number at once, their order only as far as a screen reads it."""

    def __init__(self, directory: DirectoryIndex, classes: list[Iterable[int]], size: int) -> None:
        self.directory = directory
        self.classes = classes  # rank classes, best first; positions in a class are put in ascending order
        self.size = size
        self._order: list[int] | None = None

    def positions(self, start: int = 0, stop: int | None = None) -> list[int]:
        """Positions of the results ``start`` to ``stop`` in order (only these are sorted, when that is cheaper)."""
        stop = self.size if stop is None else min(stop, self.size)
        if start >= stop:
            return []
        if self._order is None and stop <= 400:
            out: list[int] = []
            for found in self.classes:
                wanted = stop - len(out)
                if wanted <= 0:
                    break
                size = len(found) if hasattr(found, "__len__") else None  # type: ignore[arg-type]
                if size is not None and size > 4 * wanted:
                    out += heapq.nsmallest(wanted, found)
                else:
                    out += sorted(found)[:wanted]
            return out[start:stop]
        if self._order is None:
            order: list[int] = []
            for found in self.classes:
                order += sorted(found)
            self._order = order
        return self._order[start:stop]

    def ids(self, start: int = 0, stop: int | None = None) -> list[str]:
        ids = self.directory.ids
        return [ids[p] for p in self.positions(start, stop)]

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            start, stop, step = item.indices(self.size)
            rows = [self.directory.row_at(p) for p in self.positions(start, stop)]
            return rows[::step] if step != 1 else rows
        if item < 0:
            item += self.size
        if not 0 <= item < self.size:
            raise IndexError(item)
        return self.directory.row_at(self.positions(item, item + 1)[0])

    def __iter__(self) -> Iterator[SupplierRow]:
        return iter(self[0 : self.size])


class DirectoryIndex:
    """Search, facets and order of the supplier directory, built from list rows (id → row)."""

    def __init__(self, rows: Mapping[str, Sequence[Any]], day: dt.date, tree: CategoryTree = DEFAULT_TREE) -> None:
        self.day = day
        self.tree = tree
        by_name = sorted(rows.items(), key=lambda item: collation_key(item[1][_NAMES][0]))
        self.ids: list[str] = [rid for rid, _ in by_name]
        self.raw: list[Sequence[Any]] = [row for _, row in by_name]
        self.position: dict[str, int] = {rid: p for p, rid in enumerate(self.ids)}
        self._rows: dict[int, SupplierRow] = {}
        self._names = SubstringIndex()
        self._others = SubstringIndex()
        self._wholes = RunTogether(self._names)  # names as if written without spaces
        self._exact: dict[str, list[int]] = {}  # a whole name → positions
        starts: list[tuple[str, int]] = []  # each name as normalised, and each name without spaces
        wholes: list[tuple[str, int]] = []
        self.by_province: dict[str, list[int]] = {}
        self.by_place: dict[tuple[Any, Any, Any], list[int]] = {}
        self.by_category: dict[str, list[int]] = {}
        self.by_closure: dict[str, list[int]] = {}
        self.by_process: dict[str, list[int]] = {}
        self.by_scheme: dict[str, list[int]] = {}  # any certificate of the scheme (searched words)
        self.by_valid_scheme: dict[str, list[int]] = {}  # a certificate of the scheme valid on the day
        self.by_type: dict[str, list[int]] = {}
        self.by_size: dict[Any, list[int]] = {}
        self.knowledge_based: list[int] = []
        self.standing: dict[int, tuple[tuple[str, QualificationState], ...]] = {}
        today = day.isoformat()
        names_add, others_add, wholes_add = self._names.add, self._others.add, self._wholes.add
        for position, row in enumerate(self.raw):
            names = row[_NAMES]
            names_add(position, " ".join(names).split())
            wholes_add(position, names)
            row_wholes = [n.replace(" ", "") for n in names if n]
            for name, whole in zip((n for n in names if n), row_wholes, strict=True):
                starts.append((name, position))
                wholes.append((whole, position))
                self._exact.setdefault(whole, []).append(position)
            others_add(position, row[_WORDS].split())
            self.by_place.setdefault((row[_PROVINCE], row[_CITY_FA], row[_CITY_EN]), []).append(position)
            if row[_PROVINCE]:
                self.by_province.setdefault(row[_PROVINCE], []).append(position)
            categories = tuple(row[_CATEGORIES])
            for code in categories:
                self.by_category.setdefault(code, []).append(position)
            for code in _closure(categories):
                self.by_closure.setdefault(code, []).append(position)
            for process in row[_PROCESSES]:
                self.by_process.setdefault(process, []).append(position)
            for scheme, start, end in row[_CERTIFICATES]:
                self.by_scheme.setdefault(scheme, []).append(position)
                if (start is None or start <= today) and today <= end:
                    valid = self.by_valid_scheme.setdefault(scheme, [])
                    if not valid or valid[-1] != position:
                        valid.append(position)
            self.by_type.setdefault(row[_TYPE], []).append(position)
            self.by_size.setdefault(row[_SIZE], []).append(position)
            if row[_KB]:
                self.knowledge_based.append(position)
            if row[_QUALIFICATIONS]:
                self.standing[position] = tuple(_judged(q, today) for q in row[_QUALIFICATIONS])
        starts.sort()
        wholes.sort()
        self._starts, self._starts_keys = starts, [s for s, _ in starts]
        self._wholes_sorted, self._wholes_keys = wholes, [w for w, _ in wholes]
        self._code_texts = self._codes()
        self._sets: dict[tuple[str, Any], frozenset[int]] = {}
        self._orders: dict[str, list[int]] = {}

    # ---- kept between runs -------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """What the build worked out, in plain values (str, int, list, tuple, dict: ``marshal`` writes them):
        kept beside the store, it spares the next start the build. The rows are not in it (the store has them)."""
        return {
            "version": STATE_VERSION,
            "day": self.day.isoformat(),
            "ids": self.ids,
            "names": self._names._postings,
            "others": self._others._postings,
            "compacts": self._wholes._compacts,
            "grams": self._wholes._grams,
            "exact": self._exact,
            "starts": self._starts,
            "wholes": self._wholes_sorted,
            "by_province": self.by_province,
            "by_place": self.by_place,
            "by_category": self.by_category,
            "by_closure": self.by_closure,
            "by_process": self.by_process,
            "by_scheme": self.by_scheme,
            "by_valid_scheme": self.by_valid_scheme,
            "by_type": self.by_type,
            "by_size": self.by_size,
            "knowledge_based": self.knowledge_based,
            "standing": {p: tuple((code, state.value) for code, state in s) for p, s in self.standing.items()},
        }

    @classmethod
    def restored(
        cls, state: Mapping[str, Any], rows: Mapping[str, Sequence[Any]], tree: CategoryTree = DEFAULT_TREE
    ) -> DirectoryIndex:
        """The index ``state`` describes, over ``rows`` (the rows it was built from: the caller checks that, by
        keeping the state under a key of the store's content). ValueError when the state is not of this code."""
        if state.get("version") != STATE_VERSION:
            raise ValueError("the kept index is of another version")
        index = cls.__new__(cls)
        index.day = dt.date.fromisoformat(state["day"])
        index.tree = tree
        index.ids = list(state["ids"])
        if len(index.ids) != len(rows):
            raise ValueError("the kept index is of other rows")
        index.raw = [rows[rid] for rid in index.ids]  # KeyError: other rows
        index.position = {rid: p for p, rid in enumerate(index.ids)}
        index._rows = {}
        index._names = SubstringIndex()
        index._names._postings = state["names"]
        index._others = SubstringIndex()
        index._others._postings = state["others"]
        index._wholes = RunTogether(index._names)
        index._wholes._compacts = state["compacts"]
        index._wholes._grams = state["grams"]
        index._exact = state["exact"]
        index._starts = state["starts"]
        index._starts_keys = [s for s, _ in index._starts]
        index._wholes_sorted = state["wholes"]
        index._wholes_keys = [w for w, _ in index._wholes_sorted]
        for name in (
            "by_province", "by_place", "by_category", "by_closure", "by_process", "by_scheme", "by_valid_scheme",
            "by_type", "by_size", "knowledge_based",
        ):  # fmt: skip
            setattr(index, name, state[name])
        index.standing = {
            p: tuple((code, QualificationState(value)) for code, value in s) for p, s in state["standing"].items()
        }
        index._code_texts = index._codes()
        index._sets = {}
        index._orders = {}
        return index

    # ---- rows --------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def row_at(self, position: int) -> SupplierRow:
        row = self._rows.get(position)
        if row is None:
            row = self._rows[position] = SupplierRow(self.raw[position])
        return row

    def get(self, supplier_id: str) -> SupplierRow | None:
        position = self.position.get(supplier_id)
        return None if position is None else self.row_at(position)

    def __iter__(self) -> Iterator[SupplierRow]:
        return (self.row_at(p) for p in range(len(self.ids)))

    def first_page(self, limit: int) -> list[SupplierRow]:
        """The list as it opens: every supplier in the Persian order of names; its first ``limit`` rows."""
        return [self.row_at(p) for p in range(min(limit, len(self.ids)))]

    def order(self, lang: str) -> list[int]:
        """Positions in the order of names in ``lang`` (Persian: the positions themselves)."""
        if lang == "fa":
            return list(range(len(self.ids)))
        found = self._orders.get(lang)
        if found is None:
            found = self._orders[lang] = sorted(
                range(len(self.ids)), key=lambda p: collation_key(self.raw[p][_NAMES][1] or self.raw[p][_NAMES][0])
            )
        return found

    # ---- the query ---------------------------------------------------------------------------------------
    def search(self, query: Filter) -> SearchResult:
        """Suppliers matching every part of the filter: with words, best name matches first, each rank in name
        order; with none, in name order."""
        words = tokens(query.text)
        joined = "".join(words)
        if words:
            if len(words) == 1:
                found = self._matching(words[0]) | self._wholes.matching(joined)
            else:
                found = frozenset.intersection(*(self._matching(w) for w in words)) | self._wholes.matching(joined)
            found = self._facets(query, found)
        else:
            found = self._facets(query, None)
        if found is None:  # nothing asked: every supplier
            return SearchResult(self, [range(len(self.ids))], len(self.ids))
        if not words:
            return SearchResult(self, [found], len(found))
        return SearchResult(self, self._ranks(words, joined, found), len(found))

    def _matching(self, word: str) -> frozenset[int]:
        """Suppliers holding ``word`` in any field (names, free text, or the words of a town, a trade …)."""
        key = ("word", word)
        found = self._sets.get(key)
        if found is None:
            lists = [postings for text, postings in self._code_texts if word in text]
            found = self._names.matching(word) | self._others.matching(word)
            if lists:
                found = found.union(*lists)
            self._remember(key, found)
        return found

    def _codes(self) -> list[tuple[str, list[int]]]:
        """The words of each town, category, process and scheme, with the suppliers that have it."""
        texts: list[tuple[str, list[int]]] = []
        for (province, city_fa, city_en), positions in self.by_place.items():
            named = PROVINCES_BY_CODE.get(province or "")
            parts = [city_fa, city_en, *((named.name_fa, named.name_en) if named else ())]
            texts.append((normalize(" | ".join(p for p in parts if p)), positions))
        for code, positions in self.by_category.items():
            texts.append((normalize(" | ".join(self.tree.names(code))), positions))
        for process, positions in self.by_process.items():
            texts.append((normalize(" | ".join(PROCESS_NAMES.get(process, (process, process)))), positions))
        for scheme, positions in self.by_scheme.items():
            texts.append((normalize(scheme), positions))
        return texts

    def _remember(self, key: tuple[str, Any], found: frozenset[int]) -> None:
        if len(self._sets) > 512:
            self._sets.clear()
        self._sets[key] = found

    def _set(self, name: str, table: Mapping[Any, list[int]], values: Iterable[Any]) -> frozenset[int]:
        values = sorted(values, key=str)
        key = (name, tuple(values))
        found = self._sets.get(key)
        if found is None:
            found = frozenset().union(*(table.get(v, ()) for v in values))
            self._remember(key, found)
        return found

    def _facets(self, query: Filter, found: frozenset[int] | None) -> frozenset[int] | None:
        sets: list[frozenset[int]] = []
        if query.categories:
            sets.append(self._set("closure", self.by_closure, query.categories))
        if query.provinces:
            sets.append(self._set("province", self.by_province, query.provinces))
        if query.company_types:
            sets.append(self._set("type", self.by_type, [getattr(t, "value", t) for t in query.company_types]))
        if query.sizes:
            sets.append(self._set("size", self.by_size, [getattr(s, "value", s) for s in query.sizes]))
        if query.knowledge_based:
            sets.append(self._set("kb", {True: self.knowledge_based}, [True]))
        if query.valid_certificate:
            sets.append(self._set("scheme", self.by_valid_scheme, self.by_valid_scheme))
        if query.schemes:
            sets.append(self._set("scheme", self.by_valid_scheme, query.schemes))
        sets.sort(key=len)
        if found is not None:
            sets.insert(0, found)
        if not sets and not query.qualifications:
            return found
        if sets:
            result = sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0]
        else:
            result = frozenset(range(len(self.ids)))
        if query.qualifications:
            result = frozenset(p for p in result if self._standing_fits(p, query))
        return result

    def _standing_fits(self, position: int, query: Filter) -> bool:
        standing = [
            state
            for code, state in self.standing.get(position, ())
            if not query.categories or any(_related(code, chosen) for chosen in query.categories)
        ]
        real = [state for state in standing if state is not QualificationState.NONE]
        if QualificationState.NONE in query.qualifications and not real:
            return True
        return any(state in query.qualifications for state in real)

    def _ranks(self, words: list[str], joined: str, found: frozenset[int]) -> list[Iterable[int]]:
        """Rank classes (0 best): a name typed in full; a name it begins; words in a name, the first word
        beginning a name; words in a name; found elsewhere (town, trade, products …)."""
        whole = found.intersection(self._exact.get(joined, ()))
        begins = self._prefixed(found, self._wholes_sorted, self._wholes_keys, joined, _WHOLES) - whole
        in_names = frozenset.intersection(*(self._names.matching(w) for w in words)) | self._wholes.matching(joined)
        in_names = (found & in_names) - whole - begins
        first = self._prefixed(in_names, self._starts, self._starts_keys, words[0], _STARTS)
        rest = found - whole - begins - in_names
        return [whole, begins, first, in_names - first, rest]

    def _prefixed(
        self, among: frozenset[int], pairs: list[tuple[str, int]], keys: list[str], prefix: str, kind: int
    ) -> frozenset[int]:
        """The positions ``among`` with a name (``kind``: as written, or without spaces) beginning ``prefix``:
        from the sorted names when fewer begin so than there are positions to test, else by testing each."""
        low = bisect.bisect_left(keys, prefix)
        high = bisect.bisect_left(keys, prefix + _LAST, low)
        if high - low <= len(among):
            return among.intersection(position for _, position in pairs[low:high])
        raw = self.raw
        if kind == _STARTS:
            return frozenset(p for p in among if any(n.startswith(prefix) for n in raw[p][_NAMES] if n))
        return frozenset(p for p in among if any(n.replace(" ", "").startswith(prefix) for n in raw[p][_NAMES] if n))

    # ---- what a row shows, matching, and a plant's screen ------------------------------------------------
    def valid_schemes(self, supplier_id: str) -> frozenset[str]:
        position = self.position.get(supplier_id)
        return frozenset() if position is None else self.row_at(position).valid_schemes(self.day)

    def best_standing(self, supplier_id: str, category: str | None = None) -> QualificationState:
        """The supplier's best qualification state on the day (for ``category`` and the categories above or
        beneath it, when given); ``none`` when it has none."""
        position = self.position.get(supplier_id, -1)
        standing = self.standing.get(position, ())
        states = [state for code, state in standing if category is None or _related(code, category)]
        return min(states, key=STANDING_ORDER.index, default=QualificationState.NONE)

    def candidates(self, category: str) -> list[str]:
        """Ids of the suppliers that may fit a need in ``category`` (the matching rule's category test, by
        lookups): listing it or a category beneath it, or a category above it that is not a group's root."""
        positions: dict[int, None] = dict.fromkeys(self.by_closure.get(category, ()))
        for above in ancestor_codes(category):
            if depth(above) >= 2:
                positions.update(dict.fromkeys(self.by_category.get(above, ())))
        return [self.ids[p] for p in positions]

    def qualified_near(self, lat: float, lon: float, radius_km: float, level: int = 2) -> Counter[str]:
        """How many suppliers within ``radius_km`` are qualified (approved, or conditionally, on the day) for each
        category, rolled up to categories of ``level``."""
        counts: Counter[str] = Counter()
        box_lat = radius_km / 111.0
        box_lon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        for position, standing in self.standing.items():
            qualified = {code for code, state in standing if state in QUALIFIED_STATES}
            row = self.raw[position]
            if not qualified or row[_LAT] is None or row[_LON] is None:
                continue
            if abs(row[_LAT] - lat) > box_lat or abs(row[_LON] - lon) > box_lon:
                continue
            if haversine_km(lat, lon, row[_LAT], row[_LON]) > radius_km:
                continue
            counts.update({".".join(code.split(".")[:level]) for code in qualified})
        return counts

    # ---- facets ------------------------------------------------------------------------------------------
    def provinces(self) -> Counter[str]:
        return Counter({code: len(positions) for code, positions in self.by_province.items()})

    def category_counts(self) -> Counter[str]:
        return Counter({code: len(positions) for code, positions in self.by_closure.items()})

    def schemes(self) -> Counter[str]:
        return Counter({scheme: len(positions) for scheme, positions in self.by_valid_scheme.items()})


def _judged(qualification: Sequence[Any], today: str) -> tuple[str, QualificationState]:
    category, state, expires = qualification
    judged = QualificationState(state)
    if judged in EXPIRING_STATES and expires is not None and expires < today:
        judged = QualificationState.EXPIRED
    return category, judged
