"""The command line: create-user, import-gem, purge-tombstones, migrate, and one-line errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.server.helpers import API, PASSWORD, SHARED_DATA, Api, favourite, import_reference, make_plant
from tests.support.live_server import REPO_ROOT, LiveServer, server_env

STEEL = SHARED_DATA / "gem-iron-steel-2025-09"
MINES = SHARED_DATA / "gem-iron-ore-mines-2024-11"
needs_gem_data = pytest.mark.skipif(not STEEL.is_dir(), reason=f"GEM data not found at {SHARED_DATA}")


def run_cli(
    *args: str, db_url: str, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=REPO_ROOT,
        env=server_env(db_url, env),
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line_error(completed: subprocess.CompletedProcess[str]) -> str:
    assert completed.returncode != 0, completed.stdout
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1, completed.stderr
    assert "error" in lines[0]
    return lines[0]


# ---- create-user -----------------------------------------------------------------------------------
def test_create_user_reads_password_from_stdin(live_server: LiveServer) -> None:
    created = live_server.run_cli("create-user", "field1", "--role", "field_staff", input="s3cret passphrase\n")

    signed_in = httpx.post(
        live_server.url + API + "/auth/token", json={"username": "field1", "password": "s3cret passphrase"}
    )

    assert created.returncode == 0 and "field1" in created.stdout
    assert signed_in.status_code == 200 and signed_in.json()["user"]["role"] == "field_staff"


def test_create_user_refuses_an_empty_password(db_url: str) -> None:
    message = one_line_error(run_cli("create-user", "ali", "--role", "member", db_url=db_url, input="\n"))

    assert "empty password" in message


def test_create_user_refuses_an_unknown_role(db_url: str) -> None:
    message = one_line_error(run_cli("create-user", "ali", "--role", "boss", db_url=db_url, input="pw\n"))

    assert "invalid choice: 'boss'" in message


def test_create_user_refuses_a_duplicate_user(live_server: LiveServer) -> None:
    live_server.create_user("ali", "member", PASSWORD)

    completed = live_server.run_cli("create-user", "ALI", "--role", "admin", input="another one\n", check=False)

    assert "exists already" in one_line_error(completed)


@pytest.mark.parametrize(
    "url",
    ["sqlite:////nonexistent-folder/zanjireh/db.sqlite3", "postgresql+psycopg://zanjireh:x@127.0.0.1:9/zanjireh"],
)
@pytest.mark.parametrize(
    "args",
    [("migrate",), ("create-user", "ali", "--role", "member"), ("purge-tombstones",), ("import-gem", str(REPO_ROOT))],
)
def test_commands_report_an_unreachable_database(url: str, args: tuple[str, ...]) -> None:
    message = one_line_error(run_cli(*args, db_url=url, input="a password\n"))

    assert "cannot reach the database" in message or "nothing imported" in message


def test_serve_refuses_weak_production_settings(tmp_path: Path) -> None:
    completed = run_cli(
        "serve",
        db_url="postgresql+psycopg://zanjireh:postgres@127.0.0.1:9/zanjireh",
        env={"ZANJIREH_ENVIRONMENT": "production", "ZANJIREH_ACCESS_TOKEN_MINUTES": "100000"},
    )

    message = one_line_error(completed)
    assert "default or empty database password" in message and "longer than a day" in message


def test_default_database_is_a_sqlite_file_in_the_server_data_folder(tmp_path: Path) -> None:
    env = {key: value for key, value in server_env("x").items() if key != "ZANJIREH_DB"}
    env["ZANJIREH_SERVER_DATA"] = str(tmp_path / "data")

    completed = subprocess.run(
        [sys.executable, "-m", "server", "migrate"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "data" / "zanjireh.sqlite3").is_file()


# ---- import-gem --------------------------------------------------------------------------------------
@needs_gem_data
def test_import_gem_reports_counts_and_the_records_are_served(live_server: LiveServer, member: Api) -> None:
    completed = live_server.run_cli("import-gem", str(SHARED_DATA))

    plants, _cursor = member.pull_all("plants")
    mines, _cursor = member.pull_all("mines")
    sources, _cursor = member.pull_all("sources")
    assert "plants: 47 added, 0 changed, 0 removed" in completed.stdout
    assert "mines: 12 added, 0 changed, 0 removed" in completed.stdout
    assert "sources: 2 added" in completed.stdout
    assert len(plants) == 47 and len(mines) == 12 and len(sources) == 2
    assert len({item["version"] for item in plants + mines + sources}) == 1  # one import, one version
    amirkabir = next(item for item in plants if item["id"] == "P100000121247")
    assert amirkabir["data"]["kind"] == "plant" and amirkabir["data"]["source_id"]


@needs_gem_data
def test_import_gem_again_keeps_versions_of_unchanged_rows(
    live_server: LiveServer, member: Api, tmp_path: Path
) -> None:
    live_server.run_cli("import-gem", str(STEEL))
    _plants, cursor = member.pull_all("plants")
    changed = tmp_path / "steel"  # no release in the folder name: given with --release
    shutil.copytree(STEEL, changed)
    data = changed / "iran_plant_data.csv"
    text = data.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    removed_line = lines.pop(3)  # one plant leaves the release
    data.write_text("".join(lines), encoding="utf-8")

    second = live_server.run_cli("import-gem", str(changed), "--release", "September 2025 (V1)")
    after, _cursor = member.pull_all("plants", cursor)

    assert "plants: 0 added, 0 changed, 1 removed, 46 unchanged" in second.stdout
    assert len(after) == 1 and after[0]["deleted"] is True and after[0]["id"] in removed_line


@needs_gem_data
def test_import_of_mines_only_leaves_the_plants_alone(live_server: LiveServer, member: Api) -> None:
    live_server.run_cli("import-gem", str(STEEL))

    completed = live_server.run_cli("import-gem", str(MINES))

    assert "plants" not in completed.stdout.split("mines:")[0].split("\n", 1)[1]
    assert "sources: 1 added, 0 changed, 0 removed, 1 unchanged" in completed.stdout
    assert len(member.pull_all("plants")[0]) == 47 and len(member.pull_all("sources")[0]) == 2


def test_import_gem_refuses_a_missing_folder(db_url: str, tmp_path: Path) -> None:
    message = one_line_error(run_cli("import-gem", str(tmp_path / "nope"), db_url=db_url))

    assert "no such folder" in message


def test_import_gem_refuses_a_folder_without_gem_sheets(db_url: str, tmp_path: Path) -> None:
    pytest.importorskip("sync.gem_import")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")

    message = one_line_error(run_cli("import-gem", str(tmp_path), db_url=db_url))

    assert "nothing imported" in message


@pytest.mark.parametrize("server_env", [{"ZANJIREH_TOMBSTONE_RETENTION_DAYS": "0"}])
@needs_gem_data
def test_import_gem_purges_old_tombstones(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    import_reference(live_server.db_url, plants=[make_plant(1)])
    import_reference(live_server.db_url, plants=[make_plant(2)])  # P…1 becomes a tombstone

    completed = live_server.run_cli("import-gem", str(STEEL))

    assert "purged 1 tombstones older than 0 days" in completed.stdout


# ---- purge-tombstones --------------------------------------------------------------------------------
def test_purge_tombstones_keeps_recent_ones(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(1), make_plant(2)])
    _items, cursor = member.pull_all("plants")
    import_reference(live_server.db_url, plants=[make_plant(1)])

    kept = live_server.run_cli("purge-tombstones")  # default retention: 90 days
    purged = live_server.run_cli("purge-tombstones", "--older-than-days", "0")

    assert "Purged 0 tombstones older than 90 days" in kept.stdout
    assert "Purged 1 tombstones older than 0 days" in purged.stdout
    assert member.http.get("/changes/plants", params={"cursor": cursor}).status_code == 410


def test_purge_tombstones_of_one_user_does_not_expire_another_users_cursor(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    ali, sara = make_api("ali"), make_api("sara")
    sara.push(sara.op("favourites", *favourite("P1")))
    _items, sara_cursor = sara.pull_all("favourites")
    ali.push(ali.op("favourites", *favourite("P2")))
    ali.push(ali.op("favourites", "plant:P2", action="delete"))
    _items, ali_cursor = ali.pull_all("favourites")

    live_server.run_cli("purge-tombstones", "--older-than-days", "0")

    assert sara.http.get("/changes/favourites", params={"cursor": sara_cursor}).status_code == 200
    assert ali.http.get("/changes/favourites", params={"cursor": ali_cursor}).status_code == 200
