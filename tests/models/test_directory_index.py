"""The directory's index finds, ranks and orders suppliers exactly as the directory's search rule says, from
list rows alone: checked against a plain pass over full records on the demo set."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from models.categories import DEFAULT_TREE, ancestor_codes
from models.demo import DEMO_EPOCH, demo_supplier
from models.directory_index import DirectoryIndex, collation_key
from models.match_words import PROCESS_NAMES
from models.provinces import PROVINCES_BY_CODE
from models.search import normalize, tokens
from models.supplier_rows import SupplierRow, is_current, supplier_row
from models.suppliers import CompanyType, QualificationState, SizeBand, Supplier

SUPPLIERS = [demo_supplier(n) for n in range(1, 401)]
DAY = DEMO_EPOCH


class Query:
    """The directory filter's fields."""

    def __init__(self, text: str = "", **facets: object) -> None:
        self.text = text
        self.categories = facets.get("categories", frozenset())
        self.provinces = facets.get("provinces", frozenset())
        self.valid_certificate = facets.get("valid_certificate", False)
        self.schemes = facets.get("schemes", frozenset())
        self.qualifications = facets.get("qualifications", frozenset())
        self.company_types = facets.get("company_types", frozenset())
        self.sizes = facets.get("sizes", frozenset())
        self.knowledge_based = facets.get("knowledge_based", False)


def searched(s: Supplier, day: dt.date) -> dict[str, object]:
    """What the rule looks at in one supplier, worked out from its full record."""
    names = [normalize(n) for n in (s.name_fa, s.name_en) if n]
    province = PROVINCES_BY_CODE.get(s.province or "")
    others = [s.id, s.city_fa or "", s.city_en or "", *((province.name_fa, province.name_en) if province else ())]
    for code in s.categories:
        others += DEFAULT_TREE.names(code)
    for p in s.products:
        others += [p.name_fa or "", p.name_en or "", p.oem_part_number or ""]
    for process in s.capabilities.processes:
        others += PROCESS_NAMES[process.value]
    others += [*s.capabilities.materials, *(c.scheme for c in s.certificates)]
    wholes = [n.replace(" ", "") for n in names]
    return {
        "names": names,
        "text": " | ".join(names) + " || " + normalize(" | ".join(o for o in others if o)),
        "wholes": wholes,
        "compact": " ".join(wholes),
        "closure": {a for c in s.categories for a in (c, *ancestor_codes(c))},
        "valid": {c.scheme for c in s.certificates if c.is_valid_on(day)},
        "states": [q.state_on(day) for q in s.qualifications],
    }


SEARCHED = {s.id: searched(s, DAY) for s in SUPPLIERS}


def reference(suppliers: list[Supplier], query: Query) -> dict[str, int]:
    """Supplier id → rank (0 best) by the directory's rule, one supplier at a time over full records."""
    words = tokens(query.text)
    joined = "".join(words)
    found: dict[str, int] = {}
    for s in suppliers:
        x = SEARCHED[s.id]
        names, wholes, compact = x["names"], x["wholes"], x["compact"]
        if words and not (all(w in x["text"] for w in words) or joined in compact):
            continue
        if query.categories and not x["closure"] & query.categories:
            continue
        if query.provinces and s.province not in query.provinces:
            continue
        if query.company_types and s.company_type not in query.company_types:
            continue
        if query.sizes and s.size_band not in query.sizes:
            continue
        if query.knowledge_based and not s.knowledge_based:
            continue
        if (query.valid_certificate and not x["valid"]) or (query.schemes and not x["valid"] & query.schemes):
            continue
        if query.qualifications:
            states = x["states"]
            if not any(state in query.qualifications for state in states) and not (
                QualificationState.NONE in query.qualifications and not states
            ):
                continue
        if not words or joined in wholes:
            found[s.id] = 0
        elif any(w.startswith(joined) for w in wholes):
            found[s.id] = 1
        elif all(w in " | ".join(names) for w in words) or joined in compact:
            found[s.id] = 2 if any(n.startswith(words[0]) for n in names) else 3
        else:
            found[s.id] = 4
    return found


@pytest.fixture(scope="module")
def index() -> DirectoryIndex:
    return DirectoryIndex({s.id: supplier_row(s.model_dump(mode="json")) for s in SUPPLIERS}, DAY)


def ranks(index: DirectoryIndex, query: Query) -> dict[str, int]:
    result = index.search(query)
    if not tokens(query.text):
        return dict.fromkeys(result.ids(), 0)
    return {index.ids[p]: rank for rank, found in enumerate(result.classes) for p in found}


def typed_texts() -> list[str]:
    """What members type: words and prefixes of names in both languages, names run together, towns, trades,
    products, part of an id, single letters."""
    rng = random.Random(5)
    texts = ["ی", "a", "s demo 00012", "000017", "iso", "نسوز", "اصفهان", "tehran", "forging", "ریخته گری"]
    for s in rng.sample(SUPPLIERS, 16):
        word = rng.choice(s.name_fa.split())
        texts += [word, word[:2], word[:3], s.name_fa.replace(" ", ""), s.name_fa.replace(" ", "")[3:12]]
        texts += [(s.name_en or "").split()[0].lower(), " ".join(s.name_fa.split()[:2]), s.city_fa or ""]
        texts += [s.products[0].name_fa or "" if s.products else "", DEFAULT_TREE.names(s.categories[0])[0]]
    return [t for t in dict.fromkeys(texts) if t]


@pytest.mark.parametrize("text", typed_texts())
def test_words_typed_find_and_rank_what_a_pass_over_full_records_finds(index: DirectoryIndex, text: str) -> None:
    assert ranks(index, Query(text)) == reference(SUPPLIERS, Query(text))


FACETS = [
    {"categories": frozenset({"consumables.refractories"})},
    {"provinces": frozenset({"IR-10", "IR-23"})},
    {"company_types": frozenset({CompanyType.DISTRIBUTOR})},
    {"sizes": frozenset({SizeBand.LARGE, SizeBand.MEDIUM})},
    {"knowledge_based": True},
    {"valid_certificate": True},
    {"schemes": frozenset({"ISO 9001"})},
    {"qualifications": frozenset({QualificationState.APPROVED, QualificationState.EXPIRED})},
    {"qualifications": frozenset({QualificationState.NONE})},
    {"categories": frozenset({"spares"}), "provinces": frozenset({"IR-10"}), "valid_certificate": True},
]


@pytest.mark.parametrize("facets", FACETS, ids=lambda f: ",".join(f))
@pytest.mark.parametrize("text", ["", "صنایع", "فولاد"])
def test_facets_alone_and_with_words_keep_what_a_pass_over_full_records_keeps(
    index: DirectoryIndex, facets: dict[str, object], text: str
) -> None:
    assert ranks(index, Query(text, **facets)) == reference(SUPPLIERS, Query(text, **facets))


def test_with_nothing_asked_the_list_is_every_supplier_in_the_persian_order_of_names(index: DirectoryIndex) -> None:
    result = index.search(Query())
    expected = sorted(SUPPLIERS, key=lambda s: collation_key(normalize(s.name_fa)))
    assert len(result) == len(SUPPLIERS)
    assert [collation_key(normalize(r.name_fa)) for r in result] == [
        collation_key(normalize(s.name_fa)) for s in expected
    ]
    assert [r.id for r in index.first_page(20)] == result.ids(0, 20)


def test_a_page_of_the_results_is_the_same_slice_of_the_whole_order(index: DirectoryIndex) -> None:
    result = index.search(Query("صنایع"))
    whole = result.ids()
    assert result.ids(0, 30) == whole[:30]
    assert [r.id for r in result[30:60]] == whole[30:60]
    assert result[len(result) - 1].id == whole[-1]
    assert [p for rank in result.classes for p in sorted(rank)] == result.positions()


def test_a_row_reads_like_the_supplier_it_was_made_from() -> None:
    supplier = SUPPLIERS[16]
    raw = supplier_row(supplier.model_dump(mode="json"))
    row = SupplierRow(raw)
    assert is_current(raw)
    for field in (
        "id",
        "name_fa",
        "name_en",
        "company_type",
        "province",
        "city_fa",
        "lat",
        "lon",
        "categories",
        "demo",
    ):
        assert getattr(row, field) == getattr(supplier, field)
    assert row.valid_schemes(DAY) == frozenset(c.scheme for c in supplier.certificates if c.is_valid_on(DAY))
    assert row.standing(DAY) == tuple((q.category, q.state_on(DAY)) for q in supplier.qualifications)


def test_candidates_for_a_need_are_the_suppliers_of_its_category_and_beneath(index: DirectoryIndex) -> None:
    code = SUPPLIERS[0].categories[0]
    candidates = set(index.candidates(code))
    assert SUPPLIERS[0].id in candidates
    assert candidates >= {s.id for s in SUPPLIERS if any(c == code or c.startswith(code + ".") for c in s.categories)}
