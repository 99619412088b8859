"""What the browser tests share about this app: where things are, screen sizes, and a member's moves
(the language and theme switches, the navigation, the atlas search, the drawn map).

The Flutter-web mechanics that are not about this app (semantics, scrolling, typing) are in
tests/support/flet_pw.py; the fixtures (browser, app servers, the atlas) are in conftest.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.support.flet_pw import TIMEOUT, AppServer, BrowserSession, open_app, scroll_to, settle_and_shot, type_into
from views.map.geometry import TAP_SLACK, MapLayout
from views.shell.theme import PHONE_MAX_WIDTH

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHOTS = ROOT / "artifacts" / "screenshots"
PHONE = (412, 860)
DESKTOP = (1366, 860)
MAP_NAME = re.compile("^(نقشهٔ ایران|Map of Iran)")

#: The sessions the running test opened: conftest's ``evidence_on_failure`` screenshots them if it fails,
#: then closes them.
OPEN_SESSIONS: list[BrowserSession] = []


def start(
    browser: Any, server: AppServer, size: tuple[int, int], lang: str | None = None, dark: bool | None = None
) -> BrowserSession:
    """A fresh browser context on the app, at ``size``; in ``lang`` and the ``dark`` or light theme when given."""
    session = open_app(browser, server.url, *size)
    session.page.set_default_timeout(TIMEOUT)
    OPEN_SESSIONS.append(session)
    if lang is not None:
        use_language(session.page, lang)
    if dark is not None:
        use_theme(session.page, dark)
    return session


def shot(session: BrowserSession, name: str) -> Path:
    session.page.mouse.move(1, 1)  # no hover tooltip or highlight over what is being looked at
    return settle_and_shot(session.page, SHOTS / f"{name}.png")


def resize(page: Any, size: tuple[int, int]) -> None:
    """Turn the phone into a desktop window or back, and wait for the app to redraw in that layout: a tap
    made before the server's redraw lands on a control the redraw then replaces, and is lost."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    tabs = page.get_by_role("tablist")  # the phone's bottom navigation; the desktop has a rail of buttons
    if size[0] < PHONE_MAX_WIDTH:
        tabs.first.wait_for()
    else:
        tabs.first.wait_for(state="detached")


def use_language(page: Any, lang: str) -> None:
    """The language is remembered across sessions: switch to ``lang`` if the app is in the other one."""
    page.get_by_role("button", name=re.compile("^(English|فارسی)$")).first.wait_for()
    # the switch is labelled with the language it switches to, in that language
    to_lang, to_other = ("فارسی", "English") if lang == "fa" else ("English", "فارسی")
    if page.get_by_role("button", name=to_lang).count():
        page.get_by_role("button", name=to_lang).first.click()
    page.get_by_role("button", name=to_other).first.wait_for()


def use_theme(page: Any, dark: bool) -> None:
    """The header's theme button is named after the theme it switches to."""
    to_dark, to_light = re.compile("Dark theme|پوستهٔ تیره"), re.compile("Light theme|پوستهٔ روشن")
    toggle = page.get_by_role("button", name=to_dark if dark else to_light)
    if toggle.count():
        toggle.first.click()
    page.get_by_role("button", name=to_light if dark else to_dark).first.wait_for()


def go_to(page: Any, label: str) -> None:
    """A navigation destination: a tab of the bottom bar on phones, a rail button on desktop, or a link on the
    screen, scrolled to as a member would (About sits at the foot of Settings, under an administrator's import
    panel, since the suppliers took its place in the bar; Flutter leaves a link that far down out of the tree)."""
    tab = page.get_by_role("tab", name=label)
    if tab.count():
        tab.first.click()
        return
    button = page.get_by_role("button", name=re.compile(f"^{label}"))
    if not button.count():
        scroll_to(page, button, tries=30)
    button.first.click()


def search(page: Any, text: str) -> None:
    """Type into the first text box: the atlas search, or the search of the dialog on top."""
    type_into(page, page.get_by_role("textbox").first, text, delay=70)


def map_box(page: Any) -> dict[str, float]:
    """Where the drawn map is on the page: the box of the semantics node its label makes."""
    label = page.get_by_text(MAP_NAME).first
    label.wait_for(state="attached")
    page.wait_for_timeout(500)  # the canvas is drawn a frame after the semantics tree
    return label.evaluate(
        "e => { const r = e.parentElement.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )


def clear_points(
    shapes: Any, layout: MapLayout, markers: list[Any], code: str, grid: int, margin: float
) -> Iterator[tuple[float, float]]:
    """Pixels of the drawn province ``code`` where a tap hits the province itself, not a marker: the points of a
    ``grid`` x ``grid`` lattice over its box that lie in it and are ``margin`` px beyond every marker's tap slack,
    column by column."""
    x0, y0, x1, y1 = shapes[code].bbox
    for i in range(1, grid):
        for j in range(1, grid):
            fx, fy = x0 + (x1 - x0) * i / grid, y0 + (y1 - y0) * j / grid
            px, py = layout.to_widget(fx, fy)
            clear = all((px - m.x) ** 2 + (py - m.y) ** 2 > (m.radius + TAP_SLACK + margin) ** 2 for m in markers)
            if clear and shapes.province_at(fx, fy) == code:
                yield px, py
