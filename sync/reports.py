"""Reports over the local store for the command line and exports: capacity totals and chain balance."""

from __future__ import annotations

from typing import Any

from models.balance import DEFAULT_RATIOS, Basis, Ratios, Scenario, WhatIfUnit, chain_balance
from models.capacity import capacity_totals
from models.provinces import PROVINCES_BY_CODE
from sync.errors import ZanjirehError
from sync.store import LocalStore


class BadReportArgument(ZanjirehError):
    code = "bad_argument"


class NoAtlasData(ZanjirehError):
    code = "no_atlas_data"


def _assets(store: LocalStore) -> list[Any]:
    return [*store.plants.all(), *store.mines.all()]


def balance_report(
    store: LocalStore,
    *,
    scenario: str = "operating",
    province: str | None = None,
    basis: str = "capacity",
    ratios: Ratios = DEFAULT_RATIOS,
    what_ifs: tuple[WhatIfUnit, ...] = (),
) -> dict[str, Any]:
    """What `main.py balance --json` prints: capacity totals (t/y) by status and process, the chain
    balance of the chosen scenario, the capacities of unknown amount, and the sources."""
    if province is not None and province not in PROVINCES_BY_CODE:
        raise BadReportArgument(f"{province!r} is not an ISO 3166-2 code of an Iranian province (e.g. IR-10)")
    try:
        chosen = Scenario(scenario)
        chosen_basis = Basis(basis)
    except ValueError as exc:
        raise BadReportArgument(f"unknown scenario or basis: {exc}") from exc
    assets = _assets(store)
    if not assets:
        raise NoAtlasData("the data folder holds no plants or mines: import a GEM release first "
                          "(main.py import-gem PATH) or sync (main.py sync --api URL --user NAME)")  # fmt: skip
    totals = capacity_totals(assets, province=province)
    balance = chain_balance(
        assets, chosen, ratios=ratios, province=province, basis=chosen_basis, what_ifs=what_ifs
    ).to_json()
    return {
        "unit": "tonnes per year",
        "scope": {"province": province, "assets": totals.assets},
        "capacity_tpa": totals.capacity_tpa_json(),
        "scenario": chosen.value,
        "basis": chosen_basis.value,
        "ratios": balance["ratios"],
        "supply_tpa": balance["supply_tpa"],
        "requirement_tpa": balance["requirement_tpa"],
        "balance_tpa": balance["balance_tpa"],
        "supply_status_unknown_tpa": balance["supply_status_unknown_tpa"],
        "supply_amount_unknown_count": balance["supply_amount_unknown_count"],
        "unknown_amount_capacities": totals.unknown_json(),
        "sources": [
            {"id": s.id, "attribution": s.attribution, "licence": s.licence, "as_of": s.as_of.isoformat()}
            for s in store.sources.all()
        ],
    }


def _mt(tonnes: int | None) -> str:
    return "no data" if tonnes is None else f"{tonnes / 1e6:,.1f} Mt/y"


def format_balance_text(report: dict[str, Any]) -> str:
    scope = report["scope"]["province"] or "Iran"
    lines = [f"Capacity by status and process, {scope} ({report['unit']}):"]
    for status, by_process in report["capacity_tpa"].items():
        parts = [f"{p} {v / 1e6:,.2f} Mt" for p, v in by_process.items() if v]
        lines.append(f"  {status}: " + (", ".join(parts) or "none"))
    lines.append(f"Chain balance, scenario {report['scenario']}, from {report['basis']}:")
    for stage, balance in report["balance_tpa"].items():
        supply, need = report["supply_tpa"][stage], report["requirement_tpa"][stage]
        verdict = "" if balance is None else (" short" if balance < 0 else " surplus")
        shown = "" if balance is None else f" → {_mt(abs(balance))}{verdict}"
        lines.append(f"  {stage}: supply {_mt(supply)}, needed {_mt(need)}{shown}")
    unknown = report["unknown_amount_capacities"]
    if unknown:
        lines.append(f"Capacities whose amount the source does not give: {len(unknown)}")
        lines += [f"  {u['asset_name']}: {u['process']} ({u['status']}), {u['amount']}" for u in unknown]
    lines += [f"Source: {s['attribution']} ({s['licence']}, as of {s['as_of']})" for s in report["sources"]]
    return "\n".join(lines)
