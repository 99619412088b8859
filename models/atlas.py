"""The atlas: plants, iron-ore mines, their capacities, production and ownership, and sources."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from models.enums import Process, Status
from models.quantity import Quantity


class _Frozen(BaseModel):
    # extra="ignore": a newer server may send fields this client does not know yet.
    model_config = ConfigDict(frozen=True, extra="ignore")


class PartialDate(_Frozen):
    """A date known to the year, the month or the day (GEM gives ``2019`` or a timestamp)."""

    year: int = Field(ge=1800, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="after")
    def _valid(self) -> PartialDate:
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day needs a month")
            dt.date(self.year, self.month, self.day)  # raises on 31 February
        return self

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


class CoordinateAccuracy(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    UNKNOWN = "unknown"


class GeoPoint(_Frozen):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    accuracy: CoordinateAccuracy = CoordinateAccuracy.UNKNOWN


class OwnerShare(_Frozen):
    """An owner or parent company, with its GEM entity id and share when the source gives them.

    ``name``, ``name_fa`` and ``gem_id`` are the curated ones when the Persian names table
    (``assets/names/owners.csv``) knows the owner; where the table merged one company spelled several
    ways under several ids, ``source_name`` and ``source_gem_id`` keep what GEM wrote, for tracing.
    """

    name: str = Field(min_length=1)
    name_fa: str | None = None
    gem_id: str | None = None
    share_pct: float | None = Field(default=None, ge=0, le=100)
    aliases_en: tuple[str, ...] = ()
    aliases_fa: tuple[str, ...] = ()
    source_name: str | None = None
    source_gem_id: str | None = None


class ProvinceMatch(StrEnum):
    """How a record's province was decided (see sync/importer docs)."""

    POINT_IN_POLYGON = "point_in_polygon"
    SOURCE_NAME = "source_name"


class Capacity(_Frozen):
    """Capacity of one process at one status, in thousand tonnes per year (kt/y)."""

    process: Process
    status: Status
    amount_ktpa: Quantity
    source_id: str


class Production(_Frozen):
    """Output of one process in one calendar year, kt."""

    process: Process
    year: int = Field(ge=1800, le=2200)
    amount_kt: Quantity
    source_id: str


class Source(_Frozen):
    """Where figures come from, under what licence, and as of when."""

    id: str = Field(min_length=1)
    publisher: str
    title: str
    release: str
    licence: str
    licence_url: str | None = None
    attribution: str
    as_of: dt.date
    url: str | None = None
    is_demo: bool = False


class Place(_Frozen):
    """Where an asset is: coordinates, province (ISO 3166-2) and the source's own words."""

    point: GeoPoint | None = None
    province: str | None = Field(default=None, pattern=r"^IR-\d\d$")
    province_match: ProvinceMatch | None = None
    source_province: str | None = None
    municipality: str | None = None
    #: The town's official Persian name, from the names table (GEM spells towns in English only).
    municipality_fa: str | None = None
    address: str | None = None
    address_fa: str | None = None


class FieldCorrection(_Frozen):
    """A field of a record that a correction from the field changed: which, by whose proposal, when
    an admin accepted it (docs/visits.md, "Corrections"). The record's source stays its source for the
    rest; this field's source is the correction."""

    field: str = Field(min_length=1, max_length=40)
    correction_id: str = Field(min_length=1, max_length=100)
    proposed_by: str | None = None
    accepted_on: dt.date | None = None


class Plant(_Frozen):
    """An iron or steel plant (GEM Iron and Steel Tracker)."""

    kind: Literal["plant"] = "plant"
    id: str = Field(pattern=r"^P\d+$")
    name_en: str = Field(min_length=1)
    name_fa: str | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_fa: tuple[str, ...] = ()
    owners: tuple[OwnerShare, ...] = ()
    parents: tuple[OwnerShare, ...] = ()
    state_owned: str | None = None
    place: Place = Place()
    announced: PartialDate | None = None
    construction: PartialDate | None = None
    started: PartialDate | None = None
    product_categories: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    end_users: tuple[str, ...] = ()
    main_equipment: tuple[str, ...] = ()
    workforce: int | None = Field(default=None, ge=0)
    capacities: tuple[Capacity, ...] = ()
    production: tuple[Production, ...] = ()
    wiki_url: str | None = None
    source_id: str
    #: Fields changed by accepted corrections from the field (re-applied over every GEM import).
    corrected: tuple[FieldCorrection, ...] = ()

    @field_validator("name_fa")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    def capacity(self, process: Process, status: Status | None = None) -> list[Capacity]:
        return [c for c in self.capacities if c.process is process and (status is None or c.status is status)]

    @property
    def processes(self) -> set[Process]:
        return {c.process for c in self.capacities}

    @property
    def statuses(self) -> set[Status]:
        return {c.status for c in self.capacities}


class Mine(_Frozen):
    """An iron-ore mine (GEM Iron Ore Mines Tracker). Capacities are run-of-mine ore."""

    kind: Literal["mine"] = "mine"
    id: str = Field(pattern=r"^P\d+$")
    name_en: str = Field(min_length=1)
    name_fa: str | None = None
    aliases_en: tuple[str, ...] = ()
    aliases_fa: tuple[str, ...] = ()
    owners: tuple[OwnerShare, ...] = ()
    parents: tuple[OwnerShare, ...] = ()
    place: Place = Place()
    status: Status
    started: PartialDate | None = None
    stopped: PartialDate | None = None
    design_capacity_ktpa: Quantity = Quantity.unknown()
    reserves_kt: Quantity = Quantity.unknown()
    resources_kt: Quantity = Quantity.unknown()
    production: tuple[Production, ...] = ()
    wiki_url: str | None = None
    source_id: str
    #: Fields changed by accepted corrections from the field (re-applied over every GEM import).
    corrected: tuple[FieldCorrection, ...] = ()

    @property
    def capacities(self) -> tuple[Capacity, ...]:
        """The mine's design capacity as an iron-ore capacity at the mine's status."""
        if self.design_capacity_ktpa.certainty.value == "unknown":
            return ()
        return (
            Capacity(
                process=Process.IRON_ORE,
                status=self.status,
                amount_ktpa=self.design_capacity_ktpa,
                source_id=self.source_id,
            ),
        )


Asset = Plant | Mine
