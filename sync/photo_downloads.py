"""Photos fetched from the server by content hash: another device's photos of this user's visits, the photos
of earlier visits to the suppliers pinned on this device (for a day offline), and for admins those of the
visits waiting for a decision.

Each photo is asked for once it is missing here (``GET /attachments/{sha256}``), checked against its hash and
kept in the photo store with a thumbnail made here (``PhotoStore.put``): a photo is one file however many
records name it, and one the device already has is never fetched. A photo the server does not have yet (its
device has not sent it) is asked for again at a later cycle; a transient failure ends the fetching for this
cycle (the engine's backoff retries) — what was kept stays kept.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sync.api_client import ApiClient
from sync.errors import PhotoNotOnServer, PhotoRefused
from sync.photo_store import PhotoStore

if TYPE_CHECKING:
    from sync.store import LocalStore

#: Photos fetched in one cycle at most: a first sync on a slow line should not hang on hundreds of photos.
MAX_PER_CYCLE = 200

#: The device setting that lists the suppliers pinned on this device: the photos of their earlier visits are
#: kept here for a day offline. A device setting, not the user's: it is about what this device holds.
PINNED_SUPPLIERS = "pinned_suppliers"
#: What the store's listeners hear when a pin changes (the app then syncs at once to fetch the photos).
PINNED = "pinned"

Authed = Callable[[Callable[[str], Awaitable[bytes]]], Awaitable[bytes]]


@dataclass
class DownloadCounts:
    """What one cycle fetched, for the sync history."""

    fetched: int = 0
    not_on_server: int = 0  # not sent by its device yet: asked again next cycle
    damaged: int = 0  # the bytes did not hash to their name (a broken proxy): not kept, asked again
    bytes_received: int = 0


async def download_photos(
    client: ApiClient, authed: Authed, photos: PhotoStore, hashes: Iterable[str], limit: int = MAX_PER_CYCLE
) -> DownloadCounts:
    """Fetch every photo of ``hashes`` this device lacks (see the module docstring)."""
    counts = DownloadCounts()
    for sha in dict.fromkeys(hashes):
        if counts.fetched >= limit:
            break
        if photos.has(sha):
            continue
        try:
            data = await authed(lambda token, sha=sha: client.download_attachment(sha, token))
        except PhotoNotOnServer:
            counts.not_on_server += 1
            continue
        try:
            photos.put(sha, data)
        except PhotoRefused:
            counts.damaged += 1
            continue
        counts.fetched += 1
        counts.bytes_received += len(data)
    return counts


def pinned_suppliers(store: LocalStore) -> list[str]:
    """The suppliers pinned on this device (``PINNED_SUPPLIERS``), in the order they were pinned."""
    value = store.device.settings().get(PINNED_SUPPLIERS)
    return [str(s) for s in value] if isinstance(value, list) else []


def pin_supplier(store: LocalStore, supplier_id: str, pinned: bool) -> None:
    """Pin (or unpin) ``supplier_id`` on this device. Unpinning keeps the photos already here: they are
    small, and other records may name them; the next pin costs nothing."""
    current = pinned_suppliers(store)
    wanted = [s for s in current if s != supplier_id] + ([supplier_id] if pinned else [])
    if wanted != current:
        store.device.set_setting(PINNED_SUPPLIERS, wanted)
