"""Photos in the data folder, by content hash, and how far each one's upload has got.

Layout inside the data folder::

    photos/ab/ab12….jpg         the photo (JPEG, no metadata), named by the SHA-256 of its bytes
    photos/ab/ab12….thumb.jpg   its thumbnail
    photos/uploads.json         upload progress: bytes the server confirmed, done, or refused and why

Each file is written atomically (temp file, fsync, rename, fsync of the folder), so a photo is
whole or absent after any crash; start-up deletes the temp files of interrupted writes. A record
names a photo only after ``add`` returned, so no record names a photo that is not on disk.

*What* to upload is not kept here: it is every photo the device's own unsent or unacknowledged
records name (visits, corrections), asked of their stores at each cycle, so a photo can never be
named and forgotten. This file keeps only how far each upload got.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from models.photos import is_sha256
from sync import clock
from sync.errors import PhotoRefused, StoreCorrupt
from sync.photos import PreparedPhoto, prepare_photo, thumbnail_of, verify_stored
from sync.storage import TEMP_MARKER, Unit, write_atomic

PHOTOS_DIR = "photos"
UPLOADS = "uploads"


class UploadState(StrEnum):
    PENDING = "pending"  # not all bytes confirmed by the server yet
    DONE = "done"  # the server has the whole photo (sent by us, or it had it already)
    REFUSED = "refused"  # the server refused it (not an image, too large): shown, never retried as is


@dataclass
class UploadEntry:
    sha256: str
    size: int
    offset: int = 0  # bytes the server has confirmed
    state: UploadState = UploadState.PENDING
    reason: str | None = None
    attempts: int = 0
    updated_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "state": self.state.value}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> UploadEntry:
        return cls(**{**raw, "state": UploadState(raw.get("state", "pending"))})


class PhotoStore:
    """The device's photos (files, or memory for tests) and their upload progress."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = None if folder is None else folder / PHOTOS_DIR
        self._memory: dict[str, bytes] = {}
        self.unit = Unit(None if self.folder is None else self.folder / "uploads.json")
        self.lock = threading.RLock()

    # ---- opening -----------------------------------------------------------------------------------
    def open(self) -> None:
        """Delete what interrupted writes left, then read the upload progress (StoreCorrupt if unreadable)."""
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            for stray in self.folder.rglob(f"*{TEMP_MARKER}*"):
                stray.unlink(missing_ok=True)  # a write that never reached its rename: the photo was never named
        tables = self.unit.load()
        try:
            for raw in tables.get(UPLOADS, {}).values():
                UploadEntry.from_json(raw)
        except (TypeError, ValueError, KeyError) as exc:
            raise StoreCorrupt(f"photo uploads do not validate: {exc}") from exc

    def reset_uploads(self) -> None:
        """Forget upload progress (a damaged progress file): the next cycle asks the server again."""
        with self.lock:
            self.unit.rollback()
            self.unit.table(UPLOADS).truncate()
            self.unit.commit()

    # ---- photos --------------------------------------------------------------------------------------
    def add(self, raw: bytes) -> PreparedPhoto:
        """Check, scale and strip ``raw`` (``sync/photos.py``) and store it; the same picture twice is one file.

        Returns once the photo and its thumbnail are durable on disk: only then may a record name it."""
        prepared = prepare_photo(raw)
        with self.lock:
            if not self.has(prepared.sha256):
                self._write(prepared.sha256, ".jpg", prepared.data)
            if self.thumbnail(prepared.sha256) is None:
                self._write(prepared.sha256, ".thumb.jpg", prepared.thumbnail)
        return prepared

    def put(self, sha256: str, data: bytes) -> None:
        """Keep a photo fetched from the server (another device's, or an earlier visit's pinned for offline
        use) with a thumbnail made here; the server has it whole, so its upload is marked done."""
        if not is_sha256(sha256) or not verify_stored(data, sha256):
            raise PhotoRefused(f"the bytes fetched are not photo {sha256}", reason="photo_damaged")
        thumb = thumbnail_of(data)
        with self.lock:
            if not self.has(sha256):
                self._write(sha256, ".jpg", data)
            if self.thumbnail(sha256) is None:
                self._write(sha256, ".thumb.jpg", thumb)
            entry = self.upload(sha256)
            if entry is None or entry.state is not UploadState.DONE:
                self.record_upload(UploadEntry(sha256, len(data), offset=len(data), state=UploadState.DONE))

    def has(self, sha256: str) -> bool:
        if self.folder is None:
            return sha256 in self._memory
        return self._path(sha256, ".jpg").exists()

    def read(self, sha256: str) -> bytes:
        """The photo's bytes, checked against its hash; ``PhotoRefused`` (photo_missing/photo_damaged)."""
        try:
            data = self._memory[sha256] if self.folder is None else self._path(sha256, ".jpg").read_bytes()
        except (KeyError, FileNotFoundError):
            raise PhotoRefused(f"photo {sha256} is not on this device", reason="photo_missing") from None
        if not verify_stored(data, sha256):
            raise PhotoRefused(f"photo {sha256} is damaged on this device", reason="photo_damaged")
        return data

    def thumbnail(self, sha256: str) -> bytes | None:
        if self.folder is None:
            return self._memory.get(sha256 + ".thumb")
        try:
            return self._path(sha256, ".thumb.jpg").read_bytes()
        except FileNotFoundError:
            return None

    def size(self, sha256: str) -> int | None:
        if self.folder is None:
            data = self._memory.get(sha256)
            return None if data is None else len(data)
        try:
            return self._path(sha256, ".jpg").stat().st_size
        except FileNotFoundError:
            return None

    def _path(self, sha256: str, suffix: str) -> Path:
        assert self.folder is not None
        if not is_sha256(sha256):
            raise PhotoRefused(f"{sha256!r} is not a photo hash", reason="photo_missing")
        return self.folder / sha256[:2] / f"{sha256}{suffix}"

    def _write(self, sha256: str, suffix: str, data: bytes) -> None:
        if self.folder is None:
            self._memory[sha256 + (".thumb" if suffix == ".thumb.jpg" else "")] = data
            return
        path = self._path(sha256, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)

    # ---- upload progress ---------------------------------------------------------------------------------
    def upload(self, sha256: str) -> UploadEntry | None:
        with self.lock:
            raw = self.unit.table(UPLOADS).raw().get(sha256)
        return UploadEntry.from_json(raw) if raw else None

    def uploads(self) -> dict[str, UploadEntry]:
        with self.lock:
            return {k: UploadEntry.from_json(v) for k, v in self.unit.table(UPLOADS).raw().items()}

    def record_upload(self, entry: UploadEntry) -> None:
        """Keep ``entry`` (one commit of the small progress file)."""
        entry.updated_at = clock.now_iso()
        with self.lock:
            try:
                self.unit.table(UPLOADS).change(lambda t: t.__setitem__(entry.sha256, entry.to_json()))
                self.unit.commit()
            except BaseException:
                self.unit.rollback()
                raise

    def progress(self, hashes: list[str]) -> tuple[int, int]:
        """(sent, total) of ``hashes`` — a visit's "photos 3/7 sent"."""
        uploads = self.uploads()
        sent = sum(1 for sha in hashes if (e := uploads.get(sha)) is not None and e.state is UploadState.DONE)
        return sent, len(hashes)
