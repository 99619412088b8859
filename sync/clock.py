"""The device clock, used only for what people read (saved at, last synced) — never for ordering.

Tests replace ``now`` to put the device three days off or make it jump back, and show that no sync
decision changes (sync-design rule 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def _system_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


now: Callable[[], dt.datetime] = _system_now


def now_iso() -> str:
    return now().isoformat(timespec="seconds")
