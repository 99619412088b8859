"""A pulled collection on disk: page files written once and never changed, and a manifest naming them.

TinyDB's whole-file rewrite made a commit cost what the whole collection weighs (docs/decisions.md §11).
Here a collection is a folder::

    suppliers/manifest.json     the commit point: the collection's meta table (cursor, origin, …) and which
                                page files make up its ``records`` and ``staging`` tables, in order
    suppliers/000001.seg …      one page each, written once: a header line, then the page's body

A segment's header is one line of JSON: ``{"entries": [[id, version, deleted, start, end, row], …], …}``
with the byte span of each record in the body (-1 when not known: the body is then decoded whole) and the
collection's list row, if it has one. The body is the change-feed page exactly as the server sent it (or an
import's records in the same shape), so a pulled page is stored without being serialised again.

A commit writes the new page file (atomically, fsync'd), then the manifest (atomically): a page and its
cursor land together, or neither. Files the manifest no longer names are deleted after the commit, and at
start-up (a crash can leave one). Loading reads the manifest and each page's header, never the bodies: a
record is decoded when something asks for it. Each body carries a CRC-32, checked at load (a damaged file
is quarantined as before) — cheap beside decoding it.
"""

from __future__ import annotations

import contextlib
import json
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sync.errors import StoreCorrupt
from sync.storage import dump_json, read_json_file, write_atomic

MANIFEST = "manifest.json"
SEGMENT_SUFFIX = ".seg"
FORMAT = 1
RECORDS = "records"
STAGING = "staging"
META = "meta"
#: Where a collection's layout lives in its meta table: {"records": [segment numbers], "staging": [...], "next": n}
LAYOUT = "layout"
UNKNOWN = -1


@dataclass(frozen=True, slots=True)
class Stored:
    """Where one record lies: its server version, its page file and byte span there, and its list row."""

    version: int | None
    segment: int
    start: int
    end: int
    row: Any = None


@dataclass(frozen=True)
class Entry:
    """One record of a page being written."""

    id: str
    version: int | None
    deleted: bool
    row: Any = None


@dataclass
class Page:
    """A page file to write: its body (JSON bytes with an ``items`` list) and its entries in body order."""

    number: int
    body: bytes
    entries: list[Entry]
    spans: list[tuple[int, int]]

    def header(self) -> bytes:
        pairs = zip(self.entries, self.spans, strict=True)
        rows = [[e.id, e.version, e.deleted, start, end, e.row] for e, (start, end) in pairs]
        return dump_json({"format": FORMAT, "crc": zlib.crc32(self.body), "entries": rows})

    def stored(self) -> Iterator[tuple[Entry, Stored | None]]:
        for entry, (start, end) in zip(self.entries, self.spans, strict=True):
            yield entry, None if entry.deleted else Stored(entry.version, self.number, start, end, entry.row)


def spans_in(body: bytes, ids: list[str], close: bytes = b'],"next_cursor"') -> list[tuple[int, int]]:
    """The byte span of each item of a change-feed body, found without decoding it.

    Items are serialised ``{"id":"…",…}`` one after the other (the server's compact JSON); each span runs to
    the comma before the next one, the last to the array's end. Any surprise gives UNKNOWN spans: a reader
    checks the id of what it decodes at a span, and decodes the whole body when it does not match.
    """
    starts: list[int] = []
    at = 0
    for record_id in ids:
        found = body.find(b'{"id":' + _json_string(record_id) + b",", at)
        if found < 0:
            return [(UNKNOWN, UNKNOWN)] * len(ids)
        starts.append(found)
        at = found + 1
    if not starts:
        return []
    last_end = body.find(close, starts[-1])
    if last_end < 0:
        return [(UNKNOWN, UNKNOWN)] * len(ids)
    ends = [start - 1 for start in starts[1:]] + [last_end]
    return list(zip(starts, ends, strict=True))


def _json_string(text: str) -> bytes:
    """``text`` as compact JSON writes it (a quoted string), without ``json.dumps``'s cost for the usual id."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return b'"' + text.encode() + b'"'
    return json.dumps(text, ensure_ascii=False).encode()


def page_of(number: int, items: Iterable[tuple[Entry, dict[str, Any] | None]]) -> Page:
    """A page built here (an import, a merge): each item serialised once, so every span is known."""
    parts: list[bytes] = []
    entries: list[Entry] = []
    spans: list[tuple[int, int]] = []
    at = len(b'{"items":[')
    for entry, data in items:
        item = dump_json({"id": entry.id, "version": entry.version, "deleted": entry.deleted, "data": data})
        if parts:
            at += 1  # the comma
        spans.append((at, at + len(item)))
        at += len(item)
        parts.append(item)
        entries.append(entry)
    body = b'{"items":[' + b",".join(parts) + b"]}"
    return Page(number, body, entries, spans)


def segment_name(number: int) -> str:
    return f"{number:06d}{SEGMENT_SUFFIX}"


class SegmentFiles:
    """The page files of one collection, on disk or (for tests) in memory; reads records out of their bodies."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[int, bytes] = {}
        self._body_start: dict[int, int] = {}
        self._bodies: OrderedDict[int, dict[str, Any]] = OrderedDict()  # a few decoded bodies, most recent last
        self._lock = threading.Lock()

    # ---- writing ------------------------------------------------------------------------------------
    def write(self, page: Page) -> None:
        header = page.header()
        payload = header + b"\n" + page.body
        if self.folder is None:
            self._memory[page.number] = payload
        else:
            write_atomic(self.folder / segment_name(page.number), payload)
        self._body_start[page.number] = len(header) + 1

    def remove(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            self._memory.pop(number, None)
            self._body_start.pop(number, None)
            with self._lock:
                self._bodies.pop(number, None)
            if self.folder is not None:
                # Windows: a reader may hold it open; start-up removes it then
                with contextlib.suppress(PermissionError):
                    (self.folder / segment_name(number)).unlink(missing_ok=True)

    def on_disk(self) -> set[int]:
        if self.folder is None:
            return set(self._memory)
        out = set()
        for path in self.folder.glob(f"*{SEGMENT_SUFFIX}"):
            stem = path.name.removesuffix(SEGMENT_SUFFIX)
            if stem.isdigit():
                out.add(int(stem))
        return out

    # ---- reading -------------------------------------------------------------------------------------
    def _raw(self, number: int) -> bytes:
        if self.folder is None:
            try:
                return self._memory[number]
            except KeyError:
                raise StoreCorrupt(f"page {number} is missing") from None
        path = self.folder / segment_name(number)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StoreCorrupt(f"{path.name} is missing", path=str(path)) from None
        except OSError as exc:
            raise StoreCorrupt(f"cannot read {path.name}: {exc.strerror}", path=str(path)) from exc

    def header(self, number: int, verify: bool = True) -> list[list[Any]]:
        """A page's entries; with ``verify``, its body is checked against the CRC its header gives."""
        raw = self._raw(number)
        cut = raw.find(b"\n")
        name = segment_name(number)
        try:
            head = json.loads(raw[:cut] if cut >= 0 else raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise StoreCorrupt(f"{name}: the header is not valid JSON: {exc}") from exc
        if not isinstance(head, dict) or head.get("format") != FORMAT or not isinstance(head.get("entries"), list):
            raise StoreCorrupt(f"{name}: not a page file of this app")
        if cut < 0 or (verify and zlib.crc32(memoryview(raw)[cut + 1 :]) != head.get("crc")):
            raise StoreCorrupt(f"{name}: the page's body is damaged (its CRC does not match)")
        self._body_start[number] = cut + 1
        entries = head["entries"]
        for entry in entries:
            if not (isinstance(entry, list) and len(entry) == 6 and isinstance(entry[0], str)):
                raise StoreCorrupt(f"{name}: an entry is not [id, version, deleted, start, end, row]")
        return entries

    def item(self, record_id: str, stored: Stored) -> dict[str, Any]:
        """The item ``{"id", "version", "deleted", "data"}`` of a stored record, read from its page."""
        if stored.start >= 0:
            item = self._slice(stored)
            if isinstance(item, dict) and item.get("id") == record_id:
                return item
        found = None  # the span was not known (or not right): read the page whole
        for item in self.items(stored.segment):
            if item.get("id") == record_id and not item.get("deleted"):
                found = item
        if found is None:
            raise StoreCorrupt(f"{record_id} is not in {segment_name(stored.segment)}")
        return found

    def _slice(self, stored: Stored) -> Any:
        base = self._body_start.get(stored.segment)
        if base is None:
            self.header(stored.segment, verify=False)
            base = self._body_start[stored.segment]
        if self.folder is None:
            raw = self._memory[stored.segment][base + stored.start : base + stored.end]
        else:
            try:
                with open(self.folder / segment_name(stored.segment), "rb") as handle:
                    handle.seek(base + stored.start)
                    raw = handle.read(stored.end - stored.start)
            except OSError as exc:
                raise StoreCorrupt(f"cannot read {segment_name(stored.segment)}: {exc}") from exc
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None

    def _body(self, number: int) -> dict[str, Any]:
        with self._lock:
            if number in self._bodies:
                self._bodies.move_to_end(number)
                return self._bodies[number]
        raw = self._raw(number)
        cut = raw.find(b"\n")
        try:
            body = json.loads(raw[cut + 1 :])
        except (ValueError, UnicodeDecodeError) as exc:
            raise StoreCorrupt(f"{segment_name(number)}: the body is not valid JSON: {exc}") from exc
        if not isinstance(body, dict):
            raise StoreCorrupt(f"{segment_name(number)}: the body is not a page")
        with self._lock:
            self._bodies[number] = body
            while len(self._bodies) > 2:
                self._bodies.popitem(last=False)
        return body

    def items(self, number: int) -> list[dict[str, Any]]:
        """Every item of a page, decoded at once (for reading a whole collection)."""
        items = self._body(number).get("items", [])
        return [i for i in items if isinstance(i, dict)]


class SegmentStorage(Storage):
    """TinyDB storage of one collection folder: ``read`` gives the records and staging tables rebuilt from the
    pages the manifest names, ``write`` writes the pages added since and then the manifest.

    The collection adds a page by registering it (``add_page``) and naming its number in the meta table's
    layout in the same unit of work; the layout is the truth, the tables in memory follow from it.
    """

    def __init__(self, folder: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.files = SegmentFiles(folder)
        self._pending: dict[int, Page] = {}
        self._committed_manifest: bytes | None = None  # the memory store's manifest
        self._written_layout: dict[str, Any] = {}
        self._sizes: dict[int, int] = {}  # entries in each page

    # ---- what the collection calls --------------------------------------------------------------------
    def add_page(self, page: Page) -> None:
        self._pending[page.number] = page
        self._sizes[page.number] = len(page.entries)

    def discard_pending(self) -> None:
        self._pending.clear()

    def page_sizes(self, numbers: Iterable[int]) -> dict[int, int]:
        return {n: self._sizes[n] for n in numbers if n in self._sizes}

    def page_entries(self, number: int) -> list[list[Any]]:
        """A page's header entries ``[id, version, deleted, start, end, row]``, written yet or not."""
        page = self._pending.get(number)
        if page is not None:
            pairs = zip(page.entries, page.spans, strict=True)
            return [[e.id, e.version, e.deleted, start, end, e.row] for e, (start, end) in pairs]
        return self.files.header(number, verify=False)

    def page_items(self, number: int) -> list[dict[str, Any]]:
        """Every item of a page, written yet or not."""
        page = self._pending.get(number)
        if page is not None:
            body = json.loads(page.body)
            return [i for i in body.get("items", []) if isinstance(i, dict)]
        return self.files.items(number)

    @property
    def manifest_path(self) -> Path | None:
        return None if self.folder is None else self.folder / MANIFEST

    # ---- TinyDB's Storage -----------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        manifest = self._read_manifest()
        if manifest is None:
            return None
        meta = manifest.get(META)
        if not isinstance(meta, dict):
            raise StoreCorrupt("the manifest has no meta table")
        layout = meta.get(LAYOUT) or {}
        tables: dict[str, dict[str, Any]] = {META: meta}
        for table in (RECORDS, STAGING):
            numbers = layout.get(table, [])
            if not isinstance(numbers, list) or not all(isinstance(n, int) for n in numbers):
                raise StoreCorrupt(f"the manifest's {table} pages are not a list of numbers")
            tables[table] = self._load(numbers)
        self._written_layout = _copy_layout(layout)
        return tables

    def _load(self, numbers: list[int]) -> dict[str, Stored]:
        records: dict[str, Stored] = {}
        for number in numbers:
            entries = self.files.header(number)
            self._sizes[number] = len(entries)
            for record_id, version, deleted, start, end, row in entries:
                if deleted:
                    records.pop(record_id, None)
                else:
                    records[record_id] = Stored(version, number, start, end, row)
        return records

    def _read_manifest(self) -> dict[str, Any] | None:
        if self.folder is None:
            return None if self._committed_manifest is None else json.loads(self._committed_manifest)
        manifest = read_json_file(self.folder / MANIFEST)
        if manifest is None:
            return None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise StoreCorrupt(f"{MANIFEST} is not a collection manifest of this app", path=str(self.folder / MANIFEST))
        return manifest

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        meta = data.get(META, {})
        layout = meta.get(LAYOUT) or {}
        named = set(layout.get(RECORDS, [])) | set(layout.get(STAGING, []))
        for number, page in sorted(self._pending.items()):
            if number in named:  # a page its unit of work later dropped (a merge) is not written
                self.files.write(page)
        self._pending.clear()
        manifest = manifest_bytes(meta)
        if self.folder is None:
            self._committed_manifest = manifest
        else:
            write_atomic(self.folder / MANIFEST, manifest)
        before = set(self._written_layout.get(RECORDS, [])) | set(self._written_layout.get(STAGING, []))
        gone = before - named
        self.files.remove(gone)
        for number in gone:
            self._sizes.pop(number, None)
        self._written_layout = _copy_layout(layout)

    def forget(self) -> None:
        """After the collection's folder was moved aside: nothing of it is known any more."""
        self._pending.clear()
        self._written_layout = {}
        self._sizes.clear()
        self._committed_manifest = None
        self.files = SegmentFiles(self.folder)

    def install_manifest(self, manifest: bytes) -> None:
        """Memory stores only: make ``manifest`` the committed one (the twin of a journal commit)."""
        self._committed_manifest = manifest

    def remove_unnamed(self) -> list[int]:
        """Delete page files the committed manifest does not name (left by a crash); returns their numbers."""
        manifest = self._read_manifest() or {}
        layout = (manifest.get(META) or {}).get(LAYOUT) or {}
        named = set(layout.get(RECORDS, [])) | set(layout.get(STAGING, []))
        strays = sorted(self.files.on_disk() - named)
        self.files.remove(strays)
        return strays

    def close(self) -> None:
        pass


def manifest_bytes(meta: dict[str, Any]) -> bytes:
    return dump_json({"format": FORMAT, META: meta})


def _copy_layout(layout: dict[str, Any]) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, list) else value for key, value in layout.items()}
