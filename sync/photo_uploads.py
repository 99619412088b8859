"""The photo upload queue: every photo the device's records name, sent in chunks that resume after a cut.

Separate from the op outbox: a record names its photos by hash and syncs first (a visit reaches the
association even while its photos crawl over a weak line); the photos follow, oldest record first.
For each photo the server is asked how far it has got (``HEAD``) — so a photo it has already, from
this device or another, is never sent again, and an upload cut half-way resumes from the last chunk
the server kept — then sent chunk by chunk. What the server confirmed is kept in the photo store's
progress file after each chunk. A transient failure ends the cycle (the engine's backoff retries);
a refusal (not an image, too large) parks that photo with its reason, and the others go on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sync.api_client import ApiClient, AttachmentStatus
from sync.errors import PhotoRefused, PhotoUploadRefused, ProtocolError, UploadOffsetMismatch
from sync.photo_store import UploadEntry, UploadState

#: Bytes per request: small enough that a cut loses little on a 2G line, large enough to be few requests.
CHUNK_BYTES = 256 * 1024
#: A server that keeps moving the offset without taking bytes is broken: stop after this many in a row.
MAX_OFFSET_CORRECTIONS = 5


class UploadSource(Protocol):
    """Where the queue reads files and keeps their progress: the photo store, or the Fund's documents."""

    def upload(self, sha256: str) -> UploadEntry | None: ...
    def read(self, sha256: str) -> bytes: ...
    def size(self, sha256: str) -> int | None: ...
    def record_upload(self, entry: UploadEntry) -> None: ...


Authed = Callable[[Callable[[str], Awaitable[AttachmentStatus]]], Awaitable[AttachmentStatus]]


@dataclass
class UploadCounts:
    """What one cycle did with photos, for the sync history and the status."""

    sent: int = 0  # photos completed by this cycle's bytes
    already_there: int = 0  # the server had them: nothing sent
    refused: int = 0
    missing: int = 0  # named by a record, not on this device (deleted by hand, another device's)
    bytes_sent: int = 0
    reasons: list[str] = field(default_factory=list)


async def upload_photos(
    client: ApiClient,
    authed: Authed,
    photos: UploadSource,
    hashes: Iterable[str],
    on_progress: Callable[[str, int, int], None] | None = None,
    chunk_bytes: int = CHUNK_BYTES,
    purposes: Mapping[str, dict[str, str]] | None = None,
) -> UploadCounts:
    """Send every file of ``hashes`` the server does not have whole yet (see the module docstring); a file
    with a purpose in ``purposes`` (a Fund document: its call and document) is sent under that purpose's
    limits."""
    counts = UploadCounts()
    for sha in dict.fromkeys(hashes):
        entry = photos.upload(sha)
        if entry is not None and entry.state in (UploadState.DONE, UploadState.REFUSED):
            continue
        try:
            data = photos.read(sha)
        except PhotoRefused as refused:
            if refused.code == "photo_missing":
                counts.missing += 1
                continue
            damaged = UploadEntry(sha, photos.size(sha) or 0, state=UploadState.REFUSED, reason=refused.code)
            photos.record_upload(damaged)
            counts.refused += 1
            continue
        entry = entry or UploadEntry(sha, len(data))
        entry.attempts += 1
        status = await authed(lambda token, sha=sha: client.attachment_status(sha, token))
        if status.complete:
            _done(photos, entry, len(data))
            counts.already_there += 1
            continue
        offset, corrections, size = status.offset, 0, len(data)
        while True:
            if offset > len(data):
                raise ProtocolError(f"the server holds {offset} bytes of a {len(data)}-byte photo {sha}")
            chunk = data[offset : offset + chunk_bytes]
            try:
                status = await authed(
                    lambda token, sha=sha, offset=offset, chunk=chunk, size=size: client.upload_attachment(
                        sha, offset=offset, length=size, chunk=chunk, token=token, purpose=(purposes or {}).get(sha)
                    )
                )
            except UploadOffsetMismatch as moved:
                corrections += 1
                if corrections > MAX_OFFSET_CORRECTIONS:
                    raise ProtocolError(f"the server keeps moving the upload of {sha}") from moved
                offset = moved.offset
                continue
            except PhotoUploadRefused as refused:
                entry.state, entry.reason = UploadState.REFUSED, refused.reason
                photos.record_upload(entry)
                counts.refused += 1
                counts.reasons.append(f"{sha[:12]}: {refused.reason}")
                break
            corrections = 0
            counts.bytes_sent += len(chunk)
            offset = status.offset
            if status.complete:
                _done(photos, entry, len(data))
                counts.sent += 1
                break
            entry.offset = offset
            photos.record_upload(entry)
            if on_progress is not None:
                on_progress(sha, offset, len(data))
    return counts


def _done(photos: UploadSource, entry: UploadEntry, size: int) -> None:
    entry.state, entry.offset, entry.size, entry.reason = UploadState.DONE, size, size, None
    photos.record_upload(entry)
