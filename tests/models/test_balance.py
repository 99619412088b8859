"""Chain balance on hand-built cases with known answers, and on the real GEM files against raw sums."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import pytest

from models.atlas import Place
from models.balance import (
    DEFAULT_RATIOS,
    Basis,
    Ratios,
    Scenario,
    Stage,
    WhatIfUnit,
    balance_by_province,
    chain_balance,
)
from models.enums import Process, Status
from models.quantity import Quantity
from sync.gem_import import read_gem
from tests.factories import make_capacity, make_mine, make_plant

ISFAHAN = Place(province="IR-10")
YAZD = Place(province="IR-21")


def plant(n: int, *capacities, place: Place = ISFAHAN):
    return make_plant(n, place=place, capacities=tuple(capacities))


def cap(process: Process, ktpa: float | None, status: Status = Status.OPERATING):
    return make_capacity(process, status, ktpa)


def test_hand_built_chain_gives_the_balance_worked_out_by_hand() -> None:
    assets = [
        plant(1, cap(Process.EAF, 1000.0), cap(Process.DRI, 1000.0)),
        plant(2, make_capacity(Process.PELLET, Status.UNKNOWN, 1200.0)),
        make_mine(1, design_capacity_ktpa=Quantity.known(2000.0)),
    ]  # fmt: skip
    ratios = Ratios(dri_share_of_eaf_charge=1.0)
    b = chain_balance(assets, Scenario.OPERATING, ratios=ratios)
    # DRI: 1000 supplied; EAF 1000 × 1.15 × 1.0 needed
    assert b.stages[Stage.DRI].requirement_ktpa == pytest.approx(1150.0)
    assert b.stages[Stage.DRI].balance_ktpa == pytest.approx(-150.0)
    # pellet: 1200 supplied; DRI 1000 × 1.45 needed
    assert b.stages[Stage.PELLET].balance_ktpa == pytest.approx(1200.0 - 1450.0)
    # concentrate: no data → no balance, but the need is known: pellet 1200 × 1.0
    assert b.stages[Stage.CONCENTRATE].supply_ktpa is None
    assert b.stages[Stage.CONCENTRATE].requirement_ktpa == pytest.approx(1200.0)
    assert b.stages[Stage.CONCENTRATE].balance_ktpa is None
    # ore: passed through concentrate: 1200 × 1.6 = 1920 needed, 2000 mined
    assert b.stages[Stage.IRON_ORE].requirement_passed_through
    assert b.stages[Stage.IRON_ORE].balance_ktpa == pytest.approx(80.0)
    # crude steel: nothing downstream in the data
    assert b.stages[Stage.CRUDE_STEEL].supply_ktpa == 1000.0 and b.stages[Stage.CRUDE_STEEL].balance_ktpa is None


def test_dri_share_scales_the_dri_need_of_electric_furnaces() -> None:
    assets = [plant(1, make_capacity(Process.EAF, Status.OPERATING, 1000.0))]
    half = chain_balance(assets, ratios=Ratios(dri_share_of_eaf_charge=0.5))
    assert half.stages[Stage.DRI].requirement_ktpa == pytest.approx(575.0)


def test_blast_furnace_needs_hot_metal_for_bof_and_ore_for_itself() -> None:
    assets = [plant(1, cap(Process.BF, 1000.0), cap(Process.BOF, 1000.0))]
    b = chain_balance(assets)
    assert b.stages[Stage.BF].requirement_ktpa == pytest.approx(900.0)
    assert b.stages[Stage.CONCENTRATE].requirement_ktpa == pytest.approx(1600.0)  # 1.6 t ore per t hot metal


def test_scenarios_add_construction_then_announced_and_status_unknown_counts_in_each() -> None:
    assets = [
        plant(1, cap(Process.DRI, 100.0), cap(Process.DRI, 10.0, Status.CONSTRUCTION),
              cap(Process.DRI, 1.0, Status.ANNOUNCED), cap(Process.DRI, 1000.0, Status.RETIRED),
              cap(Process.PELLET, 50.0, Status.UNKNOWN)),
    ]  # fmt: skip
    supplies = {s: chain_balance(assets, s).stages[Stage.DRI].supply_ktpa for s in Scenario}
    assert supplies == {Scenario.OPERATING: 100.0, Scenario.CONSTRUCTION: 110.0, Scenario.ANNOUNCED: 111.0}
    for scenario in Scenario:
        pellet = chain_balance(assets, scenario).stages[Stage.PELLET]
        assert pellet.supply_ktpa == 50.0 and pellet.supply.status_unknown_ktpa == 50.0


def test_capacity_of_unknown_amount_is_counted_not_zeroed_silently() -> None:
    assets = [plant(1, cap(Process.DRI, None), cap(Process.DRI, 300.0))]
    dri = chain_balance(assets).stages[Stage.DRI]
    assert dri.supply_ktpa == 300.0 and dri.supply.amount_unknown == 1


def test_what_if_unit_moves_the_balance_of_every_stage_that_feeds_it() -> None:
    assets = [
        plant(1, make_capacity(Process.DRI, Status.OPERATING, 1000.0)),
        plant(2, make_capacity(Process.PELLET, Status.UNKNOWN, 1500.0)),
        make_mine(1, design_capacity_ktpa=Quantity.known(3000.0), place=YAZD),
    ]
    before = chain_balance(assets)
    new_pellet = WhatIfUnit(Process.PELLET, 500.0, "IR-10", "new pelletizing line")
    after = chain_balance(assets, what_ifs=[new_pellet])
    assert after.stages[Stage.PELLET].balance_ktpa == pytest.approx(before.stages[Stage.PELLET].balance_ktpa + 500)
    assert after.stages[Stage.CONCENTRATE].requirement_ktpa == pytest.approx(2000.0)
    assert after.stages[Stage.IRON_ORE].balance_ktpa == pytest.approx(before.stages[Stage.IRON_ORE].balance_ktpa - 800)
    closed_dri = chain_balance(assets, what_ifs=[WhatIfUnit(Process.DRI, -1000.0, "IR-10")])
    assert closed_dri.stages[Stage.PELLET].requirement_ktpa == pytest.approx(0.0)


def test_province_balance_counts_only_that_province_and_its_what_ifs() -> None:
    assets = [plant(1, make_capacity(Process.DRI, Status.OPERATING, 1000.0)),
              plant(2, make_capacity(Process.DRI, Status.OPERATING, 200.0), place=YAZD)]  # fmt: skip
    by_province = balance_by_province(assets, what_ifs=[WhatIfUnit(Process.DRI, 50.0, "IR-21")])
    assert by_province["IR-10"].stages[Stage.DRI].supply_ktpa == 1000.0
    assert by_province["IR-21"].stages[Stage.DRI].supply_ktpa == 250.0
    assert by_province["IR-21"].stages[Stage.IRON_ORE].supply_ktpa is None  # no mines anywhere in this data


def test_ratios_refuse_nonsense() -> None:
    with pytest.raises(ValueError):
        Ratios(pellet_per_dri=-1)
    with pytest.raises(ValueError):
        Ratios(dri_share_of_eaf_charge=1.5)
    with pytest.raises(ValueError):
        Ratios(ore_per_concentrate=float("nan"))


def _raw_sum(path: Path, column: str, statuses: set[str], status_column: str = "Status") -> float:
    total = 0.0
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if status_column and row[status_column] not in statuses:
                continue
            with contextlib.suppress(ValueError):  # empty, "unknown", ">0": not numbers
                total += float(row[column])
    return total


@pytest.mark.parametrize("scenario", list(Scenario))
def test_balance_of_the_gem_files_matches_sums_of_the_raw_csvs(shared_data: Path, scenario: Scenario) -> None:
    steel = shared_data / "gem-iron-steel-2025-09"
    statuses = {"operating"} | ({"construction"} if scenario is not Scenario.OPERATING else set())
    statuses |= {"announced"} if scenario is Scenario.ANNOUNCED else set()
    caps = steel / "iran_plant_capacities_and_status.csv"
    dri = _raw_sum(caps, "Nominal DRI capacity (ttpa)", statuses)
    eaf = _raw_sum(caps, "Nominal EAF steel capacity (ttpa)", statuses)
    bof = _raw_sum(caps, "Nominal BOF steel capacity (ttpa)", statuses)
    bf = _raw_sum(caps, "Nominal BF capacity (ttpa)", statuses)
    steel_total = eaf + bof + _raw_sum(caps, "Nominal OHF steel capacity (ttpa)", statuses)
    steel_total += _raw_sum(caps, "Other/unspecified steel capacity (ttpa)", statuses)
    pellet = _raw_sum(steel / "iran_plant_data.csv", "Pelletizing plant capacity (ttpa)", set(), status_column="")
    ore = _raw_sum(shared_data / "gem-iron-ore-mines-2024-11" / "iran_iron_ore_mines.csv", "Design capacity (ttpa)",
                   {"operating"}, status_column="Operating status")  # fmt: skip
    result = read_gem(shared_data)
    b = chain_balance(result.plants + result.mines, scenario)
    r = DEFAULT_RATIOS
    assert b.stages[Stage.DRI].supply_ktpa == pytest.approx(dri)
    assert b.stages[Stage.DRI].requirement_ktpa == pytest.approx(
        eaf * r.dri_per_eaf_steel_all_dri * r.dri_share_of_eaf_charge
    )
    assert b.stages[Stage.BF].balance_ktpa == pytest.approx(bf - bof * r.hot_metal_per_bof_steel)
    assert b.stages[Stage.PELLET].balance_ktpa == pytest.approx(pellet - dri * r.pellet_per_dri)
    assert b.stages[Stage.CRUDE_STEEL].supply_ktpa == pytest.approx(steel_total)
    concentrate_need = pellet * r.concentrate_per_pellet + bf * r.ore_per_hot_metal
    assert b.stages[Stage.IRON_ORE].balance_ktpa == pytest.approx(ore - concentrate_need * r.ore_per_concentrate)


def test_pellet_is_twelve_million_tonnes_short_for_operating_dri(shared_data: Path) -> None:
    result = read_gem(shared_data)
    pellet = chain_balance(result.plants + result.mines, Scenario.OPERATING).stages[Stage.PELLET]
    assert round(pellet.balance_ktpa / 1000, 1) == -12.0
    assert pellet.supply.amount_unknown == 1  # Ahya Steel Baft's ">0" pelletizing plant


def test_production_basis_uses_the_latest_known_figure_per_asset(shared_data: Path) -> None:
    result = read_gem(shared_data)
    b = chain_balance(result.plants + result.mines, basis=Basis.PRODUCTION)
    # mines: Gol Gohar 14000 (2023), Chadormalu 12000, Choghart 3200, Sangan 1538, Mishdovan 473
    assert b.stages[Stage.IRON_ORE].supply_ktpa == pytest.approx(14000 + 12000 + 3200 + 1538 + 473)
    assert len(b.stages[Stage.IRON_ORE].supply.assets) == 5
    # GEM gives no pellet production and no known DRI production: no data, not zero
    assert b.stages[Stage.PELLET].supply_ktpa is None and b.stages[Stage.PELLET].balance_ktpa is None
    assert b.stages[Stage.DRI].supply_ktpa is None
