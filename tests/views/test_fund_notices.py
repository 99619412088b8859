"""The Fund's notices on screen: an application's new stage named, with its tracking number in the reader's digits."""

from __future__ import annotations

import re

from sync.store import LocalStore
from tests.fund_factories import Desk
from tests.views.conftest import PHONE, app_state, run, start_app
from views.fund.state import FundState

LATIN_DIGIT = re.compile(r"[0-9]")


def test_a_stage_change_notice_names_the_new_stage_and_gives_the_tracking_number_in_the_readers_digits() -> None:
    desk = Desk()
    desk.submit()
    store = LocalStore.in_memory()
    store.replace_reference({"fund_applications": [desk.record]}, "tests")

    async def scenario() -> None:
        h = await start_app(store, PHONE, route="/fund")
        state = app_state(h)
        fund = state.part(FundState)
        fund.session_refreshed()  # the first look: what each application's stage is now
        desk.move("officer", "start_screening")
        desk.move("officer", "screen", outcome="eligible")  # received → in assessment
        store.replace_reference({"fund_applications": [desk.record]}, "tests")
        fund.session_refreshed()  # a sync brought the new stage
        await h.settle()
        tracking = desk.record.tracking_no
        shown = [t for t in h.texts() if "اکنون:" in t]
        assert shown and not LATIN_DIGIT.search(shown[0])
        assert "در حال ارزیابی صندوق" in shown[0]  # which stage, not only that there is a new one
        assert tracking.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in shown[0]
        await h.fire(h.by_data("toggle-language"))
        assert tracking in (state.notice_message or "")  # the notice follows the language, digits and all
        assert "Under assessment by the Fund" in (state.notice_message or "")  # and so does the stage's name

    try:
        run(scenario())
    finally:
        store.close()
