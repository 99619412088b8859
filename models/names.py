"""The curated Persian names of plants, mines, owners and towns, and how they are applied to imported records.

GEM writes every mine, most towns and many owners in English only, and some of its Persian names are
broken (a truncated «رکت …» for «شرکت …», one company under three spellings and ids). The names
table (``assets/names/``, read by ``sync/names_table.py``) is reviewed data: each row names its
source and whether it was checked. Applying it is pure: records in, records out, plus a list of the
plants, mines, owners and towns the table does not know yet, for the import report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from models.atlas import Mine, OwnerShare, Place, Plant
from models.provinces import PROVINCES_BY_CODE, province_code_for_name
from models.search import normalize


class SourceKind(StrEnum):
    """Where a Persian name comes from."""

    COMPANY_NAME = "company_name"  # the company's or public body's own registered name
    MUNICIPALITY_NAME = "municipality_name"  # the town's official name in the country divisions
    COMMON_NAME = "common_name"  # the name the plant or mine goes by in its owner's and the trade press's words
    GEM_PERSIAN = "gem_persian"  # GEM's own Persian field, cleaned
    TRANSLATION = "translation"  # the editor's rendering of GEM's English: no Persian source known


class Checked(StrEnum):
    """How far a name was checked; only ``verified`` means someone compared it with ``source_ref``."""

    VERIFIED = "verified"  # compared with the source on ``checked_on``
    RECALLED = "recalled"  # the editor knows it as the source writes it, not re-checked in this revision
    UNVERIFIED = "unverified"  # a plausible rendering; check before relying on it


@dataclass(frozen=True)
class NameSource:
    kind: SourceKind
    ref: str
    checked: Checked
    checked_on: str | None = None
    note: str = ""


@dataclass(frozen=True)
class AssetName:
    """The Persian name of one plant or mine, keyed by GEM's asset id."""

    gem_id: str
    kind: Literal["plant", "mine"]
    name_en: str  # GEM's English name, so a reader of the table sees which row is which
    name_fa: str
    aliases_fa: tuple[str, ...]
    source: NameSource


@dataclass(frozen=True)
class OwnerName:
    """The Persian and English name of one owner or parent, keyed by GEM's entity id.

    A row with ``same_as`` says GEM's id is another spelling of the owner under ``same_as``: records
    get that owner's names and id.
    """

    gem_id: str
    gem_name: str  # as GEM spells it under this id
    name_en: str | None  # None: GEM's own spelling stands
    name_fa: str | None  # None only with same_as
    aliases_fa: tuple[str, ...]
    aliases_en: tuple[str, ...]
    same_as: str | None
    source: NameSource


@dataclass(frozen=True)
class TownName:
    """The Persian name of a town as GEM spells it in English, within one province (ISO code)."""

    municipality: str
    province: str
    name_fa: str
    aliases_fa: tuple[str, ...]
    source: NameSource


def town_key(municipality: str, province: str) -> tuple[str, str]:
    return normalize(municipality), province


def town_province(place: Place) -> str | None:
    """The ISO code of the province GEM names with the town; the point decides only when GEM's is unknown."""
    return province_code_for_name(place.source_province) or place.province


@dataclass(frozen=True)
class MissingName:
    """A plant, mine, owner or town of the import that the names table has no row for."""

    kind: Literal["plant", "mine", "owner", "town"]
    key: str
    name_en: str

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.name_en})"


# Persian script: Arabic-block letters and digits, ZWNJ, spaces and the punctuation names use.
_PERSIAN_TEXT = re.compile(r"^[\u0600-\u06ff\u200c ()\-.«»]+$")
_PERSIAN_LETTER = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def is_persian_text(text: str) -> bool:
    """Written in Persian script only: no Latin letters or ASCII digits, at least one Persian letter."""
    return bool(_PERSIAN_TEXT.match(text)) and bool(_PERSIAN_LETTER.search(text))


@dataclass
class PersianNames:
    """The names table in memory. Build it with :meth:`build`, which checks that it holds together."""

    assets: dict[str, AssetName] = field(default_factory=dict)
    owners: dict[str, OwnerName] = field(default_factory=dict)
    towns: dict[tuple[str, str], TownName] = field(default_factory=dict)
    # canonical owner id → GEM spellings merged into it (its own included), filled by build()
    _merged_spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> PersianNames:
        return cls()

    @classmethod
    def build(
        cls, assets: Iterable[AssetName], owners: Iterable[OwnerName], towns: Iterable[TownName]
    ) -> tuple[PersianNames, list[str]]:
        """The table and what is wrong with it (duplicate keys, names not in Persian, broken same_as)."""
        table, problems = cls(), []
        for asset in assets:
            if asset.gem_id in table.assets:
                problems.append(f"asset {asset.gem_id} appears twice")
            table.assets[asset.gem_id] = asset
            problems += _name_problems(f"asset {asset.gem_id}", asset.name_fa, asset.aliases_fa)
        for owner in owners:
            if owner.gem_id in table.owners:
                problems.append(f"owner {owner.gem_id} appears twice")
            table.owners[owner.gem_id] = owner
            if owner.same_as is None:
                problems += _name_problems(f"owner {owner.gem_id}", owner.name_fa, owner.aliases_fa)
            elif owner.name_fa or owner.name_en or owner.aliases_fa or owner.aliases_en:
                problems.append(f"owner {owner.gem_id} is the same as {owner.same_as}: its names come from there")
        for town in towns:
            key = town_key(town.municipality, town.province)
            if key in table.towns:
                problems.append(f"town {town.municipality} ({town.province}) appears twice")
            table.towns[key] = town
            problems += _name_problems(f"town {town.municipality}", town.name_fa, town.aliases_fa)
        for owner in table.owners.values():
            if owner.same_as is None:
                continue
            target = table.owners.get(owner.same_as)
            if target is None:
                problems.append(f"owner {owner.gem_id} is the same as {owner.same_as}, which has no row")
            elif target.same_as is not None:
                problems.append(f"owner {owner.gem_id} points to {owner.same_as}, itself the same as another")
        spellings: dict[str, list[str]] = {}
        for owner in table.owners.values():
            canonical = owner.same_as if owner.same_as in table.owners else owner.gem_id
            spellings.setdefault(canonical, []).append(owner.gem_name)
        table._merged_spellings = {key: tuple(dict.fromkeys(names)) for key, names in spellings.items()}
        seen: dict[str, str] = {}
        for asset in table.assets.values():
            folded = normalize(asset.name_fa)
            if folded in seen:
                problems.append(f"assets {seen[folded]} and {asset.gem_id} have the same Persian name")
            seen[folded] = asset.gem_id
        return table, problems

    def owner(self, gem_id: str | None) -> OwnerName | None:
        """The row that names the owner with this GEM id, following ``same_as``."""
        row = self.owners.get(gem_id or "")
        if row is not None and row.same_as is not None:
            return self.owners.get(row.same_as)
        return row

    def town(self, place: Place) -> TownName | None:
        if not place.municipality:
            return None
        return self.towns.get(town_key(place.municipality, town_province(place) or ""))

    def merged_spellings(self, gem_id: str) -> tuple[str, ...]:
        return self._merged_spellings.get(gem_id, ())


def _name_problems(label: str, name_fa: str | None, aliases_fa: Sequence[str]) -> list[str]:
    problems = []
    if not name_fa:
        problems.append(f"{label} has no Persian name")
    for text in (name_fa or "", *aliases_fa):
        if text and not is_persian_text(text):
            problems.append(f"{label}: {text!r} is not in Persian script")
    return problems


def _unique(names: Iterable[str | None], leave_out: Iterable[str | None] = ()) -> tuple[str, ...]:
    """Names in order without repeats, leaving out those that search the same as ``leave_out``."""
    seen = {normalize(n) for n in leave_out if n}
    out = []
    for name in names:
        if name and normalize(name) not in seen:
            seen.add(normalize(name))
            out.append(name)
    return tuple(out)


@dataclass
class NamedAtlas:
    plants: list[Plant]
    mines: list[Mine]
    missing: list[MissingName]


class _Applier:
    def __init__(self, names: PersianNames) -> None:
        self.names = names
        self.missing: dict[tuple[str, str], MissingName] = {}

    def miss(self, kind: Literal["plant", "mine", "owner", "town"], key: str, name_en: str) -> None:
        self.missing.setdefault((kind, key), MissingName(kind, key, name_en))

    def owner(self, share: OwnerShare) -> OwnerShare:
        row = self.names.owner(share.gem_id)
        if row is None:
            self.miss("owner", share.gem_id or share.name, share.name)
            return share
        # One owner, one English name: the table's, else GEM's spelling as the table records it, so
        # the ids merged into it and a later release's respelling all show the same name.
        name_en = row.name_en or row.gem_name
        assert row.name_fa is not None  # build() reports canonical rows without one
        return OwnerShare(
            name=name_en,
            name_fa=row.name_fa,
            gem_id=row.gem_id,
            share_pct=share.share_pct,
            aliases_en=_unique((*row.aliases_en, *self.names.merged_spellings(row.gem_id)), leave_out=(name_en,)),
            aliases_fa=_unique(row.aliases_fa, leave_out=(row.name_fa,)),
            source_name=share.name if share.name != name_en else None,
            source_gem_id=share.gem_id if share.gem_id != row.gem_id else None,
        )

    def place(self, place: Place) -> Place:
        town = self.names.town(place)
        if town is None:
            if place.municipality:
                province = PROVINCES_BY_CODE.get(town_province(place) or "")
                where = province.name_en if province else place.source_province or "?"
                self.miss("town", f"{place.municipality}, {where}", place.municipality)
            return place
        return place.model_copy(update={"municipality_fa": town.name_fa})

    def asset_names(self, asset: Plant | Mine) -> dict[str, object]:
        row = self.names.assets.get(asset.id)
        if row is None:
            self.miss(asset.kind, asset.id, asset.name_en)
            return {}
        # GEM's own Persian name (often the company's) stays searchable as an alias.
        aliases = _unique((asset.name_fa, *asset.aliases_fa, *row.aliases_fa), leave_out=(row.name_fa,))
        return {"name_fa": row.name_fa, "aliases_fa": aliases}

    def apply(self, asset: Plant | Mine) -> dict[str, object]:
        return {
            **self.asset_names(asset),
            "owners": tuple(self.owner(o) for o in asset.owners),
            "parents": tuple(self.owner(o) for o in asset.parents),
            "place": self.place(asset.place),
        }


def apply_names(plants: Sequence[Plant], mines: Sequence[Mine], names: PersianNames) -> NamedAtlas:
    """The records with the table's Persian names, owners merged as the table says, and what it lacks."""
    applier = _Applier(names)
    named_plants = [Plant.model_validate({**dict(p), **applier.apply(p)}) for p in plants]
    named_mines = [Mine.model_validate({**dict(m), **applier.apply(m)}) for m in mines]
    return NamedAtlas(named_plants, named_mines, list(applier.missing.values()))
