"""Suppliers in the directory: who they are, where, what they make, their certificates and standing.

A supplier record is served as reference data (the association edits it; clients only read it) and
kept flat: the fields a list row, a facet or an index needs (names, province, city, categories,
company type, size, knowledge-based, coordinates, demo) sit at the top level of the JSON.

Every fact says where it came from (``Provenance``): the supplier's own declaration, the
association's register, or a field visit. Certificates and qualifications carry it per item;
the other fields through ``provenance`` (field name → provenance; a field not named there came from
the record's ``origin``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.atlas import FieldCorrection
from models.categories import CODE_PATTERN, is_code
from models.orgs import SUPPLIER_ID_PATTERN


class _Record(BaseModel):
    # extra="ignore": a newer server may send fields this client does not know yet.
    model_config = ConfigDict(frozen=True, extra="ignore")


class CompanyType(StrEnum):
    MANUFACTURER = "manufacturer"
    DISTRIBUTOR = "distributor"
    CUSTOM_MANUFACTURER = "custom_manufacturer"
    SERVICE = "service"
    ENGINEERING = "engineering"


class SizeBand(StrEnum):
    """Staff headcount bands (Iran's SME definitions use the same breaks)."""

    MICRO = "micro"  # fewer than 10
    SMALL = "small"  # 10–49
    MEDIUM = "medium"  # 50–249
    LARGE = "large"  # 250 or more


class MakingProcess(StrEnum):
    CASTING = "casting"
    FORGING = "forging"
    MACHINING = "machining"
    HEAT_TREATMENT = "heat_treatment"
    COATING = "coating"
    WELDING = "welding"
    FABRICATION = "fabrication"
    ASSEMBLY = "assembly"
    REPAIR = "repair"
    REVERSE_ENGINEERING = "reverse_engineering"
    DESIGN = "design"
    SOFTWARE = "software"


class Provenance(StrEnum):
    """Where a fact came from, weakest first."""

    SELF_DECLARED = "self_declared"
    REGISTER = "register"  # the association's register (import-suppliers)
    VISIT = "visit"  # verified by the association's field staff on a visit
    DEMO = "demo"  # made up by the demo generator


class Origin(StrEnum):
    """Where a whole record came from; imports replace only records of their own origin."""

    REGISTER = "register"
    DEMO = "demo"
    APP = "app"  # created in the app (later: suppliers registering themselves, members raising needs)


class QualificationState(StrEnum):
    """A supplier's standing for one category (the field-visit issue decides them)."""

    NONE = "none"
    SURVEYED = "surveyed"  # answered the capability survey
    VISITED = "visited"  # visited, no decision yet
    APPROVED = "approved"
    CONDITIONAL = "conditional"  # approved with conditions, for a short time
    REJECTED = "rejected"
    SUSPENDED = "suspended"
    EXPIRED = "expired"


#: States that stop counting once their expiry has passed.
EXPIRING_STATES = frozenset(
    {
        QualificationState.SURVEYED,
        QualificationState.VISITED,
        QualificationState.APPROVED,
        QualificationState.CONDITIONAL,
    }
)


class Certificate(_Record):
    """A certificate held by the supplier: a management system, a standard mark, a licence."""

    scheme: str = Field(min_length=1, max_length=60)  # "ISO 9001", "ISO 14001", "INSO standard mark"
    issuer: str | None = Field(default=None, max_length=200)
    number: str | None = Field(default=None, max_length=100)
    valid_from: dt.date | None = None
    valid_to: dt.date
    source: Provenance = Provenance.REGISTER

    @model_validator(mode="after")
    def _ordered(self) -> Certificate:
        if self.valid_from is not None and self.valid_from > self.valid_to:
            raise ValueError("valid_from is after valid_to")
        return self

    def is_valid_on(self, day: dt.date) -> bool:
        """Valid on ``day``: issued by then (when the issue date is known) and not yet expired."""
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_to


class Qualification(_Record):
    """The supplier's current standing for one category, with what a history entry needs.

    ``since`` is when this state was decided; ``decided_by`` who decided it (a username, or
    ``register`` for the register's word) and ``visit_id`` on which visit, when there was one.
    """

    category: str = Field(pattern=CODE_PATTERN)
    state: QualificationState
    since: dt.date | None = None
    expires: dt.date | None = None
    decided_by: str | None = Field(default=None, max_length=100)
    visit_id: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)
    source: Provenance = Provenance.REGISTER

    def state_on(self, day: dt.date) -> QualificationState:
        """The state as it stands on ``day``: a lapsed approval is ``expired``, never approved."""
        if self.state in EXPIRING_STATES and self.expires is not None and self.expires < day:
            return QualificationState.EXPIRED
        return self.state


class QualificationChange(_Record):
    """One change of a supplier's standing for one category: what it became, from what, when, by whom,
    on which visit. A supplier record keeps every change (``Supplier.history``), oldest first."""

    category: str = Field(pattern=CODE_PATTERN)
    state: QualificationState
    previous: QualificationState = QualificationState.NONE
    since: dt.date
    expires: dt.date | None = None
    decided_by: str | None = Field(default=None, max_length=100)
    visit_id: str | None = Field(default=None, max_length=100)
    note: str | None = Field(default=None, max_length=2000)
    source: Provenance = Provenance.VISIT


class Capabilities(_Record):
    processes: tuple[MakingProcess, ...] = ()
    materials: tuple[str, ...] = ()  # free words: "magnesia-carbon", "42CrMo4", "copper"
    largest_part_kg: float | None = Field(default=None, gt=0)
    largest_part_mm: float | None = Field(default=None, gt=0)


class Product(_Record):
    name_fa: str | None = Field(default=None, max_length=300)
    name_en: str | None = Field(default=None, max_length=300)
    category: str | None = Field(default=None, pattern=CODE_PATTERN)
    oem_part_number: str | None = Field(default=None, max_length=100)


class Contact(_Record):
    name_fa: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    role_fa: str | None = Field(default=None, max_length=200)
    role_en: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)


class Supplier(_Record):
    """A directory entry (collection ``suppliers``, id = ``id``)."""

    id: str = Field(pattern=SUPPLIER_ID_PATTERN)
    name_fa: str = Field(min_length=1, max_length=300)
    name_en: str | None = Field(default=None, max_length=300)
    company_type: CompanyType = CompanyType.MANUFACTURER
    knowledge_based: bool = False
    province: str | None = Field(default=None, pattern=r"^IR-\d\d$")
    city_fa: str | None = Field(default=None, max_length=100)
    city_en: str | None = Field(default=None, max_length=100)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    size_band: SizeBand | None = None
    founded_year: int | None = Field(default=None, ge=1850, le=2100)
    categories: tuple[str, ...] = ()
    capabilities: Capabilities = Capabilities()
    products: tuple[Product, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    qualifications: tuple[Qualification, ...] = ()
    #: Every change of standing, oldest first (field-visit decisions; docs/visits.md).
    history: tuple[QualificationChange, ...] = ()
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)
    website: str | None = Field(default=None, max_length=300)
    contacts: tuple[Contact, ...] = ()
    #: Field name → where that field's value came from; fields not named came from ``origin``.
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    #: Fields changed by accepted corrections from the field (re-applied over every register import).
    corrected: tuple[FieldCorrection, ...] = ()
    origin: Origin = Origin.REGISTER
    demo: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Supplier:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        if self.origin is Origin.DEMO and not self.demo:
            raise ValueError("a demo record must say demo: true")
        for code in self.categories:
            if not is_code(code):
                raise ValueError(f"categories: {code!r} is not a category code")
        seen: set[str] = set()
        for q in self.qualifications:
            if q.category in seen:
                raise ValueError(f"qualifications: {q.category} appears twice (one current state per category)")
            seen.add(q.category)
        return self

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def qualification_for(self, category: str) -> Qualification | None:
        return next((q for q in self.qualifications if q.category == category), None)


def merge_register(stored: Supplier | None, incoming: Supplier) -> Supplier:
    """The record a register import stores: the register's facts, plus what other sources added.

    The register owns the scalar fields and the items it gives. Certificates and qualifications that
    came from elsewhere (a field visit, the supplier itself) stay; for a category that has a visit's
    decision, the visit's qualification stands and the register's is dropped (a visit is newer,
    first-hand evidence). Importing the same file twice gives the same record.
    """
    if stored is None:
        return incoming
    kept_certificates = [c for c in stored.certificates if c.source is not Provenance.REGISTER]
    kept_qualifications = [q for q in stored.qualifications if q.source is not Provenance.REGISTER]
    decided_elsewhere = {q.category for q in kept_qualifications}
    qualifications = [q for q in incoming.qualifications if q.category not in decided_elsewhere]
    certificates = list(incoming.certificates) + [c for c in kept_certificates if c not in incoming.certificates]
    return incoming.model_copy(
        update={
            "certificates": tuple(certificates),
            "qualifications": tuple(sorted([*qualifications, *kept_qualifications], key=lambda q: q.category)),
            # the history of standing is the association's record, never the register's to rewrite
            "history": stored.history,
        }
    )
