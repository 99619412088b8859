"""The Fund's side in headless Chromium, each person on their own app (a device each, signed in and synced on an
earlier day): an assigned reviewer scores the application on a 360 px phone in Persian; the officer, on a 1280 px
desktop in English, applies the thresholds, records the committee's approval and the agreement with its
milestones; the supplier, on a phone, sends a milestone's evidence through the file chooser; the officer accepts
it and pays the tranche; the award and the ledger show the payment in both languages; a reviewer the application
was never given to sees nothing of it.

Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sync.engine import SyncEngine
from sync.store import LocalStore
from tests.e2e.helpers import ROOT, SHOTS, go_to, resize, shot, start, use_language
from tests.fund_factories import BN
from tests.server.fund_world import FundDesk, seed_world
from tests.server.helpers import PASSWORD, Api
from tests.support.flet_pw import (
    AppServer,
    scroll,
    scroll_to,
    serve_app,
    settle_and_shot,
    type_into,
    wait_for_words,
)
from tests.support.live_server import LiveServer, free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_360 = (360, 780)
DESKTOP_1280 = (1280, 800)
TITLE_FA = "ساخت آجر منیزیا-کربن پاتیل"  # tests/fund_factories.make_content
TITLE_EN = "Magnesia-carbon ladle bricks made in Iran"
AWARD = "Agreement, milestones and payments"
MILESTONE = "نمونه صنعتی"  # the applicant's first planned milestone: its tranche is 4 bn tomans
SYNC_TIMEOUT = 120_000
SCORES = {"فنی": "4", "بازار": "4", "ارزی": "4.5"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("fund-officer-api")
    server = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}", port=free_port()).start()
    seed_world(server)
    yield server
    server.close()


def _signed_in_folder(folder: Path, server: LiveServer, username: str, lang: str) -> Path:
    """A device's data folder, signed in as ``username`` and synced once (its language chosen)."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            await engine.sign_in(server.url, username, PASSWORD)
            assert (await engine.sync_once("test")).ok
            store.device.set_setting("language", lang)
        finally:
            store.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API keeps a loop running in this thread
        pool.submit(asyncio.run, steps()).result(timeout=120)
    return folder


@contextmanager
def device(tmp: Path, server: LiveServer, username: str, lang: str) -> Iterator[AppServer]:
    """The app of one person, on a folder of its own."""
    folder = tmp / username
    _signed_in_folder(folder / "data", server, username, lang)
    with serve_app(
        ROOT, folder / "data", folder / "app.log", extra_args=["--api", server.url], drop_env=("FLET_", "ZANJIREH_")
    ) as app:
        yield app


def button(page: Any, name: str) -> Any:
    return page.get_by_role("button", name=re.compile(re.escape(name))).first


def field(page: Any, label: str) -> Any:
    return page.get_by_role("textbox", name=re.compile(f"^{re.escape(label)}")).first


def fill(page: Any, label: str, text: str, *, clear: bool = False) -> None:
    box = field(page, label)
    scroll_to(page, box)
    if clear:
        type_into(page, box, "")  # focused, and the focus held (the engine can replace a field under it)
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    type_into(page, box, text)
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)


def click(page: Any, name: str) -> None:
    target = button(page, name)
    scroll_to(page, target)
    target.click()


def sync_now(page: Any) -> None:
    """The sync indicator (it opens the sync screen), then "sync now"; until the app says it is synced (either
    language). The caller goes back to where it was through the app's navigation, as a person would."""
    fa = page.get_by_role("button", name="English").count() > 0
    state = "^(همگام‌شده|آفلاین|در انتظار|تلاش)" if fa else "^(Synced|Offline|Waiting|Retry)"
    page.get_by_role("button", name=re.compile(state)).first.click()
    page.get_by_role("button", name="همگام‌سازی اکنون" if fa else "Sync now", exact=True).first.click()
    wait_for_words(page, "همگام‌شده" if fa else "Synced", timeout=SYNC_TIMEOUT)


def officer_opens(page: Any, *then: str) -> None:
    """The officer's way to the application from anywhere: Suppliers → Fund → the queue → the application, then
    the buttons named in ``then`` (the award, a milestone)."""
    fund_tab(page, "Suppliers", "Fund", "Fund queue")
    button(page, TITLE_EN).click()
    for name in then:
        click(page, name)


def fund_tab(page: Any, suppliers: str, fund: str, tab: str) -> None:
    go_to(page, suppliers)
    # by its whole name: the header's account button ("officer1 · Fund officer · …") also holds "Fund"
    page.get_by_role("button", name=fund, exact=True).first.click()
    button(page, tab).click()


def until(check: Any, page: Any, timeout_ms: int = SYNC_TIMEOUT) -> None:
    """Poll the server (through the test's own client) until ``check()`` holds."""
    waited = 0
    while not check():
        assert waited < timeout_ms, "the server never saw the move"
        page.wait_for_timeout(1000)
        waited += 1000


def test_reviewer_scores_officer_decides_and_pays_a_milestone_the_ledger_shows_it_and_others_see_nothing(
    browser: Any, api: LiveServer, tmp_path: Path
) -> None:
    desk = FundDesk(api, lambda: Api(api.url))
    try:
        app_id = desk.application_in("declared")  # rev_a and rev_b assigned, neither has a conflict
        desk.ok(
            "second_reviewer",
            "review",
            app_id,
            scores={"technical": 4, "market": 4, "fx_impact": 4},
            note_to_applicant="بازار قوی است",
        )
        assert desk.read("other_reviewer").get(app_id) is None  # never given to rev_c: a tombstone at most

        # ---- the assigned reviewer, on a phone in Persian ----
        with device(tmp_path, api, "rev_a", "fa") as app:
            page = start(browser, app, PHONE_360, lang="fa").page
            fund_tab(page, "تأمین‌کنندگان", "صندوق", "داوری‌های من")
            wait_for_words(page, TITLE_FA)
            shot_of(page, "fund-officer-reviewer-queue-fa-phone")
            button(page, TITLE_FA).click()
            for label, score in SCORES.items():
                fill(page, label, score)
            fill(page, "یادداشت برای متقاضی", "روش آزمون روشن است")
            fill(page, "یادداشت محرمانه", "محرمانه: فقط صندوق")
            shot_of(page, "fund-officer-reviewer-form-fa-phone")
            click(page, "ثبت داوری")
            sync_now(page)
            until(
                lambda: (desk.read("reviewer", "fund_reviews").get(f"{app_id}:rev_a") or {}).get("submitted_at"), page
            )

        # ---- the officer, on a desktop in English ----
        with device(tmp_path, api, "officer1", "en") as app:
            session = start(browser, app, DESKTOP_1280, lang="en")
            page = session.page
            fund_tab(page, "Suppliers", "Fund", "Fund queue")
            wait_for_words(page, "Under review")
            button(page, TITLE_EN).click()
            click(page, "Apply the thresholds")
            sync_now(page)
            officer_opens(page)
            wait_for_words(page, "Before the committee", timeout=SYNC_TIMEOUT)
            fill(page, "Committee minutes", "Minutes of working group meeting 12: approved in full")
            fill(page, "Amount (rials)", str(10 * BN))
            fill(page, "Note to the applicant", "Congratulations; the agreement follows")
            click(page, "Approve")
            sync_now(page)
            officer_opens(page, "Record the agreement")
            wait_for_words(page, "Filled in from the application's plan")
            fill(page, "Contract number", "SF-C-1405-12")
            shot(session, "fund-agreement-form-en-desktop")
            use_language(page, "fa")
            resize(page, PHONE_360)
            wait_for_words(page, "از برنامهٔ درخواست پر شد")
            shot(session, "fund-agreement-form-fa-phone")
            resize(page, DESKTOP_1280)
            use_language(page, "en")
            click(page, "Record the agreement and start the project")
            sync_now(page)
            officer_opens(page, AWARD)
            wait_for_words(page, "Repayment schedule (estimate)")
            shot(session, "fund-award-officer-en-desktop")

            # ---- the supplier sends the first milestone's evidence from a phone ----
            evidence = tmp_path / "bench-test.pdf"
            evidence.write_bytes(b"%PDF-1.4\n% ten rolls on the test bench\n" + b"\n" * 300)
            with device(tmp_path, api, "sepahan1", "fa") as supplier_app:
                supplier = start(browser, supplier_app, PHONE_360, lang="fa")
                phone = supplier.page
                fund_tab(phone, "تأمین‌کنندگان", "صندوق", "درخواست‌های من")
                button(phone, "در حال اجرا").click()
                wait_for_words(phone, "شمارهٔ پیگیری")
                assert "rev_a" not in screen_text(phone) and "محرمانه" not in screen_text(
                    phone
                )  # no reviewer, no score
                assert not phone.get_by_role("button", name="انصراف از درخواست").count()  # too late to withdraw
                click(phone, "قرارداد، مراحل و پرداخت‌ها")
                wait_for_words(phone, "جدول بازپرداخت (برآورد)")
                shot(supplier, "fund-award-supplier-fa-phone")
                click(phone, MILESTONE)
                wait_for_words(phone, "مستندات مرحله")
                # the note is left to the renderer-free and sync tests; the field's name in the semantics tree to
                # test_browser_fund_milestone_semantics.py
                picker = button(phone, "افزودن فایل")
                scroll_to(phone, picker)
                with phone.expect_file_chooser() as chooser:
                    picker.click()
                chooser.value.set_files(str(evidence))
                # the file is taken: its row (with its remove button) joins the list; its name is checked on the
                # server's copy below, and on the screenshot
                phone.get_by_role("button", name="حذف").first.wait_for()
                scroll_to(phone, button(phone, "ارسال مستندات"))
                shot(supplier, "fund-milestone-supplier-fa-phone")
                click(phone, "ارسال مستندات")
                sync_now(phone)
                until(lambda: _milestone(desk, app_id)["state"] == "submitted", phone)
                assert [e["file_name"] for e in _milestone(desk, app_id)["evidence"]] == [evidence.name]

            # ---- the officer accepts the evidence and pays the tranche ----
            sync_now(page)
            officer_opens(page, AWARD, MILESTONE)
            wait_for_words(page, evidence.name)
            shot(session, "fund-milestone-officer-en-desktop")
            click(page, "Accept the milestone")
            sync_now(page)
            officer_opens(page, AWARD, MILESTONE)
            wait_for_words(page, "Payable: 4,000,000,000 tomans", timeout=SYNC_TIMEOUT)
            fill(page, "Bank reference", "BMI-778812")
            click(page, "Pay the tranche")
            sync_now(page)
            until(lambda: _milestone(desk, app_id)["disbursed_irr"] == 4 * BN, page)
            officer_opens(page, AWARD)
            wait_for_words(page, "Paid out: 4,000,000,000 tomans of 10,000,000,000 tomans")
            shot(session, "fund-award-paid-en-desktop")
            use_language(page, "fa")
            resize(page, PHONE_360)
            wait_for_words(page, "پرداخت‌شده: ۴٬۰۰۰٬۰۰۰٬۰۰۰ تومان از ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان")
            shot(session, "fund-award-paid-fa-phone")
            use_language(page, "en")
            resize(page, DESKTOP_1280)
            fund_tab(page, "Suppliers", "Fund", "Public ledger")
            wait_for_words(page, "4,000,000,000 tomans disbursed")  # the totals
            scroll(page, 2000)
            wait_for_words(page, "Disbursed: 4,000,000,000 tomans")  # the award's own card
            shot(session, "fund-ledger-disbursed-en-desktop")
            use_language(page, "fa")
            resize(page, PHONE_360)
            scroll(page, 3000)
            wait_for_words(page, "پرداخت‌شده: ۴٬۰۰۰٬۰۰۰٬۰۰۰ تومان")
            shot(session, "fund-ledger-disbursed-fa-phone")

        # ---- a reviewer the application was never given to ----
        with device(tmp_path, api, "rev_c", "fa") as app:
            page = start(browser, app, PHONE_360, lang="fa").page
            fund_tab(page, "تأمین‌کنندگان", "صندوق", "داوری‌های من")
            wait_for_words(page, "هنوز درخواستی نیست.")
            assert TITLE_FA not in screen_text(page)
        assert desk.read("other_reviewer").get(app_id) is None
        assert desk.read("other_reviewer", "fund_reviews").get(f"{app_id}:rev_a") is None
    finally:
        desk.close()


def screen_text(page: Any) -> str:
    """Everything the screen says, its texts and the labels Flutter gives groups."""
    return page.evaluate("document.body.innerText") + " ".join(
        e.get_attribute("aria-label") or "" for e in page.locator("flt-semantics").all()
    )


def _milestone(desk: FundDesk, app_id: str) -> dict[str, Any]:
    record = desk.read("officer")[app_id] or {}
    return (record.get("agreement") or {"milestones": [{"state": None, "disbursed_irr": 0}]})["milestones"][0]


def shot_of(page: Any, name: str) -> None:
    """A screenshot of a page whose session the test does not hold (the reviewers')."""
    page.mouse.move(1, 1)
    settle_and_shot(page, SHOTS / f"{name}.png")
