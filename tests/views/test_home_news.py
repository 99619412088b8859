"""Home's "new since the last sync": the counts of the latest sync that brought something, with its Jalali
time; an honest "nothing new"; and nothing at all about sync while nobody is signed in."""

from __future__ import annotations

from typing import Any

from sync.engine import SyncEngine
from sync.store import COLLECTION_DIRS, LocalStore
from sync.user_store import USER_COLLECTIONS
from tests.support.flet_harness import FletHarness
from tests.views.conftest import DESKTOP, PHONE, app_state, run
from views.app import make_main
from views.sync.hub import SyncHub
from views.sync.news import change_line
from views.sync.words import collection_name

API = "http://127.0.0.1:9"  # nothing listens: the tests write the history a real sync would have written


def signed_in(store: LocalStore) -> None:
    store.device.set_setting("api_url", API)
    store.user.set_auth(
        {"api_url": API, "username": "ali", "role": "member", "access_token": "a", "refresh_token": "r",
         "access_expires_at": "2099-01-01T00:00:00Z", "refresh_expires_at": "2099-01-01T00:00:00Z"}
    )  # fmt: skip


def cycle(at: str, ok: bool = True, **pulled: dict[str, int]) -> dict[str, Any]:
    return {"ok": ok, "reason": "timer", "at": at, "pulled": pulled, "pushed": {}, "requests": 3, "bytes": 900}


async def open_home(store: LocalStore, size: tuple[int, int] = PHONE) -> FletHarness:
    hub = SyncHub(store, SyncEngine(store, debounce_s=60.0))
    harness = FletHarness(width=size[0], height=size[1])
    await harness.start(make_main(store, sync=hub), route="/")
    return harness


def news_texts(h: FletHarness) -> list[str]:
    return h.texts(h.by_data("home-news"))


def test_the_latest_sync_that_brought_something_is_counted_with_its_jalali_time(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        signed_in(gem_store)
        gem_store.device.record_history(cycle("2026-11-27T08:00:00+00:00", plants={"added": 47}))
        changes = {"added": 0, "changed": 3, "removed": 0}
        gem_store.device.record_history(
            cycle("2026-11-28T11:00:00+00:00", plants=changes, mines={"added": 1, "changed": 0, "removed": 0})
        )
        gem_store.device.record_history(cycle("2026-11-28T11:05:00+00:00", ok=False, plants={}))  # an outage
        gem_store.device.record_history(cycle("2026-11-28T11:30:00+00:00", plants={"added": 0, "changed": 0}))
        h = await open_home(gem_store)
        texts = news_texts(h)
        assert texts[0] == "تازه‌ها از آخرین همگام‌سازی"
        assert [t.value for t in h.find(data="news-line")] == ["کارخانه‌ها: ۳ تغییریافته", "معادن: ۱ تازه"]
        assert h.by_data("news-when").value.startswith("دریافت‌شده در همگام‌سازی ۱۴۰۵/۰۹/۰۷ ساعت ")
        assert any(t.startswith("بررسی دوباره در ۱۴۰۵/۰۹/۰۷") for t in texts)  # the later, empty cycle
        await h.fire(h.by_data("news-history"))
        assert h.page.route == "/sync"

        app_state(h).set_language("en")
        await h.go("/")
        assert [t.value for t in h.find(data="news-line")] == ["Plants: 3 changed", "Mines: 1 added"]
        assert h.by_data("news-when").value.startswith("Received in the sync of 28 Nov 2026, ")

    run(scenario())


def test_syncs_that_brought_nothing_say_so_honestly(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        signed_in(gem_store)
        gem_store.device.record_history(cycle("2026-11-28T11:30:00+00:00", plants={"added": 0}))
        h = await open_home(gem_store, DESKTOP)
        assert h.by_data("news-nothing").value.startswith("چیز تازه‌ای نیامده است؛ آخرین بررسی ۱۴۰۵/۰۹/۰۷")
        assert not h.find(data="news-line")

    run(scenario())


def test_no_card_before_the_first_sync_or_while_signed_out(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        gem_store.device.record_history(cycle("2026-11-28T11:00:00+00:00", plants={"changed": 3}))
        h = await open_home(gem_store)  # the history is there, but nobody is signed in
        assert not h.find(data="home-news") and h.find(data="home")

        signed_in(gem_store)
        fresh = LocalStore.in_memory()
        fresh.replace_reference({"plants": gem_store.plants.all(), "sources": gem_store.sources.all()}, origin="test")
        signed_in(fresh)
        fresh.device.record_history(cycle("2026-11-28T11:00:00+00:00", ok=False))  # tried, never completed
        h = await open_home(fresh)
        assert not h.find(data="home-news") and h.find(data="home")

    run(scenario())


def test_words_for_one_and_for_many_and_for_a_collection_without_words_of_its_own() -> None:
    # one form for every collection, the sync history's (two forms on one card read as two different lists)
    assert change_line("plants", {"added": 1, "changed": 2}, "en") == "Plants: 1 added, 2 changed"
    assert change_line("plants", {"added": 1, "changed": 2}, "fa") == "کارخانه‌ها: ۱ تازه، ۲ تغییریافته"
    assert change_line("notes", {"changed": 1}, "en") == "Notes from your other devices: 1 changed"
    assert change_line("visits", {"removed": 4}, "en") == "Field visits: 4 removed"
    assert change_line("fund_calls", {"added": 4}, "fa") == "فراخوان‌های صندوق: ۴ تازه"


def test_every_collection_a_sync_pulls_is_named_in_both_languages_never_by_its_internal_key() -> None:
    for name in [*COLLECTION_DIRS, *USER_COLLECTIONS]:
        for lang in ("fa", "en"):
            words = collection_name(name, lang)
            assert words and words != name and "_" not in words, (name, lang, words)
