"""Screenshots of every screen at 360, 412 and 1280 px, in Persian and English, light and dark, to look at.

    .venv/bin/python -m tests.e2e.screenshots                       # all of them (~200 PNGs, several minutes)
    .venv/bin/python -m tests.e2e.screenshots --widths 360 --langs fa --themes light --only home,atlas

Writes artifacts/screenshots/screens/<screen>_<lang>_<width>_<theme>.png (artifacts/ is git-ignored). The
app runs as a member has it (signed in to a real server, synced, with favourites and a note), and as a new
install (the empty screens). Every request off this machine is blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from tests.e2e.helpers import SHOTS, use_language, use_theme
from tests.e2e.screens import SIZES, empty_app, file_name, member_app, screens_for, show
from tests.support.flet_pw import CHROMIUM, CHROMIUM_ARGS, TIMEOUT, missing_browser_reason, open_app, settle_and_shot

OUT = SHOTS / "screens"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="360,412,1280")
    parser.add_argument("--langs", default="fa,en")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument("--only", default="", help="screen names, comma-separated (default: every screen)")
    args = parser.parse_args(argv)
    reason = missing_browser_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    widths = [int(w) for w in args.widths.split(",")]
    only = {name for name in args.only.split(",") if name}
    OUT.mkdir(parents=True, exist_ok=True)
    written = 0
    started = time.monotonic()
    with ExitStack() as stack, sync_playwright() as playwright:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zanjireh-shots-")))
        apps = {"member": stack.enter_context(member_app(folder)), "empty": stack.enter_context(empty_app(folder))}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for app_name, app in apps.items():
            for width in widths:
                for lang in args.langs.split(","):
                    for theme in args.themes.split(","):
                        screens = [s for s in screens_for(width, app_name) if not only or s.name in only]
                        if not screens:
                            continue
                        session = open_app(browser, app.url, *SIZES[width])
                        page = session.page
                        page.set_default_timeout(TIMEOUT)
                        use_language(page, lang)
                        use_theme(page, theme == "dark")
                        for screen in screens:
                            try:
                                show(page, screen, lang, width)  # type: ignore[arg-type]
                            except Exception as error:  # a screen that would not draw: say so, go on
                                print(f"! {screen.name} {lang} {width} {theme}: {error}", file=sys.stderr)
                            path = settle_and_shot(page, OUT / file_name(screen, lang, width, theme))
                            written += 1
                            print(path.relative_to(SHOTS.parent.parent), flush=True)
                        session.context.close()
        browser.close()
    print(f"{written} screenshots in {OUT} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
