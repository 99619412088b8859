"""Start-up recovery: damaged files, a second writer, interrupted migrations, a full disk."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sync import migrations, storage
from sync.errors import SchemaTooNew, StoreLocked, StoreWriteFailed
from sync.reference_store import ServerItem
from sync.segments import MANIFEST, SEGMENT_SUFFIX, segment_name
from sync.store import LocalStore
from tests.factories import make_plant

DAMAGE = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "trailing_garbage": lambda raw: raw + b"}\x00garbage",
    "empty": lambda raw: b"",
    "wrong_top_level_type": lambda raw: b"[1, 2, 3]",
    "invalid_utf8": lambda raw: b"\xff\xfe" + raw,
    "valid_json_failing_validation": lambda raw: json.dumps(
        {"records": {"P1": {"v": 1, "d": {"name_en": 42}}}}
    ).encode(),
}


def filled_store(folder: Path) -> LocalStore:
    store = LocalStore.open(folder)
    plants = [make_plant(i) for i in range(1, 4)]
    store.plants.apply_page([ServerItem(p.id, 1, False, p.model_dump(mode="json")) for p in plants], "c1", False, "t")
    store.user.save("notes", "n1", {"asset_id": plants[0].id, "kind": "plant", "text": "first visit"})
    return store


def plants_files(folder: Path) -> dict[str, Path]:
    """The plants collection's manifest and its (one) page file."""
    collection = folder / "atlas" / "plants"
    return {"manifest": collection / MANIFEST, "page": max(collection.glob(f"*{SEGMENT_SUFFIX}"))}


@pytest.mark.parametrize("which", ["manifest", "page"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_atlas_cache_is_moved_aside_and_reset_for_rebuild(tmp_path: Path, damage: str, which: str) -> None:
    filled_store(tmp_path).close()
    cache = plants_files(tmp_path)[which]
    cache.write_bytes(DAMAGE[damage](cache.read_bytes()))
    store = LocalStore.open(tmp_path)
    assert len(store.plants) == 0 and store.plants.state.cursor is None  # the next pull rebuilds it
    assert [n.code for n in store.notices] == ["atlas_cache_reset"]
    assert len(list((tmp_path / "quarantine").iterdir())) == 1
    assert store.user.record("notes", "n1") is not None  # user data untouched
    store.close()


@pytest.mark.parametrize("damage", [d for d in DAMAGE if d != "valid_json_failing_validation"])
def test_damaged_user_data_is_quarantined_and_restored_from_its_last_good_copy(tmp_path: Path, damage: str) -> None:
    filled_store(tmp_path).close()
    LocalStore.open(tmp_path).close()  # a clean start takes the last-good copy
    user = tmp_path / "user.json"
    original = user.read_bytes()
    user.write_bytes(DAMAGE[damage](original))
    store = LocalStore.open(tmp_path)
    assert [n.code for n in store.notices] == ["user_data_restored"]
    assert store.user.record("notes", "n1").data["text"] == "first visit"
    assert store.user.pending_count() == 1
    quarantined = list((tmp_path / "quarantine").iterdir())
    assert len(quarantined) == 1 and quarantined[0].read_bytes() == DAMAGE[damage](original)  # kept, not deleted
    store.close()


def test_user_data_failing_validation_is_quarantined_never_deleted(tmp_path: Path) -> None:
    filled_store(tmp_path).close()
    (tmp_path / "user.json").write_text(json.dumps({"records": {"x": {"nonsense": True}}}), encoding="utf-8")
    (tmp_path / "user.last-good.json").write_bytes(b"{broken")
    store = LocalStore.open(tmp_path)
    assert [n.code for n in store.notices] == ["user_data_quarantined"]
    assert store.user.records("notes") == []
    assert any("nonsense" in p.read_text() for p in (tmp_path / "quarantine").iterdir())
    store.close()


def test_orphan_temp_files_and_unnamed_pages_from_a_crashed_write_are_removed(tmp_path: Path) -> None:
    filled_store(tmp_path).close()
    collection = tmp_path / "atlas" / "plants"
    orphans = [
        tmp_path / "atlas" / f"plants.json{storage.TEMP_MARKER}999-deadbeef",
        collection / f"{MANIFEST}{storage.TEMP_MARKER}999-deadbeef",
        collection / segment_name(7),  # a page written, then the process died before the manifest named it
    ]
    for orphan in orphans:
        orphan.write_bytes(b'{"records": {"half')
    store = LocalStore.open(tmp_path)
    assert not any(o.exists() for o in orphans) and len(store.plants) == 3 and store.notices == []
    store.close()


def test_a_second_process_cannot_open_the_same_data_folder(tmp_path: Path) -> None:
    store = filled_store(tmp_path)
    code = "import sys; from pathlib import Path; from sync.store import LocalStore; LocalStore.open(Path(sys.argv[1]))"
    other = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                           cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert other.returncode != 0 and "StoreLocked" in other.stderr
    store.close()
    first = LocalStore.open(tmp_path)  # in one process too: a second store on the folder is refused
    with pytest.raises(StoreLocked):
        LocalStore.open(tmp_path)
    first.close()


def test_full_disk_during_a_save_reports_the_error_and_keeps_the_previous_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = filled_store(tmp_path)

    def disk_full(step: str, path: Path) -> None:
        if step == "temp_partial":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "fault_hook", disk_full)
    with pytest.raises(StoreWriteFailed, match="disk is full"):
        store.user.save("notes", "n2", {"asset_id": "P1", "kind": "plant", "text": "second"})
    monkeypatch.setattr(storage, "fault_hook", None)
    assert store.user.record("notes", "n2") is None  # nothing half-saved in memory either
    store.user.save("notes", "n3", {"asset_id": "P1", "kind": "plant", "text": "after the disk was freed"})
    store.close()
    reopened = LocalStore.open(tmp_path)
    assert {r.id for r in reopened.user.records("notes")} == {"n1", "n3"}
    assert not [p for p in tmp_path.iterdir() if storage.TEMP_MARKER in p.name]
    reopened.close()


def test_file_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    filled_store(tmp_path).close()
    user = tmp_path / "user.json"
    data = json.loads(user.read_text())
    data.setdefault("meta", {})["state"] = {**data.get("meta", {}).get("state", {}), "schema": 99}
    user.write_text(json.dumps(data))
    before = user.read_bytes()
    with pytest.raises(SchemaTooNew):
        LocalStore.open(tmp_path)
    assert user.read_bytes() == before


def test_schema_migration_backs_up_then_upgrades_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled_store(tmp_path).close()
    calls = []

    def add_pinned_flag(tables: migrations.Tables) -> migrations.Tables:
        calls.append(1)
        for record in tables.get("records", {}).values():
            if record.get("data") is not None:
                record["data"].setdefault("pinned", False)
        return tables

    now = migrations.SCHEMA["user"]
    monkeypatch.setitem(migrations.SCHEMA, "user", now + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, "user", {**migrations.MIGRATIONS["user"], now: add_pinned_flag})
    before = (tmp_path / "user.json").read_bytes()
    store = LocalStore.open(tmp_path)
    assert store.user.record("notes", "n1").data["pinned"] is False
    assert store.user.schema() == now + 1
    store.close()
    assert (tmp_path / "backups" / f"user.json.schema{now}.bak").read_bytes() == before
    LocalStore.open(tmp_path).close()
    assert len(calls) == 1  # already at the new schema: not run again


def test_migration_killed_half_way_is_redone_from_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filled_store(tmp_path).close()
    now = migrations.SCHEMA["user"]
    monkeypatch.setitem(migrations.SCHEMA, "user", now + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, "user", {**migrations.MIGRATIONS["user"], now: lambda t: t})

    def die_before_replace(step: str, path: Path) -> None:
        if step == "temp_written" and path.name == "user.json":
            raise KeyboardInterrupt  # stands in for the process dying mid-write

    monkeypatch.setattr(storage, "fault_hook", die_before_replace)
    with pytest.raises(KeyboardInterrupt):
        LocalStore.open(tmp_path)
    monkeypatch.setattr(storage, "fault_hook", None)
    store = LocalStore.open(tmp_path)
    assert store.user.schema() == now + 1 and store.user.record("notes", "n1") is not None
    store.close()
