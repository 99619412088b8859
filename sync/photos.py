"""Turning the bytes of a camera shot or a picked file into the photo a record keeps (Pillow).

Checked by content, never by name: JPEG, PNG and WebP are taken; HEIC (an iPhone's default) is
recognised and refused with its own message, since neither Pillow nor Flet's mobile package index has
a HEIC decoder. The photo is turned upright (EXIF orientation), scaled down to ``MAX_SIDE_PX`` on its
long side, and stored as JPEG at ``JPEG_QUALITY`` with *no* metadata: the camera's GPS position
(which could be anywhere the phone took the picture, a home included) and its device details are
dropped; the time it was taken is read first and kept on purpose, in the record's ``PhotoRef``
(docs/visits.md, "Photos"). The output is deterministic for the same input, so the same picture
picked twice is one file with one hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from models.photos import (
    ACCEPTED_FORMATS,
    JPEG_QUALITY,
    MAX_INPUT_BYTES,
    MAX_INPUT_PIXELS,
    MAX_SIDE_PX,
    THUMBNAIL_SIDE_PX,
    ImageFormat,
    sniff_format,
)
from sync.errors import PhotoRefused

_DATETIME_ORIGINAL = 0x9003  # in the Exif IFD
_DATETIME = 0x0132  # in IFD0, when the camera writes no original time
_EXIF_IFD = 0x8769


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: its JPEG bytes and their hash, its size, a thumbnail, when it was taken."""

    data: bytes
    sha256: str
    width: int
    height: int
    thumbnail: bytes
    taken_at: dt.datetime | None


def prepare_photo(raw: bytes) -> PreparedPhoto:
    """The stored form of ``raw`` (a camera shot or a file's bytes); ``PhotoRefused`` with a code the
    app translates when it cannot be one: ``photo_too_large``, ``photo_not_an_image``, ``photo_heic``,
    ``photo_too_many_pixels`` or ``photo_damaged``."""
    if len(raw) > MAX_INPUT_BYTES:
        raise PhotoRefused(f"{len(raw)} bytes is over {MAX_INPUT_BYTES}", reason="photo_too_large")
    kind = sniff_format(raw[:32])
    if kind is ImageFormat.HEIC:
        raise PhotoRefused("HEIC photos cannot be read here", reason="photo_heic")
    if kind not in ACCEPTED_FORMATS:
        raise PhotoRefused("the bytes are not a JPEG, PNG or WebP image", reason="photo_not_an_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            if image.width * image.height > MAX_INPUT_PIXELS:
                raise PhotoRefused(f"{image.width}×{image.height} pixels is too many", reason="photo_too_many_pixels")
            taken_at = _taken_at(image)
            image.load()
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoRefused(str(exc), reason="photo_too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoRefused(f"the image cannot be decoded: {exc}", reason="photo_damaged") from exc
    upright = ImageOps.exif_transpose(image)
    rgb = _flatten(upright)
    rgb.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX), Image.Resampling.LANCZOS)
    data = _jpeg(rgb, JPEG_QUALITY)
    thumb = rgb.copy()
    thumb.thumbnail((THUMBNAIL_SIDE_PX, THUMBNAIL_SIDE_PX), Image.Resampling.LANCZOS)
    return PreparedPhoto(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        width=rgb.width,
        height=rgb.height,
        thumbnail=_jpeg(thumb, 70),
        taken_at=taken_at,
    )


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: transparency (a PNG screenshot, a WebP sticker) has no place in a JPEG."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif=, no icc_profile=: nothing of the original's metadata is written.
    image.save(out, format="JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def _taken_at(image: Image.Image) -> dt.datetime | None:
    """The camera's "taken at" (its own clock, no time zone), when the file says it."""
    try:
        exif = image.getexif()
    except (OSError, SyntaxError, ValueError):
        return None
    raw = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        return dt.datetime.strptime(raw.strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def thumbnail_of(data: bytes) -> bytes:
    """The thumbnail of a stored photo (one fetched from the server comes without one); ``PhotoRefused``
    (photo_damaged) when the bytes do not decode."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            thumb = _flatten(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoRefused(f"the photo cannot be decoded: {exc}", reason="photo_damaged") from exc
    thumb.thumbnail((THUMBNAIL_SIDE_PX, THUMBNAIL_SIDE_PX), Image.Resampling.LANCZOS)
    return _jpeg(thumb, 70)


def verify_stored(data: bytes, sha256: str) -> bool:
    """Whether stored bytes are still the photo named ``sha256`` (a damaged file is not uploaded)."""
    return hashlib.sha256(data).hexdigest() == sha256
