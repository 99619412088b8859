"""Waiting for a condition, never for a fixed time: generous timeouts that cost time only when a test fails.

The suite runs on loaded machines (two cores shared by several engineers, two xdist workers in CI), where a
step that takes 50 ms on an idle laptop can take seconds. A test therefore waits *until* what it expects
holds, polling briefly, with a timeout long enough that only a real failure reaches it.
``ZANJIREH_TEST_TIMEOUT_SCALE`` (a number, default 1) stretches every such timeout on a slower machine.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable

#: How long a condition may take to hold before the test fails (seconds, before scaling).
DEFAULT_TIMEOUT_S = 30.0


def timeout_scale() -> float:
    """``$ZANJIREH_TEST_TIMEOUT_SCALE`` as a factor (1 when unset or not a positive number)."""
    try:
        scale = float(os.environ.get("ZANJIREH_TEST_TIMEOUT_SCALE", "1"))
    except ValueError:
        return 1.0
    return scale if scale > 0 else 1.0


def scaled(seconds: float) -> float:
    """A timeout stretched by ``timeout_scale()``."""
    return seconds * timeout_scale()


def wait_until(
    predicate: Callable[[], object], timeout: float = DEFAULT_TIMEOUT_S, interval: float = 0.05, what: str = ""
) -> None:
    """Poll ``predicate()`` until it is true; AssertionError naming ``what`` after ``timeout`` (scaled) seconds."""
    deadline = time.monotonic() + scaled(timeout)
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or 'condition'} not met within {scaled(timeout):.0f} s")
        time.sleep(interval)


async def eventually(
    predicate: Callable[[], object], timeout: float = DEFAULT_TIMEOUT_S, interval: float = 0.02, what: str = ""
) -> None:
    """``wait_until`` for coroutines: the event loop keeps running (the engine's tasks too) while we wait."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + scaled(timeout)
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"{what or 'condition'} not met within {scaled(timeout):.0f} s")
        await asyncio.sleep(interval)
