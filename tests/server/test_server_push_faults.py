"""An op whose processing raises is answered on its own and never wedges the queue (no real server can be
made to raise on demand, so these call the push service in process, on both backends)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from server import migrations, persistence, pushing
from server.db import Database
from server.schemas import PushOp
from tests.server.helpers import favourite


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    migrations.upgrade(db_url)
    db = Database(db_url)
    with db.write() as session:
        now = dt.datetime.now(dt.UTC)
        user = persistence.create_user(session, username="ali", password_hash="x", role="member", now=now)
    db.user_id = user.id  # type: ignore[attr-defined]
    yield db
    db.dispose()


def op(seq: int, asset: str) -> PushOp:
    record_id, data = favourite(asset)
    return PushOp(seq=seq, op_id=uuid.uuid4().hex, collection="favourites", record_id=record_id, action="upsert",
                  data=data)  # fmt: skip


def raising_for(asset: str, error: Exception) -> Any:
    real = pushing.apply

    def apply(session: Any, **options: Any) -> Any:
        if options["op"].record_id.endswith(asset):
            real(session, **options)  # writes, then fails: the write must be rolled back
            raise error
        return real(session, **options)

    return apply


def test_op_whose_processing_raises_is_rejected_as_server_error_and_later_ops_apply(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pushing, "apply", raising_for("P2", ValueError("a bug")))
    client_id = str(uuid.uuid4())

    response = pushing.push(database, user_id=database.user_id, client_id=client_id,  # type: ignore[attr-defined]
                            ops=[op(1, "P1"), op(2, "P2"), op(3, "P3")])  # fmt: skip

    assert [r.status for r in response.results] == ["applied", "rejected", "applied"]
    assert response.results[1].reason.startswith("server_error")
    assert response.last_seq == 3
    with database.read() as session:
        rows = persistence.feed_page(session, collection="favourites", owner=str(database.user_id),  # type: ignore[attr-defined]
                                     after_version=0, after_id="", omit_tombstones_up_to=None, limit=10)  # fmt: skip
    assert sorted(r.record_id for r in rows) == ["plant:P1", "plant:P3"]  # P2's write was rolled back
    replay = pushing.push(database, user_id=database.user_id, client_id=client_id, ops=[op(2, "P2")])  # type: ignore[attr-defined]
    assert replay.results[0].status == "duplicate" and replay.results[0].original["status"] == "rejected"


def test_a_busy_database_fails_the_request_so_the_client_retries_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pushing, "apply", raising_for("P1", OperationalError("BEGIN", {}, Exception("locked"))))

    with pytest.raises(OperationalError):
        pushing.push(database, user_id=database.user_id, client_id=str(uuid.uuid4()), ops=[op(1, "P1")])  # type: ignore[attr-defined]
