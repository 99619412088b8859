"""The guarantee estimate on a call of the Fund takes its amount in rials, as every other amount field of the Fund."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from models.fund_programmes import TEHRAN
from sync.store import LocalStore
from tests.fund_factories import SUPPLIER_ID, make_call, make_guarantee_programme, make_supplier
from tests.views.conftest import PHONE, run, start_app
from views.fund.words import money


def guarantee_store(folder: Path) -> LocalStore:
    now = dt.datetime.now(TEHRAN)
    call = make_call(id="FC-T2", programme_id="FP-T2", opens_at=now - dt.timedelta(days=3),
                     closes_at=now + dt.timedelta(days=20))  # fmt: skip
    store = LocalStore.open(folder)
    store.replace_reference(
        {"fund_programmes": [make_guarantee_programme()], "fund_calls": [call], "suppliers": [make_supplier()]},
        "tests",
    )
    store.user.set_auth({"api_url": "http://127.0.0.1:9", "username": "sepahan1", "role": "supplier",
                         "org_id": SUPPLIER_ID, "access_token": "a", "refresh_token": "r"})  # fmt: skip
    store.device.set_setting("language", "fa")
    return store


def test_the_guarantee_estimate_takes_rials_as_the_funds_other_amount_fields(tmp_path: Path) -> None:
    store = guarantee_store(tmp_path / "data")

    async def scenario() -> None:
        h = await start_app(store, PHONE, route="/fund")
        await h.wait_for(lambda: bool(h.find(data="fund-guarantee-amount")))
        field = h.by_data("fund-guarantee-amount")
        assert "ریال" in field.label  # the unit the application's amount fields are typed in
        await h.type_into(field, "۵۰۰۰۰۰۰۰۰۰")  # 5 billion rials, in Persian digits
        estimate = h.by_data("fund-guarantee-estimate").value
        assert money(5_000_000_000, "fa") in estimate  # shown in tomans, as every Fund amount is shown

    try:
        run(scenario())
    finally:
        store.close()
