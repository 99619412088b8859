"""The files a supplier attached to Fund applications on this device, and how far each upload has got.

Layout inside the data folder::

    fund/files/<sha256>          a document's bytes, named by their hash (one file however many drafts name it)
    fund/uploads.json            upload progress: bytes the server confirmed, done, or refused and why

A file is written atomically before any draft names it, so no draft names a file that is not on disk. It
is sent through the same resumable queue as a visit's photos (``sync/photo_uploads.py``), under the call's
limits for its document (``server/fund_documents.py``); *what* to send is asked of the drafts, the outbox
and the supplier's applications at each cycle (``FundClient.document_uploads``). Files are kept after they
are sent: the supplier reads them back from the application, and an application sent back for more
information starts its new revision with the same files.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from models.photos import is_sha256
from sync import clock
from sync.errors import PhotoRefused, StoreCorrupt
from sync.photo_store import UploadEntry
from sync.storage import TEMP_MARKER, Unit, write_atomic

FILES_DIR = "fund/files"
UPLOADS = "uploads"


class FundFiles:
    """The device's Fund documents (files, or memory for tests) and their upload progress."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = None if folder is None else folder / FILES_DIR
        self._memory: dict[str, bytes] = {}
        self.unit = Unit(None if folder is None else folder / "fund" / "uploads.json")
        self.lock = threading.RLock()
        self._opened = False

    def _open(self) -> None:
        """Delete what interrupted writes left and read the progress once (a damaged one is started afresh:
        the next cycle asks the server how far each upload has got)."""
        if self._opened:
            return
        self._opened = True
        if self.folder is not None and self.folder.exists():
            for stray in self.folder.glob(f"*{TEMP_MARKER}*"):
                stray.unlink(missing_ok=True)
        try:
            for raw in self.unit.load().get(UPLOADS, {}).values():
                UploadEntry.from_json(raw)
        except (StoreCorrupt, TypeError, ValueError, KeyError):
            self.unit.rollback()
            self.unit.table(UPLOADS).truncate()
            self.unit.commit()

    # ---- files ------------------------------------------------------------------------------------------
    def keep(self, data: bytes) -> str:
        """Store ``data`` under its hash (once) and return the hash."""
        sha = hashlib.sha256(data).hexdigest()
        if self.folder is None:
            self._memory[sha] = data
            return sha
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / sha
        if not target.exists():
            write_atomic(target, data)
        return sha

    def has(self, sha256: str) -> bool:
        if self.folder is None:
            return sha256 in self._memory
        return is_sha256(sha256) and (self.folder / sha256).exists()

    def get(self, sha256: str) -> bytes | None:
        try:
            return self.read(sha256)
        except PhotoRefused:
            return None

    def read(self, sha256: str) -> bytes:
        """The file's bytes, checked against its hash; ``PhotoRefused`` (photo_missing/photo_damaged), as the
        upload queue expects of a photo."""
        try:
            data = self._memory[sha256] if self.folder is None else (self.folder / sha256).read_bytes()
        except (KeyError, FileNotFoundError):
            raise PhotoRefused(f"document {sha256} is not on this device", reason="photo_missing") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise PhotoRefused(f"document {sha256} is damaged on this device", reason="photo_damaged")
        return data

    def size(self, sha256: str) -> int | None:
        if self.folder is None:
            data = self._memory.get(sha256)
            return None if data is None else len(data)
        try:
            return (self.folder / sha256).stat().st_size
        except FileNotFoundError:
            return None

    # ---- upload progress ------------------------------------------------------------------------------------
    def upload(self, sha256: str) -> UploadEntry | None:
        with self.lock:
            self._open()
            raw = self.unit.table(UPLOADS).raw().get(sha256)
        return UploadEntry.from_json(raw) if raw else None

    def uploads(self) -> dict[str, UploadEntry]:
        with self.lock:
            self._open()
            return {k: UploadEntry.from_json(v) for k, v in self.unit.table(UPLOADS).raw().items()}

    def record_upload(self, entry: UploadEntry) -> None:
        """Keep ``entry`` (one commit of the small progress file)."""
        entry.updated_at = clock.now_iso()
        with self.lock:
            self._open()
            try:
                self.unit.table(UPLOADS).change(lambda t: t.__setitem__(entry.sha256, entry.to_json()))
                self.unit.commit()
            except BaseException:
                self.unit.rollback()
                raise

    def forget_refusal(self, sha256: str) -> None:
        """The supplier attached the same bytes again after a refusal (the call's limits may have changed):
        the next cycle tries once more."""
        with self.lock:
            self._open()
            if sha256 in self.unit.table(UPLOADS).raw():
                try:
                    self.unit.table(UPLOADS).change(lambda t: t.pop(sha256, None))
                    self.unit.commit()
                except BaseException:
                    self.unit.rollback()
                    raise
