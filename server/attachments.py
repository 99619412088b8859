"""Photos uploaded by content hash, in chunks that resume after a cut, checked by content when complete.

A photo's name is the SHA-256 of its bytes. A client asks how far an upload has got (``HEAD``) and
sends the rest from there (``PUT`` with ``Upload-Offset`` and ``Upload-Length``); the server appends
each chunk at the offset it has recorded and answers the new offset. When the last byte arrives the
whole file must hash to its name and be an image (JPEG, PNG or WebP, decoded in full, under the size
and pixel limits); otherwise it is thrown away and the client told why (4xx), and nothing that names
it is touched. A photo the server has whole is never taken again: any ``PUT`` of it is answered
"complete" at once. Limits and answers: docs/api.md, "Attachments".

The database row is the truth about an upload's offset; the partial file is cut back to it before
each append, so a crash between the file write and the commit costs nothing but a resend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from models.fund_documents import sniff_document
from models.orgs import Role
from models.photos import MAX_INPUT_PIXELS, MAX_STORED_BYTES, is_sha256
from server import persistence
from server.db import Database
from server.errors import ApiError, Invalid, NotFound, TooLarge

#: Formats the server stores (the app sends JPEG; the others are accepted from other clients).
STORED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

#: Checks a complete upload's file by content: its media type and, for an image, its size in pixels;
#: raises a 4xx ``ApiError`` when the file is not what the upload may be (a photo; a Fund document).
ContentCheck = Callable[[Path], tuple[str, int | None, int | None]]


#: The width of ``attachments.mime`` (server/tables.py).
MIME_COLUMN = 40
#: Roles that read any attachment: the association's staff (visits' photos) and the Fund's officers (documents).
READ_ANY = frozenset({Role.ADMIN.value, Role.FIELD_STAFF.value, Role.FUND_OFFICER.value})


class OffsetMismatch(ApiError):
    """The chunk starts elsewhere than the upload has got to; ``detail.offset`` says where."""

    status_code = 409
    code = "offset_mismatch"


class HashMismatch(ApiError):
    status_code = 422
    code = "hash_mismatch"


class NotAnImage(ApiError):
    status_code = 415
    code = "not_an_image"


@dataclass(frozen=True)
class UploadStatus:
    sha256: str
    offset: int
    length: int | None
    complete: bool

    def to_json(self) -> dict[str, object]:
        return {"sha256": self.sha256, "offset": self.offset, "length": self.length, "complete": self.complete}


class AttachmentStore:
    """The attachments folder (complete files by hash, partial uploads apart) and the rows that track them."""

    def __init__(self, database: Database, folder: Path, max_bytes: int = MAX_STORED_BYTES) -> None:
        self.database = database
        self.folder = folder
        self.max_bytes = max_bytes

    def path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / sha256

    def _partial(self, sha256: str) -> Path:
        return self.folder / "partial" / sha256

    # ---- reading ------------------------------------------------------------------------------------
    def status(self, sha256: str) -> UploadStatus:
        _check_name(sha256)
        with self.database.read() as session:
            row = persistence.get_attachment(session, sha256=sha256)
        if row is None:
            return UploadStatus(sha256, 0, None, False)
        return UploadStatus(sha256, row.offset, row.length, row.complete)

    def read(
        self, sha256: str, *, user_id: int, role: str, may_read: Callable[[], bool] | None = None
    ) -> tuple[bytes, str]:
        """The stored file and its media type, for the association's staff, the Fund's officers, its uploader,
        and whoever ``may_read`` lets through (a Fund reviewer, for the applications assigned to them)."""
        _check_name(sha256)
        with self.database.read() as session:
            row = persistence.get_attachment(session, sha256=sha256)
        allowed = row is not None and (role in READ_ANY or row.uploaded_by == user_id)
        allowed = allowed or (row is not None and row.complete and may_read is not None and may_read())
        if row is None or not row.complete or not allowed:
            raise NotFound(f"no attachment {sha256}", {"sha256": sha256})
        data = self.path(sha256).read_bytes()
        return data, row.mime or sniff_document(data) or "application/octet-stream"

    # ---- writing ------------------------------------------------------------------------------------
    def put(
        self,
        sha256: str,
        *,
        offset: int,
        length: int,
        chunk: bytes,
        user_id: int,
        now: dt.datetime,
        max_bytes: int | None = None,
        check: ContentCheck | None = None,
    ) -> UploadStatus:
        """Append ``chunk`` at ``offset`` of an upload of ``length`` bytes; check the file when complete — as a
        photo, or by ``check`` and under ``max_bytes`` when the upload is something else (a Fund document,
        server/fund_documents.py)."""
        _check_name(sha256)
        limit = self.max_bytes if max_bytes is None else max_bytes
        if length < 1 or length > limit:
            raise TooLarge(f"an upload here is at most {limit} bytes", {"max_bytes": limit, "length": length})
        if offset < 0 or offset + len(chunk) > length:
            raise Invalid("the chunk does not fit in Upload-Length", {"offset": offset, "chunk": len(chunk)})
        failure: ApiError | None = None
        with self.database.write() as session:
            row = persistence.get_attachment(session, sha256=sha256)
            if row is not None and row.complete:
                return UploadStatus(sha256, row.length or 0, row.length, True)  # have it: never taken twice
            if row is not None and row.length != length and offset == 0:
                persistence.delete_attachment(session, sha256=sha256)  # a fresh start with another length
                row = None
            if row is None:
                row = persistence.start_attachment(session, sha256=sha256, length=length, user_id=user_id, now=now)
            if row.length != length:
                raise OffsetMismatch(
                    "Upload-Length differs from the upload under way; start again at 0",
                    {"offset": row.offset, "length": row.length},
                )
            if offset != row.offset:
                raise OffsetMismatch(f"the upload is at {row.offset}", {"offset": row.offset, "length": row.length})
            held = self._held(sha256)
            if held < offset:
                # the partial file is shorter than recorded (lost with a disk): start it again, said and committed
                row.offset, row.updated_at = 0, now
                failure = OffsetMismatch("the upload must start again", {"offset": 0, "length": length})
            else:
                end = self._append(sha256, offset, chunk)
                row.offset, row.updated_at = end, now
                if end < length:
                    return UploadStatus(sha256, end, length, False)
                try:
                    mime, width, height = self._finish(sha256, check or check_image)
                except ApiError as refused:
                    # the bytes are thrown away and the row with them, in this committed transaction
                    persistence.delete_attachment(session, sha256=sha256)
                    failure = refused
                else:
                    # an office document's type is longer than the column: left out, sniffed again when read
                    row.complete, row.width, row.height = True, width, height
                    row.mime = mime if len(mime) <= MIME_COLUMN else None
                    return UploadStatus(sha256, end, length, True)
        assert failure is not None
        raise failure

    def _held(self, sha256: str) -> int:
        try:
            return self._partial(sha256).stat().st_size
        except FileNotFoundError:
            return 0

    def _append(self, sha256: str, offset: int, chunk: bytes) -> int:
        partial = self._partial(sha256)
        partial.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "ab+") as handle:
            handle.truncate(offset)  # what an uncommitted earlier attempt left beyond the recorded offset
            handle.seek(offset)
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            return handle.tell()

    def _finish(self, sha256: str, check: ContentCheck) -> tuple[str, int | None, int | None]:
        """Check the complete upload and move it into place; on failure drop it and raise a 4xx."""
        partial = self._partial(sha256)
        data = partial.read_bytes()
        try:
            if hashlib.sha256(data).hexdigest() != sha256:
                raise HashMismatch("the bytes do not hash to the name they were sent under", {"sha256": sha256})
            mime, width, height = check(partial)
        except ApiError:
            partial.unlink(missing_ok=True)
            raise
        target = self.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
        return mime, width, height


def _check_name(sha256: str) -> None:
    if not is_sha256(sha256):
        raise NotFound("an attachment is named by the SHA-256 of its bytes (64 lowercase hex)", {"name": sha256})


def check_image(path: Path) -> tuple[str, int | None, int | None]:
    """The media type and size of an image file, decoded in full; ``NotAnImage`` otherwise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as probe:
                fmt = probe.format or ""
                width, height = probe.size
                if fmt not in STORED_FORMATS:
                    raise NotAnImage(f"{fmt or 'this'} is not a photo format taken here", {"format": fmt})
                if width * height > MAX_INPUT_PIXELS:
                    raise NotAnImage("the image has too many pixels", {"width": width, "height": height})
                probe.load()  # a truncated or damaged image fails here
    except NotAnImage:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAnImage("the bytes are not an image that decodes", {"problem": str(exc)[:200]}) from None
    except Image.DecompressionBombWarning:
        raise NotAnImage("the image has too many pixels", None) from None
    return STORED_FORMATS[fmt], width, height
