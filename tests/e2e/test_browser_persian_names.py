"""A member finds a mine by the Persian name people use, reads its town in Persian, picks an owner GEM misspells.

Runs the real app in headless Chromium, offline, on the first-run import of ../shared/data; screenshots go to
artifacts/screenshots/ (look at them).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.helpers import go_to, search, shot, start
from tests.support.flet_pw import (
    AppServer,
    assert_offline,
    scroll,
    scroll_to_words,
    semantics_text,
    type_into,
    wait_for_words,
)

pytestmark = pytest.mark.browser

SMALL_PHONE = (360, 740)
DESKTOP = (1280, 860)


def test_member_finds_a_mine_by_its_persian_name_and_reads_its_town_in_persian(browser: Any, server: AppServer) -> None:
    session = start(browser, server, SMALL_PHONE, "fa", dark=False)
    page = session.page
    go_to(page, "اطلس")
    page.get_by_text("۵۹ مورد").wait_for()

    search(page, "معدن سنگ آهن")
    page.get_by_text("۱۲ مورد").wait_for()  # every iron-ore mine, and nothing else
    shot(session, "70_search_iron_ore_fa_360")
    search(page, "گل گهر")
    page.get_by_role("button", name=re.compile("معدن سنگ آهن گل‌گهر")).first.click()
    wait_for_words(page, "سیرجان، کرمان")  # not "Sirjan، کرمان"
    shot(session, "71_mine_gol_gohar_fa_360")
    scroll_to_words(page, "مکان", dy=250)
    scroll(page, 450)  # past the small map, to the place's facts
    wait_for_words(page, "سیرجان (")
    shot(session, "72_mine_gol_gohar_place_fa_360")
    assert_offline(session)


def test_owner_picker_finds_chadormalu_by_its_persian_name_as_one_owner(browser: Any, server: AppServer) -> None:
    session = start(browser, server, SMALL_PHONE, "fa", dark=True)
    page = session.page
    go_to(page, "اطلس")
    page.get_by_role("button", name="فیلترها").click()
    page.get_by_role("button", name="مالک…").click()
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    type_into(page, dialog.get_by_role("textbox"), "چادرملو", delay=70)
    chadormalu = page.get_by_role("checkbox", name=re.compile("^شرکت معدنی و صنعتی چادرملو \\(۵\\)"))
    chadormalu.wait_for()
    page.wait_for_function("() => document.querySelectorAll('[role=alertdialog] [role=checkbox]').length == 1")
    assert dialog.get_by_role("checkbox").count() == 1  # one owner, not three spellings
    shot(session, "73_owner_picker_chadormalu_fa_360_dark")
    page.get_by_role("button", name="تمام").click()


def test_mine_screen_in_english_on_a_desktop_gives_the_persian_names_beside(browser: Any, server: AppServer) -> None:
    session = start(browser, server, DESKTOP, "en", dark=False)
    page = session.page
    go_to(page, "Atlas")
    page.get_by_role("checkbox", name="Mines").click()
    page.get_by_text("12 found").wait_for()
    page.get_by_role("button", name=re.compile("Chadormalu Mine")).first.click()
    wait_for_words(page, "Ardakan (اردکان)")
    screen = semantics_text(page)
    assert "معدن سنگ آهن چادرملو" in screen and "شرکت معدنی و صنعتی چادرملو" in screen
    shot(session, "74_mine_chadormalu_en_1280")
