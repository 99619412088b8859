"""Shared collections on a real server: who sees which needs, how a change of visibility reaches a feed,
and organisations on accounts (writing them: test_server_shared_writes.py and test_server_authz.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models.atlas import GeoPoint, OwnerShare, Place
from tests.server.helpers import Api, error_of, import_reference, make_plant
from tests.support.live_server import LiveServer

OWNER_A, OWNER_B = "E100000000001", "E100000000002"


def need(need_id: str, status: str, org: str = OWNER_A, plant: int = 1) -> dict[str, Any]:
    return {
        "id": need_id,
        "plant_id": make_plant(plant).id,
        "producer_org": org,
        "item_fa": "آجر نسوز",
        "category": "consumables.refractories.shaped",
        "status": status,
        "origin": "register",
        "demo": False,
    }


def seed(db_url: str, *needs: dict[str, Any]) -> Any:
    """Two plants (A's and B's) and the given needs, as an import writes them."""
    from server.db import Database
    from server.importing import import_datasets

    plants = [
        make_plant(
            1, owners=(OwnerShare(name="A Steel", gem_id=OWNER_A),), place=Place(point=GeoPoint(lat=32, lon=51))
        ),
        make_plant(
            2, owners=(OwnerShare(name="B Steel", gem_id=OWNER_B),), place=Place(point=GeoPoint(lat=36, lon=59))
        ),
    ]
    import_reference(db_url, plants=plants)
    database = Database(db_url)
    try:
        return import_datasets(
            database,
            datasets={"needs": {n["id"]: n for n in needs}},
            source="tests",
            imported_by="tests",
            retention_days=90,
        )
    finally:
        database.dispose()


def account(live_server: LiveServer, make_api: Callable[..., Api], name: str, role: str, org: str | None) -> Api:
    args = ["create-user", name, "--role", role] + (["--org", org] if org else [])
    live_server.run_cli(*args, input="correct horse battery staple\n")
    api = make_api()
    api.sign_in(name)
    return api


def visible(api: Api, cursor: str | None = None) -> tuple[dict[str, bool], str]:
    items, cursor = api.pull_all("needs", cursor)
    return {i["id"]: i["deleted"] for i in items}, cursor


def test_everyone_sees_published_needs_and_members_their_own_open_ones(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    seed(
        live_server.db_url,
        need("N1", "open"),
        need("N2", "published"),
        need("N3", "closed"),
        need("N4", "open", OWNER_B, plant=2),
    )
    a = account(live_server, make_api, "a1", "member", OWNER_A)
    b = account(live_server, make_api, "b1", "member", OWNER_B)
    nobody = account(live_server, make_api, "old1", "member", None)
    admin = account(live_server, make_api, "admin1", "admin", None)
    field = account(live_server, make_api, "field1", "field_staff", None)

    assert set(visible(a)[0]) == {"N1", "N2", "N3"}
    assert set(visible(b)[0]) == {"N2", "N3", "N4"}
    assert set(visible(nobody)[0]) == {"N2", "N3"}
    assert set(visible(field)[0]) == {"N2", "N3"}
    assert set(visible(admin)[0]) == {"N1", "N2", "N3", "N4"}


def test_a_need_that_becomes_visible_arrives_and_one_that_stops_being_visible_leaves(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    seed(live_server.db_url, need("N1", "open"), need("N2", "published"))
    b = account(live_server, make_api, "b1", "member", OWNER_B)
    first, cursor = visible(b)
    assert first == {"N2": False}

    published = seed(live_server.db_url, need("N1", "published"), need("N2", "open"))
    page = b.pull("needs", cursor)

    assert {i["id"]: (i["deleted"], i["version"]) for i in page["items"]} == {
        "N1": (False, published.version),  # now published: arrives with its new version
        "N2": (True, published.version),  # back to open: a tombstone for B, who may no longer see it
    }
    assert page["items"][0]["data"]["status"] == "published" and page["items"][1]["data"] is None


def test_a_snapshot_leaves_out_what_the_reader_may_not_see(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    seed(live_server.db_url, *[need(f"N{i}", "open") for i in range(1, 6)], need("N9", "published"))
    b = account(live_server, make_api, "b1", "member", OWNER_B)

    items, _cursor = b.pull_all("needs", limit=2)

    assert [(i["id"], i["deleted"]) for i in items] == [("N9", False)]


def test_a_cursor_made_for_another_view_must_pull_again(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    seed(live_server.db_url, need("N1", "open"))
    a = account(live_server, make_api, "a1", "member", OWNER_A)
    b = account(live_server, make_api, "b1", "member", OWNER_B)
    _items, a_cursor = visible(a)

    answer = b.http.get("/changes/needs", params={"cursor": a_cursor})

    assert answer.status_code == 410 and error_of(answer)["code"] == "resync_required"


def test_suppliers_and_categories_are_reference_data_with_the_demo_flag(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    seed(live_server.db_url)
    live_server.run_cli("seed-demo", "12")
    a = account(live_server, make_api, "a1", "member", OWNER_A)

    suppliers, _ = a.pull_all("suppliers")
    categories, _ = a.pull_all("categories")
    needs, _ = a.pull_all("needs")

    assert len(suppliers) == 12 and all(s["data"]["demo"] is True for s in suppliers)
    assert {c["id"] for c in categories} >= {"consumables.refractories", "electrical.drives"}
    assert all(c["data"]["demo"] is False for c in categories)
    assert all(n["data"]["demo"] is True for n in needs)


def test_accounts_belong_to_an_organisation_that_exists_and_fits_the_role(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    seed(live_server.db_url)
    live_server.run_cli("seed-demo", "3")

    def create(name: str, role: str, org: str | None) -> str:
        args = ["create-user", name, "--role", role] + (["--org", org] if org else [])
        done = live_server.run_cli(*args, input="correct horse battery staple\n", check=False)
        return done.stdout + done.stderr

    assert "Created" in create("m1", "member", OWNER_A)
    assert "Created" in create("s1", "supplier", "S-DEMO-000002")
    assert "no producer E100000009999 in the atlas" in create("m2", "member", "E100000009999")
    assert "no supplier S-DEMO-000099" in create("s2", "supplier", "S-DEMO-000099")
    assert "needs --org" in create("s3", "supplier", None)
    assert "works for a producer organisation" in create("m3", "member", "S-DEMO-000001")
    assert "not an organisation id" in create("m4", "member", "Mobarakeh")
    me = make_api()
    me.sign_in("s1")
    assert me.http.get("/me").json() == {"username": "s1", "role": "supplier", "org_id": "S-DEMO-000002"}


def test_answers_reach_their_supplier_and_the_needs_producer_only(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    from server.db import Database
    from server.importing import import_datasets

    seed(live_server.db_url, need("N2", "published"))
    live_server.run_cli("seed-demo", "2")
    answer = {
        "need_id": "N2",
        "supplier_id": "S-DEMO-000001",
        "producer_org": OWNER_A,
        "plant_id": make_plant(1).id,
        "offer": "can_make",
        "note": "we cast these",
        "demo": False,
    }
    database = Database(live_server.db_url)
    try:
        import_datasets(
            database,
            datasets={"answers": {"N2:S-DEMO-000001": answer}},
            source="tests",
            imported_by="tests",
            retention_days=90,
        )
    finally:
        database.dispose()
    readers = {
        "maker": account(live_server, make_api, "s1", "supplier", "S-DEMO-000001"),
        "rival": account(live_server, make_api, "s2", "supplier", "S-DEMO-000002"),
        "producer": account(live_server, make_api, "a1", "member", OWNER_A),
        "other producer": account(live_server, make_api, "b1", "member", OWNER_B),
        "admin": account(live_server, make_api, "admin1", "admin", None),
    }

    seen = {who: [i["id"] for i in api.pull_all("answers")[0]] for who, api in readers.items()}

    assert seen == {
        "maker": ["N2:S-DEMO-000001"],
        "rival": [],
        "producer": ["N2:S-DEMO-000001"],
        "other producer": [],
        "admin": ["N2:S-DEMO-000001"],
    }


def test_an_owner_id_the_names_table_merged_names_the_producer_the_atlas_uses(live_server: LiveServer) -> None:
    merged = OwnerShare(
        name="Gol-E-Gohar Mining and Industrial Co",
        gem_id="E100000000544",
        source_name="Gol-e-Gohar Iron Ore Co",
        source_gem_id="E100000131079",
    )
    import_reference(live_server.db_url, plants=[make_plant(5, owners=(merged,))])

    created = live_server.run_cli(
        "create-user", "geg1", "--role", "member", "--org", "E100000131079", input="correct horse battery staple\n"
    )

    assert "organisation: E100000000544" in created.stdout
