"""TinyDB storages that never write in place: a file is replaced atomically or not at all.

TinyDB's own JSONStorage seeks to 0, writes, then truncates: a crash between the two leaves
``Extra data`` after the JSON (tinydb#301) and a full disk mid-write corrupts the whole database.
Here every write goes to a temporary file in the same folder, is fsync'd, then ``os.replace``-d
over the old file and the folder is fsync'd — the file on disk is always the old or the new state.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage
from tinydb.table import Table

from sync import clock
from sync.errors import StoreCorrupt, StoreWriteFailed

TEMP_MARKER = ".tmp-"
#: Every file of the store is this OS user's alone: it holds members' notes (and the session file tokens).
FILE_MODE = 0o600

#: Test seam: called with (step, path) at each step of a write, so fault tests can kill the
#: process exactly there. Steps: "begin", "temp_partial", "temp_written", "temp_synced",
#: "replaced", "dir_synced".
fault_hook: Callable[[str, Path], None] | None = None


def _step(name: str, path: Path) -> None:
    if fault_hook is not None:
        fault_hook(name, path)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows has no directory fsync (and needs none for NTFS renames)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_file(src: Path, dst: Path, attempts: int = 50) -> None:
    """os.replace, retried briefly on Windows where antivirus or indexers hold files open."""
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def write_atomic(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old file or the new one."""
    _step("begin", path)
    temp = path.with_name(f"{path.name}{TEMP_MARKER}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        # Created 0600 (not chmod-ed later): no moment when another user of the machine could open it.
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
        with os.fdopen(descriptor, "wb") as handle:
            half = len(payload) // 2
            handle.write(payload[:half])
            handle.flush()
            _step("temp_partial", path)
            handle.write(payload[half:])
            handle.flush()
            _step("temp_written", path)
            os.fsync(handle.fileno())
        _step("temp_synced", path)
        replace_file(temp, path)
        _step("replaced", path)
        fsync_dir(path.parent)
        _step("dir_synced", path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise StoreWriteFailed(f"could not write {path.name}: {reason}", path=str(path)) from exc


def restrict(path: Path) -> None:
    """Make an existing file this OS user's alone (files written by older versions were 0644)."""
    if sys.platform == "win32":
        return  # the app-data folder is already per-user; POSIX modes mean little there
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_mode & 0o777 != FILE_MODE:
            os.chmod(path, FILE_MODE)


def read_json_file(path: Path) -> Any | None:
    """The JSON in ``path``, None if the file does not exist; StoreCorrupt if it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreCorrupt(f"cannot read {path.name}: {exc.strerror}", path=str(path)) from exc
    if not raw.strip():
        raise StoreCorrupt(f"{path.name} is empty", path=str(path))
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise StoreCorrupt(f"{path.name} is not UTF-8: {exc}", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise StoreCorrupt(f"{path.name} is not valid JSON: {exc}", path=str(path)) from exc


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """A TinyDB storage backed by one JSON file, replaced atomically on every write."""

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json_file(self.path)
        if data is None:
            return None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise StoreCorrupt(f"{self.path.name} does not hold TinyDB tables", path=str(self.path))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, dump_json(data))

    def close(self) -> None:  # nothing is held open between writes
        pass


class MemoryJSONStorage(Storage):
    """In-memory twin of AtomicJSONStorage for tests: keeps the committed state as JSON bytes,
    so nothing written later can alias it (TinyDB's MemoryStorage keeps the live dict)."""

    def __init__(self) -> None:
        super().__init__()
        self._committed: bytes | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        return None if self._committed is None else json.loads(self._committed)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._committed = dump_json(data)


class StrIdTable(Table):
    """A TinyDB table whose document ids are our own string ids (GEM ids, UUIDs), not counters."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self) -> str:  # type: ignore[override]
        return uuid.uuid4().hex

    def raw(self) -> dict[str, Any]:
        """The table's documents as stored: no copies (sync-design: never build indexes via all())."""
        return self._read_table()  # type: ignore[return-value]

    def change(self, updater: Callable[[dict[str, Any]], None]) -> None:
        """Apply one in-memory change to the whole table: the only write path we use.

        TinyDB's own ``_update_table`` copies the table twice through Python loops (converting every key);
        our keys are strings already, so one C-level copy is enough: screens reading the old dict from other
        threads keep reading it unchanged (copy, change, swap).
        """
        tables = self._storage.read() or {}
        table = dict(tables.get(self.name, {}))
        updater(table)
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()


class _Database(TinyDB):
    table_class = StrIdTable


class Unit:
    """One TinyDB database whose writes collect in memory and reach the disk in one atomic commit.

    ``CachingMiddleware`` with an unreachable write threshold turns TinyDB's write-per-call into a
    transaction: every change of a unit of work lands in the cache, and ``commit`` writes once.
    """

    NEVER = 10**12

    def __init__(self, path: Path | None, storage: Storage | None = None) -> None:
        self.path = path
        if storage is not None:
            middleware = CachingMiddleware(lambda: storage)  # type: ignore[arg-type,return-value]
        else:
            middleware = CachingMiddleware(MemoryJSONStorage if path is None else AtomicJSONStorage)
        middleware.WRITE_CACHE_SIZE = self.NEVER
        self._middleware = middleware
        args = () if path is None or storage is not None else (str(path),)
        self.db = _Database(*args, storage=middleware)

    @classmethod
    def over(cls, storage: Storage) -> Unit:
        """A unit over a storage made elsewhere (a collection folder's ``SegmentStorage``)."""
        return cls(None, storage)

    def table(self, name: str) -> StrIdTable:
        return self.db.table(name)  # type: ignore[return-value]

    def load(self) -> dict[str, Any]:
        """Read the file now (raises StoreCorrupt) and return its raw tables."""
        return self._middleware.read() or {}

    def install(self, payload: bytes) -> None:
        """Memory units only: make ``payload`` the committed state (the in-memory twin of a
        journal commit, which writes files directly)."""
        storage = self._middleware.storage
        if not isinstance(storage, MemoryJSONStorage):
            raise TypeError("install() is for in-memory units; files are replaced by the journal")
        storage._committed = payload
        self.rollback()

    def commit(self) -> None:
        """Write everything changed since the last commit in one atomic replace."""
        self._middleware.flush()

    def rollback(self) -> None:
        """Forget uncommitted changes: the next read comes from the file again."""
        self._middleware.cache = None
        self._middleware._cache_modified_count = 0
        for table in self.db._tables.values():
            table.clear_cache()

    def close(self) -> None:
        self.db.close()


def user_folder(root: Path | None, owner: str | None) -> Path | None:
    """The folder of ``owner``'s own files under ``root`` (the name made safe for any file system), or None."""
    if root is None or owner is None:
        return None
    return root / "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in owner)


def quarantine_file(path: Path, quarantine: Path, prefix: str) -> Path:
    """Move an unreadable ``path`` aside into ``quarantine`` (kept for a person to look at, never deleted)."""
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / f"{prefix}-{path.name}.{clock.now().strftime('%Y%m%dT%H%M%SZ')}"
    path.replace(target)
    return target
