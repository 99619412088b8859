"""The benchmark's figures in real headless Chromium on the web app: the first readable frame, opening a list,
and one search keystroke.

- ``first_readable_ms``: from navigation to the first frame in which the home screen's Persian title is drawn
  as it finally is (its glyphs, not the empty boxes drawn while the font is missing). Frames are captured as
  screenshots of the title's box, as fast as the browser gives them, in a fresh browser context (nothing
  cached); a calibration visit first finds where the title is and what it looks like once settled.
- ``list_open_ms``: from the tap on the list's navigation destination to the list showing its count.
- ``keystroke_ms``: from one more letter typed into the list's search to the list showing the new count.

The list is the supplier directory when the app has it (``views/suppliers``), else the atlas list.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    enable_semantics,
    open_app,
    serve_app,
    wait_for_words,
)

PHONE = (412, 860)
ROOT = Path(__file__).resolve().parents[1]
#: The home screen's title in Persian (views/home/messages.py): what the first readable frame must show.
TITLE_FA = "اطلس زنجیرهٔ فولاد ایران"


@dataclass(frozen=True)
class ListScreen:
    """How to reach a list screen and tell what it shows."""

    nav_label: str  # the navigation destination, in Persian
    count_text: Callable[[int], str]  # the result count line for n results, in Persian
    total: int  # results with nothing typed
    typed: str  # what is typed before the measured keystroke
    typed_count: int  # results once it is typed
    keystroke: str  # the measured keystroke
    after: int  # results once it is typed


def _now(page: Any) -> float:
    return float(page.evaluate("performance.now()"))


def _wait_for_text(page: Any, text: str, gone: str | None = None, timeout_ms: int = 120_000) -> float:
    """performance.now() in the page when ``text`` is on screen (and ``gone`` is not), polled every frame."""
    page.wait_for_function(
        """([words, gone]) => {
             const texts = [...document.querySelectorAll('flt-semantics, flt-semantics span, flt-semantics input')]
               .map(e => (e.getAttribute('aria-label') || '') + '\\n'
                         + (e.childElementCount == 0 ? e.textContent : ''));
             return texts.some(t => t.includes(words)) && !(gone && texts.some(t => t.includes(gone)));
           }""",
        arg=[text, gone],
        timeout=timeout_ms,
        polling="raf",
    )
    return _now(page)


def _title_box(page: Any) -> dict[str, float]:
    wait_for_words(page, TITLE_FA, timeout=120_000)
    return page.evaluate(
        """(words) => { const e = [...document.querySelectorAll('flt-semantics, flt-semantics span')]
              .find(e => (e.getAttribute('aria-label') || '').includes(words)
                         || (e.childElementCount == 0 && e.textContent.includes(words)));
           const r = e.getBoundingClientRect();
           return {x: Math.floor(r.x), y: Math.floor(r.y),
                   width: Math.ceil(r.width), height: Math.ceil(r.height)}; }""",
        TITLE_FA,
    )


def first_readable(browser: Any, url: str, frames_dir: Path | None = None) -> dict[str, float]:
    """Every frame the browser paints from navigation on (a CDP screencast); the first whose title box equals
    the settled one is the first readable frame. Taken in a fresh context: nothing is in the browser's cache."""
    import base64
    import io

    from PIL import Image, ImageChops

    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    frames: list[tuple[float, bytes]] = []

    def on_frame(event: dict[str, Any]) -> None:
        frames.append((float(event["metadata"]["timestamp"]), base64.b64decode(event["data"])))
        cdp.send("Page.screencastFrameAck", {"sessionId": event["sessionId"]})

    cdp.on("Page.screencastFrame", on_frame)
    cdp.send("Page.startScreencast", {"format": "png", "everyNthFrame": 1})
    page.goto(url, wait_until="commit")
    origin = float(page.evaluate("performance.timeOrigin")) / 1000
    page.wait_for_function("window.__flutterFirstFrame === true || document.querySelector('flt-glass-pane')")
    box = _title_box_after(page)
    page.wait_for_timeout(1500)
    cdp.send("Page.stopScreencast")
    context.close()

    def crop(png: bytes) -> Image.Image:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        return image.crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))

    if frames_dir is not None:  # to look at: what the member saw, frame by frame
        frames_dir.mkdir(parents=True, exist_ok=True)
        for at, png in frames:
            (frames_dir / f"{(at - origin) * 1000:07.0f}ms.png").write_bytes(png)
    settled = crop(frames[-1][1])
    readable_at = drawn_at = None
    for at, png in frames:
        region = crop(png)
        if drawn_at is None and any(low != high for low, high in region.getextrema()):
            drawn_at = at  # something is drawn where the title goes: its glyphs, or boxes
        if ImageChops.difference(region, settled).getbbox() is None:
            readable_at = at
            break
    return {
        "first_readable_ms": (readable_at - origin) * 1000 if readable_at else float("nan"),
        "title_first_drawn_ms": (drawn_at - origin) * 1000 if drawn_at else float("nan"),
        "frames_captured": len(frames),
    }


def _title_box_after(page: Any) -> dict[str, float]:
    """The title's box, found through the semantics tree once the app has drawn it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if page.evaluate("!!document.querySelector('flt-semantics-placeholder')"):
            break
        page.wait_for_timeout(100)
    enable_semantics(page)
    return _title_box(page)


def list_figures(browser: Any, url: str, screen: ListScreen) -> dict[str, float]:
    session = open_app(browser, url, *PHONE, timeout_ms=120_000)
    page = session.page
    page.set_default_timeout(120_000)
    wait_for_words(page, TITLE_FA, timeout=120_000)
    page.wait_for_timeout(500)
    tab = page.get_by_role("tab", name=screen.nav_label)
    target = tab if tab.count() else page.get_by_role("button", name=re.compile(f"^{screen.nav_label}"))
    started = _now(page)
    target.first.click()
    opened = _wait_for_text(page, screen.count_text(screen.total))
    box = page.get_by_role("textbox").first
    box.focus()
    page.wait_for_timeout(400)
    page.keyboard.type(screen.typed, delay=60)
    if screen.typed:
        _wait_for_text(page, screen.count_text(screen.typed_count))
    page.wait_for_timeout(500)
    pressed = _now(page)
    page.keyboard.type(screen.keystroke)
    shown = _wait_for_text(page, screen.count_text(screen.after), gone=screen.count_text(screen.typed_count))
    session.context.close()
    return {"list_open_ms": opened - started, "keystroke_ms": shown - pressed}


def measure(data_dir: Path, log_path: Path, screen: ListScreen) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    env = {"ZANJIREH_NO_SAMPLE_DATA": "1"}
    with serve_app(ROOT, data_dir, log_path, timeout=600, extra_env=env) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            figures = first_readable(browser, app.url)
            figures |= list_figures(browser, app.url, screen)
        finally:
            browser.close()
    return figures


__all__ = ["ListScreen", "enable_semantics", "measure"]
