"""The balance, the map and the charts in headless Chromium, offline: a click on Isfahan on the drawn map
filters the atlas list and the balance; the investor's "where is pellet short if construction finishes?".

Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from models.balance import Scenario, Stage, balance_by_province, chain_balance
from models.geo import ProvinceShapes
from sync.geometry import load_province_shapes
from tests.e2e.helpers import DESKTOP, PHONE, clear_points, go_to, map_box, shot, start, use_language, use_theme
from tests.support.flet_pw import (
    AppServer,
    assert_offline,
    scroll,
    scroll_to,
    scroll_to_words,
    semantics_text,
    wait_for_words,
)
from views.map.geometry import MapLayout, markers_for
from views.shell import i18n, units
from views.shell.units import Scale

pytestmark = pytest.mark.browser


def figure(value_kt: float, lang: i18n.Lang) -> str:
    """A bar's figure: bare, in the balance's one unit (Mt/y with a decimal); the stage's sentence says it."""
    return units.figure(value_kt, Scale.MT, lang)


def amount(value_kt: float, lang: i18n.Lang) -> str:
    """A figure in a sentence: with its unit."""
    return units.amount(value_kt, Scale.MT, lang)


def free_point(shapes: ProvinceShapes, layout: MapLayout, atlas: list[Any], code: str) -> tuple[float, float]:
    """A pixel of the drawn province clear of every marker: where a member taps the province itself."""
    markers, _ = markers_for(atlas, shapes, layout)
    point = next(clear_points(shapes, layout, markers, code, grid=30, margin=6), None)
    if point is None:
        raise AssertionError(f"no free point in {code}")
    return point


def open_map(page: Any, map_label: str) -> dict[str, float]:
    page.get_by_role("button", name=map_label, exact=True).first.click()
    return map_box(page)


def test_clicking_isfahan_on_the_persian_phone_map_filters_the_list_and_the_balance(
    browser: Any, server: AppServer, atlas: list[Any]
) -> None:
    session = start(browser, server, PHONE, "fa", dark=False)
    page = session.page
    go_to(page, "اطلس")
    box = open_map(page, "نقشه")
    shot(session, "40_map_fa_phone")

    shapes = load_province_shapes()
    layout = MapLayout.fit(shapes, box["width"], box["height"])  # the canvas is drawn at exactly this size
    x, y = free_point(shapes, layout, atlas, "IR-10")
    page.mouse.click(box["x"] + x, box["y"] + y)
    isfahan = [a for a in atlas if a.place.province == "IR-10"]
    count = i18n.number(len(isfahan), "fa")
    wait_for_words(page, f"اصفهان: {count} مورد")
    shot(session, "41_map_isfahan_chosen_fa_phone")

    page.get_by_role("button", name="دیدن فهرست").click()
    page.get_by_text(f"{count} مورد").first.wait_for()
    for asset in isfahan:  # every Isfahan plant and mine, and nothing else (the count above)
        wait_for_words(page, asset.name_fa or asset.name_en)
    shot(session, "42_list_isfahan_fa_phone")

    go_to(page, "توازن زنجیره")
    wait_for_words(page, "اصفهان · ظرفیت‌های در حال بهره‌برداری")
    pellet = chain_balance(atlas, province="IR-10").stages[Stage.PELLET]
    scroll_to_words(page, "گندله:", dy=200)  # the stage cards start under the scenario, province and assumptions
    wait_for_words(page, figure(pellet.supply_ktpa or 0, "fa"))
    shot(session, "43_balance_isfahan_fa_phone")
    assert_offline(session)


def test_balance_charts_and_map_in_persian_on_a_dark_phone(browser: Any, server: AppServer) -> None:
    session = start(browser, server, PHONE, "fa", dark=True)
    page = session.page
    go_to(page, "توازن زنجیره")
    scroll_to_words(page, "گندله: ۱۲٫۰ میلیون تن در سال کمبود برای آهن اسفنجی فعال", dy=200)
    lines = semantics_text(page)
    assert "بدون داده" in lines
    shot(session, "44_balance_fa_phone_dark")
    scroll(page, 900, x=0.5)
    wait_for_words(page, "آهن اسفنجی")
    shot(session, "45_balance_fa_phone_dark_scrolled")
    pellet_provinces = page.get_by_role("button", name="گندله به تفکیک استان")
    scroll(page, -6000, x=0.5)  # from the top down to it: a stage scrolled far above leaves the semantics tree
    scroll_to(page, pellet_provinces)
    pellet_provinces.first.click()
    close = page.get_by_role("button", name="بستن استان‌های گندله")
    close.first.wait_for(state="attached")  # the panel opened under the card (the toggle is now named 'close')
    scroll_to_words(page, "کمبودها اول")
    wait_for_words(page, "نقشهٔ گندله به تفکیک استان")
    shot(session, "45a_balance_pellet_provinces_map_fa_phone_dark")
    scroll_to(page, close, dy=-300)  # it heads the panel, which may sit just above the screen by now
    close.first.click()
    scroll_to_words(page, "واحدهای فرضی")
    shot(session, "45b_balance_what_if_fa_phone_dark")
    scroll_to_words(page, "ضریب‌های تبدیل")
    shot(session, "45c_balance_ratios_fa_phone_dark")
    scroll(page, -6000, x=0.5)
    page.get_by_role("button", name="نمودارها").first.click()
    wait_for_words(page, "ظرفیت به تفکیک استان و فرایند")
    shot(session, "46_charts_fa_phone_dark")
    go_to(page, "اطلس")
    open_map(page, "نقشه")
    shot(session, "47_map_fa_phone_dark")
    go_to(page, "خانه")
    scroll_to_words(page, "بیشترین کمبود")
    wait_for_words(page, "سنگ آهن استخراجی: ۴۵٫۵ میلیون تن در سال کمبود")
    shot(session, "48_home_balance_card_fa_phone_dark")
    use_theme(page, dark=False)
    assert_offline(session)


def test_investor_asks_where_pellet_is_short_if_construction_finishes_in_english_on_desktop(
    browser: Any, server: AppServer, atlas: list[Any]
) -> None:
    session = start(browser, server, DESKTOP, "en", dark=False)
    page = session.page
    go_to(page, "Balance")
    wait_for_words(page, "Pellet: 12.0 Mt/y short for operating DRI")
    shot(session, "50_balance_en_desktop")

    page.get_by_role("button", name="+ Construction").first.click()
    pellet = chain_balance(atlas, Scenario.CONSTRUCTION).stages[Stage.PELLET]
    short = amount(-(pellet.balance_ktpa or 0), "en")
    wait_for_words(page, f"Pellet: {short} short for DRI operating or under construction")
    pellet_provinces = page.get_by_role("button", name="Pellet by province")
    scroll_to(page, pellet_provinces)
    pellet_provinces.first.click()
    wait_for_words(page, "Shortfalls first; tap a province to see its balance.")
    by_province = balance_by_province(atlas, Scenario.CONSTRUCTION)
    gaps = {code: c.stages[Stage.PELLET].balance_ktpa for code, c in by_province.items()}
    shortest = min((code for code, gap in gaps.items() if gap is not None), key=lambda code: gaps[code] or 0)
    name = next(p.name_en for p in load_province_shapes() if p.code == shortest)
    row = page.get_by_role("button", name=re.compile(f"^{name}"))
    scroll_to(page, row)
    page.wait_for_timeout(300)
    shot(session, "51_balance_construction_pellet_provinces_en_desktop")
    row.first.click()
    scroll(page, -3000, x=0.5)
    wait_for_words(page, f"{name} · Operating capacity plus what is under construction")
    shot(session, "52_balance_construction_province_en_desktop")

    page.get_by_role("button", name="Charts").first.click()
    wait_for_words(page, "Capacity by province and process")
    shot(session, "53_charts_en_desktop")
    use_theme(page, dark=True)
    shot(session, "54_charts_en_desktop_dark")
    use_theme(page, dark=False)

    go_to(page, "Atlas")
    open_map(page, "Map")
    shot(session, "55_map_province_chosen_en_desktop")
    page.get_by_role("button", name="Whole country").first.click()  # the map's one reset
    wait_for_words(page, "59 found")
    shot(session, "56_map_en_desktop")

    go_to(page, "Balance")  # the scenario is a device setting: leave the server as a new member finds it
    page.get_by_role("button", name="Operating").first.click()
    wait_for_words(page, "Pellet: 12.0 Mt/y short for operating DRI")
    use_language(page, "fa")
    assert_offline(session)
