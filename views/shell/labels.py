"""How atlas records are named and summarised on screen: names, places, processes, headline capacities."""

from __future__ import annotations

from collections.abc import Iterable

from models.atlas import Asset, Capacity, Mine, OwnerShare, Place
from models.collation import Key, collation_key
from models.enums import Process, Status
from models.provinces import PROVINCES_BY_CODE
from models.quantity import Quantity
from views.shell import i18n, units
from views.shell.i18n import Lang

#: Chain order for showing processes; the two nominal totals (iron, crude steel) are shown apart.
CHAIN_ORDER: tuple[Process, ...] = (
    Process.IRON_ORE,
    Process.CONCENTRATE,
    Process.PELLET,
    Process.SINTER,
    Process.COKE,
    Process.DRI,
    Process.BF,
    Process.IRON_OTHER,
    Process.IRON,
    Process.EAF,
    Process.BOF,
    Process.OHF,
    Process.STEEL_OTHER,
    Process.CRUDE_STEEL,
    Process.FERRONICKEL,
    Process.ROLLING,
)
#: The process groups of the charts' bars and the map's colours, upstream to downstream; GEM's nominal totals
#: (iron, crude steel) are left out because they repeat their parts.
CHART_GROUPS: tuple[str, ...] = ("iron_ore", "pellet", "dri", "bf", "eaf", "bof", "other")
_GROUP_OF: dict[Process, str] = {
    Process.IRON_ORE: "iron_ore",
    Process.PELLET: "pellet",
    Process.DRI: "dri",
    Process.BF: "bf",
    Process.EAF: "eaf",
    Process.BOF: "bof",
    Process.CONCENTRATE: "other",
    Process.SINTER: "other",
    Process.COKE: "other",
    Process.IRON_OTHER: "other",
    Process.OHF: "other",
    Process.STEEL_OTHER: "other",
    Process.FERRONICKEL: "other",
    Process.ROLLING: "other",
}
TOTAL_PROCESSES = frozenset({Process.IRON, Process.CRUDE_STEEL})
#: Which capacity stands for a plant in a list: its steel, else its iron, else its pellet…
HEADLINE_ORDER: tuple[Process, ...] = (
    Process.CRUDE_STEEL,
    Process.IRON,
    Process.PELLET,
    Process.SINTER,
    Process.COKE,
    Process.FERRONICKEL,
    Process.IRON_ORE,
)
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


def sort_key(text: str) -> Key:
    """Persian alphabetical order, then English (models/collation.py): how every list of names is sorted."""
    return collation_key(text)


#: Hebrew, Arabic (Persian) and their presentation forms: a text starting with one of these reads right to left.
RTL_LETTERS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))


def reads_rtl(text: str) -> bool:
    """The direction a text reads in, from its first letter: a Persian name right to left in an English row,
    an English one left to right in a Persian row (where a long one is then cut at its own end)."""
    for char in text:
        if any(low <= ord(char) <= high for low, high in RTL_LETTERS):
            return True
        if char.isalpha():
            return False
    return False


def display_name(asset: Asset, lang: Lang) -> str:
    """The name to lead with: Persian when there is one and the user reads Persian."""
    if lang == "fa" and asset.name_fa:
        return asset.name_fa
    return asset.name_en


def other_name(asset: Asset, lang: Lang) -> str | None:
    """The name in the other language, shown beside the first when both exist."""
    other = asset.name_en if lang == "fa" else asset.name_fa
    return other if other and other != display_name(asset, lang) else None


def kind_name(kind: str, lang: Lang) -> str:
    return i18n.t(f"kind_{kind}", lang)


def province_name(code: str | None, lang: Lang) -> str | None:
    province = PROVINCES_BY_CODE.get(code or "")
    if province is None:
        return None
    return province.name_fa if lang == "fa" else province.name_en


def municipality_name(place: Place, lang: Lang) -> str | None:
    """The town in the reader's language: its Persian name (from the names table) on Persian screens,
    else as GEM spells it."""
    if lang == "fa" and place.municipality_fa:
        return place.municipality_fa
    return place.municipality


def place_line(asset: Asset, lang: Lang) -> str:
    """ "چمگردان، اصفهان" or "Chamgordan, Isfahan" — municipality and province in the reader's language."""
    parts = [
        municipality_name(asset.place, lang),
        province_name(asset.place.province, lang) or asset.place.source_province,
    ]
    separator = "، " if lang == "fa" else ", "
    return separator.join(p for p in parts if p)


def process_name(process: Process, lang: Lang) -> str:
    return i18n.t(f"process_{process.value}", lang)


def status_name(status: Status, lang: Lang) -> str:
    return i18n.t(f"status_{status.value}", lang)


def ordered_processes(processes: set[Process]) -> list[Process]:
    return [p for p in CHAIN_ORDER if p in processes]


def main_processes(asset: Asset) -> list[Process]:
    """The steps an asset performs, in chain order, without GEM's nominal totals."""
    if isinstance(asset, Mine):
        return [Process.IRON_ORE]
    return [p for p in ordered_processes(asset.processes) if p not in TOTAL_PROCESSES]


def processes_line(asset: Asset, lang: Lang) -> str:
    separator = "، " if lang == "fa" else ", "
    return separator.join(process_name(p, lang) for p in main_processes(asset))


def headline_capacity(asset: Asset) -> Capacity | None:
    """The operating capacity that best stands for the asset (crude steel first), or None."""
    operating = [c for c in asset.capacities if c.status is Status.OPERATING]
    for process in HEADLINE_ORDER:
        for capacity in operating:
            if capacity.process is process:
                return capacity
    return operating[0] if operating else None


def headline_ktpa(asset: Asset) -> float | None:
    """The headline operating capacity when its amount is known (for sorting)."""
    capacity = headline_capacity(asset)
    if capacity is None or not capacity.amount_ktpa.is_known:
        return None
    return capacity.amount_ktpa.value


def capacity_text(amount: Quantity, lang: Lang, scale: units.Scale | None = None) -> str:
    """A capacity: with its unit when it stands alone (no ``scale``), the bare figure in a view's ``scale``;
    GEM's ">0" as words, never as a number."""
    if amount.is_known:
        assert amount.value is not None
        if scale is None:
            return units.amount(amount.value, None, lang)
        return units.figure(amount.value, scale, lang)
    if amount.is_positive_unknown:
        return i18n.t("amount_positive_unknown", lang)
    return i18n.t("amount_unknown", lang)


def tonnage_text(amount: Quantity, lang: Lang, scale: units.Scale | None = None) -> str:
    """A tonnage (production, reserves): with its unit alone, the bare figure in a view's ``scale``."""
    if amount.is_known:
        assert amount.value is not None
        if scale is None:
            return units.amount(amount.value, None, lang, per_year=False)
        return units.figure(amount.value, scale, lang)
    if amount.is_positive_unknown:
        return i18n.t("amount_positive_unknown", lang)
    return i18n.t("amount_unknown", lang)


def headline_text(asset: Asset, lang: Lang, scale: units.Scale | None = None) -> str:
    """ "Crude steel: 7.2 Mt/y" — or, in a list whose unit is said once, "Crude steel: 7.2"; or that no
    operating capacity is known."""
    capacity = headline_capacity(asset)
    if capacity is None:
        return i18n.t("no_operating_capacity", lang)
    return i18n.t(
        "headline_capacity",
        lang,
        process=process_name(capacity.process, lang),
        amount=capacity_text(capacity.amount_ktpa, lang, scale),
    )


def headline_scale(assets: Iterable[Asset]) -> units.Scale:
    """The one unit of a list of assets' headline capacities."""
    return units.scale_for(headline_ktpa(asset) for asset in assets)


def owner_name(owner: OwnerShare, lang: Lang) -> str:
    if lang == "fa" and owner.name_fa:
        return owner.name_fa
    return owner.name


def owners_line(asset: Asset, lang: Lang) -> str:
    separator = "؛ " if lang == "fa" else "; "
    return separator.join(owner_name(o, lang) for o in asset.owners)


def share_text(share_pct: float | None, lang: Lang) -> str:
    if share_pct is None:
        return i18n.t("share_unknown", lang)
    decimals = 0 if float(share_pct).is_integer() else 1
    return i18n.t("percent", lang, value=i18n.number(share_pct, lang, decimals))


def coordinates_text(lat: float, lon: float, lang: Lang) -> str:
    return i18n.t("coordinates_value", lang, lat=i18n.number(lat, lang, 4), lon=i18n.number(lon, lang, 4))


def count_text(key: str, count: int, lang: Lang) -> str:
    """A catalogue message whose ``{count}`` is formatted for the language."""
    return i18n.t(key, lang, count=i18n.number(count, lang))


def chart_group(process: Process) -> str | None:
    return _GROUP_OF.get(process)


def place_name(province: str | None, lang: Lang) -> str:
    """A province's name, or Iran's when there is none (the whole country is shown)."""
    return province_name(province, lang) or i18n.t("balance_national", lang)
