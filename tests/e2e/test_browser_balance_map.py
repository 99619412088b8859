"""The balance, the map and the charts in headless Chromium, offline: a click on Isfahan on the drawn map
filters the atlas list and the balance; the investor's "where is pellet short if construction finishes?".

Screenshots go to artifacts/screenshots/ (git-ignored): look at them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.balance import Scenario, Stage, balance_by_province, chain_balance
from models.geo import ProvinceShapes
from sync.atlas_import import import_gem_into_store
from sync.geometry import load_province_shapes
from sync.store import LocalStore
from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    AppServer,
    BrowserSession,
    missing_browser_reason,
    open_app,
    semantics_text,
    serve_app,
    settle_and_shot,
)
from views import i18n
from views.parts.map_geometry import TAP_SLACK, MapLayout, markers_for

_reason = missing_browser_reason()
if _reason:
    pytest.skip(_reason, allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHOTS = ROOT / "artifacts" / "screenshots"
PHONE = (412, 860)
DESKTOP = (1366, 860)
#: flet-web's Rive runtime asks a CDN for its wasm at start-up, used or not; the app has no Rive animation.
UNUSED_BY_THE_APP = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[\d.]+/")
TIMEOUT = 20_000
MAP_NAME = re.compile("^(نقشهٔ ایران|Map of Iran)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not SHARED.is_dir():
        pytest.skip(f"reference data not found at {SHARED}")
    folder = tmp_path_factory.mktemp("balance")
    with serve_app(ROOT, folder / "data", folder / "app.log") as app:
        yield app


@pytest.fixture(scope="module")
def atlas() -> list[Any]:
    """The same release the app imported, read here to compute what the screens must show."""
    store = LocalStore.in_memory()
    import_gem_into_store(store, SHARED)
    return [*store.plants.all(), *store.mines.all()]


OPEN: list[BrowserSession] = []


@pytest.fixture(autouse=True)
def evidence_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    report = getattr(request.node, "report_call", None)
    for index, session in enumerate(OPEN):
        if report is not None and report.failed and session.page is not None and not session.page.is_closed():
            stem = SHOTS / "failed" / f"{request.node.name}-{index}"
            settle_and_shot(session.page, stem.with_suffix(".png"), ms=200)
            stem.with_suffix(".txt").write_text(semantics_text(session.page), encoding="utf-8")
        session.context.close()
    OPEN.clear()


def start(browser: Any, server: AppServer, size: tuple[int, int], lang: str, dark: bool = False) -> BrowserSession:
    session = open_app(browser, server.url, *size)
    session.page.set_default_timeout(TIMEOUT)
    OPEN.append(session)
    use_language(session.page, lang)
    use_theme(session.page, dark)
    return session


def shot(session: BrowserSession, name: str) -> Path:
    session.page.mouse.move(1, 1)  # no hover tooltip over what is being looked at
    return settle_and_shot(session.page, SHOTS / f"{name}.png")


def use_language(page: Any, lang: str) -> None:
    page.get_by_role("button", name=re.compile("^(English|فارسی)$")).first.wait_for()
    to_lang, to_other = ("فارسی", "English") if lang == "fa" else ("English", "فارسی")
    if page.get_by_role("button", name=to_lang).count():
        page.get_by_role("button", name=to_lang).first.click()
    page.get_by_role("button", name=to_other).first.wait_for()


def use_theme(page: Any, dark: bool) -> None:
    to_dark, to_light = re.compile("Dark theme|پوستهٔ تیره"), re.compile("Light theme|پوستهٔ روشن")
    toggle = page.get_by_role("button", name=to_dark if dark else to_light)
    if toggle.count():
        toggle.first.click()
    page.get_by_role("button", name=to_light if dark else to_dark).first.wait_for()


def go_to(page: Any, label: str) -> None:
    tab = page.get_by_role("tab", name=label)
    if tab.count():
        tab.first.click()
    else:
        page.get_by_role("button", name=re.compile(f"^{label}")).first.click()


def wait_for_words(page: Any, words: str) -> None:
    page.wait_for_function(
        """(words) => [...document.querySelectorAll('flt-semantics, flt-semantics span, flt-semantics input')]
             .some(e => (e.getAttribute('aria-label') || '').includes(words)
                        || (e.childElementCount == 0 && e.textContent.includes(words)))""",
        arg=words,
        timeout=TIMEOUT,
    )


def scroll(page: Any, dy: int) -> None:
    size = page.viewport_size
    page.mouse.move(size["width"] * 0.5, size["height"] * 0.6)
    page.mouse.wheel(0, dy)


def scroll_to(page: Any, locator: Any, dy: int = 300, tries: int = 15) -> None:
    """Scroll until ``locator`` is in the viewport: Flutter leaves what is far off screen out of the
    semantics tree, and keeps what is just off it."""
    height = page.viewport_size["height"]
    for _ in range(tries):
        if locator.count():
            box = locator.first.bounding_box()
            if box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height * 0.9:
                return
        scroll(page, dy)
        page.wait_for_timeout(300)
    locator.first.wait_for()


def scroll_to_words(page: Any, words: str, dy: int = 300, tries: int = 30) -> None:
    """Scroll until ``words`` (a text, or part of a group's label) are in the upper part of the viewport."""
    for _ in range(tries):
        top = page.evaluate(
            """(words) => { const found = [...document.querySelectorAll('flt-semantics, flt-semantics span')]
                 .filter(e => (e.getAttribute('aria-label') || '').includes(words)
                              || (e.childElementCount == 0 && e.textContent.includes(words)));
               return found.length ? found[0].getBoundingClientRect().top : null; }""",
            words,
        )
        if top is not None and 0 <= top <= page.viewport_size["height"] * 0.6:
            return
        scroll(page, dy if top is None or top > 0 else -dy)
        page.wait_for_timeout(300)
    raise AssertionError(f"could not scroll {words!r} into view")


def assert_offline(session: BrowserSession) -> None:
    needed = [url for url in session.blocked if not UNUSED_BY_THE_APP.match(url)]
    assert needed == [], f"the app asked the internet for {needed}"
    assert session.page_errors == []


def figure(value_kt: float, lang: i18n.Lang) -> str:
    return i18n.ktpa(value_kt if abs(value_kt) >= 10_000 else float(round(value_kt)), lang)


def free_point(shapes: ProvinceShapes, layout: MapLayout, atlas: list[Any], code: str) -> tuple[float, float]:
    """A pixel of the drawn province clear of every marker: where a member taps the province itself."""
    markers, _ = markers_for(atlas, shapes, layout)
    x0, y0, x1, y1 = shapes[code].bbox
    for i in range(1, 30):
        for j in range(1, 30):
            fx, fy = x0 + (x1 - x0) * i / 30, y0 + (y1 - y0) * j / 30
            px, py = layout.to_widget(fx, fy)
            clear = all((px - m.x) ** 2 + (py - m.y) ** 2 > (m.radius + TAP_SLACK + 6) ** 2 for m in markers)
            if clear and shapes.province_at(fx, fy) == code:
                return px, py
    raise AssertionError(f"no free point in {code}")


def map_box(page: Any) -> dict[str, float]:
    """Where the drawn map is on the page: the box of the semantics node its label makes."""
    label = page.get_by_text(MAP_NAME).first
    label.wait_for(state="attached")
    page.wait_for_timeout(500)  # the canvas is drawn a frame after the semantics tree
    return label.evaluate(
        "e => { const r = e.parentElement.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )


def open_map(page: Any, map_label: str) -> dict[str, float]:
    page.get_by_role("button", name=map_label, exact=True).first.click()
    return map_box(page)


def test_clicking_isfahan_on_the_persian_phone_map_filters_the_list_and_the_balance(
    browser: Any, server: AppServer, atlas: list[Any]
) -> None:
    session = start(browser, server, PHONE, "fa")
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
    wait_for_words(page, figure(pellet.supply_ktpa or 0, "fa"))
    shot(session, "43_balance_isfahan_fa_phone")
    assert_offline(session)


def test_balance_charts_and_map_in_persian_on_a_dark_phone(browser: Any, server: AppServer) -> None:
    session = start(browser, server, PHONE, "fa", dark=True)
    page = session.page
    go_to(page, "توازن زنجیره")
    wait_for_words(page, "گندله: ۱۲٫۰ میلیون تن در سال کمبود برای آهن اسفنجی فعال")
    lines = semantics_text(page)
    assert "بدون داده" in lines
    shot(session, "44_balance_fa_phone_dark")
    scroll(page, 900)
    wait_for_words(page, "آهن اسفنجی")
    shot(session, "45_balance_fa_phone_dark_scrolled")
    pellet_provinces = page.get_by_role("button", name="گندله به تفکیک استان")
    scroll_to(page, pellet_provinces)
    pellet_provinces.first.click()
    scroll_to_words(page, "کمبودها اول")
    wait_for_words(page, "نقشهٔ گندله به تفکیک استان")
    shot(session, "45a_balance_pellet_provinces_map_fa_phone_dark")
    page.get_by_role("button", name="بستن استان‌های گندله").first.click()
    scroll_to_words(page, "واحدهای فرضی")
    shot(session, "45b_balance_what_if_fa_phone_dark")
    scroll_to_words(page, "ضریب‌های تبدیل")
    shot(session, "45c_balance_ratios_fa_phone_dark")
    scroll(page, -6000)
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
    session = start(browser, server, DESKTOP, "en")
    page = session.page
    go_to(page, "Balance")
    wait_for_words(page, "Pellet: 12.0 Mt/y short for operating DRI")
    shot(session, "50_balance_en_desktop")

    page.get_by_role("button", name="+ Construction").first.click()
    pellet = chain_balance(atlas, Scenario.CONSTRUCTION).stages[Stage.PELLET]
    short = figure(-(pellet.balance_ktpa or 0), "en")
    wait_for_words(page, f"Pellet: {short} short for DRI operating or under construction")
    pellet_provinces = page.get_by_role("button", name="Pellet by province")
    scroll_to(page, pellet_provinces)
    pellet_provinces.first.click()
    wait_for_words(page, "Shortest first; tap a province to see its balance.")
    by_province = balance_by_province(atlas, Scenario.CONSTRUCTION)
    gaps = {code: c.stages[Stage.PELLET].balance_ktpa for code, c in by_province.items()}
    shortest = min((code for code, gap in gaps.items() if gap is not None), key=lambda code: gaps[code] or 0)
    name = next(p.name_en for p in load_province_shapes() if p.code == shortest)
    row = page.get_by_role("button", name=re.compile(f"^{name}"))
    scroll_to(page, row)
    page.wait_for_timeout(300)
    shot(session, "51_balance_construction_pellet_provinces_en_desktop")
    row.first.click()
    scroll(page, -3000)
    wait_for_words(page, f"{name} · operating capacity plus what is under construction")
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
    page.get_by_role("button", name="All provinces").first.click()
    wait_for_words(page, "59 found")
    shot(session, "56_map_en_desktop")

    go_to(page, "Balance")  # the scenario is a device setting: leave the server as a new member finds it
    page.get_by_role("button", name="Operating").first.click()
    wait_for_words(page, "Pellet: 12.0 Mt/y short for operating DRI")
    use_language(page, "fa")
    assert_offline(session)
