"""Photos taken on the device: checked by their bytes, turned upright, scaled, stripped, stored by hash."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import pytest
from PIL import Image

from models.photos import JPEG_QUALITY, MAX_SIDE_PX, THUMBNAIL_SIDE_PX
from sync.errors import PhotoRefused
from sync.photo_store import PhotoStore, UploadEntry, UploadState
from sync.photos import prepare_photo

GPS_IFD = 0x8825
EXIF_IFD = 0x8769


def camera_shot(size: tuple[int, int] = (4000, 3000), orientation: int = 6, seed: int = 1) -> bytes:
    """A phone camera's JPEG: 12 MP, rotated by EXIF, with the time taken, GPS and the phone's make."""
    rng = random.Random(seed)
    small = Image.frombytes("RGB", (size[0] // 20, size[1] // 20), rng.randbytes(size[0] // 20 * size[1] // 20 * 3))
    image = small.resize(size)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 12"
    exif.get_ifd(EXIF_IFD)[0x9003] = "2026:12:03 10:15:42"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (32.0, 38.0, 3.0), "E", (51.0, 22.0, 0.5)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92, exif=exif)
    return out.getvalue()


def encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def test_a_camera_shot_is_turned_upright_and_scaled_to_the_long_side() -> None:
    photo = prepare_photo(camera_shot())
    # orientation 6: the 4000×3000 sensor image is shown 3000 wide and 4000 high
    assert (photo.width, photo.height) == (MAX_SIDE_PX * 3 // 4, MAX_SIDE_PX)
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG"
    assert stored.size == (photo.width, photo.height)


def test_the_stored_photo_keeps_no_metadata_but_the_record_keeps_when_it_was_taken() -> None:
    photo = prepare_photo(camera_shot())
    stored = Image.open(io.BytesIO(photo.data))
    assert dict(stored.getexif()) == {}
    assert b"Exif" not in photo.data[:4096]
    assert b"PhoneMaker" not in photo.data
    assert photo.taken_at == dt.datetime(2026, 12, 3, 10, 15, 42)


def test_the_same_picture_taken_twice_is_the_same_photo() -> None:
    raw = camera_shot(seed=3)
    assert prepare_photo(raw).sha256 == prepare_photo(raw).sha256
    assert prepare_photo(raw).sha256 != prepare_photo(camera_shot(seed=4)).sha256


def test_a_small_picture_is_not_enlarged_and_a_thumbnail_is_small() -> None:
    photo = prepare_photo(encoded(Image.new("RGB", (640, 480), (200, 10, 10)), "JPEG"))
    assert (photo.width, photo.height) == (640, 480)
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert max(thumb.size) == THUMBNAIL_SIDE_PX


def test_a_transparent_png_becomes_a_jpeg_on_white() -> None:
    image = Image.new("RGBA", (100, 50), (0, 0, 0, 0))
    photo = prepare_photo(encoded(image, "PNG"))
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.mode == "RGB"
    assert stored.getpixel((50, 25)) == pytest.approx((255, 255, 255), abs=2)


def test_webp_is_taken() -> None:
    photo = prepare_photo(encoded(Image.new("RGB", (300, 200), (10, 120, 10)), "WEBP"))
    assert (photo.width, photo.height) == (300, 200)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj", "photo_not_an_image"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "photo_heic"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "photo_damaged"),
    ],
    ids=["pdf", "heic", "broken-jpeg"],
)
def test_what_is_no_photo_here_is_refused_with_its_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(PhotoRefused) as refused:
        prepare_photo(raw)
    assert refused.value.code == reason


def test_a_jpeg_cut_short_is_refused_as_damaged() -> None:
    raw = camera_shot(seed=5)
    with pytest.raises(PhotoRefused) as refused:
        prepare_photo(raw[: len(raw) // 2])
    assert refused.value.code == "photo_damaged"


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    bomb = encoded(Image.new("1", (10_000, 9_000)), "PNG")  # 90 MP, a few KB of PNG
    with pytest.raises(PhotoRefused) as refused:
        prepare_photo(bomb)
    assert refused.value.code == "photo_too_many_pixels"


def test_jpeg_quality_is_the_documented_one() -> None:
    assert JPEG_QUALITY == 82  # docs/visits.md says so; a change is a decision to write down


# ---- the photo store --------------------------------------------------------------------------------------
@pytest.fixture(params=["files", "memory"])
def photo_store(request: pytest.FixtureRequest, tmp_path: Path) -> PhotoStore:
    store = PhotoStore(tmp_path if request.param == "files" else None)
    store.open()
    return store


def test_a_photo_added_twice_is_kept_once_and_read_back_whole(photo_store: PhotoStore) -> None:
    raw = camera_shot(seed=6)
    first = photo_store.add(raw)
    second = photo_store.add(raw)
    assert first.sha256 == second.sha256
    assert photo_store.read(first.sha256) == first.data
    assert photo_store.thumbnail(first.sha256) == first.thumbnail
    assert photo_store.size(first.sha256) == len(first.data)


def test_a_photo_damaged_on_disk_is_not_handed_out(tmp_path: Path) -> None:
    store = PhotoStore(tmp_path)
    store.open()
    photo = store.add(camera_shot(seed=7))
    path = tmp_path / "photos" / photo.sha256[:2] / f"{photo.sha256}.jpg"
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(PhotoRefused) as refused:
        store.read(photo.sha256)
    assert refused.value.code == "photo_damaged"


def test_upload_progress_is_kept_across_a_restart_and_counted_per_record(tmp_path: Path) -> None:
    store = PhotoStore(tmp_path)
    store.open()
    a, b = store.add(camera_shot(seed=8)), store.add(camera_shot(seed=9))
    store.record_upload(UploadEntry(a.sha256, len(a.data), offset=len(a.data), state=UploadState.DONE))
    store.record_upload(UploadEntry(b.sha256, len(b.data), offset=1000))
    again = PhotoStore(tmp_path)
    again.open()
    assert again.progress([a.sha256, b.sha256]) == (1, 2)
    entry = again.upload(b.sha256)
    assert entry is not None and entry.offset == 1000


def test_a_photo_not_on_the_device_says_so(photo_store: PhotoStore) -> None:
    with pytest.raises(PhotoRefused) as refused:
        photo_store.read("d" * 64)
    assert refused.value.code == "photo_missing"
