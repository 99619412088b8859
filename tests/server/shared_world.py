"""A small world for the shared-collection tests: two producers' plants, the category tree, two
suppliers, accounts of every role, and records put straight into the server's database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from models.atlas import GeoPoint, OwnerShare, Place
from tests.server.helpers import PASSWORD, Api, import_reference, make_plant
from tests.support.live_server import LiveServer

OWNER_A, OWNER_B = "E100000000001", "E100000000002"
#: A company the Persian names table merged: GEM's old id, and the id the atlas now uses.
MERGED_OLD, MERGED_NEW = "E100000000099", "E100000000003"
SUPPLIER_X, SUPPLIER_Y = "S1001", "S1002"
PLANT_A, PLANT_B, PLANT_MERGED, PLANT_A2 = (make_plant(n).id for n in (1, 2, 3, 4))
CATEGORY = "consumables.refractories.shaped"


def seed_world(db_url: str) -> None:
    """Plants of A (two), of B and of a merged company; the category tree; suppliers X and Y."""
    from models.suppliers import Supplier
    from server.registers import category_dataset

    a_steel, b_steel = OwnerShare(name="A Steel", gem_id=OWNER_A), OwnerShare(name="B Steel", gem_id=OWNER_B)
    merged = OwnerShare(name="C Steel", gem_id=MERGED_NEW, source_name="C Steel Old", source_gem_id=MERGED_OLD)
    plants = [
        make_plant(1, owners=(a_steel,), place=Place(point=GeoPoint(lat=32, lon=51))),
        make_plant(2, owners=(b_steel,), place=Place(point=GeoPoint(lat=36, lon=59))),
        make_plant(3, owners=(merged,)),
        make_plant(4, owners=(a_steel,)),
    ]
    import_reference(db_url, plants=plants)
    suppliers = {
        sid: Supplier(id=sid, name_fa=f"تأمین‌کننده {sid}", categories=(CATEGORY,)).model_dump(mode="json")
        for sid in (SUPPLIER_X, SUPPLIER_Y)
    }
    put(db_url, "categories", category_dataset())
    put(db_url, "suppliers", suppliers)


def put(db_url: str, collection: str, records: dict[str, dict[str, Any] | None]) -> int:
    """Write records (None: a tombstone) under one new version, as an import would; returns the version."""
    from server import persistence
    from server.db import Database

    database = Database(db_url)
    try:
        with database.write() as session:
            persistence.lock_versions(session)
            version = persistence.next_version(session)
            for record_id, data in records.items():
                persistence.write_record(
                    session,
                    collection=collection,
                    owner="",
                    record_id=record_id,
                    version=version,
                    data=data,
                    now=dt.datetime.now(dt.UTC),
                )
        return version
    finally:
        database.dispose()


def need(
    need_id: str | None = None,
    *,
    status: str = "open",
    org: str = OWNER_A,
    plant: str = PLANT_A,
    origin: str = "app",
    **fields: Any,
) -> dict[str, Any]:
    """A need's data as a client pushes it (a new UUID id unless given)."""
    return {
        "id": need_id or str(uuid.uuid4()),
        "plant_id": plant,
        "producer_org": org,
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "item_en": "Magnesia-carbon ladle bricks",
        "category": CATEGORY,
        "annual_qty": 1200.0,
        "unit": "t",
        "criticality": "A",
        "status": status,
        "origin": origin,
        "demo": False,
    } | fields


def answer(need_data: dict[str, Any], supplier: str = SUPPLIER_X, **fields: Any) -> dict[str, Any]:
    """An answer's data as stored (for putting one straight into the database)."""
    return {
        "need_id": need_data["id"],
        "supplier_id": supplier,
        "producer_org": need_data["producer_org"],
        "plant_id": need_data["plant_id"],
        "offer": "can_make",
        "note": "we cast these",
        "demo": False,
    } | fields


def offer(note: str = "we cast these in Najafabad", state: str = "can_make") -> dict[str, Any]:
    return {"offer": state, "note": note, "offered_at": "2026-12-01T09:00:00Z"}


def reply(state: str = "interested", note: str | None = "send us a quotation") -> dict[str, Any]:
    return {"reply": {"state": state, "note": note, "at": "2026-12-02T08:00:00Z"}}


def make_account(server: LiveServer, name: str, role: str, org: str | None) -> Api:
    """Create the account with the real command line and sign it in."""
    args = ["create-user", name, "--role", role] + (["--org", org] if org else [])
    server.run_cli(*args, input=PASSWORD + "\n")
    api = Api(server.url)
    api.sign_in(name)
    return api


def push_one(api: Api, collection: str, record_id: str, data: dict[str, Any] | None, **kwargs: Any) -> dict[str, Any]:
    """Push one op and return its result."""
    return api.push(api.op(collection, record_id, data, **kwargs))["results"][0]


def code_of(result: dict[str, Any]) -> str:
    """``applied``, ``rejected:<code>`` or ``conflict:<reason>`` — the outcome as the tables write it."""
    if result["status"] in ("rejected", "conflict"):
        return f"{result['status']}:{result['reason'].split(':', 1)[0]}"
    return str(result["status"])
