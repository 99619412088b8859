"""Reports over the local store for the command line and exports: capacity totals and chain balance."""

from __future__ import annotations

from typing import Any

from models.capacity import capacity_totals
from sync.store import LocalStore


def _assets(store: LocalStore) -> list[Any]:
    return [*store.plants.all(), *store.mines.all()]


def balance_report(store: LocalStore, *, scenario: str = "operating", province: str | None = None) -> dict[str, Any]:
    """What `main.py balance --json` prints: capacity totals (t/y) by status and process, and their sources."""
    totals = capacity_totals(_assets(store), province=province)
    return {
        "unit": "tonnes per year",
        "scope": {"province": province, "assets": totals.assets},
        "capacity_tpa": totals.capacity_tpa_json(),
        "unknown_amount_capacities": totals.unknown_json(),
        "sources": [
            {"id": s.id, "attribution": s.attribution, "licence": s.licence, "as_of": s.as_of.isoformat()}
            for s in store.sources.all()
        ],
    }


def format_balance_text(report: dict[str, Any]) -> str:
    lines = [f"Capacity by status and process ({report['unit']}):"]
    for status, by_process in report["capacity_tpa"].items():
        parts = [f"{p} {v / 1e6:,.2f} Mt" for p, v in by_process.items() if v]
        lines.append(f"  {status}: " + (", ".join(parts) or "none"))
    unknown = report["unknown_amount_capacities"]
    if unknown:
        lines.append(f"Capacities whose amount the source does not give: {len(unknown)}")
        lines += [f"  {u['asset_name']}: {u['process']} ({u['status']}), {u['amount']}" for u in unknown]
    lines += [f"Source: {s['attribution']} ({s['licence']}, as of {s['as_of']})" for s in report["sources"]]
    return "\n".join(lines)
