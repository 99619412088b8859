"""Sync in headless Chromium against a real server: sign in, notes that sync, an outage, a conflict, English.

The app is started as a member would start it (``main.py --web --api URL``) beside a real reference server
seeded with the GEM releases. The tests run in order on one app and one server (the second picks up where
the first left off), with bounded waits. Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    BrowserSession,
    free_port,
    missing_browser_reason,
    open_app,
    semantics_text,
    settle_and_shot,
)

_reason = missing_browser_reason()
if _reason:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

from sync.engine import SyncEngine  # noqa: E402
from sync.store import LocalStore  # noqa: E402
from tests.e2e.test_browser_atlas import go_to, search, use_language  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
PHONE = (412, 860)
DESKTOP = (1366, 860)
TIMEOUT = 20_000
BACK_ONLINE_TIMEOUT = 90_000  # full-jitter backoff after a short outage: seconds, bounded well below this
PASSWORD = "correct horse battery"
JALALI_TIME = r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2} ساعت [۰-۹]{2}:[۰-۹]{2}"
FIRST_NOTE = "بازدید از واحد احیای مستقیم؛ کورهٔ ۲ در تعمیر است."
SECOND_NOTE = "یادداشت بی‌شبکه: نمونهٔ گندله گرفته شد."


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[LiveServer]:
    """The association's server: the GEM releases imported, one member account."""
    folder = tmp_path_factory.mktemp("sync-api")
    server = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}")
    server.run_cli("import-gem", str(shared_data))
    server.start()
    server.create_user("ali", "member", PASSWORD)
    yield server
    server.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, api: LiveServer) -> Iterator[AppServer]:
    """``python main.py --web --port P --data-dir D --api URL``: the address is saved, no one is signed in."""
    folder = tmp_path_factory.mktemp("sync-app")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLET_", "ZANJIREH_"))}
    env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "main.py", "--web", "--port", str(port), "--data-dir", str(folder / "data")]
    log_path = folder / "app.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [*command, "--api", api.url], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    server = AppServer(f"http://127.0.0.1:{port}/", process, log_path)  # type: ignore[arg-type]
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with {process.returncode}:\n{server.log()}")
            try:
                urllib.request.urlopen(server.url, timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not answer on {server.url}:\n{server.log()}") from None
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


OPEN_SESSIONS: list[BrowserSession] = []


@pytest.fixture(autouse=True)
def evidence_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    """A failing test leaves its last screen and semantics tree in artifacts/screenshots/failed/."""
    yield
    report = getattr(request.node, "report_call", None)
    for index, session in enumerate(OPEN_SESSIONS):
        if report is not None and report.failed and session.page is not None and not session.page.is_closed():
            stem = SHOTS / "failed" / f"{request.node.name}-{index}"
            settle_and_shot(session.page, stem.with_suffix(".png"), ms=200)
            stem.with_suffix(".txt").write_text(semantics_text(session.page), encoding="utf-8")
        session.context.close()
    OPEN_SESSIONS.clear()


def start(browser: Any, app: AppServer, size: tuple[int, int]) -> Any:
    session = open_app(browser, app.url, *size)
    session.page.set_default_timeout(TIMEOUT)
    OPEN_SESSIONS.append(session)
    return session.page


def shot(page: Any, name: str) -> Path:
    page.mouse.move(1, 1)  # no hover highlight over what is being looked at
    return settle_and_shot(page, SHOTS / f"{name}.png")


def wait_for_label(page: Any, *patterns: str, absent: str | None = None, timeout: int = TIMEOUT) -> None:
    """Until one semantics node (a text, or the label Flutter gives a group or button) matches every
    regex in ``patterns`` and none matches ``absent``."""
    page.wait_for_function(
        """([patterns, absent]) => [...document.querySelectorAll('flt-semantics, flt-semantics span')]
             .map(e => ((e.getAttribute('aria-label') || '') + '\\n'
                        + (e.childElementCount == 0 ? e.textContent : '')).trim())
             .some(text => patterns.every(p => new RegExp(p).test(text))
                           && !(absent && new RegExp(absent).test(text)))""",
        arg=[list(patterns), absent],
        timeout=timeout,
    )


def indicator(page: Any) -> Any:
    """The sync indicator: a button named after the sync state (the header's other buttons are not)."""
    states = [
        *("همگام‌شده", "در انتظار همگام‌سازی", "در حال همگام‌سازی", "آفلاین", "برای همگام‌سازی وارد شوید"),
        *("Synced", "Waiting", "Syncing", "Offline", "Sign in to sync"),
    ]
    return page.get_by_role("button", name=re.compile(f"^({'|'.join(states)})")).first


def open_mobarakeh(page: Any, lang: str) -> None:
    go_to(page, "اطلس" if lang == "fa" else "Atlas")
    search(page, "مبارکه")
    page.get_by_role("button", name=re.compile("شرکت فولاد مبارکه|Mobarakeh Steel Complex Isfahan")).first.click()
    page.get_by_role("button", name="یادداشت تازه" if lang == "fa" else "Add a note").wait_for()


def type_into(page: Any, box: Any, text: str, delay: int = 15) -> None:
    """Focus a field, then type: keys typed in the same instant as the focus can miss the field's first
    value report (Flutter web swaps its editing element in on focus)."""
    box.focus()
    page.wait_for_timeout(400)
    page.keyboard.type(text, delay=delay)


def write_note(page: Any, text: str, add: str = "یادداشت تازه", save: str = "ذخیره") -> None:
    page.get_by_role("button", name=add).click()
    page.get_by_role("button", name=save).wait_for()
    # The last text box: the atlas search box of the screen underneath is still in the page.
    type_into(page, page.get_by_role("textbox").last, text)
    page.get_by_role("button", name=save).click()


def edit_on_another_device(folder: Path, api: LiveServer, old: str, new: str) -> None:
    """The member's desktop: signs in, pulls, edits the note, pushes (a real second client)."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            await engine.sign_in(api.url, "ali", PASSWORD)
            assert (await engine.sync_once("test")).ok
            note = next(n for n in store.user.records("notes") if n.data and n.data["text"] == old)
            store.user.save("notes", note.id, {**note.data, "text": new})
            assert (await engine.sync_once("test")).ok
        finally:
            store.close()

    # Playwright's sync API keeps an event loop running in this thread: the other device gets a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, steps()).result(timeout=60)


def add_note_on_another_device(folder: Path, api: LiveServer, text: str) -> None:
    """The member's laptop: signs in, pulls, writes a note on Mobarakeh, pushes (a real second client)."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            await engine.sign_in(api.url, "ali", PASSWORD)
            assert (await engine.sync_once("test")).ok
            note = {"asset_id": "P100000120584", "kind": "plant", "text": text, "updated_at": "2026-11-28T10:00:00Z"}
            store.user.save("notes", uuid.uuid4().hex, note)  # ids are made on the device, as UUIDs
            pushed = await engine.sync_once("test")
            assert pushed.ok and pushed.pushed.applied == 1
        finally:
            store.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, steps()).result(timeout=60)


def test_member_signs_in_writes_notes_that_sync_through_an_outage_and_merges_a_conflict(
    browser: Any, app: AppServer, api: LiveServer, tmp_path: Path
) -> None:
    page = start(browser, app, PHONE)
    use_language(page, "fa")
    wait_for_label(page, "برای همگام‌سازی وارد شوید")
    shot(page, "sync_30_sync_sign_in_needed_fa_phone")

    indicator(page).click()
    page.get_by_role("textbox", name="نام کاربری").wait_for()
    # the address given with --api is in the form already (checked renderer-free: Flutter keeps input values
    # out of the DOM until a field is focused)
    type_into(page, page.get_by_role("textbox", name="نام کاربری"), "ali")
    type_into(page, page.get_by_role("textbox", name="گذرواژه"), PASSWORD)
    shot(page, "sync_31_sign_in_form_fa_phone")
    page.get_by_role("button", name="ورود", exact=True).click()
    wait_for_label(page, "^همگام‌شده", f"آخرین همگام‌سازی: {JALALI_TIME}")
    wait_for_label(page, "وارد شده با نام ali", "عضو")
    shot(page, "sync_32_signed_in_synced_fa_phone")
    go_to(page, "خانه")  # what the first sync brought, with its Jalali time
    wait_for_label(page, "تازه‌ها از آخرین همگام‌سازی")
    wait_for_label(page, f"(دریافت‌شده در همگام‌سازی|چیز تازه‌ای نیامده است؛ آخرین بررسی) {JALALI_TIME}")
    shot(page, "sync_32a_home_news_fa_phone")

    open_mobarakeh(page, "fa")
    write_note(page, FIRST_NOTE)
    wait_for_label(page, "یادداشت‌های من", "همگام‌شده", absent="در انتظار")  # pushed by itself, 2 s later
    shot(page, "sync_33_note_synced_fa_phone")

    api.stop()
    try:
        write_note(page, SECOND_NOTE)
        wait_for_label(page, "^آفلاین", "۱ در صف")
        wait_for_label(page, "یادداشت‌های من", "در انتظار همگام‌سازی")
        shot(page, "sync_34_offline_one_waiting_fa_phone")
    finally:
        api.start()
    # nobody taps anything: the backoff timer brings the note to the server
    wait_for_label(page, "^همگام‌شده", JALALI_TIME, absent="در صف", timeout=BACK_ONLINE_TIMEOUT)
    wait_for_label(page, "یادداشت‌های من", "همگام‌شده", absent="در انتظار")
    shot(page, "sync_35_back_online_synced_fa_phone")

    indicator(page).click()
    wait_for_label(page, "تاریخچه")
    screen = semantics_text(page)
    assert "کامل شد" in screen and "ناتمام ماند" in screen and "به سرور دسترسی نیست" in screen
    assert re.search("[0-9]", screen.replace("127.0.0.1", "").replace(api.url, "")) is None  # Persian digits
    shot(page, "sync_36_sync_screen_history_fa_phone")

    # the same note, edited meanwhile on the member's desktop
    edit_on_another_device(tmp_path / "desktop", api, FIRST_NOTE, FIRST_NOTE + " در اردیبهشت تعمیر شد.")
    go_to(page, "اطلس")
    page.get_by_role("button", name=re.compile("شرکت فولاد مبارکه")).first.click()
    page.get_by_role("button", name="ویرایش یادداشت").nth(1).click()  # newest first: the first note is second
    page.get_by_role("button", name="ذخیره").wait_for()
    type_into(page, page.get_by_role("textbox").last, "")
    page.keyboard.press("End")
    page.keyboard.type(" دوباره بازدید شود.", delay=15)
    page.get_by_role("button", name="ذخیره").click()
    wait_for_label(page, "یادداشت‌های من", "در تعارض")
    wait_for_label(page, "^همگام‌شده", "۱ منتظر تصمیم شما")
    shot(page, "sync_37_note_in_conflict_fa_phone")

    page.get_by_role("button", name="حل تعارض").click()
    wait_for_label(page, "نسخهٔ این دستگاه")
    shot(page, "sync_38_conflict_fa_phone")
    page.get_by_role("button", name="ادغام").click()
    page.get_by_role("button", name="ذخیرهٔ متن ادغام‌شده").wait_for()
    shot(page, "sync_39_merge_fa_phone")
    page.get_by_role("button", name="ذخیرهٔ متن ادغام‌شده").click()
    wait_for_label(page, "متن ادغام‌شده ذخیره شد و فرستاده می‌شود.")
    wait_for_label(page, "^همگام‌شده", absent="منتظر تصمیم|در صف")


def test_sync_screens_in_english_on_a_desktop_and_an_insecure_address_refused(
    browser: Any, app: AppServer, api: LiveServer, tmp_path: Path
) -> None:
    page = start(browser, app, DESKTOP)
    use_language(page, "en")
    wait_for_label(page, "^Synced", r"Last sync: \d+ \w+ \d{4}, \d\d:\d\d")
    shot(page, "sync_40_home_indicator_en_desktop")

    add_note_on_another_device(tmp_path / "laptop", api, "Written on the laptop: pellet sample sent to the lab.")
    indicator(page).click()
    page.get_by_role("button", name="Sync now").click()
    go_to(page, "Home")  # what that sync brought, on Home
    wait_for_label(page, "New since the last sync")
    wait_for_label(page, "1 note added on another device")
    wait_for_label(page, r"Received in the sync of \d+ \w+ \d{4}, \d\d:\d\d")
    shot(page, "sync_40a_home_news_en_desktop")

    indicator(page).click()
    wait_for_label(page, "History")
    assert "Completed" in semantics_text(page)
    shot(page, "sync_41_sync_screen_en_desktop")

    open_mobarakeh(page, "en")
    wait_for_label(page, "My notes", "Synced")
    shot(page, "sync_42_notes_en_desktop")

    go_to(page, "Settings")
    page.get_by_role("button", name="Account", exact=True).click()
    page.get_by_role("button", name="Sign out").wait_for()
    shot(page, "sync_43_account_en_desktop")
    page.get_by_role("button", name="Sign out").click()
    wait_for_label(page, "Signed out")
    wait_for_label(page, "^Sign in to sync")
    type_into(page, page.get_by_role("textbox", name="Server address"), "")
    page.keyboard.press("Control+A")
    page.keyboard.type("http://api.example.ir", delay=10)
    type_into(page, page.get_by_role("textbox", name="User name"), "ali")
    type_into(page, page.get_by_role("textbox", name="Password"), PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    wait_for_label(page, "The server address must start with https:// \\(unless it is on this computer\\)\\.")
    shot(page, "sync_44_insecure_address_en_desktop")
