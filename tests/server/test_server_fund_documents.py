"""A Fund application's documents through the attachments' resumable uploads, on SQLite and PostgreSQL: held to
the call's limits for each document (type by content, size, count), named by hash so the application syncs
before its files, and read back by the applicant and the Fund's officers only."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image

from models.fund_applications import AttachmentRef
from tests.server.fund_world import FundDesk, seed_world
from tests.server.helpers import Api
from tests.support.live_server import start_live_server

#: A PDF as a writer leaves it: the header, a body, the end-of-file marker (a cut download has none).
PLAN = b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 400 + b"trailer\n%%EOF\n"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FundDesk]:
    folder = tmp_path_factory.mktemp("fund-docs")
    if request.param == "sqlite":
        url, cluster = f"sqlite:///{folder / 'server.sqlite3'}", None
    else:
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database()
    # the files in the test's own folder (on PostgreSQL the server would put them under the working directory)
    server = start_live_server(url, {"ZANJIREH_ATTACHMENTS_DIR": str(folder / "attachments")})
    seed_world(server)
    made = FundDesk(server, lambda: Api(server.url))
    yield made
    made.close()
    server.close()
    if cluster is not None:
        cluster.drop_database(url)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def png(seed: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40 + seed, 30), (seed % 255, 90, 30)).save(out, format="PNG")
    return out.getvalue()


def put(
    api: Api, data: bytes, offset: int = 0, end: int | None = None, *, call: str = "FC-T1", document: str = "proposal"
) -> httpx.Response:
    headers = {
        "Upload-Offset": str(offset),
        "Upload-Length": str(len(data)),
        "Content-Type": "application/octet-stream",
    }
    chunk = data[offset : len(data) if end is None else end]
    params = {"call": call, "document": document}
    return api.http.put(f"/attachments/{sha(data)}", content=chunk, headers=headers, params=params)


def complete(api: Api, data: bytes) -> bool:
    answer = api.http.head(f"/attachments/{sha(data)}")
    return answer.headers["Upload-Complete"] == "?1"


def test_a_plan_sent_in_two_chunks_is_kept_and_read_back_by_its_uploader_and_the_fund_only(desk: FundDesk) -> None:
    plan = PLAN + b"% two chunks\n%%EOF\n"
    applicant = desk.apis["applicant"]
    first = put(applicant, plan, 0, len(plan) // 2)
    assert first.status_code == 200 and first.json()["complete"] is False
    last = put(applicant, plan, len(plan) // 2)
    assert last.status_code == 200, last.text
    assert last.json()["complete"] is True
    for who in ("applicant", "officer", "admin"):
        fetched = desk.apis[who].http.get(f"/attachments/{sha(plan)}")
        assert fetched.status_code == 200 and fetched.content == plan
        assert fetched.headers["content-type"] == "application/pdf"
    for who in ("other_supplier", "member", "reviewer"):
        assert desk.apis[who].http.get(f"/attachments/{sha(plan)}").status_code == 404


def test_a_picture_sent_as_the_plan_is_refused_by_its_content_and_nothing_is_kept(desk: FundDesk) -> None:
    picture = png(1)
    answer = put(desk.apis["applicant"], picture)
    assert answer.status_code == 415
    error = answer.json()["error"]
    assert error["code"] == "file_type" and error["detail"]["allowed"] == ["application/pdf"]
    assert error["detail"]["found"] == "image/png"
    assert not complete(desk.apis["applicant"], picture)


def test_the_same_picture_is_taken_for_a_document_of_scans(desk: FundDesk) -> None:
    picture = png(2)
    answer = put(desk.apis["applicant"], picture, document="lab_sample")
    assert answer.status_code == 200 and answer.json()["complete"] is True


def test_a_file_over_the_documents_size_is_refused_before_its_bytes_are_read(desk: FundDesk) -> None:
    big = PLAN * 400  # ~6 MB, over the plan's 5 MB
    headers = {"Upload-Offset": "0", "Upload-Length": str(len(big)), "Content-Type": "application/octet-stream"}
    answer = desk.apis["applicant"].http.put(
        f"/attachments/{sha(big)}",
        content=big[:1000],
        headers=headers,
        params={"call": "FC-T1", "document": "proposal"},
    )
    assert answer.status_code == 413
    error = answer.json()["error"]
    assert error["code"] == "file_too_large" and error["detail"]["max_bytes"] == 5 * 1024 * 1024


def test_a_document_the_call_does_not_ask_for_is_refused(desk: FundDesk) -> None:
    for call, document in (("FC-T1", "passport"), ("FC-NONE", "proposal")):
        answer = put(desk.apis["applicant"], PLAN + b"%x\n%%EOF\n", call=call, document=document)
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "unknown_document"


def test_a_cut_pdf_is_refused_though_its_first_bytes_look_right(desk: FundDesk) -> None:
    cut = PLAN[: len(PLAN) // 2]
    answer = put(desk.apis["applicant"], cut)
    assert answer.status_code == 415 and answer.json()["error"]["code"] == "file_type"


def test_a_photo_the_server_has_already_is_not_taken_as_a_pdf_document(desk: FundDesk) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 20, 30)).save(photo, format="JPEG")
    data = photo.getvalue()
    headers = {"Upload-Offset": "0", "Upload-Length": str(len(data)), "Content-Type": "application/octet-stream"}
    as_photo = desk.apis["field_staff"].http.put(f"/attachments/{sha(data)}", content=data, headers=headers)
    assert as_photo.status_code == 200 and as_photo.json()["complete"] is True
    answer = put(desk.apis["applicant"], data)
    assert answer.status_code == 415 and answer.json()["error"]["code"] == "file_type"


def test_an_application_is_taken_before_its_documents_arrive(desk: FundDesk) -> None:
    plan = PLAN + b"% not sent yet\n%%EOF\n"
    ref = AttachmentRef(document="proposal", sha256=sha(plan), file_name="plan.pdf", mime="application/pdf",
                        bytes=len(plan))  # fmt: skip
    app_id, result = desk.submit(attachments=(ref,))
    assert result["status"] == "applied"
    assert not complete(desk.apis["applicant"], plan)  # named by hash; the bytes follow
    assert put(desk.apis["applicant"], plan).json()["complete"] is True
    seen = desk.read("officer")[app_id]
    assert seen is not None and seen["revisions"][-1]["content"]["attachments"][0]["sha256"] == sha(plan)


def test_a_submission_with_more_files_than_a_document_takes_is_refused_with_the_count(desk: FundDesk) -> None:
    refs = tuple(
        AttachmentRef(document="lab_sample", sha256=sha(png(10 + i)), file_name=f"s{i}.png", mime="image/png",
                      bytes=len(png(10 + i)))
        for i in range(3)
    )  # fmt: skip
    plan = AttachmentRef(document="proposal", sha256=sha(PLAN), file_name="plan.pdf", mime="application/pdf",
                         bytes=len(PLAN))  # fmt: skip
    _app_id, result = desk.submit(attachments=(plan, *refs))
    assert result["status"] == "rejected" and result["reason"].startswith("seal_problems")
    assert {"field": "attachments", "message": "too_many_files"} in result["problems"]


def test_a_milestones_evidence_goes_up_under_the_funds_evidence_limits(desk: FundDesk) -> None:
    picture = png(40)
    taken = put(desk.apis["applicant"], picture, document="milestone_evidence")
    assert taken.status_code == 200 and taken.json()["complete"] is True
    archive = b"PK\x03\x04" + b"\x00" * 100
    refused = put(desk.apis["applicant"], archive, document="milestone_evidence")
    assert refused.status_code == 415 and refused.json()["error"]["detail"]["allowed"] == [
        "application/pdf", "image/jpeg", "image/png",
    ]  # fmt: skip


def test_an_assigned_reviewer_reads_the_applications_documents_and_no_other_reviewer_does(desk: FundDesk) -> None:
    plan = PLAN + b"% for the reviewers\n%%EOF\n"
    assert put(desk.apis["applicant"], plan).json()["complete"] is True
    ref = AttachmentRef(document="proposal", sha256=sha(plan), file_name="plan.pdf", mime="application/pdf",
                        bytes=len(plan))  # fmt: skip
    app_id, result = desk.submit(attachments=(ref,))
    assert result["status"] == "applied"
    assert desk.apis["reviewer"].http.get(f"/attachments/{sha(plan)}").status_code == 404  # not assigned yet
    desk.ok("officer", "start_screening", app_id)
    desk.ok("officer", "screen", app_id, outcome="eligible")
    desk.ok("officer", "assign_reviewers", app_id, reviewers=["rev_a", "rev_b"])
    fetched = desk.apis["reviewer"].http.get(f"/attachments/{sha(plan)}")
    assert fetched.status_code == 200 and fetched.content == plan
    assert desk.apis["other_reviewer"].http.get(f"/attachments/{sha(plan)}").status_code == 404
