"""The directory's index: search in either script, the category tree, certificates and standing judged on the day,
the candidates matching starts from, and qualified suppliers near a plant."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from models.categories import DEFAULT_TREE
from models.demo import demo_supplier
from models.matching import match_supplier
from models.needs import Need
from models.supplier_query import SupplierFilter, SupplierIndex
from models.suppliers import CompanyType, QualificationState, SizeBand, Supplier

DAY = dt.date(2026, 12, 1)
ISFAHAN = (32.65, 51.67)


def supplier(number: int, **fields: Any) -> Supplier:
    data: dict[str, Any] = {
        "id": f"S{number}",
        "name_fa": f"تأمین‌کنندهٔ {number}",
        "name_en": f"Supplier {number}",
        "province": "IR-10",
        "city_fa": "اصفهان",
        "city_en": "Isfahan",
        "lat": ISFAHAN[0],
        "lon": ISFAHAN[1],
        "categories": ["consumables.refractories.shaped"],
    }
    data.update(fields)
    return Supplier.model_validate(data)


@pytest.fixture
def index() -> SupplierIndex:
    return SupplierIndex.build(
        [
            supplier(1, name_fa="صنایع نسوز سپاهان", name_en="Sepahan Refractory Industries",
                     certificates=[{"scheme": "ISO 9001", "valid_to": "2027-06-30"}],
                     qualifications=[{"category": "consumables.refractories", "state": "approved",
                                      "expires": "2028-03-20"}],
                     company_type="manufacturer", size_band="medium", knowledge_based=True),
            supplier(2, name_fa="الکترود گرافیتی کویر", name_en="Kavir Graphite Electrode",
                     categories=["consumables.graphite_electrodes.uhp"], province="IR-21", city_fa="یزد",
                     city_en="Yazd", lat=31.9, lon=54.37,
                     certificates=[{"scheme": "ISO 9001", "valid_to": "2026-06-30"}],  # expired by DAY
                     qualifications=[{"category": "consumables.graphite_electrodes", "state": "approved",
                                      "expires": "2026-01-01"}],  # lapsed: expired, never approved
                     company_type="distributor", size_band="small"),
            supplier(3, name_fa="ریخته‌گری خزر", name_en="Khazar Foundry",
                     categories=["mechanical.spare_parts.castings"], province="IR-01", city_fa="رشت",
                     city_en="Rasht", lat=37.28, lon=49.58, company_type="custom_manufacturer"),
        ],
        DAY,
    )  # fmt: skip


def ids(found: list[Supplier]) -> list[str]:
    return [s.id for s in found]


def test_search_finds_a_supplier_by_arabic_letter_forms_english_words_or_run_together_names(index) -> None:
    assert ids(index.search(SupplierFilter(text="نسوز سپاهان"))) == ["S1"]
    assert ids(index.search(SupplierFilter(text="سپاهان"))) == ["S1"]
    assert ids(index.search(SupplierFilter(text="صنايع نسوز"))) == ["S1"]  # Arabic yeh
    assert ids(index.search(SupplierFilter(text="نسوزسپاهان"))) == ["S1"]  # typed without a space
    assert ids(index.search(SupplierFilter(text="graphite yazd"))) == ["S2"]
    assert ids(index.search(SupplierFilter(text="ریخته گری"))) == ["S3"]  # without the half-space


def test_a_name_match_ranks_before_a_match_in_the_trade_or_place(index) -> None:
    # «نسوز» names S1 and is S1's trade; «آجر» is nobody's name but the shaped-refractories trade
    found = index.search(SupplierFilter(text="refractor"))
    assert ids(found) == ["S1"]
    extra = SupplierIndex.build([supplier(4, name_fa="آجر پارس", name_en="Pars Brick"), *index], DAY)
    assert ids(extra.search(SupplierFilter(text="نسوز"))) == ["S1", "S4"]  # S4 only by its trade


def test_a_category_finds_the_suppliers_at_it_and_beneath_it(index) -> None:
    assert ids(index.search(SupplierFilter(categories=frozenset({"consumables.refractories"})))) == ["S1"]
    assert ids(index.search(SupplierFilter(categories=frozenset({"consumables"})))) == ["S1", "S2"]
    assert ids(index.search(SupplierFilter(categories=frozenset({"consumables.refractories.monolithic"})))) == []


def test_certificates_count_only_while_valid_on_the_day(index) -> None:
    assert ids(index.search(SupplierFilter(valid_certificate=True))) == ["S1"]
    assert ids(index.search(SupplierFilter(schemes=frozenset({"ISO 9001"})))) == ["S1"]
    assert index.valid_schemes("S2") == frozenset()


def test_a_lapsed_approval_is_expired_not_approved(index) -> None:
    approved = SupplierFilter(qualifications=frozenset({QualificationState.APPROVED}))
    assert ids(index.search(approved)) == ["S1"]
    expired = SupplierFilter(qualifications=frozenset({QualificationState.EXPIRED}))
    assert ids(index.search(expired)) == ["S2"]
    assert index.best_standing("S2") is QualificationState.EXPIRED
    none = SupplierFilter(qualifications=frozenset({QualificationState.NONE}))
    assert ids(index.search(none)) == ["S3"]


def test_standing_is_for_the_chosen_category_when_one_is_chosen(index) -> None:
    query = SupplierFilter(categories=frozenset({"mechanical"}),
                           qualifications=frozenset({QualificationState.APPROVED}))  # fmt: skip
    assert ids(index.search(query)) == []  # S1 is approved, but for refractories


def test_kind_size_province_and_knowledge_based_narrow_together(index) -> None:
    assert ids(index.search(SupplierFilter(company_types=frozenset({CompanyType.DISTRIBUTOR})))) == ["S2"]
    assert ids(index.search(SupplierFilter(sizes=frozenset({SizeBand.MEDIUM})))) == ["S1"]
    assert ids(index.search(SupplierFilter(provinces=frozenset({"IR-01", "IR-21"})))) == ["S2", "S3"]
    assert ids(index.search(SupplierFilter(knowledge_based=True))) == ["S1"]
    assert ids(index.search(SupplierFilter(knowledge_based=True, provinces=frozenset({"IR-21"})))) == []


def test_candidates_are_exactly_the_suppliers_the_matching_rule_lets_fit() -> None:
    suppliers = [demo_supplier(n) for n in range(1, 1500)]
    index = SupplierIndex.build(suppliers, DAY)
    for category in ("consumables.refractories", "consumables.refractories.shaped", "mechanical.rolls.work",
                     "electrical.automation", "consumables.graphite_electrodes.uhp"):  # fmt: skip
        need = Need(id="N1", plant_id="P100000120584", producer_org="E100000001959", item_fa="x", category=category)
        fit = {s.id for s in suppliers if match_supplier(need, s, plant_point=None, on=DAY) is not None}
        assert {s.id for s in index.candidates(category)} == fit, category


def test_qualified_near_counts_approved_suppliers_within_the_radius_by_category(index) -> None:
    near = index.qualified_near(*ISFAHAN, radius_km=250)
    assert near == {"consumables.refractories": 1}  # S1 here; S2 (Yazd, ~250 km) lapsed; S3 far and unassessed
    assert index.qualified_near(38.0, 46.3, radius_km=250) == {}  # Tabriz: none


def test_facet_counts_cover_the_whole_tree(index) -> None:
    counts = index.category_counts()
    assert counts["consumables"] == 2 and counts["consumables.refractories"] == 1 and counts["mechanical"] == 1
    assert index.provinces() == {"IR-10": 1, "IR-21": 1, "IR-01": 1}
    assert index.schemes() == {"ISO 9001": 1}
    assert all(code in DEFAULT_TREE for code in counts)
