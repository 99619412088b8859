"""The demo set: deterministic to the byte, labelled, placed inside the right provinces, tied to real plants."""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from models.atlas import Plant
from models.categories import is_within
from models.demo import DEMO_EPOCH, demo_dataset, demo_json, demo_supplier, need_count
from models.demo_places import PROVINCES
from models.provinces import PROVINCES_BY_CODE
from sync.gem_import import read_gem
from sync.geometry import COAST_TOLERANCE_KM, load_province_shapes
from tests.support.live_server import REPO_ROOT

PHONE = re.compile(r"^\+98 \d\d 0\d{3} \d{4}$")


@pytest.fixture(scope="module")
def plants(shared_data: Path) -> list[Plant]:
    return read_gem(shared_data).plants


def test_same_n_gives_byte_identical_output_in_another_process(plants: list[Plant], shared_data: Path) -> None:
    here = hashlib.sha256(demo_json(demo_dataset(300, plants))).hexdigest()
    script = (
        "import hashlib, sys; from pathlib import Path; from sync.gem_import import read_gem; "
        "from models.demo import demo_dataset, demo_json; "
        f"print(hashlib.sha256(demo_json(demo_dataset(300, read_gem(Path({str(shared_data)!r})).plants))).hexdigest())"
    )
    there = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()

    assert there == here


def test_a_supplier_is_the_same_whatever_n(plants: list[Plant]) -> None:
    small, large = demo_dataset(50, plants), demo_dataset(200, plants)

    assert large.suppliers[:50] == small.suppliers
    assert large.needs[: len(small.needs)] == small.needs


def test_n_suppliers_and_about_n_over_ten_needs_all_labelled_demo(plants: list[Plant]) -> None:
    demo = demo_dataset(1000, plants)

    assert len(demo.suppliers) == 1000 and len(demo.needs) == need_count(1000) == 100
    assert all(s.demo and s.origin == "demo" and s.id.startswith("S-DEMO-") for s in demo.suppliers)
    assert all(n.demo and n.origin == "demo" and n.id.startswith("N-DEMO-") for n in demo.needs)


def test_needs_are_raised_against_real_plants_by_their_owners(plants: list[Plant]) -> None:
    by_id = {p.id: p for p in plants}
    demo = demo_dataset(1000, plants)

    for need in demo.needs:
        plant = by_id[need.plant_id]
        assert need.producer_org in {o.gem_id for o in (*plant.owners, *plant.parents)}
    assert len({n.plant_id for n in demo.needs}) > 20  # spread over the atlas, not one plant


def test_every_town_and_the_square_its_suppliers_spread_over_lie_in_its_province() -> None:
    shapes = load_province_shapes()

    assert {p.code for p in PROVINCES} == set(PROVINCES_BY_CODE)
    for province in PROVINCES:
        for town in province.towns:
            # coastal towns may sit just outside the simplified outline; then the nearest is theirs
            assert shapes.nearest_province(town.lat, town.lon, max_km=10) == province.code, town.name_en
            for dlat, dlon in itertools.product((-town.spread, 0, town.spread), repeat=2):
                found = shapes.nearest_province(town.lat + dlat, town.lon + dlon, max_km=COAST_TOLERANCE_KM)
                assert found == province.code, (town.name_en, dlat, dlon)


def test_every_supplier_lies_in_its_province_and_industry_weights_hold(plants: list[Plant]) -> None:
    shapes = load_province_shapes()
    demo = demo_dataset(3000, plants)

    for s in demo.suppliers:
        assert s.lat is not None and s.lon is not None
        assert shapes.nearest_province(s.lat, s.lon, max_km=COAST_TOLERANCE_KM) == s.province, s.id
    counts = Counter(s.province for s in demo.suppliers)
    top = [code for code, _ in counts.most_common(2)]
    assert set(top) == {"IR-10", "IR-23"}  # Isfahan and Tehran lead, as industry does
    assert len(counts) >= 28 and counts["IR-16"] < counts["IR-21"]  # Ilam far behind Yazd


def test_contacts_are_on_reserved_domains_and_unassigned_numbers(plants: list[Plant]) -> None:
    for s in demo_dataset(500, plants).suppliers:
        assert s.phone is not None and PHONE.fullmatch(s.phone), s.phone
        assert s.email is not None and s.email.endswith(".example")
        assert s.website is not None and s.website.startswith("https://www.") and s.website.endswith(".example")
        assert all(c.email and c.email.endswith(".example") for c in s.contacts)


def test_some_certificates_have_expired_and_some_are_valid(plants: list[Plant]) -> None:
    certificates = [c for s in demo_dataset(500, plants).suppliers for c in s.certificates]
    valid = sum(c.is_valid_on(DEMO_EPOCH) for c in certificates)

    assert 0.2 * len(certificates) < len(certificates) - valid < 0.6 * len(certificates)


def test_names_are_persian_and_english_from_their_trade() -> None:
    refractory = next(
        s for s in (demo_supplier(i) for i in range(1, 400)) if s.categories[0].startswith("consumables.refractories")
    )

    assert re.search("[\u0600-\u06ff]", refractory.name_fa) and refractory.name_en
    assert "نسوز" in refractory.name_fa or "گروه صنعتی" in refractory.name_fa
    assert len({demo_supplier(i).name_en for i in range(1, 301)}) > 280  # names rarely repeat


def test_a_suppliers_products_are_of_the_categories_it_lists() -> None:
    for supplier in (demo_supplier(i) for i in range(1, 600)):
        for product in supplier.products:
            assert product.category is not None
            assert any(is_within(product.category, c) or is_within(c, product.category) for c in supplier.categories)
