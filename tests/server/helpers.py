"""Helpers for the server tests: a protocol-speaking client, record factories, reference imports."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from pathlib import Path
from typing import Any

import httpx

from models.atlas import Mine, Plant, Source
from models.enums import Status

API = "/api/v1"
PASSWORD = "correct horse battery staple"
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


# ---- clients -------------------------------------------------------------------------------------------
class Api:
    """A thin httpx client that speaks the protocol: schema header, bearer token, JSON helpers."""

    def __init__(self, base_url: str, schema: int = 1) -> None:
        self.http = httpx.Client(base_url=base_url + API, headers={"X-Zanjireh-Schema": str(schema)}, timeout=60)
        self.tokens: dict[str, Any] = {}
        self.client_id = str(uuid.uuid4())
        self._seq = itertools.count(1)

    def sign_in(self, username: str, password: str = PASSWORD) -> dict[str, Any]:
        answer = self.http.post("/auth/token", json={"username": username, "password": password})
        assert answer.status_code == 200, answer.text
        self.use(answer.json())
        return self.tokens

    def use(self, tokens: dict[str, Any]) -> None:
        self.tokens = tokens
        self.http.headers["Authorization"] = f"Bearer {tokens['access_token']}"

    def pull(self, collection: str, cursor: str | None = None, limit: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if cursor is not None:
            params["cursor"] = cursor
        if limit is not None:
            params["limit"] = limit
        answer = self.http.get(f"/changes/{collection}", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def pull_all(
        self, collection: str, cursor: str | None = None, limit: int | None = None
    ) -> tuple[list[dict[str, Any]], str]:
        """Every page until ``has_more`` is false: (items in order, the last next_cursor)."""
        items: list[dict[str, Any]] = []
        for _page in range(10_000):
            page = self.pull(collection, cursor, limit)
            items += page["items"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                assert cursor is not None
                return items, cursor
        raise AssertionError("has_more never became false")

    def next_seq(self) -> int:
        return next(self._seq)

    def push(self, *ops: dict[str, Any], client_id: str | None = None) -> dict[str, Any]:
        answer = self.http.post("/push", json={"client_id": client_id or self.client_id, "ops": list(ops)})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def op(
        self,
        collection: str,
        record_id: str,
        data: dict[str, Any] | None = None,
        *,
        action: str = "upsert",
        base_version: int | None = None,
        seq: int | None = None,
    ) -> dict[str, Any]:
        """An outbox op with the next seq of this client."""
        return {
            "seq": seq if seq is not None else self.next_seq(),
            "op_id": uuid.uuid4().hex,
            "collection": collection,
            "record_id": record_id,
            "action": action,
            "base_version": base_version,
            "data": data,
        }

    def close(self) -> None:
        self.http.close()


# ---- records -------------------------------------------------------------------------------------------
def make_source(**overrides: Any) -> Source:
    fields: dict[str, Any] = {
        "id": "gem-gist-2025-09",
        "publisher": "Global Energy Monitor",
        "title": "Global Iron and Steel Tracker",
        "release": "September 2025 (V1)",
        "licence": "CC BY 4.0",
        "attribution": "Global Energy Monitor, Global Iron and Steel Tracker, September 2025 (V1) release.",
        "as_of": dt.date(2025, 9, 1),
    }
    return Source(**(fields | overrides))


def make_plant(number: int = 1, **overrides: Any) -> Plant:
    fields: dict[str, Any] = {
        "id": f"P{100000120000 + number}",
        "name_en": f"Test Steel Plant {number}",
        "name_fa": f"فولاد آزمایشی {number}",
        "source_id": "gem-gist-2025-09",
    }
    return Plant(**(fields | overrides))


def make_mine(number: int = 1, **overrides: Any) -> Mine:
    fields: dict[str, Any] = {
        "id": f"P{200000120000 + number}",
        "name_en": f"Test Iron Ore Mine {number}",
        "status": Status.OPERATING,
        "source_id": "gem-giomt-2024-11",
    }
    return Mine(**(fields | overrides))


def import_reference(db_url: str, **collections: list[Any]) -> Any:
    """Import model instances as the server's import does (one transaction, one version).

    ``import_reference(url, plants=[...], sources=[...])``; collections not named are left alone.
    """
    from server.db import Database
    from server.importing import as_dataset, import_datasets

    database = Database(db_url)
    try:
        return import_datasets(
            database,
            datasets={name: as_dataset(models)[0] for name, models in collections.items()},
            source="tests",
            imported_by="tests",
            retention_days=90,
        )
    finally:
        database.dispose()


def favourite(asset_id: str = "P100000120001", kind: str = "plant") -> tuple[str, dict[str, Any]]:
    """(record_id, data) of a favourite."""
    return f"{kind}:{asset_id}", {"kind": kind, "asset_id": asset_id, "created_at": "2026-11-28T09:00:00Z"}


def note(text: str = "Visited: the DRI module is running.", asset_id: str = "P100000120001") -> dict[str, Any]:
    return {"asset_id": asset_id, "kind": "plant", "text": text, "updated_at": "2026-11-28T09:00:00Z"}


def error_of(answer: httpx.Response) -> dict[str, Any]:
    """The contract's error body, checked for shape."""
    body = answer.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "detail"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]
