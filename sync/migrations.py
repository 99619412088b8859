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
SCHEMA: dict[str, int] = {"reference": 1, "user": 1, "device": 1}

#: MIGRATIONS[kind][n] upgrades a file of that kind from schema n to n + 1.
MIGRATIONS: dict[str, dict[int, Step]] = {"reference": {}, "user": {}, "device": {}}


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
