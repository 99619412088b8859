"""Accounts: user ids are never reused, deleting a user deals with their records, and no username looks
like another's."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest
import sqlalchemy as sa

from tests.server.helpers import API, PASSWORD, Api, favourite, note
from tests.support.live_server import LiveServer


def execute(db_url: str, *statements: str) -> None:
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as connection:
            for sql in statements:
                connection.execute(sa.text(sql))
    finally:
        engine.dispose()


def notes_of(api: Api) -> list[str]:
    return [item["data"]["text"] for item in api.pull("notes")["items"] if not item["deleted"]]


def test_a_new_user_never_inherits_a_deleted_users_records(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    ali = make_api("ali")
    ali.push(ali.op("notes", str(uuid.uuid4()), note("ali's private note")))
    ali.close()
    # How users were removed before there was a command for it: the row only.
    execute(live_server.db_url, "DELETE FROM tokens", "DELETE FROM users WHERE username = 'ali'")

    mina = make_api("mina")

    assert notes_of(mina) == []


def test_delete_user_deletes_their_records(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    ali = make_api("ali")
    ali.push(ali.op("notes", str(uuid.uuid4()), note("ali's private note")), ali.op("favourites", *favourite()))

    refused = live_server.run_cli("delete-user", "ali", check=False)
    done = live_server.run_cli("delete-user", "ali", "--yes")
    live_server.create_user("ali", "member", PASSWORD)  # the same name again: a new person
    again = make_api()
    again.sign_in("ali")

    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert "2 of their records" in done.stdout
    assert ali.http.get("/me").status_code == 401
    assert notes_of(again) == [] and again.pull("favourites")["items"] == []


def test_delete_user_can_hand_their_records_over(live_server: LiveServer, make_api: Callable[..., Api]) -> None:
    leaving, staying = make_api("leaving"), make_api("staying")
    staying_cursor = staying.pull_all("notes")[1]
    leaving.push(
        leaving.op("notes", str(uuid.uuid4()), note("site visit, May")), leaving.op("favourites", *favourite())
    )
    staying.push(staying.op("favourites", *favourite()))  # the same favourite: theirs stays

    printed = live_server.run_cli("delete-user", "leaving", "--hand-over-to", "staying").stdout

    assert "Handed 1 records over" in printed and "1 they already had" in printed
    new_notes, _ = staying.pull_all("notes", staying_cursor)  # arrive as changes after the cursor held
    assert [item["data"]["text"] for item in new_notes] == ["site visit, May"]


@pytest.mark.parametrize(
    "lookalike",
    ["ali\u200b", "\u0430li", "a\u200dli", "al\u00a0i", "al\u0456"],
    ids=["zero-width-space", "cyrillic-a", "zero-width-joiner", "no-break-space", "cyrillic-i"],
)
def test_a_username_that_looks_like_another_is_refused(live_server: LiveServer, lookalike: str) -> None:
    completed = live_server.run_cli("create-user", lookalike, "--role", "member", input=PASSWORD + "\n", check=False)

    assert completed.returncode == 1, completed.stdout
    assert "invisible" in completed.stderr or "mixes scripts" in completed.stderr


def test_arabic_letter_forms_name_the_same_persian_user(live_server: LiveServer) -> None:
    live_server.create_user("علی‌کاظمی".replace("\u200c", ""), "member", PASSWORD)  # stored as typed on Persian keys

    duplicate = live_server.run_cli("create-user", "علي‌كاظمي".replace("\u200c", ""), "--role", "member",
                                    input=PASSWORD + "\n", check=False)  # fmt: skip
    arabic_keyboard = httpx.post(live_server.url + API + "/auth/token", json={"username": "علي كاظمي".replace(" ", ""),
                                 "password": PASSWORD})  # fmt: skip

    assert duplicate.returncode == 1 and "exists already" in duplicate.stderr
    assert arabic_keyboard.status_code == 200 and arabic_keyboard.json()["user"]["username"] == "علیکاظمی"
