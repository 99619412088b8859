"""Every limit the server keeps, exceeded: each gets a clear 4xx (or, inside a push, a rejected op) whose
message names the limit, and the server goes on serving everyone else meanwhile (issue 12, item 4).

The server runs with small limits (a 64 KiB push body, five records per member, two visit drafts per field
officer, 256 KiB photos) so that exceeding them is cheap; the defaults are in docs/api.md, "Limits". Where the
app is the one over a limit, the test goes on to the device: what the member typed or took is still there,
the refusal is parked with its reason, and the reason reads in Persian and English with the limit in it.
"""

from __future__ import annotations

import hashlib
import io
import random
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image

from models.visits import MAX_PHOTOS
from sync.errors import PhotoRefused
from sync.fieldwork import Fieldwork, VisitStatus
from tests.field_factories import REFRACTORIES, SEPAHAN, complete_answers, photo_refs, visit_data
from tests.server.helpers import API, PASSWORD, Api, error_of, note
from tests.support.live_server import LiveServer, start_live_server
from tests.sync_e2e.conftest import Device
from views.shell import i18n
from views.visits.refusals import refusal_words, upload_refusal_words

MAX_BODY = 64 * 1024
MAX_RECORDS = 5
MAX_DRAFTS = 2
MAX_PHOTO_BYTES = 256 * 1024
ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "general-supplier-audit@1"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder: Path = tmp_path_factory.mktemp("limits")
    env = {
        "ZANJIREH_MAX_REQUEST_BYTES": str(MAX_BODY),
        "ZANJIREH_USER_MAX_RECORDS": str(MAX_RECORDS),
        "ZANJIREH_USER_MAX_DRAFTS": str(MAX_DRAFTS),
        "ZANJIREH_MAX_ATTACHMENT_BYTES": str(MAX_PHOTO_BYTES),
    }
    with start_live_server(f"sqlite:///{folder / 'server.sqlite3'}", env) as live:
        for name in ("hoda", "reza", "bystander"):
            live.create_user(name, "member", PASSWORD)
        for name in ("sara", "omid", "nima"):
            live.create_user(name, "field_staff", PASSWORD)
        live.run_cli("import-suppliers", str(ROOT / "docs" / "registers" / "suppliers-template.csv"))
        live.run_cli("import-checklists")
        yield live


def signed_in(server: LiveServer, name: str) -> Api:
    api = Api(server.url)
    api.sign_in(name)
    return api


def note_op(api: Api, text: str = "یادداشت") -> dict:
    return api.op("notes", uuid.uuid4().hex, note(text))


def test_a_push_body_over_the_limit_is_413_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    ops = [note_op(api, "x" * 9_000) for _ in range(10)]  # ~90 KiB of JSON

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": ops})

    assert answer.status_code == 413
    error = error_of(answer)
    assert error["detail"] == {"max_bytes": MAX_BODY} and str(MAX_BODY) in error["message"]


def test_more_ops_than_a_push_takes_is_413_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    ops = [api.op("favourites", "plant:P1", {}, seq=n + 1) for n in range(201)]

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": ops})

    assert answer.status_code == 413
    assert error_of(answer)["detail"]["max_ops"] == 200


def test_a_note_longer_than_ten_thousand_characters_is_rejected_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")

    result = api.push(note_op(api, "ی" * 10_001))["results"][0]

    assert result["status"] == "rejected" and "10000" in result["reason"]


@pytest.mark.parametrize(
    "path, body, field, limit",
    [
        ("/auth/token", {"username": "u" * 201, "password": "p"}, "body.username", "200"),
        ("/auth/token", {"username": "u", "password": "p" * 1025}, "body.password", "1024"),
        ("/auth/refresh", {"refresh_token": "t" * 201}, "body.refresh_token", "200"),
    ],
)
def test_strings_over_their_length_are_422_naming_field_and_limit(
    server: LiveServer, path: str, body: dict, field: str, limit: str
) -> None:
    answer = Api(server.url).http.post(path, json=body)

    assert answer.status_code == 422
    problems = {p["field"]: p["message"] for p in error_of(answer)["detail"]}
    assert limit in problems[field]


def test_an_op_id_over_128_characters_is_422_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "hoda")
    op = {**note_op(api), "op_id": "x" * 129}

    answer = api.http.post("/push", json={"client_id": api.client_id, "ops": [op]})

    assert answer.status_code == 422 and "128" in error_of(answer)["message"]


def test_a_cursor_over_2000_characters_is_422_naming_the_limit(server: LiveServer) -> None:
    answer = signed_in(server, "hoda").http.get("/changes/plants", params={"cursor": "c" * 2001})

    assert answer.status_code == 422 and "2000" in error_of(answer)["message"]


def test_records_past_a_members_quota_are_rejected_naming_the_quota(server: LiveServer) -> None:
    api = signed_in(server, "reza")

    results = api.push(*(note_op(api) for _ in range(MAX_RECORDS + 1)))["results"]

    assert [r["status"] for r in results] == ["applied"] * MAX_RECORDS + ["rejected"]
    assert results[-1]["reason"].startswith("quota_exceeded") and str(MAX_RECORDS) in results[-1]["reason"]


def test_others_are_served_while_a_caller_trickles_a_body_past_the_limit(server: LiveServer) -> None:
    """A signed-in caller sends a chunked push a few bytes at a time, past the limit: meanwhile everyone else
    is answered as usual, and the trickler gets its 413."""
    hoda, bystander = signed_in(server, "hoda"), signed_in(server, "bystander")
    address = urlsplit(server.url)
    statuses: list[int] = []

    def trickle() -> None:
        head = (
            f"POST {API}/push HTTP/1.1\r\nHost: {address.netloc}\r\nX-Zanjireh-Schema: 1\r\n"
            f"Authorization: Bearer {hoda.tokens['access_token']}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        )
        with socket.create_connection((address.hostname, address.port), timeout=60) as sock:
            sock.sendall(head.encode())
            chunk = b" " * 8192
            try:
                for _ in range(MAX_BODY // len(chunk) + 4):
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    time.sleep(0.2)
                sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed: what the test wants
            statuses.append(int(sock.makefile("rb").readline().split()[1]))

    thread = threading.Thread(target=trickle)
    thread.start()
    served = []
    while thread.is_alive() and len(served) < 5:
        served.append(bystander.http.get("/me").status_code)
        served.append(bystander.push(note_op(bystander))["results"][0]["status"])
    thread.join(60)

    assert statuses == [413]
    assert served and set(served) <= {200, "applied"}, served


# ---- attachments: size and type (by content), photos per record ----------------------------------------
def photo(seed: int, size: tuple[int, int] = (64, 48), fmt: str = "JPEG") -> bytes:
    """A real picture; noise, so that a large one stays large once compressed."""
    rng = random.Random(seed)
    image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def upload(api: Api, data: bytes, content_type: str = "application/octet-stream") -> httpx.Response:
    headers = {"Upload-Offset": "0", "Upload-Length": str(len(data)), "Content-Type": content_type}
    return api.http.put(f"/attachments/{hashlib.sha256(data).hexdigest()}", content=data, headers=headers)


def test_a_photo_over_the_size_limit_is_413_naming_the_limit(server: LiveServer) -> None:
    big = photo(1, (800, 800))
    assert len(big) > MAX_PHOTO_BYTES

    answer = upload(signed_in(server, "sara"), big)

    assert answer.status_code == 413
    error = error_of(answer)
    assert error["code"] == "too_large" and error["detail"]["max_bytes"] == MAX_PHOTO_BYTES
    assert str(MAX_PHOTO_BYTES) in error["message"]


@pytest.mark.parametrize(
    "data, claimed",
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", "image/jpeg"),  # a document called a photo
        (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "image/jpeg"),  # a JPEG's first bytes, then no picture
        (photo(2)[:-600], "image/jpeg"),  # a real JPEG cut short
        (b"GIF89a" + photo(3)[6:], "image/gif"),  # a format not taken
    ],
    ids=["pdf-as-jpeg", "jpeg-magic-only", "truncated-jpeg", "gif-header"],
)
def test_a_photo_is_judged_by_its_bytes_not_by_what_it_claims(server: LiveServer, data: bytes, claimed: str) -> None:
    api = signed_in(server, "sara")

    answer = upload(api, data, claimed)

    assert answer.status_code == 415 and error_of(answer)["code"] == "not_an_image", answer.text
    name = hashlib.sha256(data).hexdigest()
    assert api.http.head(f"/attachments/{name}").headers["Upload-Offset"] == "0"  # nothing of it is kept


def test_a_png_sent_as_anything_is_stored_as_the_png_it_is(server: LiveServer) -> None:
    api = signed_in(server, "sara")
    data = photo(4, fmt="PNG")

    answer = upload(api, data, "application/pdf")

    assert answer.status_code == 200 and answer.json()["complete"], answer.text
    back = api.http.get(f"/attachments/{hashlib.sha256(data).hexdigest()}")
    assert back.status_code == 200 and back.headers["content-type"] == "image/png" and back.content == data


def visit_op(api: Api, **overrides: object) -> dict:
    data = visit_data(**overrides)  # type: ignore[arg-type]
    return api.op("visits", data["id"], data)


def test_a_visit_naming_more_photos_than_a_record_takes_is_rejected_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "omid")
    answers = complete_answers()
    photos = photo_refs(answers) + [
        {"sha256": f"{n:064x}", "width": 8, "height": 8, "bytes": 100} for n in range(1000, 1000 + MAX_PHOTOS)
    ]
    assert len(photos) > MAX_PHOTOS

    result = api.push(visit_op(api, state="draft", answers=answers, photos=photos))["results"][0]

    assert result["status"] == "rejected" and result["reason"].startswith("invalid_data")
    assert str(MAX_PHOTOS) in result["reason"] and "photos" in result["reason"]


def test_visit_drafts_past_a_field_officers_limit_are_rejected_naming_the_limit(server: LiveServer) -> None:
    api = signed_in(server, "nima")
    first, second, third = (visit_op(api, state="draft") for _ in range(3))

    results = api.push(first, second, third)["results"]

    assert [r["status"] for r in results] == ["applied", "applied", "rejected"]
    assert results[2]["reason"].startswith("too_many_drafts") and f"at most {MAX_DRAFTS}" in results[2]["reason"]
    # a draft already on the server goes on saving; submitting one frees its place for the third
    again = api.op("visits", first["record_id"], {**first["data"], "summary": "همه بخش‌ها دیده شد"})
    submitted = api.op("visits", second["record_id"], {**second["data"], "state": "submitted"})
    retried = api.op("visits", third["record_id"], third["data"])
    assert [r["status"] for r in api.push(again, submitted, retried)["results"]] == ["applied"] * 3


def test_a_visit_over_the_draft_limit_stays_on_the_phone_with_the_reason_in_the_members_words(
    server: LiveServer, tmp_path: Path
) -> None:
    phone = Device(tmp_path / "phone", server)
    phone.sign_in("sara", PASSWORD)
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    visit_ids = [work.start_visit(SEPAHAN, [REFRACTORIES], TEMPLATE).visit.id for _ in range(MAX_DRAFTS + 1)]
    for n, visit_id in enumerate(visit_ids):
        work.answer(visit_id, "qms.iso9001", True)
        work.note(visit_id, "qms.iso9001", f"گواهی تا ۱۴۰۶ معتبر است ({n})")

    result = phone.sync()

    assert result.ok, result.error
    rows = {row.id: row for row in work.my_visits()}
    refused = [row for row in rows.values() if row.status is VisitStatus.REFUSED]
    assert len(refused) == 1 and (refused[0].refused_reason or "").startswith("too_many_drafts")
    kept = work.visit(refused[0].id)
    assert kept is not None and kept.visit.answers == {"qms.iso9001": True}  # what the auditor typed is all there
    n = visit_ids.index(refused[0].id)
    assert kept.visit.notes == {"qms.iso9001": f"گواهی تا ۱۴۰۶ معتبر است ({n})"}
    persian, english = (refusal_words(refused[0].refused_reason, lang) for lang in ("fa", "en"))
    assert i18n.digits(str(MAX_DRAFTS), "fa") in persian and "پیش‌نویس" in persian and "too_many" not in persian
    assert f"{MAX_DRAFTS} visit drafts" in english and "stays on this device" in english
    phone.close()


def test_a_photo_the_server_finds_too_large_is_parked_and_named_in_the_members_words(
    server: LiveServer, tmp_path: Path
) -> None:
    phone = Device(tmp_path / "phone", server)
    phone.sign_in("omid", PASSWORD)
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], TEMPLATE).visit.id
    _, small = work.attach_photo(visit_id, photo(5), question="prod.line_photos")
    _, large = work.attach_photo(visit_id, photo(6, (1800, 1400)), question="prod.line_photos")

    result = phone.sync()

    assert result.ok, result.error
    assert result.photos.refused == 1 and result.photos.sent == 1
    uploads = phone.store.photos.uploads()
    assert uploads[large.sha256].reason == "too_large" and uploads[small.sha256].reason is None
    draft = work.visit(visit_id)
    assert draft is not None and [p.sha256 for p in draft.visit.photos] == [small.sha256, large.sha256]
    assert phone.store.photos.read(large.sha256)  # the refused photo is kept on the phone, not thrown away
    assert "بزرگ" in upload_refusal_words("too_large", "fa") and "larger" in upload_refusal_words("too_large", "en")
    phone.close()


def test_a_photo_past_the_photos_a_visit_holds_is_refused_on_the_phone_and_the_visit_kept(
    server: LiveServer, tmp_path: Path
) -> None:
    phone = Device(tmp_path / "phone", server)
    phone.sign_in("omid", PASSWORD)
    assert phone.sync().ok
    work = Fieldwork(phone.store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], TEMPLATE).visit.id
    for n in range(MAX_PHOTOS):
        work.attach_photo(visit_id, photo(10_000 + n, (16, 12)))

    with pytest.raises(PhotoRefused) as refused:
        work.attach_photo(visit_id, photo(99, (16, 12)))

    assert refused.value.code == "photo_too_many" and refused.value.params["limit"] == MAX_PHOTOS
    draft = work.visit(visit_id)
    assert draft is not None and len(draft.visit.photos) == MAX_PHOTOS
    persian = i18n.error_message(PhotoRefused("", reason="photo_too_many", limit=MAX_PHOTOS, file="x.jpg"), "fa")
    english = i18n.error_message(PhotoRefused("", reason="photo_too_many", limit=MAX_PHOTOS, file="x.jpg"), "en")
    assert i18n.digits(str(MAX_PHOTOS), "fa") in persian and f"at most {MAX_PHOTOS} photos" in english
    phone.close()


def test_visit_drafts_are_counted_per_officer_on_both_databases(db_url: str) -> None:
    """The count reads the visits' JSON (author, state), which SQLite and PostgreSQL spell differently."""
    with start_live_server(db_url, {"ZANJIREH_USER_MAX_DRAFTS": "1"}) as live:
        for name in ("sara", "omid"):
            live.create_user(name, "field_staff", PASSWORD)
        live.run_cli("import-suppliers", str(ROOT / "docs" / "registers" / "suppliers-template.csv"))
        live.run_cli("import-checklists")
        sara, omid = signed_in(live, "sara"), signed_in(live, "omid")

        saras = sara.push(visit_op(sara, state="draft"), visit_op(sara, state="draft"))["results"]
        omids = omid.push(visit_op(omid, state="draft"))["results"]

        assert [r["status"] for r in saras] == ["applied", "rejected"] and "at most 1" in saras[1]["reason"]
        assert [r["status"] for r in omids] == ["applied"]  # another officer's drafts are not sara's
