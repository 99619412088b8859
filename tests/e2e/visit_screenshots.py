"""Screenshots of the field-visit and correction screens, as field staff and an admin have them, to look at.

    .venv/bin/python -m tests.e2e.visit_screenshots                            # 360 px, English, light
    .venv/bin/python -m tests.e2e.visit_screenshots --combos 360-fa-light,1280-en-dark --only visits,visit-draft

The member's matrix (tests/e2e/screenshots.py) runs as a member, who sees no visit: here a server holds the
register's suppliers and the checklists, field staff ("sara") have a draft, a submitted visit with photos and a
proposed correction, all synced, and an admin ("boss") has them to review. Writes
artifacts/screenshots/visits/<screen>_<lang>_<width>_<theme>.png (artifacts/ is git-ignored). Every request off
this machine is blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import views.visits  # noqa: F401  (the visit screens' words)
from models.visits import Finding, Proposal
from sync.engine import SyncEngine
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.e2e.helpers import ROOT, SHOTS, use_language, use_theme
from tests.e2e.screens import SIZES, Screen, file_name, navigate, show
from tests.field_factories import REFRACTORIES, SEPAHAN, complete_answers, template
from tests.support.flet_pw import (
    CHROMIUM,
    CHROMIUM_ARGS,
    TIMEOUT,
    AppServer,
    missing_browser_reason,
    open_app,
    scroll_to_words,
    serve_app,
    settle_and_shot,
)
from tests.support.live_server import LiveServer
from tests.views.visit_world import photo
from views.shell import i18n

OUT = SHOTS / "visits"
PASSWORD = "correct horse battery"
SUPPLIERS = ROOT / "docs" / "registers" / "suppliers-template.csv"
#: Ids made on the field device, for the screens' paths.
MADE: dict[str, str] = {}


def _scroll(key: str) -> Any:
    def then(page: Any, lang: i18n.Lang, _phone: bool) -> None:
        scroll_to_words(page, i18n.t(key, lang), tries=80)  # past a checklist of forty questions

    return then


def screens() -> dict[str, list[Screen]]:
    draft, sent, correction = MADE["draft"], MADE["sent"], MADE["correction"]
    field = [
        Screen("visits", "/visits", "visits_title"),
        Screen("visit-new", f"/visits/new?supplier={SEPAHAN}", "visit_new_title"),
        Screen("visit-draft", f"/visit/{draft}", "visit_report_scores"),
        Screen(
            "visit-draft-where", f"/visit/{draft}?at=where", "visit_report_scores", then=_scroll("visit_when_where")
        ),
        Screen(
            "visit-draft-proposal",
            f"/visit/{draft}?at=proposal",
            "visit_report_scores",
            then=_scroll("visit_report_proposal"),
        ),
        Screen(
            "visit-draft-submit", f"/visit/{draft}?at=submit", "visit_report_scores", then=_scroll("visit_submit_title")
        ),
        Screen("visit-sent", f"/visit/{sent}", "visit_report_scores"),
        Screen(
            "visit-sent-photos", f"/visit/{sent}?at=photos", "visit_report_scores", then=_scroll("visit_report_photos")
        ),
        Screen(
            "supplier-visits",
            f"/supplier/{SEPAHAN}",
            "supplier_section_standing",
            then=_scroll("visit_supplier_section"),
        ),
        Screen("corrections", "/corrections", "corrections_title"),
        Screen("correction-new", f"/corrections/new?kind=supplier&id={SEPAHAN}", "correction_new_title"),
        Screen(
            "correction-new-photos",
            f"/corrections/new?kind=supplier&id={SEPAHAN}",
            "correction_new_title",
            then=_scroll("correction_photos"),
        ),
        Screen("correction", f"/correction/{correction}", "correction_title"),
    ]
    admin = [
        Screen("admin-visits", "/visits", "visits_title"),
        Screen("admin-visit", f"/visit/{sent}", "visit_report_scores"),
        Screen(
            "admin-visit-decide", f"/visit/{sent}?at=decide", "visit_report_scores", then=_scroll("visit_decide_title")
        ),
        Screen("admin-corrections", "/corrections", "corrections_title"),
        Screen("admin-correction", f"/correction/{correction}", "correction_title"),
        Screen(
            "admin-correction-review",
            f"/correction/{correction}",
            "correction_title",
            then=_scroll("correction_review"),
        ),
    ]
    return {"field": field, "admin": admin}


def _prepare(folder: Path, api: LiveServer, username: str, work_in_field: bool) -> None:
    """A device signed in and synced; in the field, a draft, a submitted visit with photos and a correction."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            store.device.set_setting("language", "en")
            engine = SyncEngine(store)
            await engine.sign_in(api.url, username, PASSWORD)
            assert (await engine.sync_once("sign_in")).ok
            if work_in_field:
                _fieldwork(Fieldwork(store))
                assert (await engine.sync_once("local_write")).ok
        finally:
            store.close()

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API keeps an event loop in the calling thread
        pool.submit(asyncio.run, steps()).result(timeout=300)


def _fieldwork(work: Fieldwork) -> None:
    general = template()
    sent = work.start_visit(SEPAHAN, [REFRACTORIES], general.key, planned_on=dt.date(2026, 11, 30)).visit.id
    for n, (question, value) in enumerate(complete_answers(general).items()):
        if isinstance(value, list):
            work.attach_photo(sent, photo(n), question=question)
        else:
            work.answer(sent, question, value)
    work.answer(sent, "equip.calibration", False)
    work.answer(sent, "equip.calibration_overdue", 2)
    work.note(sent, "equip.calibration", "Two press gauges had expired calibration labels")
    work.save_finding(sent, Finding(id="f1", severity="major", text="Two gauges out of calibration",
                                    question="equip.calibration"))  # fmt: skip
    work.update(
        sent, visited_on=dt.date(2026, 12, 1), met_with="Eng. Rezaei (quality manager)",
        proposal=Proposal(outcome="conditional", reasons="Calibration incomplete",
                          conditions="Calibration certificates for every gauge", conditions_due=dt.date(2027, 3, 1)),
    )  # fmt: skip
    work.set_location(sent, lat=32.6351, lon=51.3660, accuracy_m=9, source="device")
    work.submit(sent)
    draft = work.start_visit(SEPAHAN, [REFRACTORIES], general.key, planned_on=dt.date(2026, 12, 8)).visit.id
    work.answer(draft, "qms.iso9001", True)
    work.answer(draft, "qms.documents", 3)
    work.attach_photo(draft, photo(50), question=None)
    correction = work.propose_correction(
        "supplier", SEPAHAN, "phone", "+98 31 4200 0000", note="The number on the gate sign", photos=[photo(60)]
    )
    MADE.update(draft=draft, sent=sent, correction=correction.id)


@contextmanager
def field_apps(folder: Path) -> Iterator[dict[str, AppServer]]:
    """The association's server with the register and the checklists, and two apps: field staff's and an admin's."""
    api = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}")
    api.run_cli("import-suppliers", str(SUPPLIERS))
    api.run_cli("import-checklists")
    api.start()
    try:
        api.create_user("sara", "field_staff", PASSWORD)
        api.create_user("boss", "admin", PASSWORD)
        _prepare(folder / "field", api, "sara", True)
        _prepare(folder / "admin", api, "boss", False)
        env = {"ZANJIREH_NO_SAMPLE_DATA": "1"}
        with ExitStack() as stack:
            apps = {
                name: stack.enter_context(
                    serve_app(
                        ROOT,
                        folder / name,
                        folder / f"{name}.log",
                        extra_env=env,
                        extra_args=["--api", api.url],
                        drop_env=("FLET_", "ZANJIREH_"),
                    )
                )
                for name in ("field", "admin")
            }
            yield apps
    finally:
        api.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--combos", default="360-en-light", help="width-lang-theme cells, e.g. 360-fa-light")
    parser.add_argument("--only", default="", help="screen names, comma-separated (default: every screen)")
    args = parser.parse_args(argv)
    reason = missing_browser_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    cells = [cell.split("-") for cell in args.combos.split(",") if cell]
    only = {name for name in args.only.split(",") if name}
    written = failed = 0
    with ExitStack() as stack, sync_playwright() as playwright:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zanjireh-visit-shots-")))
        apps = stack.enter_context(field_apps(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for app_name, app_screens in screens().items():
            for width, lang, theme in cells:
                chosen = [s for s in app_screens if not only or s.name in only]
                if not chosen:
                    continue
                session = open_app(browser, apps[app_name].url, *SIZES[int(width)])
                page = session.page
                page.set_default_timeout(TIMEOUT)
                use_language(page, lang)
                use_theme(page, theme == "dark")
                for screen in chosen:
                    # through another screen first: the router keeps one visit screen (and its scroll) across
                    # visits' paths, and the next one's first words would be scrolled away
                    navigate(page, "/corrections")
                    page.wait_for_timeout(300)
                    try:
                        show(page, screen, lang, int(width))  # type: ignore[arg-type]
                    except Exception as error:  # a screen that would not draw: say so, go on
                        failed += 1
                        print(f"! {screen.name} {lang} {width} {theme}: {error}", file=sys.stderr)
                    path = settle_and_shot(page, OUT / file_name(screen, lang, int(width), theme))
                    written += 1
                    print(path.relative_to(SHOTS.parent.parent), flush=True)
                session.context.close()
        browser.close()
    print(f"{written} screenshots in {OUT}; {failed} did not draw fully")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
