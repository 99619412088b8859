"""A member cannot fill the server's disk: stored answers keep only what replay needs, answers the client
acknowledged are forgotten, and each member's records have a quota with a clear answer."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from tests.server.helpers import Api, favourite, note
from tests.support.live_server import LiveServer

NOTE_ID = "5d0e8f3a-0b1c-4d2e-9f00-000000000001"


def stored_results(db_url: str) -> dict[int, dict]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT seq, result FROM push_results")).all()
    finally:
        engine.dispose()
    return {int(seq): (json.loads(result) if isinstance(result, str) else result) for seq, result in rows}


def test_conflicts_keep_only_what_a_replay_needs(live_server: LiveServer, member: Api) -> None:
    long_text = "ی" * 9_999
    first = member.push(member.op("notes", NOTE_ID, note(long_text)))["results"][0]
    edit = member.push(member.op("notes", NOTE_ID, note(long_text + "!"), base_version=first["version"]))
    conflicting = [member.op("notes", NOTE_ID, note("stale edit"), base_version=first["version"]) for _ in range(20)]

    answers = member.push(*conflicting)["results"]
    replay = member.push(conflicting[0])["results"][0]

    assert edit["results"][0]["status"] == "applied"
    assert {a["status"] for a in answers} == {"conflict"} and answers[0]["record"]["data"]["text"] == long_text + "!"
    assert max(len(json.dumps(r)) for r in stored_results(live_server.db_url).values()) < 500
    assert replay["status"] == "duplicate" and replay["original"]["status"] == "conflict"
    assert replay["original"]["record"]["data"]["text"] == long_text + "!"  # read again for the replay


def test_answers_up_to_the_acknowledged_seq_are_forgotten(live_server: LiveServer, member: Api) -> None:
    member.push(*[member.op("favourites", *favourite(f"P{n}")) for n in range(1, 6)])

    answer = member.http.post("/push", json={"client_id": member.client_id, "ops": [], "acked_seq": 3})

    assert answer.status_code == 200 and answer.json()["last_seq"] == 5
    assert sorted(stored_results(live_server.db_url)) == [4, 5]


@pytest.mark.parametrize("server_env", [{"ZANJIREH_USER_MAX_RECORDS": "3", "ZANJIREH_USER_MAX_BYTES": "4000"}])
def test_writes_past_a_members_quota_are_rejected_and_deleting_makes_room(member: Api) -> None:
    favourites = [favourite(f"P{n}") for n in range(1, 5)]

    filled = member.push(*[member.op("favourites", *f) for f in favourites])["results"]
    too_big = member.push(member.op("notes", NOTE_ID, note("x" * 5000)))["results"][0]
    freed = member.push(member.op("favourites", favourites[0][0], action="delete"))["results"][0]
    fits = member.push(member.op("favourites", *favourites[3]))["results"][0]

    assert [r["status"] for r in filled] == ["applied", "applied", "applied", "rejected"]
    assert filled[3]["reason"].startswith("quota_exceeded")
    assert too_big["status"] == "rejected" and too_big["reason"].startswith("quota_exceeded")
    assert freed["status"] == "applied" and fits["status"] == "applied"


@pytest.mark.parametrize("server_env", [{"ZANJIREH_USER_MAX_BYTES": "25000"}])
def test_a_long_note_edited_in_place_counts_once(member: Api) -> None:
    text = "ک" * 10_000  # 20,000 bytes of UTF-8
    answers = [member.push(member.op("notes", NOTE_ID, note(text)))["results"][0]]
    for n in range(3):
        edit = member.op("notes", NOTE_ID, note(text[:-1] + str(n)), base_version=answers[-1]["version"])
        answers.append(member.push(edit)["results"][0])

    assert [a["status"] for a in answers] == ["applied"] * 4
    second = member.push(member.op("notes", str(uuid.uuid4()), note(text)))["results"][0]
    assert second["status"] == "rejected" and second["reason"].startswith("quota_exceeded")
