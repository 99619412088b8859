"""Every screen of the app, and how a running browser session reaches it: shared by the screenshot script
(tests/e2e/screenshots.py) and the accessibility test (tests/e2e/test_browser_accessibility.py).

Screens are reached by their path, the way a link or the back button reaches them (``history.pushState`` and
the ``popstate`` Flutter's router listens to), so one session visits them all; a few need a tap more (the
filter sheet, the owner picker, a balance stage opened).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import views.atlas
import views.balance
import views.home
import views.map
import views.needs
import views.settings
import views.suppliers
import views.sync  # noqa: F401
from sync.engine import SyncEngine
from sync.store import LocalStore
from tests.e2e.helpers import ROOT, SHARED
from tests.support.flet_pw import TIMEOUT, AppServer, scroll_to, scroll_to_words, serve_app, wait_for_words
from tests.support.live_server import LiveServer
from views.shell import i18n
from views.shell.theme import PHONE_MAX_WIDTH

MOBARAKEH_STEEL = "P100000120584"
CHADORMALU_MINE = "P100000128563"
#: The first of the demo suppliers and needs the server is seeded with (models/demo.py numbers them from 1).
DEMO_SUPPLIER, DEMO_NEED = "S-DEMO-000001", "N-DEMO-000001"
DEMO_SUPPLIERS = 40
MEMBER, PASSWORD = "ali", "correct horse battery"
MEMBER_NOTE = "بازدید اردیبهشت: کورهٔ ۲ احیای مستقیم در تعمیر است؛ خرید گندله از گل‌گهر."
#: Widths a member's screens are looked at (small and common phones, a desktop window) and their heights.
SIZES: dict[int, tuple[int, int]] = {360: (360, 740), 412: (412, 915), 1280: (1280, 800)}


@dataclass(frozen=True)
class Screen:
    """One screen: its name in file names, its path, the catalogue key of words it shows once drawn, which
    app it is on ("member": a signed-in member's atlas; "empty": a new install), and a tap more if any."""

    name: str
    path: str
    ready: str
    app: str = "member"
    then: Callable[[Any, i18n.Lang, bool], None] | None = None
    phone_only: bool = False


def tap(page: Any, key: str, lang: i18n.Lang, role: str = "button", exact: bool = True, **params: object) -> None:
    page.get_by_role(role, name=i18n.t(key, lang, **params), exact=exact).first.click()


def open_filters(page: Any, lang: i18n.Lang, phone: bool) -> None:
    if phone:
        tap(page, "filters", lang)
        wait_for_words(page, i18n.t("filter_status", lang))


def open_owner_picker(page: Any, lang: i18n.Lang, phone: bool) -> None:
    open_filters(page, lang, phone)
    tap(page, "filter_owner_choose", lang)
    wait_for_words(page, i18n.t("owner_picker_title", lang))


def open_pellet_provinces(page: Any, lang: i18n.Lang, phone: bool) -> None:
    stage = i18n.t("stage_title_pellet", lang)
    button = page.get_by_role("button", name=i18n.t("stage_open_provinces", lang, stage=stage))
    scroll_to(page, button)  # into the semantics tree first: Flutter leaves far-off nodes out
    button.first.click()
    close = page.get_by_role("button", name=i18n.t("stage_close_provinces", lang, stage=stage))
    close.first.wait_for(state="attached")  # the panel is drawn under the card before it is scrolled to
    scroll_to_words(page, i18n.t("provinces_hint", lang))


SCREENS: tuple[Screen, ...] = (
    Screen("home", "/", "home_title"),
    Screen("atlas", "/atlas", "search_hint"),
    Screen("atlas-filters", "/atlas", "search_hint", then=open_filters, phone_only=True),
    Screen("owner-picker", "/atlas", "search_hint", then=open_owner_picker),
    Screen("atlas-map", "/atlas/map", "map_hint"),
    Screen("plant", f"/plant/{MOBARAKEH_STEEL}", "section_capacity"),
    Screen("mine", f"/mine/{CHADORMALU_MINE}", "section_mine_figures"),
    Screen("balance", "/balance", "balance_intro"),
    Screen("balance-provinces", "/balance", "balance_intro", then=open_pellet_provinces),
    Screen("charts", "/balance/charts", "charts_pipeline"),
    Screen("suppliers", "/suppliers", "suppliers_search_hint"),
    Screen("supplier", f"/supplier/{DEMO_SUPPLIER}", "supplier_section_standing"),
    Screen("needs", "/needs", "needs_search_hint"),
    Screen("need", f"/need/{DEMO_NEED}", "needs_section_facts"),
    Screen("need-form", "/needs/new", "need_form_cannot_raise"),  # a member of no producer: says who raises needs
    Screen("settings", "/settings", "settings_language"),
    Screen("about", "/about", "about_title"),
    Screen("sync", "/sync", "sync_section_history"),
    Screen("account", "/account", "account_title"),
    Screen("conflict", "/conflict/gone", "conflict_missing"),
    Screen("empty-home", "/", "empty_title", app="empty"),
    Screen("empty-settings", "/settings", "settings_language", app="empty"),
    Screen("empty-account", "/account", "account_title", app="empty"),
)


def navigate(page: Any, path: str) -> None:
    """Go to ``path`` as a link would: the router hears the browser's history, and draws that screen."""
    page.evaluate(
        "(path) => { history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate', {state: null})); }",
        path,
    )


def show(page: Any, screen: Screen, lang: i18n.Lang, width: int) -> None:
    """Draw ``screen`` in the open session, tap what it needs, and wait until it says its words."""
    page.mouse.move(1, 1)
    page.keyboard.press("Escape")  # a sheet or dialog the last screen opened stays over the next route
    page.wait_for_timeout(200)
    navigate(page, screen.path)
    wait_for_words(page, i18n.t(screen.ready, lang), timeout=TIMEOUT)
    page.wait_for_timeout(400)  # the screen's last redraws (lists, maps) after its first words
    if screen.then is not None:
        screen.then(page, lang, width < PHONE_MAX_WIDTH)
    page.mouse.move(1, 1)


def screens_for(width: int, app: str) -> list[Screen]:
    return [s for s in SCREENS if s.app == app and not (s.phone_only and width >= PHONE_MAX_WIDTH)]


def _on_the_device(folder: Path, api: LiveServer) -> None:
    """The member's own device before the app starts: signed in, synced, a favourite and a note of theirs."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            await engine.sign_in(api.url, MEMBER, PASSWORD)
            assert (await engine.sync_once("sign_in")).ok  # the triggers a member's own history shows
            store.user.save(
                "favourites",
                f"plant:{MOBARAKEH_STEEL}",
                {"kind": "plant", "asset_id": MOBARAKEH_STEEL, "created_at": "2026-11-20T08:00:00Z"},
            )
            store.user.save(
                "favourites",
                f"mine:{CHADORMALU_MINE}",
                {"kind": "mine", "asset_id": CHADORMALU_MINE, "created_at": "2026-11-21T08:00:00Z"},
            )
            store.user.save(
                "notes",
                uuid.uuid4().hex,
                {
                    "asset_id": MOBARAKEH_STEEL,
                    "kind": "plant",
                    "text": MEMBER_NOTE,
                    "updated_at": "2026-11-25T09:30:00Z",
                },
            )
            assert (await engine.sync_once("local_write")).ok
        finally:
            store.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API keeps an event loop in the calling thread
        pool.submit(asyncio.run, steps()).result(timeout=120)  # fmt: skip


@contextmanager
def member_app(folder: Path) -> Iterator[AppServer]:
    """The app as a member has it: the association's server beside it (the GEM releases, an account), the
    member signed in and synced, with a favourite or two and a note."""
    api = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}")
    api.run_cli("import-gem", str(SHARED))
    api.run_cli("seed-demo", str(DEMO_SUPPLIERS))  # the directory and the needs, labelled demo
    api.start()
    try:
        api.create_user(MEMBER, "member", PASSWORD)
        _on_the_device(folder / "data", api)
        with serve_app(
            ROOT, folder / "data", folder / "app.log", extra_args=["--api", api.url], drop_env=("FLET_", "ZANJIREH_")
        ) as app:
            yield app
    finally:
        api.close()


@contextmanager
def empty_app(folder: Path) -> Iterator[AppServer]:
    """A new install: no data, nobody signed in (what a new member sees first)."""
    env = {"ZANJIREH_NO_SAMPLE_DATA": "1"}
    with serve_app(ROOT, folder / "empty", folder / "empty.log", extra_env=env, drop_env=("FLET_", "ZANJIREH_")) as app:
        yield app


def file_name(screen: Screen, lang: str, width: int, theme: str) -> str:
    return f"{screen.name}_{lang}_{width}_{theme}.png"


SAFE = re.compile(r"[^a-z0-9_.-]")
