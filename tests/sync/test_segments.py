"""A pulled collection as page files and a manifest: pages kept as the server sent them and read back record by
record, incremental pages merged, snapshots swapped in, rows kept, and every page file the manifest names."""

from __future__ import annotations

import json
from pathlib import Path

from models.demo import demo_supplier
from models.supplier_rows import supplier_row
from sync.reference_store import SMALL_RUN, ServerItem
from sync.segments import MANIFEST, SEGMENT_SUFFIX, spans_in
from sync.store import LocalStore, collection_folder
from tests.factories import make_plant


def supplier_item(number: int, version: int, name: str | None = None) -> ServerItem:
    supplier = demo_supplier(number)
    if name is not None:
        supplier = supplier.model_copy(update={"name_en": name})
    return ServerItem(supplier.id, version, False, supplier.model_dump(mode="json"))


def feed_body(items: list[ServerItem], cursor: str = "c") -> bytes:
    """A change-feed page as the server serialises it (compact JSON, items in order)."""
    page = {
        "collection": "suppliers",
        "schema_version": 1,
        "items": [{"id": i.id, "version": i.version, "deleted": i.deleted, "data": i.data} for i in items],
        "next_cursor": cursor,
        "has_more": False,
    }
    return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()


def page_files(folder: Path) -> list[str]:
    return sorted(p.name for p in collection_folder(folder, "suppliers").glob(f"*{SEGMENT_SUFFIX}"))


def test_a_page_is_kept_as_the_server_sent_it_and_each_record_read_back_alone(tmp_path: Path) -> None:
    items = [supplier_item(n, n) for n in range(1, 6)]
    body = feed_body(items)
    store = LocalStore.open(tmp_path)
    store.suppliers.apply_page(items, "c1", False, "sync: test", body=body)
    store.close()

    page = collection_folder(tmp_path, "suppliers") / page_files(tmp_path)[0]
    assert page.read_bytes().split(b"\n", 1)[1] == body  # not serialised again
    reopened = LocalStore.open(tmp_path)
    assert reopened.suppliers.get("S-DEMO-000003") == demo_supplier(3)
    assert reopened.suppliers.rows()["S-DEMO-000004"] == supplier_row(demo_supplier(4).model_dump(mode="json"))
    assert [s.id for s in reopened.suppliers.all()] == [i.id for i in items]
    reopened.close()


def test_spans_are_found_in_the_body_or_left_unknown_and_the_record_is_still_read(tmp_path: Path) -> None:
    items = [supplier_item(n, n) for n in range(1, 4)]
    body = feed_body(items)
    spans = spans_in(body, [i.id for i in items])
    assert [json.loads(body[a:b])["id"] for a, b in spans] == [i.id for i in items]
    spaced = json.dumps(json.loads(body), ensure_ascii=False, indent=1).encode()  # a server of another style
    assert spans_in(spaced, [i.id for i in items]) == [(-1, -1)] * 3
    store = LocalStore.open(tmp_path)
    store.suppliers.apply_page(items, "c1", False, "sync: test", body=spaced)
    assert store.suppliers.get("S-DEMO-000002") == demo_supplier(2)
    store.close()


def test_many_small_pulls_are_merged_and_deletions_stay_deleted(tmp_path: Path) -> None:
    store = LocalStore.open(tmp_path)
    store.suppliers.apply_page([supplier_item(n, n) for n in range(1, 81)], "c1", False, "sync: test")
    rounds = 3 * SMALL_RUN
    for round_ in range(1, rounds + 1):  # each pull renames one supplier and deletes another
        changes = [supplier_item(round_, 100 + round_, name=f"renamed {round_}")]
        changes.append(ServerItem(f"S-DEMO-{80 - round_:06d}", 100 + round_, True, None))
        store.suppliers.apply_page(changes, f"c{round_ + 1}", False, "sync: test")
    store.close()

    assert len(page_files(tmp_path)) <= SMALL_RUN + 1
    reopened = LocalStore.open(tmp_path)
    kept = {s.id: s.name_en for s in reopened.suppliers.all()}
    assert set(kept) == {f"S-DEMO-{n:06d}" for n in [*range(1, 80 - rounds), 80]}
    assert all(kept[f"S-DEMO-{n:06d}"] == f"renamed {n}" for n in range(1, rounds + 1))
    assert reopened.suppliers.state.cursor == f"c{rounds + 1}"
    reopened.close()


def test_a_snapshot_over_a_full_collection_swaps_its_pages_in_and_counts_by_version(tmp_path: Path) -> None:
    store = LocalStore.open(tmp_path)
    store.suppliers.apply_page([supplier_item(n, 1) for n in range(1, 5)], "c1", False, "sync: test")
    store.suppliers.reset()  # 410: pull again from the start, the old records stay on screen meanwhile
    first = store.suppliers.apply_page([supplier_item(1, 1), supplier_item(2, 7)], "s1", True, "sync: test")
    assert len(store.suppliers) == 4 and first.total == 0  # staged, not shown yet
    last = store.suppliers.apply_page([supplier_item(5, 7)], "s2", False, "sync: test")
    store.close()

    assert (last.added, last.changed, last.removed) == (1, 1, 2)
    reopened = LocalStore.open(tmp_path)
    assert sorted(reopened.suppliers.records()) == ["S-DEMO-000001", "S-DEMO-000002", "S-DEMO-000005"]
    manifest = json.loads((collection_folder(tmp_path, "suppliers") / MANIFEST).read_bytes())
    assert manifest["meta"]["layout"]["staging"] == [] and len(page_files(tmp_path)) == 2
    reopened.close()


def test_a_page_with_nothing_new_writes_no_page_file(tmp_path: Path) -> None:
    store = LocalStore.open(tmp_path)
    store.plants.apply_page(
        [ServerItem(make_plant(1).id, 1, False, make_plant(1).model_dump(mode="json"))], "c1", False, "t"
    )
    store.plants.apply_page([], "c1", False, "t")
    store.close()
    assert len(list(collection_folder(tmp_path, "plants").glob(f"*{SEGMENT_SUFFIX}"))) == 1


def test_rows_an_older_app_kept_are_made_again_from_the_records(tmp_path: Path) -> None:
    items = [supplier_item(n, n) for n in range(1, 4)]
    store = LocalStore.open(tmp_path)
    store.suppliers.apply_page(items, "c1", False, "sync: test", body=feed_body(items))
    store.close()
    page = collection_folder(tmp_path, "suppliers") / page_files(tmp_path)[0]
    head, body = page.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    for entry in header["entries"]:
        entry[5] = [0, entry[0]]  # a row of another shape, as a former version of the app made it
    page.write_bytes(json.dumps(header).encode() + b"\n" + body)

    reopened = LocalStore.open(tmp_path)
    rows = reopened.suppliers.rows()
    reopened.close()

    assert rows == {i.id: supplier_row(i.data) for i in items}  # type: ignore[arg-type]
