"""The demo localization data set: N suppliers and about N/10 needs, deterministic and labelled demo.

No open register of Iranian steel-chain suppliers exists, so the app ships a made-up one that looks
like the real thing: Persian and English company names built from realistic parts, places spread
over the provinces the way industry is (``models/demo_places.py``), categories, capabilities,
certificates (some expired), qualifications, contacts on numbers no one has and ``.example`` domains
(RFC 2606), and needs raised against the REAL plants of the atlas by their real owners. Every record
says ``demo: true`` and ``origin: demo``.

Each record is drawn from its own random stream, seeded by its number (``random.Random`` seeded with a
string is stable across Python versions, and only ``random()`` is used, whose output is too), so the
same N gives byte-identical output and supplier 17 is the same supplier whatever N is.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from models.atlas import Plant
from models.categories import is_within
from models.demo_catalogue import (
    BRANDS,
    CERTIFICATES,
    CONTACT_ROLES,
    FIRST_NAMES,
    ISSUERS,
    LAST_NAMES,
    NAME_PATTERNS,
    NEED_ITEMS,
    TRADES,
    Trade,
)
from models.demo_places import PROVINCES, DemoProvince, Town
from models.needs import Need, NeedStatus
from models.orgs import NOT_AN_ORGANISATION_NAMES
from models.suppliers import Supplier

#: The day the demo world is set on: certificates and qualifications are dated around it, so some
#: have expired by then (and more will as real time passes).
DEMO_EPOCH = dt.date(2026, 11, 1)
MAX_SUPPLIERS = 100_000

T = TypeVar("T")


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def _weighted(rng: random.Random, items: Sequence[T], weights: Sequence[float]) -> T:
    point = rng.random() * sum(weights)
    for item, weight in zip(items, weights, strict=True):
        point -= weight
        if point < 0:
            return item
    return items[-1]


def _between(rng: random.Random, low: float, high: float) -> float:
    return low + (high - low) * rng.random()


def _days(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def supplier_id(number: int) -> str:
    return f"S-DEMO-{number:06d}"


def need_id(number: int) -> str:
    return f"N-DEMO-{number:06d}"


def demo_phone(area_code: str, rng: random.Random) -> str:
    """+98 AA 0NNN NNNN: a real area code with a subscriber number starting with 0, which is never
    assigned in Iran (0 is the trunk prefix), so the number cannot ring anyone."""
    digits = f"{int(rng.random() * 10_000_000):07d}"
    return f"+98 {area_code} 0{digits[:3]} {digits[3:]}"


# ---- suppliers ---------------------------------------------------------------------------------------
def _place(rng: random.Random) -> tuple[DemoProvince, Town, float, float]:
    province = _weighted(rng, PROVINCES, [p.weight for p in PROVINCES])
    town = _weighted(rng, province.towns, [t.weight for t in province.towns])
    lat = round(town.lat + _between(rng, -town.spread, town.spread), 5)
    lon = round(town.lon + _between(rng, -town.spread, town.spread), 5)
    return province, town, lat, lon


def _name(rng: random.Random, trade: Trade, town: Town) -> tuple[str, str]:
    fa_pattern, en_pattern = _weighted(rng, [(p[0], p[1]) for p in NAME_PATTERNS], [p[2] for p in NAME_PATTERNS])
    roll = rng.random()
    if roll < 0.15:  # named after the town, as many workshops are
        brand_fa, brand_en = town.name_fa, town.name_en.split(" (")[0]
    elif roll < 0.55:
        (fa1, en1), (fa2, en2) = _pick(rng, BRANDS), _pick(rng, BRANDS)
        brand_fa, brand_en = (f"{fa1} {fa2}", f"{en1} {en2}") if fa1 != fa2 else (fa1, en1)
    else:
        brand_fa, brand_en = _pick(rng, BRANDS)
    name_fa = fa_pattern.format(trade=trade.word_fa, brand=brand_fa)
    return name_fa, en_pattern.format(trade=trade.word_en, brand=brand_en)


def _certificates(rng: random.Random) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for scheme, share, years in CERTIFICATES:
        if rng.random() >= share:
            continue
        # issued up to 4.5 years before the epoch: those issued before epoch − validity have expired
        valid_from = DEMO_EPOCH - dt.timedelta(days=_days(rng, 0, 1640))
        valid_to = valid_from + dt.timedelta(days=365 * years - 1)
        out.append({
            "scheme": scheme,
            "issuer": _pick(rng, ISSUERS),
            "number": f"DEMO-{_slug(scheme).upper()}-{int(rng.random() * 1_000_000):06d}",
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
            "source": "register" if rng.random() < 0.7 else "self_declared",
        })  # fmt: skip
    return out


_QUALIFICATION_STATES = ("none", "surveyed", "visited", "approved", "conditional", "rejected", "suspended", "lapsed")
_QUALIFICATION_WEIGHTS = (55, 12, 7, 15, 5, 3, 1, 2)


def _qualification(rng: random.Random, category: str) -> dict[str, Any] | None:
    state = _weighted(rng, _QUALIFICATION_STATES, _QUALIFICATION_WEIGHTS)
    if state == "none":
        return None
    since = DEMO_EPOCH - dt.timedelta(days=_days(rng, 30, 1000))
    expires: dt.date | None = None
    if state == "approved":
        expires = since + dt.timedelta(days=3 * 365)
    elif state == "conditional":
        expires = since + dt.timedelta(days=182)
    elif state == "lapsed":  # an approval that has run out: the data says approved, the date says expired
        since = DEMO_EPOCH - dt.timedelta(days=_days(rng, 3 * 365 + 10, 4 * 365))
        expires = since + dt.timedelta(days=3 * 365)
        state = "approved"
    elif state in ("surveyed", "visited"):
        expires = since + dt.timedelta(days=2 * 365)
    return {
        "category": category,
        "state": state,
        "since": since.isoformat(),
        "expires": expires.isoformat() if expires else None,
        "decided_by": None if state == "surveyed" else "demo-admin",
        "visit_id": None,
        "note": None,
        "source": "self_declared" if state == "surveyed" else "visit",
    }


def demo_supplier(number: int) -> Supplier:
    """Demo supplier ``number`` (1-based); the same for every N that includes it."""
    rng = random.Random(f"zanjireh-demo-supplier-{number}")
    trade = _weighted(rng, TRADES, [t.weight for t in TRADES])
    province, town, lat, lon = _place(rng)
    name_fa, name_en = _name(rng, trade, town)
    count = 1 + int(rng.random() * min(3, len(trade.categories)))
    categories = [trade.categories[0]]
    while len(categories) < count:
        code = _pick(rng, trade.categories)
        if code not in categories:
            categories.append(code)
    processes = [p for p in trade.processes if rng.random() < 0.75] or list(trade.processes[:1])
    materials = [m for m in trade.materials if rng.random() < 0.5]
    largest = _pick(rng, trade.largest_part_kg) if trade.largest_part_kg else None
    drawn = [p for p in trade.products if rng.random() < 0.7]
    # only products of the categories the supplier lists (a maker of shaped bricks lists no castables)
    fitting = [p for p in trade.products if any(_related(p[2], c) for c in categories)]
    products = [
        {"name_fa": fa, "name_en": en, "category": cat, "oem_part_number": None}
        for fa, en, cat in ([p for p in drawn if p in fitting] or fitting[:1])
    ]
    qualification = _qualification(rng, categories[0] if rng.random() < 0.7 else _parent_or_self(categories[0]))
    slug = f"{_slug(name_en)}-{number:06d}"
    phone = demo_phone(province.area_code, rng)
    first, last, role = _pick(rng, FIRST_NAMES), _pick(rng, LAST_NAMES), _pick(rng, CONTACT_ROLES)
    data = {
        "id": supplier_id(number),
        "name_fa": name_fa,
        "name_en": name_en,
        "company_type": trade.company_type if rng.random() < 0.85 else "custom_manufacturer",
        "knowledge_based": rng.random() < trade.knowledge_based_share,
        "province": province.code,
        "city_fa": town.name_fa,
        "city_en": town.name_en,
        "lat": lat,
        "lon": lon,
        "size_band": _weighted(rng, ("micro", "small", "medium", "large"), (20, 45, 25, 10)),
        "founded_year": 1960 + int((rng.random() ** 0.6) * 63),
        "categories": categories,
        "capabilities": {
            "processes": processes,
            "materials": materials,
            "largest_part_kg": largest,
            "largest_part_mm": None,
        },
        "products": products,
        "certificates": _certificates(rng),
        "qualifications": [qualification] if qualification else [],
        "phone": phone,
        "email": f"info@{slug}.example",
        "website": f"https://www.{slug}.example",
        "contacts": [
            {
                "name_fa": f"{first[0]} {last[0]}",
                "name_en": f"{first[1]} {last[1]}",
                "role_fa": role[0],
                "role_en": role[1],
                "phone": phone,
                "email": f"{_slug(first[1])}.{_slug(last[1])}@{slug}.example",
            }
        ],
        "provenance": {"capabilities": "self_declared", "products": "self_declared", "size_band": "self_declared"},
        "origin": "demo",
        "demo": True,
    }
    return Supplier.model_validate(data)


def _related(a: str, b: str) -> bool:
    return is_within(a, b) or is_within(b, a)


def _parent_or_self(code: str) -> str:
    head = code.rpartition(".")[0]
    return head if head.count(".") >= 1 else code


# ---- needs ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DemoPlant:
    """What a demo need takes from a real plant: its id, name and owner organisation."""

    id: str
    name_fa: str
    name_en: str
    producer_org: str


def demo_plants(plants: Sequence[Plant]) -> list[DemoPlant]:
    """The atlas's plants that have an owner with an entity id, in id order."""
    out: list[DemoPlant] = []
    for plant in sorted(plants, key=lambda p: p.id):
        orgs = [
            o.gem_id
            for o in (*plant.owners, *plant.parents)
            if o.gem_id and o.name.strip().lower() not in NOT_AN_ORGANISATION_NAMES
        ]
        if orgs:
            out.append(DemoPlant(plant.id, plant.name_fa or plant.name_en, plant.name_en, orgs[0]))
    return out


_STATUSES = tuple(NeedStatus)
_STATUS_WEIGHTS = (15, 40, 15, 10, 8, 5, 7)


def demo_need(number: int, plants: Sequence[DemoPlant]) -> Need:
    """Demo need ``number`` (1-based), raised against one of ``plants`` by its owner."""
    rng = random.Random(f"zanjireh-demo-need-{number}")
    plant = _pick(rng, plants)
    item = _pick(rng, NEED_ITEMS)
    qty = _between(rng, *item.qty)
    # pieces and sets are counted; tonnes and metres may be fractional below ten
    qty = max(1.0, float(round(qty)) if qty >= 10 or item.unit in ("piece", "set") else round(qty, 1))
    eur = round(qty * _between(rng, *item.eur_per_unit), -3) or 1000.0
    origin = _pick(rng, item.origins)
    oem = _pick(rng, item.oems)
    weight = round(_between(rng, *item.part_weight_kg)) if item.part_weight_kg else None
    data = {
        "id": need_id(number),
        "plant_id": plant.id,
        "producer_org": plant.producer_org,
        "item_fa": item.item_fa,
        "item_en": item.item_en,
        "category": item.category,
        "oem": oem,
        "part_number": f"{_slug(oem)[:3].upper()}-{int(rng.random() * 100000):05d}",
        "summary_fa": f"{item.item_fa} برای {plant.name_fa}؛ تأمین فعلی از خارج، نقشه و نمونه در دسترس است.",
        "summary_en": f"{item.item_en} for {plant.name_en}; bought abroad today, drawings and a sample available.",
        "annual_qty": qty,
        "unit": item.unit,
        "annual_fx_eur": eur,
        "origin_country": origin,
        "criticality": _weighted(rng, ("A", "B", "C"), (25, 45, 30)),
        "deadline": (DEMO_EPOCH + dt.timedelta(days=_days(rng, 60, 720))).isoformat(),
        "status": _weighted(rng, _STATUSES, _STATUS_WEIGHTS).value,
        "processes": list(item.processes),
        "part_weight_kg": weight,
        "origin": "demo",
        "demo": True,
    }
    return Need.model_validate(data)


def need_count(suppliers: int) -> int:
    """About one need for every ten suppliers."""
    return (suppliers + 5) // 10


@dataclass(frozen=True)
class DemoSet:
    suppliers: list[Supplier]
    needs: list[Need]


def demo_dataset(n: int, plants: Sequence[Plant]) -> DemoSet:
    """``n`` demo suppliers and ``need_count(n)`` demo needs tied to ``plants`` (the atlas's)."""
    if not 0 <= n <= MAX_SUPPLIERS:
        raise ValueError(f"the demo set has 0 to {MAX_SUPPLIERS:,} suppliers, not {n:,}")
    owned = demo_plants(plants)
    if not owned and n:
        raise ValueError("demo needs are raised against the atlas's plants, and there are none with an owner")
    suppliers = [demo_supplier(i) for i in range(1, n + 1)]
    needs = [demo_need(j, owned) for j in range(1, need_count(n) + 1)] if owned else []
    return DemoSet(suppliers, needs)


def demo_json(demo: DemoSet) -> bytes:
    """The set as canonical JSON (sorted keys): the same N and atlas give the same bytes."""
    payload = {
        "suppliers": [s.model_dump(mode="json") for s in demo.suppliers],
        "needs": [n.model_dump(mode="json") for n in demo.needs],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
