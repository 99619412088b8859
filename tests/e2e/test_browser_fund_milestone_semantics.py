"""A milestone of the Fund read by a screen reader (issue 14, item 10), in headless Chromium: the evidence card's
texts are in the semantics tree as texts, and the note field is named by its label alone.

Flutter merged the heading and captions of the applicant's evidence card (the limits, "kept on this device")
into the note field's name, so a screen reader said them only as one long name of a text field, and the field
was not found by its label. The app runs on a device folder that holds the application as the applicant pulls it
(no server: what is drawn is what the device holds).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import views.fund  # noqa: F401  (the Fund's words in the catalogue)
from sync.store import LocalStore
from tests.e2e.helpers import ROOT
from tests.fund_factories import BN, SUPPLIER_ID
from tests.support.flet_pw import AppServer, dump_semantics, open_app, serve_app, wait_for_words
from tests.views.test_fund_award_screens import approved, holds
from views.shell import i18n

pytestmark = pytest.mark.browser

PHONE_360 = (360, 780)
APPLICANT_NOTE = "گزارش آزمون پیوست است"
FUND_NOTE = "گواهی آزمایشگاه را هم بفرستید"
#: Texts Flutter says, and the names of text fields, as the semantics tree holds them.
TREE_JS = """() => {
  const inputs = [...document.querySelectorAll('flt-semantics input, flt-semantics textarea')];
  const texts = [...document.querySelectorAll('flt-semantics, flt-semantics span')]
    .filter(e => !e.querySelector(':scope > input, :scope > textarea'))
    .map(e => [e.getAttribute('aria-label') || '', e.childElementCount == 0 ? e.textContent : ''].join('\\n'));
  return {texts: texts.join('\\n'), fields: inputs.map(e => e.getAttribute('aria-label') || '')};
}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, str]]:
    """The applicant's device: its evidence sent with a note, the Fund asking for changes with a note of its own."""
    desk = approved()
    desk.move("officer", "sign_agreement", contract_no="SF-C-1", amount_irr=8 * BN, rate_pct=14, term_months=24,
              start_date="2027-01-15", signed_on="2027-01-10",
              milestones=[{"id": "m1", "title": "نمونه صنعتی", "deliverable": "۱۰ تن", "due_date": "2027-07-15",
                           "tranche_irr": 8 * BN}])  # fmt: skip
    desk.move("applicant", "milestone_evidence", milestone_id="m1", note=APPLICANT_NOTE,
              attachments=[{"document": "milestone_evidence", "sha256": "c" * 64, "file_name": "report.pdf",
                            "mime": "application/pdf", "bytes": 10}])  # fmt: skip
    desk.move("officer", "review_milestone", milestone_id="m1", accept=False, note_to_applicant=FUND_NOTE)
    folder: Path = tmp_path_factory.mktemp("fund-milestone")
    store = LocalStore.open(folder / "data")
    try:
        store.user.set_auth(
            {
                "api_url": "http://127.0.0.1:9",  # nothing listens: the app works from what the device holds
                "username": "sepahan1",
                "role": "supplier",
                "org_id": SUPPLIER_ID,
                "access_token": "a",
                "refresh_token": "r",
            }
        )
        store.device.set_setting("language", "fa")
        holds(store, desk, "applicant")
    finally:
        store.close()
    with serve_app(ROOT, folder / "data", folder / "app.log", drop_env=("FLET_", "ZANJIREH_")) as server:
        yield server, f"/fund/milestone/{desk.application_id}?m=m1"


def test_a_screen_reader_reads_the_milestones_evidence_cards_and_names_the_note_field_by_its_label(
    browser: Any, app: tuple[AppServer, str]
) -> None:
    server, path = app
    session = open_app(browser, server.url, *PHONE_360)
    try:
        page = session.page
        page.evaluate(
            "(p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate', {state: null})); }",
            path,
        )
        note = i18n.t("fund_evidence_note", "fa")
        wait_for_words(page, "report.pdf")
        # the field joins the tree a moment after the texts; named by its label alone, or never found by it
        field = page.get_by_role("textbox", name=note, exact=True)
        field.wait_for(state="attached")
        tree = page.evaluate(TREE_JS)
        where = f"semantics: {dump_semantics(page)}"
        # what the Fund holds of the milestone, each a text of its own card
        for words in (
            "report.pdf",
            i18n.t("fund_from_applicant", "fa", note=APPLICANT_NOTE),
            i18n.t("fund_to_applicant", "fa", note=FUND_NOTE),
            # the applicant's card: its heading and captions are read as texts, not inside the field's name
            i18n.t("fund_evidence_kept", "fa"),
        ):
            assert words in tree["texts"], f"{words!r} is not read as a text; {where}"
        assert note in tree["fields"], f"no field is named {note!r}: {tree['fields']}"
        assert not [f for f in tree["fields"] if i18n.t("fund_evidence_kept", "fa") in f], tree["fields"]
        assert field.count() == 1
    finally:
        session.context.close()
