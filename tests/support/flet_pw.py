"""Playwright helpers for driving the flet web app in headless Debian chromium, offline.

Never `playwright install` (it downloads a browser): the Debian package's /usr/bin/chromium is used.
Flutter web draws on a canvas; the DOM is empty until semantics are switched on, after which
`get_by_role` / `get_by_text` find what a member sees.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.waiting import scaled

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FIRST_FRAME_JS = "window.addEventListener('flutter-first-frame', () => { window.__flutterFirstFrame = true; });"
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:")
#: flet-web's bundled Rive animation runtime asks a CDN for its wasm at start-up, used or not (the URL is
#: compiled into flet's client). The app has no Rive animation; the tests prove it renders without it.
UNUSED_BY_THE_APP = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@rive-app/flutter-native-wasm@[\d.]+/")
#: How long one step (a click, a text to appear) may take: the page's default timeout. Generous (a loaded
#: two-core machine running two xdist workers can take many seconds for one redraw); it is waited out only
#: when the step fails anyway. ``ZANJIREH_TEST_TIMEOUT_SCALE`` stretches it (tests/support/waiting.py).
TIMEOUT = int(scaled(45_000))
#: Flutter web swaps its editing element in on focus: a key typed in the same instant can be lost (a loaded
#: machine lost the "S" of "September 2025 (V1)", and the import then could not tell the release).
FOCUS_SETTLE_MS = 400
#: How many times a field is focused again when the engine replaced it under the focus (``type_into``).
FOCUS_TRIES = 5


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Debian chromium is not installed ({CHROMIUM}); apt-get install -y chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright python package is not installed"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen[str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serve_app(
    project_root: Path,
    data_dir: Path,
    log_path: Path,
    timeout: float = 120.0,
    extra_env: dict[str, str] | None = None,
    extra_args: Sequence[str] = (),
    drop_env: tuple[str, ...] = ("FLET_",),
) -> Iterator[AppServer]:
    """Run ``python main.py --web`` on a free port with its own data folder; stop it afterwards.

    ``extra_args`` follow ``--data-dir``; environment variables starting with any of ``drop_env`` are not passed on.
    A port taken by someone else between picking and binding it (another xdist worker, another run) is replaced.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop_env)}
    env.update({"PYTHONUNBUFFERED": "1", **(extra_env or {})})
    for attempt in range(3):
        server = _start_app(project_root, data_dir, log_path, scaled(timeout), env, extra_args)
        if server is not None:
            break
        if attempt == 2:
            raise RuntimeError(f"the app found its port taken three times:\n{log_path.read_text(errors='replace')}")
    try:
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(5)


def _start_app(
    project_root: Path, data_dir: Path, log_path: Path, timeout: float, env: dict[str, str], extra_args: Sequence[str]
) -> AppServer | None:
    """The app answering on a new port, or None when that port was taken before the app bound it."""
    port = free_port()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "main.py", "--web", "--port", str(port), "--data-dir", str(data_dir), *extra_args],
            cwd=project_root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    url = f"http://127.0.0.1:{port}/"
    server = AppServer(url, process, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            if "address already in use" in server.log().lower():
                return None
            raise RuntimeError(f"the app exited with {process.returncode}:\n{server.log()}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return server
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                process.wait(5)
                raise RuntimeError(f"the app did not answer on {url} within {timeout:.0f} s:\n{server.log()}") from None
            time.sleep(0.2)


@dataclass
class BrowserSession:
    page: Any
    context: Any
    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def open_app(browser: Any, url: str, width: int, height: int, timeout_ms: int = 60_000) -> BrowserSession:
    """A fresh context (a reload would re-attach to the same server session) that may reach localhost only."""
    context = browser.new_context(viewport={"width": width, "height": height})
    session = BrowserSession(page=None, context=context)

    def route(request_route: Any) -> None:
        request_url = request_route.request.url
        if request_url.startswith(LOCAL_PREFIXES):
            request_route.continue_()
        else:  # prove the app needs nothing from the internet
            session.blocked.append(request_url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: session.page_errors.append(str(error)))
    page.add_init_script(FIRST_FRAME_JS)
    page.goto(url)
    page.wait_for_function("window.__flutterFirstFrame === true", timeout=timeout_ms)
    enable_semantics(page)
    session.page = page
    return session


def assert_offline(session: BrowserSession) -> None:
    """The app asked the internet for nothing it needs (``open_app`` blocks every such request), and no
    script error was thrown in the page."""
    needed = [url for url in session.blocked if not UNUSED_BY_THE_APP.match(url)]
    assert needed == [], f"the app asked the internet for {needed}"
    assert session.page_errors == []


def enable_semantics(page: Any) -> None:
    # The engine adds an off-screen 1x1 "Enable accessibility" button; clicking it builds the semantics DOM.
    page.evaluate("document.querySelector('flt-semantics-placeholder')?.click()")
    page.wait_for_selector("flt-semantics", state="attached", timeout=TIMEOUT)


def settle_and_shot(page: Any, path: Path, ms: int = 700) -> Path:
    """Screenshot after the canvas has caught up with the semantics DOM (it lags a frame)."""
    page.wait_for_timeout(ms)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def dump_semantics(page: Any, limit: int = 80) -> list[list[Any]]:
    """What the semantics tree holds (for a failing test's message)."""
    return page.evaluate(
        """(limit) => [...document.querySelectorAll('flt-semantics, flt-semantics input, flt-semantics span')]
          .map(e => [e.tagName.toLowerCase(), e.getAttribute('role'), e.getAttribute('aria-label'),
                     (e.childElementCount == 0 ? e.textContent.trim() : '')])
          .filter(x => x[1] || x[2] || x[3] || x[0] == 'input').slice(0, limit)""",
        limit,
    )


def semantics_text(page: Any) -> str:
    """Everything the semantics tree says: texts and labels (Flutter puts some text in aria-label only)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('flt-semantics, flt-semantics span, flt-semantics input')]
          .map(e => [e.getAttribute('aria-label') || '', e.childElementCount == 0 ? e.textContent : ''].join('\\n'))
          .join('\\n')"""
    )


def wait_for_words(page: Any, words: str, timeout: int = TIMEOUT) -> None:
    """Until the screen says ``words`` (as a text, or inside the label Flutter gives a group with buttons)."""
    page.wait_for_function(
        """(words) => [...document.querySelectorAll('flt-semantics, flt-semantics span, flt-semantics input')]
             .some(e => (e.getAttribute('aria-label') || '').includes(words)
                        || (e.childElementCount == 0 && e.textContent.includes(words)))""",
        arg=words,
        timeout=timeout,
    )


def type_into(page: Any, box: Any, text: str, delay: int = 15) -> None:
    """Focus a field, wait until the focus has held, then type.

    Keys typed in the same instant as the focus can miss the field's first value report (Flutter web swaps its
    editing element in on focus). And a field that has just appeared can be replaced once more by the engine a
    few hundred milliseconds later: a focus given to the first element is then dropped with it, and every key
    typed after goes nowhere (seen on the sign-in form: «ali» lost, the password typed, the form asked for the
    user name). A member's tap lands seconds later, on the field as drawn; here the focus is checked after the
    pause and given again to the field's current element until it holds.
    """
    for _ in range(FOCUS_TRIES):
        box.focus()  # a click on Flutter's semantics input does not always focus it; focus is what a tap does
        page.wait_for_timeout(FOCUS_SETTLE_MS)
        if box.evaluate("element => element === document.activeElement || element.contains(document.activeElement)"):
            break
    else:
        raise AssertionError(f"the field {box} would not keep the focus ({FOCUS_TRIES} tries)")
    page.keyboard.type(text, delay=delay)


def scroll(page: Any, dy: int, x: float = 0.6) -> None:
    """Scroll the screen's content (the wheel scrolls what is under the pointer, so point at it first:
    ``x`` of the way across, 0.6 of the way down)."""
    size = page.viewport_size
    page.mouse.move(size["width"] * x, size["height"] * 0.6)
    page.mouse.wheel(0, dy)


def scroll_to(page: Any, locator: Any, dy: int = 300, tries: int = 15, timeout: float | None = None) -> None:
    """Scroll until ``locator`` is in the viewport: Flutter leaves what is far off screen out of the
    semantics tree, and keeps what is just off it (above the screen: scrolled back up to it). After ``tries``
    steps it is waited for (``timeout`` ms; the page's default step timeout when None)."""
    height = page.viewport_size["height"]
    top = height * 0.15  # under the app's header (and a phone's sync strip) a tap would land on them instead
    for _ in range(tries):
        step = dy
        if locator.count():
            box = locator.first.bounding_box()
            if box is not None and box["y"] >= top and box["y"] + box["height"] <= height * 0.9:
                return
            if box is not None and box["y"] < top:
                step = -abs(dy)
        scroll(page, step, x=0.5)
        page.wait_for_timeout(300)
    locator.first.wait_for(timeout=timeout)


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
        scroll(page, dy if top is None or top > 0 else -dy, x=0.5)
        page.wait_for_timeout(300)
    raise AssertionError(f"could not scroll {words!r} into view")
