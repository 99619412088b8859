"""The balance of Iran's steel chain: supply per stage against what the next stage needs, pure functions.

Stages, upstream to downstream: run-of-mine iron ore → concentrate → pellet → iron (DRI; blast
furnace hot metal) → crude steel. A stage's *requirement* is the feed the next stage's capacity
needs (tonnes of input per tonne of output, editable ratios); its *balance* is supply − requirement.
Where a stage has no supply data (GEM covers no concentrate plants and no rolling mills), the
requirement passes through it: concentrate is assumed sized to feed the pellet plants and blast
furnaces, so the ore it needs is still computed. Capacities the source gives without an amount are
counted per stage, never zeroed silently. docs/chain-balance.md gives the sources of every ratio.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from models.atlas import Asset
from models.enums import Process, Status
from models.quantity import Certainty


class Stage(StrEnum):
    IRON_ORE = "iron_ore"
    CONCENTRATE = "concentrate"
    PELLET = "pellet"
    DRI = "dri"
    BF = "bf"
    CRUDE_STEEL = "crude_steel"


STAGES: tuple[Stage, ...] = tuple(Stage)

#: Which capacities make up each stage's supply.
STAGE_PROCESSES: dict[Stage, tuple[Process, ...]] = {
    Stage.IRON_ORE: (Process.IRON_ORE,),
    Stage.CONCENTRATE: (Process.CONCENTRATE,),
    Stage.PELLET: (Process.PELLET,),
    Stage.DRI: (Process.DRI,),
    Stage.BF: (Process.BF,),
    Stage.CRUDE_STEEL: (Process.EAF, Process.BOF, Process.OHF, Process.STEEL_OTHER),
}


class Scenario(StrEnum):
    OPERATING = "operating"
    CONSTRUCTION = "construction"  # operating + under construction
    ANNOUNCED = "announced"  # + announced / proposed


SCENARIO_STATUSES: dict[Scenario, frozenset[Status]] = {
    Scenario.OPERATING: frozenset({Status.OPERATING, Status.OPERATING_PRE_RETIREMENT}),
    Scenario.CONSTRUCTION: frozenset({Status.OPERATING, Status.OPERATING_PRE_RETIREMENT, Status.CONSTRUCTION}),
    Scenario.ANNOUNCED: frozenset(
        {Status.OPERATING, Status.OPERATING_PRE_RETIREMENT, Status.CONSTRUCTION, Status.ANNOUNCED, Status.PROPOSED}
    ),
}


class Basis(StrEnum):
    CAPACITY = "capacity"
    PRODUCTION = "production"  # latest production figure per asset and process, where one exists


@dataclass(frozen=True)
class Ratios:
    """Tonnes of input per tonne of output. Defaults and their ranges: docs/chain-balance.md."""

    ore_per_concentrate: float = 1.6
    concentrate_per_pellet: float = 1.0
    pellet_per_dri: float = 1.45
    dri_per_eaf_steel_all_dri: float = 1.15
    dri_share_of_eaf_charge: float = 0.8
    ore_per_hot_metal: float = 1.6
    hot_metal_per_bof_steel: float = 0.9

    def __post_init__(self) -> None:
        for name, value in self.__dict__.items():
            if not value >= 0:  # also refuses NaN
                raise ValueError(f"ratio {name} must be a non-negative number, not {value!r}")
        if self.dri_share_of_eaf_charge > 1:
            raise ValueError("the DRI share of the EAF charge is a fraction between 0 and 1")

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)

    def with_changes(self, **changes: float) -> Ratios:
        return replace(self, **changes)


DEFAULT_RATIOS = Ratios()

#: (low, high) of each ratio as published; the editor keeps values near these and says so.
RATIO_RANGES: dict[str, tuple[float, float]] = {
    "ore_per_concentrate": (1.45, 1.8),
    "concentrate_per_pellet": (0.97, 1.06),
    "pellet_per_dri": (1.40, 1.50),
    "dri_per_eaf_steel_all_dri": (1.10, 1.20),
    "dri_share_of_eaf_charge": (0.0, 1.0),
    "ore_per_hot_metal": (1.5, 1.7),
    "hot_metal_per_bof_steel": (0.8, 0.95),
}


@dataclass(frozen=True)
class WhatIfUnit:
    """A hypothetical unit: capacity added (positive) or removed (negative), in every scenario."""

    process: Process
    ktpa: float
    province: str | None = None
    label: str = ""


@dataclass
class StageSupply:
    known_ktpa: float = 0.0
    #: part of known_ktpa whose status the source does not give (e.g. GEM's pellet capacities)
    status_unknown_ktpa: float = 0.0
    #: capacities that exist with no amount (GEM ">0"), counted here instead of as zero
    amount_unknown: int = 0
    what_if_ktpa: float = 0.0
    assets: set[str] = field(default_factory=set)
    has_data: bool = False

    @property
    def total_ktpa(self) -> float:
        return self.known_ktpa + self.what_if_ktpa


@dataclass
class StageBalance:
    stage: Stage
    supply: StageSupply
    #: None when the stage has no supply data at all (not covered by the source)
    supply_ktpa: float | None
    #: None when nothing downstream is known to need this stage's output
    requirement_ktpa: float | None
    #: which downstream stages the requirement is for
    feeds: tuple[Stage, ...]
    #: True when the requirement was passed through a stage without data
    requirement_passed_through: bool = False

    @property
    def balance_ktpa(self) -> float | None:
        if self.supply_ktpa is None or self.requirement_ktpa is None:
            return None
        return self.supply_ktpa - self.requirement_ktpa


@dataclass
class ChainBalance:
    scenario: Scenario
    basis: Basis
    ratios: Ratios
    province: str | None
    stages: dict[Stage, StageBalance]
    what_ifs: tuple[WhatIfUnit, ...] = ()

    def biggest_deficit(self) -> StageBalance | None:
        gaps = [s for s in self.stages.values() if s.balance_ktpa is not None and s.balance_ktpa < 0]
        return min(gaps, key=lambda s: s.balance_ktpa or 0.0) if gaps else None

    def biggest_surplus(self) -> StageBalance | None:
        gains = [s for s in self.stages.values() if s.balance_ktpa is not None and s.balance_ktpa > 0]
        return max(gains, key=lambda s: s.balance_ktpa or 0.0) if gains else None

    def to_json(self) -> dict[str, object]:
        def tonnes(value: float | None) -> int | None:
            return None if value is None else round(value * 1000)

        return {
            "scenario": self.scenario.value,
            "basis": self.basis.value,
            "province": self.province,
            "ratios": self.ratios.as_dict(),
            "supply_tpa": {s.value: tonnes(b.supply_ktpa) for s, b in self.stages.items()},
            "requirement_tpa": {s.value: tonnes(b.requirement_ktpa) for s, b in self.stages.items()},
            "balance_tpa": {s.value: tonnes(b.balance_ktpa) for s, b in self.stages.items()},
            "supply_status_unknown_tpa": {
                s.value: tonnes(b.supply.status_unknown_ktpa) for s, b in self.stages.items()
            },
            "supply_amount_unknown_count": {s.value: b.supply.amount_unknown for s, b in self.stages.items()},
            "what_ifs": [
                {"process": w.process.value, "tpa": round(w.ktpa * 1000), "province": w.province, "label": w.label}
                for w in self.what_ifs
            ],
        }


def _stage_of(process: Process) -> Stage | None:
    for stage, processes in STAGE_PROCESSES.items():
        if process in processes:
            return stage
    return None


def _latest_production(asset: Asset) -> dict[Process, float]:
    latest: dict[Process, tuple[int, float]] = {}
    for record in asset.production:
        value = record.amount_kt.value
        newer = record.process not in latest or record.year > latest[record.process][0]
        if value is not None and newer:
            latest[record.process] = (record.year, value)
    return {process: value for process, (_, value) in latest.items()}


def stage_supplies(
    assets: Iterable[Asset],
    scenario: Scenario,
    *,
    province: str | None = None,
    basis: Basis = Basis.CAPACITY,
    what_ifs: Sequence[WhatIfUnit] = (),
) -> dict[Stage, StageSupply]:
    """Supply per stage: capacities whose status the scenario includes (status unknown: always).

    With ``basis=PRODUCTION`` a stage's supply is the latest production figure of each asset that has
    one; assets without figures add nothing (see ``StageSupply.assets`` for the coverage).
    """
    statuses = SCENARIO_STATUSES[scenario]
    supplies = {stage: StageSupply() for stage in STAGES}
    assets = list(assets)
    # a stage the source covers anywhere has a supply (maybe 0) in every province; one it never
    # covers (concentrate, in GEM; most stages' production) has none
    for asset in assets:
        covered = _latest_production(asset) if basis is Basis.PRODUCTION else (c.process for c in asset.capacities)
        for process in covered:
            stage = _stage_of(process)
            if stage is not None:
                supplies[stage].has_data = True
    for asset in assets:
        if province is not None and asset.place.province != province:
            continue
        if basis is Basis.PRODUCTION:
            for process, value in _latest_production(asset).items():
                stage = _stage_of(process)
                if stage is not None:
                    supplies[stage].known_ktpa += value
                    supplies[stage].assets.add(asset.id)
            continue
        for capacity in asset.capacities:
            stage = _stage_of(capacity.process)
            if stage is None or (capacity.status not in statuses and capacity.status is not Status.UNKNOWN):
                continue
            supply = supplies[stage]
            supply.assets.add(asset.id)
            amount = capacity.amount_ktpa
            if amount.certainty is Certainty.KNOWN and amount.value is not None:
                supply.known_ktpa += amount.value
                if capacity.status is Status.UNKNOWN:
                    supply.status_unknown_ktpa += amount.value
            else:
                supply.amount_unknown += 1
    for unit in what_ifs:
        stage = _stage_of(unit.process)
        if stage is not None and (province is None or unit.province == province):
            supplies[stage].what_if_ktpa += unit.ktpa
            supplies[stage].has_data = True
    return supplies


def chain_balance(
    assets: Iterable[Asset],
    scenario: Scenario = Scenario.OPERATING,
    *,
    ratios: Ratios = DEFAULT_RATIOS,
    province: str | None = None,
    basis: Basis = Basis.CAPACITY,
    what_ifs: Sequence[WhatIfUnit] = (),
) -> ChainBalance:
    """Supply, requirement and balance of every stage, nationally or for one province."""
    assets = list(assets)
    supplies = stage_supplies(assets, scenario, province=province, basis=basis, what_ifs=what_ifs)

    def supply(stage: Stage) -> float | None:
        return supplies[stage].total_ktpa if supplies[stage].has_data else None

    eaf = _process_supply(assets, scenario, Process.EAF, province, basis, what_ifs)
    bof = _process_supply(assets, scenario, Process.BOF, province, basis, what_ifs)
    dri, bf, pellet = supply(Stage.DRI), supply(Stage.BF), supply(Stage.PELLET)
    requirement: dict[Stage, float | None] = {stage: None for stage in STAGES}
    passed: set[Stage] = set()
    feeds: dict[Stage, tuple[Stage, ...]] = {stage: () for stage in STAGES}

    # crude steel: what rolling mills need is not covered by the source
    def times(value: float | None, ratio: float) -> float | None:
        return None if value is None else value * ratio

    # what a stage needs is unknown, not zero, when the stage it feeds has no data
    requirement[Stage.DRI] = times(eaf, ratios.dri_per_eaf_steel_all_dri * ratios.dri_share_of_eaf_charge)
    feeds[Stage.DRI] = (Stage.CRUDE_STEEL,)
    requirement[Stage.BF] = times(bof, ratios.hot_metal_per_bof_steel)
    feeds[Stage.BF] = (Stage.CRUDE_STEEL,)
    requirement[Stage.PELLET] = times(dri, ratios.pellet_per_dri)
    feeds[Stage.PELLET] = (Stage.DRI,)
    pellet_feed, bf_feed = times(pellet, ratios.concentrate_per_pellet), times(bf, ratios.ore_per_hot_metal)
    if pellet_feed is not None or bf_feed is not None:
        requirement[Stage.CONCENTRATE] = (pellet_feed or 0.0) + (bf_feed or 0.0)
    feeds[Stage.CONCENTRATE] = (Stage.PELLET, Stage.BF)
    concentrate = supply(Stage.CONCENTRATE)
    if concentrate is None:
        # no concentrate data: assume it exactly feeds pellet plants and blast furnaces
        passed.add(Stage.IRON_ORE)
        concentrate = requirement[Stage.CONCENTRATE]
    requirement[Stage.IRON_ORE] = times(concentrate, ratios.ore_per_concentrate)
    feeds[Stage.IRON_ORE] = (Stage.CONCENTRATE,)
    stages = {
        stage: StageBalance(
            stage=stage,
            supply=supplies[stage],
            supply_ktpa=supply(stage),
            requirement_ktpa=requirement[stage],
            feeds=feeds[stage],
            requirement_passed_through=stage in passed,
        )
        for stage in STAGES
    }
    return ChainBalance(scenario, basis, ratios, province, stages, tuple(what_ifs))


def _process_supply(
    assets: list[Asset],
    scenario: Scenario,
    process: Process,
    province: str | None,
    basis: Basis,
    what_ifs: Sequence[WhatIfUnit],
) -> float | None:
    """Known supply of one process (EAF and BOF need separate figures inside the crude-steel stage);
    None when the source gives that process for no asset at all (in the chosen basis)."""
    statuses = SCENARIO_STATUSES[scenario]
    if basis is Basis.PRODUCTION:
        covered = any(process in _latest_production(a) for a in assets)
    else:
        covered = any(c.process is process for a in assets for c in a.capacities)
    covered = covered or any(u.process is process for u in what_ifs)
    if not covered:
        return None
    total = 0.0
    for asset in assets:
        if province is not None and asset.place.province != province:
            continue
        if basis is Basis.PRODUCTION:
            total += _latest_production(asset).get(process, 0.0)
            continue
        for capacity in asset.capacities:
            included = capacity.status in statuses or capacity.status is Status.UNKNOWN
            if capacity.process is process and included and capacity.amount_ktpa.value is not None:
                total += capacity.amount_ktpa.value
    total += sum(u.ktpa for u in what_ifs if u.process is process and (province is None or u.province == province))
    return total


def balance_by_province(
    assets: Iterable[Asset],
    scenario: Scenario = Scenario.OPERATING,
    *,
    ratios: Ratios = DEFAULT_RATIOS,
    basis: Basis = Basis.CAPACITY,
    what_ifs: Sequence[WhatIfUnit] = (),
) -> dict[str, ChainBalance]:
    """The balance of every province that has an asset or a hypothetical unit."""
    assets = list(assets)
    codes = {a.place.province for a in assets if a.place.province} | {w.province for w in what_ifs if w.province}
    return {
        code: chain_balance(assets, scenario, ratios=ratios, province=code, basis=basis, what_ifs=what_ifs)
        for code in sorted(codes)
    }
