"""Python's cycle collector, told to look less often while a sync pulls pages or a store opens.

CPython runs its cycle collector every 700 new container objects, and a full collection walks every live
object. A first sync or a store's opening makes millions of dicts and lists that stay alive (the pulled page
until it is committed, the rows of 59,000 suppliers), so the collector walks the growing heap again and again
while finding nothing: it was most of the time of parsing a first sync's pages (3.0 s of ``json.loads`` against
1.1 s with collections 70 times rarer) and half of working out their rows (docs/performance.md). None of that
data holds a reference cycle; reference counting frees it. Collections are only made rarer, never turned off,
and the usual pace returns when the last bulk work ends, so a cycle made meanwhile elsewhere is still freed.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

#: New container objects between two young-generation collections during bulk work (CPython's default: 700).
BULK_THRESHOLD = 50_000

_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] | None = None


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """Rarer cycle collections while the block runs; nested and concurrent blocks share one setting."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(BULK_THRESHOLD, _saved[0]), _saved[1], _saved[2])
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
