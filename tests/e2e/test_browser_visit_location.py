"""Where a visit was, in headless Chromium at phone width, in Persian and in English: the browser refuses the
location (no permission granted), the screen says so in the auditor's language and opens the map around the
supplier's site; a tap on the site and "save this point" keep the place as set by hand. Screenshots go to
artifacts/screenshots/visit-location-*.png: look at them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from models.visits import LocationSource
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.e2e.helpers import ROOT, shot, start
from tests.e2e.screens import navigate
from tests.field_factories import REFRACTORIES, SEPAHAN
from tests.support.flet_pw import AppServer, scroll_to, semantics_text, serve_app, wait_for_words
from tests.views.test_visit_screens import signed_in
from tests.views.visit_world import seed_reference
from views.visits.messages import MESSAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE_360 = (360, 800)
LANGS = {"fa": 0, "en": 1}


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A field-staff phone's data folder with the suppliers, the checklists and a draft per language."""
    folder = tmp_path_factory.mktemp("visit-location")
    store = LocalStore.open(folder / "data")
    seed_reference(store)
    signed_in(store, "sara", "field_staff")  # its server (port 9) never answers: the phone is offline
    work = Fieldwork(store)
    ids = {lang: work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1").visit.id for lang in LANGS}
    store.close()
    yield folder, ids


@pytest.fixture(scope="module")
def app(drafts: tuple[Path, dict[str, str]]) -> Iterator[AppServer]:
    folder, _ = drafts
    with serve_app(ROOT, folder / "data", folder / "app.log", extra_env={"ZANJIREH_NO_SAMPLE_DATA": "1"},
                   drop_env=("FLET_", "ZANJIREH_")) as server:  # fmt: skip
        yield server


def words(key: str, lang: str) -> str:
    return MESSAGES[key][LANGS[lang]]


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_refused_location_is_said_and_the_place_is_picked_on_the_map_as_set_by_hand(
    browser: Any, app: AppServer, drafts: tuple[Path, dict[str, str]], lang: str
) -> None:
    folder, ids = drafts
    session = start(browser, app, PHONE_360, lang=lang)  # no geolocation permission granted: the browser refuses
    page = session.page
    navigate(page, f"/visit/{ids[lang]}")
    wait_for_words(page, words("visit_saved_on_device", lang))
    locate = page.get_by_role("button", name=words("visit_use_device_location", lang))
    scroll_to(page, locate)
    locate.click()
    wait_for_words(page, words("visit_map_how", lang).split("{", 1)[0])  # the refusal opened the map
    said = semantics_text(page)
    refusals = ("visit_location_denied", "visit_location_denied_forever", "visit_location_failed")
    assert any(words(key, lang) in said for key in refusals), said[-2000:]
    assert words("visit_location_still_saved", lang) in said
    shot(session, f"visit-location-1-refused_{lang}_360")

    label = page.get_by_text(words("visit_map_semantics", lang)).first
    scroll_to(page, label)
    page.wait_for_timeout(500)  # the canvas is drawn a frame after the semantics tree
    box = label.evaluate("e => { const r = e.parentElement.getBoundingClientRect();"
                         " return {x: r.x, y: r.y, width: r.width, height: r.height}; }")  # fmt: skip
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # on the supplier's site
    wait_for_words(page, words("visit_location_distance", lang).split("}", 1)[1].strip())
    shot(session, f"visit-location-2-picked_{lang}_360")
    page.get_by_role("button", name=words("visit_map_save", lang)).click()
    wait_for_words(page, words("visit_map_saved", lang))
    shot(session, f"visit-location-3-saved_{lang}_360")
    page.get_by_role("button", name=words("visit_map_cancel", lang)).click()
    wait_for_words(page, words("visit_location_map", lang))  # the location line: set by hand, not the GPS

    navigate(page, f"/supplier/{SEPAHAN}")  # where the day is prepared: the pin for the earlier visits' photos
    pin = page.get_by_role("switch", name=words("visit_pin_earlier_photos", lang))
    scroll_to(page, pin)
    wait_for_words(page, words("visit_pin_no_photos", lang))
    shot(session, f"visit-location-4-supplier-pin_{lang}_360")

    draft = next((folder / "data").rglob(f"{ids[lang]}.json"))  # the draft's own file, as the app wrote it
    location = json.loads(draft.read_text(encoding="utf-8"))["visit"]["location"]
    assert location["source"] == LocationSource.MAP.value and location["accuracy_m"] > 0
