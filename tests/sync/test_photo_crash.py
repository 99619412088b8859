"""Killing the app at every step of storing a photo leaves the photo whole or absent, never half a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sync.photo_store import PhotoStore
from sync.photos import prepare_photo
from sync.storage import TEMP_MARKER
from tests.sync.crash_cases import photo_raw
from tests.sync.test_store_crash import FILE_STEPS, assert_killed, run_child

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")

EXPECTED = prepare_photo(photo_raw())


def test_a_photo_stored_without_a_crash_is_whole_with_its_thumbnail(tmp_path: Path) -> None:
    assert run_child(tmp_path, "photo", "none").returncode == 0
    store = PhotoStore(tmp_path)
    store.open()
    assert store.read(EXPECTED.sha256) == EXPECTED.data
    assert store.thumbnail(EXPECTED.sha256) == EXPECTED.thumbnail


# the photo is written first (occurrence 1), then its thumbnail (occurrence 2)
@pytest.mark.parametrize("occurrence", [1, 2], ids=["photo", "thumbnail"])
@pytest.mark.parametrize("step", FILE_STEPS)
def test_a_photo_write_killed_at_each_step_leaves_it_whole_or_absent(
    tmp_path: Path, step: str, occurrence: int
) -> None:
    assert_killed(run_child(tmp_path, "photo", step, occurrence))
    store = PhotoStore(tmp_path)
    store.open()  # deletes what the interrupted write left
    if store.has(EXPECTED.sha256):
        assert store.read(EXPECTED.sha256) == EXPECTED.data  # whole: it hashes to its name
    else:
        assert occurrence == 1 and step not in ("replaced", "dir_synced")
    thumbnail = store.thumbnail(EXPECTED.sha256)
    assert thumbnail in (None, EXPECTED.thumbnail)
    assert not [p for p in tmp_path.rglob("*") if TEMP_MARKER in p.name]
    # adding it again after the crash completes it
    store.add(photo_raw())
    assert store.read(EXPECTED.sha256) == EXPECTED.data
    assert store.thumbnail(EXPECTED.sha256) == EXPECTED.thumbnail
