"""Organisations the server knows: producers from the atlas's owners, suppliers from the directory, the association."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.orgs import ASSOCIATION_ORG_ID, OrgKind, Role, default_org, org_kind, role_org_problem
from server import persistence
from server.db import Database
from sync.registers import PlantOwners, plant_owners

ATLAS_COLLECTIONS = ("plants", "mines")


class OrgError(ValueError):
    """An organisation that does not exist or does not fit the role; the message is shown as is."""


def atlas_owners(session: Session) -> dict[str, PlantOwners]:
    """Every live plant and mine of the atlas with its owner and parent entity ids."""
    out: dict[str, PlantOwners] = {}
    for collection in ATLAS_COLLECTIONS:
        for record_id, record in persistence.reference_records(session, collection=collection).items():
            if not record.deleted and record.data is not None:
                out[record_id] = plant_owners(record.data)
    return out


def plant_owners_of(session: Session, asset_id: str) -> PlantOwners | None:
    """The organisations that own one plant (or mine) of the atlas — its GEM owners and parents, and
    the ids the names table merged into them —, or None when the atlas has no such live asset."""
    for collection in ATLAS_COLLECTIONS:
        record = persistence.get_record(session, collection=collection, owner="", record_id=asset_id)
        if record is not None and not record.deleted and record.data is not None:
            return plant_owners(record.data)
    return None


def producer_id(session: Session, org_id: str) -> str | None:
    """The producer as the atlas knows it (a GEM id the names table merged into another gives the
    other), or None when no plant or mine of the atlas is owned by it."""
    for owners in atlas_owners(session).values():
        found = owners.resolve(org_id)
        if found is not None:
            return found
    return None


def supplier_exists(session: Session, org_id: str) -> bool:
    record = persistence.get_record(session, collection="suppliers", owner="", record_id=org_id)
    return record is not None and not record.deleted


def resolve_org(db: Database, *, role: str, org_id: str | None) -> str | None:
    """The organisation an account of ``role`` is created for: ``org_id`` checked against what the
    server knows, or the role's default. Raises ``OrgError`` saying what is wrong."""
    chosen = Role(role)
    org = org_id.strip() if org_id else None
    if org is not None and org.lower() == ASSOCIATION_ORG_ID:
        org = ASSOCIATION_ORG_ID
    elif org is not None:
        org = org.upper()
    problem = role_org_problem(chosen, org)
    if problem:
        raise OrgError(problem)
    if org is None:
        return default_org(chosen)
    kind = org_kind(org)
    with db.read() as session:
        if kind is OrgKind.PRODUCER:
            known = producer_id(session, org)
            if known is None:
                raise OrgError(
                    f"no producer {org} in the atlas: the organisation must be an owner or parent company of a "
                    f"plant or mine (import the GEM release first)"
                )
            org = known
        if kind is OrgKind.SUPPLIER and not supplier_exists(session, org):
            raise OrgError(f"no supplier {org} in the directory (import the register or seed the demo first)")
    return org
