"""The atlas reaches clients whole, page by page, through 500s, cut-off bodies, dropped connections,
expired cursors and tombstones — against the real server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import PASSWORD, Device
from tests.sync_e2e.gem_files import plant_id, write_gem_folder

ROOT = Path(__file__).resolve().parents[2]


def main_py(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)  # fmt: skip


def server_import(server: LiveServer, folder: Path) -> None:
    server.run_cli("import-gem", str(folder))


def plant_names(device: Device) -> dict[str, str]:
    return {p.id: p.name_en for p in device.store.plants.all()}


def test_client_synced_from_a_server_import_has_the_balance_of_a_direct_import(
    any_server: LiveServer, shared_data: Path, tmp_path: Path
) -> None:
    server_import(any_server, shared_data)
    synced, direct = tmp_path / "synced", tmp_path / "direct"
    sync = main_py("sync", "--api", any_server.url, "--user", "ali", "--data-dir", str(synced),
                   env={"ZANJIREH_PASSWORD": PASSWORD})  # fmt: skip
    assert sync.returncode == 0, sync.stderr
    assert "plants: 47 added" in sync.stdout and "mines: 12 added" in sync.stdout
    assert main_py("import-gem", str(shared_data), "--data-dir", str(direct)).returncode == 0
    from_sync = json.loads(main_py("balance", "--json", "--data-dir", str(synced)).stdout)
    from_import = json.loads(main_py("balance", "--json", "--data-dir", str(direct)).stdout)
    assert from_sync["capacity_tpa"] == from_import["capacity_tpa"]
    assert from_sync["capacity_tpa"]["operating"]["dri"] == 44_209_000
    assert from_sync["unknown_amount_capacities"] == from_import["unknown_amount_capacities"]
    again = main_py("sync", "--api", any_server.url, "--data-dir", str(synced))  # the session is kept
    assert again.returncode == 0 and "plants: 0 added, 0 changed, 0 removed" in again.stdout


def test_sync_command_fails_with_a_clear_message_and_nonzero_exit(tmp_path: Path) -> None:
    refused = main_py("sync", "--api", "http://127.0.0.1:9", "--user", "ali", "--data-dir", str(tmp_path),
                      env={"ZANJIREH_PASSWORD": "x"})  # fmt: skip
    assert refused.returncode != 0 and "cannot be reached" in refused.stderr
    insecure = main_py("sync", "--api", "http://example.org", "--data-dir", str(tmp_path))
    assert insecure.returncode != 0 and "https://" in insecure.stderr


def test_rows_sharing_one_version_all_arrive_across_page_boundaries(server: LiveServer, devices, tmp_path) -> None:
    server_import(server, write_gem_folder(tmp_path, list(range(1, 1001))))  # one import: one version
    phone = devices("phone", page_size=97, snapshot_page_size=97)
    phone.sign_in("ali")
    result = phone.sync()
    assert result.ok and result.pulled["plants"].added == 1000
    assert set(plant_names(phone)) == {plant_id(n) for n in range(1, 1001)}
    assert phone.plan.count("/changes/plants") == 11  # 1000 / 97, rounded up: no page skipped or repeated


@pytest.mark.parametrize("fault", ["500", "truncate", "drop"])
def test_fault_in_the_middle_of_a_pull_keeps_committed_pages_and_resumes(
    server: LiveServer, devices, tmp_path: Path, fault: str
) -> None:
    server_import(server, write_gem_folder(tmp_path, list(range(1, 301))))
    phone = devices("phone", page_size=100, snapshot_page_size=100)
    phone.sign_in("ali")
    phone.plan.add("/changes/plants", fault, nth=2)
    first = phone.sync()
    assert not first.ok and first.error.code == "transient"
    assert len(phone.store.plants) == 100  # the first page is committed with its cursor
    assert phone.store.plants.state.cursor is not None
    requests_before = phone.plan.count("/changes/plants")
    second = phone.sync()
    assert second.ok
    assert set(plant_names(phone)) == {plant_id(n) for n in range(1, 301)}
    assert phone.plan.count("/changes/plants") - requests_before == 2  # resumed at page 2, not from zero


def test_tombstones_delete_recreate_unknown_ids_and_create_then_delete(
    server: LiveServer, devices, tmp_path: Path
) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    server_import(server, write_gem_folder(tmp_path, list(range(1, 11)), name_suffix="a"))
    assert phone.sync().ok and len(plant_names(phone)) == 10
    server_import(server, write_gem_folder(tmp_path, list(range(1, 10)), name_suffix="b"))  # 10 deleted
    result = phone.sync()
    assert result.pulled["plants"].removed == 1 and plant_id(10) not in plant_names(phone)
    server_import(server, write_gem_folder(tmp_path, list(range(1, 11)), name_suffix="c"))  # 10 recreated
    assert phone.sync().ok and plant_id(10) in plant_names(phone)
    # 11 is created and deleted again before the phone pulls: its tombstone is of an id it never had
    server_import(server, write_gem_folder(tmp_path, list(range(1, 12)), name_suffix="d"))
    server_import(server, write_gem_folder(tmp_path, list(range(1, 11)), name_suffix="e"))
    result = phone.sync()
    assert result.ok and result.pulled["plants"].removed == 0 and plant_id(11) not in plant_names(phone)
    fresh = devices("fresh")
    fresh.sign_in("ali")
    result = fresh.sync()
    assert result.ok and result.pulled["plants"].added == 10 and plant_id(11) not in plant_names(fresh)
    assert plant_names(fresh) == plant_names(phone)


def test_expired_cursor_rebuilds_the_atlas_and_keeps_unsent_user_changes(
    server: LiveServer, devices, tmp_path: Path
) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    server_import(server, write_gem_folder(tmp_path, list(range(1, 21)), name_suffix="a"))
    assert phone.sync().ok
    server_import(server, write_gem_folder(tmp_path, list(range(1, 16)), name_suffix="b"))
    server.run_cli("purge-tombstones", "--older-than-days", "0")
    phone.store.user.save("favourites", f"plant:{plant_id(3)}", {"kind": "plant", "asset_id": plant_id(3),
                                                                  "created_at": "2026-11-28T10:00:00Z"})  # fmt: skip
    result = phone.sync()
    assert result.ok and result.resyncs == ["plants"]
    assert set(plant_names(phone)) == {plant_id(n) for n in range(1, 16)}
    assert result.pushed.applied == 1 and phone.store.user.pending_count() == 0


@pytest.mark.parametrize("server_env", [{"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.02"}])
def test_token_expiring_mid_sync_is_refreshed_and_the_sync_completes(
    server: LiveServer, devices, tmp_path: Path
) -> None:
    server_import(server, write_gem_folder(tmp_path, list(range(1, 301))))
    phone = devices("phone", page_size=100, snapshot_page_size=100)
    phone.sign_in("ali")
    phone.plan.add("/changes/plants", "delay", nth=2, delay_s=1.5)  # the 1.2 s token dies meanwhile
    result = phone.sync()
    assert result.ok, result.error
    assert phone.plan.count("/auth/refresh") >= 1
    assert len(plant_names(phone)) == 300
