"""What belongs to this installation rather than to a user: its id, its settings, its sync history."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

from sync import clock
from sync.errors import StoreCorrupt
from sync.storage import Unit

META = "meta"
SETTINGS = "settings"
HISTORY = "history"
HISTORY_LIMIT = 200

DEFAULT_SETTINGS: dict[str, Any] = {
    "language": "fa",
    "theme": "light",
    "api_url": None,
}


class DeviceStore:
    def __init__(self, unit: Unit) -> None:
        self.unit = unit

    def load(self) -> None:
        tables = self.unit.load()
        for name, table in tables.items():
            if name not in (META, SETTINGS, HISTORY):
                raise StoreCorrupt(f"device data: unexpected table {name!r}")
            if not all(isinstance(v, dict) for v in table.values()):
                raise StoreCorrupt(f"device data: {name} holds something other than records")
        if "client_id" not in tables.get(META, {}).get("state", {}):
            with self._unit_of_work():
                state = {"client_id": uuid.uuid4().hex, "created_at": clock.now_iso()}
                self.unit.table(META).change(lambda t: t.__setitem__("state", {**t.get("state", {}), **state}))
                self.unit.commit()

    @property
    def client_id(self) -> str:
        return str(self.unit.table(META).raw()["state"]["client_id"])

    # ---- settings -------------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return {**DEFAULT_SETTINGS, **self.unit.table(SETTINGS).raw().get("prefs", {})}

    def set_setting(self, key: str, value: Any) -> None:
        with self._unit_of_work():
            prefs = {**self.unit.table(SETTINGS).raw().get("prefs", {}), key: value}
            self.unit.table(SETTINGS).change(lambda t: t.__setitem__("prefs", prefs))
            self.unit.commit()

    def forget_setting(self, key: str) -> None:
        with self._unit_of_work():
            prefs = {k: v for k, v in self.unit.table(SETTINGS).raw().get("prefs", {}).items() if k != key}
            self.unit.table(SETTINGS).change(lambda t: t.__setitem__("prefs", prefs))
            self.unit.commit()

    # ---- sync history ----------------------------------------------------------------------------
    def history(self) -> list[dict[str, Any]]:
        """Newest first."""
        entries = self.unit.table(HISTORY).raw()
        return [dict(entries[k]) for k in sorted(entries, key=int, reverse=True)]

    def record_history(self, entry: dict[str, Any]) -> None:
        with self._unit_of_work():

            def add(table: dict[str, Any]) -> None:
                number = max((int(k) for k in table), default=0) + 1
                table[str(number)] = {**entry, "at": entry.get("at") or clock.now_iso()}
                for old in sorted(table, key=int)[:-HISTORY_LIMIT]:
                    del table[old]

            self.unit.table(HISTORY).change(add)
            self.unit.commit()

    @contextlib.contextmanager
    def _unit_of_work(self) -> Iterator[None]:
        try:
            yield
        except BaseException:
            self.unit.rollback()
            raise
