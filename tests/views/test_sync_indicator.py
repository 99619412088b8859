"""The sync indicator and the account form without a server: not set up, signed out, offline, waiting, refused."""

from __future__ import annotations

import re
from pathlib import Path

import flet as ft

from sync import clock
from sync.engine import SyncEngine, SyncState
from sync.store import LocalStore
from tests.support.flet_harness import FletHarness
from tests.support.live_server import free_port
from tests.views.conftest import DESKTOP, MOBARAKEH_STEEL, PHONE, app_state, run
from views.app import make_main
from views.session import SessionParts
from views.shell import paths as routes
from views.sync.hub import SyncHub
from views.sync.secure_tokens import SESSION_KEY, SecureTokenKeeper
from views.sync.state import SyncSession

LATIN_DIGIT = re.compile(r"[0-9]")


async def open_app(
    store: LocalStore, size: tuple[int, int] = PHONE, route: str = "/", **engine_options: object
) -> FletHarness:
    options = {"debounce_s": 60.0, **engine_options}  # a test decides when to sync
    hub = SyncHub(store, SyncEngine(store, **options))
    harness = FletHarness(width=size[0], height=size[1])
    await harness.start(make_main(store, sync=hub), route=route)
    return harness


def sync_of(harness: FletHarness) -> SyncSession:
    controls = harness.page.views[0].controls
    parts: SessionParts = (controls[0] if isinstance(controls, list) else controls).args[0]
    assert parts.sync is not None
    return parts.sync


def indicator_text(harness: FletHarness) -> str:
    return " ".join(harness.texts(harness.by_data("sync-indicator")))


def fake_session(store: LocalStore, api_url: str) -> None:
    """Signed in as far as this device knows (tokens kept), against ``api_url``."""
    store.device.set_setting("api_url", api_url)
    store.user.set_auth(
        {"api_url": api_url, "username": "ali", "role": "member", "access_token": "a", "refresh_token": "r",
         "access_expires_at": "2099-01-01T00:00:00Z", "refresh_expires_at": "2099-01-01T00:00:00Z"}
    )  # fmt: skip


def test_not_set_up_says_so_and_leads_to_the_account_screen(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store)
        assert "همگام‌سازی راه‌اندازی نشده" in indicator_text(h)
        await h.fire(h.by_data("sync-indicator"))
        assert h.page.route == "/account"
        assert h.find(data="sign-in-form")
        settings = [d.path for d in routes.DESTINATIONS].index(routes.SETTINGS)
        assert h.find(ft.NavigationBar)[0].selected_index == settings  # the screen belongs to Settings

    run(scenario())


def test_address_but_no_account_asks_to_sign_in(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.device.set_setting("api_url", "https://api.example.ir")
        h = await open_app(gem_store)
        assert "برای همگام‌سازی وارد شوید" in indicator_text(h)
        await h.go("/account")
        assert h.by_data("account-api").value == "https://api.example.ir"  # prefilled from settings

    run(scenario())


def test_unreachable_server_is_offline_with_a_countdown_and_changes_wait_in_persian_digits(
    gem_store: LocalStore,
) -> None:
    async def scenario() -> None:
        fake_session(gem_store, f"http://127.0.0.1:{free_port()}")  # nothing listens there
        h = await open_app(gem_store, backoff_base_s=30.0)
        sync = sync_of(h)
        await h.wait_for(lambda: sync.status.state is SyncState.OFFLINE)
        text = indicator_text(h)
        assert "آفلاین" in text and "تلاش دوباره تا" in text and "ثانیهٔ دیگر" in text
        await h.go(f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("favourite"))
        await h.wait_for(lambda: sync.status.pending == 1)
        assert h.texts(h.by_data("sync-indicator-pending")) == ["۱ در صف"]
        assert "در نشان‌شده‌های شما · در انتظار همگام‌سازی" in h.texts()
        assert not LATIN_DIGIT.search(indicator_text(h))

    run(scenario())


def test_insecure_address_is_refused_in_the_members_language(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route="/account")
        await h.type_into(h.by_data("account-api"), "http://api.example.ir")
        await h.type_into(h.by_data("account-username"), "ali")
        await h.type_into(h.by_data("account-password"), "secret")
        await h.fire(h.by_data("account-sign-in"))
        assert h.by_data("account-error").value == "نشانی سرور باید با https:// شروع شود (مگر روی همین رایانه)."
        assert gem_store.user.auth() is None and gem_store.device.settings()["api_url"] is None
        assert h.by_data("account-password").value == "secret"  # nothing typed is lost
        await h.fire(h.by_data("toggle-language"))
        assert h.by_data("account-error").value == (
            "The server address must start with https:// (unless it is on this computer)."
        )

    run(scenario())


def test_sign_in_form_asks_for_every_field(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route="/account")
        await h.fire(h.by_data("account-sign-in"))
        assert h.by_data("account-error").value == "نشانی سرور، نام کاربری و گذرواژه را وارد کنید."

    run(scenario())


def test_note_written_before_signing_in_waits_and_survives_in_the_draft(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("note-add"))
        await h.type_into(h.by_data("note-text"), "کورهٔ ۲ در تعمیر است")
        await h.wait_for(lambda: bool(gem_store.user.drafts()))  # kept while typing
        await h.fire(h.by_data("note-save"))
        notes = gem_store.user.records("notes")
        assert [n.data["text"] for n in notes] == ["کورهٔ ۲ در تعمیر است"]
        assert notes[0].data["asset_id"] == MOBARAKEH_STEEL and notes[0].data["kind"] == "plant"
        assert len(notes[0].id) == 32  # a device-made UUID
        assert h.texts(h.by_data("note-mark")) == ["در انتظار همگام‌سازی"]
        assert not gem_store.user.drafts()  # saved: the draft is gone

    run(scenario())


def test_an_empty_or_too_long_note_is_not_saved_and_the_text_stays(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, DESKTOP, route=f"/plant/{MOBARAKEH_STEEL}")
        gem_store.device.set_setting("language", "en")
        app_state(h).set_language("en")
        await h.fire(h.by_data("note-add"))
        await h.fire(h.by_data("note-save"))
        assert h.by_data("note-problem").value == "The note is empty."
        await h.type_into(h.by_data("note-text"), "x" * 10_001)
        await h.fire(h.by_data("note-save"))
        assert h.by_data("note-problem").value == "The note is longer than 10,000 characters."
        assert h.by_data("note-text").value == "x" * 10_001
        await h.type_into(h.by_data("note-text"), "pasted \u0000 text")
        await h.fire(h.by_data("note-save"))
        assert h.by_data("note-problem").value.startswith("The note holds an invisible character")
        assert gem_store.user.records("notes") == []

    run(scenario())


def test_a_draft_comes_back_when_the_screen_is_opened_again(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("note-add"))
        await h.type_into(h.by_data("note-text"), "نیمه‌کاره")
        await h.wait_for(lambda: bool(gem_store.user.drafts()))
        again = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")  # another session, or a restart
        assert again.by_data("note-text").value == "نیمه‌کاره"
        assert "پیش‌نویس شما نگه داشته شده است تا ذخیره یا رها کنید." in again.texts()

    run(scenario())


def test_a_second_member_on_the_device_never_sees_the_first_members_draft(gem_folder: Path) -> None:
    gem_store = LocalStore.open(gem_folder)

    async def scenario() -> None:
        fake_session(gem_store, f"http://127.0.0.1:{free_port()}")  # ali's data
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("note-add"))
        await h.type_into(h.by_data("note-text"), "یادداشت نیمه‌کارهٔ علی")
        await h.wait_for(lambda: bool(gem_store.user.drafts()))
        gem_store.switch_user("sara")  # sara signs in on the same device
        sara = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        assert not sara.find(data="note-text")  # no editor opened for her with ali's text
        await sara.fire(sara.by_data("note-add"))
        assert sara.by_data("note-text").value == ""
        gem_store.switch_user("ali")
        assert gem_store.user.drafts() != {}  # ali's draft waits for ali

    try:
        run(scenario())
    finally:
        gem_store.close()


def test_edit_and_delete_a_note(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.user.save(
            "notes", "a" * 32,
            {"asset_id": MOBARAKEH_STEEL, "kind": "plant", "text": "اول", "updated_at": clock.now_iso()},
        )  # fmt: skip
        h = await open_app(gem_store, route=f"/plant/{MOBARAKEH_STEEL}")
        await h.fire(h.by_data("note-edit"))
        await h.type_into(h.by_data("note-text"), "دوم")
        await h.fire(h.by_data("note-save"))
        assert gem_store.user.record("notes", "a" * 32).data["text"] == "دوم"
        assert len(gem_store.user.outbox()) == 1  # unsent edits travel as one operation
        await h.fire(h.by_data("note-delete"))
        await h.fire(h.by_data("note-delete-yes"))
        assert gem_store.user.records("notes") == []
        assert "هنوز یادداشتی ندارید. یادداشت‌ها فقط برای خود شماست و با حسابتان همگام می‌شود." in h.texts()

    run(scenario())


def test_connectivity_lost_says_offline_at_once_and_regained_syncs_without_waiting(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        fake_session(gem_store, f"http://127.0.0.1:{free_port()}")
        h = await open_app(gem_store, backoff_base_s=600.0)  # a long backoff: only a trigger can start a cycle
        sync = sync_of(h)
        await h.wait_for(lambda: len(gem_store.device.history()) == 1)  # the app-start cycle
        connectivity = next(s for s in h.page._services._services if isinstance(s, ft.Connectivity))
        await h.fire(connectivity, "change", {"connectivity": ["none"]})
        await h.wait_for(lambda: sync.status.state is SyncState.OFFLINE)
        assert "آفلاین" in indicator_text(h)
        await h.fire(connectivity, "change", {"connectivity": ["wifi"]})
        await h.wait_for(lambda: len(gem_store.device.history()) == 2)
        assert gem_store.device.history()[0]["reason"] == "connectivity"

    run(scenario())


def test_resume_after_the_app_was_hidden_syncs_but_a_focus_change_does_not(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        fake_session(gem_store, f"http://127.0.0.1:{free_port()}")
        h = await open_app(gem_store, backoff_base_s=600.0)
        await h.wait_for(lambda: len(gem_store.device.history()) == 1)
        await h.fire(h.page, "app_lifecycle_state_change", {"state": "inactive"})
        await h.fire(h.page, "app_lifecycle_state_change", {"state": "resume"})
        await h.settle(20)
        assert len(gem_store.device.history()) == 1  # focus came back: not a resume
        await h.fire(h.page, "app_lifecycle_state_change", {"state": "hide"})
        await h.fire(h.page, "app_lifecycle_state_change", {"state": "show"})
        await h.wait_for(lambda: len(gem_store.device.history()) == 2)
        assert gem_store.device.history()[0]["reason"] == "resume"

    run(scenario())


class PlatformSecureStore:
    """What flet's SecureStorage does on a phone, kept in memory: no flet client runs under these tests."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        return self.values.get(key)

    async def set(self, key: str, value: object) -> None:
        self.values[key] = str(value)

    async def remove(self, key: str) -> None:
        self.values.pop(key, None)


def test_the_account_screen_says_where_the_sign_in_is_kept_without_a_path(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        fake_session(gem_store, f"http://127.0.0.1:{free_port()}")
        h = await open_app(gem_store, DESKTOP, route="/account")
        where = h.by_data("account-tokens-kept").value
        assert where.startswith("این نسخه انبار امن ندارد") and "/" not in where and "session" not in where
        app_state(h).set_language("en")
        await h.wait_for(lambda: h.by_data("account-tokens-kept").value.startswith("This version has no secure"))

        platform = PlatformSecureStore()
        hub = sync_of(h)._hub
        assert await hub.keep_tokens_in(SecureTokenKeeper(platform))
        phone = await open_app(gem_store, route="/account")  # what a packaged app shows (in English, as chosen)
        assert phone.by_data("account-tokens-kept").value == "Your sign-in is kept in this device's secure storage."
        assert "refresh_token" in platform.values[SESSION_KEY]
        assert gem_store.session.where == "secure_storage"
        assert sync_of(phone).account["username"] == "ali"

    run(scenario())
