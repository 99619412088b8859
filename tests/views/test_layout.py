"""The frame of the app: phone and desktop layouts, direction, language and theme, the empty state."""

from __future__ import annotations

import re
from pathlib import Path

import flet as ft
from PIL import ImageFont

from sync.store import LocalStore
from tests.views.conftest import DESKTOP, PHONE, app_state, run, start_app
from views.shell import i18n
from views.shell.theme import FONT_FAMILY, FONTS, Size, Space

LATIN_DIGIT = re.compile(r"[0-9]")


def test_phone_layout_has_a_bottom_navigation_bar(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE)
        assert h.find(ft.NavigationBar) and not h.find(ft.NavigationRail)

    run(scenario())


def test_desktop_layout_has_a_navigation_rail_and_switches_live_on_resize(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, DESKTOP)
        assert h.find(ft.NavigationRail) and not h.find(ft.NavigationBar)
        await h.resize(*PHONE)
        assert h.find(ft.NavigationBar) and not h.find(ft.NavigationRail)
        await h.resize(*DESKTOP)
        assert h.find(ft.NavigationRail) and not h.find(ft.NavigationBar)

    run(scenario())


def test_navigation_bar_goes_to_the_atlas(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE)
        await h.select(h.find(ft.NavigationBar)[0], 1)
        await h.settle()
        assert h.page.route == "/atlas"
        assert h.find(data="asset-list")

    run(scenario())


def test_persian_first_right_to_left_with_persian_digits(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE)
        assert h.page.rtl is True
        blob = h.text_blob()
        assert "اطلس زنجیرهٔ فولاد ایران" in blob
        assert "۴۷" in blob and "۱۲" in blob  # plants and mines
        figures = [t for t in h.texts() if "تن در سال" in t]
        assert figures and not any(LATIN_DIGIT.search(t) for t in figures)

    run(scenario())


def test_language_switch_flips_direction_and_words_and_is_remembered(gem_folder: Path) -> None:
    async def scenario() -> None:
        store = LocalStore.open(gem_folder)
        try:
            h = await start_app(store, PHONE)
            await h.fire(h.by_data("toggle-language"))
            assert h.page.rtl is False
            blob = h.text_blob()
            assert "Iran's steel chain atlas" in blob and "47" in blob and "Home" in blob
            assert "اطلس زنجیرهٔ فولاد ایران" not in blob
        finally:
            store.close()
        store = LocalStore.open(gem_folder)  # a restart: a new process opens the same data folder
        try:
            again = await start_app(store, PHONE)
            assert again.page.rtl is False and "Iran's steel chain atlas" in again.text_blob()
            await again.fire(again.by_data("toggle-language"))
            assert again.page.rtl is True and app_state(again).lang == "fa"
        finally:
            store.close()

    run(scenario())


def test_theme_switch_is_applied_and_remembered(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE)
        assert h.page.theme_mode == ft.ThemeMode.LIGHT
        await h.fire(h.by_data("toggle-theme"))
        assert h.page.theme_mode == ft.ThemeMode.DARK
        assert gem_store.device.settings()["theme"] == "dark"

    run(scenario())


def test_empty_store_shows_how_to_get_data(tmp_path: Path) -> None:
    """A developer's app (``--developer``): importing from files, with its command line, beside signing in."""

    async def scenario() -> None:
        store = LocalStore.in_memory()
        for route in ("/", "/atlas"):
            h = await start_app(
                store, DESKTOP, route=route, data_dir=tmp_path, upload_dir=tmp_path / "uploads", developer=True
            )
            assert h.find(data="empty-state"), route
            blob = h.text_blob()
            assert "هنوز داده‌ای روی این دستگاه نیست" in blob
            command = h.by_data("import-command").value.strip("\u2066\u2069")  # a left-to-right isolate
            assert command.startswith("python main.py import-gem PATH") and str(tmp_path) in command
            assert h.find(data="import-upload")  # web mode with uploads served: a button to upload files
            assert not h.find(data="no-matches")

    run(scenario())


def test_unknown_path_shows_home_inside_the_frame(gem_store: LocalStore) -> None:
    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/no/such/screen")
        assert h.find(ft.NavigationBar) and h.find(data="home")

    run(scenario())


def test_the_app_keeps_drawing_after_layout_and_language_switches(tmp_path: Path) -> None:
    """flet 1.0.5 can lose a context during a component's own redraw; that must not freeze the session."""

    async def scenario() -> None:
        h = await start_app(LocalStore.in_memory(), PHONE, upload_dir=tmp_path, developer=True)
        await h.resize(*DESKTOP)
        await h.fire(h.by_data("toggle-language"))
        await h.type_into(h.by_data("import-release"), "September 2025 (V1)")
        app_state(h).tell("copied")  # any change the import panel and the banner draw
        await h.settle()
        assert "Copied." in h.texts()
        await h.fire(h.by_data("toggle-language"))
        assert "رونوشت برداشته شد." in h.texts()

    run(scenario())


def test_a_member_with_no_data_is_asked_to_sign_in_and_shown_no_path_or_command(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = LocalStore.in_memory()
        for route in ("/", "/atlas", "/balance", "/settings"):
            h = await start_app(store, PHONE, route=route, data_dir=tmp_path, upload_dir=tmp_path / "uploads")
            blob = h.text_blob()
            assert str(tmp_path) not in blob and "python" not in blob and "main.py" not in blob, route
            assert not h.find(data="import-panel"), route  # importing is an administrator's job
            if route != "/settings":
                assert h.find(data="empty-state") and h.find(data="empty-sign-in"), route
                assert "با حساب کاربری انجمن وارد شوید" in blob
        await h.fire(h.by_data("settings-account"))
        assert h.page.route == "/account"

    run(scenario())


def test_an_administrator_may_import_but_sees_no_command_line(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = LocalStore.in_memory()
        store.user.set_auth({"username": "mina", "role": "admin", "api_url": "https://api.example.ir",
                             "access_token": "a", "refresh_token": "r"})  # fmt: skip
        h = await start_app(store, DESKTOP, route="/", data_dir=tmp_path, upload_dir=tmp_path / "uploads")
        assert h.find(data="import-panel") and h.find(data="import-upload")
        assert not h.find(data="import-command") and str(tmp_path) not in h.text_blob()
        assert h.find(data="empty-sync")  # signed in: the first sync brings the atlas

    run(scenario())


SMALL_PHONE = (360, 640)
FONT_FILE = Path(__file__).resolve().parents[2] / "assets" / FONTS[FONT_FAMILY]


def label_width(text: str, style: ft.TextStyle) -> float:
    """How wide the app's own font draws ``text`` (its variable weight set as the style says)."""
    font = ImageFont.truetype(str(FONT_FILE), int(style.size or 14))
    font.set_variation_by_axes([int(str(style.weight.value).lstrip("w")) if style.weight else 400])
    return font.getlength(text)


def test_the_suppliers_needs_fund_switch_keeps_every_label_on_one_line_at_360_px(gem_store: LocalStore) -> None:
    """The switch's three segments share the row equally: each label must fit its segment, less its padding and
    any icon, inside the screen's Space.L margins — or «تأمین‌کنندگان» breaks or clips."""

    async def scenario() -> None:
        for route in ("/suppliers", "/needs", "/fund"):
            h = await start_app(gem_store, SMALL_PHONE, route=route)
            parts = [c for c in h.walk() if isinstance(c.data, str) and c.data.startswith("directory-view:")]
            assert len(parts) == 3, route
            row = SMALL_PHONE[0] - 2 * Space.L - 2 - (len(parts) - 1)  # margins, the pill's border, the dividers
            for part in parts:
                texts = [c for c in h.walk(part) if isinstance(c, ft.Text)]
                icons = [c for c in h.walk(part) if isinstance(c, ft.Icon)]
                room = row / len(parts) - part.padding.left - part.padding.right
                room -= sum((icon.size or Size.ICON_M) + Space.XS for icon in icons)
                (text,) = texts
                assert label_width(text.value, text.style) <= room, (route, text.value)

    run(scenario())


def test_a_remark_is_upright_in_persian_and_slanted_in_english(gem_store: LocalStore) -> None:
    """Persian has no italic: Flutter shears the letters of Vazirmatn (which has none), and it reads as a misprint."""

    async def scenario() -> None:
        h = await start_app(gem_store, PHONE, route="/conflict/gone")
        for lang in ("fa", "en"):
            words = i18n.t("conflict_missing", lang)
            await h.wait_for(lambda words=words: bool(h.find(ft.Text, value=words)))
            assert [t.italic for t in h.find(ft.Text, value=words)] == [lang == "en"], lang
            if lang == "fa":
                await h.fire(h.by_data("toggle-language"))

    run(scenario())
