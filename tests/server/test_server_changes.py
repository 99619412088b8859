"""The changes feed: snapshots, paging by (version, id), tombstones, horizons, privacy, commit order."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.server.helpers import Api, error_of, favourite, import_reference, make_mine, make_plant, make_source
from tests.support.live_server import LiveServer


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def cursor_of(version: int, record_id: str) -> str:
    raw = json.dumps({"v": version, "id": record_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_initial_pull_has_no_tombstones(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 2, 3)])
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 3)])  # P…2 becomes a tombstone

    page = member.pull("plants")

    assert ids(page["items"]) == ["P100000120001", "P100000120003"]
    assert all(not item["deleted"] and item["data"]["kind"] == "plant" for item in page["items"])
    assert page["collection"] == "plants" and page["schema_version"] == 1 and page["has_more"] is False


def test_changes_pages_rows_sharing_one_version_without_loss(live_server: LiveServer, member: Api) -> None:
    report = import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 1001)])

    items, _cursor = member.pull_all("plants", limit=77)  # pages end in the middle of version 1

    assert len(items) == 1000 and len(set(ids(items))) == 1000
    assert {item["version"] for item in items} == {report.version}
    assert ids(items) == sorted(ids(items))  # the id breaks the tie


def test_changes_after_a_cursor_carry_updates_and_tombstones_in_version_order(
    live_server: LiveServer, member: Api
) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 2, 3)])
    _items, cursor = member.pull_all("plants")

    renamed = make_plant(1, name_en="Renamed Plant")
    second = import_reference(live_server.db_url, plants=[renamed, make_plant(3), make_plant(4)])
    items, next_cursor = member.pull_all("plants", cursor)

    by_id = {item["id"]: item for item in items}
    assert set(by_id) == {"P100000120001", "P100000120002", "P100000120004"}  # P…3 unchanged
    assert by_id["P100000120001"]["data"]["name_en"] == "Renamed Plant"
    assert by_id["P100000120002"] == {"id": "P100000120002", "version": second.version, "deleted": True, "data": None}
    assert [(i["version"], i["id"]) for i in items] == sorted((i["version"], i["id"]) for i in items)
    assert member.pull("plants", next_cursor)["items"] == []


def test_empty_page_returns_the_cursor_sent(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(1)])
    first = member.pull("plants")

    again = member.pull("plants", first["next_cursor"])
    empty_collection = member.pull("mines")
    from_start = member.pull("mines", empty_collection["next_cursor"])

    assert again["items"] == [] and again["next_cursor"] == first["next_cursor"] and again["has_more"] is False
    assert empty_collection["items"] == [] and empty_collection["next_cursor"]
    assert from_start["next_cursor"] == empty_collection["next_cursor"]


def test_has_more_tells_when_another_page_is_ready(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 6)])

    first = member.pull("plants", limit=5)
    second = member.pull("plants", limit=4)

    assert first["has_more"] is False and len(first["items"]) == 5
    assert second["has_more"] is True and len(second["items"]) == 4


@pytest.mark.parametrize(("limit", "expected"), [(0, 1), (-5, 1), (2000, 1000)])
def test_limit_is_clamped(live_server: LiveServer, member: Api, limit: int, expected: int) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 1002)])

    page = member.pull("plants", limit=limit)

    assert len(page["items"]) == expected and page["has_more"] is True


def test_default_page_is_500(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 502)])

    assert len(member.pull("plants")["items"]) == 500


def test_unknown_collection_is_404(live_server: LiveServer, member: Api) -> None:
    answer = member.http.get("/changes/inspections")

    assert answer.status_code == 404 and error_of(answer)["code"] == "not_found"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "cursor",
    ["%%%", b64(b"not json"), b64(b"{}"), b64(b'{"v": "1", "id": 1}'), cursor_of(-1, "x"), b64(b"\xff\xfe")],
)
def test_cursor_that_does_not_decode_is_400(live_server: LiveServer, member: Api, cursor: str) -> None:
    answer = member.http.get("/changes/plants", params={"cursor": cursor})

    assert answer.status_code == 400 and error_of(answer)["code"] == "invalid"


def test_cursor_older_than_tombstone_horizon_gets_410(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 2, 3)])
    _items, old_cursor = member.pull_all("plants")
    import_reference(live_server.db_url, plants=[make_plant(1)])  # two tombstones
    live_server.run_cli("purge-tombstones", "--older-than-days", "0")

    expired = member.http.get("/changes/plants", params={"cursor": old_cursor})
    restart, _cursor = member.pull_all("plants")

    assert expired.status_code == 410 and error_of(expired)["code"] == "resync_required"
    assert ids(restart) == ["P100000120001"]


def test_cursor_that_saw_the_purged_tombstones_is_still_good(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 2, 3)])
    import_reference(live_server.db_url, plants=[make_plant(1)])
    _items, cursor = member.pull_all("plants")  # past the tombstones
    live_server.run_cli("purge-tombstones", "--older-than-days", "0")

    assert member.pull("plants", cursor)["items"] == []


def test_first_sync_paging_past_purged_tombstones_completes(live_server: LiveServer, member: Api) -> None:
    # Old rows at low versions, a deletion at a later version that has been purged: a first sync
    # whose page boundary sits below the horizon must not be sent back to the start for ever.
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 11)])
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 10)])
    live_server.run_cli("purge-tombstones", "--older-than-days", "0")
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 10)] + [make_plant(11)])

    items, cursor = member.pull_all("plants", limit=3)

    assert len(items) == 10 and not any(item["deleted"] for item in items)
    assert member.pull("plants", cursor)["items"] == []


def test_first_sync_ending_at_a_version_with_purged_tombstones_is_not_sent_back(
    live_server: LiveServer, member: Api
) -> None:
    # The last import both changed P…1 and deleted P…3 under one version; its tombstone is purged.
    import_reference(live_server.db_url, plants=[make_plant(n) for n in (1, 2, 3)])
    import_reference(live_server.db_url, plants=[make_plant(1, name_en="Renamed"), make_plant(2)])
    live_server.run_cli("purge-tombstones", "--older-than-days", "0")

    items, cursor = member.pull_all("plants")
    later = member.http.get("/changes/plants", params={"cursor": cursor})

    assert ids(items) == ["P100000120002", "P100000120001"]
    assert later.status_code == 200 and later.json()["items"] == []


def test_deletion_during_a_paged_first_sync_reaches_the_client(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 7)])
    first = member.pull("plants", limit=3)
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(2, 7)])  # deletes P…1, already sent

    rest, _cursor = member.pull_all("plants", first["next_cursor"], limit=3)

    assert {"id": "P100000120001", "deleted": True} in [{"id": i["id"], "deleted": i["deleted"]} for i in rest]


def test_cursor_from_a_replaced_database_gets_410(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(1)])

    answer = member.http.get("/changes/plants", params={"cursor": cursor_of(9999, "P1")})

    assert answer.status_code == 410 and error_of(answer)["code"] == "resync_required"


def test_reference_collections_are_readable_by_every_role(
    live_server: LiveServer, make_api: Callable[..., Api]
) -> None:
    import_reference(live_server.db_url, plants=[make_plant(1)], mines=[make_mine(1)], sources=[make_source()])

    for role in ("member", "field_staff", "admin"):
        api = make_api(f"user-{role}", role=role)
        for collection in ("plants", "mines", "sources"):
            assert len(api.pull(collection)["items"]) == 1, (role, collection)


def test_user_collections_are_private_to_their_owner(make_api: Callable[..., Api]) -> None:
    ali, sara = make_api("ali"), make_api("sara")
    record_id, data = favourite("P100000120001")
    ali.push(ali.op("favourites", record_id, data))

    ali_sees = ali.pull("favourites")["items"]
    sara_sees = sara.pull("favourites")["items"]

    assert ids(ali_sees) == [record_id]
    assert sara_sees == []


def test_transaction_committing_late_does_not_skip_rows(live_server: LiveServer, member: Api) -> None:
    """Writer A takes a version and holds its transaction open; writer B (a push) must wait for
    the counter, so a puller that reads in between can never move its cursor past A's row."""
    from server import persistence
    from server.db import Database

    database = Database(live_server.db_url)
    with database.read() as session:
        user = persistence.get_user_by_name(session, username="member1")
        assert user is not None
        owner = str(user.id)
    _items, cursor = member.pull_all("favourites")
    record_b, data_b = favourite("P100000120002")
    pushed: dict[str, Any] = {}
    b_done = threading.Event()

    def writer_b() -> None:
        pushed.update(member.push(member.op("favourites", record_b, data_b)))
        b_done.set()

    record_a, data_a = favourite("P100000120001")
    try:
        with database.write() as session:  # writer A
            persistence.lock_versions(session)
            version_a = persistence.next_version(session)
            persistence.write_record(
                session,
                collection="favourites",
                owner=owner,
                record_id=record_a,
                version=version_a,
                data=data_a,
                now=dt.datetime.now(dt.UTC),
            )
            thread = threading.Thread(target=writer_b, daemon=True)
            thread.start()
            waited = not b_done.wait(1.5)
            puller = Api(live_server.url)
            puller.use(member.tokens)
            during, cursor_during = puller.pull_all("favourites", cursor)
        thread.join(60)
        after, _cursor = puller.pull_all("favourites", cursor_during)
        puller.close()
    finally:
        database.dispose()

    assert waited, "writer B finished while A held the counter"
    assert during == []  # neither A (uncommitted) nor B (waiting) is visible yet
    assert pushed["results"][0]["status"] == "applied"
    assert pushed["results"][0]["version"] == version_a + 1
    assert [(i["id"], i["version"]) for i in after] == [(record_a, version_a), (record_b, version_a + 1)]


def test_pull_while_an_import_is_running_sees_all_or_nothing(live_server: LiveServer, member: Api) -> None:
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 3)])
    seen: list[int] = []
    stop = threading.Event()

    def puller() -> None:
        api = Api(live_server.url)
        api.use(member.tokens)
        while not stop.is_set():
            seen.append(len(api.pull("plants", limit=1000)["items"]))
            time.sleep(0.01)
        api.close()

    thread = threading.Thread(target=puller, daemon=True)
    thread.start()
    import_reference(live_server.db_url, plants=[make_plant(n) for n in range(1, 801)])
    time.sleep(0.2)
    stop.set()
    thread.join(30)

    assert seen and set(seen) <= {2, 800}


def test_deeply_nested_cursor_is_400_not_a_server_error(live_server: LiveServer, member: Api) -> None:
    # 1,400 brackets fit the 2,000-character cursor limit and are deeper than Python's JSON decoder recurses.
    answer = member.http.get("/changes/plants", params={"cursor": b64(b"[" * 1400)})

    assert answer.status_code == 400 and error_of(answer)["code"] == "invalid"


@pytest.mark.parametrize("record_id", ["a\u0000b", "\ud800", "x" * 300])
def test_cursor_with_an_id_no_record_can_have_is_400(live_server: LiveServer, member: Api, record_id: str) -> None:
    # PostgreSQL refuses NUL and lone surrogates in text: without this check the query itself fails (500).
    raw = json.dumps({"v": 0, "id": record_id}).encode()  # ensure_ascii: the surrogate travels as an escape

    answer = member.http.get("/changes/notes", params={"cursor": b64(raw)})

    assert answer.status_code == 400 and error_of(answer)["code"] == "invalid"
