"""The needs' index: filters by status, category, plant, province, criticality and organisation, words typed in
either script, and the order (open and critical first, the nearest deadline first)."""

from __future__ import annotations

from typing import Any

from models.need_query import NeedFilter, NeedIndex, NeedPlace
from models.needs import Criticality, Need, NeedStatus

MOBARAKEH = NeedPlace("P100000120584", "فولاد مبارکه اصفهان", "Mobarakeh Steel", "IR-10", 32.3, 51.5)
KHUZESTAN = NeedPlace("P100000120700", "فولاد خوزستان", "Khuzestan Steel", "IR-06", 31.3, 48.7)


def need(number: int, plant: NeedPlace = MOBARAKEH, **fields: Any) -> Need:
    data: dict[str, Any] = {
        "id": f"N{number}",
        "plant_id": plant.plant_id,
        "producer_org": "E100000001959" if plant is MOBARAKEH else "E100000002000",
        "item_fa": f"قطعهٔ {number}",
        "category": "consumables.refractories.shaped",
        "status": "published",
    }
    data.update(fields)
    return Need.model_validate(data)


def build() -> NeedIndex:
    needs = [
        need(1, item_fa="آجر منیزیا-کربن پاتیل", item_en="Magnesia-carbon ladle bricks", criticality="A",
             deadline="2027-03-01", part_number="MC-77"),
        need(2, KHUZESTAN, item_fa="الکترود گرافیتی UHP", category="consumables.graphite_electrodes.uhp",
             criticality="A", deadline="2027-01-01"),
        need(3, item_fa="غلتک کاری", category="mechanical.rolls.work", criticality="C", status="open"),
        need(4, KHUZESTAN, item_fa="بلبرینگ", category="mechanical.bearings", status="closed", criticality="A"),
    ]  # fmt: skip
    return NeedIndex.build(needs, {p.plant_id: p for p in (MOBARAKEH, KHUZESTAN)})


def ids(found: list[Need]) -> list[str]:
    return [n.id for n in found]


def test_open_needs_first_then_by_criticality_and_the_nearest_deadline() -> None:
    assert ids(build().search(NeedFilter())) == ["N2", "N1", "N3", "N4"]  # N4 is closed: last


def test_words_find_the_item_its_part_number_its_plant_or_its_province_in_either_script() -> None:
    index = build()
    assert ids(index.search(NeedFilter(text="آجر"))) == ["N1"]
    assert ids(index.search(NeedFilter(text="mc-77"))) == ["N1"]
    assert ids(index.search(NeedFilter(text="مباركه"))) == ["N1", "N3"]  # Arabic kaf, the plant's name
    assert ids(index.search(NeedFilter(text="khuzestan electrode"))) == ["N2"]
    assert ids(index.search(NeedFilter(text="نسوز"))) == ["N1"]  # the category's name


def test_each_facet_narrows_and_facets_combine() -> None:
    index = build()
    assert ids(index.search(NeedFilter(statuses=frozenset({NeedStatus.OPEN})))) == ["N3"]
    assert ids(index.search(NeedFilter(categories=frozenset({"mechanical"})))) == ["N3", "N4"]
    assert ids(index.search(NeedFilter(plants=frozenset({KHUZESTAN.plant_id})))) == ["N2", "N4"]
    assert ids(index.search(NeedFilter(provinces=frozenset({"IR-10"})))) == ["N1", "N3"]
    assert ids(index.search(NeedFilter(criticality=frozenset({Criticality.C})))) == ["N3"]
    assert ids(index.search(NeedFilter(producers=frozenset({"E100000001959"})))) == ["N1", "N3"]
    both = NeedFilter(provinces=frozenset({"IR-06"}), criticality=frozenset({Criticality.A}), text="الکترود")
    assert ids(index.search(both)) == ["N2"]


def test_a_plants_needs_and_the_facet_counts() -> None:
    index = build()
    assert ids(index.for_plant(MOBARAKEH.plant_id)) == ["N1", "N3"]
    assert index.statuses() == {NeedStatus.PUBLISHED: 2, NeedStatus.OPEN: 1, NeedStatus.CLOSED: 1}
    assert index.provinces() == {"IR-10": 2, "IR-06": 2}
    assert index.category_counts()["consumables"] == 2
