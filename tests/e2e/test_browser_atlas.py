"""The real app in headless Chromium, offline: a member's journey in Persian on a phone and English on a desktop.

Each test starts from a fresh browser context (a reload would re-attach to the same server session). Every
request that is not to this machine is blocked, and the tests check the app rendered without any of them.
Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.helpers import DESKTOP, PHONE, ROOT, SHARED, go_to, resize, search, shot, start, use_language, use_theme
from tests.support.flet_pw import (
    AppServer,
    assert_offline,
    scroll,
    scroll_to,
    scroll_to_words,
    semantics_text,
    serve_app,
    type_into,
    wait_for_words,
)

pytestmark = pytest.mark.browser

SHARED_STEEL = SHARED / "gem-iron-steel-2025-09"


@pytest.fixture(scope="module")
def atlas_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app as a member starts it: a new data folder, filled on first run from ../shared/data."""
    folder = tmp_path_factory.mktemp("atlas")
    # --developer: these tests also import from the browser and look at the import panel of Settings
    with serve_app(ROOT, folder / "data", folder / "app.log", extra_args=["--developer"]) as server:
        yield server
    assert "Imported 47 plants and 12 mines" in server.log()


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    folder = tmp_path_factory.mktemp("empty")
    with serve_app(
        ROOT,
        folder / "data",
        folder / "app.log",
        extra_env={"ZANJIREH_NO_SAMPLE_DATA": "1"},
        extra_args=["--developer"],
    ) as server:
        yield server


def test_member_finds_mobarakeh_in_persian_then_reads_it_in_english_on_desktop(
    browser: Any, atlas_server: AppServer
) -> None:
    session = start(browser, atlas_server, PHONE)
    page = session.page
    use_language(page, "fa")
    page.get_by_text("اطلس زنجیرهٔ فولاد ایران").wait_for()
    shot(session, "01_home_fa_phone")

    go_to(page, "اطلس")
    page.get_by_text("۵۹ مورد").wait_for()
    search(page, "مبارکه")
    page.get_by_text("۴ مورد").wait_for()
    shot(session, "02_search_mobarakeh_fa_phone")

    page.get_by_role("button", name=re.compile("فولاد مبارکه اصفهان")).first.click()
    capacities = page.get_by_text(re.compile("ظرفیت‌ها"))
    capacities.first.wait_for()
    section = capacities.first.inner_text()
    # one unit for the table, said once: DRI's 7,610 kt/y is 7.6 beside crude steel's 10.0 (Mt/y)
    assert "فولاد خام (جمع)" in section and "ارقام به میلیون تن در سال" in section
    assert "۱۰٫۰" in section and "۷٫۶" in section
    assert "Global Iron and Steel Tracker, September 2025 (V1)" in section and "شهریور ۱۴۰۴" in section
    assert not re.search(r"[0-9]", section.replace("2025", "").replace("(V1)", "").replace("4.0", ""))
    shot(session, "03_plant_mobarakeh_fa_phone")
    scroll(page, 700)
    shot(session, "04_plant_mobarakeh_fa_phone_owners")

    resize(page, DESKTOP)
    page.get_by_role("button", name="English").first.click()
    wait_for_words(page, "Figures in Mt/y")
    scroll(page, -3000)  # back to the top, where the names are
    wait_for_words(page, "Mobarakeh Steel Complex Isfahan")
    screen = semantics_text(page)
    assert "Mobarakeh Steel Complex Isfahan" in screen and "فولاد مبارکه اصفهان" in screen  # both names
    assert "as of September 2025" in screen
    # The desktop grid is rows of texts, not a DataTable: Flutter reads the whole card as one node, its texts one a
    # line (get_by_text("7.6", exact=True) found no node of its own). Each figure is a line of the card's text.
    table = (page.get_by_text(re.compile("Figures in Mt/y")).first.text_content() or "").splitlines()
    assert "10.0" in table and "7.6" in table and "7.2" in table  # crude steel, DRI, pellet: one decimal, Mt/y
    shot(session, "05_plant_mobarakeh_en_desktop")
    assert_offline(session)


def test_screens_in_persian_on_a_phone(browser: Any, atlas_server: AppServer) -> None:
    session = start(browser, atlas_server, PHONE)
    page = session.page
    use_language(page, "fa")
    use_theme(page, dark=False)
    go_to(page, "اطلس")
    page.get_by_role("button", name="فیلترها").click()  # the filters' sheet
    page.get_by_role("checkbox", name="کورهٔ قوس الکتریکی").click()
    page.get_by_role("button", name="نمایش ۴۴ نتیجه").click()  # back to the list
    page.get_by_text("۴۴ مورد").wait_for()
    shot(session, "10_list_filtered_fa_phone")

    page.get_by_role("button", name="فیلترها (۱)").click()
    page.get_by_role("button", name="مالک…").click()
    page.get_by_role("alertdialog").wait_for()
    search(page, "مباركه")  # Arabic kaf
    page.get_by_role("checkbox", name=re.compile("شرکت فولاد مبارکه اصفهان")).wait_for()
    shot(session, "11_owner_picker_fa_phone")
    page.get_by_role("button", name="تمام").click()

    page.get_by_role("button", name="برداشتن فیلترها").click()
    page.get_by_role("button", name="نمایش ۵۹ نتیجه").click()
    page.get_by_role("checkbox", name="معادن").click()
    page.get_by_text("۱۲ مورد").wait_for()
    page.get_by_role("button", name=re.compile("Gol Gohar|Golgohar|Chadormalu")).first.click()
    wait_for_words(page, "ذخایر")
    assert "Global Iron Ore Mines Tracker, November 2024 (V1)" in semantics_text(page)
    shot(session, "12_mine_fa_phone")

    go_to(page, "تنظیمات")
    scroll_to(page, page.get_by_role("button", name="انتخاب و بارگذاری فایل‌ها"))  # under the account and data
    shot(session, "13_settings_fa_phone")
    go_to(page, "درباره")
    wait_for_words(page, "دربارهٔ زنجیره")
    scroll_to_words(page, "وزیرمتن")  # the credits follow what is real and what is demo
    shot(session, "14_about_fa_phone")

    use_theme(page, dark=True)
    go_to(page, "خانه")
    page.get_by_text("اطلس زنجیرهٔ فولاد ایران").wait_for()
    shot(session, "15_home_fa_phone_dark")
    use_theme(page, dark=False)
    assert_offline(session)


def test_screens_in_english_on_a_desktop(browser: Any, atlas_server: AppServer) -> None:
    session = start(browser, atlas_server, DESKTOP)
    page = session.page
    use_language(page, "en")
    page.get_by_text("Iran's steel chain atlas").wait_for()
    shot(session, "20_home_en_desktop")

    go_to(page, "Atlas")
    page.get_by_text("59 found").wait_for()
    page.get_by_role("checkbox", name="Plants").click()
    page.get_by_role("checkbox", name="under construction").click()
    # sort by the column (its title says its unit under it)
    page.get_by_role("button", name=re.compile("^Operating capacity")).click()
    page.get_by_text(re.compile(r"^\d+ found$")).wait_for()
    shot(session, "21_table_filtered_sorted_en_desktop")

    page.get_by_role("button", name="Clear filters").click()
    page.get_by_role("checkbox", name="Mines").click()
    page.get_by_text("12 found").wait_for()
    page.get_by_role("button", name=re.compile("Chadormalu")).first.click()
    wait_for_words(page, "Reserves")
    shot(session, "22_mine_en_desktop")

    use_theme(page, dark=True)
    go_to(page, "Settings")
    page.get_by_role("button", name="Choose and upload files").wait_for()
    shot(session, "23_settings_en_desktop_dark")
    go_to(page, "About")
    wait_for_words(page, "About Zanjireh")
    scroll_to_words(page, "Vazirmatn by Saber Rastikerdar")  # the credits follow what is real and what is demo
    shot(session, "24_about_en_desktop_dark")
    use_theme(page, dark=False)
    use_language(page, "fa")  # leave the shared server as a new member finds it
    assert_offline(session)


def test_new_member_sees_how_to_get_data_and_imports_a_release_from_the_browser(
    browser: Any, empty_server: AppServer
) -> None:
    session = start(browser, empty_server, PHONE)
    page = session.page
    wait_for_words(page, "هنوز داده‌ای روی این دستگاه نیست")
    assert "python main.py import-gem PATH" in semantics_text(page)
    shot(session, "30_empty_fa_phone")

    resize(page, DESKTOP)
    page.get_by_role("button", name="English").click()
    wait_for_words(page, "No data on this device yet")
    shot(session, "31_empty_en_desktop")

    # A browser has no file paths: the picked files are uploaded to the server, then imported. Uploaded
    # files lose the folder name that says their release, so the member gives it.
    type_into(page, page.get_by_role("textbox", name=re.compile("Release")), "September 2025 (V1)", delay=20)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Choose and upload files").click()
    chooser.value.set_files(sorted(str(p) for p in SHARED_STEEL.glob("iran_*.csv")))
    wait_for_words(page, "Imported 47 plants and 0 mines.")  # the notice; home now shows the atlas
    page.get_by_text("Iran's steel chain atlas").wait_for()
    assert re.search(r"43\.9\s+Mt/y", semantics_text(page))  # operating crude steel, imported from the browser
    shot(session, "32_imported_from_browser_home_en_desktop")
    go_to(page, "Settings")
    wait_for_words(page, "Import a GEM release")
    scroll(page, 2000)  # the report is at the bottom of the settings
    wait_for_words(page, "Read 47 plants and 0 mines.")  # the import report
    shot(session, "33_import_report_en_desktop")
    use_language(page, "fa")
    assert_offline(session)
