"""One device, several members: data files are the OS user's alone, tokens are never parked or copied,
drafts belong to the member who typed them, and answers the client applied are acknowledged."""

from __future__ import annotations

import json
import stat
import sys
import uuid
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from sync import clock
from tests.support.waiting import wait_until
from tests.sync_e2e.conftest import Device, run

NOTE = uuid.uuid5(uuid.NAMESPACE_URL, "zanjireh-test/accounts").hex


def write(device: Device, text: str) -> None:
    device.store.user.save("notes", NOTE, {"asset_id": "P100000120584", "kind": "plant", "text": text,
                                           "updated_at": clock.now_iso()})  # fmt: skip


def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name != "zanjireh.lock"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_every_data_file_is_readable_by_its_owner_only(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, "visited the pellet plant")
    assert phone.sync().ok
    phone = phone.reopen()  # takes user.last-good.json too

    modes = {p.relative_to(phone.folder).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in files(phone.folder)}

    assert {"user.json", "user.last-good.json", "device.json", "session.json"} <= set(modes)
    assert {name: mode for name, mode in modes.items() if mode != 0o600} == {}


def test_tokens_are_kept_apart_from_user_data(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    tokens = phone.engine.session()

    for path in files(phone.folder):
        if path.name != "session.json":
            assert tokens["refresh_token"].encode() not in path.read_bytes(), path.name
    assert phone.engine.tokens_kept_in == "app_data_file"


def test_a_second_member_signing_in_never_gets_the_first_members_tokens(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    write(phone, "ali's note")
    ali = phone.engine.session()

    phone.sign_in("sara")

    assert phone.engine.session()["username"] == "sara"
    for path in files(phone.folder):
        data = path.read_bytes()
        assert ali["refresh_token"].encode() not in data and ali["access_token"].encode() not in data, path.name
    refreshed = httpx.post(phone.server.url + "/api/v1/auth/refresh", json={"refresh_token": ali["refresh_token"]})
    assert refreshed.status_code == 401  # ended on the server too, not only forgotten here
    phone.sign_in("ali")  # ali's unsent note waited in her parked data, without tokens
    assert phone.store.user.record("notes", NOTE).data["text"] == "ali's note"


def _expired(device: Device) -> dict[str, str]:
    """The device's session once the server refuses its access token (3 s tokens: waited for, not slept)."""
    session = device.engine.session()
    headers = {"Authorization": f"Bearer {session['access_token']}", "X-Zanjireh-Schema": "1"}
    wait_until(lambda: httpx.get(device.server.url + "/api/v1/me", headers=headers).status_code == 401,
               what="the access token to expire")  # fmt: skip
    return session


def _refreshable(device: Device, refresh_token: str) -> bool:
    answer = httpx.post(device.server.url + "/api/v1/auth/refresh", json={"refresh_token": refresh_token})
    return answer.status_code == 200


@pytest.mark.parametrize("server_env", [{"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.05"}])
def test_signing_out_after_the_access_token_expired_still_ends_the_sign_in_on_the_server(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    ali = _expired(phone)
    run(phone.engine.sign_out())
    assert phone.engine.session() is None
    assert not _refreshable(phone, ali["refresh_token"])  # not only forgotten here: a copy of it is dead too


@pytest.mark.parametrize("server_env", [{"ZANJIREH_ACCESS_TOKEN_MINUTES": "0.05"}])
def test_a_second_member_signing_in_after_the_first_members_token_expired_ends_the_first_sign_in(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    ali = _expired(phone)
    phone.sign_in("sara")
    assert phone.engine.session()["username"] == "sara"
    assert not _refreshable(phone, ali["refresh_token"])


def test_a_second_member_never_sees_the_first_members_drafts(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    phone.store.user.set_draft("plant:P100000120584/new", "ali's half-written note")

    phone.sign_in("sara")
    sara_sees = phone.store.user.drafts()
    phone.sign_in("ali")

    assert sara_sees == {}
    assert phone.store.user.drafts() == {"plant:P100000120584/new": "ali's half-written note"}


def test_the_client_acknowledges_applied_answers_and_the_server_forgets_them(devices) -> None:
    phone = devices("phone")
    phone.sign_in("ali")
    for n in range(3):
        write(phone, f"edit {n}")
        assert phone.sync().ok

    engine = sa.create_engine(phone.server.db_url)
    try:
        with engine.connect() as connection:
            kept = sorted(connection.execute(sa.text("SELECT seq FROM push_results")).scalars())
    finally:
        engine.dispose()

    assert kept == [3]  # seqs 1 and 2 were acknowledged by the next push; 3 waits for the next one


def test_a_data_folder_of_the_previous_version_loses_no_session_and_parks_no_tokens(tmp_path: Path) -> None:
    session = {"api_url": "http://127.0.0.1:9", "username": "ali", "role": "member", "access_token": "acc",
               "refresh_token": "ref", "access_expires_at": "x", "refresh_expires_at": "y"}  # fmt: skip
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "user.json").write_text(json.dumps({"meta": {"state": {"owner": "ali"}}, "auth": {"session": session}}))
    (folder / "user-sara.json").write_text(
        json.dumps({"meta": {"state": {"owner": "sara"}}, "auth": {"session": {**session, "refresh_token": "sara"}}})
    )
    for path in folder.iterdir():
        path.chmod(0o644)

    from sync.store import LocalStore

    store = LocalStore.open(folder)
    kept = store.session.current()
    store.close()

    assert kept["refresh_token"] == "ref"  # the member stays signed in, from session.json now
    assert "auth" not in json.loads((folder / "user.json").read_text())
    assert b"refresh_token" not in (folder / "user-sara.json").read_bytes()  # parked tokens are dropped
    if sys.platform != "win32":
        loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files(folder)}
        assert {name: mode for name, mode in loose.items() if mode != oct(0o600)} == {}
