"""The Fund from the device to a real server and back: a supplier drafts offline from a need, attaches a file
within the call's limits, seals and syncs once; an officer and two reviewers on other devices take it to
approval; the supplier reads the decision and the notes meant for them, never the scores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.fund_events import ApplyThresholds, AssignReviewers, Decide, DeclareConflict, Review, Screen, StartScreening
from sync.errors import FundDraftIncomplete, FundFileRefused
from sync.fund import EVENTS, FundClient
from tests.fund_factories import BN, NEED_ID, SUPPLIER_ID, make_content
from tests.server.fund_world import SCORES, seed_world
from tests.server.helpers import PASSWORD, Api
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import Device

PDF = b"%PDF-1.4\n" + b"the plan\n" * 50 + b"%%EOF\n"


@pytest.fixture
def fund_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}").start()
    seed_world(server)
    yield server
    server.close()


def _device(tmp_path: Path, name: str, server: LiveServer, username: str) -> tuple[Device, FundClient]:
    device = Device(tmp_path / name, server)
    device.sign_in(username, PASSWORD)
    assert device.sync().ok
    fund = FundClient.of(device.store)
    fund.follow_user()
    return device, fund


def _fetch(server: LiveServer, username: str, sha256: str) -> bytes:
    api = Api(server.url)
    try:
        api.sign_in(username)
        answer = api.http.get(f"/attachments/{sha256}")
        assert answer.status_code == 200, answer.text
        return answer.content
    finally:
        api.close()


def _fill(fund: FundClient, draft_id: str) -> None:
    whole = make_content()
    for field in ("summary", "requested_irr", "own_contribution_irr", "grace_months", "budget", "milestones",
                  "trl_now", "trl_target", "contact_name", "contact_phone"):  # fmt: skip
        fund.change(draft_id, {field: getattr(whole, field)})


def test_a_supplier_drafts_offline_seals_and_the_fund_takes_it_to_approval(
    fund_server: LiveServer, tmp_path: Path
) -> None:
    phone, fund = _device(tmp_path, "phone", fund_server, "sepahan1")
    seen = {c.call.id: c for c in fund.calls_for(SUPPLIER_ID)}
    assert seen["FC-T1"].eligible and "FC-T-LATE" not in seen  # the closed call is not offered

    # offline from here: nothing below talks to the server until sync
    draft = fund.start_draft("FC-T1", SUPPLIER_ID, (NEED_ID,))
    assert draft.content.needs[0].part_number == "MC-LADLE-12" and draft.content.fx_saving_planned_eur == 1_450_000
    _fill(fund, draft.id)
    with pytest.raises(FundFileRefused) as refused:
        fund.attach(draft.id, "proposal", "plan.docx", b"x")
    assert refused.value.params["reason"] == "file_type"
    with pytest.raises(FundDraftIncomplete):  # the proposal is still missing
        fund.submit(draft.id)
    fund.attach(draft.id, "proposal", "plan.pdf", PDF)
    sealed = fund.submit(draft.id)
    assert sealed.sealed and len([o for o in phone.store.user.outbox() if o.collection == EVENTS]) == 1

    result = phone.sync()
    assert result.ok and result.pushed.applied == 1
    assert result.fund_documents.sent == 1 and result.fund_documents.bytes_sent == len(PDF)  # after the record
    fund.settle_drafts()
    assert fund.drafts.get(draft.id) is None  # the server's copy shows from now on
    record = fund.application(draft.id)
    assert record is not None and record.tracking_no and record.stage == "received"
    assert record.revisions[-1].sha256 == sealed.seal.sha256  # type: ignore[union-attr]
    assert phone.sync().pushed.applied == 0  # sent once

    desk, officer = _device(tmp_path, "desk", fund_server, "officer1")
    assert _fetch(fund_server, "officer1", sealed.content.attachments[0].sha256) == PDF
    reviewers = {name: _device(tmp_path, name, fund_server, name) for name in ("rev_a", "rev_b")}
    officer.move(StartScreening(application_id=draft.id))
    officer.move(Screen(application_id=draft.id, outcome="eligible"))
    officer.move(AssignReviewers(application_id=draft.id, reviewers=["rev_a", "rev_b"]))
    assert desk.sync().pushed.applied == 3
    for name, (device, client) in reviewers.items():
        assert device.sync().ok
        assert [r.id for r in client.applications()] == [draft.id]  # only what was assigned
        client.move(DeclareConflict(application_id=draft.id, conflict=False))
        client.move(Review(application_id=draft.id, scores=SCORES, note_to_applicant=f"یادداشت {name}",
                           private_note="private"))  # fmt: skip
        assert device.sync().pushed.applied == 2
    officer.move(ApplyThresholds(application_id=draft.id))
    officer.move(Decide(application_id=draft.id, outcome="approved", minutes="صورتجلسه ۱۲", amount_irr=8 * BN,
                        note_to_applicant="تبریک"))  # fmt: skip
    assert desk.sync().pushed.applied == 2

    assert phone.sync().ok
    mine = fund.application(draft.id)
    assert mine is not None and mine.stage == "approved" and mine.state is None
    assert mine.decision is not None and mine.decision.note_to_applicant == "تبریک"
    assert mine.scoring is None and not mine.reviewers and fund.reviews() == []
    assert {f.note for f in mine.feedback} == {"یادداشت rev_a", "یادداشت rev_b"}
    entry = next(e for e in fund.ledger() if e.trackingNo == mine.tracking_no)
    assert entry.amountAwarded == 8 * BN
    for device in (phone, desk, *(d for d, _ in reviewers.values())):
        device.close()


def test_a_file_renamed_as_a_pdf_is_refused_on_the_device_and_a_documents_count_is_held(
    fund_server: LiveServer, tmp_path: Path
) -> None:
    phone, fund = _device(tmp_path, "phone", fund_server, "sepahan1")
    draft = fund.start_draft("FC-T1", SUPPLIER_ID, (NEED_ID,))
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    with pytest.raises(FundFileRefused) as refused:
        fund.attach(draft.id, "proposal", "plan.pdf", png)  # the name says PDF; the bytes say otherwise
    assert refused.value.params["reason"] == "file_type"
    assert fund.drafts.get(draft.id).content.attachments == ()  # type: ignore[union-attr]
    for i in range(2):
        fund.attach(draft.id, "lab_sample", f"s{i}.pdf", PDF + f"%{i}\n%%EOF\n".encode())
    with pytest.raises(FundFileRefused) as third:
        fund.attach(draft.id, "lab_sample", "s3.pdf", PDF + b"%3\n%%EOF\n")
    assert third.value.params["reason"] == "too_many_files" and third.value.params["params"]["max_files"] == 2
    result = phone.sync()  # a draft's files go up early, under the call's limits
    assert result.ok and result.fund_documents.sent == 2
    assert {e.state.value for e in fund.files.uploads().values()} == {"done"}
    phone.close()


def test_an_officer_fetches_an_applicants_document_by_hash_and_an_unassigned_reviewer_is_refused_in_words(
    fund_server: LiveServer, tmp_path: Path
) -> None:
    import asyncio

    from sync.api_client import ApiClient
    from sync.errors import FundDocumentNotHere, FundDocumentUnavailable
    from sync.fund_open import document_bytes
    from sync.photo_store import UploadState
    from views.fund import messages  # noqa: F401  (registers the Fund's words in the catalogue)
    from views.shell import i18n

    phone, fund = _device(tmp_path, "phone", fund_server, "sepahan1")
    draft = fund.start_draft("FC-T1", SUPPLIER_ID, (NEED_ID,))
    _fill(fund, draft.id)
    fund.attach(draft.id, "proposal", "plan.pdf", PDF)
    sha = fund.submit(draft.id).content.attachments[0].sha256
    assert phone.sync().fund_documents.sent == 1
    assert asyncio.run(document_bytes(fund, sha)) == PDF  # the applicant's own: from the device

    desk, officer = _device(tmp_path, "desk", fund_server, "officer1")
    assert officer.application(draft.id) is not None and not officer.files.has(sha)
    assert asyncio.run(document_bytes(officer, sha)) == PDF
    assert officer.files.has(sha) and officer.upload_state(sha).state is UploadState.DONE  # type: ignore[union-attr]
    assert sha not in officer.document_uploads()  # kept to read, never sent back

    def closed(_url: str) -> ApiClient:
        return ApiClient("http://127.0.0.1:9")  # nothing listens: only the device's copy can answer

    assert asyncio.run(document_bytes(officer, sha, client_factory=closed)) == PDF  # kept for offline

    other, stranger = _device(tmp_path, "other", fund_server, "rev_c")
    with pytest.raises(FundDocumentUnavailable) as refused:
        asyncio.run(document_bytes(stranger, sha))
    assert not stranger.files.has(sha)
    assert i18n.error_message(refused.value, "fa") == (
        "سرور این فایل را به شما نمی‌دهد: یا اجازهٔ دیدن آن را ندارید، یا هنوز بارگذاری نشده است."
    )
    assert i18n.error_message(refused.value, "en") == (
        "The server does not give you this file: you may not see it, or it has not been uploaded yet."
    )
    with pytest.raises(FundDocumentNotHere):  # offline, and not on this device
        asyncio.run(document_bytes(stranger, sha, client_factory=closed))
    for device in (phone, desk, other):
        device.close()
