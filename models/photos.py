"""Photos a record refers to by content hash: their reference, the formats taken, and the limits.

A record (a visit, a correction) never holds image bytes: it names each photo by the SHA-256 of the
stored file, so the record can sync before its photos do and a photo is stored and uploaded once
however many records name it. The bytes travel through their own upload queue (docs/visits.md).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SHA256_PATTERN = r"^[0-9a-f]{64}$"
_SHA256 = re.compile(SHA256_PATTERN)

#: What the device keeps of a photo: the long side at most this many pixels, as JPEG of this quality.
MAX_SIDE_PX = 2048
JPEG_QUALITY = 82
THUMBNAIL_SIDE_PX = 320
#: Largest photo the device accepts to process (a camera's original) and the server accepts to store.
MAX_INPUT_BYTES = 40 * 1024 * 1024
MAX_STORED_BYTES = 8 * 1024 * 1024
#: Pixels: refuse decompression bombs before decoding them.
MAX_INPUT_PIXELS = 80_000_000


class ImageFormat(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    HEIC = "heic"  # recognised so that it can be refused with its own message


#: Formats the device turns into a stored photo; HEIC (iPhones' default) is recognised and refused.
ACCEPTED_FORMATS = frozenset({ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP})
#: The one format stored and uploaded.
STORED_MIME = "image/jpeg"


_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"mif1", b"msf1")


def sniff_format(head: bytes) -> ImageFormat | None:
    """The image format of a file by its first bytes (never by its name), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return ImageFormat.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageFormat.PNG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageFormat.WEBP
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return ImageFormat.HEIC
    return None


def is_sha256(text: str) -> bool:
    return bool(_SHA256.fullmatch(text))


class PhotoRef(BaseModel):
    """A photo as a record names it. ``taken_at`` is the device's clock (or the camera's), display only."""

    # extra="ignore" for reading; pushed records are checked for unknown fields as a whole
    # (models/records.py: unknown_fields), so nothing a user sent is dropped silently.
    model_config = ConfigDict(frozen=True, extra="ignore")

    sha256: str = Field(pattern=SHA256_PATTERN)
    #: The question it answers or illustrates (a visit's), when it belongs to one.
    question: str | None = Field(default=None, max_length=100)
    caption: str | None = Field(default=None, max_length=500)
    taken_at: dt.datetime | None = None
    width: int = Field(ge=1, le=MAX_SIDE_PX)
    height: int = Field(ge=1, le=MAX_SIDE_PX)
    bytes: int = Field(ge=1, le=MAX_STORED_BYTES)
