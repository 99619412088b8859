"""A field day in headless Chromium, at phone width in Persian, against a real server.

At the office, online, the auditor's phone has the suppliers and the checklists, and the auditor pins the
supplier on its screen: the photo of another auditor's earlier visit comes to the phone. In the industrial
town the API is stopped: the earlier photo is still there; the auditor starts a visit, answers (a conditional
question appears), attaches two photos through the browser's file chooser and takes the device's location.
The app's process is killed mid-visit and started again: the draft is all there. The rest of the checklist
is filled in, the visit is submitted while still offline and shows as waiting. The API comes back: the visit
and its photos reach the server once (an admin's client holds them, photos fetched by hash); the admin
approves; the phone and a member's client both hold the supplier as approved, and the supplier's screen shows
the expiry in Jalali. Screenshots go to artifacts/screenshots/field-day-*.png: look at them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from models.qualification import DecisionOutcome, DecisionPart, term_end
from models.suppliers import QualificationState
from models.visits import Proposal
from sync.engine import SyncEngine
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.e2e.helpers import ROOT, shot, start
from tests.e2e.screens import navigate
from tests.field_factories import REFRACTORIES, SEPAHAN, complete_answers, template
from tests.support.flet_pw import AppServer, scroll, scroll_to, serve_app, wait_for_words
from tests.support.live_server import LiveServer
from views.shell import i18n
from views.visits.messages import MESSAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery"
PHONE_360 = (360, 800)
SUPPLIERS = ROOT / "docs" / "registers" / "suppliers-template.csv"
SYNC_TIMEOUT = 180_000
#: Where the auditor stands: the supplier's recorded site in Isfahan, give or take a few hundred metres.
HERE = {"latitude": 32.6343, "longitude": 51.3667, "accuracy": 12}
ISO_SCOPE = template().question("qms.iso9001_scope")


def fa(key: str, **params: Any) -> str:
    """The Persian words of a visit message, as the phone shows them."""
    text = MESSAGES[key][0]
    return text.format(**{k: i18n.digits(str(v), "fa") for k, v in params.items()}) if params else text


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The association's server: the register's suppliers, the checklists, two auditors, an admin, a member."""
    folder = tmp_path_factory.mktemp("field-api")
    server = LiveServer(f"sqlite:///{folder / 'api.sqlite3'}")
    server.run_cli("import-suppliers", str(SUPPLIERS))
    server.run_cli("import-checklists")
    server.start()
    for name, role in (("sara", "field_staff"), ("reza", "field_staff"), ("boss", "admin"), ("ali", "member")):
        server.create_user(name, role, PASSWORD)
    yield server
    server.close()


def on_a_device(folder: Path, api: LiveServer, user: str, then: Callable[[LocalStore], None] | None = None) -> None:
    """A real client (the engine) on ``folder``: signs in as ``user``, syncs, runs ``then``, syncs again
    (and once more: a visit's photos follow its record, and a fetched photo follows its visit)."""

    async def steps() -> None:
        store = LocalStore.open(folder)
        try:
            engine = SyncEngine(store)
            if store.user.auth() is None:
                await engine.sign_in(api.url, user, PASSWORD)
            assert (await engine.sync_once("test")).ok
            if then is not None:
                then(store)
                assert (await engine.sync_once("test")).ok
                assert (await engine.sync_once("test")).ok
        finally:
            store.close()

    # Playwright's sync API keeps an event loop in this thread: the other client gets a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, steps()).result(timeout=180)


def camera_photo(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (1800, 1350), rng.randbytes(1800 * 1350 * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def earlier_visit(store: LocalStore) -> None:
    """Another auditor's visit to the supplier last season, with a photo of the works, submitted."""
    work = Fieldwork(store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id
    shots: list[str] = []  # one photo of the works, named by every photo question
    for question, value in complete_answers(template()).items():
        if isinstance(value, list) and not shots:
            shots.append(work.attach_photo(visit_id, camera_photo(40), question=question)[1].sha256)
        elif isinstance(value, list):
            work.answer(visit_id, question, shots)
        else:
            work.answer(visit_id, question, value)
    proposal = Proposal(outcome="approved", reasons="همهٔ بخش‌ها قبول")
    work.update(visit_id, visited_on=dt.date(2026, 5, 20), proposal=proposal)
    work.set_location(visit_id, lat=32.6345, lon=51.3665, accuracy_m=15.0, source="device")
    work.submit(visit_id)


def app_on(folder: Path, api: LiveServer, log: str) -> Any:
    return serve_app(
        ROOT,
        folder / "data",
        folder / log,
        extra_args=["--api", api.url],
        extra_env={"ZANJIREH_NO_SAMPLE_DATA": "1"},
        drop_env=("FLET_", "ZANJIREH_"),
    )


def phone(browser: Any, app: AppServer) -> Any:
    session = start(browser, app, PHONE_360, lang="fa")
    session.context.grant_permissions(["geolocation"])
    session.context.set_geolocation(HERE)
    return session


def on_disk(folder: Path, visit_id: str) -> dict[str, Any]:
    """The draft as the running app last wrote it (its own file: readable while the app holds the folder)."""
    for path in (folder / "data").rglob(f"{visit_id}.json"):
        return json.loads(path.read_text(encoding="utf-8"))["visit"]  # type: ignore[no-any-return]
    return {"photos": []}


def photos_sent(folder: Path, hashes: list[str]) -> bool:
    """Whether the phone's upload progress (its own small file) says the server has every photo whole."""
    for path in (folder / "data").rglob("uploads.json"):
        uploads = json.loads(path.read_text(encoding="utf-8")).get("uploads", {})
        return all(uploads.get(sha, {}).get("state") == "done" for sha in hashes)
    return False


def wait_until(condition: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not saved in time"
        time.sleep(0.25)


def finish_the_checklist(folder: Path, visit_id: str) -> None:
    """What the rest of the day adds (the test taps a few answers; 40 more taps would only make it long):
    every other answer, the visit's date and the proposal — saved by the same calls the screen makes."""
    store = LocalStore.open(folder)
    try:
        work = Fieldwork(store)
        for question, value in complete_answers(template()).items():
            if not isinstance(value, list):
                work.answer(visit_id, question, value)
            elif question not in (store.visits.get(visit_id).visit.answers or {}):  # type: ignore[union-attr]
                photos = [p.sha256 for p in store.visits.get(visit_id).visit.photos]  # type: ignore[union-attr]
                work.answer(visit_id, question, photos[:1])
        work.update(visit_id, visited_on=dt.date(2026, 12, 2))
        work.update(visit_id, proposal=Proposal(outcome="approved", reasons="همهٔ بخش‌ها قبول"))
    finally:
        store.close()


def to_the_top(page: Any) -> None:
    """Back to the top of a long screen (Flutter scrolls with the wheel, not the document)."""
    for _ in range(12):
        scroll(page, -4000, x=0.5)
        page.wait_for_timeout(150)


def attach_through_the_file_chooser(page: Any, add: Any, pictures: list[Path]) -> None:
    """Tap "add photos" and hand the files to the chooser the browser opens (flet web's FilePicker clicks an
    <input type=file>; headless Chromium opens no dialog, Playwright takes the chooser instead)."""
    with page.expect_file_chooser() as chooser:
        add.click()
    chooser.value.set_files([str(p) for p in pictures])


def test_a_field_day_offline_reaches_the_association_and_the_supplier_is_approved(
    browser: Any, api: LiveServer, tmp_path: Path
) -> None:
    on_a_device(tmp_path / "reza", api, "reza", earlier_visit)  # last season, another auditor
    on_a_device(tmp_path / "data", api, "sara")  # the auditor's phone, signed in
    pictures = []
    for seed in (1, 2):
        path = tmp_path / f"IMG_{seed:04d}.jpg"
        path.write_bytes(camera_photo(seed))
        pictures.append(path)

    # ---- at the office, online: the supplier pinned, the earlier visit's photo comes to the phone ----
    with app_on(tmp_path, api, "app-office.log") as app:
        session = phone(browser, app)
        page = session.page
        navigate(page, f"/supplier/{SEPAHAN}")
        pin = page.get_by_role("switch", name=fa("visit_pin_earlier_photos"))
        scroll_to(page, pin)
        pin.click()
        wait_for_words(page, fa("visit_pin_photos_here", have=1, count=1), timeout=SYNC_TIMEOUT)
        shot(session, "field-day-0-pinned_fa_360")

    api.stop()  # the industrial town: no signal
    try:
        with app_on(tmp_path, api, "app.log") as app:
            session = phone(browser, app)
            page = session.page
            navigate(page, f"/supplier/{SEPAHAN}")
            pin = page.get_by_role("switch", name=fa("visit_pin_earlier_photos"))
            scroll_to(page, pin)
            wait_for_words(page, fa("visit_pin_photos_here", have=1, count=1))  # offline, the photo is here
            shot(session, "field-day-1-offline-supplier_fa_360")
            page.evaluate("() => window.scrollTo(0, 0)")
            page.get_by_role("button", name=fa("visit_start_here")).first.click()
            page.get_by_role("radio", name="ممیزی عمومی تأمین‌کننده (نسخهٔ ۱)").click()
            shot(session, "field-day-2-start_fa_360")
            page.get_by_role("button", name=fa("visit_new_start")).click()
            wait_for_words(page, fa("visit_saved_on_device"))
            visit_id = page.evaluate("() => location.pathname").rsplit("/", 1)[-1]
            assert ISO_SCOPE is not None and ISO_SCOPE.text.fa not in page.content()
            locate = page.get_by_role("button", name=fa("visit_use_device_location"))
            scroll_to(page, locate)
            locate.click()
            wait_for_words(page, fa("visit_location_device"))
            shot(session, "field-day-3-location_fa_360")

            yes = page.get_by_role("radio", name="بله").first
            scroll_to(page, yes)
            yes.click()
            wait_for_words(page, ISO_SCOPE.text.fa)  # the question the "yes" calls for
            shot(session, "field-day-4-answers_fa_360")

            add = page.get_by_role("button", name=fa("visit_add_photos")).last
            scroll_to(page, add)
            attach_through_the_file_chooser(page, add, pictures)
            wait_until(lambda: len(on_disk(tmp_path, visit_id)["photos"]) == 2)  # saved as they were attached
            wait_for_words(page, fa("visit_photo_waiting"))  # their upload state under each thumbnail
            shot(session, "field-day-5-photos_fa_360")
            app.process.kill()  # the phone dies mid-visit: the process, not the tab
            app.process.wait(10)

        store = LocalStore.open(tmp_path / "data")
        try:
            draft = store.visits.get(visit_id)
            assert draft is not None and draft.editable
            assert draft.visit.answers["qms.iso9001"] is True
            assert len(draft.visit.photos) == 2 and draft.visit.location is not None
            assert draft.visit.location.source.value == "device"
            hashes = draft.visit.photo_hashes()
        finally:
            store.close()
        finish_the_checklist(tmp_path / "data", visit_id)

        with app_on(tmp_path, api, "app-again.log") as app:
            session = phone(browser, app)
            page = session.page
            navigate(page, f"/visit/{visit_id}")
            wait_for_words(page, fa("visit_saved_on_device"))
            wait_for_words(page, fa("visit_location_device"))  # the draft is all there after the restart
            shot(session, "field-day-6-resumed_fa_360")
            submit = page.get_by_role("button", name=fa("visit_submit"))
            scroll_to(page, submit, dy=900, tries=40)  # at the end of a forty-question checklist
            submit.click()
            page.get_by_role("button", name=fa("visit_submit_seal")).click()
            wait_for_words(page, fa("visit_submitted"))  # the notice: sealed, queued to be sent
            to_the_top(page)
            wait_for_words(page, fa("visit_sealed_note"))
            wait_for_words(page, fa("visit_status_waiting"))  # sealed, offline, waiting to be sent
            shot(session, "field-day-7-waiting_fa_360")

            api.start()  # back in signal: nobody taps anything, the backoff timer sends it
            # the record goes first, then its photos: both are on the server once the phone's progress says so
            wait_until(lambda: photos_sent(tmp_path, hashes), timeout=SYNC_TIMEOUT / 1000)
            photos_waiting = fa("visit_status_photos", sent=0, total=2).split(" ", 1)[0]  # "عکس‌ها:"
            page.wait_for_function(
                """(words) => ![...document.querySelectorAll('flt-semantics, flt-semantics span')]
                     .some(e => (e.getAttribute('aria-label') || '').includes(words)
                                || (e.childElementCount == 0 && e.textContent.includes(words)))""",
                arg=photos_waiting,
                timeout=SYNC_TIMEOUT,
            )
            wait_for_words(page, fa("visit_status_sent"))  # the record and both photos on the server
            shot(session, "field-day-8-sent_fa_360")

            def approve(store: LocalStore) -> None:
                mine = [v for v in store.reference["visits"].all() if v.author == "sara"]
                assert [v.id for v in mine] == [visit_id]  # it reached the server once
                assert all(store.photos.has(sha) for sha in mine[0].photo_hashes())  # its photos too, by hash
                part = DecisionPart(outcome=DecisionOutcome.APPROVED, reasons="بازدید کامل و قبول")
                Fieldwork(store).decide(visit_id, part)

            on_a_device(tmp_path / "admin", api, "boss", approve)  # the admin's own client
            navigate(page, "/sync")
            page.get_by_role("button", name="همگام‌سازی اکنون").click()  # rather than wait five minutes
            navigate(page, f"/supplier/{SEPAHAN}")
            expires = term_end(DecisionOutcome.APPROVED, dt.datetime.now(dt.UTC).date())  # 3 years, to the day before
            until = i18n.t("suppliers_until", "fa", date=i18n.date(expires, "fa", with_gregorian=True))
            wait_for_words(page, until, timeout=SYNC_TIMEOUT)  # approved, with its expiry in Jalali
            shot(session, "field-day-9-approved_fa_360")
    finally:
        if not api.running:
            api.start()

    on_a_device(tmp_path / "member", api, "ali")  # a member's client
    member = LocalStore.open(tmp_path / "member")
    try:
        supplier = member.suppliers.get(SEPAHAN)
        assert supplier is not None
        # the visit's categories, as the admin decided (the register's own standing for others stays beside it)
        decided = [q for q in supplier.qualifications if q.visit_id == visit_id]
        assert decided and all(q.state is QualificationState.APPROVED and q.expires == expires for q in decided)
    finally:
        member.close()
