"""The directory's index kept beside the store: a start reads it when it is of exactly the store's rows and the
day, and builds it again (answering the same) when anything changed or the file is damaged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models.directory_index import DirectoryIndex
from models.supplier_query import SupplierFilter
from sync import directory_cache
from sync.directory_cache import CACHE_FILE, directory_index
from sync.store import LocalStore
from tests.sync.test_segments import feed_body, supplier_item

DAY = dt.date(2026, 11, 1)
QUERIES = [
    SupplierFilter(),
    SupplierFilter(text="نسوز"),
    SupplierFilter(text="ref"),
    SupplierFilter(text="اصفهان", valid_certificate=True),
    SupplierFilter(provinces=frozenset({"IR-10", "IR-23"}), knowledge_based=True),
    SupplierFilter(categories=frozenset({"consumables.refractories"})),
]


def answers(index: DirectoryIndex) -> list[list[str]]:
    """What each query finds, in the order a list shows it, and the facets' counts."""
    found = [index.search(q).ids() for q in QUERIES]
    return [*found, sorted(index.provinces().items()), sorted(index.category_counts().items())]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = LocalStore.open(tmp_path)
    items = [supplier_item(n, n) for n in range(1, 121)]
    store.suppliers.apply_page(items, "c1", False, "sync: test", body=feed_body(items, "c1"))
    store.close()
    return tmp_path


def built(store: LocalStore, day: dt.date = DAY) -> DirectoryIndex:
    return DirectoryIndex(store.suppliers.rows(), day, directory_cache.tree_of(store))


def test_a_start_reads_the_index_the_last_one_built_and_it_answers_as_a_build_does(folder: Path) -> None:
    store = LocalStore.open(folder)
    first = directory_index(store, DAY)
    store.close()
    written = (folder / CACHE_FILE).stat()

    store = LocalStore.open(folder)
    kept = directory_index(store, DAY)
    again = (folder / CACHE_FILE).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # read; a build writes it anew
    assert answers(kept) == answers(first) == answers(built(store))
    assert kept.get("S-DEMO-000007").name_fa == store.suppliers.get("S-DEMO-000007").name_fa
    store.close()


def test_a_new_page_of_suppliers_makes_the_kept_index_stale(folder: Path) -> None:
    store = LocalStore.open(folder)
    directory_index(store, DAY)
    renamed = [supplier_item(3, 200, name="Zagros Kiln Linings"), supplier_item(121, 201)]
    store.suppliers.apply_page(renamed, "c2", False, "sync: test", body=feed_body(renamed, "c2"))
    index = directory_index(store, DAY)
    assert "S-DEMO-000121" in index.position
    assert index.search(SupplierFilter(text="zagros kiln")).ids() == ["S-DEMO-000003"]
    assert answers(index) == answers(built(store))
    store.close()


def test_another_day_builds_the_index_again_judging_certificates_on_that_day(folder: Path) -> None:
    store = LocalStore.open(folder)
    directory_index(store, DAY)
    later = DAY + dt.timedelta(days=900)
    index = directory_index(store, later)
    assert index.day == later
    assert answers(index) == answers(built(store, later))
    store.close()


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty"])
def test_a_damaged_kept_index_is_built_again_and_nothing_else_changes(folder: Path, damage: str) -> None:
    store = LocalStore.open(folder)
    expected = answers(directory_index(store, DAY))
    store.close()
    path = folder / CACHE_FILE
    raw = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "flipped":
        middle = len(raw) // 2
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :])
    elif damage == "garbage":
        path.write_bytes(b"not an index at all")
    else:
        path.write_bytes(b"")

    store = LocalStore.open(folder)
    assert answers(directory_index(store, DAY)) == expected
    assert path.read_bytes() == raw  # kept again, whole
    assert len(store.suppliers) == 120
    store.close()


def test_a_store_in_memory_keeps_no_index_file(tmp_path: Path) -> None:
    store = LocalStore.in_memory()
    items = [supplier_item(n, n) for n in range(1, 11)]
    store.suppliers.apply_page(items, "c1", False, "sync: test", body=feed_body(items, "c1"))
    assert len(directory_index(store, DAY)) == 10
    assert not list(tmp_path.iterdir())
