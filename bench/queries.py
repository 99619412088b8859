"""The benchmark's 200 search queries: what members type in the supplier directory, drawn from the records.

Deterministic (a seeded generator over the records in id order): Persian and English, whole names and words
of names, prefixes as typed (two to four letters), towns and provinces, category and product words, and
facets combined with words or alone (category, province, knowledge-based, valid certificate, company type).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from models.categories import DEFAULT_TREE, depth
from models.provinces import PROVINCES_BY_CODE

QUERY_COUNT = 200


@dataclass(frozen=True)
class Query:
    """One search: the words typed and the facets chosen (the fields of the directory's filter)."""

    kind: str
    text: str = ""
    categories: frozenset[str] = frozenset()
    provinces: frozenset[str] = frozenset()
    knowledge_based: bool = False
    valid_certificate: bool = False
    company_types: frozenset[str] = frozenset()
    # facets the benchmark does not draw, which the directory's filter has
    schemes: frozenset[str] = frozenset()
    qualifications: frozenset[str] = frozenset()
    sizes: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "categories": sorted(self.categories),
            "provinces": sorted(self.provinces),
            "knowledge_based": self.knowledge_based,
            "valid_certificate": self.valid_certificate,
            "company_types": sorted(self.company_types),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Query:
        return cls(
            kind=raw["kind"],
            text=raw["text"],
            categories=frozenset(raw["categories"]),
            provinces=frozenset(raw["provinces"]),
            knowledge_based=raw["knowledge_based"],
            valid_certificate=raw["valid_certificate"],
            company_types=frozenset(raw["company_types"]),
        )


@dataclass
class _Pools:
    names_fa: list[str] = field(default_factory=list)
    names_en: list[str] = field(default_factory=list)
    cities_fa: list[str] = field(default_factory=list)
    cities_en: list[str] = field(default_factory=list)
    products_fa: list[str] = field(default_factory=list)
    products_en: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [w for w in text.replace("\u200c", " ").split() if len(w) >= 3]


def build_queries(suppliers: Sequence[dict[str, Any]], seed: int = 11) -> list[Query]:
    """200 queries over ``suppliers`` (raw records, in id order)."""
    rng = random.Random(seed)
    pools = _Pools()
    for record in suppliers:
        pools.names_fa.append(record["name_fa"])
        if record.get("name_en"):
            pools.names_en.append(record["name_en"])
        if record.get("city_fa"):
            pools.cities_fa.append(record["city_fa"])
        if record.get("city_en"):
            pools.cities_en.append(record["city_en"].split(" (")[0])
        for product in record.get("products", ()):
            if product.get("name_fa"):
                pools.products_fa.append(product["name_fa"])
            if product.get("name_en"):
                pools.products_en.append(product["name_en"])
        pools.materials += record.get("capabilities", {}).get("materials", ())
        if record.get("province"):
            pools.provinces.append(record["province"])
        pools.categories += record.get("categories", ())
    category_codes = sorted({c for c in pools.categories})
    broad = sorted({".".join(c.split(".")[:2]) for c in category_codes if depth(c) >= 2})

    def word(texts: list[str]) -> str:
        return rng.choice(_words(rng.choice(texts)) or [rng.choice(texts)])

    def prefix(texts: list[str]) -> str:
        chosen = word(texts)
        return chosen[: rng.choice((2, 3, 3, 4))]

    def two_words(texts: list[str]) -> str:
        parts = rng.choice(texts).split()
        start = rng.randrange(max(1, len(parts) - 1))
        return " ".join(parts[start : start + 2])

    def province_name(lang: int) -> str:
        code = rng.choice(pools.provinces)
        province = PROVINCES_BY_CODE[code]
        return province.name_fa if lang == 0 else province.name_en

    def category_word(lang: int) -> str:
        names = DEFAULT_TREE.names(rng.choice(category_codes))
        return rng.choice(_words(names[lang]) or [names[lang]])

    plan: list[tuple[str, int]] = [
        ("name word fa", 26),
        ("name prefix fa", 27),
        ("two words fa", 12),
        ("whole name fa", 6),
        ("name word en", 14),
        ("name prefix en", 14),
        ("whole name en", 4),
        ("town fa", 8),
        ("town en", 6),
        ("province fa", 5),
        ("province en", 3),
        ("category fa", 8),
        ("category en", 6),
        ("product fa", 8),
        ("product en", 5),
        ("material", 4),
        ("word + province", 8),
        ("word + category", 8),
        ("prefix + knowledge-based", 6),
        ("word + valid certificate", 6),
        ("category + province", 6),
        ("category + type + certificate", 5),
        ("province alone", 5),
    ]
    assert sum(n for _, n in plan) == QUERY_COUNT
    out: list[Query] = []
    for kind, count in plan:
        for _ in range(count):
            out.append(_one(kind, rng, pools, word, prefix, two_words, province_name, category_word, broad))
    return out


def _one(kind, rng, pools, word, prefix, two_words, province_name, category_word, broad) -> Query:  # type: ignore[no-untyped-def]
    province = frozenset({rng.choice(pools.provinces)})
    category = frozenset({rng.choice(broad)})
    match kind:
        case "name word fa":
            return Query(kind, word(pools.names_fa))
        case "name prefix fa":
            return Query(kind, prefix(pools.names_fa))
        case "two words fa":
            return Query(kind, two_words(pools.names_fa))
        case "whole name fa":
            return Query(kind, rng.choice(pools.names_fa))
        case "name word en":
            return Query(kind, word(pools.names_en).lower())
        case "name prefix en":
            return Query(kind, prefix(pools.names_en).lower())
        case "whole name en":
            return Query(kind, rng.choice(pools.names_en))
        case "town fa":
            return Query(kind, rng.choice(pools.cities_fa))
        case "town en":
            return Query(kind, rng.choice(pools.cities_en))
        case "province fa":
            return Query(kind, province_name(0))
        case "province en":
            return Query(kind, province_name(1))
        case "category fa":
            return Query(kind, category_word(0))
        case "category en":
            return Query(kind, category_word(1).lower())
        case "product fa":
            return Query(kind, word(pools.products_fa))
        case "product en":
            return Query(kind, word(pools.products_en).lower())
        case "material":
            return Query(kind, rng.choice(pools.materials) if pools.materials else word(pools.names_en))
        case "word + province":
            return Query(kind, word(pools.names_fa), provinces=province)
        case "word + category":
            return Query(kind, word(pools.products_fa), categories=category)
        case "prefix + knowledge-based":
            return Query(kind, prefix(pools.names_fa), knowledge_based=True)
        case "word + valid certificate":
            return Query(kind, word(pools.names_en).lower(), valid_certificate=True)
        case "category + province":
            return Query(kind, categories=category, provinces=province)
        case "category + type + certificate":
            return Query(kind, categories=category, company_types=frozenset({"manufacturer"}), valid_certificate=True)
        case "province alone":
            return Query(kind, provinces=province)
    raise ValueError(kind)
