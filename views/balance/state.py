"""State of the balance, map and charts screens: scenario, ratios and what-ifs, and the figures they give.

One ``BalanceState`` per session, made by the app (views/session.py) and reached with ``use_balance``.
The province is not kept here: the balance follows the atlas filter's province (one province chosen →
that province; none → Iran), so the map, the list and the balance always show the same place. Ratios,
what-ifs and the scenario are device settings: they survive a restart, as an analyst's assumptions should.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import flet as ft

from models.atlas import Asset
from models.atlas_query import AtlasFilter
from models.balance import (
    DEFAULT_RATIOS,
    RATIO_RANGES,
    SCENARIO_STATUSES,
    STAGE_PROCESSES,
    ChainBalance,
    Ratios,
    Scenario,
    Stage,
    StageBalance,
    WhatIfUnit,
    balance_by_province,
    chain_balance,
)
from models.enums import Process, Status
from models.geo import ProvinceShapes
from sync.errors import ZanjirehError
from views.map.outlines import province_shapes
from views.shell.atlas_data import AtlasSnapshot
from views.shell.labels import chart_group

if TYPE_CHECKING:
    from sync.device_store import DeviceStore

log = logging.getLogger("zanjireh.balance")

SETTING_SCENARIO = "balance_scenario"
SETTING_RATIOS = "balance_ratios"
SETTING_WHAT_IFS = "balance_what_ifs"
#: Processes a what-if unit can have: those the balance reads.
WHAT_IF_PROCESSES: tuple[Process, ...] = (
    Process.IRON_ORE,
    Process.CONCENTRATE,
    Process.PELLET,
    Process.DRI,
    Process.BF,
    Process.EAF,
    Process.BOF,
)
#: Far beyond any real unit (the largest Iranian complex is ~10 Mt/y): a typo, not a plan.
WHAT_IF_LIMIT_KTPA = 100_000.0

#: The pipeline chart's status groups, in the order a project moves through them.
PIPELINE_STATUSES: tuple[str, ...] = ("operating", "construction", "announced", "unknown")
_PIPELINE_OF: dict[Status, str] = {
    Status.OPERATING: "operating",
    Status.OPERATING_PRE_RETIREMENT: "operating",
    Status.CONSTRUCTION: "construction",
    Status.ANNOUNCED: "announced",
    Status.PROPOSED: "announced",
    Status.UNKNOWN: "unknown",
}
PIPELINE_GROUPS: tuple[str, ...] = ("eaf", "dri", "bof", "bf", "pellet", "iron_ore")


@dataclass(frozen=True)
class WhatIf:
    """A hypothetical unit with a stable id of its own (made on this device), so it can be removed."""

    id: str
    unit: WhatIfUnit


@dataclass(frozen=True)
class UnknownAmount:
    asset_id: str
    name_en: str
    name_fa: str | None


class FollowedAtlas(Protocol):
    """What the balance follows in the session: the loaded atlas and the filter whose province it shows.

    The session's atlas state is one (views/atlas/state.py); the balance does not need to know it.
    """

    @property
    def atlas(self) -> AtlasSnapshot: ...

    @property
    def filter(self) -> AtlasFilter: ...

    def set_filter(self, **changes: Any) -> None: ...

    def report(self, error: ZanjirehError) -> None: ...


# ---- pure figures for the charts ----------------------------------------------------------------
def counted(scenario: Scenario, status: Status) -> bool:
    """Whether the balance counts a capacity of ``status`` in ``scenario`` (status unknown: always)."""
    return status in SCENARIO_STATUSES[scenario] or status is Status.UNKNOWN


def capacity_by_province(assets: Iterable[Asset], scenario: Scenario) -> dict[str, dict[str, float]]:
    """Known capacity (kt/y) per province and chart group, counted as the balance counts it."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for asset in assets:
        code = asset.place.province
        if code is None:
            continue
        for capacity in asset.capacities:
            group = chart_group(capacity.process)
            value = capacity.amount_ktpa.value
            if group is None or value is None or not capacity.amount_ktpa.is_known:
                continue
            if counted(scenario, capacity.status):
                out[code][group] += value
    return {code: dict(groups) for code, groups in out.items() if sum(groups.values()) > 0}


def pipeline(assets: Iterable[Asset]) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Known capacity (kt/y) per process group and status group, and per group the capacities of unknown
    amount (counted, never added as zero)."""
    out: dict[str, dict[str, float]] = {g: dict.fromkeys(PIPELINE_STATUSES, 0.0) for g in PIPELINE_GROUPS}
    unknown: dict[str, int] = dict.fromkeys(PIPELINE_GROUPS, 0)
    for asset in assets:
        for capacity in asset.capacities:
            group, status = chart_group(capacity.process), _PIPELINE_OF.get(capacity.status)
            if group not in out or status is None:
                continue
            if capacity.amount_ktpa.is_known and capacity.amount_ktpa.value is not None:
                out[group][status] += capacity.amount_ktpa.value
            else:
                unknown[group] += 1
    return out, unknown


# ---- the session's balance ----------------------------------------------------------------------
@ft.observable
@dataclass
class BalanceState:
    """What the balance screens show; public fields notify the screens when set."""

    scenario: Scenario = Scenario.OPERATING
    ratios: Ratios = DEFAULT_RATIOS
    what_ifs: tuple[WhatIf, ...] = ()
    #: the stage whose provinces are listed under the bars (None: none open)
    stage: Stage | None = None

    @classmethod
    def open(cls, app: FollowedAtlas, device: DeviceStore) -> BalanceState:
        settings = device.settings()
        state = cls(
            scenario=_scenario(settings.get(SETTING_SCENARIO)),
            ratios=_ratios(settings.get(SETTING_RATIOS)),
            what_ifs=_what_ifs(settings.get(SETTING_WHAT_IFS)),
        )
        state._app = app
        state._device = device
        state._cache = {}
        return state

    # ---- where -------------------------------------------------------------------------------------
    @property
    def province(self) -> str | None:
        """The province the balance is for: the atlas filter's, when it names exactly one."""
        chosen = self._app.filter.provinces
        return next(iter(chosen)) if len(chosen) == 1 else None

    @property
    def several_provinces(self) -> bool:
        return len(self._app.filter.provinces) > 1

    def set_province(self, code: str | None) -> None:
        """Show one province (or Iran): the atlas list and the map follow, as they share the filter."""
        self._app.set_filter(provinces=frozenset({code}) if code else frozenset())

    def province_choices(self) -> list[str]:
        """Provinces with a plant, a mine or a what-if unit."""
        codes = set(self._app.atlas.provinces) | {w.unit.province for w in self.what_ifs if w.unit.province}
        return sorted(c for c in codes if c)

    # ---- the figures ---------------------------------------------------------------------------------
    def assets(self) -> list[Asset]:
        return [entry.asset for entry in self._app.atlas.index.entries.values()]

    def _chain(
        self, scenario: Scenario, province: str | None, ratios: Ratios, units: tuple[WhatIfUnit, ...]
    ) -> ChainBalance:
        key = (self._app.atlas.generations, scenario, province, ratios, units)
        if key not in self._cache:
            if len(self._cache) > 64:  # a session explores a few assumptions; keep the memory flat
                self._cache.clear()
            self._cache[key] = chain_balance(self.assets(), scenario, ratios=ratios, province=province, what_ifs=units)
        return self._cache[key]

    @property
    def units(self) -> tuple[WhatIfUnit, ...]:
        return tuple(w.unit for w in self.what_ifs)

    def chain(self) -> ChainBalance:
        """The balance on screen: this scenario, province, ratios and what-ifs."""
        return self._chain(self.scenario, self.province, self.ratios, self.units)

    def headline(self) -> ChainBalance:
        """Home's card: Iran, operating capacity, the documented ratios, no hypothetical units."""
        return self._chain(Scenario.OPERATING, None, DEFAULT_RATIOS, ())

    def provinces_for(self, stage: Stage) -> list[tuple[str, StageBalance]]:
        """Every province's figures for one stage, the shortest first; provinces with nothing at this stage
        (no supply, no requirement) are left out."""
        by_province = balance_by_province(self.assets(), self.scenario, ratios=self.ratios, what_ifs=self.units)
        rows = [
            (code, chain.stages[stage])
            for code, chain in by_province.items()
            if (chain.stages[stage].supply_ktpa or 0) or (chain.stages[stage].requirement_ktpa or 0)
        ]

        def order(row: tuple[str, StageBalance]) -> tuple[int, float]:
            gap = row[1].balance_ktpa
            return (0, gap) if gap is not None else (1, -(row[1].supply_ktpa or 0.0))

        return sorted(rows, key=order)

    def unknown_amounts(self, stage: Stage) -> list[UnknownAmount]:
        """The capacities of this stage that the scenario counts but whose amount the source does not give."""
        processes = STAGE_PROCESSES[stage]
        province = self.province
        out = []
        for asset in self.assets():
            if province is not None and asset.place.province != province:
                continue
            for capacity in asset.capacities:
                known = capacity.amount_ktpa.is_known and capacity.amount_ktpa.value is not None
                if capacity.process in processes and counted(self.scenario, capacity.status) and not known:
                    out.append(UnknownAmount(asset.id, asset.name_en, asset.name_fa))
        return out

    def capacity_by_province(self) -> dict[str, dict[str, float]]:
        return capacity_by_province(self.assets(), self.scenario)

    def pipeline(self) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
        return pipeline(self.assets())

    # ---- the member's assumptions ----------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario | str) -> None:
        chosen = Scenario(scenario)
        if chosen != self.scenario:
            self.scenario = chosen
            self._save(SETTING_SCENARIO, chosen.value)

    def select_stage(self, stage: Stage | None) -> None:
        """Open one stage's provinces (the same stage again closes them)."""
        self.stage = None if stage == self.stage else stage

    def set_ratio(self, name: str, value: float) -> float:
        """Set one ratio, kept within its published range; returns the value kept."""
        low, high = RATIO_RANGES[name]
        if not math.isfinite(value):
            return getattr(self.ratios, name)
        kept = round(min(max(value, low), high), 3)
        if kept != getattr(self.ratios, name):
            self.ratios = self.ratios.with_changes(**{name: kept})
            self._save(SETTING_RATIOS, self.ratios.as_dict())
        return kept

    def reset_ratios(self) -> None:
        if self.ratios != DEFAULT_RATIOS:
            self.ratios = DEFAULT_RATIOS
            self._save(SETTING_RATIOS, None)

    @property
    def ratios_changed(self) -> bool:
        return self.ratios != DEFAULT_RATIOS

    @property
    def is_default(self) -> bool:
        """The published ratios and no what-if unit: the balance anyone can check against the sources."""
        return not self.ratios_changed and not self.what_ifs

    def changed_ratios(self) -> int:
        return sum(1 for name in RATIO_RANGES if getattr(self.ratios, name) != getattr(DEFAULT_RATIOS, name))

    def reset_assumptions(self) -> None:
        """Back to the default balance: the published ratios, no what-if unit (the scenario is a view, kept)."""
        self.reset_ratios()
        if self.what_ifs:
            self.what_ifs = ()
            self._save(SETTING_WHAT_IFS, None)

    def add_what_if(self, process: Process, ktpa: float, province: str | None) -> WhatIf | None:
        """Add a hypothetical unit (negative capacity removes one); None when the amount is not usable."""
        if process not in WHAT_IF_PROCESSES or not math.isfinite(ktpa) or ktpa == 0 or abs(ktpa) > WHAT_IF_LIMIT_KTPA:
            return None
        added = WhatIf(uuid.uuid4().hex[:12], WhatIfUnit(process, float(ktpa), province or None))
        self.what_ifs = (*self.what_ifs, added)
        self._save_what_ifs()
        return added

    def remove_what_if(self, what_if_id: str) -> None:
        kept = tuple(w for w in self.what_ifs if w.id != what_if_id)
        if kept != self.what_ifs:
            self.what_ifs = kept
            self._save_what_ifs()

    def _save_what_ifs(self) -> None:
        self._save(
            SETTING_WHAT_IFS,
            [
                {"id": w.id, "process": w.unit.process.value, "ktpa": w.unit.ktpa, "province": w.unit.province}
                for w in self.what_ifs
            ],
        )

    def _save(self, key: str, value: Any) -> None:
        try:
            self._device.set_setting(key, value)
        except ZanjirehError as error:  # the figures still change on screen; the notice says it was not kept
            self._app.report(error)

    # ---- the map ------------------------------------------------------------------------------------------
    def shapes(self) -> ProvinceShapes | None:
        """The bundled province outlines (read once per process), or None with a notice if they are broken."""
        return province_shapes(self._app.report)


# ---- reading the saved assumptions: anything odd falls back to the defaults ------------------------------
def _scenario(value: Any) -> Scenario:
    try:
        return Scenario(value)
    except ValueError:
        return Scenario.OPERATING


def _ratios(value: Any) -> Ratios:
    if not isinstance(value, dict):
        return DEFAULT_RATIOS
    changes = {}
    for name, (low, high) in RATIO_RANGES.items():
        saved = value.get(name)
        if isinstance(saved, int | float) and math.isfinite(saved):
            changes[name] = min(max(float(saved), low), high)
    return DEFAULT_RATIOS.with_changes(**changes)


def _what_ifs(value: Any) -> tuple[WhatIf, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        try:
            unit = WhatIfUnit(Process(item["process"]), float(item["ktpa"]), item.get("province") or None)
            out.append(WhatIf(str(item["id"]), unit))
        except (KeyError, TypeError, ValueError):
            log.info("a saved what-if unit could not be read and was left out: %r", item)
    return tuple(out)
