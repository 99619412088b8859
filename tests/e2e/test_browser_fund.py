"""The Fund in headless Chromium: a supplier on a 360 px phone in Persian, with no connection, drafts an
application to a demo call from one of its needs, attaches its documents, seals it; once the server is back
the app sends it once; an officer and two reviewers (real clients of the same server) take it to approval and
an agreement with milestones; the supplier sees the decision and the notes meant for it but no score or
reviewer; the ledger shows the award in Persian and English.

The app is started as a supplier would start it, signed in on an earlier day (its data folder synced then),
with the server down. Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from sync.engine import SyncEngine
from sync.store import LocalStore
from tests.e2e.helpers import DESKTOP, ROOT, go_to, resize, shot, start, use_language
from tests.server.fund_world import FundDesk, seed_world
from tests.server.helpers import PASSWORD, Api
from tests.support.flet_pw import (
    AppServer,
    scroll,
    scroll_to,
    semantics_text,
    serve_app,
    type_into,
    wait_for_words,
)
from tests.support.live_server import LiveServer, free_port

pytestmark = pytest.mark.browser

PHONE_360 = (360, 780)
CALL = "FC-DEMO-LOAN-1"
NEED = "N-DEMO-000001"
BN = 10_000_000_000  # a billion tomans, in rials
SYNC_TIMEOUT = 120_000  # the engine's backoff after the outage: well under this


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The association's server with the Fund's test world and the demo set; stopped once the phone synced."""
    folder = tmp_path_factory.mktemp("fund-api")
    server = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}", port=free_port()).start()
    seed_world(server)
    server.run_cli("seed-demo", "20")
    yield server
    server.close()


def _sign_in_and_sync(folder: Path, server: LiveServer, username: str) -> None:
    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            await engine.sign_in(server.url, username, PASSWORD)
            assert (await engine.sync_once("test")).ok
            store.device.set_setting("language", "fa")
        finally:
            store.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API keeps a loop running in this thread
        pool.submit(asyncio.run, steps()).result(timeout=120)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, api: LiveServer) -> Iterator[AppServer]:
    """The supplier's app, signed in and synced yesterday; today the server is down (no connection)."""
    folder = tmp_path_factory.mktemp("fund-app")
    _sign_in_and_sync(folder / "data", api, "sepahan1")
    api.stop()
    with serve_app(
        ROOT, folder / "data", folder / "app.log", extra_args=["--api", api.url], drop_env=("FLET_", "ZANJIREH_")
    ) as server:
        yield server


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fund-files")
    out = {}
    for code in ("registration", "financials", "proposal"):
        path = folder / f"{code}.pdf"
        path.write_bytes(b"%PDF-1.4\n% " + code.encode() + b"\n" * 200 + b"%%EOF\n")  # whole: judged by content
        out[code] = path
    return out


def field(page: Any, label: str) -> Any:
    return page.get_by_role("textbox", name=re.compile(f"^{re.escape(label)}"))


def fill(page: Any, label: str, text: str) -> None:
    """Type into the field labelled ``label`` and leave it (the form saves a field when it is left)."""
    box = field(page, label).first
    scroll_to(page, box)
    type_into(page, box, text)
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)


def button(page: Any, name: str) -> Any:
    return page.get_by_role("button", name=re.compile(re.escape(name))).first


def attach(page: Any, index: int, path: Path) -> None:
    """Pick ``path`` for the call's ``index``-th document (each has its own button, after its limits)."""
    picker = page.get_by_role("button", name="پیوست فایل").nth(index)
    scroll_to(page, picker)
    with page.expect_file_chooser() as chooser:
        picker.click()
    chooser.value.set_files(str(path))
    wait_for_words(page, path.name)


def open_tab(page: Any, tab: str) -> None:
    """A tab of the Fund's screen, from anywhere: Suppliers → Fund → the tab."""
    go_to(page, "تأمین‌کنندگان")
    button(page, "صندوق").click()
    button(page, tab).click()


def sync_now(page: Any) -> None:
    """The sync indicator, then "sync now"; until the app says it is synced."""
    page.get_by_role("button", name=re.compile("^(همگام‌شده|آفلاین|در انتظار|تلاش)")).first.click()
    button(page, "همگام‌سازی اکنون").click()
    wait_for_words(page, "همگام‌شده", timeout=SYNC_TIMEOUT)


def fund_desk(api: LiveServer) -> FundDesk:
    return FundDesk(api, lambda: Api(api.url))


def test_a_supplier_drafts_offline_seals_and_sees_the_decision_but_not_the_scores(
    browser: Any, app: AppServer, api: LiveServer, documents: dict[str, Path]
) -> None:
    session = start(browser, app, PHONE_360, lang="fa")
    page = session.page
    go_to(page, "تأمین‌کنندگان")
    button(page, "صندوق").click()
    wait_for_words(page, "می‌توانید درخواست دهید")
    shot(session, "fund-calls-fa-phone")
    from_need = button(page, "درخواست برای این نیاز: غلتک")  # the demo loan call's first need
    scroll_to(page, from_need, tries=40)
    shot(session, "fund-demo-call-fa-phone")
    from_need.click()

    wait_for_words(page, "آخرین ذخیره روی دستگاه")
    wait_for_words(page, "یورو")  # the need prefilled: item, OEM, part number, quantity, FX spend
    shot(session, "fund-draft-fa-phone")
    fill(page, "خلاصهٔ طرح", "ساخت غلتک ریخته‌گری با نمونهٔ آزمایشگاهی موجود")
    fill(page, "سطح آمادگی فناوری کنونی", "4")
    fill(page, "سطح آمادگی فناوری هدف", "7")
    fill(page, "مبلغ درخواستی (ریال)", str(20 * BN))
    fill(page, "مدت (ماه)", "24")
    scroll_to(page, button(page, "افزودن قلم بودجه"))
    button(page, "افزودن قلم بودجه").click()
    fill(page, "مبلغ (ریال)", str(25 * BN))
    button(page, "افزودن مرحله").click()
    fill(page, "عنوان مرحله", "نمونهٔ صنعتی")
    fill(page, "نتیجهٔ سنجش‌پذیر مرحله", "۱۰ غلتک آزمایشی")
    fill(page, "مبلغ مرحله (ریال)", str(20 * BN))
    letter = page.get_by_role("switch").or_(page.get_by_role("checkbox")).first
    scroll_to(page, letter)
    letter.click()
    fill(page, "نام فرد رابط", "مریم احمدی")
    fill(page, "تلفن", "09130000001")
    for index, path in enumerate(documents.values()):  # registration, financials, proposal: the call's order
        attach(page, index, path)
    seal = button(page, "مهر و ارسال")
    scroll_to(page, seal)
    shot(session, "fund-draft-ready-fa-phone")
    seal.click()
    wait_for_words(page, "مهر شد؛ در صف ارسال")
    shot(session, "fund-sealed-fa-phone")

    # the connection is back: the app sends the sealed application once, and the server numbers it
    api.start()
    desk = fund_desk(api)
    try:
        sync_now(page)  # the engine's backoff after a long outage can be minutes: the supplier asks
        open_tab(page, "درخواست‌های من")
        wait_for_words(page, "شمارهٔ پیگیری", timeout=SYNC_TIMEOUT)
        shot(session, "fund-received-fa-phone")
        held = {k: v for k, v in desk.read("officer").items() if v is not None}
        assert len(held) == 1 and next(iter(held.values()))["call_id"] == CALL
        app_id = next(iter(held))

        desk.ok("officer", "start_screening", app_id)
        desk.ok("officer", "screen", app_id, outcome="eligible")
        desk.ok("officer", "assign_reviewers", app_id, reviewers=["rev_a", "rev_b"])
        call = desk.read("officer", "fund_calls")[CALL]
        assert call is not None
        scores = {c["code"]: 4 for c in call["criteria"]["criteria"]}
        for who in ("reviewer", "second_reviewer"):
            desk.ok(who, "declare_conflict", app_id, conflict=False)
            desk.ok(who, "review", app_id, scores=scores, note_to_applicant=f"یادداشت داور {who}",
                    private_note="محرمانه: فقط صندوق")  # fmt: skip
        desk.ok("officer", "apply_thresholds", app_id)
        desk.ok("officer", "decide", app_id, outcome="approved", minutes="صورتجلسهٔ کارگروه ۱۲",
                amount_irr=20 * BN, note_to_applicant="تبریک؛ قرارداد را امضا کنید")  # fmt: skip
        desk.ok("officer", "sign_agreement", app_id, contract_no="SF-C-1", amount_irr=20 * BN, rate_pct=12,
                term_months=24, start_date="2027-01-15", signed_on="2027-01-10",
                milestones=[{"id": "m1", "title": "نمونهٔ صنعتی", "deliverable": "۱۰ غلتک",
                             "due_date": "2027-07-15", "tranche_irr": 20 * BN}])  # fmt: skip
        assert [v for v in desk.read("officer", "fund_ledger").values() if v]  # the award is public
    finally:
        desk.close()

    # the supplier syncs: the applicant's label, the decision, the notes — no scores, no reviewers
    sync_now(page)
    open_tab(page, "درخواست‌های من")
    wait_for_words(page, "در حال اجرا", timeout=SYNC_TIMEOUT)
    button(page, "در حال اجرا").click()
    wait_for_words(page, "شمارهٔ پیگیری")
    for _ in range(12):  # the decision sits below the documents' list: scroll until it is drawn
        if "تبریک؛ قرارداد را امضا کنید" in semantics_text(page):
            break
        scroll(page, 500)
    wait_for_words(page, "تبریک؛ قرارداد را امضا کنید")
    wait_for_words(page, "یادداشت داور reviewer")
    text = page.evaluate("document.body.innerText") + " ".join(
        e.get_attribute("aria-label") or "" for e in page.locator("flt-semantics").all()
    )
    assert "rev_a" not in text and "rev_b" not in text and "محرمانه" not in text
    shot(session, "fund-decision-fa-phone")

    open_tab(page, "دفتر عمومی")
    wait_for_words(page, "مصوب ۲۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان")  # the totals
    shot(session, "fund-ledger-fa-phone-totals")
    scroll(page, 800)
    wait_for_words(page, "مصوب: ۲۰٬۰۰۰٬۰۰۰٬۰۰۰ تومان")  # the award's own card
    shot(session, "fund-ledger-fa-phone")
    use_language(page, "en")
    scroll(page, 800)
    wait_for_words(page, "Awarded: 20,000,000,000 tomans")
    shot(session, "fund-ledger-en-phone")
    resize(page, DESKTOP)
    wait_for_words(page, "Amount awarded by province")
    shot(session, "fund-ledger-en-desktop")
    use_language(page, "fa")
    resize(page, PHONE_360)
