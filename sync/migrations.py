"""Schema versions of the store's files and the steps that upgrade old files in place.

Each step turns the raw tables of version N into those of N+1 and is committed with the new schema
number in one atomic write, after a backup copy of the file: a step killed half way leaves the old
file, and running again redoes it. A file from a newer app is refused, never rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sync.errors import SchemaTooNew

Tables = dict[str, dict[str, Any]]
Step = Callable[[Tables], Tables]

#: Current schema of each kind of file.
SCHEMA: dict[str, int] = {"reference": 1, "user": 2, "device": 1}


def _user_1_to_2(tables: Tables) -> Tables:
    """The op lifecycle (queued → sent → settled) and no tokens in user data (issue 13).

    Schema 1 kept ops by seq, "pending" whether or not they had been sent, and the session's tokens in
    an ``auth`` table. A pending op may have reached the server (its answer lost), so it becomes
    ``sent`` with its seq and op id: sent again as it is, never edited. A pending op that waited for an
    earlier op's result had not been sent: it stays ``queued``, after that op. The ``auth`` table is
    dropped here; ``LocalStore`` has already handed the session to the token keeper.
    """
    old = tables.get("outbox", {})
    # An outbox already in the new shape was written before its schema was recorded: kept as it is.
    new_shape = any(raw.get("state") in ("queued", "sent") for raw in old.values())
    outbox = dict(old) if new_shape else _outbox_1_to_2(old)
    tables = {name: table for name, table in tables.items() if name != "auth"}
    tables["outbox"] = outbox
    state = dict(tables.get("meta", {}).get("state", {}))
    orders = [int(op.get("order") or 0) + 1 for op in outbox.values()]
    state["next_order"] = max([int(state.get("next_order", 1)), int(state.get("next_seq", 1)), *orders])
    tables["meta"] = {**tables.get("meta", {}), "state": state}
    return tables


def _outbox_1_to_2(old: dict[str, Any]) -> dict[str, Any]:
    by_seq = {int(raw["seq"]): raw for raw in old.values()}
    outbox: dict[str, Any] = {}
    for seq, raw in sorted(by_seq.items()):
        fields = ("op_id", "collection", "record_id", "action", "data", "base_version", "created_at", "reason")
        op = {key: raw.get(key) for key in fields}
        op.update(order=seq, attempts=int(raw.get("attempts", 0)), after=None, seq=seq, state="sent")
        after = raw.get("after_seq")
        if raw.get("state") == "rejected":
            op["state"] = "rejected"
        elif after is not None and after in by_seq:
            op.update(state="queued", seq=None, after=by_seq[after]["op_id"])
        outbox[str(op["op_id"])] = op
    return outbox


#: MIGRATIONS[kind][n] upgrades a file of that kind from schema n to n + 1.
MIGRATIONS: dict[str, dict[int, Step]] = {"reference": {}, "user": {1: _user_1_to_2}, "device": {}}


def schema_of(tables: Tables) -> int:
    state = tables.get("meta", {}).get("state", {})
    return int(state.get("schema", 1)) if isinstance(state, dict) else 1


def set_schema(tables: Tables, version: int) -> None:
    meta = tables.setdefault("meta", {})
    meta["state"] = {**meta.get("state", {}), "schema": version}


def needs_upgrade(kind: str, tables: Tables, name: str) -> bool:
    found = schema_of(tables)
    if found > SCHEMA[kind]:
        raise SchemaTooNew(
            f"{name} was written by a newer Zanjireh (schema {found}, this app knows {SCHEMA[kind]})",
            file=name,
        )
    return found < SCHEMA[kind]


def upgrade(kind: str, tables: Tables) -> Tables:
    """Run every step from the file's schema to the current one (in memory; the caller commits)."""
    version = schema_of(tables)
    while version < SCHEMA[kind]:
        step = MIGRATIONS[kind].get(version)
        if step is None:
            raise SchemaTooNew(f"no upgrade from {kind} schema {version}")
        tables = step(tables)
        version += 1
        set_schema(tables, version)
    return tables
