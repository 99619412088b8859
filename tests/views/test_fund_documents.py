"""The Fund's documents on screen, renderer-free: each document's limits before a file is picked, a refused file
told beside its document in the reader's language, each file's upload state, a sealed application's documents,
and the officer's queue in Persian digits."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from models.fund_programmes import TEHRAN
from sync.fund import FundClient
from sync.photo_store import UploadEntry, UploadState
from sync.store import LocalStore
from tests.fund_factories import LAB_PHOTOS, PROPOSAL, SUPPLIER_ID, Desk, make_call, make_programme, make_supplier
from tests.views.conftest import PHONE, app_state, run, start_app
from views.fund.state import FundState

LATIN_DIGIT = re.compile(r"[0-9]")
PLAN = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 100 + b"%%EOF\n"
PICTURE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 300


def fund_store(folder: Path, role: str = "supplier", org: str = SUPPLIER_ID) -> LocalStore:
    now = dt.datetime.now(TEHRAN)
    call = make_call(opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(days=20),
                     required_documents=(PROPOSAL, LAB_PHOTOS))  # fmt: skip
    store = LocalStore.open(folder)
    store.replace_reference(
        {"fund_programmes": [make_programme()], "fund_calls": [call], "suppliers": [make_supplier()]}, "tests"
    )
    store.user.set_auth({"api_url": "http://127.0.0.1:9", "username": "sepahan1", "role": role, "org_id": org,
                         "access_token": "a", "refresh_token": "r"})  # fmt: skip
    store.device.set_setting("language", "fa")
    return store


def test_the_draft_shows_each_documents_limits_and_tells_why_a_file_was_not_taken_in_persian(tmp_path: Path) -> None:
    store = fund_store(tmp_path / "data")
    fund = FundClient.of(store)
    fund.follow_user()
    draft = fund.start_draft("FC-T1", SUPPLIER_ID)

    async def scenario() -> None:
        h = await start_app(store, PHONE, route=f"/fund/draft/{draft.id}")
        state = app_state(h).part(FundState)
        plan_limit = h.by_data("fund-document-limit-proposal").value
        lab_limit = h.by_data("fund-document-limit-lab_sample").value
        assert plan_limit == "طرح: PDF، حداکثر ۵ مگابایت"
        assert lab_limit == "عکس نمونه: PDF، JPEG، PNG، حداکثر ۱ مگابایت، تا ۲ فایل، اختیاری"

        assert not state.attach(draft.id, "proposal", "plan.pdf", PICTURE)  # a picture, whatever its name says
        await h.settle()
        refused = h.by_data("fund-file-refused-proposal").value
        assert "plan.pdf" in refused and "پیوست نشد" in refused and "PDF" in refused
        assert not LATIN_DIGIT.search(refused)
        assert fund.drafts.get(draft.id).content.attachments == ()  # type: ignore[union-attr]

        assert state.attach(draft.id, "proposal", "plan.pdf", PLAN)
        await h.settle()
        assert not h.find(data="fund-file-refused-proposal")  # the right file replaced the refusal
        sha = fund.drafts.get(draft.id).content.attachments[0].sha256  # type: ignore[union-attr]
        assert h.by_data(f"fund-upload-{sha[:12]}").value == "روی این دستگاه؛ در همگام‌سازی بعدی بارگذاری می‌شود"

        fund.files.record_upload(UploadEntry(sha, len(PLAN), offset=len(PLAN) // 2))
        state.session_refreshed()
        await h.settle()
        assert h.by_data(f"fund-upload-{sha[:12]}").value == "در حال بارگذاری: ۵۰٪"
        fund.files.record_upload(UploadEntry(sha, len(PLAN), offset=len(PLAN), state=UploadState.DONE))
        state.session_refreshed()
        await h.settle()
        assert h.by_data(f"fund-upload-{sha[:12]}").value == "بارگذاری شد"

        fund.files.record_upload(UploadEntry(sha, len(PLAN), state=UploadState.REFUSED, reason="file_type"))
        await h.fire(h.by_data("toggle-language"))
        assert h.by_data(f"fund-upload-{sha[:12]}").value == (
            "The server refused this file: This file type is not accepted (accepted: PDF)"
        )

    try:
        run(scenario())
    finally:
        store.close()


def test_a_sealed_application_lists_its_documents_and_the_queue_shows_persian_digits(tmp_path: Path) -> None:
    desk = Desk()
    desk.submit()
    store = fund_store(tmp_path / "data", role="fund_officer", org="ASSOC")
    store.replace_reference({"fund_applications": [desk.record]}, "tests")

    async def scenario() -> None:
        h = await start_app(store, PHONE, route="/fund?tab=queue")
        row = "\n".join(h.texts(h.by_data(f"fund-queue-{desk.record.id}")))
        tracking = desk.record.tracking_no
        assert tracking.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in row
        assert tracking not in row
        await h.go(f"/fund/application/{desk.record.id}")
        documents = "\n".join(h.texts(h.by_data("fund-documents")))
        assert "طرح" in documents and "plan.pdf" in documents

    try:
        run(scenario())
    finally:
        store.close()


def test_a_guarantee_ending_soon_is_flagged_to_the_supplier_and_the_officer_with_both_calendars(tmp_path: Path) -> None:
    from models.fund_programmes import GuaranteeKind, GuaranteeSecurity
    from models.fund_records import Agreement, IssuedGuarantee, Stage
    from tests.fund_factories import BN

    desk = Desk()
    desk.submit()
    today = dt.datetime.now(TEHRAN).date()
    ends = today + dt.timedelta(days=12)
    issued = IssuedGuarantee(kind=GuaranteeKind.GOOD_PERFORMANCE, beneficiary="فولاد مبارکه", amount_irr=2 * BN,
                             months=12, security=GuaranteeSecurity.CASH_DEPOSIT, deposit_irr=BN // 10,
                             fee_irr=BN // 100, expires_on=ends)  # fmt: skip
    agreement = Agreement(contract_no="SF-C-9", amount_irr=2 * BN, start_date=today, signed_on=today,
                          guarantees=[issued])  # fmt: skip
    record = desk.record.model_copy(update={"agreement": agreement, "stage": Stage.UNDER_WAY})
    for role, route in (("supplier", "/fund?tab=mine"), ("fund_officer", "/fund?tab=queue")):
        store = fund_store(tmp_path / role, role=role, org=SUPPLIER_ID if role == "supplier" else "ASSOC")
        store.replace_reference({"fund_applications": [record]}, "tests")

        async def scenario(store: LocalStore = store, route: str = route) -> None:
            h = await start_app(store, PHONE, route=route)
            words = h.by_data(f"fund-guarantee-{record.id}").value
            words = "".join(c for c in words if c not in "\u2066\u2069\u200e")
            assert "ضمانت‌نامهٔ حسن انجام کار" in words and "۱۲ روز مانده" in words
            assert f"({ends.isoformat().translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))})" in words  # Gregorian
            assert not LATIN_DIGIT.search(words)
            await h.go(f"/fund/application/{record.id}")
            assert h.find(data=f"fund-guarantee-{record.id}")

        try:
            run(scenario())
        finally:
            store.close()


def test_the_officer_can_save_each_file_and_offline_is_told_a_file_not_on_the_device_is_not_here(
    tmp_path: Path,
) -> None:
    import hashlib

    from models.fund_applications import AttachmentRef
    from tests.support.flet_harness import FletHarness
    from views.app import make_main

    desk = Desk()
    desk.submit()
    here = AttachmentRef(document="proposal", sha256=hashlib.sha256(PLAN).hexdigest(), file_name="طرح.pdf",
                         mime="application/pdf", bytes=len(PLAN))  # fmt: skip
    elsewhere = desk.record.content.attachments[0]  # plan.pdf: only on the server (which cannot be reached)
    content = desk.record.content.model_copy(update={"attachments": (here, elsewhere)})
    last = desk.record.revisions[-1].model_copy(update={"content": content})
    record = desk.record.model_copy(update={"revisions": [*desk.record.revisions[:-1], last]})
    store = fund_store(tmp_path / "data", role="fund_officer", org="ASSOC")  # its server: a closed port
    store.replace_reference({"fund_applications": [record]}, "tests")
    FundClient.of(store).files.keep(PLAN)
    saved: list[dict] = []

    def save_file(args: dict) -> None:
        saved.append(args)  # a browser downloads and names no path

    async def scenario() -> None:
        h = FletHarness({"save_file": save_file}, width=PHONE[0], height=PHONE[1])
        await h.start(make_main(store), route=f"/fund/application/{record.id}")
        await h.settle()
        state = app_state(h)
        documents = h.by_data("fund-documents")
        for ref in (here, elsewhere):  # every file offers the action, named for a screen reader in Persian
            button = h.by_data(f"fund-open-{ref.sha256[:12]}")
            assert button.tooltip.startswith("ذخیرهٔ یک نسخه از") and ref.file_name in button.tooltip
        assert len(h.find(root=documents, data=f"fund-open-{here.sha256[:12]}")) == 1

        await h.fire(h.by_data(f"fund-open-{here.sha256[:12]}"))
        await h.wait_for(lambda: bool(saved))
        assert saved[0]["src_bytes"] == PLAN and saved[0]["file_name"] == "طرح.pdf"
        assert saved[0]["allowed_extensions"] == ["pdf"]

        await h.fire(h.by_data(f"fund-open-{elsewhere.sha256[:12]}"))
        await h.wait_for(lambda: state.notice is not None and state.notice.level == "error")
        assert state.notice_message == (
            "این فایل روی این دستگاه نیست و سرور در دسترس نیست؛ پس از برقراری اتصال دوباره تلاش کنید."
        )
        assert len(saved) == 1  # nothing else happened: no empty file handed over
        assert not FundClient.of(store).files.has(elsewhere.sha256)
        await h.fire(h.by_data("toggle-language"))
        assert state.notice_message == (
            "This file is not on this device and the server cannot be reached; try again once connected."
        )

    try:
        run(scenario())
    finally:
        store.close()
