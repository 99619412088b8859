"""The sync screens against a real server: sign in, notes that wait then sync, conflicts, refused changes, sign out."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.engine import SyncEngine, SyncState
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.support.flet_pw import free_port
from tests.support.live_server import LiveServer
from tests.views.conftest import MOBARAKEH_STEEL, app_state, run
from tests.views.test_sync_indicator import indicator_text, open_app, sync_of
from views.sync.state import SyncSession

#: Each test drives the screens through whole sync cycles against a live API: seconds, not milliseconds.
pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery"
JALALI_TIME = re.compile(r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2} ساعت [۰-۹]{2}:[۰-۹]{2}")
_names = itertools.count(1)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[LiveServer]:
    """The reference API with the GEM releases imported, as the association runs it."""
    folder = tmp_path_factory.mktemp("api")
    server = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}")
    server.run_cli("import-gem", str(shared_data))
    server.start()
    yield server
    server.close()


@pytest.fixture
def member(api: LiveServer) -> str:
    """A fresh member account per test: each test's notes are its own."""
    name = f"member{next(_names)}"
    api.create_user(name, "member", PASSWORD)
    return name


async def sign_in_through_the_form(h: FletHarness, url: str, user: str) -> None:
    await h.go("/account")
    await h.type_into(h.by_data("account-api"), url)
    await h.type_into(h.by_data("account-username"), user)
    await h.type_into(h.by_data("account-password"), PASSWORD)
    await h.fire(h.by_data("account-sign-in"))


async def synced(h: FletHarness) -> None:
    """One cycle, then the screens catch up with what it changed."""
    sync = sync_of(h)
    result = await sync._hub.engine.sync_once("manual")
    assert result.ok, result.lines()
    await h.wait_for(lambda: sync.status.state is SyncState.IDLE)


async def other_device(api: LiveServer, user: str) -> SyncEngine:
    engine = SyncEngine(LocalStore.in_memory())
    await engine.sign_in(api.url, user, PASSWORD)
    assert (await engine.sync_once("test")).ok
    return engine


def note_text(store: LocalStore, note_id: str) -> str:
    record = store.user.record("notes", note_id)
    assert record is not None and record.data is not None
    return str(record.data["text"])


def test_signing_in_keeps_the_session_fills_the_atlas_and_shows_the_last_sync_in_jalali(
    api: LiveServer, member: str
) -> None:
    async def scenario() -> None:
        store = LocalStore.in_memory()  # a new phone: nothing on it yet
        h = await open_app(store)
        await sign_in_through_the_form(h, api.url, member)
        sync = sync_of(h)
        await h.wait_for(lambda: sync.status.state is SyncState.IDLE and bool(sync.status.last_success_at))
        session = store.user.auth()
        assert session is not None and session["username"] == member and session["role"] == "member"
        assert "password" not in str(session) and PASSWORD not in str(session)  # tokens only
        assert store.device.settings()["api_url"] == api.url
        # a phone's strip: the state and a short time (it has no room for a date beside them); the date in the
        # member's calendar is on the account and sync screens
        text = indicator_text(h)
        assert "همگام‌شده" in text and "همین حالا" in text, text
        last = h.by_data("sync-last").value
        assert last.startswith("آخرین همگام‌سازی:") and JALALI_TIME.search(last), last
        assert f"وارد شده با نام {member}" in h.texts() and "عضو" in h.texts()
        assert app_state(h).notice_message == "همگام‌سازی انجام شد؛ اطلس و یادداشت‌های شما روی این دستگاه به‌روز است."
        assert app_state(h).atlas.plants == 47  # pulled from the server
        await h.go("/sync")
        entry = " ".join(h.texts(h.find(data="history-entry")[0]))
        assert "کامل شد · ورود به حساب" in entry and "کارخانه‌ها: ۴۷ تازه" in entry and "درخواست" in entry

    run(scenario())


def test_note_saved_while_the_server_is_down_waits_then_syncs(
    gem_store: LocalStore, api: LiveServer, member: str
) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        sync = sync_of(h)
        assert await sync.sign_in(api.url, member, PASSWORD)
        await synced(h)
        api.stop()
        try:
            await h.fire(h.by_data("note-add"))
            await h.type_into(h.by_data("note-text"), "بازدید از واحد احیا")
            await h.fire(h.by_data("note-save"))
            result = await sync._hub.engine.sync_once("manual")
            assert result.error is not None and result.error.code == "offline"
            await h.wait_for(lambda: sync.status.state is SyncState.OFFLINE)
            assert h.texts(h.by_data("note-mark")) == ["در انتظار همگام‌سازی"]
            assert "آفلاین" in indicator_text(h) and "۱ در صف" in indicator_text(h)
        finally:
            api.start()
        await synced(h)
        assert h.texts(h.by_data("note-mark")) == ["همگام‌شده"]
        assert not h.find(data="sync-indicator-pending")

    run(scenario())


async def make_conflict(h: FletHarness, sync: SyncSession, api: LiveServer, member: str) -> tuple[str, SyncEngine]:
    """A note edited here and, meanwhile, on another device of the same member."""
    asset = app_state(h).asset(MOBARAKEH_STEEL)
    assert asset is not None
    assert await sync.sign_in(api.url, member, PASSWORD)
    note_id = sync.save_note(asset, None, "کورهٔ ۲ تعمیر شد")
    assert note_id is not None
    await synced(h)
    desktop = await other_device(api, member)
    record = desktop.store.user.record("notes", note_id)
    assert record is not None and record.data is not None
    desktop.store.user.save("notes", note_id, {**record.data, "text": "کورهٔ ۲ در اردیبهشت تعمیر شد"})
    assert (await desktop.sync_once("test")).ok
    assert sync.save_note(asset, note_id, "کورهٔ ۲ تعمیر شد؛ دوباره بازدید شود") == note_id
    await synced(h)
    assert sync.status.conflicts == 1
    return note_id, desktop


@pytest.mark.parametrize("choice", ["mine", "theirs", "merge"])
def test_conflict_shows_both_copies_and_each_choice_resolves_it(
    gem_store: LocalStore, api: LiveServer, member: str, choice: str
) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        sync = sync_of(h)
        note_id, desktop = await make_conflict(h, sync, api, member)
        await h.settle()
        assert h.texts(h.by_data("note-mark")) == ["در تعارض"]
        await h.fire(next(b for b in h.find() if getattr(b, "content", None) == "حل تعارض"))
        assert h.page.route == f"/conflict/{note_id}"
        await h.go("/sync")
        card = h.by_data(f"conflict:{note_id}")
        texts = h.texts(card)
        assert "کورهٔ ۲ تعمیر شد؛ دوباره بازدید شود" in texts  # mine
        assert "کورهٔ ۲ در اردیبهشت تعمیر شد" in texts  # theirs
        assert "کورهٔ ۲ تعمیر شد" in texts  # the base
        assert "روی دستگاه دیگری هم ویرایش شد." in texts
        expected = {
            "mine": "کورهٔ ۲ تعمیر شد؛ دوباره بازدید شود",
            "theirs": "کورهٔ ۲ در اردیبهشت تعمیر شد",
            "merge": "کورهٔ ۲ در اردیبهشت تعمیر شد؛ دوباره بازدید شود",
        }[choice]
        if choice == "merge":
            await h.fire(h.by_data("conflict-merge"))
            field = h.by_data("conflict-merge-text")
            assert field.value == "کورهٔ ۲ تعمیر شد؛ دوباره بازدید شود\n———\nکورهٔ ۲ در اردیبهشت تعمیر شد"
            await h.type_into(field, expected)
            await h.fire(h.by_data("conflict-merge-save"))
        else:
            await h.fire(h.by_data(f"conflict-keep-{choice}"))
        assert gem_store.user.conflicts() == []
        assert not h.find(data=f"conflict:{note_id}")
        assert note_text(gem_store, note_id) == expected
        await synced(h)
        assert (await desktop.sync_once("test")).ok
        assert note_text(desktop.store, note_id) == expected  # the other device has the choice too
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        assert h.texts(h.by_data("note-mark")) == ["همگام‌شده"]

    run(scenario())


def test_refused_note_shows_why_and_discard_goes_back_to_the_server_copy(
    gem_store: LocalStore, api: LiveServer, member: str
) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        sync = sync_of(h)
        asset = app_state(h).asset(MOBARAKEH_STEEL)
        assert asset is not None and await sync.sign_in(api.url, member, PASSWORD)
        note_id = sync.save_note(asset, None, "نسخهٔ سرور")
        await synced(h)
        # The form refuses an over-long note; one written by an older version reaches the server like this.
        record = gem_store.user.record("notes", note_id)
        gem_store.user.save("notes", note_id, {**record.data, "text": "x" * 10_001})
        await synced(h)
        await h.wait_for(lambda: sync.status.rejected == 1)
        mark = " ".join(h.texts(h.by_data("note-mark")))
        # the server's reason is English ("text: … at most 10000 characters"): a Persian screen says it in Persian
        assert mark == "رد شد: سرور داده را نامعتبر دانست."
        await h.go("/sync")
        reason = h.by_data("rejected-reason").value
        assert reason == "سرور داده را نامعتبر دانست."
        app_state(h).set_language("en")
        await h.settle()
        reason = h.by_data("rejected-reason").value
        assert reason.startswith("The server found the data invalid: text") and "10000" in reason
        app_state(h).set_language("fa")
        await h.settle()
        assert "۱ تغییر ردشده" in h.texts()
        await h.fire(h.by_data("rejected-discard"))
        assert note_text(gem_store, note_id) == "نسخهٔ سرور"
        assert not h.find(data="sync-rejected")
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        assert h.texts(h.by_data("note-body")) == ["نسخهٔ سرور"] and h.texts(h.by_data("note-mark")) == ["همگام‌شده"]

    run(scenario())


def test_sign_out_says_what_waits_and_keeps_the_notes(gem_store: LocalStore, api: LiveServer, member: str) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route="/account")
        sync = sync_of(h)
        asset = app_state(h).asset(MOBARAKEH_STEEL)
        assert asset is not None and await sync.sign_in(api.url, member, PASSWORD)
        await synced(h)
        sync.save_note(asset, None, "هنوز فرستاده نشده")
        await h.settle()
        warning = h.by_data("account-unsent").value
        assert warning.startswith("۱ تغییر هنوز فرستاده نشده") and member in warning
        await h.fire(h.by_data("account-sign-out"))
        assert gem_store.user.auth() is None
        assert app_state(h).notice_message == (
            f"از حساب خارج شدید. ۱ تغییر فرستاده‌نشده روی این دستگاه می‌ماند تا {member} دوباره وارد شود."
        )
        assert "برای همگام‌سازی وارد شوید" in indicator_text(h)
        assert h.find(data="sign-in-form")
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        assert h.texts(h.by_data("note-body")) == ["هنوز فرستاده نشده"]
        assert h.texts(h.by_data("note-mark")) == ["در انتظار همگام‌سازی"]
        # signing in again sends what waited
        assert await sync.sign_in(api.url, member, PASSWORD)
        await synced(h)
        assert h.texts(h.by_data("note-mark")) == ["همگام‌شده"]

    run(scenario())


def test_a_favourite_starred_here_reaches_another_device(gem_store: LocalStore, api: LiveServer, member: str) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        sync = sync_of(h)
        assert await sync.sign_in(api.url, member, PASSWORD)
        await synced(h)
        await h.fire(h.by_data("favourite"))
        assert h.texts(h.by_data("favourite-mark")) == ["در نشان‌شده‌های شما · در انتظار همگام‌سازی"]
        await synced(h)
        assert h.texts(h.by_data("favourite-mark")) == ["در نشان‌شده‌های شما · همگام‌شده"]
        desktop = await other_device(api, member)
        assert [r.id for r in desktop.store.user.records("favourites")] == [f"plant:{MOBARAKEH_STEEL}"]

    run(scenario())


def test_signing_in_with_the_server_down_asks_to_check_the_address(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store)
        await sign_in_through_the_form(h, f"http://127.0.0.1:{free_port()}", "ali")  # nothing listens there
        await h.wait_for(lambda: bool(h.find(data="account-error")))
        words = h.by_data("account-error").value
        assert words == "سرور در این نشانی پاسخ نداد. نشانی سرور و اتصال اینترنت را بررسی کنید."
        assert "ذخیره‌شده" not in words  # not "using saved data": nothing was signed in to use it

    run(scenario())


def test_all_changes_reached_the_server_is_said_only_when_a_sync_has_and_none_runs(
    gem_store: LocalStore, api: LiveServer, member: str
) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route="/sync")
        await sign_in_through_the_form(h, api.url, member)
        sync = sync_of(h)
        await h.wait_for(lambda: sync.status.state is SyncState.IDLE and bool(sync.status.last_success_at), 20)
        await h.go("/sync")
        assert h.by_data("sync-pending").value == "همهٔ تغییرات شما به سرور رسیده است."
        sync.status = dataclasses.replace(sync.status, state=SyncState.SYNCING, phase="push")  # a cycle running
        await h.settle()
        assert not h.find(data="sync-pending") and h.by_data("sync-progress").value == "در حال فرستادن تغییرات شما…"

    run(scenario())
