"""Capacity totals by status and process; amounts the source does not give are counted, never zeroed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.atlas import Asset
from models.enums import BALANCE_PROCESSES, Process, Status
from models.quantity import Certainty


@dataclass(frozen=True)
class UnknownAmount:
    """A capacity the source says exists without giving its size (GEM's ``>0``, or ``unknown``)."""

    asset_id: str
    asset_name: str
    process: Process
    status: Status
    certainty: Certainty


@dataclass
class CapacityTotals:
    """Known capacity in kt/y by status and process, and the capacities whose amount is unknown."""

    ktpa: dict[Status, dict[Process, float]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    unknown_amounts: list[UnknownAmount] = field(default_factory=list)
    assets: int = 0

    def get(self, status: Status, process: Process) -> float:
        return self.ktpa.get(status, {}).get(process, 0.0)

    def unknown_count(self, status: Status | None = None, process: Process | None = None) -> int:
        return sum(
            1
            for u in self.unknown_amounts
            if (status is None or u.status is status) and (process is None or u.process is process)
        )

    def capacity_tpa_json(self, processes: Iterable[Process] = BALANCE_PROCESSES) -> dict[str, dict[str, int]]:
        """``{status: {process: tonnes per year}}`` for every status met, whole tonnes."""
        wanted = list(processes)
        return {
            status.value: {p.value: round(by_process.get(p, 0.0) * 1000) for p in wanted}
            for status, by_process in sorted(self.ktpa.items(), key=lambda kv: list(Status).index(kv[0]))
        }

    def unknown_json(self) -> list[dict[str, str]]:
        return [
            {
                "asset_id": u.asset_id,
                "asset_name": u.asset_name,
                "process": u.process.value,
                "status": u.status.value,
                "amount": u.certainty.value,
            }
            for u in sorted(self.unknown_amounts, key=lambda u: (u.asset_id, u.process.value, u.status.value))
        ]


def capacity_totals(assets: Iterable[Asset], *, province: str | None = None) -> CapacityTotals:
    """Sum every asset's capacities (in ``province`` when given, an ISO 3166-2 code)."""
    totals = CapacityTotals()
    for asset in assets:
        if province is not None and asset.place.province != province:
            continue
        totals.assets += 1
        for capacity in asset.capacities:
            amount = capacity.amount_ktpa
            if amount.is_known:
                assert amount.value is not None
                totals.ktpa[capacity.status][capacity.process] += amount.value
            else:
                totals.unknown_amounts.append(
                    UnknownAmount(asset.id, asset.name_en, capacity.process, capacity.status, amount.certainty)
                )
    return totals
