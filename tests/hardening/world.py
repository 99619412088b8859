"""One server world for the hardening tests: two producers' plants, two suppliers, and an account of
every role the authorisation matrix names (issue 12), created in the server's own database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from models.atlas import OwnerShare
from tests.server.helpers import PASSWORD, Api, import_reference, make_plant
from tests.support.live_server import LiveServer, start_live_server
from tests.support.postgres import PostgresCluster

OWNER_A, OWNER_B = "E100000000001", "E100000000002"
SUPPLIER_X, SUPPLIER_Y = "S1001", "S1002"
PLANT_A, PLANT_B = make_plant(1).id, make_plant(2).id

#: Every actor of the matrix: (its words in the tables, role, organisation). ``anonymous`` has no account.
ACTORS: dict[str, tuple[str, str | None, str | None]] = {
    "anonymous": ("no token", None, None),
    "member_a": ("member of company A", "member", OWNER_A),
    "member_b": ("member of company B", "member", OWNER_B),
    "supplier_x": ("supplier X", "supplier", SUPPLIER_X),
    "supplier_y": ("supplier Y", "supplier", SUPPLIER_Y),
    "field_staff": ("field staff", "field_staff", None),
    "reviewer_assigned": ("reviewer (assigned)", "reviewer", None),
    "reviewer_other": ("reviewer (not assigned)", "reviewer", None),
    "fund_officer": ("fund officer", "fund_officer", None),
    "admin": ("admin", "admin", None),
}


def seed(db_url: str) -> None:
    """Plants of A and B, suppliers X and Y, the category tree: enough for every organisation to exist."""
    from models.suppliers import Supplier
    from server import persistence
    from server.db import Database
    from server.registers import category_dataset

    a_steel, b_steel = OwnerShare(name="A Steel", gem_id=OWNER_A), OwnerShare(name="B Steel", gem_id=OWNER_B)
    import_reference(db_url, plants=[make_plant(1, owners=(a_steel,)), make_plant(2, owners=(b_steel,))])
    suppliers = {
        sid: Supplier(id=sid, name_fa=f"تأمین‌کننده {sid}", categories=("consumables.refractories.shaped",))
        for sid in (SUPPLIER_X, SUPPLIER_Y)
    }
    database = Database(db_url)
    try:
        for collection, records in (
            ("categories", category_dataset()),
            ("suppliers", {sid: s.model_dump(mode="json") for sid, s in suppliers.items()}),
        ):
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
    finally:
        database.dispose()


def create_accounts(db_url: str) -> None:
    """One account per actor (the name is the actor's key), as ``create-user`` makes them."""
    from server.accounts import create_user
    from server.config import Settings
    from server.db import Database

    database = Database(db_url)
    settings = Settings(db=db_url)
    try:
        for name, (_words, role, org) in ACTORS.items():
            if role is not None:
                create_user(database, username=name, role=role, password=PASSWORD, settings=settings, org_id=org)
    finally:
        database.dispose()


@dataclass
class World:
    """The live server and a signed-in client per actor (anonymous: a client without a token)."""

    server: LiveServer
    clients: dict[str, Api] = field(default_factory=dict)

    def client(self, actor: str) -> Api:
        if actor not in self.clients:
            api = Api(self.server.url)
            if ACTORS[actor][1] is not None:
                api.sign_in(actor)
            self.clients[actor] = api
        return self.clients[actor]

    def fresh(self, actor: str) -> Api:
        """A new sign-in of ``actor`` (its own token family), for tests that end sessions."""
        api = Api(self.server.url)
        if ACTORS[actor][1] is not None:
            api.sign_in(actor)
        self.clients[f"{actor}#{len(self.clients)}"] = api
        return api

    def token(self, actor: str) -> str | None:
        tokens: dict[str, Any] = self.client(actor).tokens
        return tokens.get("access_token")

    def close(self) -> None:
        for api in self.clients.values():
            api.close()


#: The databases a module's world can run on: ``params=BACKENDS`` runs its tests on both, the PostgreSQL half
#: marked ``postgres`` (one world per database per module: the module's tests share it, on one xdist worker).
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def world_on(backend: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[World]:
    """A server on ``backend`` (started first, so that it creates its schema), seeded, with every actor's account;
    the PostgreSQL database is made on the worker's cluster and dropped after."""
    cluster: PostgresCluster | None = None
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        db_url = cluster.create_database()
    else:
        db_url = f"sqlite:///{folder / 'server.sqlite3'}"
    try:
        # The limiter would answer the fuzzer's sign-ins 429 after ten; the matrix needs the real answers.
        with start_live_server(db_url, {"ZANJIREH_LOGIN_MAX_FAILURES": "100"}) as server:
            seed(db_url)
            create_accounts(db_url)
            built = World(server)
            try:
                yield built
            finally:
                built.close()
    finally:
        if cluster is not None:
            cluster.drop_database(db_url)
