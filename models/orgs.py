"""Organisations and roles: who an account works for (a producer, a supplier, the association) and as what.

An organisation id says its kind by its form, so that a record can name an organisation without a
lookup: a producer is one of the atlas's owner or parent companies by its GEM entity id
(``E100000001959``); a supplier is a directory entry by its supplier id (``S1042``,
``S-DEMO-000042``); the association is the fixed id ``association``.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    """What an account may do; each role belongs to one kind of organisation (``ROLE_ORG_KINDS``)."""

    MEMBER = "member"  # a producer's staff
    SUPPLIER = "supplier"  # a supplier's staff
    FIELD_STAFF = "field_staff"  # the association's auditors (field visits)
    ADMIN = "admin"  # the association's administrators
    FUND_OFFICER = "fund_officer"  # the Steel Research & Technology Fund's officers
    REVIEWER = "reviewer"  # reviewers the Fund assigns to applications


ROLES: tuple[str, ...] = tuple(r.value for r in Role)


class OrgKind(StrEnum):
    PRODUCER = "producer"
    SUPPLIER = "supplier"
    ASSOCIATION = "association"


ASSOCIATION_ORG_ID = "association"

PRODUCER_ID_PATTERN = r"^E\d{6,15}$"
#: Register suppliers: S and the register number (capitals and digits); demo suppliers: S-DEMO-nnnnnn.
SUPPLIER_ID_PATTERN = r"^S(?:[0-9A-Z]{1,20}|-DEMO-\d{6})$"
_PRODUCER = re.compile(PRODUCER_ID_PATTERN)
_SUPPLIER = re.compile(SUPPLIER_ID_PATTERN)

#: GEM lists minority holders as one pseudo-owner with an entity id; it is no one's employer.
NOT_AN_ORGANISATION_NAMES = frozenset({"small shareholder(s)", "small shareholders"})

#: The kind of organisation an account of each role works for.
ROLE_ORG_KINDS: dict[Role, OrgKind] = {
    Role.MEMBER: OrgKind.PRODUCER,
    Role.SUPPLIER: OrgKind.SUPPLIER,
    Role.FIELD_STAFF: OrgKind.ASSOCIATION,
    Role.ADMIN: OrgKind.ASSOCIATION,
    Role.FUND_OFFICER: OrgKind.ASSOCIATION,
    Role.REVIEWER: OrgKind.ASSOCIATION,
}


def org_kind(org_id: str) -> OrgKind | None:
    """The kind of organisation an id names by its form, or None when it is no organisation id."""
    if org_id == ASSOCIATION_ORG_ID:
        return OrgKind.ASSOCIATION
    if _PRODUCER.fullmatch(org_id):
        return OrgKind.PRODUCER
    if _SUPPLIER.fullmatch(org_id):
        return OrgKind.SUPPLIER
    return None


def default_org(role: Role) -> str | None:
    """The organisation an account of ``role`` belongs to when none is given: the association's staff
    belong to the association; members and suppliers must name theirs (a member without one is an
    account from before organisations, and sees only what everyone sees)."""
    return ASSOCIATION_ORG_ID if ROLE_ORG_KINDS[role] is OrgKind.ASSOCIATION else None


def role_org_problem(role: Role, org_id: str | None) -> str | None:
    """Why ``role`` cannot work for ``org_id`` (English, for the command line), or None when it can."""
    wanted = ROLE_ORG_KINDS[role]
    if org_id is None:
        return f"a {role.value} account needs --org (a supplier id)" if role is Role.SUPPLIER else None
    kind = org_kind(org_id)
    if kind is None:
        return (
            f"{org_id!r} is not an organisation id: a GEM entity id (E…), a supplier id (S…) or {ASSOCIATION_ORG_ID!r}"
        )
    if kind is not wanted:
        return f"a {role.value} account works for a {wanted.value} organisation, and {org_id} is a {kind.value}"
    return None


class Viewer(BaseModel):
    """Who is looking at shared records: the signed-in account's role and organisation."""

    model_config = ConfigDict(frozen=True)

    role: Role
    org_id: str | None = None
    #: The account's name, for records only their author may see (a field visit's draft) and for what a
    #: reviewer sees of the Fund (the applications assigned to them).
    username: str | None = None

    @property
    def is_association_admin(self) -> bool:
        return self.role is Role.ADMIN
