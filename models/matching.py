"""Ranked matches for a need: which suppliers fit it and in what order, each with its reasons.

Computed from cached data only (the app runs it offline). The score is a sum of points a reader can
check by hand, and every point comes with a reason (a code and parameters, turned into words by
``models/match_words.py``); docs/matching.md explains the rules and the weights.

1. **Fit (a filter).** A supplier fits a need when one of its categories is the need's category, lies
   beneath it (a maker of shaped refractories fits a need for refractories), or lies above it but is
   not a root (a maker of refractories fits a need for shaped refractories; "consumables" alone fits
   nothing). When the need names processes (casting, machining …) and the supplier has declared its
   processes, it must have every one; when the need gives a part weight and the supplier its largest
   part, the part must not be heavier. Anything else is no match, whatever its other merits.
2. **Points.** Qualification for the need's category (the best current one among the supplier's
   qualifications for a fitting category, judged on the day), certificates valid on the day, the
   great-circle distance from the supplier to the need's plant, how closely the category fits, and
   declared capabilities. Rejected and suspended suppliers lose points; expired never counts.
3. **Order.** Score (high first), then distance (near first, unknown last), then supplier id.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from models.categories import depth, is_within
from models.geo import haversine_km
from models.needs import Need
from models.suppliers import QualificationState, Supplier

# ---- the weights (docs/matching.md) ------------------------------------------------------------------
QUALIFICATION_POINTS: dict[QualificationState, float] = {
    QualificationState.APPROVED: 45.0,
    QualificationState.CONDITIONAL: 32.0,
    QualificationState.VISITED: 18.0,
    QualificationState.SURVEYED: 8.0,
    QualificationState.NONE: 0.0,
    QualificationState.EXPIRED: 0.0,
    QualificationState.REJECTED: -15.0,
    QualificationState.SUSPENDED: -15.0,
}
#: Best first: the order in which a supplier's qualifications for fitting categories are preferred.
QUALIFICATION_RANK: tuple[QualificationState, ...] = (
    QualificationState.APPROVED,
    QualificationState.CONDITIONAL,
    QualificationState.VISITED,
    QualificationState.SURVEYED,
    QualificationState.SUSPENDED,
    QualificationState.REJECTED,
    QualificationState.EXPIRED,
    QualificationState.NONE,
)
CATEGORY_POINTS = {"exact": 15.0, "narrower": 12.0, "broader": 6.0}
#: A valid quality-management certificate is worth most; other valid certificates a little each.
QUALITY_SCHEMES = frozenset({"ISO 9001", "IATF 16949", "API Q1", "ISO 3834", "AS9100"})
QUALITY_CERTIFICATE_POINTS = 10.0
OTHER_CERTIFICATE_POINTS = 3.0
CERTIFICATE_POINTS_CAP = 15.0
DISTANCE_POINTS = 20.0
#: Beyond this the distance earns nothing (Iran is about 2,000 km across).
DISTANCE_ZERO_KM = 1000.0
CAPABILITY_POINTS = 5.0


@dataclass(frozen=True)
class Reason:
    """Why a match scored what it did: a stable code, its parameters, and the points it added."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    points: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params, "points": self.points}


@dataclass(frozen=True)
class Match:
    supplier_id: str
    score: float
    distance_km: float | None
    reasons: tuple[Reason, ...]
    demo: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "supplier_id": self.supplier_id,
            "score": self.score,
            "distance_km": self.distance_km,
            "demo": self.demo,
            "reasons": [r.to_json() for r in self.reasons],
        }


def category_fit(need_category: str, supplier_category: str) -> str | None:
    """How a supplier's category fits a need's: ``exact``, ``narrower`` (beneath the need's),
    ``broader`` (above it, not a root), or None."""
    if supplier_category == need_category:
        return "exact"
    if is_within(supplier_category, need_category):
        return "narrower"
    if is_within(need_category, supplier_category) and depth(supplier_category) >= 2:
        return "broader"
    return None


_FIT_ORDER = ("exact", "narrower", "broader")


def _best_fit(need_category: str, supplier: Supplier) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    for code in supplier.categories:
        fit = category_fit(need_category, code)
        if fit is not None and (best is None or _FIT_ORDER.index(fit) < _FIT_ORDER.index(best[0])):
            best = (fit, code)
    return best


def _capability_problem(need: Need, supplier: Supplier) -> bool:
    declared = supplier.capabilities.processes
    if need.processes and declared and not set(need.processes) <= set(declared):
        return True
    largest = supplier.capabilities.largest_part_kg
    return need.part_weight_kg is not None and largest is not None and largest < need.part_weight_kg


def _qualification_reason(need: Need, supplier: Supplier, on: dt.date) -> Reason:
    candidates = []
    for q in supplier.qualifications:
        if category_fit(need.category, q.category) is None:
            continue
        state = q.state_on(on)
        candidates.append((QUALIFICATION_RANK.index(state), q.category, state, q))
    if not candidates:
        return Reason("not_qualified", {}, 0.0)
    _rank, category, state, q = min(candidates, key=lambda c: (c[0], c[1]))
    points = QUALIFICATION_POINTS[state]
    if state is QualificationState.EXPIRED:
        expired_on = q.expires.isoformat() if q.expires else None
        return Reason("qualification_expired", {"category": category, "expired_on": expired_on}, points)
    if state in (QualificationState.REJECTED, QualificationState.SUSPENDED):
        return Reason("disqualified", {"state": state.value, "category": category}, points)
    if state is QualificationState.NONE:
        return Reason("not_qualified", {}, 0.0)
    until = q.expires.isoformat() if q.expires else None
    return Reason("qualified", {"state": state.value, "category": category, "until": until}, points)


def _certificate_reasons(supplier: Supplier, on: dt.date) -> list[Reason]:
    valid: dict[str, dt.date] = {}
    expired: dict[str, dt.date] = {}
    for c in supplier.certificates:
        if c.is_valid_on(on):
            valid[c.scheme] = max(valid.get(c.scheme, c.valid_to), c.valid_to)
        elif c.valid_to < on:
            expired[c.scheme] = max(expired.get(c.scheme, c.valid_to), c.valid_to)
    reasons: list[Reason] = []
    budget = CERTIFICATE_POINTS_CAP
    # quality schemes first so they take their points before the cap
    for scheme in sorted(valid, key=lambda s: (s not in QUALITY_SCHEMES, s)):
        wanted = QUALITY_CERTIFICATE_POINTS if scheme in QUALITY_SCHEMES else OTHER_CERTIFICATE_POINTS
        points = min(wanted, budget)
        budget -= points
        reasons.append(Reason("certificate_valid", {"scheme": scheme, "until": valid[scheme].isoformat()}, points))
    for scheme in sorted(set(expired) - set(valid)):
        reasons.append(Reason("certificate_expired", {"scheme": scheme, "expired_on": expired[scheme].isoformat()}))
    if not valid:
        reasons.insert(0, Reason("no_valid_certificate"))
    return reasons


def distance_points(km: float) -> float:
    """20 points at the plant's gate, falling in a straight line to none at 1,000 km."""
    return round(DISTANCE_POINTS * max(0.0, 1.0 - km / DISTANCE_ZERO_KM), 1)


def match_supplier(
    need: Need, supplier: Supplier, *, plant_point: tuple[float, float] | None, on: dt.date
) -> Match | None:
    """The supplier as a match for the need, or None when it does not fit."""
    fit = _best_fit(need.category, supplier)
    if fit is None or _capability_problem(need, supplier):
        return None
    reasons = [_qualification_reason(need, supplier, on), *_certificate_reasons(supplier, on)]
    distance: float | None = None
    if plant_point is not None and supplier.lat is not None and supplier.lon is not None:
        distance = round(haversine_km(supplier.lat, supplier.lon, plant_point[0], plant_point[1]), 1)
        reasons.append(Reason("distance", {"km": distance}, distance_points(distance)))
    else:
        reasons.append(Reason("distance_unknown"))
    kind, code = fit
    reasons.append(Reason(f"category_{kind}", {"category": code}, CATEGORY_POINTS[kind]))
    if need.processes:
        if supplier.capabilities.processes:
            processes = [p.value for p in need.processes]
            reasons.append(Reason("processes_fit", {"processes": processes}, CAPABILITY_POINTS))
        else:
            reasons.append(Reason("processes_undeclared", {"processes": [p.value for p in need.processes]}))
    score = round(max(0.0, math.fsum(r.points for r in reasons)), 1)
    return Match(supplier.id, score, distance, tuple(reasons), demo=supplier.demo)


def rank_matches(
    need: Need,
    suppliers: Iterable[Supplier],
    *,
    plant_point: tuple[float, float] | None,
    on: dt.date,
    limit: int | None = None,
) -> list[Match]:
    """Every fitting supplier as a match, best first (score, then nearer, then id)."""
    found = [m for s in suppliers if (m := match_supplier(need, s, plant_point=plant_point, on=on)) is not None]
    found.sort(key=lambda m: (-m.score, m.distance_km if m.distance_km is not None else math.inf, m.supplier_id))
    return found if limit is None else found[:limit]
