"""The local store: a data folder of small TinyDB files, opened with locking, recovery and migrations.

Layout of a data folder::

    zanjireh.lock         one writer process at a time
    device.json           this installation: client id, settings, sync history
    user.json             the user's records, drafts, outbox, conflicts (its own small file; no tokens)
    user.last-good.json   copy of user.json taken at the last clean start
    user-<name>.json      another user's data, parked while someone else is signed in (no tokens)
    session.json          who is signed in and their tokens — only where the platform has no secure
                          storage (the app moves it into the secure storage where there is one)
    atlas/plants/         reference data, one folder per collection, each with its own cursor: a manifest
    atlas/mines/          and the page files it names (sync/segments.py)
    atlas/sources/
    directory/categories/ the supplier directory (reference data too)
    directory/suppliers/
    shared/needs/         shared collections: what this user may see of records written by many;
    shared/answers/       cleared when another user signs in on the device
    fund/fund_programmes/ the Fund's programmes and calls (reference data)
    fund/fund_calls/
    fund/fund_applications/  the Fund's shared collections: this user's projection of each record
    fund/fund_reviews/       (models/fund_access.py); cleared when another user signs in
    fund/fund_ledger/        the public ledger
    directory/checklists/ field-visit checklist templates, every version
    shared/visits/        visits, decisions, corrections: field records (docs/sync-protocol.md)
    shared/decisions/
    shared/corrections/
    visits/<user>/<id>.json   the user's own visits on this device: drafts, and sealed ones until sent
    photos/               photos by content hash, thumbnails, upload progress
    quarantine/           damaged files, renamed here — never deleted
    backups/              copies taken before a schema migration, and the files of the old layout

Every file is readable by this OS user only (0600). ``LocalStore.in_memory()`` gives the same store
with no files, for tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.atlas import Mine, Plant, Source
from models.categories import Category
from models.checklists import ChecklistTemplate
from models.corrections import Correction
from models.fund_ledger import LedgerEntry
from models.fund_programmes import Call, Programme
from models.fund_records import ApplicationRecord, ReviewRecord
from models.needs import Answer, Need
from models.qualification import Decision
from models.supplier_rows import is_current, supplier_row
from models.suppliers import Supplier
from models.visits import Visit
from sync import clock, journal, migrations
from sync.bulk_work import bulk_work
from sync.device_store import DeviceStore
from sync.errors import StoreCorrupt, StoreError
from sync.lock import FolderLock
from sync.photo_store import PhotoStore
from sync.reference_store import ChangeCounts, ReferenceCollection, RowCheck, RowMaker
from sync.segments import MANIFEST, RECORDS, STAGING, Entry, page_of
from sync.segments import META as META_TABLE
from sync.storage import TEMP_MARKER, Unit, dump_json, read_json_file, restrict, write_atomic
from sync.tokens import SESSION_FILE, FileTokenKeeper, MemoryTokenKeeper, SessionVault, TokenKeeper
from sync.user_store import UserStore
from sync.visit_store import VisitStore


def _parked_name(username: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in username)
    return f"user-{safe}.json"


REFERENCE_MODELS: dict[str, type[Any]] = {
    "plants": Plant,
    "mines": Mine,
    "sources": Source,
    "categories": Category,
    "suppliers": Supplier,
    "needs": Need,
    "answers": Answer,
    "fund_programmes": Programme,
    "fund_calls": Call,
    "fund_applications": ApplicationRecord,
    "fund_reviews": ReviewRecord,
    "fund_ledger": LedgerEntry,
    "checklists": ChecklistTemplate,
    "visits": Visit,
    "decisions": Decision,
    "corrections": Correction,
}
#: Where older versions kept note drafts, for every user of the device alike (``device.json``).
LEGACY_DRAFTS_SETTING = "note_drafts"
ATLAS_DIR = "atlas"
FUND_DIR = "fund"
#: The folder of each pulled collection's file.
COLLECTION_DIRS: dict[str, str] = {
    "plants": ATLAS_DIR,
    "mines": ATLAS_DIR,
    "sources": ATLAS_DIR,
    "categories": "directory",
    "suppliers": "directory",
    "needs": "shared",
    "answers": "shared",
    "fund_programmes": FUND_DIR,
    "fund_calls": FUND_DIR,
    "fund_applications": FUND_DIR,
    "fund_reviews": FUND_DIR,
    "fund_ledger": FUND_DIR,
    "checklists": "directory",
    "visits": "shared",
    "decisions": "shared",
    "corrections": "shared",
}
#: Collections whose content depends on who is signed in (docs/sync-protocol.md, shared collections).
SHARED_COLLECTIONS: tuple[str, ...] = (
    "needs", "answers", "fund_applications", "fund_reviews", "fund_ledger", "visits", "decisions", "corrections",
)  # fmt: skip
#: Collections whose list screens read rows kept beside the records (worked out when a page arrives).
ROW_MAKERS: dict[str, tuple[RowMaker, RowCheck]] = {"suppliers": (supplier_row, is_current)}


def collection_folder(folder: Path, name: str) -> Path:
    return folder / COLLECTION_DIRS[name] / name


@dataclass(frozen=True)
class StoreNotice:
    """Something the store did at start-up that the user should hear about."""

    code: str  # "atlas_cache_reset", "user_data_restored", "user_data_quarantined", …
    detail: str
    params: dict[str, Any] = field(default_factory=dict)


class LocalStore:
    """Reference collections, user data and device data of one data folder (or of memory)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.lock = FolderLock(folder) if folder is not None else None
        self.notices: list[StoreNotice] = []
        self.write_lock = threading.RLock()
        self._listeners: list[Callable[[str], None]] = []
        self.reference: dict[str, ReferenceCollection[Any]] = {
            name: ReferenceCollection(name, model, self._path(f"{COLLECTION_DIRS[name]}/{name}"),
                                      migrations.SCHEMA["reference"], *ROW_MAKERS.get(name, (None, None)))
            for name, model in REFERENCE_MODELS.items()
        }  # fmt: skip
        keeper: TokenKeeper = MemoryTokenKeeper() if folder is None else FileTokenKeeper(folder / SESSION_FILE)
        #: The device's one session (who is signed in, their tokens), kept by a token keeper: the app
        #: moves it into the platform's secure storage where there is one (``session.move_to``).
        self.session = SessionVault(keeper)
        self.user = UserStore(
            Unit(self._path("user.json")), on_change=lambda: self._changed("user"), session=self.session
        )
        self.device = DeviceStore(Unit(self._path("device.json")))
        self.photos = PhotoStore(folder)
        self.visits = VisitStore(folder, self.photos, owner_source=lambda: self.user.owner)

    # ---- opening ------------------------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path) -> LocalStore:
        """Lock the folder, recover from any interrupted write, migrate, validate, load."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in COLLECTION_DIRS:
            collection_folder(folder, name).mkdir(parents=True, exist_ok=True)
        store = cls(folder)
        assert store.lock is not None
        store.lock.acquire()
        store._protect_files()
        try:
            with bulk_work():  # the headers' rows of every page stay alive: rarer cycle collections
                store._recover_and_load()
        except BaseException:
            store.lock.release()
            raise
        return store

    @classmethod
    def in_memory(cls) -> LocalStore:
        store = cls(None)
        for collection in store.reference.values():
            collection.load()
        store.user.load()
        store.device.load()
        store.photos.open()
        store.visits.open(store.user.owner)
        return store

    def close(self) -> None:
        for collection in self.reference.values():
            collection.unit.close()
        if self.lock is not None:
            self.lock.release()

    def _path(self, relative: str) -> Path | None:
        return None if self.folder is None else self.folder / relative

    def _recover_and_load(self) -> None:
        assert self.folder is not None
        strays = list(self.folder.glob(f"*{TEMP_MARKER}*"))
        for sub in sorted(set(COLLECTION_DIRS.values())):
            strays += (self.folder / sub).glob(f"*{TEMP_MARKER}*")
        for name in COLLECTION_DIRS:
            strays += collection_folder(self.folder, name).glob(f"*{TEMP_MARKER}*")
        for stray in strays:
            stray.unlink()  # a write that crashed before its rename: the real file is intact
        for action in journal.recover(self.folder):
            self.notices.append(StoreNotice("store_recovered", action))
        self._forget_parked_sessions()
        for name, collection in self.reference.items():
            self._load_collection(name, collection)
        self._load_user_data()
        try:
            self._migrate("device", self.folder / "device.json")
            self.device.load()
        except StoreCorrupt as exc:
            moved = self._quarantine(self.folder / "device.json")
            self.device.unit.rollback()
            self.device.load()
            self.notices.append(StoreNotice("device_data_reset", exc.detail, {"moved_to": str(moved)}))
        self._move_drafts_to_user_data()
        self._load_field_data()

    def _protect_files(self) -> None:
        """Make every file of the folder this OS user's alone: older versions wrote them 0644."""
        assert self.folder is not None
        for path in self.folder.rglob("*"):
            if path.is_file():
                restrict(path)

    def _forget_parked_sessions(self) -> None:
        """Older versions parked a signed-out user's tokens inside ``user-<name>.json``: drop them unread."""
        assert self.folder is not None
        for parked in self.folder.glob("user-*.json"):
            try:
                tables = read_json_file(parked)
            except StoreCorrupt:
                continue  # left for its owner's next sign-in to quarantine
            if isinstance(tables, dict) and "auth" in tables:
                write_atomic(parked, dump_json({k: v for k, v in tables.items() if k != "auth"}))

    def _keep_legacy_session(self, path: Path) -> None:
        """A schema-1 ``user.json`` held the session: hand it to the token keeper before the upgrade drops it."""
        try:
            tables = read_json_file(path)
        except StoreCorrupt:
            return
        session = tables.get("auth", {}).get("session") if isinstance(tables, dict) else None
        if isinstance(session, dict) and self.session.current() is None:
            self.session.put_now(session)

    def _move_drafts_to_user_data(self) -> None:
        """Drafts were kept in ``device.json``, where the next member to sign in saw them: they are the
        signed-in owner's. With no owner yet they go to the current user data all the same."""
        drafts = self.device.settings().get(LEGACY_DRAFTS_SETTING)
        if not drafts:
            return
        for key, text in dict(drafts).items():
            if isinstance(text, str) and key not in self.user.drafts():
                self.user.set_draft(key, text)
        self.device.forget_setting(LEGACY_DRAFTS_SETTING)

    def _load_collection(self, name: str, collection: ReferenceCollection[Any]) -> None:
        """Convert a collection of the old one-file layout, load it, and drop page files a crash left; a
        damaged collection is moved to quarantine/ and starts empty (the next pull or import rebuilds it)."""
        assert self.folder is not None and collection.folder is not None
        legacy = collection.folder.with_name(f"{name}.json")
        try:
            if legacy.exists():
                if (collection.folder / MANIFEST).exists():  # converted before a crash removed the old file
                    self._set_aside(legacy, "backups")
                else:
                    self._convert_legacy(collection, legacy)
            collection.load()
            if migrations.needs_upgrade("reference", {"meta": {"state": collection.state.to_json()}}, name):
                raise StoreCorrupt(f"{name}: no upgrade from schema {collection.state.schema}", collection=name)
            collection.storage.remove_unnamed()
        except StoreCorrupt as exc:
            moved = self._quarantine(legacy) if legacy.exists() else self._quarantine(collection.folder)
            collection.folder.mkdir(parents=True, exist_ok=True)
            collection.storage.forget()
            collection.unit.rollback()
            collection.load()
            self.notices.append(
                StoreNotice("atlas_cache_reset", exc.detail, {"collection": name, "moved_to": str(moved)})
            )

    def _convert_legacy(self, collection: ReferenceCollection[Any], legacy: Path) -> None:
        """A collection file of the one-file layout (TinyDB JSON: records, staging, meta) becomes a page file
        per table and a manifest — the manifest's atomic write is the commit —, then the old file goes to
        backups/. Every record is validated on the way, as the old layout was at every start."""
        tables = read_json_file(legacy)
        if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
            raise StoreCorrupt(f"{legacy.name} does not hold TinyDB tables", path=str(legacy))
        unknown = set(tables) - {RECORDS, STAGING, META_TABLE}
        if unknown:
            raise StoreCorrupt(f"{legacy.name}: unexpected tables {sorted(unknown)}", path=str(legacy))
        if migrations.needs_upgrade("reference", tables, legacy.name):
            tables = migrations.upgrade("reference", tables)
        state = tables.get(META_TABLE, {}).get("state")
        layout: dict[str, Any] = {RECORDS: [], STAGING: [], "next": 1}
        for table in (RECORDS, STAGING):
            items = []
            for record_id, entry in tables.get(table, {}).items():
                try:
                    data = entry["d"]
                    collection.model.model_validate(data)
                    version = entry.get("v")
                except (ValidationError, KeyError, TypeError, AttributeError) as exc:  # a damaged file
                    raise StoreCorrupt(
                        f"{collection.name}/{record_id} is not a valid record: {exc}", collection=collection.name
                    ) from exc
                row = collection.row_of(data) if collection.row_of is not None else None
                items.append((Entry(record_id, version, False, row), data))
            if items:
                page = page_of(layout["next"], items)
                layout["next"] += 1
                collection.storage.files.write(page)
                layout[table].append(page.number)
        meta = {"state": state if isinstance(state, dict) else {}, "layout": layout}
        write_atomic(collection.folder / MANIFEST, dump_json({"format": 1, META_TABLE: meta}))  # type: ignore[operator]
        self._set_aside(legacy, "backups")

    def _set_aside(self, path: Path, where: str) -> Path:
        assert self.folder is not None
        target_dir = self.folder / where
        target_dir.mkdir(exist_ok=True)
        target = target_dir / f"{path.parent.name}-{path.name}"
        path.replace(target)
        return target

    def _load_field_data(self) -> None:
        """Photos (files are whole or absent; the upload progress is only a cache of what the server
        says) and the signed-in user's visits (an unreadable visit file is quarantined, never deleted)."""
        try:
            self.photos.open()
        except StoreCorrupt as exc:
            self.photos.reset_uploads()  # the next sync asks the server how far each upload got
            self.notices.append(StoreNotice("photo_uploads_reset", exc.detail))
        for notice in self.visits.open(self.user.owner):
            self.notices.append(StoreNotice(notice.code, notice.detail))

    def _load_user_data(self) -> None:
        assert self.folder is not None
        path = self.folder / "user.json"
        good = self.folder / "user.last-good.json"
        try:
            self._keep_legacy_session(path)
            self._migrate("user", path)
            self.user.load()
        except StoreCorrupt as exc:
            moved = self._quarantine(path)
            restored = False
            try:
                if read_json_file(good) is not None:
                    write_atomic(path, good.read_bytes())
                    self.user.unit.rollback()
                    self._migrate("user", path)
                    self.user.load()
                    restored = True
            except StoreCorrupt:
                path.unlink(missing_ok=True)
            if not restored:
                self.user.unit.rollback()
                self.user.load()
            code = "user_data_restored" if restored else "user_data_quarantined"
            self.notices.append(StoreNotice(code, exc.detail, {"moved_to": str(moved)}))
            return
        if path.exists():
            write_atomic(good, path.read_bytes())

    def _migrate(self, kind: str, path: Path) -> None:
        tables = read_json_file(path)
        if tables is None:
            return
        if not isinstance(tables, dict):
            raise StoreCorrupt(f"{path.name} does not hold TinyDB tables", path=str(path))
        if not migrations.needs_upgrade(kind, tables, path.name):
            return
        assert self.folder is not None
        backups = self.folder / "backups"
        backups.mkdir(exist_ok=True)
        write_atomic(backups / f"{path.name}.schema{migrations.schema_of(tables)}.bak", path.read_bytes())
        write_atomic(path, dump_json(migrations.upgrade(kind, tables)))

    def _quarantine(self, path: Path) -> Path | None:
        """Move a damaged file aside (never delete it) so the app can start."""
        if not path.exists():
            return None
        assert self.folder is not None
        target_dir = self.folder / "quarantine"
        target_dir.mkdir(exist_ok=True)
        stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
        target = target_dir / f"{path.name}.{stamp}"
        counter = 1
        while target.exists():
            counter += 1
            target = target_dir / f"{path.name}.{stamp}.{counter}"
        path.replace(target)
        return target

    # ---- reference data ------------------------------------------------------------------------------
    @property
    def plants(self) -> ReferenceCollection[Plant]:
        return self.reference["plants"]

    @property
    def mines(self) -> ReferenceCollection[Mine]:
        return self.reference["mines"]

    @property
    def sources(self) -> ReferenceCollection[Source]:
        return self.reference["sources"]

    def replace_reference(self, datasets: dict[str, list[Any]], origin: str) -> dict[str, ChangeCounts]:
        """Replace whole collections (an import) as one change: all of them land, or none.

        Each collection's new page file is written first (no manifest names it yet: a crash leaves a stray
        that start-up removes); then the new manifests are committed together through the journal.
        """
        unknown = set(datasets) - set(self.reference)
        if unknown:
            raise StoreError(f"unknown collections {sorted(unknown)}")
        with self.write_lock:
            staged = {name: self.reference[name].stage_replacement(models, origin) for name, models in datasets.items()}
            for name, replacement in staged.items():
                self.reference[name].storage.files.write(replacement.page)
            if self.folder is None:
                for name, replacement in staged.items():
                    self.reference[name].storage.install_manifest(replacement.manifest)
            else:
                journal.commit_files(
                    self.folder,
                    {self.reference[name].storage.manifest_path: r.manifest for name, r in staged.items()},  # type: ignore[misc]
                )
            for name in staged:
                self.reference[name].reload()
        for name in staged:
            self._changed(name)
        return {name: replacement.counts for name, replacement in staged.items()}

    # ---- accounts ------------------------------------------------------------------------------------------
    def switch_user(self, username: str) -> None:
        """Make ``username``'s data the current user data; the previous owner's is parked, never merged.

        Called at sign-in. The outbox and drafts belong to whoever made them: the outbox is pushed only
        when they sign in again on this device. Tokens are not user data and are never parked: the
        previous owner's session ends with the new sign-in (``SyncEngine.sign_in``).
        """
        with self.write_lock, self.user.lock:
            owner = self.user.owner
            if owner is None or owner == username:
                return
            # what the previous user could see of shared records is not the next user's to see
            for name in SHARED_COLLECTIONS:
                self.reference[name].clear()
            if self.folder is None:
                self.user.unit.install(dump_json({}))
                self.user.load()
                self.user.claim(username)
                return
            current = self.folder / "user.json"
            write_atomic(self.folder / _parked_name(owner), current.read_bytes())  # copy first: never lost
            parked = self.folder / _parked_name(username)
            write_atomic(current, parked.read_bytes() if parked.exists() else dump_json({}))
            self.user.unit.rollback()
            self._migrate("user", current)  # a parked file may be from an older version
            self.user.load()
            self.user.claim(username)
        self._changed("user")

    # ---- change notification --------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call ``listener(collection)`` after every commit; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _changed(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    def notify(self, what: str) -> None:
        """For writers outside this class (the sync engine) after they commit a collection."""
        self._changed(what)

    @property
    def categories(self) -> ReferenceCollection[Category]:
        return self.reference["categories"]

    @property
    def suppliers(self) -> ReferenceCollection[Supplier]:
        return self.reference["suppliers"]

    @property
    def needs(self) -> ReferenceCollection[Need]:
        return self.reference["needs"]

    @property
    def answers(self) -> ReferenceCollection[Answer]:
        return self.reference["answers"]

    @property
    def is_empty(self) -> bool:
        return not len(self.plants) and not len(self.mines)
