"""No Latin digit (nor a Latin comma between Persian words) on a Fund screen in Persian: every tab and an application
at each role, with an award in the ledger (tracking numbers, amounts, dates, counts, sizes, percentages in Persian
digits)."""

from __future__ import annotations

import re
from pathlib import Path

from models.fund_ledger import ledger_entry
from tests.fund_factories import SUPPLIER_ID, Desk, make_programme
from tests.views.conftest import DESKTOP, run, start_app
from tests.views.test_fund_documents import fund_store

LATIN_DIGIT = re.compile(r"[0-9]")
#: Texts that are codes, not numbers a reader reads (a content hash's name).
CODES = ("SHA-256",)
#: The account line of the header names the user (an identifier: "sepahan1").
ACCOUNT = "sepahan1"


#: A Latin comma between Persian words (a list joined with ", " on a Persian screen).
LATIN_COMMA = re.compile(r"[\u0600-\u06ff], [\u0600-\u06ff]")


def latin(texts: list[str]) -> list[str]:
    return [
        t
        for t in texts
        if (LATIN_DIGIT.search(t.replace(ACCOUNT, "")) and not t.startswith(CODES)) or LATIN_COMMA.search(t)
    ]


def test_every_fund_screen_in_persian_prints_persian_digits(tmp_path: Path) -> None:
    desk = Desk()
    desk.to_active()
    entry = ledger_entry(desk.record, call=desk.call, programme=make_programme(), plants={})
    screens = {
        "supplier": [
            "/fund?tab=calls",
            "/fund?tab=mine",
            "/fund?tab=ledger",
            f"/fund/application/{desk.record.id}",
            f"/fund/award/{desk.record.id}",
            f"/fund/milestone/{desk.record.id}?m=m1",
        ],
        "fund_officer": [
            "/fund?tab=queue",
            f"/fund/application/{desk.record.id}",
            f"/fund/award/{desk.record.id}",
            f"/fund/milestone/{desk.record.id}?m=m1",
        ],
        "reviewer": ["/fund?tab=reviews"],
    }
    found: dict[str, list[str]] = {}
    for role, routes in screens.items():
        store = fund_store(tmp_path / role, role=role, org=SUPPLIER_ID if role == "supplier" else "ASSOC")
        records = [desk.record] if role != "supplier" else [desk.record.model_copy(update={"state": None})]
        store.replace_reference({"fund_applications": records, "fund_ledger": [entry] if entry else []}, "tests")

        async def scenario(store=store, routes=routes, role=role) -> None:  # type: ignore[no-untyped-def]
            h = await start_app(store, DESKTOP, route=routes[0])
            for route in routes:
                await h.go(route)
                bad = latin(h.texts())
                if bad:
                    found[f"{role} {route}"] = bad

        try:
            run(scenario())
        finally:
            store.close()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
