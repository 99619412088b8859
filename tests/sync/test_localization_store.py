"""The directory and shared collections on the device survive what the atlas survives: a kill at every
step of a page commit, damaged files, stray temp files; and shared copies never outlive their user."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sync.reference_store import ServerItem
from sync.segments import MANIFEST, SEGMENT_SUFFIX
from sync.storage import TEMP_MARKER
from sync.store import COLLECTION_DIRS, LocalStore, collection_folder
from tests.sync.crash_cases import LOCALIZATION_PAGES
from tests.sync.test_store_crash import PAGE_COMMIT_STEPS, assert_killed, no_leftovers, page_committed, run_child

NAMES = list(LOCALIZATION_PAGES)


def state(store: LocalStore, name: str) -> tuple[dict[str, str], str | None]:
    collection = store.reference[name]
    label = "name_en" if name == "suppliers" else "status"
    return {rid: str(getattr(m, label)) for rid, m in collection.models.items()}, collection.state.cursor


def expected(name: str, which: int) -> tuple[dict[str, str], str]:
    store = LocalStore.in_memory()
    for page in LOCALIZATION_PAGES[name][: which + 1]:
        store.reference[name].apply_page([ServerItem(**i) for i in page["items"]], page["cursor"], False, "t")
    return state(store, name)  # type: ignore[return-value]


def prepare(folder: Path, name: str) -> None:
    store = LocalStore.open(folder)
    page = LOCALIZATION_PAGES[name][0]
    store.reference[name].apply_page([ServerItem(**i) for i in page["items"]], page["cursor"], False, "sync: test")
    store.close()


@pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("step", "occurrence"), PAGE_COMMIT_STEPS)
def test_page_commit_killed_at_each_step_loads_the_old_or_new_page_with_its_cursor(
    tmp_path: Path, name: str, step: str, occurrence: int
) -> None:
    folder = tmp_path / "data"
    prepare(folder, name)

    assert_killed(run_child(folder, f"page:{name}", step, occurrence))
    store = LocalStore.open(folder)
    found = state(store, name)
    store.close()

    assert found == expected(name, 1 if page_committed(step, occurrence) else 0)
    assert no_leftovers(folder)


def _damage_manifest(folder: Path) -> None:
    (folder / MANIFEST).write_bytes(json.dumps({"records": {"x": {"v": 1, "d": {"id": 42}}}}).encode())


def _damage_page(folder: Path) -> None:
    page = max(folder.glob(f"*{SEGMENT_SUFFIX}"))
    raw = bytearray(page.read_bytes())
    raw[-10] ^= 0x20  # one bit of the body: the header's CRC no longer matches
    page.write_bytes(bytes(raw))


def _truncate_page(folder: Path) -> None:
    page = max(folder.glob(f"*{SEGMENT_SUFFIX}"))
    page.write_bytes(page.read_bytes()[:40])


DAMAGES = {"manifest": _damage_manifest, "page body": _damage_page, "page truncated": _truncate_page}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_collection_is_moved_aside_and_pulled_again(tmp_path: Path, name: str, damage: str) -> None:
    prepare(tmp_path, name)
    DAMAGES[damage](collection_folder(tmp_path, name))

    store = LocalStore.open(tmp_path)

    assert len(store.reference[name]) == 0 and store.reference[name].state.cursor is None
    assert [n.code for n in store.notices] == ["atlas_cache_reset"]
    assert len(list((tmp_path / "quarantine").iterdir())) == 1
    store.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_collection_file_of_the_old_layout_failing_validation_is_moved_aside(tmp_path: Path, name: str) -> None:
    LocalStore.open(tmp_path).close()
    legacy = tmp_path / COLLECTION_DIRS[name] / f"{name}.json"
    legacy.write_bytes(json.dumps({"records": {"x": {"v": 1, "d": {"id": 42}}}}).encode())

    store = LocalStore.open(tmp_path)

    assert len(store.reference[name]) == 0 and store.reference[name].state.cursor is None
    assert [n.code for n in store.notices] == ["atlas_cache_reset"]
    assert [p.name.split(".")[0] for p in (tmp_path / "quarantine").iterdir()] == [name]
    store.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_collection_file_of_the_old_layout_is_converted_with_its_cursor(tmp_path: Path, name: str) -> None:
    old_page = LOCALIZATION_PAGES[name][0]
    legacy = tmp_path / COLLECTION_DIRS[name] / f"{name}.json"
    legacy.parent.mkdir(parents=True)
    records = {i["id"]: {"v": i["version"], "d": i["data"]} for i in old_page["items"]}
    legacy.write_bytes(json.dumps({"records": records, "meta": {"state": {"cursor": "c1"}}}).encode())

    store = LocalStore.open(tmp_path)

    assert state(store, name) == expected(name, 0)
    assert store.notices == [] and not legacy.exists()
    store.close()
    assert (tmp_path / "backups" / f"{COLLECTION_DIRS[name]}-{name}.json").exists()  # kept, not deleted
    assert no_leftovers(tmp_path)


def test_orphan_temp_files_in_the_new_folders_are_removed(tmp_path: Path) -> None:
    LocalStore.open(tmp_path).close()
    strays = [tmp_path / sub / f"x.json{TEMP_MARKER}1-deadbeef" for sub in ("directory", "shared")]
    for stray in strays:
        stray.write_bytes(b"{")

    LocalStore.open(tmp_path).close()

    assert not any(stray.exists() for stray in strays)


def test_another_user_signing_in_empties_the_shared_collections_but_not_the_directory(tmp_path: Path) -> None:
    for name in NAMES:
        prepare(tmp_path, name)
    store = LocalStore.open(tmp_path)
    store.user.set_auth(
        {
            "api_url": "http://127.0.0.1:1",
            "username": "ali",
            "role": "member",
            "access_token": "a",
            "refresh_token": "r",
            "access_expires_at": "x",
            "refresh_expires_at": "y",
        }
    )

    store.switch_user("sara")
    store.close()
    reopened = LocalStore.open(tmp_path)

    assert len(reopened.needs) == 0 and reopened.needs.state.cursor is None
    assert len(reopened.suppliers) == 2
    reopened.close()
