"""Photos uploaded by content hash against the real server: chunks, a cut, resuming, duplicates, bad bytes, limits."""

from __future__ import annotations

import hashlib
import io
import random
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image

from tests.server.helpers import PASSWORD, Api
from tests.support.live_server import LiveServer

USERS = {"reza": "field_staff", "sara": "field_staff", "ali": "member", "mina": "member"}


@pytest.fixture(scope="module")
def attachments_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the module (each test uploads photos of its own): attachments are files and one
    table; the accounts take most of a server's set-up time."""
    folder = tmp_path_factory.mktemp("attachments-server")
    env = {"ZANJIREH_ATTACHMENTS_DIR": str(folder / "attachments")}
    server = LiveServer(f"sqlite:///{folder / 'server.sqlite3'}", env).start()
    for name, role in USERS.items():
        server.create_user(name, role, PASSWORD)
    yield server
    server.close()


@pytest.fixture
def attachments_dir(attachments_server: LiveServer) -> Path:
    return Path(attachments_server.env["ZANJIREH_ATTACHMENTS_DIR"])


@pytest.fixture
def make_api(attachments_server: LiveServer) -> Iterator[Callable[..., Api]]:
    made: list[Api] = []

    def make(username: str | None = None, role: str = "member") -> Api:
        assert username is None or USERS[username] == role
        api = Api(attachments_server.url)
        made.append(api)
        if username is not None:
            api.sign_in(username)
        return api

    yield make
    for api in made:
        api.close()


def photo_bytes(seed: int = 1, size: tuple[int, int] = (900, 700)) -> bytes:
    """A real JPEG of some 100 KB (noise compresses badly, so there is something to cut in half)."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def put(api: Api, name: str, chunk: bytes, offset: int, length: int) -> httpx.Response:
    headers = {"Upload-Offset": str(offset), "Upload-Length": str(length), "Content-Type": "application/octet-stream"}
    return api.http.put(f"/attachments/{name}", content=chunk, headers=headers)


def head(api: Api, name: str) -> tuple[int, bool]:
    answer = api.http.head(f"/attachments/{name}")
    assert answer.status_code == 200, answer.text
    return int(answer.headers["Upload-Offset"]), answer.headers["Upload-Complete"] == "?1"


def cut_off_put(base_url: str, token: str, name: str, chunk: bytes, offset: int, length: int) -> None:
    """Send a PUT whose body stops half-way, then close the connection (a phone losing its signal)."""
    parts = urlsplit(base_url)
    head_lines = (
        f"PUT /api/v1/attachments/{name} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: Bearer {token}\r\n"
        f"X-Zanjireh-Schema: 1\r\nUpload-Offset: {offset}\r\nUpload-Length: {length}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {len(chunk)}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head_lines.encode("ascii") + chunk[: len(chunk) // 2])


def test_a_photo_sent_in_two_chunks_is_stored_whole_and_read_back(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    data = photo_bytes()
    name, half = sha(data), len(data) // 2
    assert head(reza, name) == (0, False)
    first = put(reza, name, data[:half], 0, len(data))
    assert first.status_code == 200, first.text
    assert first.json() == {"sha256": name, "offset": half, "length": len(data), "complete": False}
    assert head(reza, name) == (half, False)
    last = put(reza, name, data[half:], half, len(data))
    assert last.json()["complete"] is True
    assert head(reza, name) == (len(data), True)
    fetched = reza.http.get(f"/attachments/{name}")
    assert fetched.status_code == 200
    assert fetched.content == data
    assert fetched.headers["content-type"] == "image/jpeg"


def test_a_chunk_cut_half_way_stores_nothing_of_it_and_the_upload_resumes(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    data = photo_bytes(2)
    name, third = sha(data), len(data) // 3
    assert put(reza, name, data[:third], 0, len(data)).status_code == 200
    cut_off_put(reza.http.base_url.__str__().removesuffix("/api/v1"), reza.tokens["access_token"], name,
                data[third:], third, len(data))  # fmt: skip
    offset, complete = head(reza, name)
    assert (offset, complete) == (third, False)  # the cut chunk left nothing behind
    assert put(reza, name, data[offset:], offset, len(data)).json()["complete"] is True
    assert reza.http.get(f"/attachments/{name}").content == data


def test_a_chunk_at_the_wrong_offset_is_told_where_the_upload_is(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    data = photo_bytes(3)
    name = sha(data)
    put(reza, name, data[:1000], 0, len(data))
    answer = put(reza, name, data[5000:6000], 5000, len(data))
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "offset_mismatch"
    assert answer.json()["error"]["detail"]["offset"] == 1000


def test_a_photo_the_server_has_is_never_taken_twice(make_api: Callable[..., Api], attachments_dir: Path) -> None:
    reza, sara = make_api("reza", "field_staff"), make_api("sara", "field_staff")
    data = photo_bytes(4)
    name = sha(data)
    assert put(reza, name, data, 0, len(data)).json()["complete"] is True
    stored = attachments_dir / name[:2] / name
    before = stored.stat().st_mtime_ns
    again = put(sara, name, data, 0, len(data))  # another device with the same photo
    assert again.status_code == 200
    assert again.json() == {"sha256": name, "offset": len(data), "length": len(data), "complete": True}
    assert stored.stat().st_mtime_ns == before
    assert head(sara, name) == (len(data), True)


def test_bytes_that_are_no_image_are_refused_and_thrown_away(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40
    answer = put(reza, sha(pdf), pdf, 0, len(pdf))
    assert answer.status_code == 415
    assert answer.json()["error"]["code"] == "not_an_image"
    assert head(reza, sha(pdf)) == (0, False)
    truncated = photo_bytes(5)[:20_000]  # a JPEG cut short: starts like one, does not decode
    answer = put(reza, sha(truncated), truncated, 0, len(truncated))
    assert answer.status_code == 415


def test_bytes_sent_under_another_photo_s_name_are_refused(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    data = photo_bytes(6)
    wrong = sha(b"something else")
    answer = put(reza, wrong, data, 0, len(data))
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "hash_mismatch"
    assert head(reza, wrong) == (0, False)


def test_a_photo_over_the_limit_is_refused_before_its_bytes_are_read(make_api: Callable[..., Api]) -> None:
    reza = make_api("reza", "field_staff")
    answer = put(reza, "a" * 64, b"x" * 10, 0, 9 * 1024 * 1024)
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "too_large"


def test_only_staff_and_the_uploader_read_a_photo_back(make_api: Callable[..., Api]) -> None:
    ali, mina, reza = make_api("ali"), make_api("mina"), make_api("reza", "field_staff")
    data = photo_bytes(7)
    name = sha(data)
    assert put(ali, name, data, 0, len(data)).json()["complete"] is True  # a member's correction photo
    assert ali.http.get(f"/attachments/{name}").status_code == 200
    assert mina.http.get(f"/attachments/{name}").status_code == 404
    assert reza.http.get(f"/attachments/{name}").status_code == 200


def test_an_attachment_is_named_by_a_hash_and_needs_a_signed_in_caller(make_api: Callable[..., Api]) -> None:
    reza, anonymous = make_api("reza", "field_staff"), make_api()
    assert reza.http.head("/attachments/photo.jpg").status_code == 404
    assert anonymous.http.head("/attachments/" + "a" * 64).status_code == 401
