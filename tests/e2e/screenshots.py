"""Screenshots of every screen at 360, 412 and 1280 px, in Persian and English, light and dark, to look at.

    .venv/bin/python -m tests.e2e.screenshots                       # all of them (~200 PNGs, several minutes)
    .venv/bin/python -m tests.e2e.screenshots --widths 360 --langs fa --themes light --only home,atlas
    .venv/bin/python -m tests.e2e.screenshots --combos 360-fa-light,360-fa-dark,1280-en-light   # chosen cells

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
from typing import Any

from tests.e2e.helpers import SHOTS, use_language, use_theme
from tests.e2e.screens import (
    CHADORMALU_MINE,
    MOBARAKEH_STEEL,
    SIZES,
    Screen,
    empty_app,
    file_name,
    member_app,
    screens_for,
    show,
    tap,
)
from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT,
    missing_browser_reason,
    open_app,
    scroll,
    scroll_to_words,
    settle_and_shot,
    wait_for_words,
)
from views.shell import i18n

OUT = SHOTS / "screens"


def export_atlas(page: Any, lang: i18n.Lang, phone: bool) -> None:
    """Export the atlas list to Excel as a member would, and wait for the notice that names the file."""
    if phone:
        tap(page, "export_more", lang)
        page.get_by_role("menuitem", name=i18n.t("export_action", lang)).first.click()
    else:
        tap(page, "export_action", lang)
    after_count = i18n.t("export_downloaded", lang, count="\0", file="\0").split("\0")[1]
    wait_for_words(page, after_count.strip(" «'"))


def scrolled_to(key: str) -> Any:
    """A screen's later part, scrolled up to the words of ``key``: a shot shows one screenful, and the parts a
    member scrolls to (a plant's capacities, the charts' second chart) were never looked at."""

    def then(page: Any, lang: i18n.Lang, _phone: bool) -> None:
        scroll_to_words(page, i18n.t(key, lang))

    return then


MINE = f"/mine/{CHADORMALU_MINE}"


def past_the_province_chart(page: Any, lang: i18n.Lang, phone: bool) -> None:
    """A phone's second chart, under the first one's 31 provinces (on a desktop the two stand side by side). Not
    found by its title: the charts' semantics carry it in a label near the top, so the title seems in view."""
    if phone:
        for _ in range(8):
            scroll(page, 300, x=0.5)
            page.wait_for_timeout(150)


#: States only the screenshots show (the accessibility test walks tests/e2e/screens.py's SCREENS alone): the
#: notice after an export, whose file name must not split across lines (issue 14, item 9), and the later parts
#: of the longest screens.
EXTRA_SCREENS: tuple[Screen, ...] = (
    Screen("atlas-exported", "/atlas", "search_hint", then=export_atlas),
    Screen("plant-capacity", f"/plant/{MOBARAKEH_STEEL}", "section_capacity", then=scrolled_to("section_capacity")),
    Screen("mine-figures", MINE, "section_mine_figures", then=scrolled_to("section_mine_figures")),
    Screen("charts-pipeline", "/balance/charts", "charts_pipeline", then=past_the_province_chart),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="360,412,1280")
    parser.add_argument("--langs", default="fa,en")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument("--only", default="", help="screen names, comma-separated (default: every screen)")
    parser.add_argument(
        "--combos",
        default="",
        help="width-lang-theme cells in this order, e.g. 360-fa-light,1280-en-dark (overrides the three above)",
    )
    args = parser.parse_args(argv)
    reason = missing_browser_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    combos = _combos(args)
    only = {name for name in args.only.split(",") if name}
    OUT.mkdir(parents=True, exist_ok=True)
    written = failed = 0
    started = time.monotonic()
    with ExitStack() as stack, sync_playwright() as playwright:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zanjireh-shots-")))
        apps = {"member": stack.enter_context(member_app(folder)), "empty": stack.enter_context(empty_app(folder))}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for app_name, app in apps.items():
            for width, lang, theme in combos:
                extra = [s for s in EXTRA_SCREENS if s.app == app_name]
                screens = [s for s in [*screens_for(width, app_name), *extra] if not only or s.name in only]
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
                        failed += 1
                        print(f"! {screen.name} {lang} {width} {theme}: {error}", file=sys.stderr)
                    path = settle_and_shot(page, OUT / file_name(screen, lang, width, theme))
                    written += 1
                    print(path.relative_to(SHOTS.parent.parent), flush=True)
                session.context.close()
        browser.close()
    print(f"{written} screenshots in {OUT} ({time.monotonic() - started:.0f} s); {failed} did not draw fully")
    return 1 if failed else 0


def _combos(args: argparse.Namespace) -> list[tuple[int, str, str]]:
    """The (width, language, theme) cells to shoot, in order: the named cells, or every cell of the three lists."""
    if args.combos:
        cells = [cell.split("-") for cell in args.combos.split(",") if cell]
        return [(int(width), lang, theme) for width, lang, theme in cells]
    return [
        (int(width), lang, theme)
        for width in args.widths.split(",")
        for lang in args.langs.split(",")
        for theme in args.themes.split(",")
    ]


if __name__ == "__main__":
    sys.exit(main())
