"""Exports, the site map and map zoom in headless Chromium, offline: an analyst downloads the filtered table as an
Excel workbook, a member sees a plant on its small map, and a zoomed map still taps the right province.

Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from models.atlas_query import AtlasFilter, AtlasIndex
from models.enums import Process
from sync.geometry import load_province_shapes
from tests.e2e.helpers import (
    DESKTOP,
    PHONE,
    clear_points,
    go_to,
    map_box,
    search,
    shot,
    start,
    use_language,
    use_theme,
)
from tests.support.flet_pw import AppServer, assert_offline, scroll_to_words, wait_for_words
from views.map.geometry import MapLayout, marker_at, markers_for
from views.shell import i18n, labels

pytestmark = pytest.mark.browser

MOBARAKEH_STEEL = "P100000120584"
CHAHARMAHAL, YAZD = "IR-14", "IR-21"  # Chaharmahal and Bakhtiari, next to Isfahan; Yazd
#: One mouse-wheel notch of -200 px: Flutter's InteractiveViewer scales by exp(200 / scale_factor 200) = e.
WHEEL_DY = -200
WHEEL_SCALE = math.e


def shown_order(assets: list[Any], lang: i18n.Lang) -> list[str]:
    """The list's order with no search and no sort chosen: alphabetical in the member's language."""
    return [a.id for a in sorted(assets, key=lambda a: labels.sort_key(labels.display_name(a, lang)))]


def download(page: Any, click: Any, folder: Path) -> tuple[str, list[tuple[Any, ...]]]:
    """Click, catch the browser's download, and read the workbook's first sheet."""
    with page.expect_download() as info:
        click()
    name = info.value.suggested_filename
    path = folder / name
    info.value.save_as(path)
    return name, list(load_workbook(path).worksheets[0].iter_rows(values_only=True))


def test_analyst_exports_the_dri_plants_to_excel_in_english_and_a_member_in_persian(
    browser: Any, server: AppServer, atlas: list[Any], tmp_path: Path
) -> None:
    dri = AtlasIndex.build(atlas).search(AtlasFilter(processes=frozenset({Process.DRI})))
    session = start(browser, server, DESKTOP, "en")
    page = session.page
    go_to(page, "Atlas")
    page.get_by_text("59 found").wait_for()
    page.get_by_role("checkbox", name="DRI", exact=True).click()
    page.get_by_text(f"{len(dri)} found").wait_for()
    name, rows = download(page, page.get_by_role("button", name="Export to Excel").click, tmp_path)
    assert re.fullmatch(r"zanjireh-atlas-\d{4}-\d{2}-\d{2}\.xlsx", name) and name.startswith("zanjireh-atlas-20")
    header, body = rows[0], rows[1:]
    assert header[:3] == ("GEM ID", "Persian name", "English name") and "DRI — Operating (kt/y)" in header
    assert [row[0] for row in body] == shown_order(dri, "en")  # exactly the filtered rows, in the list's order
    wait_for_words(page, f"Downloaded {len(dri)} rows as")
    shot(session, "60_export_dri_en_desktop")
    page.get_by_role("button", name="Close").click()
    page.get_by_role("checkbox", name="DRI", exact=True).click()  # leave the shared server's filter as found

    phone = start(browser, server, PHONE, "fa")
    page = phone.page
    go_to(page, "اطلس")
    page.get_by_role("button", name="فیلترها").click()  # the filters' sheet
    page.get_by_role("checkbox", name="آهن اسفنجی (DRI)").click()
    count = i18n.number(len(dri), "fa")
    page.get_by_role("button", name=f"نمایش {count} نتیجه").click()  # back to the list
    page.get_by_text(f"{count} مورد").wait_for()
    page.get_by_role("button", name="کارهای بیشتر").click()
    item = page.get_by_role("menuitem", name="خروجی اکسل")
    item.wait_for()
    shot(phone, "61_export_menu_fa_phone")
    name, rows = download(page, item.click, tmp_path)
    assert re.fullmatch(r"zanjireh-atlas-14\d{2}-\d{2}-\d{2}\.xlsx", name)  # the Jalali date, ASCII digits
    header, body = rows[0], rows[1:]
    assert header[:3] == ("شناسهٔ GEM", "نام فارسی", "نام انگلیسی") and "استان" in header
    assert [row[0] for row in body] == shown_order(dri, "fa")
    wait_for_words(page, f"{count} ردیف در فایل")
    shot(phone, "62_export_done_fa_phone")
    page.get_by_role("button", name="فیلترها (۱)").click()
    page.get_by_role("checkbox", name="آهن اسفنجی (DRI)").click()  # leave the shared server's filter as found
    page.get_by_role("button", name="نمایش ۵۹ نتیجه").click()
    assert_offline(session)
    assert_offline(phone)


def test_plant_screen_on_a_persian_phone_shows_its_site_and_opens_the_map_there(
    browser: Any, server: AppServer, atlas: list[Any]
) -> None:
    session = start(browser, server, PHONE, "fa")
    page = session.page
    go_to(page, "اطلس")
    search(page, "مبارکه")
    page.get_by_role("button", name=re.compile("فولاد مبارکه اصفهان")).first.click()
    page.get_by_text("ظرفیت‌ها").first.wait_for()
    scroll_to_words(page, "مکان", dy=250)
    scroll_to_words(page, "نقشهٔ کوچک", dy=150)
    shot(session, "63_plant_site_map_fa_phone")
    site_map = page.get_by_role("button", name=re.compile("^نقشهٔ کوچک: فولاد مبارکه اصفهان در استان اصفهان"))
    site_map.first.click()
    isfahan = [a for a in atlas if a.place.province == "IR-10"]
    wait_for_words(page, f"اصفهان: {i18n.number(len(isfahan), 'fa')} مورد")
    shot(session, "64_site_map_opened_atlas_map_fa_phone")
    page.get_by_role("button", name="کل ایران").first.click()  # the map's one reset
    assert_offline(session)

    desktop = start(browser, server, DESKTOP, "en")
    page = desktop.page
    use_theme(page, dark=True)  # the ring around the marker is in the text colour: it must show on dark too
    go_to(page, "Atlas")
    page.get_by_role("checkbox", name="Mines").click()
    page.get_by_text("12 found").wait_for()
    page.get_by_role("button", name=re.compile("Chadormalu")).first.click()
    wait_for_words(page, "Reserves")
    scroll_to_words(page, "Small map: Chadormalu Mine in Yazd", dy=250)
    shot(desktop, "63a_mine_site_map_en_desktop_dark")
    use_theme(page, dark=False)
    go_to(page, "Atlas")
    page.get_by_role("checkbox", name="All").click()
    use_language(page, "fa")  # leave the shared server as a new member finds it
    assert_offline(desktop)


def free_point(shapes: Any, layout: MapLayout, markers: list[Any], code: str, near: tuple[float, float]) -> Any:
    """The pixel of province ``code`` nearest to ``near`` that is clear of every marker."""
    points = list(clear_points(shapes, layout, markers, code, grid=40, margin=3))
    assert points, f"no free point in {code}"
    return min(points, key=lambda point: math.hypot(point[0] - near[0], point[1] - near[1]))


def test_a_zoomed_map_still_taps_the_province_and_the_plant_under_the_pointer(
    browser: Any, server: AppServer, atlas: list[Any]
) -> None:
    session = start(browser, server, DESKTOP, "en")
    page = session.page
    go_to(page, "Atlas")
    page.get_by_role("button", name="Map", exact=True).first.click()
    box = map_box(page)
    shapes = load_province_shapes()
    layout = MapLayout.fit(shapes, box["width"], box["height"])
    markers, _ = markers_for(atlas, shapes, layout)

    # zoom in around Isfahan with the wheel: the point under the pointer stays, the rest spreads by e
    focus = layout.to_widget(*shapes["IR-10"].label)
    page.mouse.move(box["x"] + focus[0], box["y"] + focus[1])
    page.mouse.wheel(0, WHEEL_DY)
    page.wait_for_timeout(600)

    def on_screen(canvas_point: tuple[float, float]) -> tuple[float, float]:
        return tuple(f + WHEEL_SCALE * (c - f) for c, f in zip(canvas_point, focus, strict=True))  # type: ignore[return-value]

    # Chaharmahal and Bakhtiari, next to Isfahan: at this zoom its pixel on screen is Isfahan's or Lorestan's
    # on the unzoomed map, so a tap that ignored the zoom would pick another province
    target = free_point(shapes, layout, markers, CHAHARMAHAL, near=focus)
    screen = on_screen(target)
    assert shapes.province_at(*layout.to_frame(*screen)) != CHAHARMAHAL
    assert 0 < screen[0] < box["width"] and 0 < screen[1] < box["height"]
    shot(session, "65_map_zoomed_en_desktop")
    page.mouse.click(box["x"] + screen[0], box["y"] + screen[1])
    in_province = [a for a in atlas if a.place.province == CHAHARMAHAL]
    wait_for_words(page, f"{labels.province_name(CHAHARMAHAL, 'en')}: {len(in_province)} found")
    shot(session, "66_map_zoomed_province_chosen_en_desktop")

    # the redraws (the province shaded, then every marker back) kept the zoom: a marker tapped at its zoomed
    # place opens its plant (the chosen province tapped again: the whole country, at the same zoom)
    page.mouse.click(box["x"] + screen[0], box["y"] + screen[1])
    wait_for_words(page, "59 found")
    page.wait_for_timeout(500)
    plant = next(m for m in markers if m.asset_id == MOBARAKEH_STEEL)
    hit = marker_at(markers, plant.x, plant.y)  # a neighbour drawn over it would win the tap, as on screen
    assert hit is not None
    x, y = on_screen((plant.x, plant.y))
    page.mouse.click(box["x"] + x, box["y"] + y)
    opened = next(a for a in atlas if a.id == hit.asset_id)
    wait_for_words(page, opened.name_en)
    assert page.url.endswith(f"/plant/{opened.id}")

    # back on the map, zoomed again: "Whole country" undoes it, and a tap lands where the unzoomed map says
    go_to(page, "Atlas")
    page.get_by_role("button", name="Map", exact=True).first.click()
    box = map_box(page)
    page.mouse.move(box["x"] + focus[0], box["y"] + focus[1])
    page.mouse.wheel(0, WHEEL_DY)
    page.wait_for_timeout(600)
    page.get_by_role("button", name="Whole country").first.click()
    page.wait_for_timeout(600)
    yazd = free_point(shapes, layout, markers, YAZD, near=focus)
    page.mouse.click(box["x"] + yazd[0], box["y"] + yazd[1])
    wait_for_words(page, f"Yazd: {sum(1 for a in atlas if a.place.province == YAZD)} found")
    shot(session, "67_map_whole_country_again_en_desktop")
    page.get_by_role("button", name="Whole country").first.click()
    use_language(page, "fa")  # leave the shared server as a new member finds it
    assert_offline(session)
