"""Bulk work makes cycle collections rarer while it runs and gives the usual pace back when the last one ends."""

from __future__ import annotations

import gc
import threading

from sync.bulk_work import BULK_THRESHOLD, bulk_work


def test_collections_are_rarer_inside_and_as_before_after() -> None:
    before = gc.get_threshold()
    with bulk_work():
        assert gc.get_threshold()[0] == max(BULK_THRESHOLD, before[0])
        assert gc.isenabled()  # rarer, never off: a cycle made meanwhile is still freed
    assert gc.get_threshold() == before


def test_the_usual_pace_returns_only_when_the_last_of_overlapping_blocks_ends() -> None:
    before = gc.get_threshold()
    inside = threading.Event()
    release = threading.Event()

    def other_block() -> None:  # a store opening in a thread while a sync pulls
        with bulk_work():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=other_block)
    with bulk_work():
        worker.start()
        assert inside.wait(10)
    assert gc.get_threshold()[0] == max(BULK_THRESHOLD, before[0])  # the thread's block still runs
    release.set()
    worker.join(10)
    assert gc.get_threshold() == before


def test_an_error_inside_still_gives_the_usual_pace_back() -> None:
    before = gc.get_threshold()
    try:
        with bulk_work(), bulk_work():
            raise RuntimeError("a page that could not be committed")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
