"""The supplier directory's index kept beside the store between runs, so that a start reads it instead of building it.

Building ``models/directory_index.py``'s index from 65,000 rows is most of a cold start's work (docs/performance.md):
every name and word normalised, split and posted. What the build works out depends only on the rows, the category
tree and the day (certificates and standings are judged on it), so it is kept in ``directory-index.cache`` in the
data folder under a key of exactly those: the suppliers' and the categories' meta tables (cursor, commit time, the
page files that hold the records — a new commit gives a new key), the day, and the versions of the row and of the
index's state. A start whose key matches reads the file (``marshal``: plain values only, nothing in it is run);
anything else — no file, another key, a torn or damaged file, a state that does not fit the rows — builds the
index from the rows as before and writes the file again.

The file is a cache, never a record of anything: deleting it loses nothing, and nothing of the store's crash
safety depends on it (it is written atomically all the same, so that a crash leaves the old file or the new one).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from models.categories import DEFAULT_TREE, CategoryTree
from models.directory_index import STATE_VERSION, DirectoryIndex
from models.supplier_rows import ROW_VERSION
from sync.bulk_work import bulk_work
from sync.errors import StoreError
from sync.segments import META
from sync.storage import write_atomic

log = logging.getLogger("zanjireh.directory_cache")

CACHE_FILE = "directory-index.cache"
_MAGIC = b"zanjireh directory index\n"
#: The collections the index is made of: their meta tables name what they hold.
_SOURCES = ("suppliers", "categories")


def cache_key(store: Any, day: dt.date) -> str:
    """What the index of ``store``'s suppliers on ``day`` is built from, as a hash: equal keys, equal indexes."""
    digest = hashlib.sha256()
    header = f"{ROW_VERSION}|{STATE_VERSION}|{marshal.version}|{sys.version_info[:2]}|{day.isoformat()}"
    digest.update(header.encode())
    for name in _SOURCES:
        meta = store.reference[name].unit.table(META).raw()
        digest.update(f"|{name}|".encode())
        digest.update(json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def tree_of(store: Any) -> CategoryTree:
    """The category tree the directory names trades by: the synced one, else the built-in one."""
    return CategoryTree(store.categories.all()) if len(store.categories) else DEFAULT_TREE


def directory_index(store: Any, day: dt.date, tree: CategoryTree | None = None) -> DirectoryIndex:
    """The index of ``store``'s suppliers on ``day``: read from the cache when it is of exactly these rows, else
    built from the rows (and kept for the next start)."""
    with bulk_work():  # hundreds of thousands of postings made to stay: rarer cycle collections
        return _index_of(store, day, tree)


def _index_of(store: Any, day: dt.date, tree: CategoryTree | None) -> DirectoryIndex:
    key = cache_key(store, day)
    rows = store.suppliers.rows()
    tree = tree_of(store) if tree is None else tree
    settled = cache_key(store, day) == key  # a commit in between: the rows may not be those of the key
    path = _path(store)
    if path is not None and settled:
        found = _read(path, key, rows, tree)
        if found is not None:
            return found
    index = DirectoryIndex(rows, day, tree)
    if path is not None and settled and len(rows):
        _write(path, key, index)
    return index


def _path(store: Any) -> Path | None:
    folder = getattr(store, "folder", None)
    return None if folder is None else Path(folder) / CACHE_FILE


def _read(path: Path, key: str, rows: Any, tree: CategoryTree) -> DirectoryIndex | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode() + b"\n"
    if not raw.startswith(head) or len(raw) < len(head) + 4:
        return None  # another key (the store changed since, or the day), or not this file at all
    checksum, payload = raw[len(head) : len(head) + 4], memoryview(raw)[len(head) + 4 :]
    if zlib.crc32(payload).to_bytes(4, "big") != checksum:
        log.warning("the directory's cached index is damaged: building it again")
        return None
    try:
        return DirectoryIndex.restored(marshal.loads(payload), rows, tree)
    except (ValueError, EOFError, TypeError, KeyError, AttributeError) as error:
        log.warning("the directory's cached index does not fit the store (%s): building it again", error)
        return None


def _write(path: Path, key: str, index: DirectoryIndex) -> None:
    payload = marshal.dumps(index.state())
    checksum = zlib.crc32(payload).to_bytes(4, "big")
    # A cache: a failure to keep it costs the next start a build, never data.
    with contextlib.suppress(StoreError, OSError):
        write_atomic(path, _MAGIC + key.encode() + b"\n" + checksum + payload)
